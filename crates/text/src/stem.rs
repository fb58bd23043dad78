//! Clitic removal and light stemming (Light10, Larkey et al. 2007), made kind
//! to names.
//!
//! Works on the search form from [`crate::norm_form`] and returns a sub-slice
//! of it: stemming only ever removes letters from the edges, so it allocates
//! nothing. Where Light10 (and Lucene's ArabicStemmer, which implements it)
//! cuts a name (بوتين → بوت, كازاخستان → كازاخست, واشنطن → اشنطن) or a
//! radical waw (وزير → زير), two committed lexicons step in:
//!
//! * `data/names.txt`: names that are never suffix-stripped, found after any
//!   clitic prefix (وبوتين, لبوتين, بواشنطن → the name) and under a nisba or
//!   plural ending (فلسطيني, الفلسطينيين → فلسطين);
//! * `data/waw_words.txt`: words whose initial و belongs to the word.

use rustc_hash::FxBuildHasher;
use rustc_hash::{FxHashMap, FxHashSet};
use std::hash::BuildHasher;
use std::sync::OnceLock;

static NAMES_TXT: &str = include_str!("../data/names.txt");
static WAW_TXT: &str = include_str!("../data/waw_words.txt");
static CLITIC_TXT: &str = include_str!("../data/clitic_words.txt");
static TANWEEN_TXT: &str = include_str!("../data/tanween_words.txt");
static AL_TXT: &str = include_str!("../data/al_words.txt");

fn load(txt: &'static str) -> FxHashSet<&'static str> {
    txt.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn names() -> &'static FxHashSet<&'static str> {
    static S: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| {
        let mut set = load(NAMES_TXT);
        // A name written with the article (المغرب, اليونان) is keyed without
        // it, like every other word: its bare form is protected too.
        let bare: Vec<&'static str> = set.iter().filter_map(|n| without_article(n)).collect();
        set.extend(bare);
        set
    })
}

/// `name` without a leading ال, when at least three letters remain.
fn without_article(name: &str) -> Option<&str> {
    name.strip_prefix("ال").filter(|r| char_len(r) >= 3)
}

fn waw_words() -> &'static FxHashSet<&'static str> {
    static S: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| load(WAW_TXT))
}

fn clitic_words() -> &'static FxHashSet<&'static str> {
    static S: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| load(CLITIC_TXT))
}

fn tanween_words() -> &'static FxHashSet<&'static str> {
    static S: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| load(TANWEEN_TXT))
}

fn al_words() -> &'static FxHashSet<&'static str> {
    static S: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    S.get_or_init(|| load(AL_TXT))
}

/// Does the word begin with و/ف/ب/ك + ال that are its own letters
/// (كاليفورنيا، فالنسيا، والدها): listed in `data/al_words.txt`, which holds
/// only such words?
#[inline]
fn has_own_al(norm: &str) -> bool {
    al_words().contains(norm)
}

/// `w` without its initial ب ل ك ف when that letter is a clitic (بسبب, لمواجهه),
/// or without the future prefix س (سيعود): the word is in `data/clitic_words.txt`.
#[inline]
fn cut_clitic(w: &str) -> Option<&str> {
    (matches!(w.chars().next(), Some('ب' | 'ل' | 'ك' | 'ف' | 'س'))
        && char_len(w) >= 4
        && clitic_words().contains(w))
    .then(|| &w[2..])
}

/// `w` without the alef of an accusative tanween (عاما, قتيلا): the word is in
/// `data/tanween_words.txt`.
#[inline]
fn cut_tanween(w: &str) -> Option<&str> {
    (w.ends_with('ا') && char_len(w) >= 4 && tanween_words().contains(w)).then(|| &w[..w.len() - 2])
}

/// Is this search form a protected name?
pub fn is_protected_name(norm: &str) -> bool {
    names().contains(norm)
}

/// Clitic prefixes tried before a name, longest first.
const NAME_PREFIXES: &[&str] = &[
    "وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال", "وب", "ول", "وك",
    "فب", "فل", "فك", "و", "ف", "ب", "ل", "ك",
];

/// Endings under which a name is still the name: nisba adjectives and their
/// plurals (فلسطيني, فلسطينية, فلسطينيين, فلسطينيون).
const NAME_SUFFIXES: &[&str] = &["يين", "يون", "يان", "يتين", "يات", "يه", "ي"];

/// Definite-article prefixes (Light10, plus و/ف before ب/ك + ال and لل), longest first.
const ARTICLE_PREFIXES: &[&str] = &[
    "وبال", "وكال", "فبال", "ولل", "فلل", "وال", "فال", "بال", "كال", "لل", "ال",
];

/// Light10's suffixes, applied in this order, each at most once.
/// (ية and ة fold to يه and ه in the search form.)
const SUFFIXES: &[&str] = &["ها", "ان", "ات", "ون", "ين", "يه", "ه", "ي"];

/// Letters a stem keeps at least, after a suffix is removed.
const MIN_STEM: usize = 3;

/// Letters in a string of the Arabic block (U+0600–U+06FF), where every
/// character is two bytes in UTF-8. [`stem`] only works on such strings.
#[inline]
fn char_len(s: &str) -> usize {
    s.len() / 2
}

/// Is every character in the Arabic block U+0600–U+06FF (lead bytes D8–DB)?
#[inline]
fn is_arabic_block(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() % 2 == 0 && b.chunks_exact(2).all(|c| (0xD8..=0xDB).contains(&c[0]))
}

/// `w` without `affix` at its start, comparing bytes inline (the affixes are
/// 2 to 8 bytes: a call to `memcmp` costs more than the comparison).
#[inline]
fn cut_prefix<'a>(w: &'a str, affix: &str) -> Option<&'a str> {
    let (a, b) = (w.as_bytes(), affix.as_bytes());
    (a.len() >= b.len() && a.iter().zip(b).all(|(x, y)| x == y)).then(|| &w[b.len()..])
}

/// `w` without `affix` at its end; see [`cut_prefix`].
#[inline]
fn cut_suffix<'a>(w: &'a str, affix: &str) -> Option<&'a str> {
    let (a, b) = (w.as_bytes(), affix.as_bytes());
    (a.len() >= b.len() && a[a.len() - b.len()..].iter().zip(b).all(|(x, y)| x == y))
        .then(|| &w[..w.len() - b.len()])
}

/// The letters a clitic prefix can start with (و ف ب ل ك, or ا of ال).
const PREFIX_LETTERS: [char; 6] = ['و', 'ف', 'ب', 'ل', 'ك', 'ا'];

/// A list of prefixes split by first letter, each part in the list's order:
/// a word is only compared with the prefixes that start like it.
struct ByFirstLetter([Vec<&'static str>; PREFIX_LETTERS.len()]);

impl ByFirstLetter {
    fn new(list: &[&'static str]) -> ByFirstLetter {
        ByFirstLetter(
            PREFIX_LETTERS.map(|l| list.iter().copied().filter(|p| p.starts_with(l)).collect()),
        )
    }

    /// The prefixes that may start `w`, in the list's order (none when `w`
    /// cannot start with a clitic at all).
    #[inline]
    fn of(&self, w: &str) -> &[&'static str] {
        w.chars()
            .next()
            .and_then(|c| PREFIX_LETTERS.iter().position(|&l| l == c))
            .map_or(&[], |i| &self.0[i])
    }
}

fn name_prefixes() -> &'static ByFirstLetter {
    static S: OnceLock<ByFirstLetter> = OnceLock::new();
    S.get_or_init(|| ByFirstLetter::new(NAME_PREFIXES))
}

fn article_prefixes() -> &'static ByFirstLetter {
    static S: OnceLock<ByFirstLetter> = OnceLock::new();
    S.get_or_init(|| ByFirstLetter::new(ARTICLE_PREFIXES))
}

/// Names ending in ا, by the stem of their nisba adjective: أمريكي, الأمريكية
/// → أمريكا; روسي, الروسية → روسيا; as فلسطيني → فلسطين. The stem is the name
/// without ا (أمريك) or without يا (روس): names of five letters or more, stems
/// of three or more that are not names themselves.
fn nisba_names() -> &'static FxHashMap<&'static str, &'static str> {
    static S: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();
    S.get_or_init(|| {
        names()
            .iter()
            .filter(|n| char_len(n) >= 5 && is_arabic_block(n))
            .filter_map(|n| {
                cut_suffix(n, "يا")
                    .or_else(|| cut_suffix(n, "ا"))
                    .map(|b| (b, *n))
            })
            .filter(|(b, _)| char_len(b) >= 3 && !names().contains(b))
            .collect()
    })
}

/// A filter on how names and nisba stems begin: the first four letters of
/// those of four letters or more, and the whole of those of three. A word
/// that begins like none of them is no name under any ending, so
/// [`find_name`] skips its lookups. Stripping an ending never touches the
/// first letters a candidate keeps (three at least), so the filter only ever
/// rules out misses. Four letters, because three let every word with the
/// article through (ال + the first letter of some name).
struct NameStarts {
    bits: Vec<u64>,
}

/// Bits of the [`NameStarts`] filter (a power of two): 64 Ki bits, 8 KB.
const NAME_START_BITS: usize = 1 << 16;

impl NameStarts {
    fn slot(bytes: &[u8]) -> usize {
        let x = bytes.iter().fold(0u64, |x, &c| (x << 8) | u64::from(c));
        (x.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize & (NAME_START_BITS - 1)
    }

    fn build() -> NameStarts {
        let mut bits = vec![0u64; NAME_START_BITS / 64];
        let nisba = nisba_names().keys();
        for w in names().iter().chain(nisba) {
            let b = w.as_bytes();
            let head = match b.len() {
                8.. => &b[..8],
                6 | 7 => b,
                _ => continue,
            };
            let s = Self::slot(head);
            bits[s / 64] |= 1 << (s % 64);
        }
        NameStarts { bits }
    }

    #[inline]
    fn has(&self, bytes: &[u8]) -> bool {
        let s = Self::slot(bytes);
        self.bits[s / 64] & (1 << (s % 64)) != 0
    }

    /// Could `w` (an Arabic-block word of three letters or more) be a name
    /// or a nisba stem, or either with an ending?
    #[inline]
    fn may_start(&self, w: &str) -> bool {
        let b = w.as_bytes();
        (b.len() >= 8 && self.has(&b[..8])) || (b.len() >= 6 && self.has(&b[..6]))
    }
}

fn name_starts() -> &'static NameStarts {
    static S: OnceLock<NameStarts> = OnceLock::new();
    S.get_or_init(NameStarts::build)
}

/// A name hidden under clitics or a nisba ending, if any.
fn find_name(norm: &str) -> Option<&str> {
    let names = names();
    if names.is_empty() {
        return None;
    }
    let starts = name_starts();
    let with_suffixes = |base: &str| -> Option<(usize, usize)> {
        if names.contains(base) {
            return Some((0, base.len()));
        }
        for suf in NAME_SUFFIXES {
            if let Some(b) = cut_suffix(base, suf) {
                if char_len(b) >= 3 && names.contains(b) {
                    return Some((0, b.len()));
                }
            }
        }
        None
    };
    // The name (without its article) at norm[off + s..off + e], or the name a
    // nisba adjective under the same prefix belongs to.
    let nisba = |base: &str| -> Option<&'static str> {
        NAME_SUFFIXES
            .iter()
            .find_map(|suf| cut_suffix(base, suf).and_then(|b| nisba_names().get(b).copied()))
    };
    if starts.may_start(norm) {
        if let Some((s, e)) = with_suffixes(norm) {
            let name = &norm[s..e];
            return Some(without_article(name).unwrap_or(name));
        }
        if let Some(name) = nisba(norm) {
            return Some(name);
        }
    }
    for p in name_prefixes().of(norm) {
        if let Some(rest) = cut_prefix(norm, p) {
            if char_len(rest) < 3 || !starts.may_start(rest) {
                continue;
            }
            if let Some((s, e)) = with_suffixes(rest) {
                let off = norm.len() - rest.len();
                let name = &norm[off + s..off + e];
                return Some(without_article(name).unwrap_or(name));
            }
            if let Some(name) = nisba(rest) {
                return Some(name);
            }
        }
    }
    None
}

/// The light stem of a search form (see [`crate::norm_form`]).
///
/// The key is a fixed point: the stem of a stem is itself, so a key written
/// into an index or a query file keys to the same term again.
///
/// ```
/// use khabar_text::stem;
/// assert_eq!(stem("والكتاب"), "كتاب");
/// assert_eq!(stem("المسلمين"), "مسلم");
/// ```
pub fn stem(norm: &str) -> &str {
    // News vocabulary repeats heavily: a small per-thread memo of recent
    // words answers most calls with one hash and one comparison instead of
    // the lexicon lookups of every pass.
    if norm.len() < 6 || norm.len() > MEMO_MAX_WORD {
        return stem_uncached(norm);
    }
    let slot = (FxBuildHasher.hash_one(norm) as usize) & (MEMO_SLOTS - 1);
    let hit = MEMO.with(|m| {
        let m = m.borrow();
        let (word, range) = &m[slot];
        (word == norm).then_some(*range)
    });
    if let Some(Some((s, e))) = hit {
        return &norm[s as usize..e as usize];
    }
    let r = stem_uncached(norm);
    // Only keys that are a piece of the word are memoized; a key taken from
    // the name list (a nisba adjective keyed by its country) is recomputed.
    let range = offset_in(norm, r).map(|s| (s as u8, (s + r.len()) as u8));
    MEMO.with(|m| {
        let mut m = m.borrow_mut();
        let entry = &mut m[slot];
        entry.0.clear();
        entry.0.push_str(norm);
        entry.1 = range;
    });
    r
}

/// Where `part` starts in `whole`, when it is a slice of it (a stem cut from
/// the word) rather than a string of its own (a key from a name list).
pub(crate) fn offset_in(whole: &str, part: &str) -> Option<usize> {
    let (p, base) = (part.as_ptr() as usize, whole.as_ptr() as usize);
    (p >= base && p + part.len() <= base + whole.len()).then(|| p - base)
}

/// Words longer than this (in bytes) are not memoized.
const MEMO_MAX_WORD: usize = 64;
/// Slots of the per-thread memo (a power of two). On SaudiNewsNet, 16,384
/// slots answer 68% of the words of three letters or more (4,096: 54%), for
/// 512 KB per thread and no more cache misses under cachegrind.
const MEMO_SLOTS: usize = 16384;

type MemoSlot = (String, Option<(u8, u8)>);

thread_local! {
    static MEMO: std::cell::RefCell<Vec<MemoSlot>> =
        std::cell::RefCell::new(vec![(String::new(), None); MEMO_SLOTS]);
}

fn stem_uncached(norm: &str) -> &str {
    // A word whose first letters only look like a clitic and the article
    // keeps them in every pass (والدها → والد, not دها).
    let (base, prefixes) = if has_own_al(norm) {
        (norm, false)
    } else if let Some(rest) = norm
        .strip_prefix('و')
        .or_else(|| norm.strip_prefix('ف'))
        .filter(|r| has_own_al(r))
    {
        (rest, false)
    } else {
        (norm, true)
    };
    let mut w = stem_once(base, prefixes);
    // Each pass only shortens the word; two or three passes reach the fixed point.
    loop {
        let next = stem_once(w, prefixes);
        if next.len() == w.len() {
            return w;
        }
        w = next;
    }
}

fn stem_once(norm: &str, prefixes: bool) -> &str {
    if norm.len() < 6 || !is_arabic_block(norm) {
        // Two Arabic letters or fewer, or not Arabic: nothing to strip.
        return norm;
    }
    if let Some(name) = find_name(norm) {
        return name;
    }
    let mut w = norm;
    // Prefixes: one article form, else a conjunction و that is not radical.
    if prefixes {
        if let Some(rest) = article_prefixes()
            .of(w)
            .iter()
            .find_map(|p| cut_prefix(w, p).filter(|r| char_len(r) >= 2))
        {
            w = rest;
        } else if let Some(rest) = cut_prefix(w, "و") {
            if char_len(rest) >= 3 && !waw_words().contains(w) {
                w = rest;
            }
        }
    }
    // A single-letter clitic ب ل ك ف or the future prefix س (after و: وبسبب), from the list.
    if let Some(rest) = prefixes.then(|| cut_clitic(w)).flatten() {
        w = rest;
    }
    if let Some(rest) = cut_tanween(w) {
        w = rest;
    }
    // Suffixes, in Light10's order, keeping a stem of MIN_STEM letters.
    let mut n = char_len(w);
    for suf in SUFFIXES {
        let sl = char_len(suf);
        if n >= sl + MIN_STEM {
            if let Some(rest) = cut_suffix(w, suf) {
                w = rest;
                n -= sl;
                // A taa marbuta is written ت before a pronoun (عاصمتها,
                // مقاومته): cut it as the ه of عاصمه would be cut.
                if matches!(*suf, "ها" | "ه") && n > MIN_STEM {
                    if let Some(r) = cut_suffix(w, "ت") {
                        w = r;
                        n -= 1;
                    }
                }
            }
        }
    }
    w
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::norm_form;

    fn key(s: &str) -> String {
        let mut n = String::new();
        norm_form(s, &mut n);
        stem(&n).to_string()
    }

    #[test]
    fn light10_clitics_reach_the_stem() {
        // Every spelling of كتاب is checked in tests/news.rs.
        assert_eq!(key("المسلمين"), "مسلم");
        assert_eq!(key("والمسؤولون"), "مسءول");
        assert_eq!(key("الجامعات"), "جامع");
    }

    #[test]
    fn short_words_are_not_maimed() {
        // Light10 keeps 2 letters; we keep 3 after a suffix.
        assert_eq!(key("سنة"), "سنه");
        assert_eq!(key("بين"), "بين");
        assert_eq!(key("يده"), "يده");
    }

    #[test]
    fn letters_that_only_look_like_clitic_and_article_stay() {
        assert_eq!(key("كاليفورنيا"), "كاليفورنيا");
        assert_eq!(key("وكاليفورنيا"), "كاليفورنيا");
        assert_eq!(key("فالنسيا"), "فالنسيا");
        // والد "father" under its pronouns; و + ال + word elsewhere.
        assert_eq!(key("والدها"), "والد");
        assert_eq!(key("والدته"), "والد");
        assert_eq!(key("باليستيه"), key("باليستي"));
        assert_eq!(key("والكتاب"), "كتاب");
        assert_eq!(key("بالقوات"), "قوات");
        assert_eq!(key("كالينينغراد"), "كالينينغراد");
    }

    #[test]
    fn single_letter_clitics_from_the_list() {
        // ب ل ك ف stripped where the corpus says the rest is the word...
        assert_eq!(key("بسبب"), key("السبب"));
        assert_eq!(key("لمواجهة"), key("المواجهة"));
        assert_eq!(key("وبنسبة"), key("نسبة"));
        assert_eq!(key("لتعزيز"), "تعزيز");
        // ...and kept where the letter is radical.
        for w in [
            "بيان", "كتاب", "لقاء", "فرصة", "بلد", "كبير", "لجنة", "فريق",
        ] {
            let mut n = String::new();
            norm_form(w, &mut n);
            assert_eq!(key(w), stem(&n), "{w}");
            assert!(key(w).starts_with(&n[..2]), "{w}: {}", key(w));
        }
        // the future prefix سـ before an imperfect verb
        assert_eq!(key("سيعود"), key("يعود"));
    }

    #[test]
    fn tanween_alef_and_nisba_of_names() {
        assert_eq!(key("عاماً"), key("العام"));
        assert_eq!(key("قتيلا"), key("قتيل"));
        assert_eq!(key("مدرباً"), key("المدرب"));
        // the alef of a word that takes the article stays
        assert_eq!(key("الكاميرا"), key("كاميرا"));
        assert_ne!(key("كاميرا"), key("كامير"));
        // a country's nisba adjective finds the country, which keeps its form
        assert_eq!(key("الأمريكية"), "امريكا");
        assert_eq!(key("أمريكي"), "امريكا");
        assert_eq!(key("الروسية"), "روسيا");
        assert_eq!(key("فرنسا"), "فرنسا");
        assert_ne!(key("الأمريكية"), key("الأمر"));
    }

    #[test]
    fn the_name_filter_lets_every_name_through() {
        let starts = name_starts();
        let nisba = nisba_names().keys();
        for w in names().iter().chain(nisba).filter(|w| w.len() >= 6) {
            assert!(starts.may_start(w), "{w}");
        }
        // and rules out most words: news words that are no names
        let words = [
            "حكومه",
            "مسؤول",
            "اجتماع",
            "قوات",
            "رئيس",
            "انتخابات",
            "مدينه",
            "تحالف",
        ];
        let through = words.iter().filter(|w| starts.may_start(w)).count();
        assert!(
            through <= 2,
            "{through} of {} words pass the filter",
            words.len()
        );
    }

    #[test]
    fn prefixes_by_first_letter_keep_the_lists_order() {
        for list in [NAME_PREFIXES, ARTICLE_PREFIXES] {
            let split = ByFirstLetter::new(list);
            for w in [
                "والكتاب",
                "فبالنسبه",
                "بالامس",
                "للشعب",
                "كالعاده",
                "الحكومه",
                "مدينه",
            ] {
                let want: Vec<_> = list.iter().copied().filter(|p| w.starts_with(p)).collect();
                let got: Vec<_> = split
                    .of(w)
                    .iter()
                    .copied()
                    .filter(|p| w.starts_with(p))
                    .collect();
                assert_eq!(got, want, "{w}");
            }
            let total: usize = split.0.iter().map(Vec::len).sum();
            assert_eq!(
                total,
                list.len(),
                "every prefix starts with a prefix letter"
            );
        }
    }

    #[test]
    fn unrelated_words_stay_apart() {
        assert_ne!(key("أمريكا"), key("أمر"));
        assert_ne!(key("جامعات"), key("جميع"));
        assert_ne!(key("الأمريكية"), key("الأمر"));
    }
}
