#!/usr/bin/env bash
# Time whole commands over generated archives, against `rg -j1 -c 。` over the
# same folder in the same run: medians of several runs, and their ratios.
#
# Usage: scripts/bench-commands.sh [SIZES…]      (default: 2000 20000)
# Env:   RUNS (default 7), YUANQU (default target/release/yuanqu), KEEP=1 keeps
#        the generated pages (in $BENCH_DIR, default a temp dir), DATED=1 names
#        the pages by date (gen-pages.py --dated), as a real archive's are.
# Uses hyperfine when installed; else a loop with `date +%s%N`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
yuanqu=${YUANQU:-$root/target/release/yuanqu}
runs=${RUNS:-7}
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2000 20000)

command -v rg >/dev/null || { echo "needs rg (ripgrep) for the baseline" >&2; exit 2; }
[ -x "$yuanqu" ] || { echo "build first: cargo build --release ($yuanqu)" >&2; exit 2; }

dir=${BENCH_DIR:-$(mktemp -d -t yuanqu-bench.XXXXXX)}
if [ -z "${KEEP:-}" ] && [ -z "${BENCH_DIR:-}" ]; then
    trap 'rm -rf "$dir"' EXIT
fi

# Median wall time of a command in milliseconds (stdout and stderr discarded).
median_ms() {
    if command -v hyperfine >/dev/null; then
        local json
        json=$(mktemp)
        hyperfine --warmup 1 --runs "$runs" --export-json "$json" --style none \
            "$(printf '%q ' "$@")" >/dev/null 2>&1
        python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
        rm -f "$json"
        return
    fi
    "$@" >/dev/null 2>&1 || true # warm the page cache
    local times=() start end
    for _ in $(seq "$runs"); do
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf '%-8s %-22s %10s %10s %7s\n' pages command median_ms rg_ms ratio
for n in "${sizes[@]}"; do
    pages="$dir/pages-$n${DATED:+-dated}"
    [ -d "$pages" ] || python3 "$root/scripts/gen-pages.py" "$pages" "$n" ${DATED:+--dated}
    for cmd in "list --json" "figures --json"; do
        # The baseline is timed right before each command, so both see the same load.
        rg_ms=$(median_ms rg -j1 -c 。 "$pages")
        # shellcheck disable=SC2086
        ms=$(median_ms "$yuanqu" $cmd "$pages")
        ratio=$(awk -v a="$ms" -v b="$rg_ms" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
        printf '%-8s %-22s %10s %10s %6s×\n' "$n" "$cmd" "$ms" "$rg_ms" "$ratio"
    done
done
