//! Which programme a command works on, and the rules for a programme's dates and hashtags.

use chrono::NaiveDate;
use rusqlite::Connection;

use crate::db::programs::{self, Program, ProgramFields};
use crate::domain::ProgramStatus;
use crate::error::{UserError, invalid, refuse};
use crate::text::normalize_hashtag;

/// How a command names its programme: `--program`, else the configured default, else the
/// open programme whose dates contain today.
#[derive(Debug, Clone, Copy)]
pub struct ProgramChoice<'a> {
    /// `--program`, if given.
    pub flag: Option<&'a str>,
    /// `default_program` of the config.
    pub default: Option<&'a str>,
    pub today: NaiveDate,
    /// How this command names a programme, for the hint: `--program NAME` by default.
    pub how: &'static str,
}

/// How most commands name their programme.
pub const BY_FLAG: &str = "pass --program NAME";

impl ProgramChoice<'_> {
    /// The programme chosen: the flag, else the default, else the only programme there
    /// is, else the open one running today.
    pub fn resolve(&self, conn: &Connection) -> anyhow::Result<Program> {
        if let Some(query) = self.flag.or(self.default) {
            return programs::resolve(conn, query);
        }
        let all = programs::all(conn)?;
        if let [only] = all.as_slice() {
            return Ok(only.clone());
        }
        let running: Vec<&Program> = all
            .iter()
            .filter(|p| p.status == ProgramStatus::Open && p.contains(self.today))
            .collect();
        match running.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(UserError::NoCurrentProgramme {
                today: self.today,
                known: all.iter().map(Program::span).collect(),
                how: self.how,
            }
            .into()),
            many => Err(refuse(format!(
                "several programmes run today ({}): {}",
                self.today,
                many.iter()
                    .map(|p| p.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
            .hint(format!("{} or set default_program in the config", self.how))
            .into()),
        }
    }
}

/// Normalises hashtags as given (`tag`, `#tag`).
pub fn normalize_all(tags: &[String]) -> anyhow::Result<Vec<String>> {
    tags.iter()
        .map(|t| normalize_hashtag(t).map_err(invalid))
        .collect()
}

/// Drops repeated tags (compared case-insensitively), and aliases that repeat a hashtag.
pub fn dedup_tags(fields: &mut ProgramFields) {
    let mut seen = std::collections::HashSet::new();
    fields
        .hashtags
        .retain(|t| seen.insert(crate::text::fold(t)));
    fields.aliases.retain(|t| seen.insert(crate::text::fold(t)));
}

/// Refuses an empty name, an end before the start, and a programme without hashtags.
pub fn validate(fields: &ProgramFields) -> anyhow::Result<()> {
    if fields.name.trim().is_empty() {
        return Err(invalid("the programme name is empty"));
    }
    if let Some(end) = fields.end_date
        && end < fields.start_date
    {
        return Err(invalid(format!(
            "the end date {end} is before the start date {}",
            fields.start_date
        )));
    }
    if fields.hashtags.is_empty() {
        return Err(invalid("a programme needs at least one hashtag"));
    }
    Ok(())
}

/// What `program edit` changes; `None` keeps a value.
#[derive(Debug, Default)]
pub struct ProgramEdit {
    pub name: Option<String>,
    pub start: Option<NaiveDate>,
    /// `Some(None)` makes the programme open-ended.
    pub end: Option<Option<NaiveDate>>,
    pub remove_hashtags: Vec<String>,
    pub add_hashtags: Vec<String>,
    pub add_aliases: Vec<String>,
}

/// Changes a programme; refuses dates that would leave its records outside it.
pub fn edit(conn: &Connection, program: &Program, edit: ProgramEdit) -> anyhow::Result<Program> {
    let mut fields = ProgramFields {
        name: edit.name.unwrap_or(program.name.clone()).trim().to_string(),
        start_date: edit.start.unwrap_or(program.start_date),
        end_date: edit.end.unwrap_or(program.end_date),
        hashtags: program.hashtags.clone(),
        aliases: program.aliases.clone(),
    };
    for removed in normalize_all(&edit.remove_hashtags)? {
        let key = crate::text::fold(&removed);
        let before = fields.hashtags.len() + fields.aliases.len();
        fields.hashtags.retain(|t| crate::text::fold(t) != key);
        fields.aliases.retain(|t| crate::text::fold(t) != key);
        if fields.hashtags.len() + fields.aliases.len() == before {
            return Err(invalid(format!(
                "{} has no hashtag {removed} (it has {})",
                program.name,
                program.hashtags.join(" ")
            )));
        }
    }
    fields.hashtags.extend(normalize_all(&edit.add_hashtags)?);
    fields.aliases.extend(normalize_all(&edit.add_aliases)?);
    dedup_tags(&mut fields);
    validate(&fields)?;
    if program.status == ProgramStatus::Closed && fields.end_date != program.end_date {
        return Err(invalid(format!(
            "{} is closed; its end date stays {}",
            program.name,
            program.end_date.map(|d| d.to_string()).unwrap_or_default()
        )));
    }
    let (first, last) = programs::used_span(conn, program.id)?;
    if let Some(first) = first
        && fields.start_date > first
    {
        return Err(invalid(format!(
            "{} has enrolments, trainings or activities from {first}; the start cannot move past them",
            program.name
        )));
    }
    if let (Some(last), Some(end)) = (last, fields.end_date)
        && end < last
    {
        return Err(invalid(format!(
            "{} has enrolments, trainings or activities until {last}; the end cannot move before them",
            program.name
        )));
    }
    programs::update(conn, program.id, &fields)?;
    Ok(programs::get(conn, program.id)?)
}

/// The date a programme closes on: `date`, else its end date once passed, else today.
/// Refuses a closed programme, a date outside the programme, and activities after the date.
pub fn closing_date(
    conn: &Connection,
    program: &Program,
    date: Option<NaiveDate>,
    today: NaiveDate,
) -> anyhow::Result<NaiveDate> {
    if program.status == ProgramStatus::Closed {
        return Err(invalid(format!("{} is already closed", program.name)));
    }
    let date = match date {
        Some(date) => date,
        None => program
            .end_date
            .filter(|end| *end <= today)
            .unwrap_or(today),
    };
    if date < program.start_date {
        return Err(invalid(format!(
            "the closing date {date} is before {} starts ({})",
            program.name, program.start_date
        )));
    }
    if let Some(end) = program.end_date
        && date > end
    {
        return Err(invalid(format!(
            "the closing date {date} is after {} ends ({end})",
            program.name
        )));
    }
    if let Some(next_day) = date.succ_opt() {
        super::activities::refuse_activities_from(conn, &program.name, program.id, None, next_day)?;
    }
    Ok(date)
}

/// Adds a programme with one hashtag, for tests.
#[cfg(test)]
pub(crate) fn add_for_test(conn: &Connection, name: &str, start: &str, end: &str) -> Program {
    let date = |text: &str| crate::dates::parse(text).expect("a test date");
    let fields = ProgramFields {
        name: name.to_string(),
        start_date: date(start),
        end_date: Some(date(end)),
        hashtags: vec![format!("#{name}")],
        aliases: Vec::new(),
    };
    let id = programs::insert(conn, &fields).expect("a test programme");
    programs::get(conn, id).expect("the test programme")
}

#[cfg(test)]
mod tests {
    use super::add_for_test as add;
    use super::*;

    fn date(text: &str) -> NaiveDate {
        crate::dates::parse(text).unwrap()
    }

    fn choice<'a>(
        flag: Option<&'a str>,
        default: Option<&'a str>,
        today: &str,
    ) -> ProgramChoice<'a> {
        ProgramChoice {
            flag,
            default,
            today: date(today),
            how: BY_FLAG,
        }
    }

    #[test]
    fn the_flag_beats_the_default_and_the_default_beats_today() {
        let conn = crate::db::memory();
        add(&conn, "Spring", "2024-01-01", "2024-06-30");
        add(&conn, "Autumn", "2024-07-01", "2024-12-31");
        let chosen = |c: ProgramChoice<'_>| c.resolve(&conn).unwrap().name;
        assert_eq!(chosen(choice(None, None, "2024-03-01")), "Spring");
        assert_eq!(chosen(choice(None, None, "2024-09-01")), "Autumn");
        assert_eq!(chosen(choice(None, Some("Autumn"), "2024-03-01")), "Autumn");
        assert_eq!(
            chosen(choice(Some("Spring"), Some("Autumn"), "2024-09-01")),
            "Spring"
        );
    }

    #[test]
    fn the_only_programme_is_the_current_one_whatever_the_date() {
        let conn = crate::db::memory();
        add(&conn, "Spring", "2024-01-01", "2024-06-30");
        let chosen = choice(None, None, "2025-01-01").resolve(&conn).unwrap();
        assert_eq!(chosen.name, "Spring");
    }

    #[test]
    fn no_or_several_programmes_running_today_is_refused() {
        let conn = crate::db::memory();
        add(&conn, "Spring", "2024-01-01", "2024-06-30");
        add(&conn, "Overlap", "2024-03-01", "2024-12-31");
        let err = choice(None, None, "2025-01-01").resolve(&conn).unwrap_err();
        assert!(err.to_string().contains("no programme runs today"), "{err}");
        assert!(
            err.to_string().contains("hint: pass --program NAME"),
            "{err}"
        );
        let err = choice(None, None, "2024-04-01").resolve(&conn).unwrap_err();
        assert!(
            err.to_string().contains("several programmes run today"),
            "{err}"
        );
    }

    #[test]
    fn a_closing_date_must_lie_within_the_programme() {
        let conn = crate::db::memory();
        let program = add(&conn, "Spring", "2024-01-01", "2024-06-30");
        let today = date("2024-08-01");
        assert_eq!(
            closing_date(&conn, &program, None, today).unwrap(),
            date("2024-06-30"),
            "an ended programme closes on its end date"
        );
        assert!(closing_date(&conn, &program, Some(date("2023-12-31")), today).is_err());
        assert!(closing_date(&conn, &program, Some(date("2024-07-01")), today).is_err());
    }
}
