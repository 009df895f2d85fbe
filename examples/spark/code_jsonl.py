#!/usr/bin/env python3
"""Code a directory of JSONL articles into Parquet event files with dyad, under Apache Spark.

    code_jsonl.py INPUT_DIR OUTPUT_DIR [--dyad PATH] [--partitions N] [--by-month]

Every `*.jsonl` / `*.jsonl.gz` file of INPUT_DIR (one article a line: id, url, title, date, and
text or html) is read as lines; each Spark partition streams its lines through one `dyad code -`
process (the binary carries its dictionaries and models, so shipping it is all the setup an
executor needs) and gets back event records, one JSON object a line (docs/output.md). The
records are written to OUTPUT_DIR as Parquet with a fixed schema (below), or, with --by-month,
under OUTPUT_DIR/month=YYYY-MM/ (month=unknown for undated events).

A document that fails (bad JSON, empty text) is reported by dyad as a JSON line on its stderr and
dyad exits 1: the partition carries on and the failures are logged with the executor's output
and counted at the end. Any other exit status fails the task (Spark retries it).
"""

import argparse
import itertools
import json
import os
import shutil
import subprocess
import sys
import threading

from pyspark import SparkFiles
from pyspark.sql import SparkSession
from pyspark.sql import types as T


def actor():
    return T.StructType(
        [
            T.StructField("code", T.StringType(), False),
            T.StructField("country", T.StringType(), False),
            T.StructField("text", T.StringType(), False),
            T.StructField("name", T.StringType(), False),
        ]
    )


MENTION = T.StructType(
    [
        T.StructField("doc_id", T.StringType(), False),
        T.StructField("section", T.StringType(), False),
        T.StructField("sentence_index", T.LongType(), False),
        T.StructField("char_span", T.ArrayType(T.LongType(), False), False),
        T.StructField("evidence", T.StringType(), False),
    ]
)

# The event record of docs/output.md. A record with a field this schema lacks fails the job
# (see check_fields) rather than losing the field silently: extend the schema with the record.
EVENT = T.StructType(
    [
        T.StructField("doc_id", T.StringType(), False),
        T.StructField("input_id", T.StringType(), True),
        T.StructField("event_id", T.StringType(), False),
        T.StructField("date", T.StringType(), True),
        T.StructField("date_precision", T.StringType(), False),
        T.StructField("date_source", T.StringType(), True),
        T.StructField("source", actor(), False),
        T.StructField("target", actor(), True),
        T.StructField(
            "action_geo",
            T.StructType(
                [
                    T.StructField("name", T.StringType(), False),
                    T.StructField("country", T.StringType(), False),
                    T.StructField("lat", T.DoubleType(), False),
                    T.StructField("lon", T.DoubleType(), False),
                    T.StructField("geonames_id", T.LongType(), False),
                ]
            ),
            True,
        ),
        T.StructField("cameo", T.StringType(), False),
        T.StructField("root", T.StringType(), False),
        T.StructField("plover", T.StringType(), True),
        T.StructField("quad_class", T.LongType(), False),
        T.StructField("goldstein", T.DoubleType(), False),
        T.StructField("status", T.StringType(), False),
        T.StructField("attributed_to", T.StringType(), True),
        T.StructField("section", T.StringType(), False),
        T.StructField("sentence_index", T.LongType(), False),
        T.StructField("char_span", T.ArrayType(T.LongType(), False), False),
        T.StructField("evidence", T.StringType(), False),
        T.StructField("mentions", T.ArrayType(MENTION, False), False),
        T.StructField("num_mentions", T.LongType(), False),
        T.StructField("num_sources", T.LongType(), False),
        T.StructField("num_articles", T.LongType(), False),
        T.StructField("rule", T.StringType(), False),
    ]
)


def unknown_fields(value, schema, path=""):
    """Dotted paths of `value` (a parsed record) that `schema` does not have."""
    if isinstance(schema, T.StructType) and isinstance(value, dict):
        out = []
        for key, v in value.items():
            if key not in schema.fieldNames():
                out.append(path + key)
            else:
                out += unknown_fields(v, schema[key].dataType, path + key + ".")
        return out
    if isinstance(schema, T.ArrayType) and isinstance(value, list):
        return [p for v in value for p in unknown_fields(v, schema.elementType, path)]
    return []


def code_partition(binary_name, failures):
    """A mapPartitions function: pipe the partition's lines through `dyad code -`."""

    def run(lines):
        lines = iter(lines)
        first = next(lines, None)
        if first is None:
            # An empty partition (repartitioning makes some) needs no process.
            return
        lines = itertools.chain([first], lines)
        binary = SparkFiles.get(binary_name)
        proc = subprocess.Popen(
            [binary, "code", "-"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )

        def feed():
            try:
                for line in lines:
                    proc.stdin.write(line.rstrip("\n") + "\n")
            finally:
                proc.stdin.close()

        errors = []

        def drain():
            for line in proc.stderr:
                errors.append(line)
                sys.stderr.write(line)

        writer = threading.Thread(target=feed, daemon=True)
        reader = threading.Thread(target=drain, daemon=True)
        writer.start()
        reader.start()
        for line in proc.stdout:
            record = json.loads(line)
            extra = unknown_fields(record, EVENT)
            if extra:
                proc.kill()
                raise RuntimeError(f"event record fields missing from the job's schema: {extra}")
            yield line
        writer.join()
        reader.join()
        status = proc.wait()
        failed = sum(1 for e in errors if '"error"' in e)
        failures.add(failed)
        # 1 means some documents failed (reported on stderr); the others are coded.
        if status not in (0, 1):
            raise RuntimeError(f"dyad exited with {status}: {''.join(errors[-5:])}")

    return run


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("input_dir")
    ap.add_argument("output_dir")
    ap.add_argument("--dyad", default="dyad", help="the dyad binary (default: dyad on PATH)")
    ap.add_argument("--partitions", type=int, help="partitions of the input (default: Spark's)")
    ap.add_argument("--by-month", action="store_true", help="write OUTPUT_DIR/month=YYYY-MM/")
    args = ap.parse_args(argv)

    binary = shutil.which(args.dyad) or os.path.abspath(args.dyad)
    if not os.access(binary, os.X_OK):
        ap.error(f"no dyad binary at {args.dyad}")
    spark = SparkSession.builder.appName("dyad code_jsonl").getOrCreate()
    sc = spark.sparkContext
    sc.addFile(binary)
    failures = sc.accumulator(0)

    pattern = os.path.join(os.path.abspath(args.input_dir), "*.jsonl*")
    lines = sc.textFile(pattern)
    if args.partitions:
        lines = lines.repartition(args.partitions)
    lines = lines.filter(lambda line: line.strip())
    events = lines.mapPartitions(code_partition(os.path.basename(binary), failures))
    frame = spark.read.schema(EVENT).json(events)
    writer = frame.write.mode("overwrite")
    if args.by_month:
        from pyspark.sql import functions as F

        month = F.coalesce(F.substring("date", 1, 7), F.lit("unknown"))
        frame = frame.withColumn("month", month)
        writer = frame.write.mode("overwrite").partitionBy("month")
    writer.parquet(args.output_dir)
    print(f"dyad code_jsonl: wrote {args.output_dir}; {failures.value} documents failed", file=sys.stderr)
    spark.stop()


if __name__ == "__main__":
    main()
