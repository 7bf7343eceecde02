//! amb runs an organisation's employee ambassador programme from one local SQLite file.
//!
//! Layers: `cli` (raw clap types, importing nothing from the crate) → `context` (resolved
//! settings, the one place that maps the flags to what lower layers take) → `commands` (thin:
//! one transaction each) → rules and parsers (`points`, `import`, `emv`) → `db` (all SQL;
//! returns data and typed conflicts) → `domain`, `text`, `dates`, `error` (types and words
//! every layer shares; they import nothing above them). `output` is the one writer to stdout.

pub mod cli;
pub mod commands;
pub mod config;
pub mod context;
pub mod dates;
pub mod db;
pub mod domain;
pub mod emv;
pub mod error;
pub mod fs;
pub mod hashtags;
pub mod html;
pub mod import;
pub mod output;
pub mod points;
pub mod report;
pub mod service;
pub mod table_writers;
pub mod text;

pub use commands::run;
