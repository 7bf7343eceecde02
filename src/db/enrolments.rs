//! Enrolments: a person's place in a programme, with consent and dates.

use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::domain::{EnrolmentPeriod, EnrolmentStatus, PersonId, ProgramId, Role};

/// An enrolment as stored, with the programme's name.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Enrolment {
    pub id: i64,
    pub person_id: PersonId,
    pub program_id: ProgramId,
    pub program: String,
    pub status: EnrolmentStatus,
    pub applied_on: Option<NaiveDate>,
    pub enrolled_on: Option<NaiveDate>,
    pub ended_on: Option<NaiveDate>,
    pub consent_date: Option<NaiveDate>,
    pub guidelines_version: Option<String>,
    pub motivation: Option<String>,
    pub withdraw_reason: Option<String>,
}

impl Enrolment {
    /// The date on which this enrolment's status was last set, for messages.
    pub fn since(&self) -> Option<NaiveDate> {
        self.ended_on.or(self.enrolled_on).or(self.applied_on)
    }
}

const SELECT: &str = "
    SELECT e.id, e.person_id, e.program_id, pr.name, e.status, e.applied_on, e.enrolled_on, e.ended_on,
           e.consent_date, e.guidelines_version, e.motivation, e.withdraw_reason
    FROM enrolment e JOIN program pr ON pr.id = e.program_id";

fn from_row(row: &Row<'_>) -> rusqlite::Result<Enrolment> {
    Ok(Enrolment {
        id: row.get(0)?,
        person_id: row.get(1)?,
        program_id: row.get(2)?,
        program: row.get(3)?,
        status: row.get(4)?,
        applied_on: row.get(5)?,
        enrolled_on: row.get(6)?,
        ended_on: row.get(7)?,
        consent_date: row.get(8)?,
        guidelines_version: row.get(9)?,
        motivation: row.get(10)?,
        withdraw_reason: row.get(11)?,
    })
}

/// The person's enrolment in the programme, if any.
pub fn find(
    conn: &Connection,
    person: PersonId,
    program: ProgramId,
) -> rusqlite::Result<Option<Enrolment>> {
    conn.prepare_cached(&format!(
        "{SELECT} WHERE e.person_id = ?1 AND e.program_id = ?2"
    ))?
    .query_row(params![person, program], from_row)
    .optional()
}

/// Every enrolment of a person, oldest programme first.
pub fn for_person(conn: &Connection, person: PersonId) -> rusqlite::Result<Vec<Enrolment>> {
    let mut stmt = conn.prepare(&format!(
        "{SELECT} WHERE e.person_id = ?1 ORDER BY pr.start_date, pr.id"
    ))?;
    stmt.query_map([person], from_row)?.collect()
}

/// A new applicant: status applied, with the motivation they wrote.
pub fn insert_applicant(
    conn: &Connection,
    person: PersonId,
    program: ProgramId,
    date: NaiveDate,
    motivation: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO enrolment (person_id, program_id, status, applied_on, motivation)
         VALUES (?1, ?2, 'applied', ?3, ?4)",
    )?
    .execute(params![person, program, date, motivation])?;
    Ok(())
}

/// A new active ambassador, consenting on `date` to the given guidelines.
pub fn insert_active(
    conn: &Connection,
    person: PersonId,
    program: ProgramId,
    date: NaiveDate,
    guidelines_version: &str,
    motivation: Option<&str>,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "INSERT INTO enrolment (person_id, program_id, status, enrolled_on, consent_date, guidelines_version, motivation)
         VALUES (?1, ?2, 'active', ?3, ?3, ?4, ?5)",
    )?
    .execute(params![person, program, date, guidelines_version, motivation])?;
    Ok(())
}

/// Moves an applicant to active on `date`, recording consent.
pub fn activate(
    conn: &Connection,
    id: i64,
    date: NaiveDate,
    guidelines_version: &str,
) -> rusqlite::Result<()> {
    conn.prepare_cached(
        "UPDATE enrolment SET status = 'active', enrolled_on = ?2, consent_date = ?2, guidelines_version = ?3
         WHERE id = ?1 AND status = 'applied'",
    )?
    .execute(params![id, date, guidelines_version])?;
    Ok(())
}

/// Ends an applied or active enrolment as withdrawn on `date`.
pub fn withdraw(
    conn: &Connection,
    id: i64,
    date: NaiveDate,
    reason: Option<&str>,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE enrolment SET status = 'withdrawn', ended_on = ?2, withdraw_reason = ?3
         WHERE id = ?1 AND status IN ('applied', 'active')",
        params![id, date, reason],
    )?;
    Ok(())
}

/// Active ambassadors of a programme counted by role and unit.
#[derive(Debug, Clone, Default, Serialize)]
pub struct UnitCount {
    pub unit: String,
    pub role: Role,
    pub active: i64,
}

/// How many ambassadors each unit has, per role (active, or who completed the programme);
/// units by name.
pub fn active_by_unit(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<UnitCount>> {
    let mut stmt = conn.prepare(
        "SELECT coalesce(p.unit, ''), p.role, count(*)
         FROM enrolment e JOIN person p ON p.id = e.person_id
         WHERE e.program_id = ?1 AND (e.status = ?2 OR (e.status = 'completed' AND e.enrolled_on IS NOT NULL))
         GROUP BY fold(coalesce(p.unit, '')), p.role
         ORDER BY fold(coalesce(p.unit, '')), p.role",
    )?;
    stmt.query_map(params![program, EnrolmentStatus::Active], |row| {
        Ok(UnitCount {
            unit: row.get(0)?,
            role: row.get(1)?,
            active: row.get(2)?,
        })
    })?
    .collect()
}

/// Every enrolment period of a person, the latest-starting programme first.
pub fn periods(conn: &Connection, person: PersonId) -> rusqlite::Result<Vec<EnrolmentPeriod>> {
    let mut stmt = conn.prepare_cached(
        "SELECT ep.program_id, ep.first_day, ep.last_day,
                (SELECT group_concat(tag, ' ') FROM program_hashtag WHERE program_id = ep.program_id)
         FROM enrolment_period ep JOIN program p ON p.id = ep.program_id
         WHERE ep.person_id = ?1
         ORDER BY p.start_date DESC, p.id DESC",
    )?;
    stmt.query_map([person], |row| {
        let tags: Option<String> = row.get(3)?;
        Ok(EnrolmentPeriod {
            program: row.get(0)?,
            first_day: row.get(1)?,
            last_day: row.get(2)?,
            tags: tags
                .map(|t| t.split(' ').map(str::to_string).collect())
                .unwrap_or_default(),
        })
    })?
    .collect()
}

/// The people ever enrolled in `program` (applicants never enrolled are no ambassadors).
pub fn ever_enrolled(conn: &Connection, program: ProgramId) -> rusqlite::Result<Vec<PersonId>> {
    let mut stmt =
        conn.prepare("SELECT DISTINCT person_id FROM enrolment_period WHERE program_id = ?1")?;
    stmt.query_map([program], |row| row.get(0))?.collect()
}

/// Whether the person was an enrolled ambassador of the programme on `date` (an applicant
/// never was; a withdrawn or completed enrolment covers only its own days).
pub fn was_enrolled(
    conn: &Connection,
    person: PersonId,
    program: ProgramId,
    date: NaiveDate,
) -> rusqlite::Result<bool> {
    conn.prepare_cached(
        "SELECT EXISTS (SELECT 1 FROM enrolment_period
                        WHERE person_id = ?1 AND program_id = ?2 AND first_day <= ?3
                          AND (last_day IS NULL OR last_day >= ?3))",
    )?
    .query_row(params![person, program, date], |row| row.get(0))
}

/// Enrols everyone who completed programme `from` in programme `to` (an alumni programme)
/// on `date`, with the consent they gave before. Returns how many.
pub fn enrol_completed(
    conn: &Connection,
    from: ProgramId,
    to: ProgramId,
    date: NaiveDate,
) -> rusqlite::Result<usize> {
    conn.execute(
        "INSERT INTO enrolment (person_id, program_id, status, enrolled_on, consent_date, guidelines_version)
         SELECT person_id, ?2, 'active', ?3, ?3, guidelines_version FROM enrolment
         WHERE program_id = ?1 AND status = 'completed' ORDER BY id",
        params![from, to, date],
    )
}
