#!/usr/bin/env bash
# Time the reader from its start to a screen with everything loaded (no loading
# count left), in tmux, beside `rg -j1 -c 。` over the same folder in the same run:
# medians of several runs, and their ratio. Includes starting the reader and
# tmux's own delay (about 35 ms over a folder of one page).
#
# Usage: scripts/reader-load.sh [BINARY] DIR
# Env:   RUNS (default 7); MODE: warm (default: a run beforehand builds the index
#        and the whole-load entry, then nothing changes), cold (an empty cache
#        folder before each run), changed (warm, but one page rewritten before
#        each run, as bench-commands.sh does).
set -euo pipefail

# shellcheck source=scripts/binary-and-dir.sh
. "$(dirname "$0")/binary-and-dir.sh"
binary_and_dir "scripts/reader-load.sh [BINARY] DIR" "$@"
runs=${RUNS:-7}
mode=${MODE:-warm}
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 2; }
command -v rg >/dev/null || { echo "needs rg (ripgrep) for the baseline" >&2; exit 2; }
[ -x "$yuanqu" ] || { echo "build first: cargo build --release ($yuanqu)" >&2; exit 2; }

work=$(mktemp -d -t yuanqu-load.XXXXXX)
session=yuanqu-load-$$
trap 'tmux kill-session -t "$session" 2>/dev/null || true; rm -rf "$work"' EXIT
first=$(find "$dir" -type f -name '*.txt' | sort | sed -n 1p)
[ "$mode" != changed ] || [ -n "$first" ] || { echo "no page (.txt) in $dir to change" >&2; exit 2; }

now_ms() { echo $(($(date +%s%N) / 1000000)); }

loaded() {
    local screen
    screen=$(tmux capture-pane -p -t "$session" 2>/dev/null || true)
    [ -n "$screen" ] && ! grep -q "loading" <<<"$screen" && grep -q "Parks" <<<"$screen"
}

# One run: start the reader, wait for the loaded screen, quit. Prints its ms.
# The screen must still be loaded 50 ms after it first looks so: a first frame
# drawn before the loading count is shown is not the end.
run_once() {
    local start end=
    start=$(now_ms)
    tmux new-session -d -s "$session" -x 120 -y 36 \
        "env XDG_CACHE_HOME='$work/cache' XDG_STATE_HOME='$work/state' '$yuanqu' --no-state '$dir'"
    for _ in $(seq 60000); do
        if loaded; then
            end=${end:-$(now_ms)}
            sleep 0.05
            loaded && break
        fi
        end=
        sleep 0.005
    done
    echo $((end - start))
    tmux send-keys -t "$session" q
    for _ in $(seq 100); do
        tmux has-session -t "$session" 2>/dev/null || break
        sleep 0.05
    done
    tmux kill-session -t "$session" 2>/dev/null || true
}

change_one_page() {
    if grep -q 改动 "$first"; then sed -i '/改动/d' "$first"; else echo 园区新闻改动一句。 >>"$first"; fi
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

[ "$mode" = cold ] || run_once >/dev/null
reader=() baseline=()
for _ in $(seq "$runs"); do
    case $mode in
    cold) rm -rf "$work/cache" ;;
    changed) change_one_page ;;
    warm) ;;
    *) echo "unknown MODE $mode" >&2; exit 2 ;;
    esac
    reader+=("$(run_once)")
    start=$(now_ms)
    rg -j1 -c 。 "$dir" >/dev/null || true
    baseline+=($(($(now_ms) - start)))
done
[ "$mode" != changed ] || { grep -q 改动 "$first" && change_one_page; } || true
r=$(median "${reader[@]}")
b=$(median "${baseline[@]}")
ratio=$(awk -v a="$r" -v b="$b" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')
echo "reader, everything loaded ($mode): median $r ms (${reader[*]}); rg -j1: median $b ms; ${ratio}×"
