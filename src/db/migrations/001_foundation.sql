-- Foundation: programmes, people, enrolments, the audit log and file metadata.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) STRICT;

CREATE TABLE program (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    start_date TEXT NOT NULL CHECK (date(start_date) IS start_date),
    end_date   TEXT CHECK (end_date IS NULL OR (date(end_date) IS end_date AND end_date >= start_date)),
    status     TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed'))
) STRICT;

-- A programme's hashtags; an alias is an accepted alternative spelling.
CREATE TABLE program_hashtag (
    program_id INTEGER NOT NULL REFERENCES program (id) ON DELETE CASCADE,
    tag        TEXT NOT NULL COLLATE NOCASE CHECK (tag GLOB '#?*' AND tag NOT GLOB '*[ 	]*'),
    is_alias   INTEGER NOT NULL DEFAULT 0 CHECK (is_alias IN (0, 1)),
    PRIMARY KEY (program_id, tag)
) STRICT;

CREATE TABLE person (
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL CHECK (length(trim(name)) > 0),
    email     TEXT NOT NULL CHECK (email LIKE '%_@_%'),
    -- The e-mail folded (Unicode lower case, NFC) by amb: unique, so "ÄIJÄLÄ@…" = "äijälä@…".
    email_key TEXT NOT NULL UNIQUE,
    role      TEXT NOT NULL CHECK (role IN ('employee', 'manager')),
    unit      TEXT,
    title     TEXT,
    linkedin  TEXT,
    x         TEXT,
    facebook  TEXT,
    instagram TEXT,
    mastodon  TEXT,
    tiktok    TEXT,
    youtube   TEXT,
    blog      TEXT
) STRICT;

CREATE INDEX person_role_unit ON person (role, unit);

CREATE TABLE enrolment (
    id                 INTEGER PRIMARY KEY,
    person_id          INTEGER NOT NULL REFERENCES person (id),
    program_id         INTEGER NOT NULL REFERENCES program (id),
    status             TEXT NOT NULL CHECK (status IN ('applied', 'active', 'completed', 'withdrawn')),
    applied_on         TEXT CHECK (applied_on IS NULL OR date(applied_on) IS applied_on),
    enrolled_on        TEXT CHECK (enrolled_on IS NULL OR date(enrolled_on) IS enrolled_on),
    ended_on           TEXT CHECK (ended_on IS NULL OR date(ended_on) IS ended_on),
    consent_date       TEXT CHECK (consent_date IS NULL OR date(consent_date) IS consent_date),
    guidelines_version TEXT,
    motivation         TEXT,
    withdraw_reason    TEXT,
    UNIQUE (person_id, program_id),
    -- An active ambassador has consented; an ended enrolment has its end date.
    CHECK (status = 'applied' OR (enrolled_on IS NOT NULL OR status = 'withdrawn')),
    CHECK (status NOT IN ('active', 'completed') OR consent_date IS NOT NULL),
    CHECK (status NOT IN ('completed', 'withdrawn') OR ended_on IS NOT NULL)
) STRICT;

CREATE INDEX enrolment_program_status ON enrolment (program_id, status);

-- Every command that changed data: no personal data, only what ran and how much it changed.
CREATE TABLE audit (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    os_user TEXT NOT NULL,
    command TEXT NOT NULL,
    counts  TEXT NOT NULL CHECK (json_valid(counts))
) STRICT;
