#!/usr/bin/env python3
"""Throughput of `dyad code` over a corpus, as a user runs it: the whole binary, all cores.

    tools/bench_code_corpus.py [--dyad PATH] [--runs N] [CORPUS]

CORPUS defaults to ../shared/reference/news/bbc (1,049 articles). Each run codes the corpus to
/dev/null; per run it reports wall seconds, articles per second, user+sys CPU seconds of the
process, cores busy (CPU seconds / wall seconds) and peak resident memory, then the medians.
On a shared machine the wall-clock figures depend on the load (printed with them); articles per
CPU-second does much less.
"""

import argparse
import os
import resource
import statistics
import subprocess
import sys
import time


def count_articles(corpus):
    if os.path.isfile(corpus):
        with open(corpus, "rb") as f:
            return sum(1 for line in f if line.strip())
    exts = (".txt", ".html", ".htm", ".jsonl", ".gz")
    n = 0
    for root, _, files in os.walk(corpus):
        for name in files:
            if name.startswith(".") or not name.endswith(exts):
                continue
            path = os.path.join(root, name)
            if name.endswith(".jsonl"):
                n += count_articles(path)
            else:
                n += 1
    return n


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    default_corpus = os.path.join(here, "..", "..", "shared", "reference", "news", "bbc")
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=os.environ.get("DYAD_BENCH_CORPUS", default_corpus))
    ap.add_argument("--dyad", default=os.path.join(here, "..", "target", "release", "dyad"))
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    articles = count_articles(args.corpus)
    rows = []
    for i in range(args.runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.monotonic()
        with open(os.devnull, "wb") as null:
            status = subprocess.run([args.dyad, "code", args.corpus], stdout=null, stderr=null).returncode
        wall = time.monotonic() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        load = os.getloadavg()[0]
        rows.append((wall, articles / wall, cpu, cpu / wall, articles / cpu, after.ru_maxrss / 1024))
        print(
            f"run {i + 1}: exit {status}, {wall:.2f} s, {articles / wall:.0f} articles/s, "
            f"{cpu:.2f} CPU s, {cpu / wall:.2f} cores busy, {articles / cpu:.0f} articles/CPU-s, "
            f"peak RSS {after.ru_maxrss / 1024:.0f} MB (so far), load {load:.1f}",
            file=sys.stderr,
        )
    med = [statistics.median(col) for col in zip(*rows)]
    print(
        f"{articles} articles, median of {args.runs}: {med[0]:.2f} s, {med[1]:.0f} articles/s, "
        f"{med[3]:.2f} cores busy, {med[4]:.0f} articles/CPU-s; "
        f"{os.cpu_count()} cores, load {os.getloadavg()[0]:.1f}"
    )


if __name__ == "__main__":
    main()
