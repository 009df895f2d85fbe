#!/usr/bin/env python3
"""Write N synthetic news articles as JSONL (`id`, `url`, `title`, `date`, `text`) for soak and
load tests, by recombining paragraphs of the BBC sample in ../shared.

Each article takes its title and first paragraph from one real article and the rest of its
paragraphs from other articles of the same category, so its text reads like news, names real
actors and codes to events, while every article is distinct (its id and text differ). The same
--seed gives the same corpus.

    tools/gen_corpus.py --n 20000 --out /tmp/corpus.jsonl [--seed 1] [--bbc DIR]
"""

import argparse
import datetime
import json
import os
import random
import sys


def default_bbc():
    here = os.path.dirname(os.path.abspath(__file__))
    shared = os.environ.get("DYAD_SHARED", os.path.join(here, "..", "..", "shared"))
    return os.path.join(shared, "reference", "news", "bbc")


def read_articles(root):
    """{category: [(title, [paragraph, ...]), ...]} from the sample's category folders."""
    by_category = {}
    for category in sorted(os.listdir(root)):
        folder = os.path.join(root, category)
        if not os.path.isdir(folder):
            continue
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".txt"):
                continue
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                lines = [line.strip() for line in f.read().split("\n")]
            blocks = [line for line in lines if line]
            if len(blocks) < 3:
                continue
            by_category.setdefault(category, []).append((blocks[0], blocks[1:]))
    return by_category


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--out", required=True, help="JSONL file to write ('-' for stdout)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--bbc", default=default_bbc(), help="the BBC sample's folder")
    args = ap.parse_args()
    if not os.path.isdir(args.bbc):
        sys.exit(f"gen_corpus.py: no BBC sample at {args.bbc} (pass --bbc or set DYAD_SHARED)")
    articles = read_articles(args.bbc)
    categories = sorted(articles)
    # Politics and business carry most of the political events: weight them up.
    weights = [3 if c in ("politics", "business") else 1 for c in categories]
    rng = random.Random(args.seed)
    start = datetime.date(2004, 1, 1)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    for i in range(args.n):
        category = rng.choices(categories, weights)[0]
        pool = articles[category]
        title, paragraphs = rng.choice(pool)
        body = [paragraphs[0]]
        for _ in range(rng.randint(3, 9)):
            _, other = rng.choice(pool)
            body.append(rng.choice(other))
        date = start + datetime.timedelta(days=rng.randrange(730))
        record = {
            "id": f"synthetic-{args.seed}-{i:06d}",
            "url": f"https://example.org/{category}/{args.seed}/{i:06d}",
            "title": title,
            "date": date.isoformat(),
            # The number makes every text distinct, as a dateline would.
            "text": f"{title}\n\n" + "\n\n".join(body) + f"\n\n(Report {i + 1} of {args.n}.)",
        }
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()
