-- Compact activities: the date as a day number, the built-in kinds and the channels as small
-- integers, the source worked out from the batch, and a post's hashtags as a reference to the
-- set of tags it carries, kept once. `date`, `kind`, `channel` and `source` stay readable
-- columns, computed when read (VIRTUAL: they take no room), so every query that reads them
-- is unchanged; writes set `day`, `kind_code`/`kind_other`, `channel_code` and `hashtag_set`
-- (db::activities says how). The indexes hold the day number, not the date's text.
--
-- The codes are the places of the kinds in domain::BUILTIN_ACTIVITY_KINDS and of the
-- channels in domain::Channel::ALL (a unit test holds the two together). A kind configured
-- in amb.toml is kept as its name in `kind_other`.
--
-- SQLite cannot change a column's storage in place: the table is made anew and its rows
-- copied with their ids, the id sequence carried over (an id is never reused), and its
-- indexes and triggers made again. The tally triggers are 005's, with two changes: the
-- update triggers fire on the stored columns (an UPDATE OF a computed column never fires),
-- and a REAL cell's recompute finds its month's rows by day number through the index (the
-- last month, 9999-12, ends on the last day the column holds).

-- A set of hashtags found on posts ("#Vaasa #OnnellisenArjenTekijät"), kept once however
-- many posts carry it.
CREATE TABLE hashtag_set (
    id   INTEGER PRIMARY KEY,
    tags TEXT NOT NULL UNIQUE
) STRICT;

INSERT INTO hashtag_set (tags)
SELECT hashtags FROM activity WHERE hashtags IS NOT NULL GROUP BY hashtags ORDER BY min(id);

CREATE TABLE activity_compact (
    -- AUTOINCREMENT: an id is never reused, so a removed activity's points stay its own.
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id    INTEGER NOT NULL REFERENCES person (id),
    program_id   INTEGER REFERENCES program (id),
    -- Days since 1970-01-01 (-4713-11-25 to 9999-12-31, the dates SQLite reads).
    day          INTEGER NOT NULL CHECK (day BETWEEN -2440587 AND 2932896),
    -- A built-in kind's code, or else a configured kind's name.
    kind_code    INTEGER CHECK (kind_code BETWEEN 0 AND 7),
    kind_other   TEXT CHECK (length(kind_other) > 0 AND kind_other NOT IN ('post', 'share', 'article',
                             'school-visit', 'fair-visit', 'talk', 'event', 'other')),
    channel_code INTEGER CHECK (channel_code BETWEEN 0 AND 8),
    url          TEXT CHECK (url IS NULL OR length(url) > 0),
    hashtag_set  INTEGER REFERENCES hashtag_set (id),
    impressions  INTEGER CHECK (impressions >= 0),
    reactions    INTEGER CHECK (reactions >= 0),
    comments     INTEGER CHECK (comments >= 0),
    shares       INTEGER CHECK (shares >= 0),
    clicks       INTEGER CHECK (clicks >= 0),
    note         TEXT,
    -- The import that brought it (NULL: recorded by hand); its identity and URL form
    -- (crate::identity, migration 007); its text only when imported with --keep-text.
    batch_id     INTEGER REFERENCES import_batch (id),
    text         TEXT,
    post_id      INTEGER,
    url_form     INTEGER,
    date         TEXT GENERATED ALWAYS AS (date(day * 86400, 'unixepoch')) VIRTUAL,
    kind         TEXT GENERATED ALWAYS AS (CASE kind_code WHEN 0 THEN 'post' WHEN 1 THEN 'share' WHEN 2 THEN 'article' WHEN 3 THEN 'school-visit' WHEN 4 THEN 'fair-visit' WHEN 5 THEN 'talk' WHEN 6 THEN 'event' WHEN 7 THEN 'other' ELSE kind_other END) VIRTUAL,
    channel      TEXT GENERATED ALWAYS AS (CASE channel_code WHEN 0 THEN 'linkedin' WHEN 1 THEN 'x' WHEN 2 THEN 'facebook' WHEN 3 THEN 'instagram' WHEN 4 THEN 'mastodon' WHEN 5 THEN 'tiktok' WHEN 6 THEN 'youtube' WHEN 7 THEN 'blog' WHEN 8 THEN 'other' END) VIRTUAL,
    source       TEXT GENERATED ALWAYS AS (CASE WHEN batch_id IS NULL THEN 'manual' ELSE 'import' END) VIRTUAL,
    CHECK ((kind_code IS NULL) <> (kind_other IS NULL)),
    -- A post or a share is always on a channel.
    CHECK (kind_code NOT IN (0, 1) OR channel_code IS NOT NULL)
) STRICT;

WITH kinds (code, name) AS (VALUES (0, 'post'), (1, 'share'), (2, 'article'), (3, 'school-visit'), (4, 'fair-visit'), (5, 'talk'), (6, 'event'), (7, 'other')),
     channels (code, name) AS (VALUES (0, 'linkedin'), (1, 'x'), (2, 'facebook'), (3, 'instagram'), (4, 'mastodon'), (5, 'tiktok'), (6, 'youtube'), (7, 'blog'), (8, 'other'))
INSERT INTO activity_compact (id, person_id, program_id, day, kind_code, kind_other, channel_code, url,
                              hashtag_set, impressions, reactions, comments, shares, clicks, note,
                              batch_id, text, post_id, url_form)
SELECT a.id, a.person_id, a.program_id, unixepoch(a.date) / 86400, k.code, CASE WHEN k.code IS NULL THEN a.kind END,
       c.code, a.url, h.id, a.impressions, a.reactions, a.comments, a.shares, a.clicks, a.note,
       a.batch_id, a.text, a.post_id, a.url_form
FROM activity a
LEFT JOIN kinds k ON k.name = a.kind
LEFT JOIN channels c ON c.name = a.channel
LEFT JOIN hashtag_set h ON h.tags = a.hashtags
ORDER BY a.id;

-- The id sequence goes with the rows (it can be past the last id when the last were removed).
DELETE FROM sqlite_sequence WHERE name = 'activity_compact';
UPDATE sqlite_sequence SET name = 'activity_compact' WHERE name = 'activity';

DROP TABLE activity;
ALTER TABLE activity_compact RENAME TO activity;

-- A post is recorded once per channel; activities without a channel count as one channel.
CREATE UNIQUE INDEX activity_post ON activity (post_id, coalesce(channel_code, -1)) WHERE post_id IS NOT NULL;
-- Reports go through the programme (a year is the programmes' activities in it) and the
-- person; a separate date index would cost every import more than it saves (BENCHMARKS.md).
CREATE INDEX activity_person_day ON activity (person_id, day);
CREATE INDEX activity_program_day ON activity (program_id, day);

CREATE TRIGGER activity_tally_insert AFTER INSERT ON activity
BEGIN
    UPDATE activity_tally SET n = n + 1, impressions = impressions + coalesce(NEW.impressions, 0),
        clicks = clicks + coalesce(NEW.clicks, 0),
        engagements = engagements + (coalesce(NEW.reactions, 0) + coalesce(NEW.comments, 0) + coalesce(NEW.shares, 0))
    WHERE program_id = coalesce(NEW.program_id, 0) AND month = substr(NEW.date, 1, 7) AND kind = NEW.kind
      AND channel = coalesce(NEW.channel, '');
    INSERT INTO activity_tally (program_id, month, kind, channel, n, impressions, clicks, engagements)
    SELECT coalesce(NEW.program_id, 0), substr(NEW.date, 1, 7), NEW.kind, coalesce(NEW.channel, ''), 1,
           coalesce(NEW.impressions, 0), coalesce(NEW.clicks, 0),
           coalesce(NEW.reactions, 0) + coalesce(NEW.comments, 0) + coalesce(NEW.shares, 0)
    WHERE changes() = 0;
    UPDATE person_tally SET n = n + 1
    WHERE person_id = NEW.person_id AND program_id = coalesce(NEW.program_id, 0)
      AND year = CAST(substr(NEW.date, 1, 4) AS INTEGER) AND kind = NEW.kind AND channel = coalesce(NEW.channel, '');
    INSERT INTO person_tally (person_id, program_id, year, kind, channel, n)
    SELECT NEW.person_id, coalesce(NEW.program_id, 0), CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.kind,
           coalesce(NEW.channel, ''), 1
    WHERE changes() = 0;
END;

CREATE TRIGGER activity_tally_delete AFTER DELETE ON activity
WHEN NOT EXISTS (SELECT 1 FROM activity_tally_deferred WHERE OLD.id > after_id)
BEGIN
    DELETE FROM activity_tally
    WHERE program_id = coalesce(OLD.program_id, 0) AND month = substr(OLD.date, 1, 7) AND kind = OLD.kind
      AND channel = coalesce(OLD.channel, '') AND n = 1;
    UPDATE activity_tally SET n = n - 1, impressions = impressions - coalesce(OLD.impressions, 0),
        clicks = clicks - coalesce(OLD.clicks, 0),
        engagements = engagements - (coalesce(OLD.reactions, 0) + coalesce(OLD.comments, 0) + coalesce(OLD.shares, 0))
    WHERE program_id = coalesce(OLD.program_id, 0) AND month = substr(OLD.date, 1, 7) AND kind = OLD.kind
      AND channel = coalesce(OLD.channel, '');
    UPDATE activity_tally SET (impressions, clicks, engagements) = (
        SELECT CASE WHEN total(a.impressions) < 9007199254740992.0
                    THEN CAST(total(a.impressions) AS INTEGER) ELSE total(a.impressions) END,
               CASE WHEN total(a.clicks) < 9007199254740992.0
                    THEN CAST(total(a.clicks) AS INTEGER) ELSE total(a.clicks) END,
               CASE WHEN total(coalesce(a.reactions, 0) + coalesce(a.comments, 0) + coalesce(a.shares, 0)) < 9007199254740992.0
                    THEN CAST(total(coalesce(a.reactions, 0) + coalesce(a.comments, 0) + coalesce(a.shares, 0)) AS INTEGER)
                    ELSE total(coalesce(a.reactions, 0) + coalesce(a.comments, 0) + coalesce(a.shares, 0)) END
        FROM activity a
        WHERE a.program_id IS OLD.program_id AND a.day BETWEEN unixepoch(substr(OLD.date, 1, 7) || '-01') / 86400
                      AND coalesce(unixepoch(substr(OLD.date, 1, 7) || '-01', '+1 month') / 86400 - 1, 2932896)
          AND a.id <= coalesce((SELECT min(after_id) FROM activity_tally_deferred), 9223372036854775807)
          AND a.kind = OLD.kind AND a.channel IS OLD.channel)
    WHERE program_id = coalesce(OLD.program_id, 0) AND month = substr(OLD.date, 1, 7) AND kind = OLD.kind
      AND channel = coalesce(OLD.channel, '')
      AND (typeof(impressions) <> 'integer' OR typeof(clicks) <> 'integer' OR typeof(engagements) <> 'integer');
    DELETE FROM person_tally
    WHERE person_id = OLD.person_id AND program_id = coalesce(OLD.program_id, 0)
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND kind = OLD.kind AND channel = coalesce(OLD.channel, '')
      AND n = 1;
    UPDATE person_tally SET n = n - 1
    WHERE person_id = OLD.person_id AND program_id = coalesce(OLD.program_id, 0)
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND kind = OLD.kind AND channel = coalesce(OLD.channel, '');
END;

CREATE TRIGGER activity_tally_update AFTER UPDATE OF program_id, day, kind_code, kind_other, channel_code, impressions, reactions, comments, shares, clicks ON activity
WHEN (OLD.program_id IS NOT NEW.program_id OR OLD.date IS NOT NEW.date OR OLD.kind IS NOT NEW.kind
  OR OLD.channel IS NOT NEW.channel OR OLD.impressions IS NOT NEW.impressions OR OLD.reactions IS NOT NEW.reactions
  OR OLD.comments IS NOT NEW.comments OR OLD.shares IS NOT NEW.shares OR OLD.clicks IS NOT NEW.clicks)
  AND NOT EXISTS (SELECT 1 FROM activity_tally_deferred WHERE OLD.id > after_id)
BEGIN
    UPDATE activity_tally SET n = n + 1, impressions = impressions + coalesce(NEW.impressions, 0),
        clicks = clicks + coalesce(NEW.clicks, 0),
        engagements = engagements + (coalesce(NEW.reactions, 0) + coalesce(NEW.comments, 0) + coalesce(NEW.shares, 0))
    WHERE program_id = coalesce(NEW.program_id, 0) AND month = substr(NEW.date, 1, 7) AND kind = NEW.kind
      AND channel = coalesce(NEW.channel, '');
    INSERT INTO activity_tally (program_id, month, kind, channel, n, impressions, clicks, engagements)
    SELECT coalesce(NEW.program_id, 0), substr(NEW.date, 1, 7), NEW.kind, coalesce(NEW.channel, ''), 1,
           coalesce(NEW.impressions, 0), coalesce(NEW.clicks, 0),
           coalesce(NEW.reactions, 0) + coalesce(NEW.comments, 0) + coalesce(NEW.shares, 0)
    WHERE changes() = 0;
    DELETE FROM activity_tally
    WHERE program_id = coalesce(OLD.program_id, 0) AND month = substr(OLD.date, 1, 7) AND kind = OLD.kind
      AND channel = coalesce(OLD.channel, '') AND n = 1;
    UPDATE activity_tally SET n = n - 1, impressions = impressions - coalesce(OLD.impressions, 0),
        clicks = clicks - coalesce(OLD.clicks, 0),
        engagements = engagements - (coalesce(OLD.reactions, 0) + coalesce(OLD.comments, 0) + coalesce(OLD.shares, 0))
    WHERE program_id = coalesce(OLD.program_id, 0) AND month = substr(OLD.date, 1, 7) AND kind = OLD.kind
      AND channel = coalesce(OLD.channel, '');
    UPDATE activity_tally SET (impressions, clicks, engagements) = (
        SELECT CASE WHEN total(a.impressions) < 9007199254740992.0
                    THEN CAST(total(a.impressions) AS INTEGER) ELSE total(a.impressions) END,
               CASE WHEN total(a.clicks) < 9007199254740992.0
                    THEN CAST(total(a.clicks) AS INTEGER) ELSE total(a.clicks) END,
               CASE WHEN total(coalesce(a.reactions, 0) + coalesce(a.comments, 0) + coalesce(a.shares, 0)) < 9007199254740992.0
                    THEN CAST(total(coalesce(a.reactions, 0) + coalesce(a.comments, 0) + coalesce(a.shares, 0)) AS INTEGER)
                    ELSE total(coalesce(a.reactions, 0) + coalesce(a.comments, 0) + coalesce(a.shares, 0)) END
        FROM activity a
        WHERE a.program_id IS OLD.program_id AND a.day BETWEEN unixepoch(substr(OLD.date, 1, 7) || '-01') / 86400
                      AND coalesce(unixepoch(substr(OLD.date, 1, 7) || '-01', '+1 month') / 86400 - 1, 2932896)
          AND a.id <= coalesce((SELECT min(after_id) FROM activity_tally_deferred), 9223372036854775807)
          AND a.kind = OLD.kind AND a.channel IS OLD.channel)
    WHERE program_id = coalesce(OLD.program_id, 0) AND month = substr(OLD.date, 1, 7) AND kind = OLD.kind
      AND channel = coalesce(OLD.channel, '')
      AND (typeof(impressions) <> 'integer' OR typeof(clicks) <> 'integer' OR typeof(engagements) <> 'integer');
END;

CREATE TRIGGER person_tally_update AFTER UPDATE OF person_id, program_id, day, kind_code, kind_other, channel_code ON activity
WHEN (OLD.person_id IS NOT NEW.person_id OR OLD.program_id IS NOT NEW.program_id
  OR substr(OLD.date, 1, 4) IS NOT substr(NEW.date, 1, 4) OR OLD.kind IS NOT NEW.kind OR OLD.channel IS NOT NEW.channel)
  AND NOT EXISTS (SELECT 1 FROM activity_tally_deferred WHERE OLD.id > after_id)
BEGIN
    UPDATE person_tally SET n = n + 1
    WHERE person_id = NEW.person_id AND program_id = coalesce(NEW.program_id, 0)
      AND year = CAST(substr(NEW.date, 1, 4) AS INTEGER) AND kind = NEW.kind AND channel = coalesce(NEW.channel, '');
    INSERT INTO person_tally (person_id, program_id, year, kind, channel, n)
    SELECT NEW.person_id, coalesce(NEW.program_id, 0), CAST(substr(NEW.date, 1, 4) AS INTEGER), NEW.kind,
           coalesce(NEW.channel, ''), 1
    WHERE changes() = 0;
    DELETE FROM person_tally
    WHERE person_id = OLD.person_id AND program_id = coalesce(OLD.program_id, 0)
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND kind = OLD.kind AND channel = coalesce(OLD.channel, '')
      AND n = 1;
    UPDATE person_tally SET n = n - 1
    WHERE person_id = OLD.person_id AND program_id = coalesce(OLD.program_id, 0)
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND kind = OLD.kind AND channel = coalesce(OLD.channel, '');
END;
