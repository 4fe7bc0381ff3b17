#!/usr/bin/env bash
# The app as a newcomer meets it, on a month of real text (People's Daily,
# January 1998, imported through the CLI), in a real window under Xvfb with
# no XDG portal: `jianbao ARCHIVE` opens ARCHIVE; a search at 800×600,
# 1024×600 and 1280×800; at 800×600, a malformed query's message, the help
# window (F1) and 文件 › 打开档案… showing the in-window dialog; 复制全文 read back from the
# X clipboard with xclip, and text copied by another program pasted into the
# search box. Fails when the title, the clipboard or the paste is wrong.
#
#   scripts/screenshots-month.sh [path/to/jianbao]   (default: target/debug/jianbao)
#
# Needs what scripts/screenshots.sh needs, plus xclip, python3 and the corpus
# (scripts/fetch-corpus.sh). Writes docs/screenshots/17-*.png to 34-*.png.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=$(realpath "${1:-target/debug/jianbao}")
CORPUS=${JIANBAO_CORPUS:-target/corpus/199801.txt}
OUT=docs/screenshots
DISPLAY_NUM=${SCREENSHOT_DISPLAY:-:98}
mkdir -p "$OUT"
[ -s "$CORPUS" ] || { echo "no corpus at $CORPUS; run scripts/fetch-corpus.sh" >&2; exit 2; }

# shellcheck source=scripts/xvfb-session.sh
source scripts/xvfb-session.sh
# No session bus, so no portal: the in-window file dialog is the way in.
unset DBUS_SESSION_BUS_ADDRESS

fail() { echo "FAIL: $*" >&2; exit 1; }

# The month, through the CLI: page files, a new archive, an import.
python3 scripts/corpus-pages.py "$scratch/pages" "$CORPUS" >/dev/null
ARCHIVE=$scratch/人民日报
"$BIN" new "$ARCHIVE" --paper 人民日报 >/dev/null
"$BIN" import "$ARCHIVE" "$scratch/pages" >/dev/null 2>&1

"$BIN" "$ARCHIVE" >"$scratch/app.log" 2>&1 &
pids+=($!)
WID=$(xdotool search --sync --class jianbao | head -1)
xdotool windowmove --sync "$WID" 0 0 || true

size() {
    xdotool windowsize --sync "$WID" "$1" "$2" || true
    sleep 2
}
shot() {
    sleep 1.5
    import -window root -crop "${2:-1280x800}+0+0" "$OUT/$1.png"
    echo "wrote $OUT/$1.png"
}

size 1280 800
sleep "${SETTLE_SECS:-4}"
title=$(xdotool getwindowname "$WID")
[[ "$title" == "人民日报 — 剪报" ]] || fail "window title is '$title', not the archive's"
echo "jianbao ARCHIVE opened it: title '$title'"

xdotool windowfocus --sync "$WID"
# The query through the X clipboard (xdotool's typing of CJK text drops
# characters now and then); ↓ right away moves into its results.
printf '%s' '经济' | xclip -selection clipboard
xdotool key --window "$WID" ctrl+f
xdotool key --window "$WID" ctrl+v
xdotool key --window "$WID" Down
size 800 600
shot 17-month-800x600 800x600
size 1024 600
shot 18-month-1024x600 1024x600
size 1280 800
shot 19-month-1280x800

# 复制全文 (Ctrl+Shift+C) reaches the X clipboard.
xdotool key --window "$WID" ctrl+shift+c
sleep 1
copied=$(xclip -o -selection clipboard 2>/dev/null || true)
[[ "$copied" == *经济* ]] || fail "clipboard after 复制全文: '${copied:0:80}'"
echo "clipboard holds the article (${#copied} characters): ${copied:0:40}…"

# Text another program copied pastes into the search box.
printf '%s' '香港' | xclip -selection clipboard
sleep 0.5
xdotool key --window "$WID" ctrl+f
xdotool key --window "$WID" ctrl+a
xdotool key --window "$WID" ctrl+v
sleep 2
shot 20-pasted-from-xclip

# The rest at 800×600, the smallest size the app supports: a malformed
# query's message in Chinese, wrapped in the results area; the help window;
# the in-window file dialog.
size 800 600
xdotool key --window "$WID" ctrl+f
printf '%s' 'date:1998-13 经济' | xclip -selection clipboard
xdotool key --window "$WID" ctrl+a ctrl+v
sleep 2
shot 21-query-error 800x600

# F1: shortcuts and the search syntax.
xdotool mousemove --sync 400 400 click 1
xdotool key --window "$WID" F1
shot 22-help 800x600
xdotool key --window "$WID" Escape

# 文件 › 打开档案… (Ctrl+O) with no portal: the in-window dialog.
xdotool mousemove --sync 400 400 click 1
xdotool key --window "$WID" ctrl+o
shot 23-no-portal-open-dialog 800x600
grep -q "Using zenity fallback\|portal" "$scratch/app.log" && echo "(rfd logged: $(grep -m1 'portal\|zenity' "$scratch/app.log"))" || true
xdotool key --window "$WID" Escape

# At 1280×800: the index of names (Ctrl+Shift+N) on the month, most named
# first; a person's articles, the reader's names as chips and underlined in
# the text; the chart of the results per day (Ctrl+Shift+M).
size 1280 800
printf '%s' '香港' | xclip -selection clipboard
xdotool key --window "$WID" ctrl+f
sleep 0.5
xdotool key --window "$WID" ctrl+a ctrl+v
xdotool key --window "$WID" ctrl+shift+n
sleep 3
shot 29-names-index
printf '%s' '人物:江泽民' | xclip -selection clipboard
xdotool key --window "$WID" ctrl+f
sleep 0.5
xdotool key --window "$WID" ctrl+a ctrl+v
sleep 2
xdotool key --window "$WID" Down
sleep 2
shot 30-reader-entities
xdotool key --window "$WID" ctrl+shift+m
sleep 3
shot 31-chart-by-day
xdotool key --window "$WID" ctrl+shift+m ctrl+shift+n
size 800 600

# At 800×600, a day clicked in the calendar: its chip reads in Chinese
# (日期：1998-01-08 ×, say); ↓ from the search box opens the first of its
# results, the reader keeping figures and Latin words whole.
# (Ctrl+F focuses the box on the next frame: a pause before its Ctrl+A.)
printf '%s' '经济' | xclip -selection clipboard
xdotool key --window "$WID" ctrl+f
sleep 0.5
xdotool key --window "$WID" ctrl+a ctrl+v
sleep 1
xdotool mousemove --sync 95 441 click 1
sleep 1
xdotool key --window "$WID" ctrl+f
sleep 0.5
xdotool key --window "$WID" Down
shot 24-day-chip-800x600 800x600

# Export with no portal: Ctrl+E, then the in-window save dialog over the
# export dialog, its name following what is exported.
xdotool key --window "$WID" ctrl+e
shot 26-export-dialog 800x600
xdotool mousemove --sync 228 485 click 1
shot 27-export-in-window-dialog 800x600
# 保存: the DOCX lands beside the archive, under the name the dialog gave.
xdotool mousemove --sync 590 509 click 1
exported="$scratch/人民日报 选中的 1 篇.docx"
for _ in $(seq 50); do [ -s "$exported" ] && break; sleep 0.2; done
python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).getinfo("word/document.xml")' "$exported" \
    || fail "no readable DOCX at $exported after 保存 in the in-window dialog"
echo "exported through the in-window dialog: $exported ($(stat -c %s "$exported") bytes)"
shot 28-exported 800x600

# Importing the month into a new archive from the command line of the app:
# the status bar names the phase (读取与分析 n/247, then 写入并建立索引…).
kill "${pids[-1]}" 2>/dev/null || true
while xdotool search --class jianbao >/dev/null 2>&1; do sleep 0.2; done
ARCHIVE2=$scratch/新档案
"$BIN" new "$ARCHIVE2" --paper 人民日报 >/dev/null
"$BIN" "$ARCHIVE2" "$scratch/pages" >"$scratch/app2.log" 2>&1 &
pids+=($!)
WID=$(xdotool search --sync --class jianbao | head -1)
xdotool windowmove --sync "$WID" 0 0 || true
xdotool windowsize --sync "$WID" 1024 600 || true
sleep "${IMPORT_SHOT_SECS:-1}"
import -window root -crop 1024x600+0+0 "$OUT/25-import-phase.png"
echo "wrote $OUT/25-import-phase.png"

# The printed page (版面): two generated PDF pages (tests/fixtures/pdf, from
# `JIANBAO_BENCH_WRITE_PAGES=DIR cargo bench --bench pdf`) in a new archive;
# the first article on its page (Ctrl+Shift+P), the next one (↓) highlighted
# in its place, Ctrl+wheel zooming in; 复制剪报 (Ctrl+Shift+J) puts a PNG on
# the X clipboard, read back with xclip.
kill "${pids[-1]}" 2>/dev/null || true
while xdotool search --class jianbao >/dev/null 2>&1; do sleep 0.2; done
ARCHIVE3=$scratch/版面
"$BIN" new "$ARCHIVE3" --paper 新闻日报 >/dev/null
"$BIN" import "$ARCHIVE3" tests/fixtures/pdf >/dev/null
"$BIN" "$ARCHIVE3" >"$scratch/app3.log" 2>&1 &
pids+=($!)
WID=$(xdotool search --sync --class jianbao | head -1)
xdotool windowmove --sync "$WID" 0 0 || true
size 1280 800
sleep "${SETTLE_SECS:-4}"
xdotool windowfocus --sync "$WID"
xdotool mousemove --sync 400 104 click 1
sleep 1
xdotool key --window "$WID" ctrl+shift+p
sleep 3
shot 32-page-view
xdotool key --window "$WID" Down
sleep 2
xdotool mousemove --sync 1100 420
xdotool keydown ctrl click 4 click 4 keyup ctrl
sleep 3
shot 33-page-view-zoomed
xdotool key --window "$WID" ctrl+shift+j
sleep 3
targets=$(xclip -selection clipboard -t TARGETS -o 2>/dev/null || true)
if [[ "$targets" == *image/png* ]]; then
    xclip -selection clipboard -t image/png -o >"$OUT/34-clipping-from-clipboard.png"
    echo "wrote $OUT/34-clipping-from-clipboard.png (the clipping read back with xclip)"
else
    fail "复制剪报 left no image on the X clipboard (targets: $targets)"
fi
