#!/usr/bin/env python3
"""Python analyzers with the `khabar tokenize` contract (stdin lines -> one line of space-separated
tokens per input line, an empty line for a line without tokens).

  pyanalyzer.py snowball   tokens = runs of word characters, lowercased, each stemmed with
                           Snowball arabic (PyPI PyStemmer; its own normalization of harakat,
                           alef/hamza forms etc. is part of the stemmer)
  pyanalyzer.py none       the baseline: the same tokens, lowercased, unstemmed

A "word character" is what Python's `\\w` matches plus the Arabic combining marks (harakat U+064B-
U+065F, U+0670, Quranic marks U+0610-U+061A, U+06D6-U+06ED), which `\\w` alone would treat as
separators and so cut a vowelled word in pieces.
"""
import re
import sys

WORD = re.compile(r"[\w\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06ED]+")


def main() -> int:
    if len(sys.argv) != 2 or sys.argv[1] not in ("snowball", "none"):
        print("usage: pyanalyzer.py snowball|none < lines > tokens", file=sys.stderr)
        return 2
    stem = None
    if sys.argv[1] == "snowball":
        import Stemmer  # PyStemmer

        stem = Stemmer.Stemmer("arabic").stemWords
    findall = WORD.findall
    out = sys.stdout.buffer
    # Read bytes and split on b"\n" only, so that U+2028, \x0c etc. inside a line never split it.
    buf = b""
    stdin = sys.stdin.buffer
    while True:
        chunk = stdin.read(1 << 22)
        if not chunk:
            break
        buf += chunk
        lines = buf.split(b"\n")
        buf = lines.pop()
        res = []
        for raw in lines:
            toks = findall(raw.decode("utf-8", "replace").lower())
            if stem is not None:
                toks = stem(toks)
            res.append(" ".join(toks))
        res.append("")
        out.write("\n".join(res).encode("utf-8"))
    if buf:
        toks = findall(buf.decode("utf-8", "replace").lower())
        if stem is not None:
            toks = stem(toks)
        out.write((" ".join(toks) + "\n").encode("utf-8"))
    out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
