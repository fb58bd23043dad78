#!/usr/bin/env python3
"""Checks the gold files in gold/reading/ against the ANT corpus.

usage: python3 scripts/gold/check.py [gold/reading/*.jsonl] [--ant PATH]

For every line: the fields are there, the part follows the docno rule
(test when md5(docno)[0] % 3 == 0), the passage is a substring of the article's
text, the date is the article's day, and every annotated string is a substring
of the passage. Prints each problem and a count per file and part; exits 1 when
there is a problem.
"""
import argparse
import email.utils
import glob
import gzip
import hashlib
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
DEFAULT_ANT = os.path.join(ROOT, "..", "shared", "data", "news", "ant-multisource.jsonl.gz")

TYPES = set("AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT "
            "THREATEN PROTEST SANCTION MOBILIZE COERCE ASSAULT".split())
STRINGS = {
    "quotes": ["content", "speaker", "head"],
    "numbers": ["text", "unit"],
    "dates": ["text"],
    "events": ["trigger", "actor", "target", "actor_head", "target_head"],
}


def part_of(docno):
    return "test" if hashlib.md5(docno.encode("utf-8")).digest()[0] % 3 == 0 else "dev"


def load_ant(path):
    arts = {}
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            arts.setdefault(d["docno"], d)
    return arts


def day_of(time):
    return email.utils.parsedate_to_datetime(time).date().isoformat()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("files", nargs="*")
    ap.add_argument("--ant", default=DEFAULT_ANT)
    a = ap.parse_args()
    files = a.files or sorted(glob.glob(os.path.join(ROOT, "gold", "reading", "*.jsonl")))
    arts = load_ant(a.ant)
    bad = 0
    for path in files:
        kind = os.path.basename(path).split(".")[0]
        ids = set()
        counts = {}
        for n, line in enumerate(open(path, encoding="utf-8"), 1):
            line = line.strip()
            if not line:
                continue
            where = f"{path}:{n}"
            try:
                g = json.loads(line)
            except json.JSONDecodeError as e:
                print(f"{where}: not JSON: {e}")
                bad += 1
                continue
            problems = []
            for k in ("id", "part", "docno", "date", "text", kind):
                if k not in g:
                    problems.append(f"missing {k}")
            if problems:
                print(f"{where}: " + "; ".join(problems))
                bad += 1
                continue
            if g["id"] in ids:
                problems.append(f"duplicate id {g['id']}")
            ids.add(g["id"])
            art = arts.get(g["docno"])
            if art is None:
                problems.append(f"no ANT article {g['docno']}")
            else:
                if g["text"] not in art["text"]:
                    problems.append("text is not a substring of the article")
                if g["date"] != day_of(art["time"]):
                    problems.append(f"date {g['date']} is not the article's {day_of(art['time'])}")
            if g["part"] != part_of(g["docno"]):
                problems.append(f"part {g['part']} should be {part_of(g['docno'])}")
            for item in g[kind]:
                for k in STRINGS.get(kind, []):
                    v = item.get(k)
                    if v is not None and v not in ("%",) and v not in g["text"]:
                        problems.append(f"{k} {v!r} is not in the text")
                if kind == "events" and item.get("type") not in TYPES:
                    problems.append(f"unknown type {item.get('type')!r}")
                if kind == "quotes" and item.get("kind") not in ("direct", "reported"):
                    problems.append(f"quote kind {item.get('kind')!r}")
                if kind == "numbers" and not isinstance(item.get("value"), (int, float)):
                    problems.append(f"number value {item.get('value')!r}")
                if kind == "quotes" and item.get("speaker") and item.get("head") and item["head"] not in item["speaker"]:
                    problems.append(f"head {item['head']!r} not inside speaker")
            if problems:
                print(f"{where} ({g['id']}): " + "; ".join(problems))
                bad += 1
            c = counts.setdefault(g["part"], [0, 0])
            c[0] += 1
            c[1] += len(g[kind])
        for part, (lines, items) in sorted(counts.items()):
            print(f"{os.path.basename(path)} {part}: {lines} passages, {items} annotations")
    print("problems:", bad)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
