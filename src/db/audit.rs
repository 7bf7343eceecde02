//! The audit log: what ran, when, by which OS user, and how much it changed.

use rusqlite::{Connection, params};
use serde::Serialize;

/// One audit row. `counts` is an object of numbers; it never holds personal data.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub os_user: String,
    pub command: String,
    pub counts: serde_json::Value,
}

/// Every command that changes data, as its audit entries name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Init,
    Demo,
    ProgramAdd,
    ProgramEdit,
    ProgramClose,
    PersonAdd,
    PersonEdit,
    PersonImport,
    Enroll,
    Apply,
    Withdraw,
    TrainingAdd,
    TrainingAttend,
    SwagStockAdd,
    SwagDeliver,
    SwagReturn,
    ActivityAdd,
    ActivityEdit,
    ActivityRemove,
    ActivityImport,
    FeedbackAdd,
    KpiAdd,
    ImportUndo,
    PointsAward,
    PointsRedeem,
    PointsReverse,
    PointsRescore,
    PersonForget,
    Purge,
    Restore,
    KpiEdit,
    KpiRemove,
    TrainingEdit,
    TrainingRemove,
    FeedbackEdit,
    FeedbackRemove,
    ProgramRemove,
    CheckRepair,
}

impl Action {
    /// The command as the audit log names it.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Init => "init",
            Action::Demo => "demo",
            Action::ProgramAdd => "program add",
            Action::ProgramEdit => "program edit",
            Action::ProgramClose => "program close",
            Action::PersonAdd => "person add",
            Action::PersonEdit => "person edit",
            Action::PersonImport => "person import",
            Action::Enroll => "enroll",
            Action::Apply => "apply",
            Action::Withdraw => "withdraw",
            Action::TrainingAdd => "training add",
            Action::TrainingAttend => "training attend",
            Action::SwagStockAdd => "swag stock add",
            Action::SwagDeliver => "swag deliver",
            Action::SwagReturn => "swag return",
            Action::ActivityAdd => "activity add",
            Action::ActivityEdit => "activity edit",
            Action::ActivityRemove => "activity remove",
            Action::ActivityImport => "activity import",
            Action::FeedbackAdd => "feedback add",
            Action::KpiAdd => "kpi add",
            Action::ImportUndo => "import undo",
            Action::PointsAward => "points award",
            Action::PointsRedeem => "points redeem",
            Action::PointsReverse => "points reverse",
            Action::PointsRescore => "points rescore",
            Action::PersonForget => "person forget",
            Action::Purge => "purge",
            Action::Restore => "restore",
            Action::KpiEdit => "kpi edit",
            Action::KpiRemove => "kpi remove",
            Action::TrainingEdit => "training edit",
            Action::TrainingRemove => "training remove",
            Action::FeedbackEdit => "feedback edit",
            Action::FeedbackRemove => "feedback remove",
            Action::ProgramRemove => "program remove",
            Action::CheckRepair => "check repair",
        }
    }
}

/// What an audit entry counts: names of changes and how many of each.
pub type Counts = Vec<(&'static str, i64)>;

/// Records that `action` changed data, inside the command's own transaction.
pub fn record(conn: &Connection, action: Action, counts: &[(&str, i64)]) -> rusqlite::Result<()> {
    let command = action.as_str();
    let counts: serde_json::Map<String, serde_json::Value> = counts
        .iter()
        .map(|(key, value)| ((*key).to_string(), serde_json::Value::from(*value)))
        .collect();
    let at = chrono::Utc::now().format("%Y-%m-%dT%H:%M:%SZ").to_string();
    conn.execute(
        "INSERT INTO audit (at, os_user, command, counts) VALUES (?1, ?2, ?3, ?4)",
        params![
            at,
            os_user(),
            command,
            serde_json::Value::Object(counts).to_string()
        ],
    )?;
    Ok(())
}

/// The newest `limit` entries, oldest first.
pub fn recent(conn: &Connection, limit: i64) -> rusqlite::Result<Vec<Entry>> {
    let mut stmt = conn.prepare(
        "SELECT id, at, os_user, command, counts FROM (
             SELECT * FROM audit ORDER BY id DESC LIMIT ?1
         ) ORDER BY id",
    )?;
    stmt.query_map([limit], |row| {
        let counts: String = row.get(4)?;
        Ok(Entry {
            id: row.get(0)?,
            at: row.get(1)?,
            os_user: row.get(2)?,
            command: row.get(3)?,
            counts: serde_json::from_str(&counts).unwrap_or(serde_json::Value::Null),
        })
    })?
    .collect()
}

fn os_user() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|var| std::env::var(var).ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| "unknown".to_string())
}
