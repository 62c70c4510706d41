#!/usr/bin/env bash
# The article-body benchmark: briefing's bodies for the 181 pages of
# Scrapinghub's article-extraction benchmark (../shared/bench/extraction,
# or EXTRACTION_BENCH=DIR), scored by the benchmark's own evaluate.py beside
# the published outputs of trafilatura, rs_trafilatura, go-trafilatura,
# Readability.js and dom_smoothie. Works on a copy: the shared folder is
# read-only. Needs python3.
#
#   benches/extraction.sh
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
bench=${EXTRACTION_BENCH:-$project/../shared/bench/extraction}
work=$(mktemp -d "${TMPDIR:-/tmp}/briefing-extraction.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -r "$bench/ground-truth.json" "$bench/evaluate.py" "$bench/output" "$work/"
cargo run --release --quiet --manifest-path "$project/Cargo.toml" --example extraction -- \
  "$bench/html" "$work/output/briefing.json"
(cd "$work" && python3 evaluate.py)
