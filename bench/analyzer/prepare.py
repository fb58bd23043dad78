#!/usr/bin/env python3
"""Builds the analyzer benchmark corpus: 100,000,000 bytes of SaudiNewsNet article bodies.

Reads ../shared/data/news/saudinewsnet/*.zip (each a JSON array of {source, url, date_extracted,
title, author, content}) in sorted file order and array order, writes one article body per line to
bench/work/analyzer/snn-100mb.txt (UTF-8). Line breaks inside a body (\\r, \\n, \\v, \\f, U+0085,
U+2028, U+2029, U+001C-U+001E) become spaces, so that every reader (Rust `lines`, Java
`readLine`, Python) sees the same lines. Empty bodies are skipped.

SaudiNewsNet holds ~96 MB of bodies, less than 100 MB: the corpus is then repeated from its first
article on until 100,000,000 bytes are reached; the last line is cut at a character boundary so
that the file is exactly 100,000,000 bytes (or 1-3 bytes less, to stay on a UTF-8 boundary).
Skipped when the output exists with the expected size. Prints a one-line summary.
"""
import glob
import json
import os
import re
import sys
import zipfile

TARGET = 100_000_000
HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
SNN = os.path.join(ROOT, "..", "shared", "data", "news", "saudinewsnet")
OUT_DIR = os.path.join(ROOT, "bench", "work", "analyzer")
OUT = os.path.join(OUT_DIR, "snn-100mb.txt")
BREAKS = re.compile("[\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def articles():
    """Yields SaudiNewsNet articles in a fixed order: zips sorted by name, JSON arrays in order."""
    zips = sorted(glob.glob(os.path.join(SNN, "*.zip")))
    if not zips:
        sys.exit(f"prepare.py: no SaudiNewsNet zips under {os.path.normpath(SNN)}")
    for path in zips:
        with zipfile.ZipFile(path) as zf:
            for name in sorted(zf.namelist()):
                if name.endswith(".json"):
                    yield from json.loads(zf.read(name))


def one_line(text: str) -> str:
    return BREAKS.sub(" ", text)


def main() -> int:
    if os.path.exists(OUT) and TARGET - 3 <= os.path.getsize(OUT) <= TARGET:
        print(f"prepare.py: {os.path.relpath(OUT, ROOT)} exists ({os.path.getsize(OUT):,} bytes), skipped")
        return 0
    os.makedirs(OUT_DIR, exist_ok=True)
    lines = [one_line(a.get("content") or "").encode("utf-8") + b"\n" for a in articles()]
    lines = [l for l in lines if l.strip()]
    once = sum(map(len, lines))
    written = 0
    passes = 0
    n_lines = 0
    tmp = OUT + ".tmp"
    done = False
    with open(tmp, "wb") as f:
        while not done:
            passes += 1
            for l in lines:
                if written + len(l) >= TARGET:
                    # cut the last line on a UTF-8 character boundary, keep its newline
                    cut = TARGET - written - 1
                    while cut > 0 and (l[cut] & 0xC0) == 0x80:
                        cut -= 1
                    l = l[:cut] + b"\n"
                    done = True
                f.write(l)
                written += len(l)
                n_lines += 1
                if done:
                    break
    os.replace(tmp, OUT)
    note = ""
    if once < TARGET:
        note = (f"; SaudiNewsNet has only {once:,} bytes of bodies ({len(lines):,} articles), "
                f"so the corpus is repeated ({passes} passes, the last partial)")
    print(f"prepare.py: wrote {os.path.relpath(OUT, ROOT)}: {written:,} bytes, {n_lines:,} lines{note}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
