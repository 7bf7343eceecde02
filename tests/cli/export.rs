use std::os::unix::fs::PermissionsExt;

use crate::{EVERY_TABLE, Env, demo};

fn populated() -> Env {
    let env = Env::with_ambassadors();
    env.ok(&[
        "activity",
        "add",
        "aino",
        "post",
        "--channel",
        "x",
        "--url",
        "https://x.com/aino/status/1",
        "--impressions",
        "1200",
        "--date",
        "2022-11-02",
    ]);
    env.ok(&["person", "edit", "mikael", "--title", "=cmd|' /C calc'!A0"]);
    env
}

#[test]
fn a_table_as_csv_parses_back_with_numbers_as_numbers() {
    let env = populated();
    let text = env.ok(&["export", "activities", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "impressions"));
    let row = reader.records().next().unwrap().unwrap();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&row[column("date")], "2022-11-02");
    assert_eq!(&row[column("impressions")], "1200");
    assert_eq!(&row[column("url")], "https://x.com/aino/status/1");
    let people = env.ok(&["export", "people"]);
    assert!(
        people.contains(",'=cmd|' /C calc'!A0,"),
        "a formula is never live: {people}"
    );
}

#[test]
fn excel_csv_and_json_and_files() {
    let env = populated();
    let excel = env.ok(&["export", "people", "--format", "csv", "--excel"]);
    assert!(excel.starts_with("\u{feff}id;name;email;role"), "{excel:?}");
    assert!(excel.contains("\r\n"));
    let path = env.path("out/people.json");
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    env.ok(&[
        "export",
        "people",
        "--format",
        "json",
        "-o",
        path.to_str().unwrap(),
    ]);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let people: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(people.as_array().unwrap().len(), 3);
    assert_eq!(people[0]["id"], 1);
    let all = env.json(&["export", "all"]);
    for table in EVERY_TABLE {
        assert!(all[table].is_array(), "{table}");
    }
    assert_eq!(
        all["trainings"],
        serde_json::json!([]),
        "an empty table is an empty array"
    );
    assert_eq!(all["points"][0]["amount"], 10);
    let dir = env.path("csv");
    env.ok(&[
        "export",
        "all",
        "--format",
        "csv",
        "-o",
        dir.to_str().unwrap(),
    ]);
    let trainings = std::fs::read_to_string(dir.join("trainings.csv")).unwrap();
    assert_eq!(
        trainings, "id,program_id,program,title,date,trainer,kind\n",
        "an empty table still has its header"
    );
    assert!(
        std::fs::read_dir(&dir).unwrap().all(|e| !e
            .unwrap()
            .file_name()
            .to_string_lossy()
            .contains("partial"))
    );
}

#[test]
fn export_refusals() {
    let env = populated();
    let err = env.fails(&["export", "salaries"]);
    assert!(
        err.contains("\"salaries\" is not a table to export"),
        "{err}"
    );
    let err = env.fails(&["export", "all", "--format", "csv"]);
    assert!(err.contains("-o DIR"), "{err}");
    let err = env.fails(&["export", "people", "--format", "json", "--excel"]);
    assert!(err.contains("--excel is for CSV"), "{err}");
}

#[test]
fn a_workbook_has_one_typed_sheet_per_table() {
    use std::io::Read;
    let env = populated();
    let path = env.path("amb.xlsx");
    env.ok(&[
        "export",
        "all",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
    ]);
    let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&path).unwrap()).unwrap();
    let mut part = |name: &str| {
        let mut text = String::new();
        zip.by_name(name)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let workbook = part("xl/workbook.xml");
    for table in EVERY_TABLE {
        assert!(
            workbook.contains(&format!("name=\"{table}\"")),
            "{table}: {workbook}"
        );
    }
    // activities is the sixth sheet: its date 2022-11-02 is the Excel day 44867, a number.
    let activities = part("xl/worksheets/sheet6.xml");
    assert!(activities.contains("<v>44867</v>"), "{activities}");
    assert!(
        activities.contains("<v>1200</v>"),
        "impressions as a number: {activities}"
    );
    let err = env.fails(&["export", "people", "--format", "xlsx"]);
    assert!(err.contains("-o FILE.xlsx"), "{err}");
    let err = env.fails(&["person", "list", "--format", "xlsx"]);
    assert!(err.contains("--format xlsx is for `amb export"), "{err}");
}

#[test]
fn excel_csv_and_the_workbook_read_back_to_the_exported_values() {
    use calamine::{Data, DataType, Reader, Xlsx};
    let env = populated();
    let people = env.json(&["export", "people"]);
    let people = people.as_array().unwrap();

    // The --excel CSV, read as Excel reads it: BOM, `;` separators, CRLF.
    let excel = env.ok(&["export", "people", "--format", "csv", "--excel"]);
    let body = excel.strip_prefix('\u{feff}').expect("a UTF-8 BOM");
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b';')
        .from_reader(body.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), people.len());
    for (row, person) in rows.iter().zip(people) {
        assert_eq!(row[column("id")], person["id"].to_string());
        assert_eq!(&row[column("name")], person["name"].as_str().unwrap());
        assert_eq!(&row[column("email")], person["email"].as_str().unwrap());
    }
    assert!(
        rows.iter().any(|row| &row[column("name")] == "Aino Mäkelä"),
        "letters survive"
    );

    // The workbook, read back by calamine: the same people, typed cells, no formulas.
    let path = env.path("amb.xlsx");
    env.ok(&[
        "export",
        "all",
        "--format",
        "xlsx",
        "-o",
        path.to_str().unwrap(),
    ]);
    let mut book: Xlsx<_> = calamine::open_workbook(&path).unwrap();
    let sheet = book.worksheet_range("people").unwrap();
    let mut sheet_rows = sheet.rows();
    let header: Vec<String> = sheet_rows
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let sheet_rows: Vec<&[Data]> = sheet_rows.collect();
    assert_eq!(sheet_rows.len(), people.len());
    for (row, person) in sheet_rows.iter().zip(people) {
        assert_eq!(
            row[at("id")].as_f64(),
            person["id"].as_f64(),
            "id as a number"
        );
        assert_eq!(
            row[at("name")],
            Data::String(person["name"].as_str().unwrap().to_string())
        );
    }
    let title = &sheet_rows
        .iter()
        .find(|row| row[at("name")] == Data::String("Mikael Westerlund".into()))
        .unwrap()[at("title")];
    assert!(
        matches!(title, Data::String(text) if text.ends_with("=cmd|' /C calc'!A0")),
        "{title:?}"
    );
    for name in book.sheet_names() {
        let formulas = book.worksheet_formula(&name).unwrap();
        assert!(
            formulas.used_cells().all(|(_, _, f)| f.is_empty()),
            "no formulas in {name}"
        );
    }
    let activities = book.worksheet_range("activities").unwrap();
    let header: Vec<String> = activities
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let at = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = activities.rows().nth(1).unwrap();
    match &row[at("date")] {
        Data::DateTime(date) => assert_eq!(date.as_f64(), 44867.0, "2022-11-02"),
        other => panic!("a date cell, not {other:?}"),
    }
    assert_eq!(row[at("impressions")].as_f64(), Some(1200.0));
    let trainings = book.worksheet_range("trainings").unwrap();
    assert_eq!(trainings.height(), 1, "an empty table keeps its header row");
}

#[test]
fn every_table_exports_and_rows_name_their_person_and_programme() {
    let (env, db) = demo();
    let all = env.json(&["--db", &db, "export", "all"]);
    let tables: Vec<&String> = all.as_object().unwrap().keys().collect();
    assert_eq!(tables, EVERY_TABLE, "all is every table, in order");
    for table in EVERY_TABLE {
        let one = env.json(&["--db", &db, "export", table]);
        assert_eq!(one, all[table], "{table} alone is the same as in all");
        assert!(
            !one.as_array().unwrap().is_empty(),
            "the demo fills {table}"
        );
    }
    let programs = all["programs"].as_array().unwrap();
    assert_eq!(programs[0]["name"], "Vaasa 2022");
    assert_eq!(programs[0]["hashtags"], "#OnnellisenArjenTekijät");
    assert_eq!(programs[0]["aliases"], "#OnnellisenArjenTekijat");
    assert_eq!(programs[1]["end_date"], serde_json::Value::Null);
    assert!(all["kpis"][0]["value"].is_f64(), "{}", all["kpis"][0]);
    let imports = all["imports"].as_array().unwrap();
    assert!(
        imports.iter().any(|b| b["format"] == "linkedin"
            && b["person"] == "Laura Niemi"
            && b["sha256"].as_str().unwrap().len() == 64),
        "{imports:?}"
    );
    assert!(all["swag_stock"][0]["delivered"].as_i64().unwrap() > 0);
    let people: std::collections::HashMap<i64, String> = all["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_i64().unwrap(),
                p["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    let programmes: std::collections::HashMap<i64, String> = programs
        .iter()
        .map(|p| {
            (
                p["id"].as_i64().unwrap(),
                p["name"].as_str().unwrap().into(),
            )
        })
        .collect();
    for table in [
        "enrolments",
        "attendance",
        "swag",
        "activities",
        "points",
        "feedback",
    ] {
        for row in all[table].as_array().unwrap() {
            let person = row["person_id"].as_i64().unwrap();
            assert_eq!(row["person"], people[&person].as_str(), "{table}: {row}");
            if let Some(program) = row.get("program_id").and_then(|p| p.as_i64()) {
                assert_eq!(
                    row["program"],
                    programmes[&program].as_str(),
                    "{table}: {row}"
                );
            }
        }
    }
    assert!(
        all["attendance"][0]["training"].is_string() && all["attendance"][0]["date"].is_string()
    );
    // The other spellings people type.
    for (alias, table) in [
        ("programmes", "programs"),
        ("kpi", "kpis"),
        ("import-batches", "imports"),
        ("swag-stock", "swag_stock"),
    ] {
        assert_eq!(
            env.json(&["--db", &db, "export", alias]),
            all[table],
            "{alias}"
        );
    }
}

#[test]
fn a_workbook_is_the_same_bytes_every_time() {
    use std::io::Read;
    let (env, db) = demo();
    let first = env.path("first.xlsx");
    let second = env.path("second.xlsx");
    for path in [&first, &second] {
        let path = path.to_str().unwrap();
        env.ok(&["--db", &db, "export", "all", "--format", "xlsx", "-o", path]);
    }
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&first).unwrap()).unwrap();
    let mut core = String::new();
    zip.by_name("docProps/core.xml")
        .unwrap()
        .read_to_string(&mut core)
        .unwrap();
    // Not the clock's time: the same data gives the same file on any day.
    assert!(core.contains(">2000-01-01T00:00:00Z<"), "{core}");
    assert!(core.contains("<dc:creator>amb</dc:creator>"), "{core}");
    assert!(
        std::fs::read(&first).unwrap() == std::fs::read(&second).unwrap(),
        "two exports of the same data differ"
    );
}

#[test]
fn excel_is_the_dialect_of_every_csv_reports_and_lists_included() {
    let (env, db) = demo();
    let report = ["--db", db.as_str(), "report", "program", "Vaasa 2022"];
    let plain = env.ok(&[&report[..], &["--format", "csv"]].concat());
    for flags in [&["--format", "csv", "--excel"][..], &["--excel"]] {
        let excel = env.ok(&[&report[..], flags].concat());
        let body = excel.strip_prefix('\u{feff}').expect("a UTF-8 BOM");
        assert!(body.starts_with("section;key;label;value\r\n"), "{body:?}");
        assert!(!body.replace("\r\n", "").contains('\n'), "CRLF only");
        // The same cells as the plain CSV, numbers with a decimal comma.
        let cells = |text: &str, separator: u8| -> Vec<Vec<String>> {
            csv::ReaderBuilder::new()
                .delimiter(separator)
                .from_reader(text.as_bytes())
                .records()
                .map(|r| r.unwrap().iter().map(str::to_string).collect())
                .collect()
        };
        let (plain, excel) = (cells(&plain, b','), cells(body, b';'));
        assert_eq!(plain.len(), excel.len());
        let mut decimals = 0;
        for (p, e) in plain.iter().zip(&excel) {
            // section, key, label, value
            if p[3].parse::<f64>().is_ok() && p[3].contains('.') {
                decimals += 1;
                assert_eq!(e[3], p[3].replace('.', ","), "{p:?}");
            } else {
                assert_eq!(p, e);
            }
        }
        assert!(decimals > 0, "the report has fractions (KPIs, EMV)");
    }
    let list = env.ok(&["--db", &db, "kpi", "list", "--excel"]);
    assert!(list.starts_with("\u{feff}id;name;date;value;"), "{list:?}");
    assert!(list.contains(";3,4;"), "{list:?}");
    let kpis = env.ok(&["--db", &db, "export", "kpis", "--excel"]);
    assert!(kpis.contains(";3,4;"), "{kpis:?}");
    for format in ["json", "md", "html"] {
        let err = env.fails(&[
            "--db", &db, "report", "program", "--format", format, "--excel",
        ]);
        assert!(err.contains("--excel is for CSV"), "{err}");
    }
}
