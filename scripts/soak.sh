#!/usr/bin/env bash
# kill -9 soak: imports, reindexes and searches (three at once, racing to
# rebuild a deleted index) are killed at random moments, round after round.
# After every round the project must open (`list`), every search must exit 0,
# and the totals of a few queries must equal those of a fresh reindex of a
# copy of the project. Prints runs, kills and failures; exit 1 on any failure.
#
# Usage: scripts/soak.sh [ROUNDS] [BIN]
#   ROUNDS  default 100
#   BIN     default target/debug/jianbao (build it first: cargo build)
# Pages come from $JIANBAO_CORPUS (default target/corpus/199801.txt, see
# scripts/fetch-corpus.sh). Work files go to $SOAK_DIR (default a temp folder).
set -u
cd "$(dirname "$0")/.."
rounds="${1:-100}"
bin="$(realpath "${2:-target/debug/jianbao}")"
corpus="${JIANBAO_CORPUS:-target/corpus/199801.txt}"
work="${SOAK_DIR:-$(mktemp -d -t jianbao-soak.XXXXXX)}"
queries=(中国 经济 北京 人民)
[ -x "$bin" ] || { echo "no binary at $bin; run cargo build" >&2; exit 2; }
[ -s "$corpus" ] || { echo "no corpus at $corpus; run scripts/fetch-corpus.sh" >&2; exit 2; }

project="$work/project"
check="$work/check"
log="$work/soak.log"
rm -rf "$project" "$check" "$work/pages-a" "$work/pages-b"
mkdir -p "$work/pages-a" "$work/pages-b"
: > "$log"

# Six editions, two versions each (b drops every seventh paragraph and edits
# every fifth), so re-imports change, add and remove articles.
sed -E 's#\[##g; s#/[A-Za-z]+\]?[a-z]*( |$)#\1#g; s/ +//g' "$corpus" | grep -v '^$' | head -n 1200 > "$work/lines.txt"
for day in 1 2 3 4 5 6; do
    from=$(( (day - 1) * 200 + 1 ))
    sed -n "${from},$(( from + 199 ))p" "$work/lines.txt" | sed 's/$/\n/' > "$work/pages-a/1998-01-0${day}_01.txt"
    sed -n "${from},$(( from + 199 ))p" "$work/lines.txt" \
        | awk 'NR % 7 != 0 { if (NR % 5 == 0) print $0 "（修订）"; else print } ' \
        | sed 's/$/\n/' > "$work/pages-b/1998-01-0${day}_01.txt"
done

"$bin" new "$project" >/dev/null || exit 2
"$bin" import "$project" "$work/pages-a" >/dev/null 2>&1 || exit 2

runs=0
kills=0
failures=0
declare -A killed=([import]=0 [reindex]=0 [search]=0)

fail() {
    failures=$((failures + 1))
    echo "round $round: $*" | tee -a "$log" >&2
}

# Starts "$@" (a jianbao command: its first argument after the binary
# names it) in the background and kills it with SIGKILL after a random
# delay of 0-0.9 s (if it is still running then).
run_and_kill() {
    local kind="$2"
    "$@" >/dev/null 2>>"$log" &
    local pid=$!
    runs=$((runs + 1))
    sleep "$(printf '0.%03d' $(( RANDOM % 900 )))"
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null && kills=$((kills + 1)) && killed[$kind]=$((killed[$kind] + 1))
    fi
    wait "$pid" 2>/dev/null
}

totals() { # DIR -> "q1=n q2=n ...", or FAIL:... when a search does not exit 0
    local out=""
    for q in "${queries[@]}"; do
        local json code
        json="$("$bin" search "$1" "$q" --limit 0 --json 2>>"$log")"
        code=$?
        if [ "$code" -ne 0 ]; then
            echo "FAIL:search $q exit $code"
            return
        fi
        out="$out $q=$(printf '%s' "$json" | sed -n 's/^  "total": \([0-9]*\),*$/\1/p')"
    done
    echo "$out"
}

started=$(date +%s)
for round in $(seq 1 "$rounds"); do
    case $(( RANDOM % 4 )) in
        0) run_and_kill "$bin" import "$project" "$work/pages-$([ $((RANDOM % 2)) = 0 ] && echo a || echo b)" ;;
        1) run_and_kill "$bin" reindex "$project" ;;
        2) run_and_kill "$bin" search "$project" 中国 --limit 5 ;;
        3) # three searches race to rebuild a deleted index; one is killed
            rm -rf "$project/index"
            "$bin" search "$project" 中国 --limit 0 >/dev/null 2>>"$log" & a=$!
            "$bin" search "$project" 经济 --limit 0 >/dev/null 2>>"$log" & b=$!
            runs=$((runs + 2))
            run_and_kill "$bin" search "$project" 北京 --limit 0
            wait "$a" || fail "racing search exited $?"
            wait "$b" || fail "racing search exited $?"
            ;;
    esac
    if ! "$bin" list "$project" >/dev/null 2>>"$log"; then
        fail "the project does not open"
        continue
    fi
    got="$(totals "$project")"
    rm -rf "$check"
    cp -a "$project" "$check"
    rm -rf "$check/index"
    "$bin" reindex "$check" >/dev/null 2>>"$log" || fail "reindex of the copy failed"
    want="$(totals "$check")"
    case "$got$want" in
        *FAIL*) fail "searches: got [$got] want [$want]" ;;
        *) [ "$got" = "$want" ] || fail "totals differ: got [$got] want [$want]" ;;
    esac
    if [ $((round % 10)) -eq 0 ]; then
        echo "round $round: $runs runs, $kills kills, $failures failures"
    fi
done

echo "soak: $rounds rounds, $runs runs, $kills kills (import ${killed[import]}, reindex ${killed[reindex]}, search ${killed[search]}), $failures failures in $(( $(date +%s) - started )) s (log: $log)"
[ "$failures" -eq 0 ]
