#!/usr/bin/env python3
"""Builds data/reader-eval from a checkout of the Dragnet data (seomoz/dragnet_data, AGPL-3.0).

Run once, before any reader tuning; kept so the selection can be checked and repeated:

    python3 data/reader-eval/build.py <dragnet_data dir with input/ and GoldStandard/> [sites.tsv]

The rule, fixed before any page was read by a reader:
* only the pages Moz collected itself (file names R… and T…; the numbered ones come from the
  CETR data and are left out);
* only pages of news organisations (newspapers, broadcasters, wire, news magazines and news
  sites), by the host named in the page (canonical link, og:url, base, else its most linked host),
  from the fixed list NEWS below;
* at most CAP pages per host, in file-name order, whose article (the gold text before Dragnet's
  comment separator) has at least MIN_WORDS words;
* a page is held out when sha1(file name) % 3 == 0.
HTML and gold text are stored as UTF-8 (decoded as UTF-8, else as Windows-1252); nothing else is
changed.
"""
import collections, hashlib, os, re, sys

NEWS = set("""guardian.co.uk washingtonpost.com poynter.org ibnlive.in.com wired.com cnn.com
politicalticker.blogs.cnn.com sports.yahoo.com universetoday.com techcrunch.com news.cnet.com cnet.com
arstechnica.com online.wsj.com blogs.wsj.com news.com.au engadget.com abs-cbnnews.com nj.com
theatlantic.com nytimes.com well.blogs.nytimes.com gadgetwise.blogs.nytimes.com
fivethirtyeight.blogs.nytimes.com economix.blogs.nytimes.com huffingtonpost.com infoworld.com
mashable.com venturebeat.com gigaom.com computerworld.com geekwire.com theverge.com slate.com
skysports.com cbc.ca forbes.com businessinsider.com blogs.reuters.com nyasatimes.com
dallasobserver.com deadline.com kaiserhealthnews.org grist.org news.sciencemag.org theroot.com
breitbart.com theblaze.com news.health.com arlnow.com blogs.ajc.com blogs.suntimes.com blogs.mcall.com
mavsblog.dallasnews.com dallasmorningviewsblog.dallasnews.com blogs.edweek.org
profootballtalk.nbcsports.com nfl.si.com blogs.nfl.com allthingsd.com thenextweb.com extremetech.com
electronista.com news.softpedia.com gamasutra.com cio.com mediaite.com thinkprogress.org
chinadigitaltimes.net blogs.cfr.org jezebel.com gawker.com kotaku.com joystiq.com""".split())
CAP = 3
MIN_WORDS = 120
SEPARATOR = "!@#$%^&*()"

HOST_PATTERNS = [
    r'<link[^>]+rel=["\']canonical["\'][^>]*href=["\'](https?://[^/"\']+)',
    r'<link[^>]+href=["\'](https?://[^/"\']+)[^>]*rel=["\']canonical',
    r'og:url["\'][^>]*content=["\'](https?://[^/"\']+)',
    r'content=["\'](https?://[^/"\']+)[^>]*og:url',
    r'<base[^>]+href=["\'](https?://[^/"\']+)',
]


def decode(raw):
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")


def host_of(html):
    host = None
    for pattern in HOST_PATTERNS:
        m = re.search(pattern, html, re.I)
        if m:
            host = m.group(1)
            break
    if host is None:
        hosts = collections.Counter(re.findall(r'href=["\']https?://([^/"\']+)', html, re.I))
        host = hosts.most_common(1)[0][0] if hosts else "?"
    host = re.sub(r"^https?://", "", host.lower())
    return re.sub(r"^(www\d?|m)\.", "", host)


def main():
    src = sys.argv[1]
    out = os.path.dirname(os.path.abspath(__file__))
    names = [n for n in os.listdir(os.path.join(src, "input")) if n.endswith(".html") and n[0] in "RT"]
    names.sort(key=lambda n: (n[0], int(re.sub(r"\D", "", n))))
    per_host = collections.Counter()
    rows = []
    for name in names:
        html = decode(open(os.path.join(src, "input", name), "rb").read())
        host = host_of(html)
        if host not in NEWS or per_host[host] >= CAP:
            continue
        stem = name[:-5]
        gold = decode(open(os.path.join(src, "GoldStandard", stem + ".txt"), "rb").read())
        if len(gold.split(SEPARATOR)[0].split()) < MIN_WORDS:
            continue
        per_host[host] += 1
        split = "holdout" if int(hashlib.sha1(name.encode()).hexdigest(), 16) % 3 == 0 else "dev"
        folder = os.path.join(out, split)
        os.makedirs(folder, exist_ok=True)
        open(os.path.join(folder, stem + ".html"), "w", encoding="utf-8").write(html)
        open(os.path.join(folder, stem + ".txt"), "w", encoding="utf-8").write(gold)
        rows.append((stem, host, split))
    with open(os.path.join(out, "pages.tsv"), "w", encoding="utf-8") as f:
        f.write("page\thost\tsplit\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    splits = collections.Counter(r[2] for r in rows)
    print(f"{len(rows)} pages from {len(per_host)} hosts: {dict(splits)}")


if __name__ == "__main__":
    main()
