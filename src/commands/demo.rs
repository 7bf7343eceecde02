//! `amb demo`: a fresh database holding the Vaasa 2022 programme, and its summary.

use std::path::Path;

use crate::context::Context;
use crate::fs::build_atomically;
use crate::i18n::Locale;
use crate::output::OutputFormat;
use crate::render;
use crate::service::demo;

pub fn run(ctx: &Context) -> anyhow::Result<()> {
    // Never the user's own database: only --db, else a demo file of its own.
    let path = ctx
        .db_flag
        .clone()
        .unwrap_or_else(|| ctx.data_dir.join("demo-vaasa-2022.sqlite"));
    demo::remove_previous_demo(&path)?;
    // Build beside the target and rename, so a failure never leaves a half demo behind.
    let summary = build_atomically(
        &path,
        // The default rules, not the user's own config: the demo always tells the same story.
        |partial| demo::create(partial, &path, &demo::config(&ctx.config), ctx.today),
        demo::remove_database_files,
    )?;
    ctx.note(format!(
        "Demo database written to {}\nTry: amb --db {} person list",
        path.display(),
        shell_quote(&path)
    ));
    let mut summary = summary;
    let mut output = ctx.output();
    match output.format() {
        // A terminal, Markdown or a page: the summary, then the cohort's results as the report
        // reads (`amb report program NAME`), in the report language.
        OutputFormat::Table | OutputFormat::Md | OutputFormat::Html => {
            let report = summary.take_report();
            if output.format() != OutputFormat::Html {
                output.record(&summary)?;
            }
            let Some(report) = report else {
                return Ok(());
            };
            let setting = render::program::Setting {
                organisation: &ctx.config.organisation,
                logo: None,
                min_group: ctx.config.privacy.min_group,
                today: ctx.today,
            };
            let view = render::program::View::of(&report)?;
            let doc = render::program::document(&Locale::new(ctx.lang), setting, &view, None);
            let text = render::document(&doc, output.format(), ctx.look());
            output.text(&format!("\n{text}"))
        }
        _ => output.record(&summary),
    }
}

fn shell_quote(path: &Path) -> String {
    let text = path.display().to_string();
    if text
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-".contains(c))
    {
        text
    } else {
        format!("'{}'", text.replace('\'', r"'\''"))
    }
}
