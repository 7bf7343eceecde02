#!/usr/bin/env bash
# Import benchmark: a 1,000,000-row generic activities CSV and a 200,000-tweet tweets.js,
# imported by amb, compared with the sqlite3 shell's `.import` of the same CSV into a bare
# table. Prints wall time and peak memory (max RSS) of each.
#
#   scripts/bench-import.sh [ROWS] [TWEETS]      (defaults 1000000 200000)
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
import datetime, json, random, sys
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
with open(f"{out}/activities.csv", "w") as f:
    f.write("email,date,kind,channel,url,hashtags,impressions,reactions,comments,shares,clicks\n")
    for i in range(rows):
        d = start + datetime.timedelta(days=i % (days + 1))
        ch = channels[i % 5]
        f.write(f"p{i % people}@bench.example,{d.isoformat()},post,{ch},https://{ch}.example/p/{i},"
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

read -r amb_csv_s amb_csv_kib < <(measure "$amb" --db "$db" activity import "$dir/activities.csv" --quiet)
read -r amb_x_s amb_x_kib < <(measure "$amb" --db "$db" activity import "$dir/tweets.js" --person p1@bench.example --quiet)
rm -f "$dir/bare.sqlite"
read -r sql_s sql_kib < <(measure sqlite3 "$dir/bare.sqlite" ".mode csv" ".import $dir/activities.csv bare")

# The floor: sqlite3 itself inserting the same rows into amb's activity table, with its
# indexes, checks and foreign keys (staged by .import first, which is not timed).
sqlite3 "$dir/schema.sqlite" ".mode csv" ".import $dir/activities.csv staging"
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
COMMIT;
SQL
read -r floor_s floor_kib < <(measure sqlite3 "$dir/schema.sqlite" ".read $dir/insert.sql")

added=$(sqlite3 "$db" "SELECT count(*) FROM activity")
echo
echo "activities stored: $added"
printf '%-46s %8s %10s\n' "what" "seconds" "max RSS"
printf '%-46s %8s %7d MiB\n' "amb activity import ($rows-row CSV)" "$amb_csv_s" $((amb_csv_kib / 1024))
printf '%-46s %8s %7d MiB\n' "sqlite3 .import (same CSV, bare table)" "$sql_s" $((sql_kib / 1024))
printf '%-46s %8s %7d MiB\n' "sqlite3 INSERT into amb's indexed schema" "$floor_s" $((floor_kib / 1024))
printf '%-46s %8s %7d MiB\n' "amb activity import ($tweets-tweet tweets.js)" "$amb_x_s" $((amb_x_kib / 1024))
python3 -c "print(f'CSV import: amb / sqlite3 = {float(\"$amb_csv_s\") / max(float(\"$sql_s\"), 0.01):.2f}x')"
