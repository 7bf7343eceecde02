-- A tamper-evident ledger: each points entry's SHA-256, chained to the entry before it
-- (db::points::entry_hash says what is hashed). Filled for existing ledgers when this
-- migration runs, and for every new entry in the transaction that appends it. Append-only
-- like the ledger itself; `amb check` recomputes the chain.

CREATE TABLE points_chain (
    -- Not a foreign key: `amb check` names a hash left by a deleted entry.
    entry_id INTEGER PRIMARY KEY,
    hash     TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

-- A deliberate, explained rewrite of the ledger's past (a person forgotten): the head the
-- chain had, and why it starts again. The chain after it begins from the anchor's hash.
CREATE TABLE points_anchor (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    previous_head TEXT NOT NULL,
    entries       INTEGER NOT NULL,
    reason        TEXT NOT NULL CHECK (reason <> ''),
    created_at    TEXT NOT NULL,
    hash          TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

CREATE TRIGGER points_chain_no_update BEFORE UPDATE ON points_chain
BEGIN
    SELECT RAISE(ABORT, 'the ledger chain is append-only');
END;

CREATE TRIGGER points_chain_no_delete BEFORE DELETE ON points_chain
BEGIN
    SELECT RAISE(ABORT, 'the ledger chain is append-only');
END;

CREATE TRIGGER points_anchor_no_update BEFORE UPDATE ON points_anchor
BEGIN
    SELECT RAISE(ABORT, 'the ledger anchors are append-only');
END;

CREATE TRIGGER points_anchor_no_delete BEFORE DELETE ON points_anchor
BEGIN
    SELECT RAISE(ABORT, 'the ledger anchors are append-only');
END;
