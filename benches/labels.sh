#!/usr/bin/env bash
# Scores the importer against the shared hand labels of people and key
# figures: the 293 Wikinews articles (tests/fixtures/wikinews, labels copied
# beside them) and the 92 web article bodies of the extraction benchmark
# (written from ../shared/bench/extraction/ground-truth.json; the pages are
# third-party text, read for measurement only, never copied here).
#
#   benches/labels.sh [-v]     (-v lists every wrong item)
#
# LABELS names the label folder (default: ../shared/labels beside the
# project), PEERS_BENCH the harness folder (default: ../shared/bench).
set -euo pipefail

project=$(cd "$(dirname "$0")/.." && pwd)
labels=${LABELS:-$project/../shared/labels}
harness=${PEERS_BENCH:-$project/../shared/bench}
cargo build --release --quiet --manifest-path "$project/Cargo.toml"
bin="$project/target/release/briefing"

work=$(mktemp -d "${TMPDIR_BENCH:-/dev/shm}/briefing-labels.XXXXXX")
trap 'rm -rf "$work"' EXIT
for set in wikinews pages; do
  mkdir -p "$work/$set/articles"
done
cp "$project"/tests/fixtures/wikinews/wikinews_*.txt "$work/wikinews/articles/"
python3 - "$harness/extraction/ground-truth.json" "$labels/pages-people.tsv" "$work/pages/articles" <<'PY'
import csv, json, sys
truth = json.load(open(sys.argv[1]))
wanted = {row.split("\t")[0][:-4] for row in open(sys.argv[2]).read().splitlines()[1:]}
for key in sorted(wanted):
    with open(f"{sys.argv[3]}/{key}.txt", "w") as out:
        out.write(truth[key]["articleBody"])
PY

for set in wikinews pages; do
  "$bin" import --quiet --keep-duplicates --root "$work/$set"
  echo "== $set ($(ls "$work/$set/articles" | wc -l) articles)"
  "$bin" eval "$@" --root "$work/$set" "$labels/$set-people.tsv" "$labels/$set-figures.tsv"
done
