#!/usr/bin/env bash
# Peak memory (RSS) of the reader over a folder: started in tmux under
# /usr/bin/time -v, left to load everything, then one search (/园区 Enter) and the
# figures table over the whole collection (F a), then quit. Run twice with one
# cache folder: the first builds the index (cold), the second reads it (warm).
#
# Usage: scripts/reader-rss.sh [BINARY] DIR     (SETTLE=SECONDS: wait after F a, default 4;
#        RUNS="cold warm again": the runs, default "cold warm"; a third sees the
#        figures the second's F a left in the index)
# Prints, per run, the peak RSS, the pages' bytes and their ratio.
set -euo pipefail

# shellcheck source=scripts/binary-and-dir.sh
. "$(dirname "$0")/binary-and-dir.sh"
binary_and_dir "scripts/reader-rss.sh [BINARY] DIR" "$@"
command -v tmux >/dev/null || { echo "needs tmux" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 2; }

work=$(mktemp -d -t yuanqu-rss.XXXXXX)
trap 'tmux kill-session -t yuanqu-rss 2>/dev/null || true; rm -rf "$work"' EXIT
bytes=$(find "$dir" -type f \( -name '*.txt' -o -name '*.toml' -o -name '*.html' -o -name '*.htm' \) -printf '%s\n' | awk '{s += $1} END {print s + 0}')

# Wait until the pane shows no loading count (everything loaded), at most 120 s.
wait_loaded() {
    for _ in $(seq 1200); do
        sleep 0.1
        local screen
        screen=$(tmux capture-pane -p -t yuanqu-rss 2>/dev/null || true)
        if [ -n "$screen" ] && ! grep -q 'loading' <<<"$screen"; then
            return
        fi
    done
}

for run in ${RUNS:-cold warm}; do
    tmux new-session -d -s yuanqu-rss -x 120 -y 36 \
        "env XDG_CACHE_HOME='$work/cache' XDG_STATE_HOME='$work/state' /usr/bin/time -v -o '$work/time' '$yuanqu' --no-state '$dir'"
    wait_loaded
    tmux send-keys -t yuanqu-rss / 园区 Enter
    sleep 2
    tmux send-keys -t yuanqu-rss Escape F
    sleep 2
    tmux send-keys -t yuanqu-rss a
    sleep "${SETTLE:-4}"
    tmux send-keys -t yuanqu-rss q q q
    # F a over a cold archive parses every page for its figures first: wait for it.
    for _ in $(seq 3000); do
        tmux has-session -t yuanqu-rss 2>/dev/null || break
        sleep 0.1
    done
    tmux kill-session -t yuanqu-rss 2>/dev/null || true
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time")
    awk -v run="$run" -v kb="$kb" -v bytes="$bytes" 'BEGIN {
        printf "%-5s peak %d MB, pages %d MB, %.1f× the pages\n", run, kb / 1024, bytes / 1048576, kb * 1024 / bytes
    }'
done
