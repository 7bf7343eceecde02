//! The sets of hashtags posts carry (`hashtag_set`, migration 009), each kept once however
//! many posts carry it, and only while one does.

use rusqlite::Connection;

/// The SQL expression of an activity's hashtags as text ("#a #b"; `alias` is the activity
/// table's alias), as every reader shows them.
pub fn tags_sql(alias: &str) -> String {
    format!("(SELECT tags FROM hashtag_set WHERE id = {alias}.hashtag_set)")
}

/// The id of the hashtag set `tags` ("#a #b"), kept once however many posts carry it, and
/// whether it was made just now.
pub fn hashtag_set(conn: &Connection, tags: &str) -> rusqlite::Result<(i64, bool)> {
    let made = conn
        .prepare_cached("INSERT INTO hashtag_set (tags) VALUES (?1) ON CONFLICT (tags) DO NOTHING")?
        .execute([tags])?
        == 1;
    let id = conn
        .prepare_cached("SELECT id FROM hashtag_set WHERE tags = ?1")?
        .query_row([tags], |row| row.get(0))?;
    Ok((id, made))
}

/// Removes a hashtag set made for a row that was not inserted after all (its post was
/// already recorded): a set is kept only while a post carries it.
pub fn unmake_set(conn: &Connection, id: i64) -> rusqlite::Result<()> {
    conn.prepare_cached("DELETE FROM hashtag_set WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// The hashtag sets the activities `filter` selects (`a.` conditions, with `params`) carry,
/// before they are removed: [`remove_unused_sets`] then removes those no post carries.
pub fn sets_of(
    conn: &Connection,
    filter: &str,
    params: impl rusqlite::Params,
) -> rusqlite::Result<Vec<i64>> {
    conn.prepare(&format!(
        "SELECT DISTINCT a.hashtag_set FROM activity AS a WHERE a.hashtag_set IS NOT NULL AND {filter}"
    ))?
    .query_map(params, |row| row.get(0))?
    .collect()
}

/// Removes the hashtag sets among `sets` that no activity carries any more: the tags of
/// removed posts do not stay behind them.
pub fn remove_unused_sets(conn: &Connection, sets: &[i64]) -> rusqlite::Result<()> {
    let mut remove = conn.prepare_cached(
        "DELETE FROM hashtag_set WHERE id = ?1
           AND NOT EXISTS (SELECT 1 FROM activity WHERE hashtag_set = ?1)",
    )?;
    for set in sets {
        remove.execute([set])?;
    }
    Ok(())
}
