//! The rules of the programme, below the commands: enrolment, people, activities,
//! trainings, swag, imports and the demo. No clap types, no printing, no `Context`: each
//! function takes what it needs (a connection, today, the few settings) and returns data.

pub mod activities;
pub mod backup;
pub mod demo;
pub mod enrolment;
pub mod feedback;
pub mod hashtags;
pub mod import;
pub mod notice;
pub mod people;
pub mod privacy;
pub mod programs;
pub mod swag;
pub mod training;
