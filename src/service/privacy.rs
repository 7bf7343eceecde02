//! The data subjects' rights: a person's data exported (Art. 15, 20), a person forgotten
//! (Art. 17), and retention (Art. 5(1)(e)) — each from what the schema itself holds.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;

use crate::config::Retention;
use crate::db::audit::Counts;
use crate::db::privacy::{self as db, Erased, Mention, Row};
use crate::domain::PersonId;
use crate::error::refuse;

/// A table that refers to a person: what it holds, in words, and how `person forget` treats
/// each of its text columns: `erased` ones identify the person and go; `kept` ones are
/// counts, dates and categories the programme's totals are made of.
pub struct PersonTable {
    pub table: &'static str,
    pub holds: &'static str,
    pub erased: &'static [&'static str],
    pub kept: &'static [&'static str],
}

/// Every table that holds personal data, the person first. A test reads the schema and
/// fails when a table refers to a person, or has a text column, that is not listed here.
pub const PERSON_TABLES: &[PersonTable] = &[
    PersonTable {
        table: "person",
        holds: "identity: name, work e-mail, role, unit, title, social-media handles",
        erased: &[
            "name",
            "email",
            "email_key",
            "title",
            "linkedin",
            "x",
            "facebook",
            "instagram",
            "mastodon",
            "tiktok",
            "youtube",
            "blog",
        ],
        kept: &["role", "unit"],
    },
    PersonTable {
        table: "enrolment",
        holds: "applications and enrolments: programme, status, dates, consent date and the guidelines version accepted, motivation, reason for withdrawing",
        erased: &["motivation", "withdraw_reason"],
        kept: &[
            "status",
            "applied_on",
            "enrolled_on",
            "ended_on",
            "consent_date",
            "guidelines_version",
        ],
    },
    PersonTable {
        table: "attendance",
        holds: "training attendance: attended, absent or excused",
        erased: &[],
        kept: &["status"],
    },
    PersonTable {
        table: "swag_delivery",
        holds: "swag packages delivered and returned, with dates and a note",
        erased: &["note"],
        kept: &["status", "delivered_on", "returned_on"],
    },
    PersonTable {
        table: "import_batch",
        holds: "imports of the person's own social-media data exports: file name, its SHA-256, format, counts, time",
        erased: &["file"],
        kept: &["sha256", "format", "imported_at", "undone_at"],
    },
    PersonTable {
        table: "activity",
        holds: "posts, shares, visits and talks: date, kind, channel, address (URL), programme hashtags, metrics, note; the post's text only when imported with --keep-text",
        erased: &["url", "post_id", "url_form", "text", "note"],
        // (`kind_other` is the name of a kind configured in amb.toml: db::activities.)
        kept: &[
            "date",
            "kind",
            "kind_other",
            "channel",
            "hashtags",
            "source",
        ],
    },
    PersonTable {
        table: "person_tally",
        holds: "how many activities of each kind and channel per programme and year, kept from the activities for the reports",
        erased: &[],
        kept: &["kind", "channel"],
    },
    PersonTable {
        table: "feedback",
        holds: "feedback on a programme: score and comment",
        erased: &["comment"],
        kept: &["given_on"],
    },
    PersonTable {
        table: "points_entry",
        holds: "reward points: awards, redemptions, reversals, with dates and reasons",
        // A reason is erased only where it names the person (see `forget`).
        erased: &[],
        kept: &[
            "date",
            "kind",
            "reason",
            "source",
            "idempotency_key",
            "created_at",
        ],
    },
    PersonTable {
        table: "points_tally",
        holds: "reward points summed per programme and year, kept from the entries for quick balances and reports",
        erased: &[],
        kept: &[],
    },
];

/// The name a forgotten person is left with.
pub fn forgotten_name(person: PersonId) -> String {
    format!("former ambassador {}", person.0)
}

/// Everything the file holds about one person, table by table.
#[derive(Debug, Serialize)]
pub struct PersonExport {
    pub person_id: PersonId,
    pub exported_on: NaiveDate,
    pub person: Row,
    /// Every table with a reference to the person (found from the schema), its rows.
    pub tables: BTreeMap<String, Vec<Row>>,
    /// Audit entries about the person (the log names no one; `person forget` records the id).
    pub audit: Vec<Row>,
}

/// Collects every row about the person from every table that refers to a person.
pub fn export(
    conn: &Connection,
    person: PersonId,
    today: NaiveDate,
) -> anyhow::Result<PersonExport> {
    let mut found = db::rows_where(conn, "person", "id", person.0)?;
    let Some(row) = found.pop() else {
        return Err(refuse(format!("no person has the id {}", person.0)).into());
    };
    let references = db::person_references(conn)?;
    let mut tables = BTreeMap::new();
    for reference in &references {
        let several = references
            .iter()
            .filter(|r| r.table == reference.table)
            .count()
            > 1;
        let key = if several {
            format!("{}.{}", reference.table, reference.column)
        } else {
            reference.table.clone()
        };
        let rows = db::rows_where(conn, &reference.table, &reference.column, person.0)?;
        tables.insert(key, rows);
    }
    Ok(PersonExport {
        person_id: person,
        exported_on: today,
        person: row,
        tables,
        audit: db::audit_about(conn, person)?,
    })
}

/// The export as Markdown: a section per table, each row a two-column table of its fields.
pub fn export_markdown(export: &PersonExport) -> String {
    let mut text = format!(
        "# Personal data held about person {}\n\nExported on {} by amb: every row of every table that refers to this person.\n\n## person\n\n",
        export.person_id.0, export.exported_on
    );
    markdown_row(&mut text, &export.person);
    let sections = export
        .tables
        .iter()
        .map(|(k, v)| (k.as_str(), v))
        .chain(std::iter::once(("audit", &export.audit)));
    for (table, rows) in sections {
        let holds = PERSON_TABLES
            .iter()
            .find(|t| t.table == table.split('.').next().unwrap_or(table))
            .map_or(String::new(), |t| format!(" — {}", t.holds));
        text.push_str(&format!("## {table}{holds}\n\n"));
        if rows.is_empty() {
            text.push_str("None.\n\n");
        }
        for (index, row) in rows.iter().enumerate() {
            text.push_str(&format!("### {table} {}\n\n", index + 1));
            markdown_row(&mut text, row);
        }
    }
    text
}

fn markdown_row(text: &mut String, row: &Row) {
    text.push_str("| field | value |\n|---|---|\n");
    for (key, value) in row {
        let value = match value {
            serde_json::Value::Null => continue,
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        let cell = value
            .replace('\\', "\\\\")
            .replace('|', "\\|")
            .replace(['\r', '\n'], " ");
        text.push_str(&format!("| {key} | {cell} |\n"));
    }
    text.push('\n');
}

/// What forgetting a person did.
#[derive(Debug, Clone, Serialize)]
pub struct Forgotten {
    pub person_id: PersonId,
    pub name: String,
    #[serde(flatten)]
    pub erased: Erased,
    /// Ledger entries whose reason named the person; only their reason was replaced.
    pub ledger_reasons_erased: Vec<i64>,
    /// Other places that still mention the person's name, e-mail or a handle (a programme's
    /// or training's name, a trainer, a KPI note): amb does not guess; edit them by hand.
    pub remaining_mentions: Vec<Mention>,
    /// Backups that still hold the person (filled in by the command, which knows the folder).
    pub backups_still_holding: Vec<std::path::PathBuf>,
    /// The person's e-mail (folded) before, to find the backups that still hold them.
    #[serde(skip)]
    pub former_email_key: String,
}

impl Forgotten {
    /// The audit entry: the person's id and how much changed — no personal data.
    pub fn audit_counts(&self) -> Counts {
        vec![
            ("person", self.person_id.0),
            ("enrolments_erased", self.erased.enrolments as i64),
            ("activities_erased", self.erased.activities as i64),
            ("feedback_erased", self.erased.feedback as i64),
            ("imports_erased", self.erased.imports as i64),
            ("deliveries_erased", self.erased.deliveries as i64),
            (
                "ledger_reasons_erased",
                self.ledger_reasons_erased.len() as i64,
            ),
        ]
    }
}

/// Forgets a person inside the caller's transaction: their identity and every text that
/// identifies them are erased; counts, dates, units, channels, metrics and points stay,
/// attached to "former ambassador N". Ledger reasons that name them are replaced (the one
/// change to the ledger: see `db::privacy::erase_ledger_reasons`). The caller compacts the
/// file after committing.
pub fn forget(conn: &Connection, person: PersonId) -> anyhow::Result<Forgotten> {
    if db::is_forgotten(conn, person)? {
        return Err(
            refuse(format!("person {} has already been forgotten", person.0))
                .hint("nothing about them is left to erase")
                .into(),
        );
    }
    let before = crate::db::people::get(conn, person)?;
    let handles = &before.handles;
    let needles: Vec<String> = [
        Some(before.name.clone()),
        Some(before.email.clone()),
        handles.linkedin.clone(),
        handles.x.clone(),
        handles.facebook.clone(),
        handles.instagram.clone(),
        handles.mastodon.clone(),
        handles.tiktok.clone(),
        handles.youtube.clone(),
        handles.blog.clone(),
    ]
    .into_iter()
    .flatten()
    .map(|s| s.trim().to_string())
    .filter(|s| s.chars().count() >= 3)
    .collect();
    let name = forgotten_name(person);
    let erased = db::erase_person(conn, person, &name)?;
    let mentions = db::mentions(conn, &needles)?;
    let (ledger, remaining): (Vec<Mention>, Vec<Mention>) = mentions
        .into_iter()
        .partition(|m| m.table == "points_entry" && m.column == "reason");
    let ledger_ids: Vec<i64> = ledger.iter().map(|m| m.rowid).collect();
    db::erase_ledger_reasons(
        conn,
        &ledger_ids,
        &format!("reason erased when person {} was forgotten", person.0),
    )?;
    Ok(Forgotten {
        person_id: person,
        name,
        erased,
        ledger_reasons_erased: ledger_ids,
        remaining_mentions: remaining,
        backups_still_holding: Vec::new(),
        former_email_key: crate::db::people::email_key(&before.email),
    })
}

/// Why someone is due to be forgotten: which retention rule holds them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PurgeReason {
    /// An applicant never enrolled, `since` their last application.
    #[default]
    Applicant,
    /// A former ambassador, `since` their last enrolment ended.
    FormerAmbassador,
}

/// Someone past the retention limits, and why.
#[derive(Debug, Clone, Default, Serialize)]
pub struct PurgeCandidate {
    pub person_id: i64,
    pub name: String,
    pub reason: PurgeReason,
    pub since: Option<NaiveDate>,
    /// How long the rule keeps them (`[retention]`).
    pub kept_months: u32,
    pub due_on: Option<NaiveDate>,
}

/// The people the retention rules say are due to be forgotten on `today`.
pub fn due_for_purge(
    conn: &Connection,
    retention: &Retention,
    today: NaiveDate,
) -> anyhow::Result<Vec<PurgeCandidate>> {
    let mut due = Vec::new();
    for candidate in db::retention_candidates(conn)? {
        let (months, reason) = if candidate.enrolled {
            (
                retention.former_ambassadors_months,
                PurgeReason::FormerAmbassador,
            )
        } else {
            (retention.applicants_months, PurgeReason::Applicant)
        };
        if months == 0 {
            continue;
        }
        let Some(due_on) = candidate
            .since
            .checked_add_months(chrono::Months::new(months))
        else {
            continue;
        };
        if due_on <= today {
            due.push(PurgeCandidate {
                person_id: candidate.person.0,
                name: candidate.name,
                reason,
                since: Some(candidate.since),
                kept_months: months,
                due_on: Some(due_on),
            });
        }
    }
    Ok(due)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::db::{self as store};
    use rusqlite::params;

    /// A database with Aino in every table that can refer to a person.
    fn aino_everywhere() -> Connection {
        let conn = store::memory();
        conn.execute_batch(
            "INSERT INTO program (id, name, start_date, end_date) VALUES (1, 'Vaasa 2022', '2022-10-01', '2023-09-30');
             INSERT INTO person (id, name, email, email_key, role, unit, title, linkedin, x)
                 VALUES (1, 'Aino Mäkelä', 'aino@vaasa.example', 'aino@vaasa.example', 'employee', 'Sivistystoimi', 'Teacher', 'https://linkedin.com/in/ainomakela', '@ainom');
             INSERT INTO person (id, name, email, email_key, role, unit)
                 VALUES (2, 'Mikael Westerlund', 'mikael@vaasa.example', 'mikael@vaasa.example', 'manager', 'Sivistystoimi');
             INSERT INTO enrolment (person_id, program_id, status, enrolled_on, consent_date, motivation)
                 VALUES (1, 1, 'active', '2022-10-14', '2022-10-14', 'I love Vaasa');
             INSERT INTO training (id, program_id, title, date, kind) VALUES (1, 1, 'Kickoff', '2022-10-20', 'kickoff');
             INSERT INTO attendance (training_id, person_id, status) VALUES (1, 1, 'attended');
             INSERT INTO swag_package (id, name, stock) VALUES (1, 'Hoodie', 5);
             INSERT INTO swag_delivery (person_id, package_id, program_id, status, delivered_on, note)
                 VALUES (1, 1, 1, 'delivered', '2022-10-20', 'size M, for Aino');
             INSERT INTO import_batch (id, file, sha256, format, person_id, imported_at)
                 VALUES (1, 'Aino_Makela_Shares.csv', '0000000000000000000000000000000000000000000000000000000000000000', 'linkedin', 1, '2022-11-01T10:00:00Z');
             INSERT INTO activity (person_id, program_id, day, kind_code, channel_code, url, batch_id, post_id, text)
                 VALUES (1, 1, unixepoch('2022-10-21') / 86400, 0, 0, 'https://linkedin.com/in/ainomakela/post/1', 1, -17, 'My first post');
             INSERT INTO feedback (person_id, program_id, score, comment, given_on)
                 VALUES (1, 1, 5, 'Great fun', '2023-01-10');",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, source, created_at)
             VALUES (1, 1, unixepoch('2022-10-21') / 86400, 10, 'award', 'thanks, Aino Mäkelä', 'manual', '2022-10-21T10:00:00Z'),
                    (1, 1, unixepoch('2022-10-22') / 86400, 5, 'award', 'stand at the fair', 'manual', '2022-10-22T10:00:00Z')",
            params![],
        )
        .unwrap();
        conn
    }

    #[test]
    fn every_table_that_refers_to_a_person_and_each_of_its_text_columns_is_classified() {
        let conn = store::memory();
        let mut tables: Vec<String> = store::privacy::person_references(&conn)
            .unwrap()
            .into_iter()
            .map(|r| r.table)
            .collect();
        tables.push("person".to_string());
        for table in &tables {
            let Some(rule) = PERSON_TABLES.iter().find(|t| t.table == table) else {
                panic!(
                    "table {table} refers to a person but is not in PERSON_TABLES: export, forget and the privacy notice must cover it"
                );
            };
            let mut stmt = conn
                .prepare("SELECT name FROM pragma_table_info(?1) WHERE upper(type) = 'TEXT'")
                .unwrap();
            let columns: Vec<String> = stmt
                .query_map([table], |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            for column in columns {
                assert!(
                    rule.erased.contains(&column.as_str()) || rule.kept.contains(&column.as_str()),
                    "{table}.{column} is neither erased nor kept by person forget"
                );
            }
        }
        assert_eq!(
            tables.len(),
            PERSON_TABLES.len(),
            "a listed table is gone: {tables:?}"
        );
    }

    #[test]
    fn the_export_has_every_table_that_refers_to_a_person_with_their_rows() {
        let conn = aino_everywhere();
        let today = NaiveDate::from_ymd_opt(2023, 2, 1).unwrap();
        let export = export(&conn, PersonId(1), today).unwrap();
        assert_eq!(export.person["name"], "Aino Mäkelä");
        for reference in store::privacy::person_references(&conn).unwrap() {
            let rows = &export.tables[&reference.table];
            assert!(
                !rows.is_empty(),
                "{} has no rows in the export",
                reference.table
            );
        }
        assert_eq!(export.tables["activity"][0]["text"], "My first post");
        assert_eq!(export.tables["points_entry"].len(), 2);
        let markdown = export_markdown(&export);
        assert!(
            markdown.contains("| motivation | I love Vaasa |"),
            "{markdown}"
        );
    }

    #[test]
    fn forgetting_erases_every_identifying_column_and_keeps_the_rest() {
        let conn = aino_everywhere();
        let done = forget(&conn, PersonId(1)).unwrap();
        assert_eq!(done.ledger_reasons_erased.len(), 1);
        assert!(
            done.remaining_mentions.is_empty(),
            "{:?}",
            done.remaining_mentions
        );
        for rule in PERSON_TABLES {
            let column = if rule.table == "person" {
                "id"
            } else {
                "person_id"
            };
            for erased in rule.erased {
                let left: i64 = conn
                    .query_row(
                        &format!(
                            "SELECT count(*) FROM {} WHERE {column} = 1 AND {erased} IS NOT NULL
                               AND {erased} NOT LIKE '%forgotten%' AND {erased} NOT LIKE 'former ambassador %'",
                            rule.table
                        ),
                        [],
                        |row| row.get(0),
                    )
                    .unwrap();
                assert_eq!(left, 0, "{}.{erased} still holds Aino", rule.table);
            }
        }
        let name: String = conn
            .query_row("SELECT name FROM person WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(name, "former ambassador 1");
        let (total, unit): (i64, String) = conn
            .query_row(
                "SELECT (SELECT sum(amount) FROM points_entry WHERE person_id = 1), unit FROM person WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((total, unit.as_str()), (15, "Sivistystoimi"));
        assert!(
            store::privacy::mentions(&conn, &["Mäkelä".to_string(), "aino@".to_string()])
                .unwrap()
                .is_empty()
        );
        // The ledger is append-only again.
        assert!(
            conn.execute("UPDATE points_entry SET amount = 1", [])
                .is_err()
        );
        // Mikael is untouched.
        let mikael: String = conn
            .query_row("SELECT name FROM person WHERE id = 2", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mikael, "Mikael Westerlund");
        let again = forget(&conn, PersonId(1)).unwrap_err().to_string();
        assert!(again.contains("already been forgotten"), "{again}");
    }

    #[test]
    fn retention_finds_applicants_and_former_ambassadors_past_their_months() {
        let conn = store::memory();
        conn.execute_batch(
            "INSERT INTO program (id, name, start_date, end_date) VALUES (1, 'Vaasa 2022', '2022-10-01', '2023-09-30');
             INSERT INTO program (id, name, start_date) VALUES (2, 'Alumni', '2023-10-01');
             INSERT INTO person (id, name, email, email_key, role) VALUES
                 (1, 'Applicant', 'a@x.example', 'a@x.example', 'employee'),
                 (2, 'Former', 'f@x.example', 'f@x.example', 'employee'),
                 (3, 'Active', 'c@x.example', 'c@x.example', 'employee'),
                 (4, 'Alumnus', 'd@x.example', 'd@x.example', 'employee'),
                 (5, 'Recent', 'e@x.example', 'e@x.example', 'employee');
             INSERT INTO enrolment (person_id, program_id, status, applied_on) VALUES (1, 1, 'applied', '2022-09-01');
             INSERT INTO enrolment (person_id, program_id, status, enrolled_on, consent_date, ended_on) VALUES
                 (2, 1, 'completed', '2022-10-14', '2022-10-14', '2023-09-30'),
                 (4, 1, 'completed', '2022-10-14', '2022-10-14', '2023-09-30'),
                 (5, 1, 'withdrawn', '2022-10-14', '2022-10-14', '2025-01-01');
             INSERT INTO enrolment (person_id, program_id, status, enrolled_on, consent_date) VALUES
                 (3, 1, 'active', '2022-10-14', '2022-10-14'),
                 (4, 2, 'active', '2023-10-01', '2023-10-01');",
        )
        .unwrap();
        let today = NaiveDate::from_ymd_opt(2025, 10, 1).unwrap();
        let due = due_for_purge(&conn, &Retention::default(), today).unwrap();
        let ids: Vec<i64> = due.iter().map(|c| c.person_id).collect();
        assert_eq!(ids, [1, 2]);
        assert_eq!(due[1].due_on, NaiveDate::from_ymd_opt(2025, 9, 30));
        let never = Retention {
            applicants_months: 0,
            former_ambassadors_months: 0,
        };
        assert!(due_for_purge(&conn, &never, today).unwrap().is_empty());
    }
}
