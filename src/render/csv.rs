//! A report in long CSV, `section,key,label,value`: the section and key are stable
//! identifiers and the value is language-independent (numbers as numbers, ISO dates); the
//! label names the key in the reader's language, for a person opening the file.

use serde_json::{Map, Value};

use crate::i18n::Locale;
use crate::output::csv_cell;
use crate::table_writers::{CsvDialect, csv_writer};

/// The record as labelled long-format CSV, in `dialect` (`--excel`: BOM, `;`, CRLF).
pub fn labelled(
    locale: &Locale,
    object: &Map<String, Value>,
    dialect: CsvDialect,
) -> anyhow::Result<String> {
    let mut writer = csv_writer(Vec::new(), dialect)?;
    writer.write_record(["section", "key", "label", "value"])?;
    rows(&mut writer, locale, "", "", object, dialect)?;
    Ok(String::from_utf8(writer.into_inner()?)?)
}

/// A record's scalars, then each nested record or list item under a dotted section
/// (`posts_by_channel.1`); `list` is the list's own name, which gives its keys their labels.
fn rows(
    writer: &mut csv::Writer<Vec<u8>>,
    locale: &Locale,
    section: &str,
    list: &str,
    object: &Map<String, Value>,
    dialect: CsvDialect,
) -> anyhow::Result<()> {
    let nested = |v: &Value| match v {
        Value::Object(_) => true,
        Value::Array(items) => items.iter().any(Value::is_object),
        _ => false,
    };
    for (key, value) in object.iter().filter(|(_, v)| !nested(v)) {
        let label = locale.field(list, key);
        writer.write_record([section, key.as_str(), &label, &csv_cell(value, dialect)])?;
    }
    for (key, value) in object.iter().filter(|(_, v)| nested(v)) {
        let name = if section.is_empty() {
            key.clone()
        } else {
            format!("{section}.{key}")
        };
        match value {
            Value::Object(inner) => rows(writer, locale, &name, key, inner, dialect)?,
            Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    if let Value::Object(inner) = item {
                        rows(
                            writer,
                            locale,
                            &format!("{name}.{}", index + 1),
                            key,
                            inner,
                            dialect,
                        )?;
                    }
                }
            }
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Lang;
    use serde_json::json;

    #[test]
    fn keys_stay_identifiers_and_labels_follow_the_language() {
        let record = json!({"posts": 3, "emv_estimate": 19630.88, "start_date": "2022-10-01",
            "posts_by_channel": [{"key": "linkedin", "count": 2}]});
        let record = record.as_object().unwrap();
        let fi = labelled(&Locale::new(Lang::Fi), record, CsvDialect::default()).unwrap();
        let en = labelled(&Locale::new(Lang::En), record, CsvDialect::default()).unwrap();
        assert!(fi.starts_with("section,key,label,value\n"), "{fi}");
        assert!(fi.contains(",emv_estimate,"), "{fi}");
        assert!(fi.contains(",19630.88\n"), "numbers stay numbers: {fi}");
        assert!(fi.contains(",2022-10-01\n"), "ISO dates: {fi}");
        assert!(
            fi.contains("posts_by_channel.1,key,Kanava,linkedin"),
            "{fi}"
        );
        let strip = |text: &str| -> Vec<String> {
            csv::Reader::from_reader(text.as_bytes())
                .records()
                .map(|r| {
                    let r = r.unwrap();
                    format!("{},{},{}", &r[0], &r[1], &r[3])
                })
                .collect()
        };
        assert_eq!(strip(&fi), strip(&en), "only the labels differ");
        assert_ne!(fi, en);
    }
}
