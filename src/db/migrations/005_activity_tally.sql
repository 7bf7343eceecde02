-- Activity tallies: what the reports add up, kept per programme × month × kind × channel and
-- per person × programme × year × kind × channel, so that a report reads thousands of rows
-- instead of every activity (issue 15). Kept by the triggers below in the transaction of
-- every write to `activity`; `amb check` compares them with what the activities say, and
-- `amb check --repair` rebuilds them. 0 stands for no programme and ''
-- for no channel (a key cannot hold NULL).
--
-- The sums are ANY columns: an integer while the exact sum fits, a REAL once an addition
-- overflowed or the sum is 2^53 or more (no longer exact in the floating point the reports'
-- own SQL adds in); a report then falls back to reading the activities. A REAL cell is
-- recomputed from the activities whenever one of its activities is removed or changed, so
-- it is an integer again once its sum is below 2^53.
--
-- A cell is added to with UPDATE, then INSERT when the UPDATE found none (`changes()` counts
-- the trigger's own last statement), not with an upsert, which measured slower per row (an
-- import lifts the insert trigger altogether: BENCHMARKS.md).

CREATE TABLE activity_tally (
    program_id  INTEGER NOT NULL,
    month       TEXT NOT NULL,
    kind        TEXT NOT NULL,
    channel     TEXT NOT NULL,
    n           INTEGER NOT NULL CHECK (n > 0),
    impressions ANY NOT NULL,
    clicks      ANY NOT NULL,
    -- reactions + comments + shares, a missing figure as 0
    engagements ANY NOT NULL,
    PRIMARY KEY (program_id, month, kind, channel)
) STRICT, WITHOUT ROWID;

-- Year, not month: a person has about 20 rows at 100 activities over two years.
CREATE TABLE person_tally (
    person_id  INTEGER NOT NULL,
    program_id INTEGER NOT NULL,
    year       INTEGER NOT NULL,
    kind       TEXT NOT NULL,
    channel    TEXT NOT NULL,
    n          INTEGER NOT NULL CHECK (n > 0),
    PRIMARY KEY (person_id, program_id, year, kind, channel)
) STRICT, WITHOUT ROWID;

-- An import adds its rows' tallies at its end, in one pass over them (activity_tally::defer): a
-- trigger on every inserted row made an import twice as slow. Meanwhile this holds the last
-- id before the import, and the triggers leave the rows after it (not yet tallied) alone.
CREATE TABLE activity_tally_deferred (
    after_id INTEGER NOT NULL
) STRICT;

-- The tallies of the activities already there. `amb check` compares the tallies with these
-- very queries, and `amb check --repair` refills them with them (migrations::fill_query).
-- A sum is an integer when it is below 2^53, a REAL beyond.
INSERT INTO activity_tally
SELECT coalesce(program_id, 0) AS program_id, substr(date, 1, 7) AS month, kind,
       coalesce(channel, '') AS channel, count(*) AS n,
       CASE WHEN total(impressions) < 9007199254740992.0
            THEN CAST(total(impressions) AS INTEGER) ELSE total(impressions) END AS impressions,
       CASE WHEN total(clicks) < 9007199254740992.0
            THEN CAST(total(clicks) AS INTEGER) ELSE total(clicks) END AS clicks,
       CASE WHEN total(coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0)) < 9007199254740992.0
            THEN CAST(total(coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0)) AS INTEGER)
            ELSE total(coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0)) END AS engagements
FROM activity
GROUP BY 1, 2, 3, 4;

INSERT INTO person_tally
SELECT person_id, coalesce(program_id, 0) AS program_id, CAST(substr(date, 1, 4) AS INTEGER) AS year,
       kind, coalesce(channel, '') AS channel, count(*) AS n
FROM activity
GROUP BY 1, 2, 3, 4, 5;

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
        WHERE a.program_id IS OLD.program_id AND a.date BETWEEN substr(OLD.date, 1, 7) || '-01' AND substr(OLD.date, 1, 7) || '-31'
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

-- An activity moved or refigured: added where it is now, then taken from where it was (the
-- same cell when only its figures changed; a REAL cell is recomputed last). A cell whose
-- count would drop to 0 is deleted instead (n is never 0).
CREATE TRIGGER activity_tally_update AFTER UPDATE OF program_id, date, kind, channel, impressions, reactions, comments, shares, clicks ON activity
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
        WHERE a.program_id IS OLD.program_id AND a.date BETWEEN substr(OLD.date, 1, 7) || '-01' AND substr(OLD.date, 1, 7) || '-31'
          AND a.id <= coalesce((SELECT min(after_id) FROM activity_tally_deferred), 9223372036854775807)
          AND a.kind = OLD.kind AND a.channel IS OLD.channel)
    WHERE program_id = coalesce(OLD.program_id, 0) AND month = substr(OLD.date, 1, 7) AND kind = OLD.kind
      AND channel = coalesce(OLD.channel, '')
      AND (typeof(impressions) <> 'integer' OR typeof(clicks) <> 'integer' OR typeof(engagements) <> 'integer');
END;

CREATE TRIGGER person_tally_update AFTER UPDATE OF person_id, program_id, date, kind, channel ON activity
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
