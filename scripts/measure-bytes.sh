#!/usr/bin/env bash
# Bytes the reader writes to its terminal per key press, with less alongside.
#
#   scripts/measure-bytes.sh target/release/yuanqu [SIZES] [PRESSES]
#   scripts/measure-bytes.sh target/release/yuanqu "80x24 120x36" 21
#
# Each program runs in a detached tmux window of the given size with
# TERM=xterm-256color; `pipe-pane -o` records every byte it writes to its pty. A key
# is sent, the recording is watched until it has been quiet for 0.3 s, and the
# growth is that key's cost. One-row scrolls go down PRESSES rows from the top; page
# moves, park moves and figure moves alternate with their opposite (Space b Space …)
# so every press moves, wherever the article ends. The table gives the median of
# PRESSES presses (default 21). less reads `yuanqu read ID --width W` of the same
# article (the 赣州 article, the first of the built-in collection) in the same run.
#
# Prints a Markdown table. Needs tmux and less.
set -u

bin=${1:?usage: $0 PATH/TO/yuanqu [SIZES] [PRESSES]}
sizes=${2:-"80x24 120x36"}
presses=${3:-21}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -x "$bin" ] || { echo "not executable: $bin" >&2; exit 2; }
command -v tmux >/dev/null && command -v less >/dev/null || { echo "needs tmux and less" >&2; exit 2; }

socket=yuanqu-bytes-$$
tm() { tmux -L "$socket" "$@"; }
work=$(mktemp -d)
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$work"' EXIT
# No user configuration may change what is measured.
export XDG_CONFIG_HOME="$work/config" YUANQU_CONFIG= HOME="$work" LESS= LESSOPEN= LESSHISTFILE=-
id=$("$bin" list | awk '/^ / && $NF ~ /赣州/ { print $1; exit }')
[ -n "$id" ] || { echo "the 赣州 article is not in the built-in collection" >&2; exit 2; }

record=$work/pty
size_of() { stat -c %s "$record" 2>/dev/null || echo 0; }
# Wait until the recording has not grown for 0.3 s (at most 5 s).
quiet() {
    local last now still=0
    last=$(size_of)
    for _ in $(seq 100); do
        sleep 0.05
        now=$(size_of)
        if [ "$now" = "$last" ]; then still=$((still + 1)); else still=0; last=$now; fi
        [ $still -ge 6 ] && return 0
    done
}
start() { # start W H COMMAND…: a fresh window running COMMAND, recorded
    tm kill-server >/dev/null 2>&1 || true
    # A new server on the socket of one still shutting down dies at once.
    sleep 0.5
    : > "$record"
    tm new-session -d -s m -x "$1" -y "$2" "env TERM=xterm-256color $3" \
        || { sleep 1; tm new-session -d -s m -x "$1" -y "$2" "env TERM=xterm-256color $3"; }
    tm set-option -t m window-size manual >/dev/null 2>&1
    sleep 1; quiet
    tm pipe-pane -o -t m "cat >> $record"
    sleep 0.2; quiet
}
key() { tm send-keys -t m "$@"; quiet; }
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'; }
# measure KEY1 KEY2: median bytes of PRESSES presses alternating KEY1 and KEY2.
measure() {
    local i before k
    for i in $(seq "$presses"); do
        if [ $((i % 2)) = 1 ]; then k=$1; else k=$2; fi
        before=$(size_of)
        key "$k"
        echo $(( $(size_of) - before ))
    done | median
}

declare -A result
for size in $sizes; do
    w=${size%x*}; h=${size#*x}
    start "$w" "$h" "$bin"
    result[$size,same]=$(measure k k)      # at the top: nothing changes
    result[$size,row]=$(measure j j)
    key g; result[$size,page]=$(measure Space b)
    key g; result[$size,park]=$(measure ']' '[')
    key 1                                   # back to the 赣州 article
    key g; key z
    result[$size,zrow]=$(measure j j)
    key g; result[$size,zpage]=$(measure Space b)
    key g; key z; key l                     # unzoom; l moves on to the highlights
    result[$size,fig]=$(measure j k)
    start "$w" "$h" "sh -c '\"$bin\" read $id --width $w | less'"
    [ -n "${DEBUG:-}" ] && tm capture-pane -p -t m >&2
    result[$size,lrow]=$(measure j j)
    key g; result[$size,lpage]=$(measure Space b)
done

printf '| bytes per key press (median of %s) |' "$presses"
for size in $sizes; do printf ' yuanqu %s | less %s |' "$size" "$size"; done
printf '\n|---|'
for size in $sizes; do printf -- '---|---|'; done
printf '\n'
row() { # row LABEL KEY LESSKEY
    printf '| %s |' "$1"
    for size in $sizes; do
        printf ' %s | %s |' "${result[$size,$2]}" "${3:+${result[$size,$3]}}"
    done
    printf '\n'
}
row "one-row scroll, article pane" row lrow
row "one-row scroll, zoom (z)" zrow lrow
row "page down, article pane" page lpage
row "page down, zoom" zpage lpage
row "next park ] (and [)" park
row "highlights, next figure" fig
row "a key that changes nothing" same
