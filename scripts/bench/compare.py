"""Prints the wikitext-to-plain-text comparison of scripts/bench-wikitext.

Usage: compare.py OURS.json MWP.json WTF.json [EXPECTED_PAGES]
OURS.json is `annals bench --wiki DUMP --json`; the others are the helpers'
outputs. Fails when the tools did not read the same pages and bytes.
"""

import json
import sys


def main() -> int:
    ours_run = json.load(open(sys.argv[1]))
    others = [json.load(open(p)) for p in sys.argv[2:4]]
    expected = int(sys.argv[4]) if len(sys.argv) > 4 else None
    ours = {
        "tool": "annals read_wikitext (bench --wiki, figure b)",
        "pages": ours_run["pages"],
        "bytes": ours_run["wikitext_bytes"],
        "text_bytes": ours_run["text_bytes"],
        "seconds": ours_run["wikitext"]["seconds"],
        "mb_per_s": ours_run["wikitext"]["mb_per_s"],
        "pages_per_s": ours_run["wikitext"]["pages_per_s"],
    }
    rows = [ours] + others
    for r in rows:
        if (r["pages"], r["bytes"]) != (ours["pages"], ours["bytes"]):
            print(f"error: {r['tool']} read {r['pages']} pages / {r['bytes']} bytes, "
                  f"annals {ours['pages']} / {ours['bytes']}", file=sys.stderr)
            return 1
    if expected is not None and ours["pages"] != expected:
        print(f"error: {ours['pages']} article pages, expected {expected}", file=sys.stderr)
        return 1
    print(f"{ours['pages']} article pages, {ours['bytes'] / 1e6:.2f} MB of wikitext "
          f"(the same bytes for every tool), best of {ours_run['runs']} runs, one thread")
    print(f"{'tool':<48} {'MB/s':>9} {'pages/s':>9} {'seconds':>9} {'text MB':>8} {'ours/this':>10}")
    for r in rows:
        ratio = ours["mb_per_s"] / r["mb_per_s"]
        print(f"{r['tool']:<48} {r['mb_per_s']:>9.2f} {r['pages_per_s']:>9.1f} "
              f"{r['seconds']:>9.3f} {r['text_bytes'] / 1e6:>8.2f} {ratio:>9.1f}x")
    mwp = ours["mb_per_s"] / others[0]["mb_per_s"]
    verdict = "meets" if mwp >= 10 else "MISSES"
    print(f"annals / mwparserfromhell: {mwp:.1f}x ({verdict} the >= 10x goal); "
          f"annals / wtf_wikipedia: {ours['mb_per_s'] / others[1]['mb_per_s']:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
