#!/usr/bin/env python3
"""Soak test of `dyad ingest`: ingest a generated corpus while killing the ingest with SIGKILL at
random moments and starting it again, until one run finishes; then check that the database
holds every document once, no failure, an intact file, and exactly the events of a clean
run without kills.

    tools/soak.py [--n 20000] [--dyad target/release/dyad] [--work DIR] [--seed 1]
                  [--min-gap 2] [--max-gap 12] [--parallel 1]

--parallel K runs K ingests of the same corpus at once in each round (each killed at random),
which tests concurrent writers as well as crashes. Prints its figures and exits 1 when a check
fails. The clean run doubles the time: --clean-db reuses one from an earlier soak, and
--clean-alongside runs it at the same time as the soak (on a machine with cores to spare).
"""

import argparse
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))


def ingest_until_done(dyad, corpus, db, rng, min_gap, max_gap, parallel, log):
    """Run ingests of `corpus` into `db`, killing them at random, until a run exits on its own."""
    kills = rounds = 0
    while True:
        rounds += 1
        if rounds % 10 == 0:
            print(f"soak: round {rounds}, {stored(db)} documents stored", file=sys.stderr, flush=True)
        procs = [
            subprocess.Popen([dyad, "ingest", corpus, "--db", db], stdout=subprocess.DEVNULL, stderr=log)
            for _ in range(parallel)
        ]
        deadline = time.time() + rng.uniform(min_gap, max_gap)
        while time.time() < deadline and any(p.poll() is None for p in procs):
            time.sleep(0.05)
        finished = [p for p in procs if p.poll() is not None]
        for p in procs:
            if p.poll() is None:
                p.send_signal(signal.SIGKILL)
                kills += 1
            p.wait()
        bad = [p.returncode for p in finished if p.returncode != 0]
        if bad:
            sys.exit(f"soak: an ingest exited {bad[0]} on its own (see {log.name})")
        if finished:
            return rounds, kills


def stored(db):
    """How many documents the database holds so far (0 before it exists)."""
    if not os.path.exists(db):
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=60)
        n = conn.execute("SELECT count(*) FROM documents").fetchone()[0]
        conn.close()
        return n
    except sqlite3.Error:
        return "?"


def figures(db):
    conn = sqlite3.connect(db)
    one = lambda sql: conn.execute(sql).fetchone()[0]
    out = {
        "documents": one("SELECT count(*) FROM documents"),
        "distinct_ids": one("SELECT count(DISTINCT id) FROM documents"),
        "events": one("SELECT count(*) FROM events"),
        "failures": one("SELECT count(*) FROM failures"),
        "integrity": one("PRAGMA integrity_check"),
        "events_rows": conn.execute(
            "SELECT event_id, doc_id, date, source_code, target_code, cameo, status, sentence_index "
            "FROM events ORDER BY event_id"
        ).fetchall(),
    }
    # A document's sentences and mentions are in its deflated layers (older databases: also in
    # tables of their own, since dropped).
    sentences = mentions = 0
    for layers, z in conn.execute("SELECT layers, layers_z FROM documents"):
        doc = json.loads(zlib.decompress(z, -15) if z is not None else layers)
        sentences += len(doc.get("sentences", []))
        mentions += len(doc.get("mentions", []))
    out["sentences"], out["mentions"] = sentences, mentions
    # Inputs stored but not remembered by their bytes would be extracted again on every restart.
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}
    out["inputs"] = one("SELECT count(*) FROM inputs") if "inputs" in tables else None
    conn.close()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--dyad", default=os.path.join(HERE, "..", "target", "release", "dyad"))
    ap.add_argument("--work", default="/tmp/dyad-soak")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--min-gap", type=float, default=2.0, help="least seconds before a kill")
    ap.add_argument("--max-gap", type=float, default=12.0, help="most seconds before a kill")
    ap.add_argument("--parallel", type=int, default=1)
    ap.add_argument("--clean-db", help="a clean run's database to compare with (made when absent)")
    ap.add_argument("--clean-alongside", action="store_true",
                    help="make the clean run's database while the soak runs, not after it")
    args = ap.parse_args()
    os.makedirs(args.work, exist_ok=True)
    corpus = os.path.join(args.work, f"corpus-{args.n}-{args.seed}.jsonl")
    if not os.path.exists(corpus):
        subprocess.run(
            [sys.executable, os.path.join(HERE, "gen_corpus.py"), "--n", str(args.n), "--out", corpus,
             "--seed", str(args.seed)],
            check=True,
        )
    soak_db = os.path.join(args.work, "soak.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(soak_db + suffix):
            os.remove(soak_db + suffix)
    clean_db = args.clean_db or os.path.join(args.work, f"clean-{args.n}-{args.seed}.db")
    clean_seconds = None
    clean_proc = None
    if not os.path.exists(clean_db) and args.clean_alongside:
        # Made under a temporary name, so that a clean run cut short is never taken for one.
        partial = clean_db + ".partial"
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(partial + suffix):
                os.remove(partial + suffix)
        clean_t0 = time.time()
        clean_proc = subprocess.Popen([args.dyad, "ingest", corpus, "--db", partial],
                                      stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # Its own time, not the soak's: a thread notes when it ends.
        clean_end = []
        threading.Thread(target=lambda: (clean_proc.wait(), clean_end.append(time.time())), daemon=True).start()
    rng = random.Random(args.seed)
    with open(os.path.join(args.work, "soak.log"), "w") as log:
        t0 = time.time()
        rounds, kills = ingest_until_done(
            args.dyad, corpus, soak_db, rng, args.min_gap, args.max_gap, args.parallel, log
        )
        soak_seconds = time.time() - t0
    if clean_proc is not None:
        if clean_proc.wait() != 0:
            sys.exit(f"soak: the clean ingest exited {clean_proc.returncode}")
        while not clean_end:
            time.sleep(0.05)
        clean_seconds = clean_end[0] - clean_t0
        # Fold the write-ahead log into the file before it takes its final name.
        conn = sqlite3.connect(partial)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        os.rename(partial, clean_db)
    if not os.path.exists(clean_db):
        t0 = time.time()
        subprocess.run([args.dyad, "ingest", corpus, "--db", clean_db], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        clean_seconds = time.time() - t0
    soak, clean = figures(soak_db), figures(clean_db)
    checks = {
        "every document once": soak["documents"] == soak["distinct_ids"] == args.n,
        "no failures": soak["failures"] == 0,
        "integrity ok": soak["integrity"] == "ok",
        "events equal a clean run's": soak["events_rows"] == clean["events_rows"],
        "sentences equal": soak["sentences"] == clean["sentences"],
        "mentions equal": soak["mentions"] == clean["mentions"],
        "every input remembered once": soak["inputs"] in (None, args.n),
    }
    print(f"documents {args.n}, parallel ingests {args.parallel}, rounds {rounds}, kills {kills}, "
          f"soak {soak_seconds:.0f} s" + (f", clean run {clean_seconds:.0f} s" if clean_seconds else ""))
    print(f"soak: {soak['documents']} documents, {soak['events']} events, {soak['failures']} failures; "
          f"clean: {clean['documents']} documents, {clean['events']} events; "
          f"database {os.path.getsize(soak_db) / 1e6:.1f} MB")
    for name, ok in checks.items():
        print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
