#!/usr/bin/env bash
# Import benchmark: a 1,000,000-row generic activities CSV and a 200,000-tweet tweets.js,
# imported by amb, compared with the sqlite3 shell's `.import` of the same CSV into a bare
# table. Prints wall time and peak memory (max RSS) of each, and the bytes the database
# spends per imported post (per table and index where SQLite has dbstat).
#
#   scripts/bench-import.sh [ROWS] [TWEETS]      (defaults 1000000 200000)
#
# The CSV lists its posts in time order, as exports and analytics reports do: each row by one
# of 1,000 people at random, with post ids that grow with time as the platforms' ids do.
# BENCH_ORDER=interleaved writes the rows in the worst order instead: people in turn, the
# date and the URL jumping on every row.
#
# Every figure is the median of BENCH_RUNS (3) runs, the four imports taken in turn (A B C D
# A B C D …) after BENCH_WARMUP (1) untimed round; the peak memory is the largest of the runs.
# A quick run: `scripts/bench-import.sh 100000 20000`. The one-person 1,000,000-post LinkedIn
# case is its own script, scripts/bench-linkedin.sh.
#
# Needs: cargo, python3, sqlite3, GNU time (/usr/bin/time). Work files go to $BENCH_DIR
# (default: a new temporary folder), which is removed at the end unless BENCH_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
tweets=${2:-200000}
today=2023-09-30 # AMB_TODAY
. scripts/bench-common.sh
db="$dir/bench.sqlite"

echo "generating $rows CSV rows and $tweets tweets in $dir ..."
python3 - "$dir" "$rows" "$tweets" <<'PY'
import datetime, json, os, random, sys
out, rows, tweets = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
random.seed(1)
people = 1000
with open(f"{out}/people.csv", "w") as f:
    f.write("name,email,role,unit\n")
    for i in range(people):
        f.write(f"Person {i},p{i}@bench.example,{'manager' if i % 10 == 0 else 'employee'},Unit {i % 40}\n")
start = datetime.date(2022, 10, 14)
days = (datetime.date(2023, 9, 30) - start).days
channels = ["linkedin", "x", "facebook", "instagram", "mastodon"]
interleaved = os.environ.get("BENCH_ORDER", "chronological") == "interleaved"
with open(f"{out}/activities.csv", "w") as f:
    f.write("email,date,kind,channel,url,hashtags,impressions,reactions,comments,shares,clicks\n")
    for i in range(rows):
        if interleaved:
            d = start + datetime.timedelta(days=i % (days + 1))
            ch, person, post = channels[i % 5], i % people, str(i)
        else:
            d = start + datetime.timedelta(days=i * (days + 1) // rows)
            ch, person = channels[random.randrange(5)], random.randrange(people)
            post = str(7000000000000000000 + i * 7919)
        f.write(f"p{person}@bench.example,{d.isoformat()},post,{ch},https://{ch}.example/p/{post},"
                f"#OnnellisenArjenTekijät,{100 + i % 5000},{i % 300},{i % 17},{i % 11},{i % 90}\n")
with open(f"{out}/tweets.js", "w") as f:
    f.write("window.YTD.tweets.part0 = [\n")
    base = datetime.datetime(2022, 10, 15, 8, 0)
    for i in range(tweets):
        at = base + datetime.timedelta(minutes=2 * i)
        if at.date() > datetime.date(2023, 9, 29):
            at = base + datetime.timedelta(minutes=i % 100000)
        tag = "#OnnellisenArjenTekijät" if i % 3 else "ilman tunnistetta"
        item = {"tweet": {"id_str": str(1600000000000000000 + i), "created_at": at.strftime("%a %b %d %H:%M:%S +0000 %Y"),
                          "full_text": f"Twiitti {i} {tag}", "favorite_count": str(i % 50), "retweet_count": str(i % 7),
                          "entities": {"hashtags": [], "urls": []}}}
        f.write(("," if i else "") + json.dumps(item, ensure_ascii=False) + "\n")
    f.write("]\n")
PY
ls -l "$dir"/activities.csv "$dir"/tweets.js | awk '{print $5, $9}'

programme_db "$amb" "$dir/schema.sqlite"

# The floor: sqlite3 itself inserting the same rows into amb's activity table, with its
# indexes, checks and foreign keys (staged by .import first, which is not timed), and
# writing their points entries as amb does at the end of an import. As amb does, the
# tallies' insert triggers are lifted (amb adds the import's tallies in one pass at its end,
# which the floor leaves out), and every row gets a post identity: amb's is a hash of the
# URL, so the floor scatters the row number the same way over 63 bits.
cat >"$dir/insert.sql" <<'SQL'
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -32768;
BEGIN;
DROP TRIGGER activity_tally_insert;
DROP TRIGGER points_tally_insert;
INSERT INTO import_batch (id, file, sha256, format, imported_at)
VALUES (1, 'bench', printf('%064d', 0), 'csv', 'now');
-- Stored as amb stores them (migration 009): the date as a day number, the kind and channel
-- as codes, the hashtags as a shared set.
INSERT INTO hashtag_set (tags) SELECT DISTINCT hashtags FROM staging WHERE hashtags <> '';
INSERT INTO activity (person_id, program_id, day, kind_code, channel_code, url, hashtag_set,
                      impressions, reactions, comments, shares, clicks, batch_id, post_id)
SELECT p.id, 1, unixepoch(s.date) / 86400, CASE s.kind WHEN 'post' THEN 0 WHEN 'share' THEN 1 END,
       CASE s.channel WHEN 'linkedin' THEN 0 WHEN 'x' THEN 1 WHEN 'facebook' THEN 2
                      WHEN 'instagram' THEN 3 WHEN 'mastodon' THEN 4 END,
       s.url, h.id, s.impressions, s.reactions, s.comments, s.shares, s.clicks, 1,
       -(((s.rowid * 2654435761) % 4294967296) * 2147483648 + s.rowid)
FROM staging s JOIN person p ON p.email_key = s.email LEFT JOIN hashtag_set h ON h.tags = s.hashtags;
INSERT OR IGNORE INTO points_reason (text)
SELECT DISTINCT kind || coalesce(' on ' || channel, '') FROM activity WHERE batch_id = 1;
INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason_id, source,
                          activity_id, idempotency_key, created_at)
SELECT a.person_id, a.program_id, a.day, 10, 'award',
       (SELECT id FROM points_reason WHERE text = a.kind || coalesce(' on ' || a.channel, '')),
       'activity', a.id, a.id * 1024, unixepoch('now')
FROM activity a WHERE a.batch_id = 1 ORDER BY a.id;
COMMIT;
SQL

# The four imports, each on a fresh copy (the copy is not timed).
amb_csv() {
    cp "$dir/schema.sqlite" "$db"
    measure "$amb" --db "$db" activity import "$dir/activities.csv" --quiet
}
sqlite3_import() {
    rm -f "$dir/bare.sqlite"
    measure sqlite3 "$dir/bare.sqlite" ".mode csv" ".import $dir/activities.csv bare"
}
sqlite3_insert() {
    cp "$dir/schema.sqlite" "$dir/floor.sqlite"
    sqlite3 "$dir/floor.sqlite" ".mode csv" ".import $dir/activities.csv staging"
    measure sqlite3 "$dir/floor.sqlite" ".read $dir/insert.sql"
}
amb_tweets() {
    cp "$dir/schema.sqlite" "$dir/tweets.sqlite"
    measure "$amb" --db "$dir/tweets.sqlite" activity import "$dir/tweets.js" --person p1@bench.example --quiet
}
# This machine's speed drifts from minute to minute: the imports are taken in turn.
interleave imp amb_csv sqlite3_import sqlite3_insert amb_tweets
rm -f "$dir/floor.sqlite" "$dir/bare.sqlite"
amb_csv_s=$(median imp amb_csv)
sql_s=$(median imp sqlite3_import)

added=$(sqlite3 "$db" "SELECT count(*) FROM activity")
tweeted=$(sqlite3 "$dir/tweets.sqlite" "SELECT count(*) FROM activity")
echo
echo "activities stored: $added from the CSV, $tweeted from tweets.js (medians of $runs runs after $warmup warm-up)"
printf '%-46s %8s %10s   %s\n' "what" "seconds" "max RSS" "runs"
line() { printf '%-46s %8s %6d MiB   %s\n' "$1" "$(median imp "$2")" "$(peak_mib imp "$2")" "$(runs_of imp "$2")"; }
line "amb activity import ($rows-row CSV)" amb_csv
line "sqlite3 .import (same CSV, bare table)" sqlite3_import
line "sqlite3 INSERT into amb's schema, with points" sqlite3_insert
line "amb activity import ($tweets-tweet tweets.js)" amb_tweets
echo "CSV import: amb / sqlite3 .import = $(ratio "$amb_csv_s" "$sql_s") (target <= 2.5x)," \
    "amb / sqlite3 into the same schema = $(ratio "$amb_csv_s" "$(median imp sqlite3_insert)")"
echo "peak memory of the imports: CSV $(peak_mib imp amb_csv) MiB, tweets.js $(peak_mib imp amb_tweets) MiB (target <= 64 MiB)"
bytes_per_post "$db" "$added" "after the generic CSV import"
bytes_per_post "$dir/tweets.sqlite" "$tweeted" "after the tweets.js import"
