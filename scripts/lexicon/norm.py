"""The khabar "norm" form: the search-key normalization every lexicon entry is stored in.

Must match the Rust normalizer in crates/text exactly (see crates/text/data/README.md):
crates/extract/tests/lexicons.rs fails when a committed list that says it is normalized
(and every stemmer list of crates/text/data) holds a word its Rust norm_form changes.
"""

import re
import unicodedata

_DROP = set()
for lo, hi in [
    (0x064B, 0x065F),  # harakat, shadda, sukun, hamza marks
    (0x0670, 0x0670),  # superscript alef
    (0x0610, 0x061A),  # Quranic marks
    (0x06D6, 0x06ED),  # Quranic annotation signs
    (0x0640, 0x0640),  # tatweel
    (0x061C, 0x061C),  # Arabic letter mark
    (0x200B, 0x200F),  # zero-width space/joiners, LRM/RLM
    (0x202A, 0x202E),  # bidi embeddings
    (0x2066, 0x2069),  # bidi isolates
    (0xFEFF, 0xFEFF),  # BOM / ZWNBSP
    (0x00AD, 0x00AD),  # soft hyphen
]:
    for cp in range(lo, hi + 1):
        _DROP.add(cp)

_MAP = {cp: None for cp in _DROP}
_MAP.update(
    {
        ord("أ"): "ا",
        ord("إ"): "ا",
        ord("آ"): "ا",
        ord("ٱ"): "ا",
        ord("ؤ"): "ء",
        ord("ئ"): "ء",
        ord("ى"): "ي",
        0x06CC: "ي",  # Persian yeh
        0x06A9: "ك",  # keheh
        ord("ة"): "ه",
        0x06C0: "ه",  # heh with yeh above
    }
)
for i in range(10):
    _MAP[0x0660 + i] = str(i)
    _MAP[0x06F0 + i] = str(i)


_MAP_KEEP_HAMZA = {k: v for k, v in _MAP.items() if k not in (ord("أ"), ord("إ"), ord("آ"))}


def norm_keep_hamza(s: str) -> str:
    """norm() except that أ إ آ are kept (for spelling statistics only)."""
    return unicodedata.normalize("NFKC", s).translate(_MAP_KEEP_HAMZA).lower()


def norm(s: str) -> str:
    """NFKC, strip marks, fold letters, ASCII digits, lowercase Latin."""
    s = unicodedata.normalize("NFKC", s)
    s = s.translate(_MAP)
    return s.lower()


# An Arabic word after norm(): Arabic letters (incl. a few Persian/Urdu letters used in
# transliterations).  Digits, Latin and punctuation split words.
WORD_RE = re.compile("[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a4\u06af]+")


def words(text: str):
    return WORD_RE.findall(norm(text))


def light10_suffix(w: str) -> str:
    """Lucene ArabicStemmer.stemSuffix on a norm() word: one ordered pass."""
    for suf in ("ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"):
        if len(w) > len(suf) + 1 and w.endswith(suf):
            w = w[: -len(suf)]
    return w
