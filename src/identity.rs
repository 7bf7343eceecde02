//! A post's identity: one integer per post and channel, what re-imports, boosts and manual
//! additions are matched by (the unique index `activity_post`).
//!
//! The platforms number their posts with integers below 2^63 (LinkedIn's share, ugcPost and
//! activity ids, X's `id_str`): a post whose web address is exactly the platform's canonical
//! address of such an id is known by that id, and its address is not stored but rebuilt
//! from it ([`UrlForm`]). Any other post is known by a 63-bit hash of its address or key,
//! kept apart from the real ids by being negative. A Mastodon status has two addresses (the
//! `/users/u/statuses/N` id and the `/@u/N` page): both name the same identity.

use sha2::{Digest, Sha256};

use crate::domain::Channel;
use crate::text::normalize_url;

/// A canonical address that is rebuilt from the post's id instead of being stored: the
/// value kept in `activity.url_form`, with the text before the id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UrlForm {
    pub code: i64,
    pub channel: Channel,
    pub prefix: &'static str,
}

/// Every rebuilt address. Never change or reuse a code: files keep them.
pub const URL_FORMS: [UrlForm; 4] = [
    UrlForm {
        code: 1,
        channel: Channel::Linkedin,
        prefix: "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A",
    },
    UrlForm {
        code: 2,
        channel: Channel::Linkedin,
        prefix: "https://www.linkedin.com/feed/update/urn%3Ali%3AugcPost%3A",
    },
    UrlForm {
        code: 3,
        channel: Channel::Linkedin,
        prefix: "https://www.linkedin.com/feed/update/urn%3Ali%3Aactivity%3A",
    },
    UrlForm {
        code: 4,
        channel: Channel::X,
        prefix: "https://x.com/i/web/status/",
    },
];

/// The SQL expression of an activity's web address (`alias` is the activity table's
/// alias): the stored one, or the one its form rebuilds.
pub fn url_sql(alias: &str) -> String {
    let forms: String = URL_FORMS
        .iter()
        .map(|f| format!(" WHEN {} THEN '{}' || {alias}.post_id", f.code, f.prefix))
        .collect();
    format!("coalesce({alias}.url, CASE {alias}.url_form{forms} END)")
}

/// The identity of a post on `channel` known by `key`: its platform id, its web address
/// or (for a post without either) a key made from its content.
pub fn post_id(channel: Option<Channel>, key: &str) -> i64 {
    let key = key.trim();
    if channel == Some(Channel::X)
        && !key.is_empty()
        && key.bytes().all(|b| b.is_ascii_digit())
        && let Ok(id) = key.parse::<i64>()
    {
        return id;
    }
    let Ok(url) = normalize_url(key) else {
        return hashed(key);
    };
    if let Some((id, _)) = canonical(channel, &url) {
        return id;
    }
    if channel == Some(Channel::Mastodon)
        && let Some(status) = mastodon_status(&url)
    {
        return hashed(&status);
    }
    hashed(&url)
}

/// The form that rebuilds `url` (normalised) from the post id `id`, if one does.
pub fn url_form(channel: Option<Channel>, url: &str, id: i64) -> Option<i64> {
    canonical(channel, url)
        .filter(|(found, _)| *found == id)
        .map(|(_, form)| form)
}

/// The platform id and form of a canonical address.
fn canonical(channel: Option<Channel>, url: &str) -> Option<(i64, i64)> {
    let channel = channel?;
    URL_FORMS
        .iter()
        .filter(|f| f.channel == channel)
        .find_map(|f| {
            let digits = url.strip_prefix(f.prefix)?;
            let id: i64 = digits.parse().ok().filter(|id| *id > 0)?;
            // Exactly the rebuilt text: no sign, no leading zero, nothing after.
            (id.to_string() == digits).then_some((id, f.code))
        })
}

/// `host/statuses/N` of a Mastodon status address in either spelling.
fn mastodon_status(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("https://")
        .or(url.strip_prefix("http://"))?;
    let (host, path) = rest.split_once('/')?;
    let parts: Vec<&str> = path.split('/').collect();
    let id = match parts[..] {
        [user, id] if user.starts_with('@') && user.len() > 1 => id,
        ["users", user, "statuses", id] if !user.is_empty() => id,
        _ => return None,
    };
    (!id.is_empty() && id.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{host}/statuses/{id}"))
}

/// A 63-bit hash of a text, negative so that it is never a platform's id.
fn hashed(text: &str) -> i64 {
    let digest = Sha256::digest(text.as_bytes());
    let mut first = [0u8; 8];
    first.copy_from_slice(&digest[..8]);
    -1 - (u64::from_be_bytes(first) >> 1) as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHARE: &str =
        "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A7012345678901234567";

    #[test]
    fn a_canonical_address_is_the_platform_id_and_is_rebuilt() {
        let url = normalize_url(SHARE).unwrap();
        let id = post_id(Some(Channel::Linkedin), SHARE);
        assert_eq!(id, 7_012_345_678_901_234_567);
        let form = url_form(Some(Channel::Linkedin), &url, id).unwrap();
        let prefix = URL_FORMS.iter().find(|f| f.code == form).unwrap().prefix;
        assert_eq!(format!("{prefix}{id}"), url);
        let x = "https://x.com/i/web/status/1600000000000000001";
        assert_eq!(post_id(Some(Channel::X), x), 1_600_000_000_000_000_001);
        assert_eq!(
            post_id(Some(Channel::X), "1600000000000000001"),
            1_600_000_000_000_000_001
        );
        assert_eq!(
            url_form(Some(Channel::X), x, 1_600_000_000_000_000_001),
            Some(4)
        );
    }

    #[test]
    fn anything_else_is_a_negative_hash_of_its_normalised_address() {
        let odd = [
            "https://www.linkedin.com/feed/update/urn:li:share:7012345678901234567",
            "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A0701",
            "https://www.linkedin.com/feed/update/urn%3Ali%3Ashare%3A99999999999999999999",
            "https://www.linkedin.com/feed/update/urn%3Ali%3AgroupPost%3A1875717-7012",
            "https://x.com/aino/status/1",
            "1667369700:0011223344556677",
        ];
        for key in odd {
            let id = post_id(Some(Channel::Linkedin), key);
            assert!(id < 0, "{key}");
            assert_eq!(url_form(Some(Channel::Linkedin), key, id), None, "{key}");
        }
        assert_eq!(
            post_id(Some(Channel::Blog), "HTTPS://Blog.Example/post/"),
            post_id(Some(Channel::Blog), "https://blog.example/post")
        );
        // On another channel an X id is not an id but a text.
        assert!(post_id(Some(Channel::Mastodon), "1600000000000000001") < 0);
        assert!(post_id(None, SHARE) < 0);
    }

    #[test]
    fn both_addresses_of_a_mastodon_status_are_one_post() {
        let m = Some(Channel::Mastodon);
        let uri = post_id(m, "https://m.example/users/sofia/statuses/101");
        assert_eq!(uri, post_id(m, "https://M.example/@sofia/101"));
        assert_ne!(uri, post_id(m, "https://other.example/@sofia/101"));
        assert_ne!(
            uri,
            post_id(m, "https://m.example/users/sofia/statuses/101/activity")
        );
    }

    #[test]
    fn the_sql_rebuilds_the_same_address() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let sql = format!(
            "SELECT {} FROM (SELECT NULL AS url, 1 AS url_form, 7012345678901234567 AS post_id) a",
            url_sql("a")
        );
        let url: String = conn.query_row(&sql, [], |row| row.get(0)).unwrap();
        assert_eq!(url, normalize_url(SHARE).unwrap());
    }
}
