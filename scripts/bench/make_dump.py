"""Writes a large MediaWiki XML export by repeating the pages of a small one.

Usage: make_dump.py SOURCE(.xml or .xml.bz2) OUT.xml TARGET_BYTES
The source's header (siteinfo) is written once, then its pages over and over
until the output holds at least TARGET_BYTES: copy k > 0 of a page gets the
id k * 1,000,000 + its id and the title "<title> (copy k)", so that every
page differs from the others in id and title. The output is written as it is
made (only the source, a few MB, is held in memory). Prints the pages and
bytes written as JSON.
"""

import bz2
import json
import re
import sys


def main() -> None:
    source, out_path, target = sys.argv[1], sys.argv[2], int(sys.argv[3])
    opener = bz2.open if source.endswith(".bz2") else open
    with opener(source, "rb") as f:
        xml = f.read().decode("utf-8")
    first = xml.index("<page>")
    first = xml.rindex("\n", 0, first) + 1
    end = xml.rindex("</mediawiki>")
    head, body, tail = xml[:first], xml[first:end], xml[end:]
    pages = re.findall(r"[ \t]*<page>.*?</page>\s*", body, re.S)
    if not pages:
        sys.exit(f"{source}: no <page> in it")
    id_re = re.compile(r"<id>(\d+)</id>")
    title_re = re.compile(r"<title>(.*?)</title>", re.S)
    written, count, copy = 0, 0, 0
    with open(out_path, "w", encoding="utf-8", newline="") as out:
        written += out.write(head)
        while written < target:
            for page in pages:
                if copy > 0:
                    page = title_re.sub(
                        lambda m: f"<title>{m.group(1)} (copy {copy})</title>", page, count=1
                    )
                    page = id_re.sub(
                        lambda m: f"<id>{copy * 1_000_000 + int(m.group(1))}</id>", page, count=1
                    )
                written += len(page.encode("utf-8"))
                out.write(page)
                count += 1
            copy += 1
        written += out.write(tail)
    print(json.dumps({"pages": count, "copies": copy, "bytes": written}))


if __name__ == "__main__":
    main()
