#!/usr/bin/env python3
"""Known-item checks against a running instance (the query-path issue's acceptance figures).

For N papers sampled with a seed from the shared corpus, asks /api/search in the default mode:
  exact title            -> the paper at rank 1
  distinctive title words (the 4 rarest title words of length >= 4) -> in the top 10
  the abstract's first sentence (at most 40 words) -> in the top 10
  a Chinese tl;dr phrase (first clause of the summary's tl;dr) -> in the top 3
Usage: known_items.py BASE_URL [--n 100] [--seed 7] [--mode hybrid] [--data ../shared/data]
The instance should run with RateLimit:Enabled=false (hundreds of requests from one client).
"""
import argparse, collections, gzip, json, random, re, sys, urllib.parse, urllib.request

STOP = set("a an and are as at be by for from has in is it of on or that the this to was were with we our via using based towards toward".split())

def words(text):
    return re.findall(r"[A-Za-z][A-Za-z0-9\-]+", text)

def search(base, q, mode, size):
    url = f"{base}/api/search?" + urllib.parse.urlencode({"q": q, "size": size, **({"mode": mode} if mode else {})})
    try:
        with urllib.request.urlopen(url, timeout=60) as r:
            return [h["id"] for h in json.load(r)["hits"]]
    except urllib.error.HTTPError as e:
        return [f"HTTP {e.code}"]

def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("base"); ap.add_argument("--n", type=int, default=100); ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--mode", default=""); ap.add_argument("--data", default="../shared/data")
    a = ap.parse_args()
    papers = [json.loads(l) for l in gzip.open(f"{a.data}/arxiv-daily-listings/corpus.jsonl.gz", "rt")]
    summaries = {}
    for l in gzip.open(f"{a.data}/arxiv-daily-listings/ai-enhanced.jsonl.gz", "rt"):
        d = json.loads(l)
        if d.get("AI", {}).get("tldr"): summaries[d["id"]] = d["AI"]["tldr"]
    df = collections.Counter(w.lower() for p in papers for w in set(words(p["title"])))
    rnd = random.Random(a.seed)
    sample = rnd.sample(papers, a.n)
    zh = rnd.sample([p for p in papers if p["id"] in summaries], a.n)
    hits = collections.Counter(); misses = collections.defaultdict(list)
    for p in sample:
        pid, title = re.sub(r"v\d+$", "", p["id"]), " ".join(p["title"].split())  # the store keeps ids without a version
        checks = {"exact title @1": (title, 1)}
        distinct = sorted({w for w in words(title) if len(w) >= 4 and w.lower() not in STOP}, key=lambda w: df[w.lower()])[:4]
        if distinct: checks["title words @10"] = (" ".join(distinct), 10)
        first = re.split(r"(?<=[.!?])\s", " ".join(p["summary"].split()), maxsplit=1)[0]
        checks["first sentence @10"] = (" ".join(first.split()[:40]), 10)
        for name, (q, k) in checks.items():
            got = search(a.base, q, a.mode, k)
            if pid in got[:k]: hits[name] += 1
            else: misses[name].append(f"{pid}: {q[:80]!r} -> {got[:3]}")
    for p in zh:
        phrase = re.split(r"[，。；：,]", summaries[p["id"]])[0][:20]
        got = search(a.base, phrase, a.mode, 3)
        if p["id"] in got[:3]: hits["chinese tl;dr @3"] += 1
        else: misses["chinese tl;dr @3"].append(f"{p['id']}: {phrase!r} -> {got[:3]}")
    for name in ["exact title @1", "title words @10", "first sentence @10", "chinese tl;dr @3"]:
        print(f"{name:22s} {hits[name]:3d}/{a.n}")
    for name, m in misses.items():
        for line in m[:5]: print(f"  miss {name}: {line}", file=sys.stderr)

if __name__ == "__main__":
    main()
