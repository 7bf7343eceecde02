-- A ledger entry keeps its date as a day number (days since 1970-01-01), as activities do
-- since 009: 2 bytes instead of 10, in the row and in the person index. `date` stays a
-- column, computed when read (VIRTUAL: it takes no room), so what reads it is unchanged:
-- `points ledger`, the reports, and the chain's hashes, which cover the date as text
-- (db::points::CHAINED_FIELDS), so the chain verifies as it did and is not re-anchored.
--
-- SQLite cannot change a column's storage in place: the table is made anew, its entries
-- copied with their ids and the id sequence carried over, and its indexes and triggers made
-- again with the text they had (`amb check` compares), the kept sums' update trigger
-- firing on `day` (an UPDATE OF a computed column never fires). The append-only guards do
-- not fire on the copy: it inserts into the new table and drops the old one whole (an
-- upgrade runs with foreign keys not enforced, so without a delete per row: db::migrate).
--
-- The new table's `reverses` refers to the new table itself, by the name it has until the
-- rename, which renames the reference with it: the old table, dropped, is referred to by
-- nothing.

CREATE TABLE points_entry_compact (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id       INTEGER NOT NULL REFERENCES person (id),
    program_id      INTEGER REFERENCES program (id),
    -- Days since 1970-01-01 (-4713-11-25 to 9999-12-31, the dates SQLite reads).
    day             INTEGER NOT NULL CHECK (day BETWEEN -2440587 AND 2932896),
    amount          INTEGER NOT NULL CHECK (amount <> 0),
    -- (instr() rather than IN lists: an IN list in a check costs more than an index per row)
    kind            TEXT NOT NULL CHECK (instr('|award|redemption|reversal|adjustment|', '|' || kind || '|') > 0),
    source          TEXT NOT NULL CHECK (instr('|activity|attendance|manual|redemption|reversal|rescore|', '|' || source || '|') > 0),
    -- What earned an automatic award. Not foreign keys: a removed activity keeps its history.
    activity_id     INTEGER,
    attendance_id   INTEGER,
    -- A reversal points at the entry it cancels; an entry can be reversed once.
    reverses        INTEGER REFERENCES points_entry_compact (id),
    -- The entry's own words, or (an automatic award, an undone import's reversals) a reason
    -- kept once in points_reason (008).
    reason          TEXT,
    reason_id       INTEGER REFERENCES points_reason (id),
    -- An automatic award's source and how many times it was paid before (N × 1024 + G, 008):
    -- the same event can never be paid twice in the same state.
    idempotency_key INTEGER,
    -- When it was written: Unix seconds (008), or the text an older file had.
    created_at      ANY,
    date            TEXT GENERATED ALWAYS AS (date(day * 86400, 'unixepoch')) VIRTUAL,
    CHECK ((kind = 'reversal') = (reverses IS NOT NULL)),
    CHECK (kind <> 'redemption' OR (amount < 0 AND source = 'redemption')),
    CHECK (source <> 'activity' OR activity_id IS NOT NULL),
    CHECK (source <> 'attendance' OR attendance_id IS NOT NULL)
) STRICT;

INSERT INTO points_entry_compact (id, person_id, program_id, day, amount, kind, source, activity_id,
                                  attendance_id, reverses, reason, reason_id, idempotency_key, created_at)
SELECT id, person_id, program_id, unixepoch(date) / 86400, amount, kind, source, activity_id,
       attendance_id, reverses, reason, reason_id, idempotency_key, created_at
FROM points_entry
ORDER BY id;

-- The id sequence goes with the entries (it can be past the last id).
DELETE FROM sqlite_sequence WHERE name = 'points_entry_compact';
UPDATE sqlite_sequence SET name = 'points_entry_compact' WHERE name = 'points_entry';

DROP TABLE points_entry;
ALTER TABLE points_entry_compact RENAME TO points_entry;

-- Partial unique indexes: only the entries that have a key or reverse something pay for them.
CREATE UNIQUE INDEX points_entry_idempotency_key ON points_entry (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX points_entry_reverses ON points_entry (reverses) WHERE reverses IS NOT NULL;
CREATE INDEX points_entry_person ON points_entry (person_id, day);

CREATE TRIGGER points_entry_no_update BEFORE UPDATE ON points_entry
BEGIN
    SELECT RAISE(ABORT, 'the points ledger is append-only: record a reversal or an adjustment instead');
END;

CREATE TRIGGER points_entry_no_delete BEFORE DELETE ON points_entry
BEGIN
    SELECT RAISE(ABORT, 'the points ledger is append-only: record a reversal or an adjustment instead');
END;

CREATE TRIGGER points_tally_insert AFTER INSERT ON points_entry
BEGIN
    INSERT INTO points_tally (person_id, program_id, year, entries, redemptions, earned, redeemed, magnitude)
    SELECT NEW.person_id, coalesce(NEW.program_id, 0), CAST(substr(NEW.date, 1, 4) AS INTEGER), 1, c.redeeming,
           CASE WHEN c.redeeming THEN 0 ELSE NEW.amount END,
           CASE WHEN c.redeeming THEN -NEW.amount ELSE 0 END,
           max(NEW.amount, -NEW.amount)
    FROM (SELECT NEW.kind = 'redemption'
                 OR coalesce((SELECT kind FROM points_entry WHERE id = NEW.reverses), '') = 'redemption' AS redeeming) c
    WHERE true
    ON CONFLICT (person_id, program_id, year) DO UPDATE SET
        entries = entries + 1,
        redemptions = redemptions + excluded.redemptions,
        earned = earned + excluded.earned,
        redeemed = redeemed + excluded.redeemed,
        magnitude = magnitude + excluded.magnitude;
    -- A redemption given an id that a reversal already named: that reversal is redeemed now.
    UPDATE points_tally SET redemptions = redemptions + 1, earned = earned - r.amount, redeemed = redeemed - r.amount
    FROM points_entry r
    WHERE NEW.kind = 'redemption' AND r.reverses = NEW.id
      AND points_tally.person_id = r.person_id AND points_tally.program_id = coalesce(r.program_id, 0)
      AND points_tally.year = CAST(substr(r.date, 1, 4) AS INTEGER);
END;

CREATE TRIGGER points_tally_delete AFTER DELETE ON points_entry
BEGIN
    UPDATE points_tally SET
        entries = entries - 1,
        redemptions = redemptions - c.redeeming,
        earned = earned - CASE WHEN c.redeeming THEN 0 ELSE OLD.amount END,
        redeemed = redeemed + CASE WHEN c.redeeming THEN OLD.amount ELSE 0 END,
        magnitude = magnitude - max(OLD.amount, -OLD.amount)
    FROM (SELECT OLD.kind = 'redemption'
                 OR coalesce((SELECT kind FROM points_entry WHERE id = OLD.reverses), '') = 'redemption' AS redeeming) c
    WHERE person_id = OLD.person_id AND program_id = coalesce(OLD.program_id, 0)
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER);
    DELETE FROM points_tally
    WHERE person_id = OLD.person_id AND program_id = coalesce(OLD.program_id, 0)
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND entries = 0;
    -- The reversal of a redemption that is gone reverses nothing known: earned, as counted.
    UPDATE points_tally SET redemptions = redemptions - 1, earned = earned + r.amount, redeemed = redeemed + r.amount
    FROM points_entry r
    WHERE OLD.kind = 'redemption' AND r.reverses = OLD.id
      AND points_tally.person_id = r.person_id AND points_tally.program_id = coalesce(r.program_id, 0)
      AND points_tally.year = CAST(substr(r.date, 1, 4) AS INTEGER);
END;

CREATE TRIGGER points_tally_update AFTER UPDATE OF person_id, program_id, day, amount, kind, reverses ON points_entry
BEGIN
    UPDATE points_tally SET
        entries = entries - 1,
        redemptions = redemptions - c.redeeming,
        earned = earned - CASE WHEN c.redeeming THEN 0 ELSE OLD.amount END,
        redeemed = redeemed + CASE WHEN c.redeeming THEN OLD.amount ELSE 0 END,
        magnitude = magnitude - max(OLD.amount, -OLD.amount)
    FROM (SELECT OLD.kind = 'redemption'
                 OR coalesce((SELECT kind FROM points_entry WHERE id = OLD.reverses), '') = 'redemption' AS redeeming) c
    WHERE person_id = OLD.person_id AND program_id = coalesce(OLD.program_id, 0)
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER);
    DELETE FROM points_tally
    WHERE person_id = OLD.person_id AND program_id = coalesce(OLD.program_id, 0)
      AND year = CAST(substr(OLD.date, 1, 4) AS INTEGER) AND entries = 0;
    INSERT INTO points_tally (person_id, program_id, year, entries, redemptions, earned, redeemed, magnitude)
    SELECT NEW.person_id, coalesce(NEW.program_id, 0), CAST(substr(NEW.date, 1, 4) AS INTEGER), 1, c.redeeming,
           CASE WHEN c.redeeming THEN 0 ELSE NEW.amount END,
           CASE WHEN c.redeeming THEN -NEW.amount ELSE 0 END,
           max(NEW.amount, -NEW.amount)
    FROM (SELECT NEW.kind = 'redemption'
                 OR coalesce((SELECT kind FROM points_entry WHERE id = NEW.reverses), '') = 'redemption' AS redeeming) c
    WHERE true
    ON CONFLICT (person_id, program_id, year) DO UPDATE SET
        entries = entries + 1,
        redemptions = redemptions + excluded.redemptions,
        earned = earned + excluded.earned,
        redeemed = redeemed + excluded.redeemed,
        magnitude = magnitude + excluded.magnitude;
    -- Its reversal is redeemed exactly when the entry is a redemption.
    UPDATE points_tally
    SET redemptions = redemptions + (CASE WHEN NEW.kind = 'redemption' THEN 1 ELSE -1 END),
        earned = earned + (CASE WHEN NEW.kind = 'redemption' THEN -r.amount ELSE r.amount END),
        redeemed = redeemed + (CASE WHEN NEW.kind = 'redemption' THEN -r.amount ELSE r.amount END)
    FROM points_entry r
    WHERE (OLD.kind = 'redemption') <> (NEW.kind = 'redemption') AND r.reverses = NEW.id
      AND points_tally.person_id = r.person_id AND points_tally.program_id = coalesce(r.program_id, 0)
      AND points_tally.year = CAST(substr(r.date, 1, 4) AS INTEGER);
END;
