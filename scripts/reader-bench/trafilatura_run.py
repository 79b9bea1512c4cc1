#!/usr/bin/env python3
"""Runs trafilatura (PyPI) on every NAME.html of the given folders; prints JSON lines
{"page", "title", "text", "ms"} for crates/core/examples/reader_eval.rs to score.

Default settings (no favouring of precision or recall), comments left out as the gold text
leaves them out; "ms" is the median of RUNS timed calls of bare_extraction on the page's text.
"""
import json, os, statistics, sys, time

import trafilatura

RUNS = 3


def main():
    for folder in sys.argv[1:]:
        for name in sorted(os.listdir(folder)):
            if not name.endswith(".html"):
                continue
            html = open(os.path.join(folder, name), encoding="utf-8").read()
            times, doc = [], None
            for _ in range(RUNS):
                started = time.perf_counter()
                doc = trafilatura.bare_extraction(html, include_comments=False, with_metadata=True)
                times.append((time.perf_counter() - started) * 1000)
            title = text = None
            if doc is not None:
                get = (lambda k: doc.get(k)) if isinstance(doc, dict) else (lambda k: getattr(doc, k, None))
                title, text = get("title"), get("text")
            print(json.dumps({"page": name[:-5], "title": title, "text": text or "", "ms": statistics.median(times)}))


if __name__ == "__main__":
    main()
