# Sourced by the screenshot scripts: a scratch folder removed on exit, Xvfb
# on $DISPLAY_NUM (1280×800), and a throwaway HOME inside the scratch folder,
# so nothing of the user's is touched. Sets `scratch` and `pids` (processes
# killed on exit: add the app's).

scratch=$(mktemp -d)
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    rm -rf "$scratch"
}
trap cleanup EXIT

Xvfb "$DISPLAY_NUM" -screen 0 1280x800x24 -nolisten tcp >"$scratch/xvfb.log" 2>&1 &
pids+=($!)
export DISPLAY=$DISPLAY_NUM
for _ in $(seq 50); do xdpyinfo >/dev/null 2>&1 && break; sleep 0.1; done

mkdir -p "$scratch/home" "$scratch/runtime" && chmod 700 "$scratch/runtime"
export HOME=$scratch/home XDG_DATA_HOME=$scratch/home/.local/share \
    XDG_CONFIG_HOME=$scratch/home/.config XDG_RUNTIME_DIR=$scratch/runtime
export LANG=C.UTF-8
