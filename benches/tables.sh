#!/usr/bin/env bash
# How much of a full build the tables and charts take, on a site imported
# from N raw articles (the Wikinews sample and the five seeds cycled), so it
# has real key figures, people and sources. Output on tmpfs, 5 builds.
#
#   benches/tables.sh [N]        (default N = 10000)
#
# Prints, per build, the wall time and the render time by kind of file
# (summed over threads, from `briefing build --verbose`); then medians, the
# tables' share of render time, and the largest page under tables/.
set -euo pipefail

n=${1:-10000}
source "$(dirname "$0")/common.sh" tables "$n"
"$bin" import --quiet --keep-duplicates --root "$work" || true
echo "site of $n imported articles, $(nproc) cores"

for run in 1 2 3 4 5; do
  rm -rf "$work/public"
  "$bin" build --verbose --root "$work" 2>"$work/verbose.$run" >"$work/summary.$run"
done

python3 - "$work" <<'PY'
import glob, os, re, statistics, sys
work = sys.argv[1]
walls, tables, dossiers, totals, prep, charts = [], [], [], [], [], []
for path in sorted(glob.glob(os.path.join(work, "verbose.*"))):
    text = open(path).read()
    summary = open(path.replace("verbose", "summary")).read()
    walls.append(float(re.search(r"in ([\d.]+) s", summary).group(1)))
    groups = {m.group(3): float(m.group(1)) for m in re.finditer(
        r"^\s*([\d.]+) s\s+([\d.]+)%\s+\d+ files\s+(.+)$", text, re.M)}
    totals.append(sum(groups.values()))
    tables.append(sum(v for k, v in groups.items() if k.startswith("tables")))
    dossiers.append(groups["country and topic dossiers (with charts)"])
    charts.append(float(re.search(r"^\s*([\d.]+) s\s+[\d.]+%\s+of the above: drawing charts", text, re.M).group(1)))
    prep.append(float(re.search(r"^\s*([\d.]+) s\s+compile templates", text, re.M).group(1)))
m = statistics.median
print(f"full build, median of {len(walls)}: {m(walls):.3f} s wall")
print(f"render time summed over threads: {m(totals):.3f} s")
print(f"  tables and downloads: {m(tables):.3f} s ({m(tables) / m(totals) * 100:.1f}% of render time)")
print(f"  dossiers with charts: {m(dossiers):.3f} s ({m(dossiers) / m(totals) * 100:.1f}%)")
print(f"  of which drawing charts (in dossiers and the front page): {m(charts):.3f} s")
print(f"templates, rows and figure records prepared in {m(prep):.3f} s wall")
threads = os.cpu_count() or 1
share = ((m(tables) + m(charts)) / threads + m(prep)) / m(walls) * 100
print(f"tables' and charts' share of the build, at most: {share:.1f}% "
      f"((table + chart time) / {threads} threads + all preparation, over wall time)")
sizes = []
for root, _, files in os.walk(os.path.join(work, "public", "tables")):
    for f in files:
        if f.endswith(".html"):
            p = os.path.join(root, f)
            sizes.append((os.path.getsize(p), os.path.relpath(p, os.path.join(work, "public"))))
sizes.sort()
print(f"largest table page: {sizes[-1][1]} {sizes[-1][0] / 1e6:.2f} MB "
      f"({len(sizes)} table pages)")
figures = len(open(os.path.join(work, "public/tables/figures/figures.csv")).read().splitlines()) - 1
print(f"key figures in the site: {figures}")
PY
