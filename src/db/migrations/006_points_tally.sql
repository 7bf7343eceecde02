-- The ledger summed per person, programme (0: none) and year of the entry's date, so that a
-- balance or a programme's points read a few rows instead of every entry. Kept by the
-- triggers below in the transaction that writes the ledger; `amb check` rebuilds it from
-- the entries and compares.
--
-- An entry is "redeemed" when it is a redemption or reverses one (the reversed entry's kind
-- decides, as `points balance` counts), else "earned". `redeemed` is kept positive (the
-- negated amounts): balance = earned - redeemed. `magnitude` is the sum of the entries'
-- absolute amounts: while it is an integer below 2^53, every sum of these rows is exact and
-- equals what the ledger's floating-point totals give; beyond that the reports read the
-- ledger itself.
--
-- Not STRICT, and the sums have no declared type: an integer sum that overflows becomes a
-- REAL (SQLite's `+`) and stays one, so a reader sees that it is not exact.
CREATE TABLE points_tally (
    person_id   INTEGER NOT NULL,
    program_id  INTEGER NOT NULL,
    year        INTEGER NOT NULL,
    entries     INTEGER NOT NULL,
    -- Of which redeemed (a programme's top earners are the people with earned entries).
    redemptions INTEGER NOT NULL,
    earned      NOT NULL,
    redeemed    NOT NULL,
    magnitude   NOT NULL,
    PRIMARY KEY (person_id, program_id, year)
) WITHOUT ROWID;

INSERT INTO points_tally (person_id, program_id, year, entries, redemptions, earned, redeemed, magnitude)
SELECT person_id, program_id, year, entries, redemptions,
       CASE WHEN magnitude < 9007199254740992 THEN CAST(earned AS INTEGER) ELSE earned END,
       CASE WHEN magnitude < 9007199254740992 THEN CAST(redeemed AS INTEGER) ELSE redeemed END,
       CASE WHEN magnitude < 9007199254740992 THEN CAST(magnitude AS INTEGER) ELSE magnitude END
FROM (SELECT e.person_id, coalesce(e.program_id, 0) AS program_id,
             CAST(substr(e.date, 1, 4) AS INTEGER) AS year, count(*) AS entries,
             count(*) FILTER (WHERE e.kind = 'redemption' OR r.kind = 'redemption') AS redemptions,
             total(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN 0 ELSE e.amount END) AS earned,
             total(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN -e.amount ELSE 0 END) AS redeemed,
             total(max(e.amount, -e.amount)) AS magnitude
      FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses
      GROUP BY 1, 2, 3);

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

-- The ledger refuses updates (points_entry_no_update); this keeps the totals right while
-- that guard is lifted, as the delete trigger does for deletions.
CREATE TRIGGER points_tally_update AFTER UPDATE OF person_id, program_id, date, amount, kind, reverses ON points_entry
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
