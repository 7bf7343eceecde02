//! The description of the personal-data register (in Finland, the *tietosuojaseloste*):
//! Markdown, with the categories of data generated from the schema and the retention from
//! the config.

use rusqlite::Connection;

use crate::config::Config;
use crate::db::privacy as db;
use crate::service::privacy::PERSON_TABLES;

/// The privacy notice, ready to publish on the intranet.
pub fn privacy_notice(
    conn: &Connection,
    config: &Config,
    today: chrono::NaiveDate,
) -> anyhow::Result<String> {
    let unset = |value: &str, key: &str| {
        if value.trim().is_empty() {
            format!("*(not set: `{key}` in the amb config)*")
        } else {
            value.trim().to_string()
        }
    };
    let controller = if config.privacy.controller.trim().is_empty() {
        unset(&config.organisation, "privacy.controller")
    } else {
        config.privacy.controller.trim().to_string()
    };
    let mut text = format!(
        "# Privacy notice: the employee ambassador programme register\n\n\
         *Tietosuojaseloste.* Description of a personal-data register under the EU General Data \
         Protection Regulation (Articles 13, 14 and 30). Written on {today}.\n\n\
         ## Controller\n\n{controller}\n\n\
         ## Contact person for the register\n\n{}\n\n\
         ## Data protection officer\n\n{}\n\n\
         ## Purpose and legal basis\n\n\
         To run the organisation's employee ambassador programme: applications and enrolment \
         with consent to the programme's social-media guidelines, trainings, swag, the \
         ambassadors' posts and other activities, reward points, feedback, and reports of the \
         programme's results. The basis is the employee's consent and the employer's \
         legitimate interest in communicating about its work (GDPR Art. 6(1)(a) and (f)); only \
         data directly necessary for the programme is processed (Finnish Act on the Protection \
         of Privacy in Working Life, section 3).\n\n\
         ## Categories of personal data\n\n",
        unset(&config.privacy.contact, "privacy.contact"),
        unset(&config.privacy.dpo, "privacy.dpo"),
    );
    let mut tables = vec!["person".to_string()];
    for reference in db::person_references(conn)? {
        if !tables.contains(&reference.table) {
            tables.push(reference.table);
        }
    }
    for table in &tables {
        let holds = PERSON_TABLES
            .iter()
            .find(|t| t.table == table)
            .map_or("(not described)", |t| t.holds);
        let columns: Vec<String> = db::table_columns(conn, table)?
            .into_iter()
            .filter(|c| c != "id" && !c.ends_with("_id"))
            .collect();
        text.push_str(&format!(
            "- **{}** ({table}: {})\n",
            capitalised(holds),
            columns.join(", ")
        ));
    }
    let months = |m: u32| {
        if m == 0 {
            "until erased on request".to_string()
        } else {
            format!("{m} months")
        }
    };
    text.push_str(&format!(
        "\nNot kept: personal identity code, date of birth, home address. The text of posts is \
         not kept unless it was imported with `--keep-text`; a post's address, date, channel, \
         programme hashtags and public metrics are.\n\n\
         ## Sources\n\n\
         The person themselves: the application form on the intranet, enrolment and consent, \
         their own data exports from social-media services (LinkedIn, X, Mastodon, Facebook, \
         Instagram) which they hand over, and what the programme's coordinator records \
         (trainings attended, swag delivered, points, feedback given).\n\n\
         ## Retention\n\n\
         - Applicants who were never enrolled: {} after their last application.\n\
         - Former ambassadors (withdrawn or completed, not in an open-ended programme): {} after \
         their last enrolment ended.\n\n\
         After that the person is forgotten (`amb purge --apply`): their identity and their own \
         words are erased, and only anonymous counts stay in the programme's totals. Backups \
         are kept for the newest {} copies.\n\n\
         ## Recipients and transfers\n\n\
         None outside the organisation. Reports for leadership show no figure built from fewer \
         than {} people. No data is transferred outside the EU/EEA.\n\n\
         ## Protection\n\n\
         One database file and its backups, readable only by the coordinator's account (file \
         mode 0600), on the organisation's own systems; every change is recorded in an audit \
         log that holds no personal data.\n\n\
         ## The data subject's rights\n\n\
         | right | how it is honoured |\n|---|---|\n\
         | access and portability (Art. 15, 20) | `amb person export PERSON` — everything held, as JSON (`--format md` to read) |\n\
         | rectification (Art. 16) | `amb person edit PERSON` |\n\
         | erasure (Art. 17) | `amb person forget PERSON` |\n\
         | withdrawing consent | `amb withdraw PERSON`; then erasure on request |\n\
         | objection and restriction (Art. 18, 21) | contact the contact person above |\n\
         | complaint | the Data Protection Ombudsman, tietosuoja.fi |\n",
        months(config.retention.applicants_months),
        months(config.retention.former_ambassadors_months),
        config.backup.keep,
        config.privacy.min_group,
    ));
    Ok(text)
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_notice_lists_every_category_from_the_schema_and_the_retention() {
        let conn = crate::db::memory();
        let mut config = Config::default();
        config.organisation = "City of Vaasa".to_string();
        config.retention.applicants_months = 6;
        let today = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap();
        let text = privacy_notice(&conn, &config, today).unwrap();
        assert!(text.contains("City of Vaasa"), "{text}");
        assert!(text.contains("6 months after their last application"));
        assert!(
            text.contains("(activity: date, kind, channel, url"),
            "{text}"
        );
        assert!(!text.contains("(not described)"), "{text}");
        for table in PERSON_TABLES {
            assert!(
                text.contains(&format!("({}:", table.table)),
                "{} missing",
                table.table
            );
        }
    }
}
