//! People: the ambassadors and applicants, with their social handles.

use rusqlite::{Connection, OptionalExtension, Row, ToSql, params};

// Person, Handles and email_key moved to the domain layer; the paths here stay for callers above.
use crate::domain::{EnrolmentStatus, PersonId, ProgramId, Role};
pub use crate::domain::{Handles, Person, email_key};
use crate::error::{Taken, Thing, UserError};

/// Which people `person list` shows; `None` means any.
#[derive(Debug, Default)]
pub struct Filter {
    pub role: Option<Role>,
    pub unit: Option<String>,
    pub status: Option<EnrolmentStatus>,
    pub program: Option<ProgramId>,
}

const COLUMNS: &str = "p.id, p.name, p.email, p.role, p.unit, p.title, p.linkedin, p.x, p.facebook, p.instagram, p.mastodon, p.tiktok, p.youtube, p.blog";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Person> {
    Ok(Person {
        id: row.get(0)?,
        name: row.get(1)?,
        email: row.get(2)?,
        role: row.get(3)?,
        unit: row.get(4)?,
        title: row.get(5)?,
        handles: Handles {
            linkedin: row.get(6)?,
            x: row.get(7)?,
            facebook: row.get(8)?,
            instagram: row.get(9)?,
            mastodon: row.get(10)?,
            tiktok: row.get(11)?,
            youtube: row.get(12)?,
            blog: row.get(13)?,
        },
    })
}

/// People matching the filter, by name.
pub fn list(conn: &Connection, filter: &Filter) -> rusqlite::Result<Vec<Person>> {
    let sql = format!(
        "SELECT {COLUMNS} FROM person p
         WHERE (?1 IS NULL OR p.role = ?1)
           AND (?2 IS NULL OR fold(p.unit) = fold(?2))
           AND ((?3 IS NULL AND ?4 IS NULL) OR EXISTS (
                SELECT 1 FROM enrolment e
                WHERE e.person_id = p.id
                  AND (?3 IS NULL OR e.status = ?3)
                  AND (?4 IS NULL OR e.program_id = ?4)))
         ORDER BY fold(p.name), p.id"
    );
    let mut stmt = conn.prepare(&sql)?;
    stmt.query_map(
        params![filter.role, filter.unit, filter.status, filter.program],
        from_row,
    )?
    .collect()
}

/// One person by id.
pub fn get(conn: &Connection, id: PersonId) -> rusqlite::Result<Person> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM person p WHERE p.id = ?1"),
        [id],
        from_row,
    )
}

/// The person with this e-mail, compared case-insensitively.
pub fn find_by_email(conn: &Connection, email: &str) -> rusqlite::Result<Option<Person>> {
    conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM person p WHERE p.email_key = ?1"
    ))?
    .query_row([email_key(email)], from_row)
    .optional()
}

/// Finds a person by id, e-mail, or an unambiguous case-insensitive part of the name
/// (accents folded when nothing matches as typed).
pub fn resolve(conn: &Connection, query: &str) -> anyhow::Result<Person> {
    let trimmed = query.trim();
    let not_found = || UserError::NotFound {
        thing: Thing::Person,
        query: query.to_string(),
        known: Vec::new(),
    };
    if let Ok(id) = trimmed.parse::<i64>() {
        return get(conn, PersonId(id))
            .optional()?
            .ok_or_else(|| not_found().into());
    }
    if trimmed.contains('@') {
        return find_by_email(conn, trimmed)?.ok_or_else(|| not_found().into());
    }
    if trimmed.is_empty() {
        return Err(not_found().into());
    }
    let by_name = |sql: &str| -> rusqlite::Result<Vec<Person>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM person p WHERE {sql} ORDER BY fold(p.name), p.id LIMIT 11"
        );
        let mut stmt = conn.prepare(&sql)?;
        stmt.query_map([trimmed], from_row)?.collect()
    };
    // Exact, then a part of the name; and only when nothing matches, the same with accents
    // folded ("aijala" finds Äijälä). Each step still refuses ambiguity.
    let mut found = Vec::new();
    for rule in [
        "fold(p.name) = fold(?1)",
        "instr(fold(p.name), fold(?1)) > 0",
        "fold_accents(p.name) = fold_accents(?1)",
        "instr(fold_accents(p.name), fold_accents(?1)) > 0",
    ] {
        found = by_name(rule)?;
        if !found.is_empty() {
            break;
        }
    }
    match found.len() {
        0 => Err(not_found().into()),
        1 => Ok(found.remove(0)),
        _ => {
            let mut candidates: Vec<String> = found
                .iter()
                .take(10)
                .map(|p| format!("{} <{}> (id {})", p.name, p.email, p.id))
                .collect();
            if found.len() > 10 {
                candidates.push("…".to_string());
            }
            Err(UserError::Ambiguous {
                thing: Thing::Person,
                query: query.to_string(),
                candidates,
            }
            .into())
        }
    }
}

/// Adds a person; refuses an e-mail that is already someone's.
pub fn insert(conn: &Connection, person: &Person) -> anyhow::Result<PersonId> {
    ensure_email_free(conn, &person.email, None)?;
    let key = email_key(&person.email);
    conn.prepare_cached(
        "INSERT INTO person (name, email, email_key, role, unit, title, linkedin, x, facebook,
                             instagram, mastodon, tiktok, youtube, blog)
         VALUES (:name, :email, :email_key, :role, :unit, :title, :linkedin, :x, :facebook,
                 :instagram, :mastodon, :tiktok, :youtube, :blog)",
    )?
    .execute(&fields(person, &key)[1..])?;
    Ok(PersonId(conn.last_insert_rowid()))
}

/// Writes every field of `person` over the stored row with the same id.
pub fn update(conn: &Connection, person: &Person) -> anyhow::Result<()> {
    ensure_email_free(conn, &person.email, Some(person.id))?;
    let key = email_key(&person.email);
    conn.prepare_cached(
        "UPDATE person SET name = :name, email = :email, email_key = :email_key, role = :role,
             unit = :unit, title = :title, linkedin = :linkedin, x = :x, facebook = :facebook,
             instagram = :instagram, mastodon = :mastodon, tiktok = :tiktok, youtube = :youtube,
             blog = :blog
         WHERE id = :id",
    )?
    .execute(&fields(person, &key)[..])?;
    Ok(())
}

/// A person's columns as named parameters, `:id` first.
fn fields<'a>(person: &'a Person, email_key: &'a dyn ToSql) -> [(&'static str, &'a dyn ToSql); 15] {
    let h = &person.handles;
    [
        (":id", &person.id),
        (":name", &person.name),
        (":email", &person.email),
        (":email_key", email_key),
        (":role", &person.role),
        (":unit", &person.unit),
        (":title", &person.title),
        (":linkedin", &h.linkedin),
        (":x", &h.x),
        (":facebook", &h.facebook),
        (":instagram", &h.instagram),
        (":mastodon", &h.mastodon),
        (":tiktok", &h.tiktok),
        (":youtube", &h.youtube),
        (":blog", &h.blog),
    ]
}

fn ensure_email_free(
    conn: &Connection,
    email: &str,
    except: Option<PersonId>,
) -> anyhow::Result<()> {
    let taken: Option<(i64, String)> = conn
        .prepare_cached("SELECT id, name FROM person WHERE email_key = ?1 AND id IS NOT ?2")?
        .query_row(params![email_key(email), except], |row| {
            Ok((row.get(0)?, row.get(1)?))
        })
        .optional()?;
    match taken {
        Some((id, owner)) => Err(Taken::Email {
            email: email.to_string(),
            owner,
            id,
        }
        .into()),
        None => Ok(()),
    }
}
