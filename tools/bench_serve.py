#!/usr/bin/env python3
"""Benchmark of `dyad serve` on a database: the median answer time of every API filter
combination and of each page, over a persistent loopback connection, and the server's memory
after the run. A benchmark, not a test: it prints figures and marks those over the bar. Beside each
median it prints the server's CPU time per request (from /proc), which a loaded machine does
not inflate as it does wall time.

    tools/bench_serve.py --db /tmp/c20k.db [--dyad target/release/dyad] [--n 10] [--bar 50]
                         [--save DIR] [--compare DIR] [--only SUBSTRING] [--group NAME] [--browser]

The filter values are taken from the database itself (its busiest country, a rare actor code,
its busiest pair of countries, a month and a year with events), so the same run works on any
store. --save DIR writes each answer's body to DIR (one file per request, named by its hash);
--compare DIR checks every answer against such a saved run and lists the ones that differ,
so a change to the queries can be shown to keep the answers.
"""

import argparse
import hashlib
import http.client
import itertools
import os
import socket
import sqlite3
import statistics
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def pick_values(db):
    """Filter values found in the database: {name: value}."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda sql: conn.execute(sql).fetchone()
    country = one(
        "SELECT source_country FROM events WHERE source_country NOT IN ('', '---') "
        "GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )[0]
    rare = one(
        "SELECT source_code FROM events GROUP BY 1 HAVING count(*) BETWEEN 10 AND 40 "
        "ORDER BY count(*) DESC, 1 LIMIT 1"
    )[0]
    pair = one(
        "SELECT min(source_country, target_country) AS a, max(source_country, target_country) AS b "
        "FROM events WHERE target_country IS NOT NULL AND source_country NOT IN ('', '---') "
        "AND target_country NOT IN ('', '---') AND source_country != target_country "
        "GROUP BY a, b ORDER BY count(*) DESC, a, b LIMIT 1"
    )
    month = one(
        "SELECT substr(date, 1, 7) FROM events WHERE length(date) >= 7 GROUP BY 1 ORDER BY count(*) DESC LIMIT 1"
    )[0]
    event_id = one("SELECT event_id FROM events ORDER BY rowid LIMIT 1 OFFSET 1000")[0]
    doc_id = one("SELECT doc_id FROM events ORDER BY rowid LIMIT 1 OFFSET 1000")[0]
    conn.close()
    return {
        "country": country,
        "rare": rare,
        "pair": pair,
        "month": month,
        "year": month[:4],
        "event_id": event_id,
        "doc_id": doc_id,
    }


def requests(v):
    """(group, path) of every request measured."""
    out = []
    actors = [None, v["country"], v["rare"]]
    dyads = [None, ",".join(v["pair"])]
    dates = [None, ("since", v["month"]), ("until", v["month"]), ("range", v["month"])]
    roots = [None, "04"]
    statuses = [[], ["asserted"], ["asserted", "reported"]]
    for actor, dyad, date, root, status in itertools.product(actors, dyads, dates, roots, statuses):
        q = []
        if actor:
            q.append(("actor", actor))
        if dyad:
            q.append(("dyad", dyad))
        if date and date[0] in ("since", "range"):
            q.append(("since", date[1] + "-01"))
        if date and date[0] in ("until", "range"):
            q.append(("until", date[1] + ("-28" if date[0] == "range" else "")))
        if root:
            q.append(("root", root))
        q.extend(("status", s) for s in status)
        out.append(("events", "/api/events?" + urllib.parse.urlencode(q)))
    # Pages of a long list, and the largest page.
    for actor in [None, v["country"]]:
        for extra in [("offset", "1000"), ("offset", "10000"), ("limit", "1000")]:
            q = ([("actor", actor)] if actor else []) + [extra]
            out.append(("events", "/api/events?" + urllib.parse.urlencode(q)))
    a, b = v["pair"]
    for x, y in [(a, b), (v["country"], v["rare"][:3]), ("RUS", "PRK")]:
        for per in ["day", "week", "month"]:
            for all_statuses in ["false", "true"]:
                q = urllib.parse.urlencode([("a", x), ("b", y), ("per", per), ("all_statuses", all_statuses)])
                out.append(("relation", "/api/relation?" + q))
    for q in ["", v["country"][:2], v["country"], "united", "zzz"]:
        out.append(("actors", "/api/actors?" + urllib.parse.urlencode([("q", q)])))
    for q in [[], [("since", v["year"])], [("since", v["month"]), ("until", v["month"])], [("status", "asserted")]]:
        out.append(("network", "/api/network?" + urllib.parse.urlencode(q)))
    out.append(("event", "/api/events/" + v["event_id"]))
    out.append(("document", "/api/documents/" + v["doc_id"]))
    out.append(("failures", "/api/failures"))
    for path in [
        "/",
        "/?" + urllib.parse.urlencode([("a", a), ("b", b), ("per", "week")]),
        "/network",
        "/events",
        "/events?" + urllib.parse.urlencode([("actor", v["country"]), ("status", "asserted")]),
        "/events/" + v["event_id"],
        "/documents/" + v["doc_id"],
        "/failures",
    ]:
        out.append(("page", path))
    return out


def start(dyad, db):
    port = free_port()
    proc = subprocess.Popen(
        [dyad, "serve", "--db", db, "--addr", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        if proc.poll() is not None:
            sys.exit(f"bench_serve: dyad serve exited {proc.returncode}: {proc.stderr.read().decode()}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc, port
        except OSError:
            time.sleep(0.05)
    proc.kill()
    sys.exit("bench_serve: dyad serve did not listen within 30 s")


def memory(pid):
    """(VmRSS, VmHWM) of a process in MB."""
    out = {}
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            k, _, rest = line.partition(":")
            if k in ("VmRSS", "VmHWM"):
                out[k] = int(rest.split()[0]) / 1024
    return out.get("VmRSS", 0.0), out.get("VmHWM", 0.0)


def cpu_ms(pid):
    """User and system CPU time a process has used, in ms."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


CHROMEDRIVER = "/usr/bin/chromedriver"
CHROMIUM = "/usr/bin/chromium"

# Navigation timing of the page just loaded: when the answer's last byte arrived, when the DOM
# was ready and when the page had loaded (with its stylesheet and script), in ms from the start
# of the navigation.
TIMING_JS = """
const n = performance.getEntriesByType('navigation')[0];
return {response: n.responseEnd, dom: n.domContentLoadedEventEnd, load: n.loadEventEnd};
"""


def webdriver(port, method, path, body=None):
    import json

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    conn.request(method, path, body=None if body is None else json.dumps(body))
    resp = conn.getresponse()
    v = json.loads(resp.read() or b"{}")
    conn.close()
    if resp.status != 200:
        sys.exit(f"bench_serve: webdriver {method} {path}: {v}")
    return v["value"]


def browser_first_views(pages, server_port, n):
    """[(path, first view, median of n views)] of each page in headless Chromium, as navigation
    timings (see TIMING_JS)."""
    import tempfile

    port = free_port()
    driver = subprocess.Popen([CHROMEDRIVER, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    profile = tempfile.TemporaryDirectory()
    out = []
    try:
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if time.time() > deadline:
                    sys.exit("bench_serve: chromedriver did not listen")
                time.sleep(0.1)
        args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1200,1000", f"--user-data-dir={profile.name}"]
        caps = {"capabilities": {"alwaysMatch": {"browserName": "chrome",
                                                 "goog:chromeOptions": {"binary": CHROMIUM, "args": args}}}}
        session = webdriver(port, "POST", "/session", caps)["sessionId"]
        base = f"/session/{session}"
        try:
            for path in pages:
                views = []
                for _ in range(n):
                    webdriver(port, "POST", f"{base}/url", {"url": f"http://127.0.0.1:{server_port}{path}"})
                    views.append(webdriver(port, "POST", f"{base}/execute/sync", {"script": TIMING_JS, "args": []}))
                med = {k: statistics.median(v[k] for v in views if v[k] is not None) for k in views[0] if any(v[k] is not None for v in views)}
                out.append((path, views[0], med))
        finally:
            webdriver(port, "DELETE", base)
    finally:
        driver.terminate()
        driver.wait()
        profile.cleanup()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--dyad", default=os.path.join(HERE, "..", "target", "release", "dyad"))
    ap.add_argument("--n", type=int, default=10, help="requests per combination (median of these)")
    ap.add_argument("--bar", type=float, default=50.0, help="ms; medians above it are marked")
    ap.add_argument("--save", help="write each answer's body to this directory")
    ap.add_argument("--compare", help="compare each answer with those saved in this directory")
    ap.add_argument("--only", help="only requests whose path contains this")
    ap.add_argument("--group", help="only requests of this group (events, relation, actors, network, page, ...)")
    ap.add_argument("--browser", action="store_true", help="also time each page's first view in headless Chromium")
    args = ap.parse_args()

    values = pick_values(args.db)
    print("values:", values)
    reqs = requests(values)
    if args.only:
        reqs = [r for r in reqs if args.only in r[1]]
    if args.group:
        reqs = [r for r in reqs if r[0] == args.group]
    proc, port = start(args.dyad, args.db)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    if args.save:
        os.makedirs(args.save, exist_ok=True)
    results, differ = [], []
    try:
        for group, path in reqs:
            times, body = [], None
            cpu0 = cpu_ms(proc.pid)
            for _ in range(args.n):
                t0 = time.perf_counter()
                conn.request("GET", path)
                resp = conn.getresponse()
                body = resp.read()
                times.append((time.perf_counter() - t0) * 1000)
                if resp.status != 200:
                    sys.exit(f"bench_serve: {path} answered {resp.status}: {body[:300]!r}")
            med = statistics.median(times)
            cpu = (cpu_ms(proc.pid) - cpu0) / args.n
            results.append((group, path, med, cpu))
            name = hashlib.sha256(path.encode()).hexdigest()[:16]
            if args.save:
                with open(os.path.join(args.save, name), "wb") as f:
                    f.write(path.encode() + b"\n" + body)
            if args.compare:
                try:
                    with open(os.path.join(args.compare, name), "rb") as f:
                        saved = f.read().split(b"\n", 1)[1]
                except FileNotFoundError:
                    saved = None
                if saved != body:
                    differ.append(path)
            flag = "  OVER" if med > args.bar else ""
            print(f"{med:8.1f} ms median  {cpu:6.1f} ms cpu  {group:9} {path}{flag}", flush=True)
        rss, hwm = memory(proc.pid)
        views = []
        if args.browser:
            pages = [p for g, p in reqs if g == "page"]
            views = browser_first_views(pages, port, max(3, args.n // 2))
    finally:
        proc.terminate()
        proc.wait()
    print()
    for group in dict.fromkeys(g for g, *_ in results):
        meds = [m for g, _, m, _ in results if g == group]
        cpus = [c for g, _, _, c in results if g == group]
        print(
            f"{group:9} {len(meds):4} requests: median of medians {statistics.median(meds):7.1f} ms, "
            f"worst median {max(meds):7.1f} ms; server CPU per request: median {statistics.median(cpus):6.1f} ms, "
            f"worst {max(cpus):6.1f} ms"
        )
    over = [(p, m) for g, p, m, _ in results if m > args.bar and g != "page"]
    print(f"API combinations over {args.bar:g} ms: {len(over)} of {sum(g != 'page' for g, *_ in results)}")
    if views:
        fmt = lambda t: " ".join(f"{k} {t[k]:6.0f}" if t.get(k) is not None else f"{k}      -" for k in ("response", "dom", "load"))
        print("first view in headless Chromium, ms from navigation start (first visit | median):")
        for path, first, med in views:
            print(f"  {fmt(first)} | {fmt(med)}  {path}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f} (wall times include waiting for a CPU)")
    print(f"serve memory after the run: RSS {rss:.1f} MB, peak RSS {hwm:.1f} MB")
    if args.compare:
        print(f"answers differing from {args.compare}: {len(differ)}")
        for p in differ:
            print("  differs:", p)
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
