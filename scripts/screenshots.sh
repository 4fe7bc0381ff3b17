#!/usr/bin/env bash
# Screenshots of the real window under Xvfb (software rendering through Mesa),
# driven with xdotool: first start (sample archive), a search for 苏陕协作, the
# result opened in the reader, the English UI, the dark theme, and the tag
# editor (a tag typed in the reader, Ctrl+T with pinyin, the tag tree with a
# nested tag, the Edit menu naming the undo step), the correction tools, a
# collection and the export dialog.
#
#   scripts/screenshots.sh [path/to/jianbao]     (default: target/debug/jianbao)
#
# Needs: apt-get install -y xvfb libgl1-mesa-dri libegl1 mesa-vulkan-drivers \
#   libxkbcommon-x11-0 libxcursor1 libxi6 libx11-xcb1 imagemagick x11-utils xdotool
# Writes docs/screenshots/*.png. Uses a throwaway HOME, so first start builds
# the sample archive there and nothing of the user's is touched.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=$(realpath "${1:-target/debug/jianbao}")
OUT=docs/screenshots
DISPLAY_NUM=${SCREENSHOT_DISPLAY:-:99}
mkdir -p "$OUT"

# shellcheck source=scripts/xvfb-session.sh
source scripts/xvfb-session.sh

start_app() {
    "$BIN" >"$scratch/app.log" 2>&1 &
    pids+=($!)
    # xdotool's --name regex does not match Chinese titles; the class is the app id.
    WID=$(xdotool search --sync --class jianbao | head -1)
    xdotool windowmove --sync "$WID" 0 0 || true
    xdotool windowsize --sync "$WID" 1280 800 || true
    xdotool windowfocus --sync "$WID"
    sleep "${SETTLE_SECS:-4}"
}

shot() {
    sleep 1.5
    import -window root "$OUT/$1.png"
    echo "wrote $OUT/$1.png"
}

start_app
shot 01-first-start

# Ctrl+F focuses the search box; type the query; the search runs as you type.
xdotool key --window "$WID" ctrl+f
xdotool type --delay 120 "苏陕协作"
shot 02-search

# Down arrow moves into the results and opens the first hit in the reader.
xdotool key --window "$WID" Down
shot 03-reader

# Open 视图 › 语言 and switch to English (positions from the layout at 1280×800).
xdotool mousemove --sync "${VIEW_MENU_X:-99}" 13 click 1
sleep 0.7
xdotool mousemove --sync "${LANG_ITEM_X:-112}" "${LANG_ITEM_Y:-42}"
sleep 0.3
xdotool click 1
sleep 0.7
shot 04-language-menu
xdotool mousemove --sync "${ENGLISH_X:-205}" "${ENGLISH_Y:-64}" click 1
xdotool mousemove --sync 1000 700
shot 05-english

# Ctrl+Q closes the window, which saves the settings; the second start comes
# back in English on the same archive, with the panels as they were.
xdotool key --window "$WID" ctrl+q
for _ in $(seq 50); do xdotool search --class jianbao >/dev/null 2>&1 || break; sleep 0.2; done
start_app
shot 06-second-start

# Click a day in the archive tree: a date filter chip narrows the results.
xdotool mousemove --sync "${TREE_DAY_X:-110}" "${TREE_DAY_Y:-194}" click 1
xdotool mousemove --sync 1000 700
shot 07-date-filter

# View › Theme › Dark.
xdotool mousemove --sync "${VIEW_MENU_X_EN:-95}" 12 click 1
sleep 0.7
xdotool mousemove --sync "${THEME_ITEM_X:-112}" "${THEME_ITEM_Y:-64}"
sleep 0.3
xdotool click 1
sleep 0.7
xdotool mousemove --sync "${DARK_X:-235}" "${DARK_Y:-85}" click 1
xdotool mousemove --sync 1000 700
shot 08-dark

# The tag editor, in Chinese on a fresh start (a new HOME: the sample again).
xdotool key --window "$WID" ctrl+q
for _ in $(seq 50); do xdotool search --class jianbao >/dev/null 2>&1 || break; sleep 0.2; done
mkdir -p "$scratch/home2"
export HOME=$scratch/home2 XDG_DATA_HOME=$scratch/home2/.local/share \
    XDG_CONFIG_HOME=$scratch/home2/.config
start_app
# Open the first article; type a new tag in the reader's tag input; Enter creates and adds it.
xdotool key --window "$WID" Down
sleep 1
xdotool mousemove --sync "${TAG_INPUT_X:-1050}" "${TAG_INPUT_Y:-688}" click 1
xdotool type --delay 120 "党建"
shot 09-tag-input
xdotool key --window "$WID" Return
sleep 1
# Select every result, Ctrl+T, type pinyin initials: the dialog suggests 党建.
xdotool mousemove --sync 500 100 click 1
sleep 0.5
xdotool key --window "$WID" ctrl+a
xdotool key --window "$WID" ctrl+t
sleep 1
xdotool type --delay 120 "dj"
shot 10-tag-dialog
xdotool key --window "$WID" Return
sleep 1
# A second tag on the first article, then drag 党建 onto it in the tree to nest it.
xdotool mousemove --sync "${TAG_INPUT_X:-1050}" "${TAG_INPUT_Y:-688}" click 1
xdotool type --delay 120 "主题"
xdotool key --window "$WID" Return
sleep 1.5
xdotool mousemove --sync 50 "${TREE_TAG1_Y:-566}" mousedown 1
for y in 570 574 578 582 586 590 "${TREE_TAG2_Y:-593}"; do xdotool mousemove --sync 52 "$y"; sleep 0.15; done
xdotool mouseup 1
xdotool mousemove --sync 1000 500
shot 11-tag-tree
# The Edit menu names the step undo would undo.
xdotool mousemove --sync "${EDIT_MENU_X:-64}" 13 click 1
shot 12-undo-menu
xdotool key --window "$WID" Escape
sleep 0.5
# Correcting the parse: 校正… shows split buttons, merge and the fields dialog.
xdotool mousemove --sync "${CORRECT_X:-1145}" 66 click 1
xdotool mousemove --sync 1000 500
shot 13-correction-tools
xdotool mousemove --sync "${EDIT_FIELDS_X:-1040}" "${EDIT_FIELDS_Y:-268}" click 1
shot 14-correct-fields
xdotool key --window "$WID" Escape
sleep 0.5
xdotool mousemove --sync "${CORRECT_X:-1145}" 66 click 1
# Collections: select the first three results, right-click › 加入选集 › 新建选集…
xdotool mousemove --sync 500 100 click 1
sleep 0.5
xdotool mousemove --sync 500 150 keydown shift click 1 keyup shift
sleep 0.5
xdotool mousemove --sync 500 150 click 3
sleep 0.8
xdotool mousemove --sync 540 "${ADD_TO_COLLECTION_Y:-291}"
sleep 0.8
xdotool mousemove --sync 680 "${ADD_TO_COLLECTION_Y:-291}"
sleep 0.3
xdotool mousemove --sync 690 "${ADD_TO_COLLECTION_Y:-291}" click 1
sleep 1.5
xdotool type --delay 150 "头版"
sleep 1
xdotool key --window "$WID" Return
sleep 1.5
# Click it in the panel: its articles in the order added.
xdotool mousemove --sync 40 "${COLLECTION_Y:-730}" click 1
xdotool mousemove --sync 1000 500
shot 15-collections
# Ctrl+E: the export dialog, on the listed collection.
xdotool mousemove --sync 500 300 click 1
xdotool key --window "$WID" ctrl+e
shot 16-export-dialog
xdotool key --window "$WID" Escape
