//! Swag packages in stock and their deliveries.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::domain::{DeliveryStatus, PersonId, ProgramId, Role};

/// A kind of package and how many are in stock.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Package {
    pub id: i64,
    pub name: String,
    pub stock: i64,
    pub delivered: i64,
}

const PACKAGE: &str = "
    SELECT s.id, s.name, s.stock,
           (SELECT count(*) FROM swag_delivery d WHERE d.package_id = s.id AND d.status = 'delivered')
    FROM swag_package s";

fn package_from_row(row: &Row<'_>) -> rusqlite::Result<Package> {
    Ok(Package {
        id: row.get(0)?,
        name: row.get(1)?,
        stock: row.get(2)?,
        delivered: row.get(3)?,
    })
}

/// Every package kind, by name.
pub fn packages(conn: &Connection) -> rusqlite::Result<Vec<Package>> {
    let mut stmt = conn.prepare(&format!("{PACKAGE} ORDER BY fold(s.name)"))?;
    stmt.query_map([], package_from_row)?.collect()
}

/// The package kind with this name (any case).
pub fn find_package(conn: &Connection, name: &str) -> rusqlite::Result<Option<Package>> {
    conn.query_row(
        &format!("{PACKAGE} WHERE fold(s.name) = fold(?1)"),
        [name.trim()],
        package_from_row,
    )
    .optional()
}

/// Adds `count` packages to the stock of `name` (any case), creating the kind when new.
pub fn add_stock(conn: &Connection, name: &str, count: i64) -> rusqlite::Result<Package> {
    match find_package(conn, name)? {
        Some(existing) => conn.execute(
            "UPDATE swag_package SET stock = stock + ?2 WHERE id = ?1",
            params![existing.id, count],
        )?,
        None => conn.execute(
            "INSERT INTO swag_package (name, stock) VALUES (?1, ?2)",
            params![name.trim(), count],
        )?,
    };
    find_package(conn, name)?.ok_or(rusqlite::Error::QueryReturnedNoRows)
}

/// A delivery with the person's and package's names.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Delivery {
    pub id: i64,
    pub person_id: PersonId,
    pub person: String,
    pub package: String,
    pub program: Option<String>,
    pub status: DeliveryStatus,
    pub delivered_on: NaiveDate,
    pub returned_on: Option<NaiveDate>,
    pub note: Option<String>,
}

const DELIVERY: &str = "
    SELECT d.id, d.person_id, p.name, s.name, pr.name, d.status, d.delivered_on, d.returned_on, d.note
    FROM swag_delivery d
    JOIN person p ON p.id = d.person_id
    JOIN swag_package s ON s.id = d.package_id
    LEFT JOIN program pr ON pr.id = d.program_id";

fn delivery_from_row(row: &Row<'_>) -> rusqlite::Result<Delivery> {
    Ok(Delivery {
        id: row.get(0)?,
        person_id: row.get(1)?,
        person: row.get(2)?,
        package: row.get(3)?,
        program: row.get(4)?,
        status: row.get(5)?,
        delivered_on: row.get(6)?,
        returned_on: row.get(7)?,
        note: row.get(8)?,
    })
}

/// Deliveries by date, of one person or all.
pub fn deliveries(conn: &Connection, person: Option<PersonId>) -> rusqlite::Result<Vec<Delivery>> {
    let mut stmt = conn.prepare(&format!(
        "{DELIVERY} WHERE ?1 IS NULL OR d.person_id = ?1 ORDER BY d.delivered_on, d.id"
    ))?;
    stmt.query_map([person], delivery_from_row)?.collect()
}

/// One delivery by id.
pub fn delivery(conn: &Connection, id: i64) -> rusqlite::Result<Option<Delivery>> {
    conn.query_row(
        &format!("{DELIVERY} WHERE d.id = ?1"),
        [id],
        delivery_from_row,
    )
    .optional()
}

/// The package of this kind the person has from this programme (delivered, not returned).
pub fn holding(
    conn: &Connection,
    person: PersonId,
    package: i64,
    program: ProgramId,
) -> rusqlite::Result<Option<Delivery>> {
    conn.query_row(
        &format!(
            "{DELIVERY} WHERE d.person_id = ?1 AND d.package_id = ?2 AND d.program_id = ?3
                 AND d.status = 'delivered'
             ORDER BY d.delivered_on DESC, d.id DESC LIMIT 1"
        ),
        params![person, package, program],
        delivery_from_row,
    )
    .optional()
}

/// Takes one package from stock and records its delivery. The caller checks the stock.
pub fn deliver(
    conn: &Connection,
    person: PersonId,
    package: i64,
    program: Option<ProgramId>,
    date: NaiveDate,
    note: Option<&str>,
) -> rusqlite::Result<i64> {
    conn.execute(
        "UPDATE swag_package SET stock = stock - 1 WHERE id = ?1",
        [package],
    )?;
    conn.execute(
        "INSERT INTO swag_delivery (person_id, package_id, program_id, status, delivered_on, note)
         VALUES (?1, ?2, ?3, 'delivered', ?4, ?5)",
        params![person, package, program, date, note],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Marks a delivery returned on `date` and puts the package back into stock.
pub fn return_delivery(conn: &Connection, id: i64, date: NaiveDate) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE swag_delivery SET status = 'returned', returned_on = ?2 WHERE id = ?1 AND status = 'delivered'",
        params![id, date],
    )?;
    conn.execute(
        "UPDATE swag_package SET stock = stock + 1
         WHERE id = (SELECT package_id FROM swag_delivery WHERE id = ?1)",
        [id],
    )?;
    Ok(())
}

/// An ambassador still owed a package.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Pending {
    pub person_id: PersonId,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub unit: Option<String>,
    pub enrolled_on: Option<NaiveDate>,
}

/// Ambassadors of the programme (active, or completed) still owed a package.
pub fn pending(
    conn: &Connection,
    program: ProgramId,
    each_cohort: bool,
) -> rusqlite::Result<Vec<Pending>> {
    // Owed: everyone enrolled who is still active or completed the programme (a closing
    // does not pay the debt), without a package delivered in this programme or, unless
    // each cohort gets its own, in any programme.
    let mut stmt = conn.prepare(
        "SELECT p.id, p.name, p.email, p.role, p.unit, e.enrolled_on
         FROM enrolment e
         JOIN person p ON p.id = e.person_id
         WHERE e.program_id = ?1 AND e.status IN ('active', 'completed')
           AND NOT EXISTS (
               SELECT 1 FROM swag_delivery d
               WHERE d.person_id = e.person_id AND d.status = 'delivered'
                 AND (d.program_id = ?1 OR NOT ?2))
         ORDER BY fold(p.name), p.id",
    )?;
    stmt.query_map(params![program, each_cohort], |row| {
        Ok(Pending {
            person_id: row.get(0)?,
            name: row.get(1)?,
            email: row.get(2)?,
            role: row.get(3)?,
            unit: row.get(4)?,
            enrolled_on: row.get(5)?,
        })
    })?
    .collect()
}
