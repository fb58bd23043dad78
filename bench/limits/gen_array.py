#!/usr/bin/env python3
"""Write a JSON array of N short synthetic articles (default 1,000,000) for the memory test.

Each article has a distinct id and url, a title and a body of 20-40 words drawn from the ANT
corpus vocabulary, so that almost none is a duplicate of another and every one passes through the
whole duplicate state. Used by docs/limits.md ("JSON array of 1,000,000 short articles"):

    python3 bench/limits/gen_array.py 1000000 > /tmp/arr.json
    /usr/bin/time -f '%e s %M KB' khabar ingest --no-extract --quiet --index /tmp/idx /tmp/arr.json
"""
import gzip
import json
import random
import sys

ANT = "../shared/data/news/ant-multisource.jsonl.gz"


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    words = []
    with gzip.open(ANT, "rt", encoding="utf-8") as f:
        for i, line in enumerate(f):
            if i >= 2000:
                break
            words.extend(json.loads(line)["text"].split())
    rng = random.Random(7)
    out = sys.stdout
    out.write("[\n")
    for i in range(n):
        body = " ".join(rng.choice(words) for _ in range(rng.randint(20, 40)))
        title = " ".join(rng.choice(words) for _ in range(6))
        rec = {
            "id": f"a{i}",
            "url": f"https://example.org/news/{i}",
            "title": title,
            "text": body,
            "date": f"2018-{1 + i % 12:02d}-{1 + i % 28:02d}",
        }
        out.write(("," if i else "") + json.dumps(rec, ensure_ascii=False) + "\n")
    out.write("]\n")


if __name__ == "__main__":
    main()
