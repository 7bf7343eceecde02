//! amb runs an organisation's employee ambassador programme from one local SQLite file.
//!
//! Layers: `cli` (raw clap types) → `context` (resolved settings) → `commands` (thin: one
//! transaction each) → `db` (all SQL) → `output` (the one writer to stdout).

pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod dates;
pub mod db;
pub mod domain;
pub mod emv;
pub mod error;
pub mod export;
pub mod hashtags;
pub mod html;
pub mod import;
pub mod output;
pub mod points;
pub mod text;

pub use commands::run;
