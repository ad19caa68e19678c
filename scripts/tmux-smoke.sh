#!/usr/bin/env bash
# Real-terminal smoke test of the reader: runs the built binary in a 120×36 tmux
# window from an empty folder and checks what a new user would check.
#
#   scripts/tmux-smoke.sh target/debug/yuanqu
#
# Installs tmux with apt-get when it is missing. Exits non-zero on any failure.
set -u

bin=${1:?usage: $0 PATH/TO/yuanqu}
bin=$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")
[ -x "$bin" ] || { echo "not executable: $bin" >&2; exit 2; }

if ! command -v tmux >/dev/null 2>&1; then
    echo "installing tmux…"
    (apt-get update -qq && apt-get install -y -qq tmux) >/dev/null 2>&1 \
        || sudo sh -c 'apt-get update -qq && apt-get install -y -qq tmux' >/dev/null 2>&1 \
        || { echo "cannot install tmux" >&2; exit 2; }
fi

socket=yuanqu-smoke-$$
tm() { tmux -L "$socket" "$@"; }
# kill-server and the last kill-session return before the server has gone: a session
# started in that moment joins the dying server and vanishes with it (no server
# running). So stopping waits for the server to go, and starting checks that the
# session is there, trying again if not.
stop() {
    tm kill-server 2>/dev/null
    for _ in $(seq 50); do tm list-sessions >/dev/null 2>&1 || return 0; sleep 0.1; done
    echo "tmux server did not stop" >&2
}
start() { # start ARGS… : new-session -d -s smoke ARGS…
    for _ in 1 2 3; do
        tm new-session -d -s smoke "$@" 2>/dev/null && tm has-session -t smoke 2>/dev/null && return 0
        stop; sleep 0.2
    done
    echo "tmux session did not start: $*" >&2
}
work=$(mktemp -d)
trap 'stop; rm -rf "$work"' EXIT
cd "$work" || exit 2
# No user config may change what is checked, and no run writes the user's cache.
export XDG_CONFIG_HOME="$work/config" YUANQU_CONFIG= HOME="$work" XDG_CACHE_HOME="$work/cache"
# Reading state in the work folder too (runs that must start fresh pass --no-state).
export XDG_STATE_HOME="$work/state"

failures=0
pass() { echo "ok   $1"; }
fail() { echo "FAIL $1"; failures=$((failures + 1)); }
screen() { tm capture-pane -p -t smoke; }
# Wait up to 5 s for the screen to show $1: a loaded CI machine can be slow to start a
# process, and a check that passes is as quick as ever.
wait_for() {
    for _ in $(seq 50); do
        screen | grep -qF -- "$1" && return 0
        sleep 0.1
    done
    return 1
}
check() { if wait_for "$2"; then pass "$1"; else fail "$1 (no \"$2\")"; screen | sed 's/^/     | /'; fi; }
check_status() { # the status bar (last row) shows $2
    for _ in $(seq 50); do
        screen | tail -n 1 | grep -qF -- "$2" && { pass "$1"; return; }
        sleep 0.1
    done
    fail "$1 (status bar has no \"$2\")"; screen | tail -n 1 | sed 's/^/     | /'
}
send() { tm send-keys -t smoke "$@"; sleep 0.2; }
# Running and not yet a zombie (a zombie has exited; its parent may be gone too).
alive() { st=$(ps -o stat= -p "$1" 2>/dev/null); [ -n "$st" ] && [ "${st#Z}" = "$st" ]; }
# Wait up to a second for $1 to end.
ends_within_a_second() {
    for _ in $(seq 20); do alive "$1" || return 0; sleep 0.05; done
    return 1
}

# Run 1: the tour, ending with q.
start -x 120 -y 36 \
    "sh -c 'echo \$\$ > $work/pid; exec \"$bin\"'; echo EXIT=\$?; stty -a; sleep 60"
tm set-option -t smoke window-size manual >/dev/null 2>&1
check "built-in collection opens" "Parks"
for park in 赣州高新区 鄂尔多斯 大同经济技术开发区 沈抚改革创新示范区 贵阳综合保税区 西安高新区; do
    check "park listed: $park" "$park"
done
check "赣州 article shown" "赣州高新区打造稀土新材料高地"
# The highlights list starts with the article's first figures (55亿元 is further down).
check "figure 100多人 in highlights" "100多人"
send 6; check_status "6 shows 西安" "西安高新区"
send 2; check_status "2 shows 鄂尔多斯" "鄂尔多斯"
send ']'; check_status "] then shows 大同" "大同"
send /; tm send-keys -t smoke -l 金磁微粒; sleep 0.2; send Enter
check_status "search finds one match" "match 1/1"
check_status "search lands in 西安" "西安高新区"
check "match on screen" "金磁微粒"
before=$(screen)
send '?'; check "? shows help" "Help"
send Escape
sleep 0.3
if [ "$(screen)" = "$before" ]; then pass "Esc closes help, back to the same screen"; else fail "Esc closes help, back to the same screen"; fi
tm resize-window -t smoke -x 1 -y 1; sleep 0.5
tm resize-window -t smoke -x 30 -y 4; sleep 0.3
check "tiny window says so" "too small"
tm resize-window -t smoke -x 120 -y 36; sleep 0.5
check "resized back, draws again" "Parks"
if alive "$(cat "$work/pid")"; then pass "survived 1x1"; else fail "survived 1x1"; fi
send q
check "q exits with status 0" "EXIT=0"
if screen | grep -q -- "-icanon\| -echo "; then fail "terminal restored (stty)"; else pass "terminal restored (stty sane)"; fi
[ "$(tm display-message -p -t smoke '#{alternate_on}')" = 0 ] && pass "alternate screen left" || fail "alternate screen left"
[ "$(tm display-message -p -t smoke '#{cursor_flag}')" = 1 ] && pass "cursor shown" || fail "cursor shown"
stop

# Run 2: SIGHUP ends it within a second, terminal restored.
start -x 120 -y 36 \
    "sh -c 'echo \$\$ > $work/pid; exec \"$bin\"'; echo EXIT=\$?; stty -a; sleep 60"
check "second run opens" "Parks"
pid=$(cat "$work/pid")
kill -HUP "$pid"
if ends_within_a_second "$pid"; then pass "kill -HUP ends it within a second"; else fail "kill -HUP ends it within a second"; fi
check "SIGHUP exit status 129" "EXIT=129"
[ "$(tm display-message -p -t smoke '#{alternate_on}')" = 0 ] && pass "alternate screen left after SIGHUP" || fail "alternate screen left after SIGHUP"
stop

# Run 3: the terminal goes away (pty closed): exit within a second, no spinning.
start -x 120 -y 36 "sh -c 'echo \$\$ > $work/pid; exec \"$bin\"'"
check "third run opens" "Parks"
pid=$(cat "$work/pid")
stop
if ends_within_a_second "$pid"; then pass "closed pty ends it within a second"; else fail "closed pty ends it within a second"; kill -KILL "$pid" 2>/dev/null; fi

# Run 4: Ctrl-Z suspends to a job-control shell, fg redraws, q exits 0.
start -x 120 -y 36 "bash --norc --noprofile -i"
sleep 0.5
tm send-keys -t smoke "PS1='$ '; \"$bin\"" Enter
check "fourth run opens" "Parks"
send 6; send C-z
check "Ctrl-Z suspends to the shell" "Stopped"
[ "$(tm display-message -p -t smoke '#{alternate_on}')" = 0 ] && pass "alternate screen left on suspend" || fail "alternate screen left on suspend"
send fg Enter
check "fg redraws" "Parks"
check_status "fg keeps the place" "西安高新区"
send q
tm send-keys -t smoke 'echo EXIT=$?' Enter
check "q after fg exits with status 0" "EXIT=0"
stop

# Run 5: over SSH. `y` sends one OSC 52 with the article's plain text; Ctrl-L clears
# junk; Esc and j in one write close the prompt and move; TERM=xterm gets no 256-colour
# codes; TERM=dumb exits 2 with a message.
rec=$work/pty
id=$("$bin" list | awk '/^ / && $NF ~ /赣州/ { print $1; exit }')
# The article's first paragraph on one line: `read` at a width nothing wraps at.
first=$("$bin" read "$id" --width 5000 | awk '/^[[:space:]　]+[^[:space:]　]/ { sub(/^[[:space:]　]+/, ""); print; exit }')
start -x 120 -y 36 "env TERM=xterm-256color \"$bin\" --no-state; echo EXIT=\$?; sleep 60"
tm set-option -t smoke window-size manual >/dev/null 2>&1
check "fifth run opens" "Parks"
tm pipe-pane -o -t smoke "cat >> $rec"; sleep 0.3
send y; sleep 0.3
tm pipe-pane -t smoke; sleep 0.2
osc_count=$(grep -ao $'\e\]52;c;[A-Za-z0-9+/=]*' "$rec" | wc -l)
copied=$(grep -ao $'\e\]52;c;[A-Za-z0-9+/=]*' "$rec" | head -n 1 | sed 's/^.*;c;//' | base64 -d 2>/dev/null)
if [ "$osc_count" = 1 ]; then pass "y writes one OSC 52"; else fail "y writes one OSC 52 (found $osc_count)"; fi
if [ -n "$first" ] && printf '%s\n' "$copied" | grep -qxF -- "$first"; then
    pass "OSC 52 decodes to the article, first paragraph on one line"
else
    fail "OSC 52 decodes to the article, first paragraph on one line"; printf '%s\n' "$copied" | head -n 8 | sed 's/^/     | /'
fi
check_status "status bar says what was copied" "sent the article"
tty=$(tm display-message -p -t smoke '#{pane_tty}')
printf '\033[12;40HJUNK-FROM-ELSEWHERE' > "$tty"
if wait_for "JUNK-FROM-ELSEWHERE"; then
    send C-l; sleep 0.3
    if screen | grep -qF "JUNK-FROM-ELSEWHERE"; then fail "Ctrl-L clears junk"; else pass "Ctrl-L clears junk"; fi
    check "Ctrl-L redraws" "Parks"
else
    fail "junk written to the tty shows (test setup)"
fi
send g; send /; tm send-keys -t smoke -l x; sleep 0.3
check_status "search prompt open" "/x"
tm send-keys -t smoke -l $'\ej'; sleep 0.4
last=$(screen | tail -n 1)
case $last in
    */x*) fail "Esc j in one write closes the prompt" ;;
    *) pass "Esc j in one write closes the prompt" ;;
esac
case $last in
    *Top*) fail "Esc j in one write then moves down"; echo "     | $last" ;;
    *) pass "Esc j in one write then moves down" ;;
esac
# Scrolled by the terminal (zoom spans the width): the screen must be what a repaint draws.
send Escape; send z
for k in j j j k Space j b j G k g j; do tm send-keys -t smoke "$k"; sleep 0.05; done
sleep 0.4; scrolled=$(tm capture-pane -e -p -t smoke)
send C-l; sleep 0.3; repainted=$(tm capture-pane -e -p -t smoke)
if [ "$scrolled" = "$repainted" ]; then pass "zoomed scrolling shows what a repaint shows"; else fail "zoomed scrolling shows what a repaint shows"; fi
send q
stop
: > "$rec"
start -x 120 -y 36 "env TERM=xterm COLORTERM= \"$bin\"; echo EXIT=\$?; sleep 60"
tm pipe-pane -o -t smoke "cat >> $rec"
check "TERM=xterm opens" "Parks"
send j; send l; send j; send z; send Space; send q
check "TERM=xterm quits" "EXIT=0"
if [ ! -s "$rec" ] || grep -aq '38;5;\|48;5;' "$rec"; then fail "TERM=xterm gets no 38;5;"; else pass "TERM=xterm gets no 38;5;"; fi
stop
start -x 120 -y 36 "\"$bin\" < /dev/null; echo EXIT=\$?; sleep 60"
check "stdin not a terminal: keys come from /dev/tty" "Parks"
send q
check "stdin not a terminal: q exits 0" "EXIT=0"
stop
start -x 120 -y 36 "env TERM=dumb \"$bin\"; echo EXIT=\$?; sleep 60"
check "TERM=dumb exits 2" "EXIT=2"
check "TERM=dumb says to use list/read" "yuanqu list"
[ "$(tm display-message -p -t smoke '#{alternate_on}')" = 0 ] && pass "TERM=dumb leaves the terminal alone" || fail "TERM=dumb leaves the terminal alone"
stop
# Reading state and reading on (issue 10), in a state folder of their own.
reading_checks() {
    export XDG_STATE_HOME="$work/reading-state"
    local state="$XDG_STATE_HOME/yuanqu/state.json"
    # Start the reader and wait until it draws; quit with q and wait until it has exited.
    # The state folder goes in the command: a running tmux server keeps its own environment.
    run() { start -x "$1" -y "$2" "sh -c 'echo \$\$ > $work/pid; XDG_STATE_HOME=\"$XDG_STATE_HOME\" exec \"$bin\" $3'; echo EXIT=\$?; sleep 60"; wait_for "help" || fail "reader draws at $1x$2"; }
    quit() { send q; wait_for "EXIT=" || fail "q quits"; stop; }
    body() { screen | head -n -1; }

    run 100 30 ""
    send 6; for _ in $(seq 10); do tm send-keys -t smoke j; done; sleep 0.3
    local before; before=$(body)
    quit
    [ -f "$state" ] && pass "q writes the state file" || fail "q writes the state file"
    run 100 30 ""
    check_status "restart says so" "back where you left off"
    [ "$(body)" = "$before" ] && pass "restart: same article, same top row" || fail "restart: same article, same top row"
    for _ in $(seq 5); do tm send-keys -t smoke j; done; sleep 0.3
    before=$(body)
    kill -HUP "$(cat "$work/pid")"; wait_for "EXIT=129" || fail "kill -HUP ends it"; stop
    run 100 30 ""
    [ "$(body)" = "$before" ] && pass "after kill -HUP: same place" || fail "after kill -HUP: same place"
    quit

    echo 'not json {{' > "$state"
    run 100 30 ""
    check_status "garbage state: said on screen" "set the state file aside"
    if grep -qF 'not json {{' "$XDG_STATE_HOME"/yuanqu/state.json.*.bad; then pass "garbage kept under a new name"; else fail "garbage kept under a new name"; fi
    quit

    export XDG_STATE_HOME="$work/no-state"
    run 100 30 "--no-state"
    send 6; send j; quit
    [ ! -e "$XDG_STATE_HOME" ] && pass "--no-state creates nothing" || fail "--no-state creates nothing"

    run 40 15 "--no-state"
    send Tab; send j; send j; send Enter
    check "40x15: Enter on a figure shows the article" "▶ 赣州高新区"
    check "40x15: the figure is in view" "10%以上"
    send /; tm send-keys -t smoke -l 金磁微粒; sleep 0.2; send Enter
    check "40x15: a search shows the article" "金磁微粒"
    quit

    run 120 36 "--no-state"
    send '}'; check_status "} at a park's last article opens the next park's first" "鄂尔多斯"
    send 1; send G; send Space
    check_status "Space at the bottom opens the next article" "鄂尔多斯"
    quit
    unset XDG_STATE_HOME
}
reading_checks

if [ $failures -eq 0 ]; then echo "tmux smoke test: all passed"; else echo "tmux smoke test: $failures failed"; fi
[ $failures -eq 0 ]
