//! Parsers of files people hand over: pure functions from bytes to typed rows.

pub mod people;
