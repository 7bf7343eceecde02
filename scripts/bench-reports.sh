#!/usr/bin/env bash
# Reports and export at scale: an organisation of 100,000 people with 10,000,000 activities
# (generated with SQL), timing `amb report program`, `report year`, `report leaderboard` and
# `export activities` against the sqlite3 shell running the equivalent SQL on the same file.
#
#   scripts/bench-reports.sh [PEOPLE] [ACTIVITIES]     (defaults 100000 10000000)
#
# Also times `points balance` and `report person` of one person, and one full scan of the
# activity table (`SELECT count(*), sum(impressions) FROM activity`, the floor the reports
# are measured against). BENCH_BASELINE=/path/to/another/amb times that build beside this
# one on the same file (before/after figures in one run).
#
# Every figure is the median of BENCH_RUNS (3) runs taken in turn with the others of its row
# (amb, sqlite3, the scan, the baseline: A B C A B C …) after BENCH_WARMUP (1) untimed round;
# each row prints its own scan, so that its ratio to the scan is measured in the same minute.
# A quick run: `scripts/bench-reports.sh 10000 1000000` (a few minutes on 2 cores).
#
# Needs: cargo, python3, sqlite3, GNU time. Work files go to $BENCH_DIR (default: a new
# temporary folder), removed at the end unless BENCH_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."

people=${1:-100000}
activities=${2:-10000000}
today=2023-12-31 # AMB_TODAY
. scripts/bench-common.sh
db="$dir/bench.sqlite"

python3 - "$dir" "$people" <<'PY'
import sys
out, people = sys.argv[1], int(sys.argv[2])
with open(f"{out}/people.csv", "w") as f:
    f.write("name,email,role,unit\n")
    for i in range(people):
        f.write(f"Person {i},p{i}@bench.example,{'manager' if i % 10 == 0 else 'employee'},Unit {i % 200}\n")
PY
rm -f "$db"
"$amb" --db "$db" init --quiet >/dev/null
"$amb" --db "$db" program add "Bench" --start 2022-01-01 --end 2023-12-31 --hashtag Bench --quiet >/dev/null
"$amb" --db "$db" person import "$dir/people.csv" --enroll --date 2022-01-01 --quiet >/dev/null
echo "generating $activities activities ..."
SECONDS=0
sqlite3 "$db" <<SQL
PRAGMA cache_size = -262144;
BEGIN;
-- Stored as amb stores them (migration 009): days since 1970 (2022-01-01 is day 18993), a
-- post (0) or a share (1), the channels linkedin, x, facebook, instagram and mastodon as
-- codes 0 to 4, and the one hashtag set.
INSERT INTO hashtag_set (id, tags) VALUES (1, '#Bench');
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $activities)
INSERT INTO activity (person_id, program_id, day, kind_code, channel_code, url, hashtag_set,
                      impressions, reactions, comments, shares, clicks)
SELECT (i % $people) + 1, 1, 18993 + i % 730, CASE WHEN i % 10 < 7 THEN 0 ELSE 1 END, i % 5,
       'https://bench.example/' || i, 1, i % 5000, i % 300, i % 17, i % 11, i % 90
FROM n;
-- The ledger as amb writes it: an automatic award per post, and a redemption for every
-- fourth person.
INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, source,
                          activity_id, idempotency_key, created_at)
SELECT person_id, program_id, day, CASE channel WHEN 'linkedin' THEN 15 ELSE 10 END, 'award',
       'post', 'activity', id, id * 1024, '2024-01-01T00:00:00Z'
FROM activity WHERE kind = 'post';
INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, source, created_at)
SELECT id, 1, unixepoch('2023-06-01') / 86400, -50, 'redemption', 'Vaasa swag', 'redemption', '2024-01-01T00:00:00Z'
FROM person WHERE id % 4 = 0;
COMMIT;
SQL
# BENCH_HEAVY=N: person 1 (p0@bench.example) also posts N times, each post paid (the
# one-person case of `points balance` and `report person`).
heavy=${BENCH_HEAVY:-0}
before=$(sqlite3 "$db" "SELECT coalesce(max(id), 0) FROM activity")
sqlite3 "$db" <<SQL
PRAGMA cache_size = -262144;
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $heavy)
INSERT INTO activity (person_id, program_id, day, kind_code, channel_code, url, hashtag_set,
                      impressions, reactions, comments, shares, clicks)
SELECT 1, 1, 18993 + i % 730, 0, 0, 'https://heavy.example/' || i, 1, i % 5000, i % 300,
       i % 17, i % 11, i % 90
FROM n WHERE $heavy > 0;
INSERT INTO points_entry (person_id, program_id, day, amount, kind, reason, source,
                          activity_id, idempotency_key, created_at)
SELECT person_id, program_id, day, 15, 'award', 'post', 'activity', id,
       id * 1024, '2024-01-01T00:00:00Z'
FROM activity WHERE id > $before AND $heavy > 0;
COMMIT;
ANALYZE;
SQL
# Generation inserts with SQL into activity and points_entry; a schema whose triggers keep
# derived tables shows its cost here.
echo "generated in $SECONDS s"

# The SQL each report runs, for the sqlite3 shell (lower() stands in for amb's fold()).
cat >"$dir/program.sql" <<'SQL'
SELECT p.role, count(*) FROM enrolment e JOIN person p ON p.id = e.person_id WHERE e.program_id = 1 GROUP BY p.role;
SELECT a.channel, count(*) FROM activity a WHERE a.program_id = 1 AND a.kind = 'post' GROUP BY 1;
SELECT substr(a.date, 1, 7), count(*) FROM activity a WHERE a.program_id = 1 AND a.kind = 'post' GROUP BY 1;
SELECT p.unit, count(*) FROM activity a JOIN person p ON p.id = a.person_id WHERE a.program_id = 1 AND a.kind = 'post' GROUP BY 1;
SELECT kind, count(*) FROM activity WHERE program_id = 1 AND kind <> 'post' GROUP BY kind;
SELECT p.id, p.name, count(*) AS n FROM activity a JOIN person p ON p.id = a.person_id WHERE a.program_id = 1 AND a.kind = 'post' GROUP BY p.id ORDER BY n DESC LIMIT 5;
SELECT channel, sum(impressions), sum(clicks), sum(coalesce(reactions, 0) + coalesce(comments, 0) + coalesce(shares, 0)) FROM activity WHERE program_id = 1 AND channel IS NOT NULL GROUP BY channel;
SELECT coalesce(sum(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN 0 ELSE e.amount END), 0), coalesce(sum(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN -e.amount ELSE 0 END), 0) FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses WHERE e.program_id = 1;
SELECT p.id, p.name, p.unit, sum(e.amount) AS n FROM points_entry e JOIN person p ON p.id = e.person_id LEFT JOIN points_entry r ON r.id = e.reverses WHERE e.program_id = 1 AND e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption' GROUP BY p.id ORDER BY n DESC LIMIT 5;
SELECT coalesce((SELECT sum(e.amount) FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses WHERE e.person_id = x.person_id AND e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption'), 0) FROM (SELECT DISTINCT person_id FROM enrolment WHERE program_id = 1) x;
SQL
# (By the computed `date`, which the shell answers with one scan of the table: by `day` it
# walks the programme's index row by row, 30.7 s against 9.6 s at 10M.)
cat >"$dir/year.sql" <<'SQL'
SELECT count(*) FILTER (WHERE kind = 'post'), count(*) FILTER (WHERE kind = 'share'), count(*) FILTER (WHERE kind NOT IN ('post', 'share')), count(DISTINCT person_id) FILTER (WHERE kind = 'post') FROM activity WHERE program_id IS NOT NULL AND date BETWEEN '2023-01-01' AND '2023-12-31';
SELECT count(*) FILTER (WHERE kind = 'post'), count(*) FILTER (WHERE kind = 'share'), count(*) FILTER (WHERE kind NOT IN ('post', 'share')), count(DISTINCT person_id) FILTER (WHERE kind = 'post') FROM activity WHERE program_id IS NOT NULL AND date BETWEEN '2022-01-01' AND '2022-12-31';
SELECT channel, count(*) FROM activity WHERE program_id IS NOT NULL AND kind = 'post' AND date BETWEEN '2023-01-01' AND '2023-12-31' GROUP BY channel;
SELECT channel, count(*) FROM activity WHERE program_id IS NOT NULL AND kind = 'post' AND date BETWEEN '2022-01-01' AND '2022-12-31' GROUP BY channel;
SELECT coalesce(sum(e.amount), 0) FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses WHERE e.date BETWEEN '2023-01-01' AND '2023-12-31' AND e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption';
SELECT coalesce(sum(e.amount), 0) FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses WHERE e.date BETWEEN '2022-01-01' AND '2022-12-31' AND e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption';
SQL
cat >"$dir/leaderboard.sql" <<'SQL'
WITH acts AS (SELECT person_id, count(*) FILTER (WHERE kind = 'post') AS posts, count(*) AS activities FROM activity WHERE program_id IS NOT NULL GROUP BY person_id),
     pts AS (SELECT e.person_id, sum(e.amount) AS points FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses WHERE e.kind <> 'redemption' AND coalesce(r.kind, '') <> 'redemption' GROUP BY e.person_id)
SELECT rank() OVER (ORDER BY a.posts DESC, a.activities DESC, coalesce(t.points, 0) DESC), p.id, p.name, p.unit, a.posts, a.activities, coalesce(t.points, 0)
FROM acts a JOIN person p ON p.id = a.person_id LEFT JOIN pts t ON t.person_id = a.person_id ORDER BY 1, lower(p.name), p.id LIMIT 10;
SQL

echo "SELECT count(*), sum(impressions) FROM activity;" >"$dir/scan.sql"
baseline=${BENCH_BASELINE:-}
# The sides of a row: amb running $args, sqlite3 running $sql, the scan, the baseline.
amb_side() {
    rm -f "$dir/activities.csv" # the export's output
    measure "$amb" --db "$db" "${args[@]}"
}
sqlite3_side() { measure sqlite3 "$db" ".read $sql"; }
scan_side() { measure sqlite3 "$db" ".read $dir/scan.sql"; }
baseline_side() {
    rm -f "$dir/activities.csv"
    measure "$baseline" --db "$db" "${args[@]}"
}
sides=(amb_side sqlite3_side scan_side)
[ -z "$baseline" ] || sides+=(baseline_side)
echo
echo "medians of $runs runs (after $warmup warm-up), $people people, $activities activities, heavy person $heavy"
printf '%-30s %9s %9s %7s %8s %7s %9s %6s %8s\n' "what" "amb (s)" "sqlite3" "ratio" "scan (s)" "/ scan" \
    "baseline" "/ base" "amb RSS"
row=0
run() {
    local what=$1 b_s=n/a
    sql=$2
    shift 2
    args=("$@")
    row=$((row + 1))
    interleave "r$row" "${sides[@]}"
    local a_s s_s c_s
    a_s=$(median "r$row" amb_side)
    s_s=$(median "r$row" sqlite3_side)
    c_s=$(median "r$row" scan_side)
    [ -z "$baseline" ] || b_s=$(median "r$row" baseline_side)
    printf '%-30s %9s %9s %7s %8s %7s %9s %6s %4d MiB\n' "$what" "$a_s" "$s_s" "$(ratio "$a_s" "$s_s")" \
        "$c_s" "$(ratio "$a_s" "$c_s")" "$b_s" "$(ratio "$a_s" "$b_s")" "$(peak_mib "r$row" amb_side)"
    echo "    runs: amb $(runs_of "r$row" amb_side); sqlite3 $(runs_of "r$row" sqlite3_side); scan $(runs_of "r$row" scan_side)"
}
run "report program" "$dir/program.sql" report program Bench --format json
run "report year" "$dir/year.sql" report year 2023 --format json
run "report leaderboard" "$dir/leaderboard.sql" report leaderboard --format json
cat >"$dir/person.sql" <<'SQL'
SELECT sum(e.amount), sum(CASE WHEN e.kind = 'redemption' OR r.kind = 'redemption' THEN -e.amount ELSE 0 END) FROM points_entry e LEFT JOIN points_entry r ON r.id = e.reverses WHERE e.person_id = 1;
SELECT kind, channel, count(*) FROM activity WHERE person_id = 1 GROUP BY kind, channel;
SQL
run "points balance (one person)" "$dir/person.sql" points balance p0@bench.example --format json
run "report person (one person)" "$dir/person.sql" report person p0@bench.example --format json
cat >"$dir/export.sql" <<SQL
.headers on
.mode csv
.output $dir/sqlite-activities.csv
-- The query amb runs (src/db/tables.rs): the person's and the programme's names beside the ids.
SELECT a.id, a.person_id, p.name AS person, a.program_id, pr.name AS program, a.date, a.kind,
       a.channel, a.url, (SELECT tags FROM hashtag_set WHERE id = a.hashtag_set) AS hashtags,
       a.impressions, a.reactions, a.comments, a.shares, a.clicks, a.note, a.source, a.batch_id
FROM activity a LEFT JOIN person p ON p.id = a.person_id LEFT JOIN program pr ON pr.id = a.program_id
ORDER BY a.id;
SQL
run "export activities (CSV)" "$dir/export.sql" export activities --format csv -o "$dir/activities.csv"
