#!/usr/bin/env bash
# Time `briefing pdf` on a site imported from N raw articles (the Wikinews
# sample and the five seeds cycled), output on tmpfs.
#
#   benches/pdf.sh [N] [RUNS]     (default N = 1000, RUNS = 3)
#
# Prints per run the wall time of the whole command (build, two printings,
# swap) and the printing time it reports, then the PDF's pages and size.
set -euo pipefail

n=${1:-1000}
runs=${2:-3}
source "$(dirname "$0")/common.sh" pdf "$n"
"$bin" import --quiet --keep-duplicates --root "$work" || true
echo "site of $n imported articles, $(nproc) cores"

for ((run = 1; run <= runs; run++)); do
  start=$(date +%s.%N)
  summary=$("$bin" pdf --root "$work")
  end=$(date +%s.%N)
  printing=$(sed -n 's/.* in \([0-9.]*\) s$/\1/p' <<<"$summary")
  printf 'run %d: %.2f s in all, %s s printing\n' "$run" "$(python3 -c "print($end - $start)")" "$printing"
done
pdf="$work/public/briefing.pdf"
echo "pages: $(pdfinfo "$pdf" | sed -n 's/^Pages: *//p'), size: $(du -k "$pdf" | cut -f1) kB"
echo "page of the briefing: $(du -k "$work/public/briefing/index.html" | cut -f1) kB"
