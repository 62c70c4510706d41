#!/usr/bin/env bash
# Times `briefing import` of N saved web pages: the 181 real pages of the
# shared extraction benchmark (../shared/bench/extraction/html, or
# EXTRACTION_BENCH=DIR), unpacked and cycled to N `.html` files on tmpfs,
# imported into an empty content folder. Prints the median of the runs.
#
#   benches/import-pages.sh [N] [RUNS]   (default 10000 and 3; needs hyperfine)
set -euo pipefail

n=${1:-10000}
runs=${2:-3}
project=$(cd "$(dirname "$0")/.." && pwd)
bench=${EXTRACTION_BENCH:-$project/../shared/bench/extraction}
cargo build --release --quiet --manifest-path "$project/Cargo.toml"
bin="$project/target/release/briefing"

work=$(mktemp -d "${TMPDIR_BENCH:-/dev/shm}/briefing-import-pages-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/articles" "$work/pages"
for page in "$bench"/html/*.html.gz; do
  gunzip -c "$page" >"$work/pages/$(basename "$page" .gz)"
done
pages=("$work"/pages/*.html)
for ((i = 0; i < n; i++)); do
  src=${pages[i % ${#pages[@]}]}
  ln "$src" "$work/articles/$(printf '%06d' "$i")-$(basename "$src")"
done
bytes=$(du -sbL "$work/pages" | cut -f1)
echo "import of $n saved pages (${#pages[@]} distinct, mean $((bytes / ${#pages[@]} / 1024)) kB) on $(nproc) cores"

hyperfine --runs "$runs" --export-json "$work/result.json" \
  --prepare "rm -rf '$work/content'" \
  "'$bin' import --quiet --keep-duplicates --root '$work'" >&2

python3 - "$work/result.json" "$n" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
n = int(sys.argv[2])
times = sorted(result["times"])
median = times[len(times) // 2]
print(f"median {median:.2f} s  min {times[0]:.2f} s  max {times[-1]:.2f} s  "
      f"({median / n * 1e3:.2f} ms per page)")
PY
