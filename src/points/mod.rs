//! The points engine: reward points by the configured rules. Automatic awards for
//! activities and attendance and their reversals (`awards`), points by hand (`manual`),
//! rescoring when the rules change (`rescore`), and the rules themselves (`rules`). The
//! SQL is in `db::points`.

mod awards;
mod manual;
#[cfg(test)]
mod model;
mod rescore;
pub mod rules;

pub use crate::db::points::attendance_id;
pub use awards::{
    ActivityFacts, PaidPosts, PaidTally, attendance_changed, award_activity,
    award_activity_counting, award_import, awards_at_end_of_import, reverse_activity,
    reverse_batch,
};
pub use manual::{MAX_POINTS, manual_entry, reverse_entry};
pub use rescore::{Rescore, apply_rescore, rescore, settle};
pub use rules::PointsRules;
