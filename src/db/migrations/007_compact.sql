-- Compact posts: one integer identity per post instead of its address and key, each stored
-- and indexed as text (crate::identity says how it is made). amb_post_id() and
-- amb_url_form() are that Rust code, registered for the migration.

ALTER TABLE activity ADD COLUMN post_id INTEGER;
-- Which canonical address rebuilds the URL from post_id (then url is NULL): crate::identity.
ALTER TABLE activity ADD COLUMN url_form INTEGER;

UPDATE activity SET post_id = amb_post_id(channel, coalesce(post_key, url))
WHERE coalesce(post_key, url) IS NOT NULL;

-- Two rows the old keys told apart but one identity joins (a Mastodon status recorded once by
-- its page and once by its id, say) both stay: the later ones get an identity of their own.
UPDATE activity SET post_id = amb_post_id(NULL, 'amb:activity:' || id)
WHERE id IN (SELECT id FROM (SELECT id, row_number() OVER (PARTITION BY post_id, coalesce(channel, '') ORDER BY id) AS nth
                             FROM activity WHERE post_id IS NOT NULL)
             WHERE nth > 1);

UPDATE activity SET url_form = amb_url_form(channel, url, post_id), url = NULL
WHERE url IS NOT NULL AND amb_url_form(channel, url, post_id) IS NOT NULL;

DROP INDEX activity_channel_url;
DROP INDEX activity_channel_post_key;
ALTER TABLE activity DROP COLUMN post_key;

-- A post is recorded once per channel; activities without a channel count as one channel.
CREATE UNIQUE INDEX activity_post ON activity (post_id, coalesce(channel, '')) WHERE post_id IS NOT NULL;

-- The ids of an import's activities, one range (they are recorded in one transaction):
-- `import undo` and `import list` read the range instead of scanning the table.
ALTER TABLE import_batch ADD COLUMN first_activity INTEGER;
ALTER TABLE import_batch ADD COLUMN last_activity INTEGER;
UPDATE import_batch SET first_activity = r.first, last_activity = r.last
FROM (SELECT batch_id, min(id) AS first, max(id) AS last FROM activity
      WHERE batch_id IS NOT NULL GROUP BY batch_id) AS r
WHERE r.batch_id = import_batch.id;
