#!/usr/bin/env bash
# Time whole commands over generated archives, against `rg -j1 -c 。` over the
# same folder in the same run: medians of several runs, and their ratios.
#
# Each command is timed in up to three modes (MODES, default "off cold warm"):
#   off   YUANQU_NO_INDEX=1: every page parsed, no index read or written;
#   cold  an empty cache folder before each run: every page parsed and indexed;
#   warm  the index built beforehand and nothing changed: the output replayed
#         (a whole-command entry), or pages taken from the index;
#   changed  warm, but one page rewritten before each run (its mtime now): every
#         other page from the index, that one parsed.
# A binary without the index (main before it) times the same in all three: give
# it MODES=off.
#
# Usage: scripts/bench-commands.sh [SIZES…]      (default: 2000 20000)
# Example (before and after, same pages):
#   KEEP=1 BENCH_DIR=/tmp/bench YUANQU=/tmp/yuanqu-before scripts/bench-commands.sh 2000
# Env:   RUNS (default 7), YUANQU (default target/release/yuanqu), KEEP=1 keeps
#        the generated pages (in $BENCH_DIR, default a temp dir), DATED=1 names
#        the pages by date (gen-pages.py --dated), as a real archive's are.
# Uses hyperfine when installed; else a loop with `date +%s%N`.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
yuanqu=${YUANQU:-$root/target/release/yuanqu}
runs=${RUNS:-7}
modes=(${MODES:-off cold warm changed})
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(2000 20000)

command -v rg >/dev/null || { echo "needs rg (ripgrep) for the baseline" >&2; exit 2; }
[ -x "$yuanqu" ] || { echo "build first: cargo build --release ($yuanqu)" >&2; exit 2; }

dir=${BENCH_DIR:-$(mktemp -d -t yuanqu-bench.XXXXXX)}
if [ -z "${KEEP:-}" ] && [ -z "${BENCH_DIR:-}" ]; then
    trap 'rm -rf "$dir"' EXIT
fi

# Median wall time of a command in milliseconds (stdout and stderr discarded);
# $PREPARE, when set, runs before each timed run (untimed).
median_ms() {
    if command -v hyperfine >/dev/null; then
        local json
        json=$(mktemp)
        local prepare=()
        [ -n "${PREPARE:-}" ] && prepare=(--prepare "$PREPARE")
        if ! hyperfine --warmup 1 --runs "$runs" "${prepare[@]}" --export-json "$json" --style none \
            "$(printf '%q ' "$@")" >/dev/null 2>&1; then
            echo "hyperfine failed on: $* (prepare: ${PREPARE:-none})" >&2
            echo failed
            rm -f "$json"
            return
        fi
        python3 -c 'import json,sys; print(round(json.load(open(sys.argv[1]))["results"][0]["median"]*1000))' "$json"
        rm -f "$json"
        return
    fi
    "$@" >/dev/null 2>&1 || true # warm the page cache
    local times=() start end
    for _ in $(seq "$runs"); do
        [ -n "${PREPARE:-}" ] && bash -c "$PREPARE"
        start=$(date +%s%N)
        "$@" >/dev/null 2>&1 || true
        end=$(date +%s%N)
        times+=($(( (end - start) / 1000000 )))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}

printf '%-8s %-16s %-7s %10s %10s %7s\n' pages command mode median_ms rg_ms ratio
for n in "${sizes[@]}"; do
    pages="$dir/pages-$n${DATED:+-dated}"
    if [ ! -d "$pages" ]; then
        python3 "$root/scripts/gen-pages.py" "$pages" "$n" ${DATED:+--dated}
        # An archive's pages are old: pages written a moment ago are read again
        # until their index entries are 2 s younger than them (the racy rule).
        find "$pages" -type f -exec touch -d '1 hour ago' {} +
    fi
    export XDG_CACHE_HOME="$dir/cache-$n"
    cache=$XDG_CACHE_HOME
    for cmd in "list --json" "figures --json"; do
        # The baseline is timed right before each command, so both see the same load.
        rg_ms=$(median_ms rg -j1 -c 。 "$pages")
        for mode in "${modes[@]}"; do
            case $mode in
            off) export YUANQU_NO_INDEX=1 PREPARE= ;;
            cold) unset YUANQU_NO_INDEX; export PREPARE="rm -rf '$cache'" ;;
            warm) unset YUANQU_NO_INDEX; export PREPARE= ;;
            changed)
                unset YUANQU_NO_INDEX
                # One page changed by a sentence, added and taken away in turn.
                # "$pages/": a folder given as a symlink is walked too.
                first=$(find "$pages/" -type f -name '*.txt' | sort | sed -n 1p)
                [ -n "$first" ] || { echo "no page (.txt) in $pages to change" >&2; exit 2; }
                export PREPARE="if grep -q 改动 '$first'; then sed -i '/改动/d' '$first'; else echo 园区新闻改动一句。 >> '$first'; fi"
                ;;
            *) echo "unknown mode $mode" >&2; exit 2 ;;
            esac
            # shellcheck disable=SC2086
            [ "$mode" = warm ] || [ "$mode" = changed ] && "$yuanqu" $cmd "$pages" >/dev/null 2>&1
            # shellcheck disable=SC2086
            ms=$(median_ms "$yuanqu" $cmd "$pages")
            ratio=$(awk -v a="$ms" -v b="$rg_ms" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }')
            printf '%-8s %-16s %-7s %10s %10s %6s×\n' "$n" "$cmd" "$mode" "$ms" "$rg_ms" "$ratio"
            # The page just changed is younger than the racy margin (2 s): a warm
            # run now would neither replay nor record an entry.
            [ "$mode" != changed ] || sleep 3
        done
        unset YUANQU_NO_INDEX PREPARE
    done
done
