#!/bin/sh
# The bytes one search fetches at N articles (default 10,000): builds the
# benchmark corpus with search on, serves it, and runs a query in headless
# Chromium (benches/search-payload.cjs, Playwright from .ci/tools, which
# .ci/run installs). Prints each file the search fetched and the sums.
#
#   benches/search-payload.sh [N] [QUERY]      default 10000 gas
set -eu
project=$(cd "$(dirname "$0")/.." && pwd)
n=${1:-10000}
query=${2:-gas}
harness=${PEERS_BENCH:-$project/../shared/bench}
work=${WORK:-/dev/shm/briefing-search}/$n
mkdir -p "$work"
if [ ! -d "$work/content" ]; then
    python3 "$harness/make_corpus.py" "$harness/../corpus" "$n" "$work/content" > /dev/null
fi
printf 'title = "Benchmark"\nbase_url = "https://example.github.io/briefing/"\n' > "$work/site.toml"
cargo build --release --quiet --manifest-path "$project/Cargo.toml"
"$project/target/release/briefing" build -q --root "$work" --output "$work/public"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/public" > /dev/null 2>&1 &
server=$!
trap 'kill $server' EXIT
sleep 1
NODE_PATH="$project/.ci/tools/node_modules" node "$project/benches/search-payload.cjs" \
    "http://127.0.0.1:$port/search/" "$query"
NODE_PATH="$project/.ci/tools/node_modules" node "$project/benches/search-payload.cjs" \
    "http://127.0.0.1:$port/search/" "$query" "country=Iran"
