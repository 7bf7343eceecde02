# Shared by the bench-*.sh scripts (sourced, not run, from the repository's root, with
# $today set): the work folder $dir, the release build $amb, timing, medians of interleaved
# runs, ratios and the bytes a database spends per post.

dir=${BENCH_DIR:-$(mktemp -d)}
mkdir -p "$dir"
[ "${BENCH_KEEP:-0}" = 1 ] || trap 'rm -rf "$dir"' EXIT
cargo build --release --quiet
amb="$PWD/target/release/amb"
export HOME="$dir/home" XDG_DATA_HOME="$dir/data" XDG_CONFIG_HOME="$dir/config" AMB_TODAY=$today

# programme_db AMB DB: a new database made by that build of amb, with the programme "Bench"
# (2022-10-01 to 2023-09-30, hashtag #OnnellisenArjenTekijät) and the people of
# $dir/people.csv enrolled from 2022-10-14 (the imports' benchmarks).
programme_db() {
    rm -f "$2"
    "$1" --db "$2" init --quiet >/dev/null
    "$1" --db "$2" program add "Bench" --start 2022-10-01 --end 2023-09-30 \
        --hashtag OnnellisenArjenTekijät --quiet >/dev/null
    "$1" --db "$2" person import "$dir/people.csv" --enroll --date 2022-10-14 --quiet >/dev/null
}

# Runs per figure (BENCH_RUNS, default 3), after BENCH_WARMUP untimed rounds (default 1).
runs=${BENCH_RUNS:-3}
warmup=${BENCH_WARMUP:-1}

# Prints "<seconds> <max RSS KiB>" of a command, its output thrown away: the wall time to the
# millisecond from bash's clock (GNU time's own has 10 ms steps; this one includes starting
# GNU time, about a millisecond), the peak memory from GNU time.
measure() {
    local start=$EPOCHREALTIME end
    /usr/bin/time -f '%M' -o "$dir/time.txt" "$@" >/dev/null 2>"$dir/stderr.txt" || {
        cat "$dir/stderr.txt" >&2
        return 1
    }
    end=$EPOCHREALTIME
    python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.3f}', sys.argv[3])" \
        "$start" "$end" "$(cat "$dir/time.txt")"
}

# interleave TAG FN... runs the functions in turn (A B C, A B C, …): $warmup rounds thrown
# away, then $runs rounds whose "<seconds> <KiB>" lines go to $dir/TAG.FN.txt. Each function
# prepares what it needs (untimed) and prints `measure …`'s line.
interleave() {
    local tag=$1 round fn line
    shift
    for fn in "$@"; do : >"$dir/$tag.$fn.txt"; done
    for round in $(seq $((warmup + runs))); do
        for fn in "$@"; do
            line=$("$fn")
            [ "$round" -le "$warmup" ] || echo "$line" >>"$dir/$tag.$fn.txt"
        done
    done
}

# median TAG FN: the median seconds of FN's runs.
median() {
    local file="$dir/$1.$2.txt"
    sort -n "$file" | sed -n "$((($(wc -l <"$file") + 1) / 2))p" | cut -d' ' -f1
}

# runs_of TAG FN: every run's seconds, in the order taken ("1.2, 1.3, 1.1").
runs_of() { cut -d' ' -f1 "$dir/$1.$2.txt" | paste -sd, - | sed 's/,/, /g'; }

# peak_mib TAG FN: the largest max RSS of FN's runs, in MiB.
peak_mib() { echo $(($(cut -d' ' -f2 "$dir/$1.$2.txt" | sort -n | tail -1) / 1024)); }

# ratio A B: A / B as "1.23x" ("n/a" when either is missing).
ratio() {
    python3 -c "import sys
try: print(f'{float(sys.argv[1]) / max(float(sys.argv[2]), 0.001):.2f}x')
except ValueError: print('n/a')" "$1" "$2"
}

# bytes_per_post DB POSTS LABEL: the file's size per post, and (where SQLite has the dbstat
# table) each table's and index's share of it.
bytes_per_post() {
    local db=$1 posts=$2 label=$3 size
    size=$(stat -c %s "$db")
    echo
    echo "$label: $size bytes, $posts posts: $((size / (posts > 0 ? posts : 1))) bytes per post"
    python3 - "$db" "$posts" <<'PY'
import sqlite3, sys
db, posts = sys.argv[1], max(int(sys.argv[2]), 1)
conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
try:
    rows = conn.execute(
        "SELECT name, count(*), sum(pgsize) FROM dbstat GROUP BY name ORDER BY 3 DESC").fetchall()
except sqlite3.OperationalError:
    n, size = (conn.execute(f"PRAGMA {p}").fetchone()[0] for p in ("page_count", "page_size"))
    print(f"  (no dbstat in this SQLite: {n} pages of {size} bytes = {n * size // posts} bytes per post)")
    sys.exit()
print(f"  {'table or index':<34} {'pages':>9} {'bytes':>13} {'per post':>9}")
total = sum(size for _, _, size in rows)
rest = [0, 0]
for name, pages, size in rows:
    if size * 100 >= total:  # 1 % of the file or more
        print(f"  {name:<34} {pages:>9} {size:>13} {size / posts:>9.1f}")
    else:
        rest = [rest[0] + pages, rest[1] + size]
print(f"  {'(the others, each under 1 %)':<34} {rest[0]:>9} {rest[1]:>13} {rest[1] / posts:>9.1f}")
PY
}
