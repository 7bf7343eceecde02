#!/usr/bin/env bash
# Import benchmark: a 1,000,000-row generic activities CSV and a 200,000-tweet tweets.js,
# imported by amb, compared with the sqlite3 shell's `.import` of the same CSV into a bare
# table. Prints wall time and peak memory (max RSS) of each.
#
#   scripts/bench-import.sh [ROWS] [TWEETS]      (defaults 1000000 200000)
#
# The CSV lists its posts in time order, as exports and analytics reports do: each row by one
# of 1,000 people at random, with post ids that grow with time as the platforms' ids do.
# BENCH_ORDER=interleaved writes the rows in the worst order instead: people in turn, the
# date and the URL jumping on every row.
#
# Needs: cargo, python3, sqlite3, GNU time (/usr/bin/time). Work files go to $BENCH_DIR
# (default: a new temporary folder), which is removed at the end unless BENCH_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."

rows=${1:-1000000}
tweets=${2:-200000}
dir=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$dir"
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT

cargo build --release --quiet
amb="$PWD/target/release/amb"
export HOME="$dir/home" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" AMB_TODAY=2023-09-30
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

rm -f "$db"
"$amb" --db "$db" init --quiet >/dev/null
"$amb" --db "$db" program add "Bench 2022" --start 2022-10-01 --end 2023-09-30 \
    --hashtag OnnellisenArjenTekijät --quiet >/dev/null
"$amb" --db "$db" person import "$dir/people.csv" --enroll --date 2022-10-14 --quiet >/dev/null
cp "$db" "$dir/schema.sqlite"

# Prints "<seconds> <max RSS KiB>" of a command, its output thrown away.
measure() {
    /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || {
        cat "$dir/stderr.txt" >&2
        return 1
    }
    cat "$dir/time.txt"
}

# The floor: sqlite3 itself inserting the same rows into amb's activity table, with its
# indexes, checks and foreign keys (staged by .import first, which is not timed), and
# writing their points entries as amb does at the end of an import.
cat >"$dir/insert.sql" <<'SQL'
PRAGMA foreign_keys = ON;
PRAGMA cache_size = -65536;
BEGIN;
INSERT INTO import_batch (id, file, sha256, format, imported_at)
VALUES (1, 'bench', printf('%064d', 0), 'csv', 'now');
INSERT INTO activity (person_id, program_id, date, kind, channel, url, hashtags, impressions,
                      reactions, comments, shares, clicks, source, batch_id)
SELECT p.id, 1, s.date, s.kind, s.channel, s.url, s.hashtags, s.impressions, s.reactions,
       s.comments, s.shares, s.clicks, 'import', 1
FROM staging s JOIN person p ON p.email_key = s.email;
INSERT OR IGNORE INTO points_reason (text)
SELECT DISTINCT kind || coalesce(' on ' || channel, '') FROM activity WHERE batch_id = 1;
INSERT INTO points_entry (person_id, program_id, date, amount, kind, reason_id, source,
                          activity_id, idempotency_key, created_at)
SELECT a.person_id, a.program_id, a.date, 10, 'award',
       (SELECT id FROM points_reason WHERE text = a.kind || coalesce(' on ' || a.channel, '')),
       'activity', a.id, a.id * 1024, unixepoch('now')
FROM activity a WHERE a.batch_id = 1 ORDER BY a.id;
COMMIT;
SQL

# This machine's speed drifts from minute to minute, so every CSV measurement is taken
# $runs times, the three commands in turn, and the median is reported.
runs=${BENCH_RUNS:-3}
: >"$dir/csv.txt" >"$dir/bare.txt" >"$dir/floor.txt"
for run in $(seq "$runs"); do
    cp "$dir/schema.sqlite" "$db"
    measure "$amb" --db "$db" activity import "$dir/activities.csv" --quiet >>"$dir/csv.txt"
    rm -f "$dir/bare.sqlite"
    measure sqlite3 "$dir/bare.sqlite" ".mode csv" ".import $dir/activities.csv bare" >>"$dir/bare.txt"
    cp "$dir/schema.sqlite" "$dir/floor.sqlite"
    sqlite3 "$dir/floor.sqlite" ".mode csv" ".import $dir/activities.csv staging"
    measure sqlite3 "$dir/floor.sqlite" ".read $dir/insert.sql" >>"$dir/floor.txt"
    echo "run $run: amb $(cut -d' ' -f1 <(tail -1 "$dir/csv.txt")) s, .import $(cut -d' ' -f1 <(tail -1 "$dir/bare.txt")) s, same schema $(cut -d' ' -f1 <(tail -1 "$dir/floor.txt")) s"
done
rm -f "$dir/floor.sqlite"
# The median line (by seconds) of a file of "<seconds> <KiB>" lines.
median() { sort -n "$1" | sed -n "$(( ($(wc -l <"$1") + 1) / 2 ))p"; }
read -r amb_csv_s amb_csv_kib < <(median "$dir/csv.txt")
read -r sql_s sql_kib < <(median "$dir/bare.txt")
read -r floor_s floor_kib < <(median "$dir/floor.txt")
read -r amb_x_s amb_x_kib < <(measure "$amb" --db "$db" activity import "$dir/tweets.js" --person p1@bench.example --quiet)

added=$(sqlite3 "$db" "SELECT count(*) FROM activity")
echo
echo "activities stored: $added (medians of $runs runs)"
printf '%-46s %8s %10s\n' "what" "seconds" "max RSS"
printf '%-46s %8s %7d MiB\n' "amb activity import ($rows-row CSV)" "$amb_csv_s" $((amb_csv_kib / 1024))
printf '%-46s %8s %7d MiB\n' "sqlite3 .import (same CSV, bare table)" "$sql_s" $((sql_kib / 1024))
printf '%-46s %8s %7d MiB\n' "sqlite3 INSERT into amb's schema, with points" "$floor_s" $((floor_kib / 1024))
printf '%-46s %8s %7d MiB\n' "amb activity import ($tweets-tweet tweets.js)" "$amb_x_s" $((amb_x_kib / 1024))
python3 -c "print(f'CSV import: amb / sqlite3 .import = {float(\"$amb_csv_s\") / max(float(\"$sql_s\"), 0.01):.2f}x, amb / sqlite3 into the same schema = {float(\"$amb_csv_s\") / max(float(\"$floor_s\"), 0.01):.2f}x')"
