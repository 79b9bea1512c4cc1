#!/usr/bin/env python3
"""Fresh held-out Wikinews articles (years other than 2019-2020) from the GUM corpus.

    python3 data/quotes-real/build_gum.py <GUM git dir (commit 72ce5ac1)> <quotes-real dir> <out dir> <sources.md>

Source: https://github.com/amir-zeldes/gum (Georgetown University Multilayer corpus), whose
`news` genre is English Wikinews articles (texts CC BY 2.5, annotations CC BY 4.0). For each
GUM_news_* document the text comes from dep/<doc>.conllu (`# text =` of every sentence, i.e. the
article's own characters and spacing) and the paragraph structure from xml/<doc>.xml (same
sentences, same order). Only sentences inside <p> elements are kept, as vanatteveldt/wikinews
kept only the page's <p> elements: headings, image captions and list items (the "Sources" list)
are dropped, and reading stops at a "Sources"/"Related news"/"External links" heading.

The selection rule is that of data/quotes-real/build.py, unchanged: no test pages, no interviews
by title, no "review ... publish" drafts, 150 to 1,200 words after the dateline paragraph is
removed and white space collapsed, at least four double quotation marks; candidates in the order
of sha1(url); articles already in SOURCES.md (by URL or title) skipped; the first TAKE written as
176-<slug>.txt, 177-..., in the format build.py writes.
"""
import hashlib, html, os, re, subprocess, sys, urllib.parse

TAKE = 24
FIRST = 176
DATELINE = re.compile(r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), [A-Z][a-z]+ \d{1,2}, \d{4}$")
INTERVIEW = re.compile(r"interview|tells wikinews|talks to wikinews|speaks to wikinews", re.I)
STOP_HEADS = {"sources", "source", "related news", "external links", "sister links", "see also"}
SKIP_BLOCKS = {"head", "caption", "item", "list"}
BLOCKS = SKIP_BLOCKS | {"p", "figure", "quote_block"}


def slug(title):  # as build.py
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words[:5])


def git_show(gitdir, path):
    return subprocess.run(["git", "-C", gitdir, "show", "HEAD:" + path], check=True,
                          capture_output=True).stdout.decode("utf-8")


def conllu_doc(text):
    meta, sents = {}, []
    for line in text.split("\n"):
        m = re.match(r"# meta::(\w+) = (.*)$", line)
        if m:
            meta[m.group(1)] = m.group(2)
        elif line.startswith("# text = "):
            sents.append(line[len("# text = "):])
    return meta, sents


def xml_structure(text):
    """For every <s>, in order: (paragraph key or None, kind, date attr of a <date> inside it)."""
    stack, out, pid, cur = [], [], 0, None
    for line in text.split("\n"):
        m = re.match(r"<(/?)([a-z_]+)\b([^>]*)>$", line.strip())
        if not m:
            if cur is not None and "\t" in line:
                cur["tokens"].append(line.split("\t")[0])
            continue
        close, tag, attrs = m.groups()
        if tag == "s":
            if close:
                out.append(cur)
                cur = None
            else:
                names = [t for t, _ in stack]
                if any(n in SKIP_BLOCKS for n in names):
                    kind = next(n for n in reversed(names) if n in SKIP_BLOCKS)
                    key = None
                elif "p" in names:
                    kind = "p"
                    key = ("p", [i for t, i in stack if t == "p"][-1])
                else:
                    kind = "bare"
                    key = ("bare", pid)
                cur = {"kind": kind, "key": key, "tokens": [], "date": None}
            continue
        if close:
            while stack and stack[-1][0] != tag:
                stack.pop()
            if stack:
                stack.pop()
            if tag in BLOCKS:
                pid += 1
        else:
            if tag == "text":
                continue
            if tag in BLOCKS:
                pid += 1
            stack.append((tag, pid))
            if tag == "date" and cur is not None and cur["date"] is None:
                w = re.search(r'when="([^"]+)"', attrs)
                if w:
                    cur["date"] = w.group(1)
    return out


def gum_articles(gitdir):
    names = subprocess.run(["git", "-C", gitdir, "ls-tree", "--name-only", "HEAD", "dep/"], check=True,
                           capture_output=True).stdout.decode().split()
    for path in sorted(n for n in names if os.path.basename(n).startswith("GUM_news_")):
        doc = os.path.basename(path)[:-len(".conllu")]
        meta, sents = conllu_doc(git_show(gitdir, path))
        struct = xml_structure(git_show(gitdir, f"xml/{doc}.xml"))
        assert len(struct) == len(sents), (doc, len(struct), len(sents))
        paragraphs, keys, date = [], [], None
        for s, text in zip(struct, sents):
            if s["kind"] == "head":
                if text.strip().lower() in STOP_HEADS:
                    break
                continue
            if s["key"] is None:
                continue
            if s["key"] in keys:
                paragraphs[-1] += " " + text
            else:
                keys.append(s["key"])
                paragraphs.append(text)
                if len(paragraphs) == 1 and DATELINE.match(" ".join(text.split())) and s["date"]:
                    date = s["date"]
        title = html.unescape(meta["title"])
        yield {
            "doc": doc,
            "url": meta["sourceURL"],
            "title": title,
            "date": date or meta["dateCreated"],
            "date_from": "dateline" if date else "dateCreated",
            "text": "\n\n".join(paragraphs),
        }


def known(quotes_real):
    urls, titles = set(), set()
    for line in open(os.path.join(quotes_real, "SOURCES.md"), encoding="utf-8"):
        m = re.match(r"\| `[^`]+` \| (.*) \| \d{4}-\d\d-\d\d \| <([^>]+)> \|$", line.strip())
        if m:
            titles.add(m.group(1).strip())
            urls.add(norm(m.group(2)))
    return urls, titles


def norm(url):
    return urllib.parse.unquote(url).replace("//wiki", "/wiki").replace(" ", "_").replace("http://", "https://")


def main():
    gitdir, quotes_real, out, sources = sys.argv[1:5]
    seen_urls, seen_titles = known(quotes_real)
    picked, report = [], []
    for a in gum_articles(gitdir):
        title, text = a["title"].strip(), a["text"]
        why = None
        if title.startswith("TEST PAGE") or INTERVIEW.search(title):
            why = "interview/test title"
        elif "review" in text[:300].lower() and "publish" in text[:300].lower():
            why = "review draft"
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        if paragraphs and DATELINE.match(paragraphs[0]):
            paragraphs = paragraphs[1:]
        body = "\n\n".join(" ".join(p.split()) for p in paragraphs)
        words = len(body.split())
        if why is None and (not 150 <= words <= 1200 or body.count('"') < 4):
            why = f"{words} words, {body.count(chr(34))} double quotes"
        if why is None and a["date"][:4] in ("2019", "2020"):
            why = "2019-2020"
        if why is None and (norm(a["url"]) in seen_urls or title in seen_titles):
            why = "already in SOURCES.md"
        key = int(hashlib.sha1(a["url"].encode()).hexdigest(), 16)
        report.append((key, a["doc"], a["date"], a["date_from"], words, body.count('"'), why or "OK", title))
        if why is None:
            picked.append((key, a["url"], a["date"], title, body))
    picked.sort()
    for r in sorted(report):
        print(f"{r[0]:040x}"[:10], *r[1:], sep="\t")
    os.makedirs(out, exist_ok=True)
    lines = []
    for n, (key, url, date, title, body) in enumerate(picked[:TAKE], start=FIRST):
        name = f"{n:02d}-{slug(title)}.txt"
        with open(os.path.join(out, name), "w", encoding="utf-8") as f:
            f.write(f"date {date}\n{title}\n\n{body}\n")
        lines.append(f"| `holdout-8/{name}` | {title} | {date} | <{url}> |")
    with open(sources, "w", encoding="utf-8") as f:
        f.write("\n".join(lines) + "\n")
    print(len(picked), "pass the rule;", min(len(picked), TAKE), "written", file=sys.stderr)


if __name__ == "__main__":
    main()
