//! Token features for the sequence model.
//!
//! Every feature is a short string (`template=value`) written into a reused
//! buffer and handed to a callback: training keeps the strings, tagging hashes
//! them (no allocation per feature). Both paths run this one function, so the
//! model always sees at tagging time exactly what it saw in training.
//!
//! Forms come from `khabar_text`: the norm form (normalized, unstemmed) is the
//! word's identity, the key (light stem, names protected) generalizes over
//! clitics, and both index the word clusters and gazetteers.

use super::gazetteer::Gazetteer;
use super::EntityLabel;
use khabar_text::{is_stopword, key_of, norm_form, TokenKind};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Word clusters learned from unlabelled news (`scripts/ner/clusters.py`):
/// norm form → cluster ids at several granularities.
#[derive(Debug, Default)]
pub struct Clusters {
    map: FxHashMap<String, [u16; 3]>,
}

impl Clusters {
    /// Parses the committed table: `word<TAB>c64<TAB>c256<TAB>c1024`, `#` comments.
    pub fn parse(tsv: &str) -> Clusters {
        let mut map = FxHashMap::default();
        for line in tsv.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut f = line.split('\t');
            let Some(word) = f.next().filter(|w| !w.is_empty()) else {
                continue;
            };
            let mut ids = [u16::MAX; 3];
            for id in ids.iter_mut() {
                if let Some(v) = f.next().and_then(|v| v.trim().parse().ok()) {
                    *id = v;
                }
            }
            map.insert(word.to_string(), ids);
        }
        Clusters { map }
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    pub fn get(&self, norm: &str) -> Option<[u16; 3]> {
        self.map.get(norm).copied()
    }
}

/// A committed table of words (norm form) → a pair of small numbers: the
/// corpus statistics, the self-trained gazetteer and the person-name lexicon.
/// The tables differ only in how their two columns parse.
#[derive(Debug, Default)]
pub struct WordTable {
    map: FxHashMap<String, (u8, u8)>,
}

impl WordTable {
    /// Parses a three-column table (`word<TAB>a<TAB>b`, `#` comments) into
    /// word → the pair `value` makes of the two columns (rows it rejects are
    /// skipped).
    fn parse(tsv: &str, value: impl Fn(&str, &str) -> Option<(u8, u8)>) -> WordTable {
        let mut map = FxHashMap::default();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let mut f = line.split('\t');
            if let (Some(w), Some(a), Some(b)) = (f.next(), f.next(), f.next()) {
                if let Some(v) = value(a, b) {
                    map.insert(w.to_string(), v);
                }
            }
        }
        WordTable { map }
    }

    /// Corpus statistics of words (`scripts/ner/wordstats.py`): norm form →
    /// (log2 frequency, definiteness bucket) in unlabelled news;
    /// `word<TAB>log2freq<TAB>definiteness`.
    pub fn word_stats(tsv: &str) -> WordTable {
        WordTable::parse(tsv, |fq, d| {
            Some((fq.trim().parse().ok()?, d.trim().parse().ok()?))
        })
    }

    /// The self-trained gazetteer (`scripts/ner/autogaz.py`): norm form →
    /// (class index in [`EntityLabel::ALL`], rate bucket 1–4) of how often a first-pass model
    /// tagged the word inside an entity in unlabelled news;
    /// `word<TAB>CLASS<TAB>bucket`.
    pub fn autogaz(tsv: &str) -> WordTable {
        WordTable::parse(tsv, |c, b| {
            let c = EntityLabel::parse(c)?.index() as u8;
            Some((c, b.trim().parse().ok()?))
        })
    }

    /// Person-name words from name registries (`scripts/ner/names.py`): norm
    /// form → (flags: 1 given name, 2 surname, 4 transliterated name;
    /// popularity 0–3); `word<TAB>flags (g, s, t)<TAB>popularity`.
    pub fn names(tsv: &str) -> WordTable {
        WordTable::parse(tsv, |flags, pop| {
            let bits = flags.chars().fold(0u8, |b, c| {
                b | match c {
                    'g' => 1,
                    's' => 2,
                    't' => 4,
                    _ => 0,
                }
            });
            Some((bits, pop.trim().parse().ok()?)).filter(|v| v.0 != 0)
        })
    }

    pub fn get(&self, norm: &str) -> Option<(u8, u8)> {
        self.map.get(norm).copied()
    }
}

/// Trigger classes of a norm form, as a bit set (bit [`EntityLabel::index`]:
/// 1 PERS, 2 LOC, 4 ORG, 8 MISC).
#[derive(Debug, Default)]
pub struct Triggers {
    map: FxHashMap<String, u8>,
}

impl Triggers {
    /// Parses the committed table (`CLASS<TAB>word`, `#` comments;
    /// `data/ner/triggers.tsv`); words are normalized to their norm form.
    pub fn parse(tsv: &str) -> Triggers {
        let mut map: FxHashMap<String, u8> = FxHashMap::default();
        let mut buf = String::new();
        for line in tsv.lines().filter(|l| !l.starts_with('#')) {
            let Some((class, w)) = line.split_once('\t') else {
                continue;
            };
            let Some(label) = EntityLabel::parse(class) else {
                continue;
            };
            buf.clear();
            norm_form(w, &mut buf);
            *map.entry(buf.clone()).or_default() |= 1 << label.index();
        }
        Triggers { map }
    }

    fn get(&self, norm: &str) -> u8 {
        self.map.get(norm).copied().unwrap_or(0)
    }
}

/// What the features need beyond the token itself.
#[derive(Debug, Default)]
pub struct Resources {
    pub clusters: Clusters,
    pub stats: WordTable,
    pub auto: WordTable,
    pub names: WordTable,
    pub gazetteer: Gazetteer,
    pub triggers: Triggers,
}

/// What the features read of one word, whatever its sentence: its forms and
/// the corpus evidence about it. Computed once per distinct word when tagging
/// (see `Ner`'s word cache) and shared by its tokens.
#[derive(Clone, Debug, Default)]
pub struct WordInfo {
    pub norm: String,
    pub key: String,
    /// The clitic prefix the key dropped (و, ال, بال, …), or empty.
    pub pre: String,
    /// The suffix the key dropped, or empty.
    pub suf: String,
    pub shape: &'static str,
    pub clusters: Option<[u16; 3]>,
    /// Corpus statistics (log2 frequency, definiteness), if the word is known.
    pub stats: Option<(u8, u8)>,
    /// Self-trained gazetteer evidence (class, rate bucket).
    pub auto: Option<(u8, u8)>,
    /// Person-name lexicon evidence (flags, popularity).
    pub names: Option<(u8, u8)>,
    pub trig: u8,
    pub stop: bool,
}

/// One token of a sentence: its word and what depends on the words around it.
#[derive(Clone, Debug, Default)]
pub struct TokInfo {
    pub word: Arc<WordInfo>,
    /// Gazetteer match: 0 none, else (class index in [`EntityLabel::ALL`] + 1) × 2,
    /// + 1 if inside (not the name's first word).
    pub gaz: u8,
}

impl std::ops::Deref for TokInfo {
    type Target = WordInfo;
    fn deref(&self) -> &WordInfo {
        &self.word
    }
}

fn shape_of(surface: &str) -> &'static str {
    let (mut ar, mut lat, mut dig, mut other) = (0, 0, 0, 0);
    // Invisible marks (a right-to-left mark inside a word) are not its shape.
    for c in surface
        .chars()
        .filter(|&c| !khabar_text::chars::is_invisible(c))
    {
        if khabar_text::chars::is_arabic_letter(c) {
            ar += 1;
        } else if c.is_ascii_alphabetic() || c.is_alphabetic() {
            lat += 1;
        } else if c.is_numeric() || khabar_text::chars::is_digit(c) {
            dig += 1;
        } else if !khabar_text::chars::is_mark(c) {
            other += 1;
        }
    }
    match (ar > 0, lat > 0, dig > 0, other > 0) {
        (false, false, false, false) => "empty",
        (true, false, false, false) => match ar {
            1 => "a1",
            2 => "a2",
            3 => "a3",
            4..=5 => "a5",
            6..=8 => "a8",
            _ => "a9",
        },
        (false, true, false, false) => {
            if surface.chars().next().is_some_and(char::is_uppercase) {
                "Lat"
            } else {
                "lat"
            }
        }
        (false, false, true, false) => "dig",
        (false, false, false, true) => "punct",
        (true, false, false, true) => "a+p",
        (false, false, true, true) => "dig+p",
        _ => "mix",
    }
}

impl Resources {
    /// What the features read of one word as written.
    pub fn word_info(&self, w: &str) -> WordInfo {
        let mut norm = String::with_capacity(w.len());
        norm_form(w, &mut norm);
        // Every token is keyed as a word, as in training.
        let key = key_of(w, TokenKind::Word, &mut String::with_capacity(w.len())).to_string();
        // The clitics the stem dropped: the letters around it (the
        // stemmer may also return a lexicon form that is not a slice).
        let (pre, suf) = match norm.find(key.as_str()) {
            Some(at) if !key.is_empty() => {
                (norm[..at].to_string(), norm[at + key.len()..].to_string())
            }
            _ => (String::new(), String::new()),
        };
        let clusters = self.clusters.get(&norm).or_else(|| self.clusters.get(&key));
        let stats = self.stats.get(&norm);
        let auto = self.auto.get(&norm).or_else(|| self.auto.get(&key));
        let names = self.names.get(&norm).or_else(|| self.names.get(&key));
        let trig = self.triggers.get(&norm);
        // Stop words are matched as written (على is one, the name علي is not).
        let stop = is_stopword(w);
        WordInfo {
            shape: shape_of(w),
            norm,
            key,
            pre,
            suf,
            clusters,
            stats,
            auto,
            names,
            trig,
            stop,
        }
    }

    /// The per-token forms of a sentence given its tokens as written.
    pub fn analyze<S: AsRef<str>>(&self, words: &[S]) -> Vec<TokInfo> {
        let mut toks: Vec<TokInfo> = words
            .iter()
            .map(|w| TokInfo {
                word: Arc::new(self.word_info(w.as_ref())),
                gaz: 0,
            })
            .collect();
        self.gazetteer.annotate(&mut toks);
        toks
    }
}

const NONE: &str = "^";

/// The offsets around a token whose words its features read.
pub const WINDOW: [isize; 5] = [-2, -1, 0, 1, 2];

/// Calls `emit` with every feature string of token `i`: what each word of
/// the window contributes on its own ([`offset_features`]) and what depends
/// on several of them ([`context_features`]).
pub fn token_features(toks: &[TokInfo], i: usize, buf: &mut String, mut emit: impl FnMut(&str)) {
    for d in WINDOW {
        let j = i as isize + d;
        let t = if j < 0 { None } else { toks.get(j as usize) };
        offset_features(t.map(|t| &*t.word), d, buf, &mut emit);
    }
    context_features(toks, i, buf, emit);
}

/// A piece of a feature string: text as it is, a number in decimal. Features are built
/// by pushing pieces, not by `format!`: the tagger builds about twenty per token.
trait Piece {
    fn push_to(&self, buf: &mut String);
}

impl Piece for &str {
    #[inline]
    fn push_to(&self, buf: &mut String) {
        buf.push_str(self);
    }
}

impl Piece for String {
    #[inline]
    fn push_to(&self, buf: &mut String) {
        buf.push_str(self);
    }
}

impl Piece for char {
    #[inline]
    fn push_to(&self, buf: &mut String) {
        buf.push(*self);
    }
}

macro_rules! piece_int {
    ($($t:ty),*) => {$(
        impl Piece for $t {
            #[inline]
            fn push_to(&self, buf: &mut String) {
                buf.push_str(itoa::Buffer::new().format(*self));
            }
        }
    )*};
}
piece_int!(u8, u16, usize);

/// A window offset with its sign, as the feature strings write it (`-2`, `+1`).
fn signed(d: isize) -> &'static str {
    match d {
        -2 => "-2",
        -1 => "-1",
        0 => "+0",
        1 => "+1",
        2 => "+2",
        _ => "?",
    }
}

/// Emits the feature made of these pieces, built in `buf`.
macro_rules! f {
    ($buf:ident, $emit:ident, $($p:expr),+ $(,)?) => {{
        $buf.clear();
        $( Piece::push_to(&$p, $buf); )+
        $emit($buf);
    }};
}

/// The features a word contributes, on its own, to the token `d` places
/// after it (`d` in [`WINDOW`]); `None` is a position beyond the sentence.
/// They depend on the word alone, so a tagger can add up their weights once
/// per distinct word.
pub fn offset_features(
    t: Option<&WordInfo>,
    d: isize,
    buf: &mut String,
    mut emit: impl FnMut(&str),
) {
    const G: [char; 3] = ['a', 'b', 'c'];
    let norm = t.map_or(NONE, |t| t.norm.as_str());
    let key = t.map_or(NONE, |t| t.key.as_str());
    let cl = |g: usize| t.and_then(|t| t.clusters).map(|c| c[g]);
    match d {
        0 => {
            let Some(t) = t else { return };
            f!(buf, emit, "b");
            f!(buf, emit, "w=", t.norm);
            f!(buf, emit, "k=", t.key);
            f!(buf, emit, "sh=", t.shape);
            f!(buf, emit, "pre=", t.pre);
            f!(buf, emit, "suf=", t.suf);
            if t.stop {
                f!(buf, emit, "stop");
            }
            // Character prefixes and suffixes of the key (the clitics are features of their own).
            let chars: Vec<(usize, char)> = t.key.char_indices().collect();
            let n = chars.len();
            for k in 1..=4.min(n) {
                let end = chars.get(k).map_or(t.key.len(), |c| c.0);
                f!(buf, emit, "p", k, "=", &t.key[..end]);
                f!(buf, emit, "s", k, "=", &t.key[chars[n - k].0..]);
            }
            // Word clusters.
            match t.clusters {
                Some(c) => {
                    for (g, id) in c.iter().enumerate() {
                        f!(buf, emit, "c", G[g], "=", *id);
                    }
                }
                None => f!(buf, emit, "c=oov"),
            }
            // Corpus statistics: frequency and how often the word takes the article.
            match t.stats {
                Some((fq, d)) => {
                    f!(buf, emit, "fq=", fq.min(14));
                    f!(buf, emit, "def=", d);
                    f!(buf, emit, "def|sh=", d, "|", t.shape);
                    f!(buf, emit, "def|pre=", d, "|", t.pre);
                }
                None => f!(buf, emit, "fq=oov|", t.shape),
            }
        }
        -1 | 1 => {
            f!(buf, emit, "w", signed(d), "=", norm);
            f!(buf, emit, "k", signed(d), "=", key);
            for g in [1usize, 2] {
                match cl(g) {
                    Some(id) => f!(buf, emit, "c", G[g], signed(d), "=", id),
                    None => f!(buf, emit, "c", G[g], signed(d), "=^"),
                }
            }
            if let Some((_, df)) = t.and_then(|t| t.stats) {
                f!(buf, emit, "def", signed(d), "=", df);
            }
        }
        _ => {
            f!(buf, emit, "w", signed(d), "=", norm);
            if let Some(id) = cl(0) {
                f!(buf, emit, "ca", signed(d), "=", id);
            }
        }
    }
    // Self-trained gazetteer, here and around.
    if let (-1..=1, Some((c, b))) = (d, t.and_then(|t| t.auto)) {
        f!(buf, emit, "auto", signed(d), "=", c, ":", b);
    }
    // Person-name lexicon, here and around.
    if let Some((fl, pop)) = t.and_then(|t| t.names) {
        match d {
            0 => {
                f!(buf, emit, "nm=", fl, ":", pop);
                if let Some((fq, df)) = t.and_then(|t| t.stats) {
                    f!(buf, emit, "nm|fq|def=", fl, "|", fq.min(14) / 3, "|", df);
                } else {
                    f!(buf, emit, "nm|oov=", fl);
                }
            }
            -1 | 1 => f!(buf, emit, "nm", signed(d), "=", fl),
            _ => {}
        }
    }
    // Triggers before and after.
    if let (-2 | -1 | 1, Some(tr)) = (d, t.map(|t| t.trig).filter(|&tr| tr != 0)) {
        f!(buf, emit, "t", signed(d), "=", tr);
    }
}

/// The features of token `i` that read several words of its window at once
/// (conjunctions), the gazetteer matches and the sentence boundaries.
pub fn context_features(toks: &[TokInfo], i: usize, buf: &mut String, mut emit: impl FnMut(&str)) {
    let t = &toks[i];
    let at = |d: isize| -> Option<&TokInfo> {
        let j = i as isize + d;
        if j < 0 {
            None
        } else {
            toks.get(j as usize)
        }
    };
    let norm = |d: isize| at(d).map_or(NONE, |t| t.norm.as_str());
    let key = |d: isize| at(d).map_or(NONE, |t| t.key.as_str());
    f!(buf, emit, "w-1|w=", norm(-1), "|", t.norm);
    f!(buf, emit, "w|w+1=", t.norm, "|", norm(1));
    f!(buf, emit, "k-2|k-1=", key(-2), "|", key(-1));
    f!(
        buf,
        emit,
        "sh-1|sh|sh+1=",
        at(-1).map_or(NONE, |t| t.shape),
        "|",
        t.shape,
        "|",
        at(1).map_or(NONE, |t| t.shape)
    );
    let cl = |d: isize, g: usize| at(d).and_then(|t| t.clusters).map(|c| c[g]);
    if let (Some(a), Some(b)) = (cl(-1, 1), cl(0, 1)) {
        f!(buf, emit, "cb-1|cb=", a, "|", b);
    }
    if let (Some(a), Some(b)) = (cl(0, 1), cl(1, 1)) {
        f!(buf, emit, "cb|cb+1=", a, "|", b);
    }
    if let Some(c) = cl(0, 1) {
        f!(buf, emit, "w-1|cb=", norm(-1), "|", c);
    }
    // Gazetteers.
    f!(buf, emit, "g=", t.gaz);
    f!(buf, emit, "g-1=", at(-1).map_or(0, |t| t.gaz));
    f!(buf, emit, "g+1=", at(1).map_or(0, |t| t.gaz));
    if i == 0 {
        f!(buf, emit, "bos");
    }
    if i + 1 == toks.len() {
        f!(buf, emit, "eos");
    }
}

/// All features of a sentence, as owned strings (training).
pub fn sentence_features(toks: &[TokInfo]) -> Vec<Vec<String>> {
    let mut buf = String::new();
    (0..toks.len())
        .map(|i| {
            let mut v = Vec::with_capacity(64);
            token_features(toks, i, &mut buf, |s| v.push(s.to_string()));
            v
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn features_are_the_same_for_training_and_tagging() {
        let res = Resources {
            triggers: Triggers::parse(crate::ner::TRIGGERS_TSV),
            ..Default::default()
        };
        let toks = res.analyze(&["وقال", "الرئيس", "الروسي", "فلاديمير", "بوتين"]);
        assert_eq!(toks[4].key, "بوتين");
        assert_eq!(toks[0].pre, "و");
        assert_eq!(toks[1].trig & 1, 1);
        let feats = sentence_features(&toks);
        assert!(feats[4].contains(&"w-1=فلاديمير".to_string()));
        assert!(feats[4].contains(&"eos".to_string()));
        let mut n = 0;
        token_features(&toks, 4, &mut String::new(), |_| n += 1);
        assert_eq!(n, feats[4].len());
    }

    /// The pieces write what `format!` wrote when the model was trained: its weights are
    /// stored under the hashes of those strings.
    #[test]
    fn feature_pieces_write_what_format_wrote() {
        let buf = &mut String::new();
        let mut got = Vec::new();
        let mut emit = |s: &str| got.push(s.to_string());
        for d in WINDOW {
            f!(buf, emit, "c", 'b', signed(d), "=", 0u16);
        }
        f!(buf, emit, "nm|fq|def=", 4u8, "|", 14u8 / 3, "|", 255u8);
        f!(buf, emit, "p", 3usize, "=", "بوت", "|", 65535u16);
        let want: Vec<String> = WINDOW
            .iter()
            .map(|d| format!("c{}{:+}={}", 'b', d, 0))
            .chain([
                format!("nm|fq|def={}|{}|{}", 4, 14 / 3, 255),
                format!("p{}={}|{}", 3, "بوت", 65535),
            ])
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn person_name_lexicon() {
        let names = WordTable::names("# c\nساركوزي\tt\t0\nسعيد\tgst\t3\nبلا\tx\t1\nخطا\tg\n");
        assert_eq!(names.get("ساركوزي"), Some((4, 0)));
        assert_eq!(names.get("سعيد"), Some((7, 3)));
        assert_eq!(names.get("بلا"), None, "no known flag");
        assert_eq!(names.get("خطا"), None, "no popularity");
        // The bundled table knows foreign names as written in Arabic news,
        // and a clitic does not hide them (the key is looked up too).
        let res = crate::ner::bundled_resources();
        for w in ["ساركوزي", "وشيراك", "فلاديمير", "أولمرت"] {
            let info = res.word_info(w);
            assert!(info.names.is_some_and(|(f, _)| f & 4 != 0), "{w}");
        }
        assert_eq!(res.word_info("والحكومة").names, None);
    }

    /// `is_stopword` reads the word as written: given the norm form (ى
    /// folded to ي, إ to ا) على and إلى stopped being stop words.
    #[test]
    fn stop_words_are_checked_as_written() {
        let res = Resources::default();
        for w in ["على", "إلى", "التي", "عَلَى"] {
            assert!(res.word_info(w).stop, "{w}");
        }
        for w in ["علي", "بوتين"] {
            assert!(!res.word_info(w).stop, "{w}");
        }
    }

    #[test]
    fn shapes() {
        assert_eq!(shape_of("بوتين"), "a5");
        assert_eq!(shape_of("NATO"), "Lat");
        assert_eq!(shape_of("2022"), "dig");
        assert_eq!(shape_of("،"), "punct");
        assert_eq!(shape_of("الاسلامية\u{200F}"), "a9");
    }
}
