#!/usr/bin/env python3
"""Builds data/quotes-real from the Wikinews articles collected in vanatteveldt/wikinews
(data/wikinews_2019.csv and data/wikinews_2020.csv; Wikinews, CC BY 2.5).

    python3 data/quotes-real/build.py <folder holding wikinews_2019.csv and wikinews_2020.csv>

The rule, fixed before labelling and before any detector change:
* news reports only: no test pages, drafts under review, or interviews (titles with "interview",
  "tells Wikinews", "talks to Wikinews", "speaks to Wikinews" or "Wikinews interviews");
* 150 to 1,200 words, with at least two pairs of double quotation marks;
* in the order of sha1(url), the first TAKE such articles; held out when sha1(url) % 4 == 0;
* the next FRESH articles in that order form `holdout-2/`, labelled after the detector work that
  the first held-out part guided (see README), and scored once; the FRESH_2 after them form
  `holdout-3/`, labelled after the work that `holdout-2/` guided, and scored once; the FRESH_3
  after those form `holdout-4/`, labelled after the work that `holdout-3/` guided, and scored once; the FRESH_4 after those form
  `holdout-5/`, labelled after the work that `holdout-4/` guided, and scored once; the FRESH_5
  after those form `holdout-6/`, labelled after the work that `holdout-5/` guided, and scored once;
  the FRESH_6 after those form `holdout-7/`, labelled after the work that `holdout-6/` guided.
Each article is written as Quotemark reads plain text: a `date` marker, the headline, then the
paragraphs. Only the dateline paragraph that opens some bodies ("Friday, January 4, 2019") is
removed, since the date marker carries it; nothing else in the text is changed.
"""
import csv, hashlib, os, re, sys

TAKE = 56
FRESH = 20
FRESH_2 = 20
FRESH_3 = 24
FRESH_4 = 24
FRESH_5 = 24
FRESH_6 = 24
DATELINE = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}$")
INTERVIEW = re.compile(r"interview|tells wikinews|talks to wikinews|speaks to wikinews", re.I)


def slug(title):
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words[:5])


def main():
    src = sys.argv[1]
    out = os.path.dirname(os.path.abspath(__file__))
    rows = []
    for year in ("2019", "2020"):
        with open(os.path.join(src, f"wikinews_{year}.csv"), encoding="utf-8") as f:
            rows += list(csv.DictReader(f))
    picked = []
    for row in rows:
        title, text = row["title"].strip(), row["text"]
        if title.startswith("TEST PAGE") or INTERVIEW.search(title):
            continue
        if "review" in text[:300].lower() and "publish" in text[:300].lower():
            continue
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        if paragraphs and DATELINE.match(paragraphs[0]):
            paragraphs = paragraphs[1:]
        body = "\n\n".join(" ".join(p.split()) for p in paragraphs)
        words = len(body.split())
        if not 150 <= words <= 1200 or body.count('"') < 4:
            continue
        key = int(hashlib.sha1(row["url"].encode()).hexdigest(), 16)
        picked.append((key, row["url"], row["date"], title, body))
    picked.sort()
    fresh = picked[TAKE:TAKE + FRESH]
    fresh_2 = picked[TAKE + FRESH:TAKE + FRESH + FRESH_2]
    fresh_3 = picked[TAKE + FRESH + FRESH_2:TAKE + FRESH + FRESH_2 + FRESH_3]
    start_4 = TAKE + FRESH + FRESH_2 + FRESH_3
    fresh_4 = picked[start_4:start_4 + FRESH_4]
    start_5 = start_4 + FRESH_4
    fresh_5 = picked[start_5:start_5 + FRESH_5]
    start_6 = start_5 + FRESH_5
    fresh_6 = picked[start_6:start_6 + FRESH_6]
    picked = picked[:TAKE]
    index = ["| file | title | date | source |", "|---|---|---|---|"]
    for n, (key, url, date, title, body) in enumerate(picked + fresh + fresh_2 + fresh_3 + fresh_4 + fresh_5 + fresh_6, start=1):
        if n > start_6:
            sub = "holdout-7"
        elif n > start_5:
            sub = "holdout-6"
        elif n > start_4:
            sub = "holdout-5"
        elif n > TAKE + FRESH + FRESH_2:
            sub = "holdout-4"
        elif n > TAKE + FRESH:
            sub = "holdout-3"
        elif n > TAKE:
            sub = "holdout-2"
        else:
            sub = "holdout" if key % 4 == 0 else ""
        folder = os.path.join(out, sub) if sub else out
        os.makedirs(folder, exist_ok=True)
        name = f"{n:02d}-{slug(title)}"
        with open(os.path.join(folder, name + ".txt"), "w", encoding="utf-8") as f:
            f.write(f"date {date}\n{title}\n\n{body}\n")
        rel = (sub + "/" if sub else "") + name + ".txt"
        index.append(f"| `{rel}` | {title} | {date} | <{url.replace('//wiki', '/wiki')}> |")
    with open(os.path.join(out, "SOURCES.md"), "w", encoding="utf-8") as f:
        f.write("# Sources\n\nEvery article is from English Wikinews, licensed under the Creative Commons "
                "Attribution 2.5 licence (<https://creativecommons.org/licenses/by/2.5/>), by Wikinews "
                "contributors; each one's page is linked below. Changes: the opening dateline paragraph "
                "removed where there was one, white space inside paragraphs collapsed.\n\n")
        f.write("\n".join(index) + "\n")
    print(len(picked), "articles,", sum(1 for p in picked if p[0] % 4 == 0), "held out,", len(fresh), "in holdout-2,", len(fresh_2), "in holdout-3,", len(fresh_3), "in holdout-4,", len(fresh_4), "in holdout-5,", len(fresh_5), "in holdout-6,", len(fresh_6), "in holdout-7")


if __name__ == "__main__":
    main()
