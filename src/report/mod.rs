//! Reports: each computes a struct from SQL aggregates (through `db::reports`) and leaves
//! rendering to `output`, or to a pure renderer beside it. No clap, no printing.

pub mod compare;
pub mod digest;
pub mod kpi;
pub mod person;
pub mod program;
pub mod small_groups;
pub mod year;

use crate::db::reports::Count;

/// The count under `key` in a list of counts, 0 when absent.
fn count_of(list: &[Count], key: &str) -> i64 {
    list.iter().find(|c| c.key == key).map_or(0, |c| c.count)
}
