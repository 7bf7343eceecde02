#!/usr/bin/env bash
# The one-person case: a LinkedIn `Shares.csv` of 1,000,000 posts by one ambassador, every
# one carrying the programme hashtag, imported by `amb activity import --person` and compared
# with the sqlite3 shell's `.import` of the same file into a bare table; then the reports on
# that file (`report program`, `report year`, `report leaderboard`, `report person P`,
# `points balance P`) beside one full scan of the activity table, and the bytes per post.
#
#   scripts/bench-linkedin.sh [POSTS]      (default 1000000; a quick run: 100000)
#
# The file is in LinkedIn's own layout (Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,
# Visibility), as in ../shared/real-exports/linkedin: share and ugcPost URNs whose ids carry
# the post's time as LinkedIn's do, multi-line commentary quoted line by line (`""…""`), the
# hashtags on the last line, `""` or nothing in the empty URL columns, and one post in 50
# repeated on a second row for its second media thumbnail. The dates are random within the
# programme, in random order; BENCH_ORDER=newest lists them newest first, as an export does.
#
# Every figure is the median of BENCH_RUNS (3) runs taken in turn with the others of its row
# after BENCH_WARMUP (1) untimed round. BENCH_BASELINE=/path/to/another/amb imports the same
# file with that build into a database of its own and times it beside this one (before and
# after in one run). The reports run on the file as imported (no ANALYZE).
#
# Needs: cargo, python3, sqlite3, GNU time. Work files go to $BENCH_DIR (default: a new
# temporary folder), removed at the end unless BENCH_KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."

posts=${1:-1000000}
today=2023-09-30 # AMB_TODAY
. scripts/bench-common.sh
baseline=${BENCH_BASELINE:-}
db="$dir/bench.sqlite"
person=p1@bench.example

echo "generating a Shares.csv of $posts posts in $dir ..."
SECONDS=0
python3 - "$dir" "$posts" "${BENCH_ORDER:-random}" <<'PY'
import datetime, random, sys
out, posts, order = sys.argv[1], int(sys.argv[2]), sys.argv[3]
random.seed(15)
with open(f"{out}/people.csv", "w") as f:
    f.write("name,email,role,unit\n")
    for i in range(1000):
        f.write(f"Person {i},p{i}@bench.example,{'manager' if i % 10 == 0 else 'employee'},Unit {i % 40}\n")
# The programme runs 2022-10-01 to 2023-09-30 and the person is enrolled from 2022-10-14:
# posts fall between 2022-10-15 and 2023-09-28 (UTC), clear of the edges in any time zone.
first = datetime.datetime(2022, 10, 15, tzinfo=datetime.timezone.utc).timestamp()
last = datetime.datetime(2023, 9, 28, 23, 59, 59, tzinfo=datetime.timezone.utc).timestamp()
times = [random.randint(int(first), int(last)) for _ in range(posts)]
if order == "newest":
    times.sort(reverse=True)
words = ("koulu arki oppilas opettaja päivä hyvä kiitos tänään yhdessä Vaasa kaupunki työ "
         "tiimi ilo syksy kevät projekti onnistui kollega asiakas palvelu uusi tapahtuma").split()
lines_of_text = [
    " ".join(random.choice(words) for _ in range(random.randint(5, 18))).capitalize() + "."
    for _ in range(5000)
]
tags = ["#Vaasa", "#koulu", "#työelämä", "#rekry", "#OnnellisenArjenTekijat"]

def field(lines):
    """LinkedIn's quoting: each line quoted on its own, `"` inside doubled."""
    return '"' + '""\n""'.join(line.replace('"', '""') for line in lines) + '"'

with open(f"{out}/Shares.csv", "w", encoding="utf-8", newline="") as f:
    f.write("Date,ShareLink,ShareCommentary,SharedUrl,MediaUrl,Visibility\n")
    for i, t in enumerate(times):
        # LinkedIn's ids carry the time in milliseconds above 22 low bits.
        post_id = (t * 1000 + random.randrange(1000)) << 22 | (i & 0x3FFFFF)
        urn = "ugcPost" if i % 3 == 0 else "share"
        link = f"https://www.linkedin.com/feed/update/urn%3Ali%3A{urn}%3A{post_id}"
        body = [random.choice(lines_of_text) for _ in range(random.randint(1, 4))]
        if i % 7 == 0:
            body.insert(1, f'Kuten kollega sanoi: "hyvä {random.choice(words)}"')
        if i % 4 == 0:
            body.append(f"https://lnkd.in/g{post_id % 10**7:07d}")
        text = field(body + ["", " ".join(random.sample(tags, 2) + ["#OnnellisenArjenTekijät"])])
        date = datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%d %H:%M:%S")
        shared, visibility = ('""', "MEMBER_NETWORK") if i % 2 else ("", "PUBLIC")
        media = [""] if i % 50 else ["https://media.licdn.com/dms/image/a", "https://media.licdn.com/dms/image/b"]
        for m in media:
            f.write(f"{date},{link},{text},{shared},{m},{visibility}\n")
PY
ls -l "$dir/Shares.csv" | awk '{print $5, $9}'
echo "generated in $SECONDS s"

programme_db "$amb" "$dir/schema.sqlite"
[ -z "$baseline" ] || programme_db "$baseline" "$dir/baseline-schema.sqlite"

amb_import() {
    cp "$dir/schema.sqlite" "$db"
    measure "$amb" --db "$db" activity import "$dir/Shares.csv" --person "$person" --quiet
}
sqlite3_import() {
    rm -f "$dir/bare.sqlite"
    measure sqlite3 "$dir/bare.sqlite" ".mode csv" ".import $dir/Shares.csv bare"
}
baseline_import() {
    cp "$dir/baseline-schema.sqlite" "$dir/baseline.sqlite"
    measure "$baseline" --db "$dir/baseline.sqlite" activity import "$dir/Shares.csv" --person "$person" --quiet
}
sides=(amb_import sqlite3_import)
[ -z "$baseline" ] || sides+=(baseline_import)
interleave imp "${sides[@]}"
rows=$(sqlite3 "$dir/bare.sqlite" "SELECT count(*) FROM bare")
rm -f "$dir/bare.sqlite"
stored=$(sqlite3 "$db" "SELECT count(*) FROM activity")
[ "$stored" = "$posts" ] || echo "warning: $stored activities stored of $posts posts" >&2

echo
echo "$posts posts ($rows rows) of one person, medians of $runs runs after $warmup warm-up"
printf '%-44s %9s %9s %8s   %s\n' "what" "seconds" "max RSS" "baseline" "runs"
base_of() { if [ -n "$baseline" ]; then median "$1" "$2"; else echo n/a; fi; }
printf '%-44s %9s %5d MiB %8s   %s\n' "amb activity import (Shares.csv, --person)" \
    "$(median imp amb_import)" "$(peak_mib imp amb_import)" "$(base_of imp baseline_import)" \
    "$(runs_of imp amb_import)"
printf '%-44s %9s %5d MiB %8s   %s\n' "sqlite3 .import (same file, bare table)" \
    "$(median imp sqlite3_import)" "$(peak_mib imp sqlite3_import)" "" "$(runs_of imp sqlite3_import)"
echo "import: amb / sqlite3 .import = $(ratio "$(median imp amb_import)" "$(median imp sqlite3_import)") (target <= 3x);" \
    "peak memory $(peak_mib imp amb_import) MiB (target <= 64 MiB)"
bytes_per_post "$db" "$stored" "after the one-person import"

# The reports on that file, each beside one full scan of the activity table.
echo "SELECT count(*), sum(impressions) FROM activity;" >"$dir/scan.sql"
amb_side() { measure "$amb" --db "$db" "${args[@]}"; }
scan_side() { measure sqlite3 "$db" ".read $dir/scan.sql"; }
baseline_side() { measure "$baseline" --db "$dir/baseline.sqlite" "${args[@]}"; }
sides=(amb_side scan_side)
[ -z "$baseline" ] || sides+=(baseline_side)
echo
printf '%-30s %9s %8s %7s %8s %9s %8s\n' "what" "amb (s)" "scan (s)" "/ scan" "target" "baseline" "amb RSS"
row=0
run() {
    local what=$1 target=$2
    shift 2
    args=("$@")
    row=$((row + 1))
    interleave "r$row" "${sides[@]}"
    local a_s c_s
    a_s=$(median "r$row" amb_side)
    c_s=$(median "r$row" scan_side)
    printf '%-30s %9s %8s %7s %8s %9s %4d MiB\n' "$what" "$a_s" "$c_s" "$(ratio "$a_s" "$c_s")" "$target" \
        "$(base_of "r$row" baseline_side)" "$(peak_mib "r$row" amb_side)"
    echo "    runs: amb $(runs_of "r$row" amb_side); scan $(runs_of "r$row" scan_side)"
}
run "report program" "0.5 s" report program Bench --format json
run "report year" "0.5 s" report year 2023 --format json
run "report leaderboard" "0.5 s" report leaderboard --format json
run "report person P" "0.020 s" report person "$person" --format json
run "points balance P" "0.020 s" points balance "$person" --format json
