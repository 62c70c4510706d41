#!/usr/bin/env bash
# How briefing's full build scales with the number of articles: for each N,
# an N-article site made from the real corpus by the shared harness's
# make_corpus.py, built RUNS times (default 3) after one warm-up on tmpfs.
# Prints the median wall time, µs per article, peak memory, and each N's
# time per article over the first N's (target: 100,000 within 1.5x of
# 10,000, under 2 GB).
#
#   benches/scale.sh [N...]        default N: 10000 100000
#
# Needs hyperfine and GNU time (apt-get install hyperfine time).
# PEERS_BENCH names the harness folder (default: ../shared/bench beside the
# project); WORK the scratch folder (default /dev/shm/briefing-scale).
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
harness=${PEERS_BENCH:-$project/../shared/bench}
[ -f "$harness/make_corpus.py" ] || { echo "no benchmark harness at $harness (set PEERS_BENCH)" >&2; exit 1; }
for tool in hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install hyperfine time python3" >&2; exit 1; }
done
[ $# -gt 0 ] || set -- 10000 100000
RUNS=${RUNS:-3}
WORK=${WORK:-/dev/shm/briefing-scale}
source_dir=$harness/../corpus
[ -d "$source_dir" ] || source_dir=$harness/../seeds
cargo build --release --quiet --manifest-path "$project/Cargo.toml"
bin=$project/target/release/briefing

median() { python3 -c 'import json,sys,statistics; print(statistics.median(json.load(open(sys.argv[1]))["results"][0]["times"]))' "$1"; }

printf '%-8s %10s %12s %12s %14s\n' N median_s us_per_art peak_rss_mb vs_first_N
first=""
for n in "$@"; do
  d=$WORK/$n
  mkdir -p "$d"
  [ -d "$d/corpus" ] || python3 "$harness/make_corpus.py" "$source_dir" "$n" "$d/corpus" > /dev/null
  build="$bin build --quiet --content $d/corpus --output $d/out"
  hyperfine -N --style none --runs "$RUNS" --warmup 1 --prepare "rm -rf $d/out" \
    --export-json "$d/build.json" "$build" > /dev/null
  rm -rf "$d/out"
  rss_kb=$(/usr/bin/time -f '%M' $build 2>&1 >/dev/null | tail -n 1)
  wall=$(median "$d/build.json")
  per=$(python3 -c "print($wall / $n * 1e6)")
  [ -n "$first" ] || first=$per
  printf '%-8s %10.3f %12.1f %12.1f %13.2fx\n' "$n" "$wall" "$per" \
    "$(python3 -c "print($rss_kb / 1024)")" "$(python3 -c "print($per / $first)")"
  rm -rf "$d/out"
done
