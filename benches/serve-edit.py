#!/usr/bin/env python3
"""How long `briefing serve` takes to serve an edited article, at N articles.

    benches/serve-edit.py [N] [EDITS]      default N=10000, EDITS=10

Makes an N-article site from the shared benchmark corpus (as benches/peers.sh
does, on tmpfs), starts `briefing serve`, waits for the first build and its
search index, then EDITS times: changes one article's title in its content
file and polls the article's page over HTTP (every 5 ms) until the new title
is served. Prints each time from the save to the changed page, their median,
and what serve reported (pages rendered again, its own rebuild time, the
search index time). Each save waits until the previous one's printed
briefing and search index, made after its pages, are done; with PAUSE=S,
each save comes S seconds after the last page changed instead, while that
work may still run. VERBOSE=1 also
prints serve's own breakdown of each rebuild. Needs python3; the corpus
comes from ../shared/bench's make_corpus.py (PEERS_BENCH names another
harness folder). Ends with the median background time after a save and
the server's peak memory (VmHWM).
"""
import os, re, statistics, subprocess, sys, threading, time, urllib.request

project = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
n = int(sys.argv[1]) if len(sys.argv) > 1 else 10000
edits = int(sys.argv[2]) if len(sys.argv) > 2 else 10
harness = os.environ.get("PEERS_BENCH", os.path.join(project, "..", "shared", "bench"))
work = os.path.join(os.environ.get("WORK", "/dev/shm/briefing-serve"), str(n))
site = os.path.join(work, "site")
content = os.path.join(site, "content")

subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=project, check=True)
binary = os.path.join(project, "target", "release", "briefing")
if not os.path.isdir(content):
    os.makedirs(site, exist_ok=True)
    src = os.path.join(harness, "..", "corpus")
    subprocess.run([sys.executable, os.path.join(harness, "make_corpus.py"), src, str(n), content],
                   check=True, stdout=subprocess.DEVNULL)
    with open(os.path.join(site, "site.toml"), "w") as f:
        f.write('title = "Benchmark"\nbase_url = "https://example.github.io/briefing/"\n')

verbose = os.environ.get("VERBOSE") == "1"
pause = float(os.environ["PAUSE"]) if os.environ.get("PAUSE") else None
server = subprocess.Popen([binary, "serve", "--port", "0", "--root", site] + (["-v"] if verbose else []),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
address = re.search(r"http://\S+", server.stdout.readline()).group(0)
log = []
def read_log():
    for line in server.stderr:
        log.append((time.monotonic(), line.rstrip()))
threading.Thread(target=read_log, daemon=True).start()

def wait_for(pattern, since, timeout):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        for at, line in log[since:]:
            if re.search(pattern, line):
                return line
        time.sleep(0.01)
    sys.exit(f"serve did not report {pattern!r} within {timeout} s: {log}")

try:
    print(wait_for(r"^Built", 0, 120))
    if "enabled = false" not in open(os.path.join(site, "site.toml")).read():
        print(wait_for(r"^Printed briefing and search index", 0, 600))
    files = sorted(f for f in os.listdir(content) if f.endswith(".md"))
    times = []
    for k in range(edits):
        name = files[(k * 997) % len(files)]
        path = os.path.join(content, name)
        text = open(path, encoding="utf-8").read()
        title = f"Edited title {k} {time.time_ns()}"
        edited, count = re.subn(r"^title: .*$", f'title: "{title}"', text, count=1, flags=re.M)
        assert count == 1, path
        url = f"{address}articles/{name[:-3]}/"
        mark = len(log)
        saved = time.monotonic()
        with open(path, "w", encoding="utf-8") as f:
            f.write(edited)
        while True:
            try:
                with urllib.request.urlopen(url) as response:
                    if title.encode() in response.read():
                        break
            except OSError:
                pass
            if time.monotonic() - saved > 30:
                sys.exit(f"{url} did not change within 30 s")
            time.sleep(0.005)
        times.append((time.monotonic() - saved) * 1000)
        rebuilt = wait_for(r"^Rebuilt|^Built", mark, 30)
        if pause is None:
            # The next save comes once this one's printed briefing and search
            # index are made, as when someone reads the page before editing.
            later = wait_for(r"^Printed briefing and search index", mark, 600)
        else:
            # Saves every PAUSE seconds share the processor with them.
            time.sleep(pause)
            later = "next save after %.1f s" % pause
        print(f"edit {k + 1}: page changed after {times[-1]:.0f} ms  ({rebuilt}; {later})")
        if verbose:
            print("\n".join(line for _, line in log[mark:]))
    print(f"N={n}: save -> edited page served: median {statistics.median(times):.0f} ms, "
          f"min {min(times):.0f}, max {max(times):.0f} over {len(times)} edits")
    later_s = [float(m.group(1)) for _, line in log
               for m in [re.search(r"^Printed briefing and search index.* in ([0-9.]+) s", line)] if m]
    if len(later_s) > 1:
        after = later_s[1:]
        print(f"N={n}: background work after a save (printed briefing, search index): "
              f"median {statistics.median(after):.2f} s, max {max(after):.2f} s")
    with open(f"/proc/{server.pid}/status") as status:
        peak = next(line.split()[1] for line in status if line.startswith("VmHWM:"))
    print(f"N={n}: server peak RSS {int(peak) / 1024:.0f} MB")
finally:
    server.terminate()
    server.wait()
