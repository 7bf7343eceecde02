//! `amb config show`: the effective settings and where they came from.

use serde::Serialize;

use crate::config::Config;
use crate::context::{Context, Origin};

#[derive(Serialize)]
struct Effective<'a> {
    config_file: String,
    config_from: Origin,
    config_found: bool,
    database: String,
    database_from: Origin,
    data_dir: String,
    today: chrono::NaiveDate,
    settings: &'a Config,
}

pub fn show(ctx: &Context) -> anyhow::Result<()> {
    ctx.output().record(&Effective {
        config_file: ctx.config_path.display().to_string(),
        config_from: ctx.config_origin,
        config_found: ctx.config_found,
        database: ctx.db_path.display().to_string(),
        database_from: ctx.db_origin,
        data_dir: ctx.data_dir.display().to_string(),
        today: ctx.today,
        settings: &ctx.config,
    })
}
