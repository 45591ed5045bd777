#!/usr/bin/env python3
"""Annotate Wikipedia articles with annals under Apache Spark.

Reads the article pages of a MediaWiki XML dump (.xml or .xml.bz2), writes
them as NDJSON documents ``{id, title, text, format: "wikitext"}``,
distributes the lines over Spark partitions and pipes each partition through
``annals tag --input ndjson --output ndjson``; the annotated lines are
collected and written to ``--out``, one JSON object per article (or
``{id, error}`` for an article annals could not read).

Locally (what the tests run)::

    python3 examples/spark/annals_spark.py --annals target/debug/annals \\
        --dump enwiki-....xml.bz2 --limit 20 --pages pages.ndjson --out tagged.ndjson

With ``--parquet DIR`` (a binary built with ``--features parquet``), each
partition is piped through ``annals tag --input ndjson --output parquet``
into ``DIR/part-NNNNN.parquet`` instead, the parts are read back with
``spark.read.parquet`` as one DataFrame of nested rows, and ``--out`` holds
that DataFrame as JSON lines (null fields left out). ``DIR`` must be a
folder every executor can write (a shared filesystem on a cluster).

On a cluster, ship the binary with ``spark-submit --files annals`` and pass
``--annals annals --shipped``: each executor then finds its copy with
``SparkFiles.get`` (see README, "On a cluster").
"""

import argparse
import bz2
import json
import os
import shlex
import sys
import xml.etree.ElementTree as ET


def local_name(tag):
    """An XML tag without its namespace: ``{http://...}page`` -> ``page``."""
    return tag.rsplit("}", 1)[-1]


def article_pages(dump, limit=None):
    """The article pages of a dump (namespace 0, no redirects) as
    ``(id, title, wikitext)``, in dump order, at most ``limit`` of them."""
    opener = bz2.open if dump.endswith(".bz2") else open
    found = 0
    with opener(dump, "rb") as f:
        for _, elem in ET.iterparse(f, events=("end",)):
            if local_name(elem.tag) != "page":
                continue
            fields = {}
            redirect = False
            for child in elem:
                name = local_name(child.tag)
                if name in ("title", "ns", "id"):
                    fields[name] = child.text or ""
                elif name == "redirect":
                    redirect = True
                elif name == "revision":
                    for part in child:
                        if local_name(part.tag) == "text":
                            fields["text"] = part.text or ""
            elem.clear()
            if fields.get("ns") != "0" or redirect or not fields.get("text"):
                continue
            yield int(fields["id"]), fields.get("title", ""), fields["text"]
            found += 1
            if limit is not None and found >= limit:
                return


def write_pages(dump, limit, path):
    """Writes the dump's article pages to ``path`` as annals' NDJSON input;
    returns the lines."""
    lines = [
        json.dumps({"id": i, "title": t, "text": w, "format": "wikitext"}, ensure_ascii=False)
        for i, t, w in article_pages(dump, limit)
    ]
    with open(path, "w", encoding="utf-8") as out:
        for line in lines:
            out.write(line + "\n")
    return lines


TAG = ["tag", "--input", "ndjson", "--output", "ndjson"]
TAG_PARQUET = ["tag", "--input", "ndjson", "--output", "parquet"]


def parquet_part(annals, folder, env, index, part):
    """The lines of one partition through ``annals tag --input ndjson
    --output parquet`` into ``folder/part-NNNNN.parquet``; yields the part's
    path, failing the task when annals fails."""
    import subprocess
    import threading

    os.chmod(annals, 0o755)
    path = os.path.join(folder, f"part-{index:05d}.parquet")
    with open(path + ".tmp", "wb") as out:
        child = subprocess.Popen([annals, *TAG_PARQUET], env=env, stdin=subprocess.PIPE, stdout=out)

        def feed():
            for line in part:
                child.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
            child.stdin.close()

        feeder = threading.Thread(target=feed, daemon=True)
        feeder.start()
        feeder.join()
        if child.wait() != 0:
            raise RuntimeError(f"{annals} exited with status {child.returncode}")
    os.replace(path + ".tmp", path)
    yield path


def pipe_part(annals, part, env):
    """What ``RDD.pipe`` does, with a binary whose path is found on the
    executor: the lines of one partition through ``annals tag --input ndjson
    --output ndjson``, failing the task when annals fails."""
    import subprocess
    import threading

    os.chmod(annals, 0o755)
    child = subprocess.Popen([annals, *TAG], env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE)

    def feed():
        for line in part:
            child.stdin.write(line.rstrip("\n").encode("utf-8") + b"\n")
        child.stdin.close()

    threading.Thread(target=feed, daemon=True).start()
    for line in child.stdout:
        yield line.rstrip(b"\n").decode("utf-8")
    if child.wait() != 0:
        raise RuntimeError(f"{annals} exited with status {child.returncode}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--annals", required=True, help="the annals binary (its file name with --shipped)")
    parser.add_argument("--shipped", action="store_true",
                        help="the binary was shipped with spark-submit --files: find it with SparkFiles.get")
    parser.add_argument("--dump", required=True, help="a MediaWiki XML dump (.xml or .xml.bz2)")
    parser.add_argument("--limit", type=int, default=None, help="at most this many articles")
    parser.add_argument("--pages", required=True, help="where to write the NDJSON input")
    parser.add_argument("--out", required=True, help="where to write the annotated NDJSON")
    parser.add_argument("--parquet", default=None,
                        help="write Parquet parts into this folder (read back into --out)")
    parser.add_argument("--master", default="local[2]", help="the Spark master (default local[2])")
    parser.add_argument("--partitions", type=int, default=4, help="how many parts to cut the input into")
    parser.add_argument("--threads", type=int, default=2, help="annals' threads per task (RAYON_NUM_THREADS)")
    args = parser.parse_args()

    lines = write_pages(args.dump, args.limit, args.pages)

    # The Python workers run the same interpreter as this driver.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    from pyspark import SparkConf, SparkContext, SparkFiles

    conf = (
        SparkConf()
        .setAppName("annals")
        .setMaster(args.master)
        .set("spark.ui.enabled", "false")
        .set("spark.ui.showConsoleProgress", "false")
    )
    sc = SparkContext(conf=conf)
    sc.setLogLevel("ERROR")
    try:
        # RDD.pipe gives the child an empty environment unless told otherwise.
        env = {"RAYON_NUM_THREADS": str(args.threads)}
        parts = sc.parallelize(lines, args.partitions)
        binary = os.path.abspath(args.annals)
        if args.parquet:
            folder = os.path.abspath(args.parquet)
            os.makedirs(folder, exist_ok=True)
            name = os.path.basename(args.annals)
            shipped = args.shipped

            def write_part(index, part):
                return parquet_part(SparkFiles.get(name) if shipped else binary, folder, env, index, part)

            written = parts.mapPartitionsWithIndex(write_part).collect()
            from pyspark.sql import SparkSession

            rows = SparkSession(sc).read.parquet(*written)
            tagged = rows.toJSON().collect()
        elif args.shipped:
            # The path of the shipped copy is only known on each executor.
            name = os.path.basename(args.annals)
            tagged = parts.mapPartitions(lambda part: pipe_part(SparkFiles.get(name), part, env)).collect()
        else:
            command = shlex.join([binary, *TAG])
            tagged = parts.pipe(command, env=env, checkCode=True).collect()
    finally:
        sc.stop()

    if len(tagged) != len(lines):
        sys.exit(f"annals_spark: {len(lines)} articles in, {len(tagged)} lines out")
    with open(args.out, "w", encoding="utf-8") as out:
        for line in tagged:
            out.write(line + "\n")
    errors = sum(1 for line in tagged if "error" in json.loads(line))
    print(f"annals_spark: {len(tagged)} articles annotated ({errors} errors) into {args.out}", file=sys.stderr)


if __name__ == "__main__":
    main()
