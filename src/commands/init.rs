//! `amb init`: create the database and say where it and the config live.

use serde::Serialize;

use crate::context::{Context, Origin};
use crate::db::{self, audit::Action};

#[derive(Serialize)]
struct Initialised {
    database: String,
    database_from: Origin,
    created: bool,
    schema_version: i64,
    config: String,
    config_found: bool,
}

pub fn run(ctx: &Context) -> anyhow::Result<()> {
    let path = &ctx.db_path;
    // A zero-byte regular file (e.g. made by `touch`) holds nothing to lose: adopt it.
    // Never a device, a symlink or anything else that only looks empty.
    let empty = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && m.len() == 0);
    if empty {
        std::fs::remove_file(path)?;
    }
    let created = !path.exists();
    let mut conn = if created {
        db::create(path, &ctx.db_settings())?
    } else {
        db::open(path, &ctx.db_settings())?
    };
    if created {
        db::write_audited(&mut conn, Action::Init, |_| {
            Ok((vec![("databases_created", 1)], ()))
        })?;
        ctx.note(format!("Created the database {}", path.display()));
    } else {
        ctx.note(format!(
            "The database {} already exists; nothing was changed",
            path.display()
        ));
    }
    if !ctx.config_found {
        ctx.note(format!(
            "No config file at {}: using the defaults (see config.example.toml)",
            ctx.config_path.display()
        ));
    }
    ctx.output().record(&Initialised {
        database: path.display().to_string(),
        database_from: ctx.db_origin,
        created,
        schema_version: db::migrations::LATEST,
        config: ctx.config_path.display().to_string(),
        config_found: ctx.config_found,
    })
}
