//! amb runs an organisation's employee ambassador programme from one local SQLite file.
//!
//! Layers, data flowing one way (README.md, "How the code is laid out"): `cli` (clap types;
//! values parsed at the edge into `domain` types) → `context` (settings resolved once) →
//! `commands` (thin: one transaction each; no command imports another) → `service`,
//! `report`, `points`, `import` (the rules, reports, points engine and parsers; no clap, no
//! printing) → `db` (all SQL; returns data and typed conflicts) → `domain`, `text`, `dates`,
//! `error`, `fs` (what every layer shares; they import nothing above them). `output` is the
//! one writer to stdout.

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
pub mod i18n;
pub mod identity;
pub mod import;
pub mod interrupt;
pub mod output;
pub mod points;
pub mod render;
pub mod report;
pub mod service;
pub mod table_writers;
pub mod text;

pub use commands::run;
