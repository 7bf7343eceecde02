-- Programme operations: trainings and attendance, swag, activities, feedback and KPIs.

-- The days an enrolment covers: from enrolment to the day before withdrawal, to the
-- completion date, or (while active) to the programme's end; NULL last_day = open-ended.
CREATE VIEW enrolment_period AS
SELECT e.id AS enrolment_id,
       e.person_id,
       e.program_id,
       e.enrolled_on AS first_day,
       CASE e.status
           WHEN 'withdrawn' THEN date(e.ended_on, '-1 day')
           WHEN 'completed' THEN e.ended_on
           ELSE p.end_date
       END AS last_day
FROM enrolment e
JOIN program p ON p.id = e.program_id
WHERE e.status IN ('active', 'completed', 'withdrawn')
  AND e.enrolled_on IS NOT NULL;

CREATE TABLE training (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER NOT NULL REFERENCES program (id),
    title      TEXT NOT NULL CHECK (length(trim(title)) > 0),
    date       TEXT NOT NULL CHECK (date(date) IS date),
    trainer    TEXT,
    kind       TEXT NOT NULL CHECK (kind IN ('kickoff', 'follow-up', 'other'))
) STRICT;

CREATE INDEX training_program_date ON training (program_id, date);

CREATE TABLE attendance (
    id          INTEGER PRIMARY KEY,
    training_id INTEGER NOT NULL REFERENCES training (id),
    person_id   INTEGER NOT NULL REFERENCES person (id),
    status      TEXT NOT NULL CHECK (status IN ('attended', 'absent', 'excused')),
    UNIQUE (training_id, person_id)
) STRICT;

CREATE INDEX attendance_person ON attendance (person_id);

CREATE TABLE swag_package (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE COLLATE NOCASE CHECK (length(trim(name)) > 0),
    stock INTEGER NOT NULL DEFAULT 0 CHECK (stock >= 0)
) STRICT;

CREATE TABLE swag_delivery (
    id           INTEGER PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES person (id),
    package_id   INTEGER NOT NULL REFERENCES swag_package (id),
    program_id   INTEGER REFERENCES program (id),
    status       TEXT NOT NULL CHECK (status IN ('delivered', 'returned')),
    delivered_on TEXT NOT NULL CHECK (date(delivered_on) IS delivered_on),
    returned_on  TEXT CHECK (returned_on IS NULL OR date(returned_on) IS returned_on),
    note         TEXT,
    CHECK ((status = 'returned') = (returned_on IS NOT NULL))
) STRICT;

CREATE INDEX swag_delivery_person ON swag_delivery (person_id, package_id);
CREATE INDEX swag_delivery_program ON swag_delivery (program_id, status);

-- One import of an ambassador's data export (or a generic activities CSV).
CREATE TABLE import_batch (
    id              INTEGER PRIMARY KEY,
    file            TEXT NOT NULL,
    sha256          TEXT NOT NULL CHECK (length(sha256) = 64),
    format          TEXT NOT NULL CHECK (format IN ('linkedin', 'x', 'mastodon', 'facebook', 'instagram', 'csv')),
    person_id       INTEGER REFERENCES person (id),
    imported_at     TEXT NOT NULL,
    posts_read      INTEGER NOT NULL DEFAULT 0,
    added           INTEGER NOT NULL DEFAULT 0,
    already_recorded INTEGER NOT NULL DEFAULT 0,
    updated         INTEGER NOT NULL DEFAULT 0,
    without_hashtag INTEGER NOT NULL DEFAULT 0,
    outside_program INTEGER NOT NULL DEFAULT 0,
    rejected        INTEGER NOT NULL DEFAULT 0,
    undone_at       TEXT
) STRICT;

CREATE INDEX import_batch_sha256 ON import_batch (sha256);

-- A post, share, visit or other act of ambassadorship. program_id is the programme the
-- person was enrolled in on the date; NULL when deliberately recorded outside any (--force).
-- This is the table of millions of rows: its checks are the cheap ones (IN lists and GLOB
-- patterns cost more than the indexes on every insert); amb validates kinds on the way in.
CREATE TABLE activity (
    -- AUTOINCREMENT: an id is never reused, so a removed activity's points stay its own.
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id   INTEGER NOT NULL REFERENCES person (id),
    program_id  INTEGER REFERENCES program (id),
    date        TEXT NOT NULL CHECK (date(date) IS date),
    kind        TEXT NOT NULL CHECK (length(kind) > 0),
    channel     TEXT CHECK (instr('|linkedin|x|facebook|instagram|mastodon|tiktok|youtube|blog|other|', '|' || channel || '|') > 0),
    url         TEXT CHECK (url IS NULL OR length(url) > 0),
    hashtags    TEXT,
    impressions INTEGER CHECK (impressions >= 0),
    reactions   INTEGER CHECK (reactions >= 0),
    comments    INTEGER CHECK (comments >= 0),
    shares      INTEGER CHECK (shares >= 0),
    clicks      INTEGER CHECK (clicks >= 0),
    note        TEXT,
    source      TEXT NOT NULL DEFAULT 'manual' CHECK (source = 'manual' OR source = 'import'),
    -- The import that brought it; the platform's own id of the post (or, for a post without
    -- a URL, its time and a hash of its text); its text only when imported with --keep-text.
    batch_id    INTEGER REFERENCES import_batch (id),
    post_key    TEXT,
    text        TEXT,
    CHECK (kind <> 'post' AND kind <> 'share' OR channel IS NOT NULL),
    CHECK ((source = 'import') = (batch_id IS NOT NULL))
) STRICT;

-- A URL or post id is unique per channel; activities without a channel count as one channel.
CREATE UNIQUE INDEX activity_channel_url ON activity (coalesce(channel, ''), url) WHERE url IS NOT NULL;
CREATE UNIQUE INDEX activity_channel_post_key ON activity (coalesce(channel, ''), post_key) WHERE post_key IS NOT NULL;
-- Reports go through the programme (a year is the programmes' activities in it) and the
-- person; a separate date index would cost every import more than it saves (BENCHMARKS.md).
CREATE INDEX activity_person_date ON activity (person_id, date);
CREATE INDEX activity_program_date ON activity (program_id, date);

CREATE TABLE feedback (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person (id),
    program_id INTEGER NOT NULL REFERENCES program (id),
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment    TEXT,
    given_on   TEXT NOT NULL CHECK (date(given_on) IS given_on),
    UNIQUE (person_id, program_id)
) STRICT;

-- What the programme is judged against: survey scores, applicant numbers.
CREATE TABLE kpi (
    id         INTEGER PRIMARY KEY,
    program_id INTEGER REFERENCES program (id),
    name       TEXT NOT NULL CHECK (length(trim(name)) > 0),
    date       TEXT NOT NULL CHECK (date(date) IS date),
    value      REAL NOT NULL,
    note       TEXT
) STRICT;

CREATE INDEX kpi_name_date ON kpi (name, date);
