#!/usr/bin/env bash
# kill -9 soak: imports, reindexes and searches (three at once, racing to
# rebuild a deleted index) are killed at random moments, round after round;
# so are edits (tag, note, collection add, fix) during the journal append and
# the fold, two in a row too, and edits run on a full disk (the project sits
# on a small tmpfs when run as root: `mount -t tmpfs`). After every round the
# project must open (`list`), every search must exit 0, every edit that
# returned 0 must be there whole, every edit that failed absent whole (a
# killed one either), and the totals of a few queries (tags and collections
# included) must equal those of a fresh reindex of a copy of the project.
# Prints runs, kills and failures; exit 1 on any failure.
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

disk="$work/disk"
project="$disk/project"
check="$work/check"
log="$work/soak.log"
mountpoint -q "$disk" 2>/dev/null && umount "$disk"
rm -rf "$disk" "$check" "$work/pages-a" "$work/pages-b"
mkdir -p "$disk" "$work/pages-a" "$work/pages-b"
: > "$log"
# A small disk of its own, so edits can meet a full one.
full_disk=0
if [ "$(id -u)" = 0 ] && mount -t tmpfs -o size=64m tmpfs "$disk" 2>>"$log"; then
    full_disk=1
    trap 'umount "$disk" 2>/dev/null' EXIT
else
    echo "note: not root or no tmpfs; full-disk rounds are skipped" >&2
fi

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
# The articles edits work on, all tagged `keep` so no re-import drops them.
mapfile -t ids < <("$bin" list "$project" | cut -d" " -f1)
[ "${#ids[@]}" -gt 10 ] || { echo "only ${#ids[@]} articles imported" >&2; exit 2; }
"$bin" tag "$project" "${ids[@]}" --add keep >/dev/null || exit 2
few=("${ids[@]:0:5}")
noted="${ids[3]}"
fixed="${ids[7]}"

runs=0
kills=0
failures=0
declare -A killed=([import]=0 [reindex]=0 [search]=0 [tag]=0 [note]=0 [collection]=0 [fix]=0)
full_runs=0
full_failed=0
# What each edit should have left: a number, or "a|b" when either is fine
# (a killed edit may have committed before the kill); settled when seen.
declare -A expected=()
tagged=()        # tags each given to every article of `ids`
note_want=""     # the note of $noted
head_want="$("$bin" show "$project" "$fixed" --json | python3 -c "import json,sys; print(json.load(sys.stdin).get('headline') or '')")"

fail() {
    failures=$((failures + 1))
    echo "round $round: $*" | tee -a "$log" >&2
}

# Starts "$@" (a jianbao command: its first argument after the binary
# names it) in the background and kills it with SIGKILL after a random
# delay of 0-0.4 s (if it is still running then): an import or reindex of
# the soak's six editions takes about 0.4 s, a search less.
run_and_kill() {
    local kind="$2"
    "$@" >/dev/null 2>>"$log" &
    local pid=$!
    runs=$((runs + 1))
    sleep "$(printf '0.%03d' $(( RANDOM % 400 )))"
    if kill -0 "$pid" 2>/dev/null; then
        kill -9 "$pid" 2>/dev/null && kills=$((kills + 1)) && killed[$kind]=$((killed[$kind] + 1))
    fi
    wait "$pid" 2>/dev/null
}

total() { # DIR QUERY -> its total, or FAIL
    local json
    json="$("$bin" search "$1" "$2" --limit 0 --json 2>>"$log")" || { echo FAIL; return; }
    printf '%s' "$json" | sed -n 's/^  "total": \([0-9]*\),*$/\1/p'
}

# Runs an edit; kills it after 0-${2}ms when $1 is "kill", else lets it end.
# Sets $edit_code: the exit code, or "killed".
edit() {
    local how="$1" delay="$2" kind="$3"
    shift 2
    "$bin" "$@" >/dev/null 2>>"$log" &
    local pid=$!
    runs=$((runs + 1))
    if [ "$how" = kill ]; then
        sleep "$(printf '0.%03d' $(( RANDOM % delay )))"
        if kill -9 "$pid" 2>/dev/null; then
            wait "$pid" 2>/dev/null
            kills=$((kills + 1))
            killed[$kind]=$((killed[$kind] + 1))
            edit_code=killed
            return
        fi
    fi
    wait "$pid"
    edit_code=$?
}

# KEY WHOLE BEFORE: records what the last edit should have left in KEY.
expect() {
    touched+=("$1")
    case "$edit_code" in
        0) expected[$1]="$2" ;;
        killed) expected[$1]="$3|$2" ;;
        *) expected[$1]="$3" ;;
    esac
}

# Compares KEY's value now with what is wanted, and settles an either.
verify() {
    local key="$1" got="$2" w="${expected[$1]}"
    case "|$w|" in
        *"|$got|"*) expected[$key]="$got" ;;
        *) fail "$key is [$got], want [$w] (an edit seen in part, lost or applied after failing)" ;;
    esac
}

json_field() { # DIR ID FIELD -> the article's field, from show --json
    "$bin" show "$1" "$2" --json 2>>"$log" | python3 -c "import json,sys; print(json.load(sys.stdin).get(sys.argv[1]) or '')" "$3"
}

# Fills the disk but for $1 KB (sets $filler), or empties it again.
fill_disk() {
    rm -f "$disk/filler"
    local free_kb
    free_kb=$(df -k --output=avail "$disk" | tail -1 | tr -d ' ')
    [ "$free_kb" -gt "$1" ] && fallocate -l "$(( (free_kb - $1) * 1024 ))" "$disk/filler" 2>>"$log"
}

# One random edit (tag/untag every article, note, collection add, fix),
# run as $1 ("kill", "full" or "ok"), its expectation recorded. An edit of
# the soak's project takes 20-40 ms, so a kill comes within 0-40 ms.
random_edit() {
    local how="$1" run="$1" delay=40
    [ "$how" = full ] && run=ok
    case $(( RANDOM % 4 )) in
        0)
            if [ "${#tagged[@]}" -gt 0 ] && [ $(( RANDOM % 3 )) = 0 ]; then
                local t="${tagged[$(( RANDOM % ${#tagged[@]} ))]}"
                local before="${expected[tag:$t]}"
                edit "$run" "$delay" tag "$project" "${ids[@]}" --remove "$t"
                expect "tag:$t" 0 "$before"
            else
                local t="t$round$RANDOM"
                edit "$run" "$delay" tag "$project" "${ids[@]}" --add "$t"
                tagged+=("$t")
                expect "tag:$t" "${#ids[@]}" 0
            fi
            ;;
        1)
            local before="$note_want" text="注$round-$RANDOM"
            edit "$run" "$delay" note "$project" "$noted" "$text"
            case "$edit_code" in
                0) note_want="$text" ;;
                killed) note_want="$before|$text" ;;
            esac
            ;;
        2)
            local c="c$round$RANDOM"
            "$bin" collection "$project" create "$c" >/dev/null 2>>"$log" || { expected[in:$c]=0; return; }
            edit "$run" "$delay" collection "$project" add "$c" "${few[@]}"
            expect "in:$c" "${#few[@]}" 0
            collections+=("$c")
            ;;
        3)
            local before="$head_want" text="改$round-$RANDOM"
            edit "$run" "$delay" fix "$project" "$fixed" set headline "$text"
            case "$edit_code" in
                0) head_want="$text" ;;
                killed) head_want="$before|$text" ;;
            esac
            ;;
    esac
    [ "$how" = full ] && { full_runs=$((full_runs + 1)); [ "$edit_code" = 0 ] || full_failed=$((full_failed + 1)); }
}
collections=()
touched=()

# Checks what the edits left: tags and collections by search totals (those
# touched this round, those not settled, three others; every one with
# "all"), the note and the headline by `show`.
check_edits() {
    local keys=("${touched[@]}") k all=("${!expected[@]}")
    for k in "${all[@]}"; do
        case "${1:-}|${expected[$k]}" in all*|*"|"*) keys+=("$k") ;; esac
    done
    [ "${#all[@]}" -gt 0 ] && for _ in 1 2 3; do keys+=("${all[$(( RANDOM % ${#all[@]} ))]}"); done
    touched=()
    for k in "${keys[@]}"; do
        local got
        got="$(total "$project" "$k")"
        [ "$got" = FAIL ] && { fail "search $k exited non-zero"; continue; }
        verify "$k" "$got"
    done
    local note
    note="$(json_field "$project" "$noted" note)"
    case "|$note_want|" in
        *"|$note|"*) note_want="$note" ;;
        *) fail "note is [$note], want [$note_want]" ;;
    esac
    local head
    head="$(json_field "$project" "$fixed" headline)"
    case "|$head_want|" in
        *"|$head|"*) head_want="$head" ;;
        *) fail "headline is [$head], want [$head_want]" ;;
    esac
}

totals() { # DIR -> "q1=n q2=n ...", or FAIL:... when a search does not exit 0
    local out=""
    for q in "${queries[@]}" tag:keep "${edit_queries[@]}"; do
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
edit_queries=()
for round in $(seq 1 "$rounds"); do
    case $(( RANDOM % 9 )) in
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
        4 | 5) random_edit kill ;;
        6) # two kills in a row
            random_edit kill
            random_edit kill
            ;;
        7) # a full disk (when the project has a disk of its own), else a kill
            if [ "$full_disk" = 1 ]; then
                fill_disk $(( RANDOM % 400 ))
                random_edit full
                random_edit full
                rm -f "$disk/filler"
            else
                random_edit kill
            fi
            ;;
        8) random_edit ok ;;
    esac
    edit_queries=()
    [ "${#tagged[@]}" -gt 0 ] && edit_queries+=("tag:${tagged[$(( RANDOM % ${#tagged[@]} ))]}")
    [ "${#collections[@]}" -gt 0 ] && edit_queries+=("in:${collections[$(( RANDOM % ${#collections[@]} ))]}")
    if ! "$bin" list "$project" >/dev/null 2>>"$log"; then
        fail "the project does not open"
        continue
    fi
    check_edits
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

round=end
check_edits all
echo "soak: $rounds rounds, $runs runs, $kills kills (import ${killed[import]}, reindex ${killed[reindex]}, search ${killed[search]}, tag ${killed[tag]}, note ${killed[note]}, collection ${killed[collection]}, fix ${killed[fix]}), $full_runs edits on a full disk ($full_failed refused), ${#expected[@]} tags and collections checked, $failures failures in $(( $(date +%s) - started )) s (log: $log)"
[ "$failures" -eq 0 ]
