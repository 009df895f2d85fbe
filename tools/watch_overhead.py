#!/usr/bin/env python3
"""What `dyad watch` costs per article beyond extraction and coding.

Serves N pages of the article-extraction benchmark (or any folder of .html / .html.gz pages)
and an RSS feed listing them from a loopback HTTP server, then times, on fresh databases,
`dyad watch --feeds F --once --delay 0` against `dyad ingest` of the same pages as files, both
with one coding thread (RAYON_NUM_THREADS=1). The difference per article is the watch's own
overhead: HTTP, robots.txt, the seen-URL bookkeeping and its SQLite writes. Wall time and the
process's CPU time (user + system) are both reported: on a loaded machine the CPU time is the
steadier measure of the work the watch adds.

    python3 tools/watch_overhead.py --dyad target/release/dyad \
        --pages ../shared/benchmarks/article-extraction/html --n 100 --runs 3
"""
import argparse
import gzip
import http.server
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dyad", required=True)
    ap.add_argument("--pages", required=True)
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    files = sorted(p for p in Path(args.pages).iterdir() if p.name.endswith((".html", ".html.gz")))[: args.n]
    if not files:
        sys.exit(f"no .html or .html.gz pages in {args.pages}")
    work = Path(tempfile.mkdtemp(prefix="dyad-watch-overhead-"))
    try:
        pages = work / "pages"
        pages.mkdir()
        bodies = {}
        for i, p in enumerate(files):
            data = p.read_bytes()
            if p.name.endswith(".gz"):
                data = gzip.decompress(data)
            name = f"a{i:04}.html"
            (pages / name).write_bytes(data)
            bodies["/" + name] = data
        items = "".join(f"<item><title>{k}</title><link>/{k}</link></item>" for k in (n.lstrip("/") for n in bodies))
        bodies["/feed.xml"] = f'<?xml version="1.0"?><rss><channel><title>t</title>{items}</channel></rss>'.encode()
        bodies["/robots.txt"] = b"User-agent: *\nDisallow: /private\n"

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self):
                body = bodies.get(self.path)
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                self.send_response(200)
                kind = "application/rss+xml" if self.path.endswith(".xml") else "text/html; charset=utf-8"
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *a):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        feeds = work / "feeds.txt"
        feeds.write_text(f"http://127.0.0.1:{server.server_address[1]}/feed.xml\n")
        env = dict(os.environ, RAYON_NUM_THREADS="1")

        def timed(cmd, db):
            for suffix in ("", "-wal", "-shm"):
                Path(str(db) + suffix).unlink(missing_ok=True)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = time.perf_counter()
            r = subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            took = time.perf_counter() - t
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if r.returncode not in (0, 1):
                sys.exit(f"{' '.join(map(str, cmd))}: exit {r.returncode}\n{r.stderr}")
            return took, cpu, r.stderr.strip().splitlines()[-1:]

        watch, ingest, watch_cpu, ingest_cpu = [], [], [], []
        for _ in range(args.runs):
            db = work / "w.db"
            t, cpu, last = timed([args.dyad, "watch", "--feeds", feeds, "--once", "--delay", "0", "--db", db], db)
            watch.append(t)
            watch_cpu.append(cpu)
            db = work / "i.db"
            t, cpu, _ = timed([args.dyad, "ingest", pages, "--db", db], db)
            ingest.append(t)
            ingest_cpu.append(cpu)
        n = len(files)
        med = statistics.median
        w, i = med(watch), med(ingest)
        wc, ic = med(watch_cpu), med(ingest_cpu)
        print(f"watch: {' '.join(last)}")
        print(f"{n} pages, {args.runs} runs (medians): watch {w:.2f} s wall {wc:.2f} s CPU, ingest {i:.2f} s wall {ic:.2f} s CPU")
        print(f"watch overhead per article: {(w - i) / n * 1000:.2f} ms wall, {(wc - ic) / n * 1000:.2f} ms CPU")
        server.shutdown()
    finally:
        shutil.rmtree(work)


if __name__ == "__main__":
    main()
