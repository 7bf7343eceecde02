//! The rules for a person's details: what a new person needs, how given details change a
//! person, and how an imported row fills in what is missing.

use crate::db::people::{Handles, Person};
use crate::domain::Role;
use crate::domain::is_plausible_email;
use crate::error::invalid;
use crate::text::non_empty;

/// Details given for a person: `None` leaves a field alone; an empty value clears an
/// optional one.
#[derive(Debug, Clone, Default)]
pub struct PersonFields {
    pub email: Option<String>,
    pub role: Option<Role>,
    pub unit: Option<String>,
    pub title: Option<String>,
    pub handles: Handles,
}

impl PersonFields {
    /// Whether any detail beyond the e-mail was given.
    pub fn any_details(&self) -> bool {
        let mut handles = self.handles.clone();
        self.role.is_some()
            || [&self.unit, &self.title].into_iter().any(Option::is_some)
            || handles.fields_mut().into_iter().any(|h| h.is_some())
    }
}

/// Builds a new person from a name and the details; e-mail and role are required.
pub fn new_person(name: &str, fields: &PersonFields) -> anyhow::Result<Person> {
    let name = non_empty(Some(name)).ok_or_else(|| invalid("the name is empty"))?;
    let email = non_empty(fields.email.as_deref()).ok_or_else(|| {
        invalid(format!(
            "{name} is not in the database yet; give --email (and --role) to add them"
        ))
    })?;
    let role = fields
        .role
        .ok_or_else(|| invalid(format!("give --role employee or --role manager for {name}")))?;
    let mut person = Person {
        name,
        email,
        role,
        ..Person::default()
    };
    apply_fields(&mut person, fields)?;
    Ok(person)
}

/// Writes the given details over a person: an empty value clears an optional field.
pub fn apply_fields(person: &mut Person, fields: &PersonFields) -> anyhow::Result<()> {
    if let Some(email) = &fields.email {
        let email = email.trim();
        if !is_plausible_email(email) {
            return Err(invalid(format!("\"{email}\" is not an e-mail address")));
        }
        person.email = email.to_string();
    }
    if let Some(role) = fields.role {
        person.role = role;
    }
    let set = |target: &mut Option<String>, value: &Option<String>| {
        if let Some(value) = value {
            *target = non_empty(Some(value));
        }
    };
    set(&mut person.unit, &fields.unit);
    set(&mut person.title, &fields.title);
    let mut given = fields.handles.clone();
    for (target, value) in person
        .handles
        .fields_mut()
        .into_iter()
        .zip(given.fields_mut())
    {
        set(target, value);
    }
    Ok(())
}

/// Fills the person's empty fields from `other`; returns whether anything changed.
pub fn fill_blanks(person: &mut Person, other: &Person) -> bool {
    let before = person.clone();
    let fill = |target: &mut Option<String>, value: &Option<String>| {
        if target.is_none() {
            target.clone_from(value);
        }
    };
    fill(&mut person.unit, &other.unit);
    fill(&mut person.title, &other.title);
    let mut others = other.handles.clone();
    for (target, value) in person
        .handles
        .fields_mut()
        .into_iter()
        .zip(others.fields_mut())
    {
        fill(target, value);
    }
    *person != before
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(email: &str, role: Role) -> PersonFields {
        PersonFields {
            email: Some(email.to_string()),
            role: Some(role),
            ..PersonFields::default()
        }
    }

    #[test]
    fn a_new_person_needs_an_email_and_a_role() {
        let err = new_person("Aino", &PersonFields::default()).unwrap_err();
        assert!(err.to_string().contains("give --email"), "{err}");
        let only_email = PersonFields {
            email: Some("aino@example.org".into()),
            ..PersonFields::default()
        };
        let err = new_person("Aino", &only_email).unwrap_err();
        assert!(err.to_string().contains("give --role"), "{err}");
        let person = new_person(" Aino ", &fields("aino@example.org", Role::Manager)).unwrap();
        assert_eq!(person.name, "Aino");
        assert_eq!(person.role, Role::Manager);
    }

    #[test]
    fn given_details_overwrite_and_an_empty_value_clears() {
        let mut person = new_person("Aino", &fields("aino@example.org", Role::Employee)).unwrap();
        person.unit = Some("Sivistystoimi".into());
        person.handles.x = Some("@aino".into());
        let mut change = PersonFields {
            unit: Some(String::new()),
            title: Some("Teacher".into()),
            ..PersonFields::default()
        };
        change.handles.linkedin = Some("https://linkedin.com/in/aino".into());
        apply_fields(&mut person, &change).unwrap();
        assert_eq!(person.unit, None);
        assert_eq!(person.title.as_deref(), Some("Teacher"));
        assert_eq!(
            person.handles.x.as_deref(),
            Some("@aino"),
            "not given: kept"
        );
        assert!(person.handles.linkedin.is_some());
        assert!(change.any_details());
        assert!(!PersonFields::default().any_details());

        let bad = PersonFields {
            email: Some("not an address".into()),
            ..PersonFields::default()
        };
        assert!(apply_fields(&mut person, &bad).is_err());
    }

    #[test]
    fn an_import_fills_only_the_blanks() {
        let mut person = new_person("Aino", &fields("aino@example.org", Role::Employee)).unwrap();
        person.unit = Some("Sivistystoimi".into());
        let mut other = person.clone();
        other.unit = Some("Tekninen".into());
        other.title = Some("Teacher".into());
        assert!(fill_blanks(&mut person, &other));
        assert_eq!(person.unit.as_deref(), Some("Sivistystoimi"));
        assert_eq!(person.title.as_deref(), Some("Teacher"));
        assert!(!fill_blanks(&mut person, &other), "nothing left to fill");
    }
}
