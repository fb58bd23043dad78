#!/usr/bin/env python3
"""Lemma pairs from the Arramooz dictionary (broken plural -> singular, verb form -> past) for an
experimental stemmer map. MEASURED AND NOT KEPT: see crates/text/data/README.md, "Measured and
not kept"; the Rust loader that read the output (stem.rs plural_map) is in commit e2abeb2.

    pip download --no-deps -d /tmp/pypi arramooz-pysqlite==0.4.2 libqutrub==1.2.4.1 pyarabic==0.6.15
    pip install --no-deps --target /tmp/pyq /tmp/pypi/libqutrub-*.whl /tmp/pypi/PyArabic-*.whl six
    python3 scripts/lexicon/arramooz.py --arramooz /tmp/pypi/arramooz_pysqlite-0.4.2-py3-none-any.whl \
        --corpus ../shared/data/news/ant-multisource.jsonl.gz --out /tmp/plurals.txt \
        [--verbs imperfect,jussive,past --qutrub /tmp/pyq] [--no-plurals] [--min-ratio R]

--arramooz is the wheel (or its data/arabicdictionary.sqlite). Plural pairs come from the nouns
table in both directions: a singular row's `broken_plural` field (دَوْلَةٌ: دُوَلٌ) and a plural
row's `single` field (مُدُنٌ: مَدِينَةٌ). Left out: plurals spelt like an Arramooz singular noun or
verb once vowels and hamza are gone (أعمال/إعمال, رِجَل/رَجُل), stop words and names (either side),
plurals written with ال. Verb pairs: every Arramooz verb conjugated by libqutrub (imperfect
3ms/3fs/3mp/1p, jussive 3mp, past 3fs/3mp) and mapped to its past 3ms; forms spelt like an
Arramooz noun are left out. Every word in the norm form (norm.py), kept only when both words
occur in the corpus (bare or after a clitic/article) at least --min-freq times and each at least
--min-ratio times the other; one lemma per form (the corpus's most frequent).
Output lines: `form lemma`, sorted, unique; the stemmer mapped the light key of the form to the
light key of the lemma.

Arramooz, libqutrub and pyarabic (Taha Zerrouki et al.) are GPL-3.0: nothing derived from them
is committed.
"""

import argparse
import re
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from build import Stats, count_corpus, load_stopwords  # noqa: E402
from norm import WORD_RE, norm  # noqa: E402

# words inside the plural field that are annotations, not plurals
MARKERS = {"ج", "ات", "مؤ", "مؤنث", "مذكر", "ن"}


def open_db(path: str) -> sqlite3.Connection:
    p = Path(path)
    if p.suffix == ".whl":
        tmp = Path(tempfile.mkdtemp(prefix="arramooz-"))
        with zipfile.ZipFile(p) as z:
            z.extract("arramooz/data/arabicdictionary.sqlite", tmp)
        p = tmp / "arramooz" / "data" / "arabicdictionary.sqlite"
    return sqlite3.connect(str(p))


def plural_forms(field: str):
    """The plurals in a `broken_plural` field: ';'-separated, each the first word of its piece,
    notes in () or [] and markers (+ات, ج) dropped."""
    field = re.sub(r"\(.*?\)|\[.*?\]", " ", field)
    out = []
    for piece in field.split(";"):
        for tok in piece.split():
            if tok.startswith("+"):
                continue
            ws = WORD_RE.findall(norm(tok))
            if len(ws) != 1 or ws[0] in MARKERS or len(ws[0]) < 2:
                continue
            out.append(ws[0])
            break
    return out


def dictionary_pairs(db: sqlite3.Connection):
    """(plural, singular, wordtype of the singular's row) in the norm form."""
    pairs = set()
    for unvoc, field, wtype in db.execute(
            "select unvocalized, broken_plural, wordtype from nouns "
            "where number = 'مفرد' and broken_plural != ''"):
        s = norm(unvoc)
        for p in plural_forms(field):
            pairs.add((p, s, wtype))
    for unvoc, single, wtype in db.execute(
            "select unvocalized, single, wordtype from nouns "
            "where number = 'جمع تكسير' and single != ''"):
        ws = WORD_RE.findall(norm(single))
        if len(ws) == 1:
            pairs.add((norm(unvoc), ws[0], wtype))
    return pairs


def verb_pairs(db: sqlite3.Connection, qutrub: str, forms):
    """(conjugated form, past 3rd person masculine) in the norm form, for every Arramooz verb,
    conjugated by libqutrub (Qutrub, same author) in the tenses and persons of `forms`."""
    sys.path.insert(0, qutrub)
    from libqutrub import classverb  # noqa: E402
    from libqutrub import verb_const as vc  # noqa: E402
    want = {
        "imperfect": [(vc.TenseFuture, p) for p in (vc.PronounHuwa, vc.PronounHya, vc.PronounHum,
                                                    vc.PronounNahnu)],
        "jussive": [(vc.TenseJussiveFuture, vc.PronounHum)],
        "past": [(vc.TensePast, p) for p in (vc.PronounHya, vc.PronounHum)],
    }
    pairs = set()
    for voc, unvoc, ft, trans in db.execute(
            "select vocalized, unvocalized, future_type, transitive from verbs"):
        try:
            cv = classverb.VerbClass(voc, bool(trans), ft)
        except Exception:  # noqa: BLE001  (a few entries the conjugator rejects)
            continue
        past = norm(unvoc)
        for f in forms:
            for tense, pron in want[f]:
                try:
                    w = norm(cv.conjugate_tense_for_pronoun(tense, pron))
                except Exception:  # noqa: BLE001
                    continue
                if WORD_RE.fullmatch(w) and w != past:
                    pairs.add((w, past, "verb"))
    return pairs


def other_entries(db: sqlite3.Connection):
    """Norm forms that Arramooz also lists as a singular noun or as a verb: a plural spelt
    like one of them (اعمال/إعمال, رجل/رِجَل) is ambiguous once hamza and vowels are gone."""
    out = set(norm(w) for (w,) in db.execute("select unvocalized from nouns where number = 'مفرد'"))
    out |= set(norm(w) for (w,) in db.execute("select unvocalized from verbs"))
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--arramooz", required=True, help="arramooz_pysqlite wheel or its sqlite file")
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--data", default="crates/text/data", help="where stopwords.txt and names.txt are")
    ap.add_argument("--min-freq", type=int, default=3)
    ap.add_argument("--verbs", default="",
                    help="comma-separated verb forms to add: imperfect,jussive,past (needs --qutrub)")
    ap.add_argument("--no-plurals", action="store_true")
    ap.add_argument("--qutrub", help="a directory holding the libqutrub package (and pyarabic)")
    ap.add_argument("--min-ratio", type=float, default=0.0,
                    help="each word seen at least this fraction of the other's support")
    ap.add_argument("--keep-ambiguous", action="store_true",
                    help="keep plurals that are also spelt like a singular noun or a verb")
    a = ap.parse_args()
    log = lambda s: print(s, file=sys.stderr)  # noqa: E731

    db = open_db(a.arramooz)
    pairs = set() if a.no_plurals else dictionary_pairs(db)
    nouns = set(norm(w) for (w,) in db.execute("select unvocalized from nouns"))
    if a.verbs:
        vp = verb_pairs(db, a.qutrub, a.verbs.split(","))
        # a verb form spelt like a noun (تقدم، يمين) is left out
        pairs |= {t for t in vp if t[0] not in nouns}
    ambiguous = set() if a.keep_ambiguous else other_entries(db)
    data = Path(a.data)
    # stop words and names are never conflated (او, ولا, رياض)
    closed = set(load_stopwords(data / "stopwords.txt"))
    closed |= set(w for w in (data / "names.txt").read_text("utf-8").split())
    log(f"arramooz: {len(pairs)} (plural, singular, type) triples")
    counts, hamza, ndocs = count_corpus(a.corpus)
    st = Stats(counts, hamza)
    best = {}
    for p, s, _ in sorted(pairs):
        if p == s or p in ambiguous or p in closed or s in closed or p.startswith("ال"):
            continue
        fp, fs = st.support(p), st.support(s)
        if min(fp, fs) < a.min_freq or min(fp, fs) < a.min_ratio * max(fp, fs):
            continue
        # one singular per plural: the one the corpus uses most
        if p not in best or st.support(s) > st.support(best[p]):
            best[p] = s
    kept = sorted(best.items())
    log(f"kept {len(kept)} pairs with both words seen >= {a.min_freq} times in {ndocs} articles")
    Path(a.out).write_text("".join(f"{p} {s}\n" for p, s in kept), "utf-8")


if __name__ == "__main__":
    main()
