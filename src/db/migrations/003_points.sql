-- Reward points: an append-only ledger. Balance = sum of amounts. A correction is a new entry.

CREATE TABLE points_entry (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id     INTEGER NOT NULL REFERENCES person (id),
    program_id    INTEGER REFERENCES program (id),
    date          TEXT NOT NULL CHECK (date(date) IS date),
    amount        INTEGER NOT NULL CHECK (amount <> 0),
    -- (instr() rather than IN lists: an IN list in a check costs more than an index per row)
    kind          TEXT NOT NULL CHECK (instr('|award|redemption|reversal|adjustment|', '|' || kind || '|') > 0),
    reason        TEXT NOT NULL,
    source        TEXT NOT NULL CHECK (instr('|activity|attendance|manual|redemption|reversal|rescore|', '|' || source || '|') > 0),
    -- What earned an automatic award. Not foreign keys: a removed activity keeps its history.
    activity_id   INTEGER,
    attendance_id INTEGER,
    -- An automatic award's source and how many times it was paid before ("activity:17#0"):
    -- the same event can never be paid twice in the same state.
    idempotency_key TEXT,
    -- A reversal points at the entry it cancels; an entry can be reversed once.
    reverses      INTEGER REFERENCES points_entry (id),
    created_at    TEXT NOT NULL,
    CHECK ((kind = 'reversal') = (reverses IS NOT NULL)),
    CHECK (kind <> 'redemption' OR (amount < 0 AND source = 'redemption')),
    CHECK (source <> 'activity' OR activity_id IS NOT NULL),
    CHECK (source <> 'attendance' OR attendance_id IS NOT NULL)
) STRICT;

-- Partial unique indexes: only the entries that have a key or reverse something pay for them.
CREATE UNIQUE INDEX points_entry_idempotency_key ON points_entry (idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE UNIQUE INDEX points_entry_reverses ON points_entry (reverses) WHERE reverses IS NOT NULL;
CREATE INDEX points_entry_person ON points_entry (person_id, date);

CREATE TRIGGER points_entry_no_update BEFORE UPDATE ON points_entry
BEGIN
    SELECT RAISE(ABORT, 'the points ledger is append-only: record a reversal or an adjustment instead');
END;

CREATE TRIGGER points_entry_no_delete BEFORE DELETE ON points_entry
BEGIN
    SELECT RAISE(ABORT, 'the points ledger is append-only: record a reversal or an adjustment instead');
END;
