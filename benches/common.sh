# Sourced by the benchmarks: builds the release binary and fills a fresh
# folder on tmpfs with N raw articles (the Wikinews sample and the five seeds
# cycled), removed on exit. Sets `project`, `bin` and `work`.
#
#   source "$(dirname "$0")/common.sh" NAME N
bench_name=$1
bench_n=$2
project=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cargo build --release --quiet --manifest-path "$project/Cargo.toml"
bin="$project/target/release/briefing"

base=${TMPDIR_BENCH:-/dev/shm}
work=$(mktemp -d "$base/briefing-$bench_name-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/articles"
cp "$project/site.toml" "$work/site.toml"
sources=("$project"/tests/fixtures/wikinews/*.txt "$project"/articles/*.txt)
for ((i = 0; i < bench_n; i++)); do
  src=${sources[i % ${#sources[@]}]}
  cp "$src" "$work/articles/$(printf '%06d' "$i")-$(basename "$src")"
done
