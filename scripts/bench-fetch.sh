#!/usr/bin/env bash
# Peak memory of `yuanqu fetch` fed a gzip bomb (64 MB of zeros in 64 KB of gzip)
# beside a fetch of one small feed, from the same local server: the bomb's peak
# must be bounded by [fetch] max_bytes, not by the bomb.
#
# Usage: scripts/bench-fetch.sh        (builds nothing: run cargo build --release
#        --bin yuanqu --example serve-fixtures first)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
yuanqu=${YUANQU:-$root/target/release/yuanqu}
server=$root/target/release/examples/serve-fixtures
port=${PORT:-8766}
[ -x "$yuanqu" ] && [ -x "$server" ] || { echo "build first: cargo build --release --bin yuanqu --example serve-fixtures" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs GNU time (/usr/bin/time)" >&2; exit 2; }
dir=$(mktemp -d -t yuanqu-bench-fetch.XXXXXX)
"$server" "$port" 2>/dev/null &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
sleep 0.3

peak_kb() { # config-name url max_bytes
    cat > "$dir/$1.toml" <<TOML
[data]
archive = "$dir/archive-$1"
[fetch]
max_bytes = $3
[[sources]]
name = "$1"
url = "$2"
TOML
    /usr/bin/time -f %M "$yuanqu" --config "$dir/$1.toml" fetch 2>&1 >/dev/null | tail -1
}

printf '%-34s %12s\n' fetch peak_rss_kb
printf '%-34s %12s\n' "one small feed" "$(peak_kb small "http://127.0.0.1:$port/static/feeds/feed.json" 20000000)"
printf '%-34s %12s\n' "gzip bomb, max_bytes 20 MB" "$(peak_kb bomb20 "http://127.0.0.1:$port/bomb" 20000000)"
printf '%-34s %12s\n' "gzip bomb, max_bytes 1 MB" "$(peak_kb bomb1 "http://127.0.0.1:$port/bomb" 1000000)"
