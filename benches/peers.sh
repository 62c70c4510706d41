#!/usr/bin/env bash
# The build benchmark against Hugo and the I/O floor, in one run:
#   1. the shared harness (run_peers.sh) makes an N-article site from the
#      real corpus and builds it with Hugo and with briefing's full build
#      (every page, table, chart, feed, sitemap, print page; minified);
#   2. `cp -r` of briefing's own output tree, the floor any build pays;
#   3. `briefing import` of N raw articles;
#   4. briefing's build with its search index, once (Hugo makes none).
# Output on tmpfs; RUNS timed runs each (default 5) after one warm-up;
# medians and ratios printed last.
#
#   benches/peers.sh [N...]        default N: 10000
#
# Needs hugo, hyperfine and GNU time (apt-get install hugo hyperfine time).
# PEERS_BENCH names the harness folder (default: ../shared/bench beside the
# project).
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
harness=${PEERS_BENCH:-$project/../shared/bench}
[ -x "$harness/run_peers.sh" ] || { echo "no benchmark harness at $harness (set PEERS_BENCH)" >&2; exit 1; }
for tool in hugo hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install hugo hyperfine time" >&2; exit 1; }
done
[ $# -gt 0 ] || set -- 10000
export RUNS=${RUNS:-5}
export WORK=${WORK:-/dev/shm/briefing-peers}
mkdir -p "$WORK"
cargo build --release --quiet --manifest-path "$project/Cargo.toml"
bin=$project/target/release/briefing

# 1. Hugo and briefing on the same corpus. Hugo makes no search index, so
# neither does briefing here; its build with the index is timed once below.
settings() { mkdir -p "$WORK/$1"; printf 'title = "Benchmark"\nbase_url = "https://example.github.io/briefing/"\n[search]\nenabled = %s\n' "$2" > "$WORK/$1/site.toml"; }
settings without-search false
settings with-search true
OURS_CMD="$bin build --quiet --root $WORK/without-search --content {corpus} --output {out}" OURS_NAME=briefing \
  OURS_VERSION=$("$bin" --version | awk '{print $2}') TOOLS="hugo ours" \
  "$harness/run_peers.sh" "$@" | tee "$WORK/peers.txt"

median() { python3 -c 'import json,sys,statistics; print(statistics.median(json.load(open(sys.argv[1]))["results"][0]["times"]))' "$1"; }
peak_mb() { tail -n "$RUNS" "$1" | awk '{print $2/1024}' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

echo
printf '%-8s %-32s %10s %10s\n' N measure median_s ratio
for n in "$@"; do
  d=$WORK/$n
  # 2. The floor: copying briefing's own output tree on the same tmpfs.
  hyperfine -N --style none --runs "$RUNS" --warmup 1 --prepare "rm -rf $d/copy" \
    --export-json "$d/cp.json" "cp -r $d/ours-out $d/copy" > /dev/null
  # 3. Import of N raw articles (the corpus's text files, cycled).
  raw=$d/raw
  rm -rf "$raw"; mkdir -p "$raw/articles"
  mapfile -t sources < <(find "$project/tests/fixtures/wikinews" "$project/articles" -name '*.txt' | sort)
  for ((i = 0; i < n; i++)); do
    cp "${sources[i % ${#sources[@]}]}" "$raw/articles/$(printf '%06d' "$i").txt"
  done
  hyperfine -N --style none --runs "$RUNS" --warmup 1 --prepare "rm -rf $raw/content" \
    --export-json "$d/import.json" "$bin import --quiet --keep-duplicates --root $raw" > /dev/null || true

  # 4. The full build with the search index (Pagefind), once.
  rm -rf "$d/search-out"
  /usr/bin/time -f "%e %M" -o "$d/search.time" \
    "$bin" build --quiet --root "$WORK/with-search" --content "$d/corpus" --output "$d/search-out"

  ours=$(median "$d/briefing.hyperfine.json")
  hugo=$(median "$d/hugo.hyperfine.json")
  copy=$(median "$d/cp.json")
  import=$(median "$d/import.json")
  ratio() { python3 -c "print(f'{$1/$2:.2f}x')"; }
  printf '%-8s %-32s %10.3f %10s\n' "$n" "briefing build" "$ours" ""
  printf '%-8s %-32s %10.3f %10s\n' "$n" "hugo build" "$hugo" "$(ratio "$hugo" "$ours")"
  printf '%-8s %-32s %10.3f %10s\n' "$n" "cp -r of briefing's output" "$copy" "$(ratio "$ours" "$copy")"
  printf '%-8s %-32s %10.3f %10s\n' "$n" "briefing import" "$import" ""
  printf '%-8s %-32s %10.1f %10s\n' "$n" "briefing peak RSS, MB" "$(peak_mb "$d/briefing.time")" ""
  printf '%-8s %-32s %10.1f %10s\n' "$n" "hugo peak RSS, MB" "$(peak_mb "$d/hugo.time")" ""
  printf '%-8s %-32s %10.1f %10s\n' "$n" "briefing µs per article" "$(python3 -c "print($ours/$n*1e6)")" ""
  read -r search_s search_kb < "$d/search.time"
  printf '%-8s %-32s %10.3f %10s\n' "$n" "briefing build, search index" "$search_s" "(1 run)"
  printf '%-8s %-32s %10.1f %10s\n' "$n" "  its peak RSS, MB" "$(python3 -c "print($search_kb/1024)")" ""
done
echo "(hugo ratio: Hugo's time over briefing's, target >= 4x; cp -r ratio: briefing's time over the copy's, target <= 3x)"
