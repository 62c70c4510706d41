#!/usr/bin/env bash
# Times `briefing import` of N raw articles: the Wikinews sample and the five
# seed articles cycled to N files, imported into an empty content folder on
# tmpfs. Prints the median of at least five runs.
#
#   benches/import.sh [N]        (default N = 10000; needs hyperfine)
set -euo pipefail

n=${1:-10000}
source "$(dirname "$0")/common.sh" import "$n"
# The import benchmark has always run without the sample's settings.
rm "$work/site.toml"
bytes=$(du -sb "$work/articles" | cut -f1)
echo "import of $n raw articles ($((bytes / 1024 / 1024)) MB) on $(nproc) cores"

hyperfine --runs 5 --warmup 1 --export-json "$work/result.json" \
  --prepare "rm -rf '$work/content'" \
  "'$bin' import --quiet --keep-duplicates --root '$work'" >&2

python3 - "$work/result.json" "$n" <<'PY'
import json, sys
result = json.load(open(sys.argv[1]))["results"][0]
n = int(sys.argv[2])
times = sorted(result["times"])
median = times[len(times) // 2]
print(f"median {median:.3f} s  min {times[0]:.3f} s  max {times[-1]:.3f} s  "
      f"({median / n * 1e6:.0f} µs per article)")
PY
