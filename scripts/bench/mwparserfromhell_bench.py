"""Times mwparserfromhell's wikitext to plain text on pages written by
`annals bench --wiki DUMP --write-pages FILE` (JSON lines {id, title, text}).

Usage: mwparserfromhell_bench.py PAGES.jsonl RUNS
Prints one JSON object: tool, pages, bytes (UTF-8 wikitext), text_bytes,
seconds (best of RUNS passes over all pages), mb_per_s, pages_per_s.
"""

import json
import sys
import time

import mwparserfromhell


def main() -> None:
    path, runs = sys.argv[1], max(1, int(sys.argv[2]))
    with open(path, encoding="utf-8") as f:
        texts = [json.loads(line)["text"] for line in f if line.strip()]
    size = sum(len(t.encode("utf-8")) for t in texts)
    best = float("inf")
    text_bytes = 0
    for _ in range(runs):
        start = time.perf_counter()
        out = [mwparserfromhell.parse(t).strip_code() for t in texts]
        best = min(best, time.perf_counter() - start)
        text_bytes = sum(len(o.encode("utf-8")) for o in out)
    print(json.dumps({
        "tool": "mwparserfromhell " + mwparserfromhell.__version__
        + (" (C tokenizer)" if mwparserfromhell.parser.use_c else " (Python tokenizer)"),
        "pages": len(texts),
        "bytes": size,
        "text_bytes": text_bytes,
        "seconds": best,
        "mb_per_s": size / 1e6 / best,
        "pages_per_s": len(texts) / best,
    }))


if __name__ == "__main__":
    main()
