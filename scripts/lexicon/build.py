#!/usr/bin/env python3
"""Build khabar's stemmer-protection lexicons: names.txt and waw_words.txt.

    python3 scripts/lexicon/build.py --corpus ../shared/data/news/ant-multisource.jsonl.gz \
        --out crates/text/data

Sources: a short curated list (CURATED below), CLDR (npm cldr-localenames-full,
cldr-dates-full), pycountry (PyPI) and statistics over the unlabelled ANT news corpus.  Registry packages are installed into
a cache dir (--cache, default ~/.cache/khabar-lexicon) on first use.  Output is
deterministic: sorted, unique, norm() form, one word per line.
See crates/text/data/README.md for the rules and their figures.
"""

import argparse
import collections
import gzip
import json
import os
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from norm import WORD_RE, light10_suffix, norm, norm_keep_hamza  # noqa: E402
from norm import words  # noqa: E402

CLDR_VERSION = "48.2.0"
PYCOUNTRY_VERSION = "26.2.16"

# clitic prefixes (no article) and article combinations, in norm form
CLIT = ["و", "ف", "ب", "ل", "ك", "وب", "ول", "وك", "فب", "فل", "فك"]
DEF = ["ال", "وال", "فال", "بال", "كال", "لل", "ولل", "فلل", "وبال", "فبال", "وكال"]
ALLP = sorted(CLIT + DEF, key=len, reverse=True)
L10_SUFFIXES = ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي")
PRONOUNS = ("ه", "ها", "هم", "هما", "كم", "نا", "ني", "ك", "ي")


# --------------------------------------------------------------------------- sources
def ensure_deps(cache: Path):
    """Install the pinned registry packages into the cache (npm + pip)."""
    npm_dir = cache / "npm"
    mods = npm_dir / "node_modules"
    if not (mods / "cldr-localenames-full").is_dir() or not (mods / "cldr-dates-full").is_dir():
        npm_dir.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--prefix", str(npm_dir),
             f"cldr-localenames-full@{CLDR_VERSION}", f"cldr-dates-full@{CLDR_VERSION}"],
            check=True, stdout=subprocess.DEVNULL)
    py_dir = cache / "py"
    if not (py_dir / "pycountry").is_dir():
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--target",
             str(py_dir), f"pycountry=={PYCOUNTRY_VERSION}"], check=True)
    return mods, py_dir


def cldr_names(mods: Path):
    """(source, full name) pairs from CLDR Arabic locale data."""
    out = []
    ln = mods / "cldr-localenames-full" / "main" / "ar"
    terr = json.loads((ln / "territories.json").read_text("utf-8"))
    for code, name in sorted(terr["main"]["ar"]["localeDisplayNames"]["territories"].items()):
        # skip the pseudo-locale and "unknown region" entries
        if code in ("XA", "XB", "ZZ", "001"):
            continue
        out.append(("cldr-territory", name))
    langs = json.loads((ln / "languages.json").read_text("utf-8"))
    for _, name in sorted(langs["main"]["ar"]["localeDisplayNames"]["languages"].items()):
        out.append(("cldr-language", name))
    tz = json.loads(
        (mods / "cldr-dates-full" / "main" / "ar" / "timeZoneNames.json").read_text("utf-8"))
    zones = tz["main"]["ar"]["dates"]["timeZoneNames"]["zone"]

    def walk(d):
        for k in sorted(d):
            v = d[k]
            if isinstance(v, dict):
                if "exemplarCity" in v:
                    out.append(("cldr-city", v["exemplarCity"]))
                walk(v)

    walk(zones)
    return out


def pycountry_names(py_dir: Path):
    """(source, name) pairs from pycountry's Arabic iso-codes translations."""
    import gettext

    sys.path.insert(0, str(py_dir))
    import pycountry  # noqa: E402

    loc = Path(pycountry.LOCALES_DIR)
    out = []
    for domain, db in (("iso3166-1", pycountry.countries),
                       ("iso3166-3", pycountry.historic_countries)):
        mo = loc / "ar" / "LC_MESSAGES" / f"{domain}.mo"
        if not mo.exists():
            continue
        tr = gettext.GNUTranslations(open(mo, "rb"))
        for c in sorted(db, key=lambda c: c.alpha_3):
            for attr in ("name", "common_name", "official_name"):
                en = getattr(c, attr, None)
                if not en:
                    continue
                ar = tr.gettext(en)
                if ar != en:
                    out.append(("pycountry", ar))
    return out


def count_corpus(path: str):
    """Word frequencies (norm form) over title+text, each URL once; and, per norm word
    starting with وا or ال, how often the writer spelt that alef with hamza (وأضاف,
    ألقى: not و + word, not the article)."""
    c = collections.Counter()
    hamza = collections.Counter()
    seen = set()
    n = 0
    with gzip.open(path, "rt", encoding="utf-8") as f:
        for line in f:
            d = json.loads(line)
            key = d.get("url") or d.get("docno")
            if key in seen:
                continue
            seen.add(key)
            n += 1
            for k in ("title", "text"):
                for t in WORD_RE.findall(norm_keep_hamza(d.get(k) or "")):
                    w = norm(t)
                    c[w] += 1
                    if len(t) > 1 and t[0] in "وأإآ" and t[1] in "أإآل":
                        if t[0] == "و" and t[1] != "ل" or t[0] != "و" and t[1] == "ل":
                            hamza[w] += 1
    return c, hamza, n


# --------------------------------------------------------------------------- corpus stats
class Stats:
    def __init__(self, counts, hamza):
        self.c = counts
        self.hamza = hamza

    def f(self, w):
        return self.c.get(w, 0)

    def support(self, b):
        """Occurrences of b bare or after any clitic/article prefix."""
        return self.f(b) + sum(self.f(p + b) for p in ALLP)

    def definite(self, b):
        return sum(self.f(p + b) for p in DEF)

    def clitic_total(self, b):
        return self.f(b) + sum(self.f(p + b) for p in CLIT)

    def is_prefixed_form(self, b):
        """b looks like clitic+word: the remainder is a word in its own right."""
        if b.startswith("لل"):
            return True  # ل + ال
        for p in ALLP:
            if b.startswith(p) and len(b) - len(p) >= 2:
                rest = b[len(p):]
                if self.support(rest) - self.f(b) >= 0.2 * self.f(b):
                    return True
        return False

    def is_pronoun_form(self, b):
        """b = noun/verb + attached pronoun (نظيره، عاصمتها، زوجته)."""
        fb = self.f(b)
        for p in PRONOUNS:
            if b.endswith(p) and len(b) - len(p) >= 2:
                base = b[: -len(p)]
                alt = self.support(base)
                if base.endswith("ت"):
                    alt += self.support(base[:-1] + "ه")
                if alt >= 0.2 * fb:
                    return True
        return False

    def verb_evidence(self, b):
        f = self.f
        v = f("ي" + b) + f("ت" + b) + f("س" + b)
        core = b[1:] if b[0] == "س" and len(b) > 4 and b[1] in "يتنا" else b
        if core is not b:
            v += f(core) * 10  # a future prefix in front of a word that exists: a verb
        if core[0] in "يتنا":
            v += sum(f(x + core[1:]) for x in "يتنا" if x != core[0])
        return v

    def inflection(self, b):
        """Forms of b that a name does not take: attached pronouns, tanween alef,
        plural/dual/possessive forms of a feminine -ه."""
        f = self.f
        sufs = ("ه", "ها", "هم", "هما", "كم", "نا", "ا", "وا")
        if b.endswith(("ين", "ون", "ان")):
            # Sound plurals and duals take no tanween alef, so بوتين+ا is another
            # name (Butina), not an inflection.
            sufs = sufs[:6]
        a = sum(f(b + s) for s in sufs)
        if b.endswith("ه"):
            st = b[:-1] + "ت"
            a += sum(f(st + s) for s in ("ه", "ها", "هم", "هما", "كم", "نا", "ي", "ين", "ان"))
            a += f(b[:-1] + "ات")
        return a

    def family(self, b):
        """The Light10 stem r of b with other suffixes, bare or definite (excluding
        extensions of b itself, e.g. demonyms فلسطيني of فلسطين)."""
        r = light10_suffix(b)
        if r == b:
            return 0  # no suffix to cut: no family to merge with
        fam = self.f(r) + sum(self.f(p + r) for p in DEF)
        for s in L10_SUFFIXES:
            w = r + s
            if w != b and not w.startswith(b):
                fam += self.support(w)
        return fam


# --------------------------------------------------------------------------- names
# generic geographic / descriptive words inside multi-word names; never name-like
GENERIC = set(norm(w) for w in """
جزر جزيرة جمهورية مملكة المملكة الولايات المتحدة منطقة إقليم الإقليم الأراضي الأقاليم
الشمالية الجنوبية الشرقية الغربية الوسطى الكبرى الجديدة القديمة الفرنسية البريطانية
الأمريكية الإدارية الخاصة النائية الديمقراطية الشعبية العربية الاتحاد الأوروبي الأمم
توقيت التوقيت الرسمي الصيفي لغة اللغة اللهجة القديمة الحديثة الفصحى العالم غير معروفة
تجريبية أصلية ثنائية الاتجاه سانت سان دا جبل الجبل أرخبيل المحيط الهندي الرأس الأخضر
ساحل الصحراء بحر البحر نهر جنوب شمال شرق غرب وسط
""".split())


def name_tokens(name):
    return [t for t in words(name) if len(t) >= 2]


# Names the sources above miss, because CLDR gives a long official form (المملكة المتحدة for
# بريطانيا) or the corpus predates them (ANT is 2018: بايدن is rare in it, and statistics alone
# would let the ب-clitic list cut it to ايدن). Checked by hand; keep it short.
CURATED = """
بريطانيا إنجلترا انجلترا اسكتلندا ويلز أمريكا أميركا كازاخستان قرغيزستان طاجيكستان أوزبكستان
تركمانستان أفغانستان باكستان بيلاروسيا أوكرانيا جورجيا أرمينيا أذربيجان ألماتي أستانا بايكونور
بايدن ترامب أوباما بوتين ماكرون ميركل شولتس زيلينسكي أردوغان نتنياهو خامنئي روحاني لوكاشينكو
توكاييف نزارباييف جونسون سوناك ستارمر بلينكن لافروف غوتيريش مودي بينيت لابيد هنية عباس
""".split()


def build_names(st: Stats, cldr, pyc, log):
    entries = {}  # word -> source (first source wins, sources ordered)

    def add(w, src):
        if w and w not in entries:
            entries[w] = src

    def indefinite(bare):
        return st.support(bare) - st.definite(bare)

    def bare_variants(t):
        """t plus, for a name with the article (القاهره), the form without it
        (قاهره), which is what a stemmer sees after stripping ال; only when that
        form is not an independent word (العيون → عيون "eyes" is not added)."""
        out = [t]
        if t.startswith("ال") and len(t) >= 5 and indefinite(t[2:]) <= 0.05 * st.f(t):
            out.append(t[2:])
        return out

    def name_like_part(t):
        """A token of a multi-word name that is itself name-like."""
        if t in GENERIC or len(t) < 4:
            return False
        if t.startswith("ال"):
            bare = t[2:]
            if bare.endswith(("يه", "ي")):
                return False  # nisba adjective (الفرنسيه)
            return indefinite(bare) <= 0.05 * st.f(t)
        if t.endswith("يه") and st.definite(t) > 0:
            return False
        return st.definite(t) <= 0.2 * max(1, st.clitic_total(t))

    for w in CURATED:
        add(norm(w), "curated")

    for src, name in sorted(cldr + pyc):
        toks = name_tokens(name)
        if src == "cldr-language":
            # language names are nisba adjectives (الفرنسيه) that should stem; keep only
            # non-adjectival single-token names
            toks = [t for t in toks if not t.endswith(("يه", "ي")) and st.f(t) > 0
                    and name_like_part(t)]
            for t in toks:
                for v in bare_variants(t):
                    add(v, src)
            continue
        if len(toks) == 1:
            t = toks[0]
            if t.startswith("ال") and t.endswith("يه"):
                continue  # السعوديه-type: stems with its adjective سعودي
            for v in bare_variants(t):
                add(v, src)
        else:
            for i, t in enumerate(toks):
                # "ترينيداد وتوباغو": a later token with و is usually the conjunction
                if i > 0 and t.startswith("و") and len(t) >= 5 and st.f(t[1:]) >= st.f(t):
                    t = t[1:]
                if name_like_part(t):
                    for v in bare_variants(t):
                        add(v, src)

    # corpus: uninflected words that Light10 would cut
    corpus_added = 0
    translit_added = 0
    for b in sorted(st.c):
        fb = st.f(b)
        # Words the stemmer would cut: a Light10 suffix, or an initial و taken
        # for the conjunction (واشنطن must stay whole after بـ too: بواشنطن).
        cut = light10_suffix(b) != b or b.startswith("و")
        if len(b) < 4 or fb < 4 or not cut or b.startswith("ال"):
            continue
        if b in entries or st.is_prefixed_form(b) or st.is_pronoun_form(b):
            continue
        if b.startswith("و"):
            if fb < 20:
                continue  # rare و-initial words are mostly و + a rare word (وتوباغو)
            r = b[1:]
            if (st.hamza.get(b, 0) >= 0.2 * fb  # وأضافت: و + a hamza-initial verb
                    or b.endswith(("ت", "وا", "ا"))  # verb endings and tanween alef
                    or st.support(r) - fb >= 0.05 * fb
                    or st.verb_evidence(r) > 0.05 * fb):
                continue
        tot = st.clitic_total(b)
        d = st.definite(b)
        if d > 0.02 * tot:
            continue
        if st.verb_evidence(b) > 0.05 * tot:
            continue
        infl = st.inflection(b)
        fam = st.family(b)
        if infl <= 0.01 * tot and fam <= 0.1 * tot:
            add(b, "corpus-uninflected")
            corpus_added += 1
        elif b.endswith("ستان") and infl <= 0.05 * tot and fam <= 0.3 * tot:
            add(b, "corpus-stan")
            translit_added += 1
    by_src = collections.Counter(entries.values())
    for s in sorted(by_src):
        log(f"names: {by_src[s]:6d} from {s}")
    return entries


# --------------------------------------------------------------------------- waw words
def build_waw(st: Stats, names, log):
    f = st.f
    strong = {}

    def definite(w):
        """With the article (الوزير): only possible when و is radical."""
        return sum(f(p + w) for p in DEF)

    def imperfect(w):
        """Imperfect forms (يواصل، تواجه): و radical, unless the string is another word."""
        return sum(f(x + w) for x in ("ي", "ت", "ن", "سي", "ست"))

    def other_support(r):
        """How much r lives as a word of its own (without this و): r bare or with any
        other prefix, and r minus a Light10 suffix or attached pronoun (كانك → كان)."""
        s = st.support(r) - f("و" + r)
        for base in {light10_suffix(r)} | {r[: -len(p)] for p in PRONOUNS
                                           if r.endswith(p) and len(r) - len(p) >= 2}:
            if base != r and len(base) >= 2:
                s += st.support(base) - f("و" + base)
        return s

    for w in sorted(st.c):
        if not w.startswith("و") or len(w) < 4:
            continue  # the stemmer strips و only when >= 3 letters remain
        fw = f(w)
        if fw < 3:
            continue
        r = w[1:]
        if st.hamza[w] >= 0.2 * fw:
            continue  # writers spell it وأ/وإ: و + a hamza-initial word (وأضاف)
        d = definite(w)
        osup = other_support(r)
        if w.startswith("وال") and d < 2:
            continue  # و + definite word
        if d >= 2 and d >= 0.05 * fw:
            strong[w] = "radical-definite"
        elif imperfect(w) >= max(3, 0.3 * fw) and osup <= fw:
            strong[w] = "radical-imperfect"
        elif fw >= 5 and osup <= 0.1 * fw:
            strong[w] = "no-remainder"
    # propagate to suffixed forms of an accepted word (وزيرها ← وزير)
    stems = {}
    for w in strong:
        s = light10_suffix(w)
        if len(s) >= 4:
            stems.setdefault(s, w)
    for w in sorted(st.c):
        if w in strong or not w.startswith("و") or len(w) < 5 or f(w) < 2:
            continue
        s = light10_suffix(w)
        if s != w and s in stems and other_support(w[1:]) <= f(w):
            strong[w] = "family"
    # names whose و is radical (واشنطن، ويلز)
    for w, src in names.items():
        if w.startswith("و") and len(w) >= 4 and w not in strong:
            if other_support(w[1:]) <= max(1, f(w)):
                strong[w] = "names"
    by = collections.Counter(strong.values())
    for s in sorted(by):
        log(f"waw_words: {by[s]:6d} from {s}")
    return strong


# --------------------------------------------------------------------------- clitic words
def load_stopwords(path: Path):
    """khabar's stop words (data/stopwords.txt) in norm form."""
    out = set()
    for line in path.read_text("utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.add(norm(line))
    return out


def build_clitics(st: Stats, names, stops, log):
    """Words whose initial ب ل ك ف is a clitic (بسبب، لمواجهه، كرءيس، فتتم), or whose
    initial س is the future prefix (سيعود), which Light10 leaves on. Full norm forms seen >= 3 times; the stemmer strips the letter
    when the whole word (after a conjunction و) is listed."""
    f = st.f
    no_art = lambda x: f(x) - st.hamza.get(x, 0)  # noqa: E731  ال+x, not أل+x (ألقى)

    def definite(x, c):
        # for ل-words, لل+r is ل + the word itself (للاعبي = ل + لاعبي)
        ps = [p for p in DEF if not (c == "ل" and p.endswith("لل"))]
        return sum(no_art(p + x) if p == "ال" else f(p + x) for p in ps)

    def family(w):
        """w with its tanween alef or Light10 suffix off, and that stem's ه/ا forms."""
        s = light10_suffix(w[:-1] if w.endswith("ا") and len(w) > 4 else w)
        return {w, s, s + "ه", s + "ا"}

    out = {}
    for w in sorted(st.c):
        fw = f(w)
        if fw < 3 or len(w) < 4 or w[0] not in "بلكفس" or w in stops or w in names:
            continue
        c, r = w[0], w[1:]
        if c == "س" and r[0] not in "يتنا":
            continue  # the future prefix سـ comes only before an imperfect verb
        if r.startswith("ال") or w.startswith("لل") or r in stops or r in names:
            continue  # article forms and names are the stemmer's business already
        fam = family(w)
        if sum(definite(x, "") for x in fam) > 0.03 * sum(f(x) for x in fam):
            continue  # the word takes the article (البيان، الفريق): its letter is radical
        a = definite(r, c)
        ind = f(r) + a + f("و" + r)
        if ind >= fw and (fw >= 5 or ind >= 2 * fw):
            out[w] = "remainder-frequent"  # لتعزيز، بعدم، ليتم
        elif a >= 0.1 * fw and fw >= 20:
            out[w] = "remainder-definite"  # بسبب (السبب)، بسرعه، بفضل
    by = collections.Counter(out.values())
    for k in sorted(by):
        log(f"clitic_words: {by[k]:6d} from {k}")
    return out



# --------------------------------------------------------------------------- tanween alef
def build_tanween(st: Stats, names, stops, log):
    """Words ending in the alef of an accusative tanween (عاما، قتيلا، مدربا، شيءا):
    seen >= 3 times, never with the article themselves (the alef of الكاميرا، الدراما
    is part of the word), and the word without the alef is seen at least 0.3 times as
    often (قتيلا is written more often than قتيل)."""
    f = st.f
    out = {}
    for w in sorted(st.c):
        fw = f(w)
        if fw < 3 or len(w) < 4 or not w.endswith("ا") or w.endswith(("ها", "هما")) or w in stops or w in names:
            continue
        b = w[:-1]
        if b.endswith(("ا", "و")) or b in stops:
            continue  # قضايا-type plurals keep their alef; -وا is a verb ending
        if st.definite(w) > 0.02 * fw:
            continue
        if st.support(b) >= 0.3 * fw:
            out[w] = "tanween"
    log(f"tanween_words: {len(out):6d}")
    return out


# --------------------------------------------------------------------------- article-like letters
def build_al_words(st: Stats, names, stops, log):
    """Words that start with و/ف/ب/ك + ال where those letters are the word's own
    (كاليفورنيا، فالنسيا، باليستي، والدها "her father"): seen >= 8 times, while
    the rest after ال is seen — bare, with the article or a clitic — at most a
    twentieth as often (Light10 would cut كاليفورنيا to يفورنيا)."""
    f = st.f
    out = {}
    for w in sorted(st.c):
        fw = f(w)
        if fw < 8 or w in names or w in stops:
            continue
        for p in ("وال", "فال", "بال", "كال"):
            rest = w[len(p):]
            if not w.startswith(p) or len(rest) < 3:
                continue
            other = f("ال" + rest) + f(rest) + f("و" + rest) + f("ب" + rest) + f("لل" + rest)
            if other * 20 <= fw:
                out[w] = "al"
    log(f"al_words: {len(out):6d}")
    return out


# --------------------------------------------------------------------------- main
def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--cache", default=os.path.expanduser("~/.cache/khabar-lexicon"))
    ap.add_argument("--report", help="write samples for manual review to this file")
    a = ap.parse_args()
    log = lambda s: print(s, file=sys.stderr)  # noqa: E731

    mods, py_dir = ensure_deps(Path(a.cache))
    cldr = cldr_names(mods)
    pyc = pycountry_names(py_dir)
    log(f"sources: {len(cldr)} CLDR names, {len(pyc)} pycountry names")
    counts, hamza, ndocs = count_corpus(a.corpus)
    log(f"corpus: {ndocs} articles, {sum(counts.values())} words, {len(counts)} types")
    st = Stats(counts, hamza)

    names = build_names(st, cldr, pyc, log)
    waw = build_waw(st, names, log)
    stops = load_stopwords(Path(a.out) / "stopwords.txt")
    clitics = build_clitics(st, names, stops, log)
    tanween = build_tanween(st, names, stops, log)
    al_words = build_al_words(st, names, stops, log)

    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    for fname, d in (("names.txt", names), ("waw_words.txt", waw), ("clitic_words.txt", clitics),
                     ("tanween_words.txt", tanween), ("al_words.txt", al_words)):
        lines = sorted(d)
        (out / fname).write_text("".join(w + "\n" for w in lines), "utf-8")
        log(f"wrote {out / fname}: {len(lines)} lines")

    if a.report:
        write_report(Path(a.report), st, names, waw)


def write_report(path, st, names, waw):
    rnd = random.Random(2022)
    f = st.f
    L = []
    nl = sorted(names)
    L.append("## names: 40 random entries (word source freq light10)")
    for w in sorted(rnd.sample(nl, min(40, len(nl)))):
        L.append(f"{w}\t{names[w]}\t{f(w)}\t{light10_suffix(w)}")
    L.append("## names: 40 most frequent in corpus")
    for w in sorted(nl, key=lambda w: (-f(w), w))[:40]:
        L.append(f"{w}\t{names[w]}\t{f(w)}")
    wl = sorted(waw)
    L.append("## waw_words: 50 random entries (word source f(w) f(w[1:]) f(ال+w))")
    for w in sorted(rnd.sample(wl, min(50, len(wl)))):
        L.append(f"{w}\t{waw[w]}\t{f(w)}\t{f(w[1:])}\t{f('ال' + w)}")
    rest = sorted(w for w in st.c if w.startswith("و") and len(w) >= 4 and f(w) >= 3
                  and w not in waw)
    L.append(f"## waw: 50 random words NOT in list (of {len(rest)} with f>=3)")
    for w in sorted(rnd.sample(rest, min(50, len(rest)))):
        L.append(f"{w}\t{f(w)}\t{f(w[1:])}\t{f('ال' + w)}")
    L.append("## waw_words: 40 most frequent")
    L.append(" ".join(sorted(wl, key=lambda w: (-f(w), w))[:40]))
    L.append("## waw: 40 most frequent NOT in list")
    L.append(" ".join(sorted(rest, key=lambda w: (-f(w), w))[:40]))
    path.write_text("\n".join(L) + "\n", "utf-8")


if __name__ == "__main__":
    main()
