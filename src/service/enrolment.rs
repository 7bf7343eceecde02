//! A person's place in a programme: applying, enrolling and withdrawing, and the dates
//! each is allowed on.

use chrono::NaiveDate;
use rusqlite::Connection;

use super::activities::refuse_activities_from;
use super::people::{PersonFields, new_person};
use super::programs::ProgramChoice;
use crate::db::enrolments::{self, Enrolment};
use crate::db::people::{self, Person};
use crate::db::programs::{self, Program};
use crate::domain::{EnrolmentStatus, ProgramStatus};
use crate::error::{invalid, refuse};

/// How a person joins a programme.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Joining {
    /// As an applicant: any time before the programme ends.
    Apply,
    /// As an active ambassador: within the programme's dates.
    Enrol,
}

/// Refuses joining a closed programme, or on a date it does not cover.
pub fn check_joining(program: &Program, date: NaiveDate, how: Joining) -> anyhow::Result<()> {
    if program.status == ProgramStatus::Closed {
        return Err(invalid(format!(
            "{} is closed; it takes no new applicants or ambassadors",
            program.name
        )));
    }
    if let Some(end) = program.end_date
        && date > end
    {
        return Err(invalid(format!(
            "{} ended on {end}; cannot {} on {date}",
            program.name,
            if how == Joining::Enrol {
                "enrol"
            } else {
                "apply"
            }
        )));
    }
    if how == Joining::Enrol && date < program.start_date {
        return Err(refuse(format!(
            "{} starts on {}; cannot enrol on {date}",
            program.name, program.start_date
        ))
        .hint("record the person with `amb apply` until then")
        .into());
    }
    Ok(())
}

fn describe(person: &Person, enrolment: &Enrolment) -> String {
    let since = enrolment
        .since()
        .map(|d| format!(" since {d}"))
        .unwrap_or_default();
    format!(
        "{} is already {} in {}{since}",
        person.name, enrolment.status, enrolment.program
    )
}

/// The person an `enroll`/`apply` names: matched by e-mail (created when new), else looked
/// up by `query`. Returns whether the person was created.
fn person_for(
    conn: &Connection,
    query: &str,
    fields: &PersonFields,
) -> anyhow::Result<(Person, bool)> {
    let existing = match fields.email.as_deref() {
        Some(email) => people::find_by_email(conn, email)?,
        None => Some(people::resolve(conn, query)?),
    };
    match existing {
        Some(person) => Ok((person, false)),
        None => {
            let person = new_person(query, fields)?;
            let id = people::insert(conn, &person)?;
            Ok((people::get(conn, id)?, true))
        }
    }
}

/// Who joined, whether they were created for it, and their enrolment afterwards.
#[derive(Debug)]
pub struct Joined {
    pub person: Person,
    pub created: bool,
    pub enrolment: Option<Enrolment>,
}

/// Enrols a person (created from `fields` when new) as an active ambassador on `date`,
/// accepting the guidelines `version`; an applicant is activated.
pub fn enroll(
    conn: &Connection,
    program: &Program,
    query: &str,
    fields: &PersonFields,
    date: NaiveDate,
    version: &str,
) -> anyhow::Result<Joined> {
    check_joining(program, date, Joining::Enrol)?;
    let (person, created) = person_for(conn, query, fields)?;
    match enrolments::find(conn, person.id, program.id)? {
        None => enrolments::insert_active(conn, person.id, program.id, date, version, None)?,
        Some(e) if e.status == EnrolmentStatus::Applied => {
            if e.applied_on.is_some_and(|applied| date < applied) {
                return Err(invalid(format!(
                    "{} applied on {}; the enrolment date {date} cannot be earlier",
                    person.name,
                    e.applied_on.unwrap_or(date)
                )));
            }
            enrolments::activate(conn, e.id, date, version)?
        }
        Some(e) => {
            let refusal = refuse(describe(&person, &e));
            if e.status == EnrolmentStatus::Active {
                return Err(refusal.into());
            }
            let hint = "an ended enrolment is not reopened; enrol them in a new programme";
            return Err(refusal.hint(hint).into());
        }
    }
    let enrolment = enrolments::find(conn, person.id, program.id)?;
    Ok(Joined {
        person,
        created,
        enrolment,
    })
}

/// Records a person (created from `fields` when new) as an applicant on `date`.
pub fn apply(
    conn: &Connection,
    program: &Program,
    query: &str,
    fields: &PersonFields,
    date: NaiveDate,
    motivation: Option<&str>,
) -> anyhow::Result<Joined> {
    check_joining(program, date, Joining::Apply)?;
    let (person, created) = person_for(conn, query, fields)?;
    if let Some(e) = enrolments::find(conn, person.id, program.id)? {
        return Err(invalid(describe(&person, &e)));
    }
    let motivation = crate::text::non_empty(motivation);
    enrolments::insert_applicant(conn, person.id, program.id, date, motivation.as_deref())?;
    let enrolment = enrolments::find(conn, person.id, program.id)?;
    Ok(Joined {
        person,
        created,
        enrolment,
    })
}

/// Withdraws a person from a programme on `date`. Without `--program` the one programme
/// they are still in is meant, else the usual choice.
pub fn withdraw(
    conn: &Connection,
    person: &Person,
    choice: ProgramChoice<'_>,
    date: NaiveDate,
    reason: Option<&str>,
) -> anyhow::Result<Option<Enrolment>> {
    let open: Vec<Enrolment> = enrolments::for_person(conn, person.id)?
        .into_iter()
        .filter(|e| matches!(e.status, EnrolmentStatus::Applied | EnrolmentStatus::Active))
        .collect();
    let enrolment = match (choice.flag, open.as_slice()) {
        (None, [only]) => only.clone(),
        _ => {
            let program = choice.resolve(conn)?;
            enrolments::find(conn, person.id, program.id)?.ok_or_else(|| {
                invalid(format!(
                    "{} is not enrolled in {}",
                    person.name, program.name
                ))
            })?
        }
    };
    if !matches!(
        enrolment.status,
        EnrolmentStatus::Applied | EnrolmentStatus::Active
    ) {
        return Err(invalid(describe(person, &enrolment)));
    }
    let program = programs::get(conn, enrolment.program_id)?;
    if let Some(end) = program.end_date
        && date > end
    {
        return Err(invalid(format!(
            "{} ended on {end}; a withdrawal after the end is not needed (close the programme to complete its enrolments)",
            program.name
        )));
    }
    if let Some(start) = enrolment.enrolled_on.or(enrolment.applied_on)
        && date < start
    {
        return Err(invalid(format!(
            "{} joined {} on {start}; the withdrawal date {date} cannot be earlier",
            person.name, enrolment.program
        )));
    }
    refuse_activities_from(
        conn,
        &enrolment.program,
        enrolment.program_id,
        Some(person),
        date,
    )?;
    let reason = crate::text::non_empty(reason);
    enrolments::withdraw(conn, enrolment.id, date, reason.as_deref())?;
    Ok(enrolments::find(conn, person.id, enrolment.program_id)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::programs::add_for_test;

    fn date(text: &str) -> NaiveDate {
        crate::dates::parse(text).unwrap()
    }

    fn setup() -> (Connection, Program) {
        let conn = crate::db::memory();
        let program = add_for_test(&conn, "Spring", "2024-02-01", "2024-06-30");
        (conn, program)
    }

    fn aino() -> PersonFields {
        PersonFields {
            email: Some("aino@example.org".into()),
            role: Some(crate::domain::Role::Employee),
            ..PersonFields::default()
        }
    }

    fn choice(today: &str) -> ProgramChoice<'static> {
        ProgramChoice {
            flag: None,
            default: None,
            today: date(today),
            how: crate::service::programs::BY_FLAG,
        }
    }

    #[test]
    fn joining_is_refused_outside_the_programme_dates() {
        let (_, program) = setup();
        assert!(check_joining(&program, date("2024-01-15"), Joining::Apply).is_ok());
        let early = check_joining(&program, date("2024-01-15"), Joining::Enrol).unwrap_err();
        assert!(
            early.to_string().contains("starts on 2024-02-01"),
            "{early}"
        );
        let late = check_joining(&program, date("2024-07-01"), Joining::Apply).unwrap_err();
        assert!(late.to_string().contains("cannot apply"), "{late}");
    }

    #[test]
    fn an_applicant_is_activated_and_then_withdrawn() {
        let (conn, program) = setup();
        let applied = apply(&conn, &program, "Aino", &aino(), date("2024-01-20"), None).unwrap();
        assert!(applied.created);
        let status = |j: &Joined| j.enrolment.as_ref().unwrap().status;
        assert_eq!(status(&applied), EnrolmentStatus::Applied);

        let too_early = enroll(&conn, &program, "Aino", &aino(), date("2024-01-10"), "1");
        assert!(too_early.is_err(), "not before the programme starts");
        let enrolled = enroll(&conn, &program, "Aino", &aino(), date("2024-02-05"), "1").unwrap();
        assert!(!enrolled.created, "matched by e-mail");
        assert_eq!(status(&enrolled), EnrolmentStatus::Active);
        let again = enroll(&conn, &program, "Aino", &aino(), date("2024-02-06"), "1");
        assert!(again.unwrap_err().to_string().contains("is already active"));

        let person = enrolled.person;
        let before = withdraw(
            &conn,
            &person,
            choice("2024-03-01"),
            date("2024-02-01"),
            None,
        );
        assert!(
            before
                .unwrap_err()
                .to_string()
                .contains("cannot be earlier")
        );
        let withdrawn = withdraw(
            &conn,
            &person,
            choice("2024-03-01"),
            date("2024-03-01"),
            Some("moved"),
        )
        .unwrap()
        .unwrap();
        assert_eq!(withdrawn.status, EnrolmentStatus::Withdrawn);
        let twice = withdraw(
            &conn,
            &person,
            choice("2024-03-01"),
            date("2024-03-02"),
            None,
        );
        assert!(twice.is_err(), "an ended enrolment is not withdrawn again");
    }
}
