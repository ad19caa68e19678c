# Sourced by the reader scripts: `binary_and_dir USAGE "$@"` sets `yuanqu` (the
# first of two arguments, else this checkout's release build) and `dir` (the last).
binary_and_dir() {
    local usage=$1
    shift
    if [ $# -eq 2 ]; then
        yuanqu=$1
        shift
    else
        yuanqu=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target/release/yuanqu
    fi
    dir=${1:?usage: $usage}
}
