-- A compact ledger: an automatic award keeps no text of its own and its idempotency key is an
-- integer; entries keep the time they were written as an integer; the chain keeps its hashes
-- as 32 bytes instead of 64 hex characters. What `points ledger` shows is unchanged
-- (db::points::SHOWN says how a reason and a time are shown).
--
-- The columns the points tallies read (person_id, program_id, date, amount, kind, reverses)
-- are not touched, and the table is not rebuilt: its other triggers stay.

-- A reason many entries share, kept once: the rules' words for what an automatic award pays
-- for ("post on linkedin"; the entry's activity is named after it when shown), and the
-- reason of an undone import's reversals. Append-only, like the ledger.
CREATE TABLE points_reason (
    id   INTEGER PRIMARY KEY,
    text TEXT NOT NULL UNIQUE
) STRICT;

CREATE TRIGGER points_reason_no_update BEFORE UPDATE ON points_reason
BEGIN
    SELECT RAISE(ABORT, 'the ledger reasons are append-only');
END;

CREATE TRIGGER points_reason_no_delete BEFORE DELETE ON points_reason
BEGIN
    SELECT RAISE(ABORT, 'the ledger reasons are append-only');
END;

-- The entries are rewritten once, here: the append-only guard is lifted for this migration
-- and put back below with the text 003 gave it (`amb check` compares). The tally triggers
-- stay: they do not fire on the columns changed.
DROP TRIGGER points_entry_no_update;
DROP INDEX points_entry_idempotency_key;
ALTER TABLE points_entry RENAME COLUMN reason TO reason_text_7;
ALTER TABLE points_entry RENAME COLUMN idempotency_key TO idempotency_key_text_7;
ALTER TABLE points_entry RENAME COLUMN created_at TO created_at_text_7;
-- NULL when the reason is shared (reason_id).
ALTER TABLE points_entry ADD COLUMN reason TEXT;
ALTER TABLE points_entry ADD COLUMN reason_id INTEGER REFERENCES points_reason (id);
-- An automatic award's source and how many times it was paid before, as one integer
-- (crate::points::rules::AwardFor says how).
ALTER TABLE points_entry ADD COLUMN idempotency_key INTEGER;
-- Seconds since 1970 (UTC); a text that does not read back the same stays text.
ALTER TABLE points_entry ADD COLUMN created_at ANY;

-- An activity award's reason is "<what> (activity <id>)": <what> is shared.
INSERT OR IGNORE INTO points_reason (text)
SELECT substr(reason_text_7, 1, length(reason_text_7) - length(' (activity ' || activity_id || ')'))
FROM points_entry
WHERE source = 'activity' AND activity_id IS NOT NULL
  AND substr(reason_text_7, -length(' (activity ' || activity_id || ')')) = ' (activity ' || activity_id || ')'
  AND length(reason_text_7) > length(' (activity ' || activity_id || ')')
UNION
SELECT reason_text_7 FROM points_entry WHERE source = 'reversal' AND reason_text_7 GLOB 'import batch * undone';

UPDATE points_entry SET
    reason_id = CASE
        WHEN source = 'activity' AND activity_id IS NOT NULL
             AND substr(reason_text_7, -length(' (activity ' || activity_id || ')')) = ' (activity ' || activity_id || ')'
        THEN (SELECT id FROM points_reason
              WHERE text = substr(reason_text_7, 1, length(reason_text_7) - length(' (activity ' || activity_id || ')')))
        WHEN source = 'reversal' AND reason_text_7 GLOB 'import batch * undone'
        THEN (SELECT id FROM points_reason WHERE text = reason_text_7)
    END,
    idempotency_key = CASE
        -- A source paid 1,024 times or more has no integer key: the text stays, which the
        -- STRICT column refuses, so the upgrade stops and changes nothing.
        WHEN idempotency_key_text_7 GLOB '*#[0-9]*'
             AND CAST(substr(idempotency_key_text_7, instr(idempotency_key_text_7, '#') + 1) AS INTEGER) >= 1024
        THEN idempotency_key_text_7
        WHEN idempotency_key_text_7 GLOB 'activity:[0-9]*#[0-9]*'
        THEN CAST(substr(idempotency_key_text_7, 10, instr(idempotency_key_text_7, '#') - 10) AS INTEGER) * 1024
             + CAST(substr(idempotency_key_text_7, instr(idempotency_key_text_7, '#') + 1) AS INTEGER)
        WHEN idempotency_key_text_7 GLOB 'attendance:[0-9]*#[0-9]*'
        THEN -(CAST(substr(idempotency_key_text_7, 12, instr(idempotency_key_text_7, '#') - 12) AS INTEGER) * 1024
               + CAST(substr(idempotency_key_text_7, instr(idempotency_key_text_7, '#') + 1) AS INTEGER))
    END,
    created_at = CASE
        WHEN strftime('%Y-%m-%dT%H:%M:%SZ', unixepoch(created_at_text_7), 'unixepoch') IS created_at_text_7
        THEN unixepoch(created_at_text_7)
        ELSE created_at_text_7
    END;
UPDATE points_entry SET reason = reason_text_7 WHERE reason_id IS NULL;

ALTER TABLE points_entry DROP COLUMN reason_text_7;
ALTER TABLE points_entry DROP COLUMN idempotency_key_text_7;
ALTER TABLE points_entry DROP COLUMN created_at_text_7;
CREATE UNIQUE INDEX points_entry_idempotency_key ON points_entry (idempotency_key) WHERE idempotency_key IS NOT NULL;

CREATE TRIGGER points_entry_no_update BEFORE UPDATE ON points_entry
BEGIN
    SELECT RAISE(ABORT, 'the points ledger is append-only: record a reversal or an adjustment instead');
END;

-- What an entry's hash covers changed (the key is an integer now), so the chain starts
-- again from an anchor that keeps the head it had: a report printed before still matches
-- a recorded head. amb_anchor_hash() is db::points's anchor hash, registered for the
-- migration; the new chain is computed after the migrations (db::points::seal).
INSERT INTO points_anchor (previous_head, entries, reason, created_at, hash)
SELECT head, entries, 'ledger compacted by schema 8', at,
       amb_anchor_hash(head, entries, 'ledger compacted by schema 8', at)
FROM (SELECT (SELECT hash FROM points_chain ORDER BY entry_id DESC LIMIT 1) AS head,
             max(coalesce((SELECT max(id) FROM points_entry), 0),
                 coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'points_entry'), 0),
                 (SELECT max(entry_id) FROM points_chain)) AS entries,
             strftime('%Y-%m-%dT%H:%M:%SZ', 'now') AS at)
WHERE head IS NOT NULL;

DROP TABLE points_chain;
CREATE TABLE points_chain (
    -- Not a foreign key: `amb check` names a hash left by a deleted entry.
    entry_id INTEGER PRIMARY KEY,
    -- SHA-256, the 32 bytes (shown as hex).
    hash     BLOB NOT NULL CHECK (length(hash) = 32)
) STRICT;

CREATE TRIGGER points_chain_no_update BEFORE UPDATE ON points_chain
BEGIN
    SELECT RAISE(ABORT, 'the ledger chain is append-only');
END;

CREATE TRIGGER points_chain_no_delete BEFORE DELETE ON points_chain
BEGIN
    SELECT RAISE(ABORT, 'the ledger chain is append-only');
END;
