//! Phrase lexicons over normalized tokens: longest match, with the clitics
//! of the first word (و ف ب ل ك, لل) tried off as well.

use crate::doc::{candidates, norm_phrase, Doc, Tok};
use crate::vocab::word_hash;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A phrase filed under its first word: that word, the rest, the payload.
type Entry<T> = (Box<str>, Vec<String>, T);

/// A set of phrases (sequences of normalized words), each with a payload.
///
/// Phrases are filed under the [`word_hash`] of their first word, so a token
/// is looked up with the hashes its vocabulary entry already holds (the first
/// word is still compared, as two words may share a hash).
pub(crate) struct PhraseSet<T> {
    by_first: FxHashMap<u64, Vec<Entry<T>>>,
    filter: Filter,
    /// The set's bit in [`Tok::lex`], when it is one of [`registered`].
    bit: OnceLock<u32>,
}

/// A lexicon the vocabulary marks each word for (see [`registered`]).
pub(crate) trait Registered: Sync {
    /// Whether a word of this hash is filed (as a phrase's first word).
    fn files(&self, h: u64) -> bool;
    fn set_bit(&self, bit: u32);
}

impl<T: Sync> Registered for PhraseSet<T> {
    fn files(&self, h: u64) -> bool {
        self.filter.may_hold(h) && self.by_first.contains_key(&h)
    }

    fn set_bit(&self, bit: u32) {
        let _ = self.bit.set(bit);
    }
}

/// The lexicons every token is looked up in, in the order of their bits in
/// [`Tok::lex`]. Built (with every lexicon in it) before the vocabulary marks
/// its first word, so a clear bit always means "no candidate is filed".
pub(crate) fn registered() -> &'static [&'static dyn Registered] {
    static SETS: OnceLock<Vec<&'static dyn Registered>> = OnceLock::new();
    SETS.get_or_init(|| {
        let sets: Vec<&'static dyn Registered> = vec![
            crate::dates::months(),
            crate::dates::relatives(),
            crate::roles::roles(),
            crate::roles::places(),
            crate::events::triggers(),
        ];
        for (i, s) in sets.iter().enumerate() {
            s.set_bit(i as u32);
        }
        sets
    })
}

/// The bits of the [`registered`] lexicons that file one of these hashes.
pub(crate) fn lexicon_mask(hashes: &[u64]) -> u32 {
    registered()
        .iter()
        .enumerate()
        .filter(|(_, s)| hashes.iter().any(|&h| s.files(h)))
        .fold(0, |m, (i, _)| m | 1 << i)
}

/// A one-hash Bloom filter over word hashes: most tokens are in no lexicon,
/// and one bit tells so without a probe of the map.
#[derive(Default)]
struct Filter([u64; 16]);

impl Filter {
    fn bit(h: u64) -> (usize, u64) {
        let b = (h >> 54) as usize; // 10 bits: 1024
        (b >> 6, 1 << (b & 63))
    }

    fn insert(&mut self, h: u64) {
        let (i, m) = Filter::bit(h);
        self.0[i] |= m;
    }

    fn may_hold(&self, h: u64) -> bool {
        let (i, m) = Filter::bit(h);
        self.0[i] & m != 0
    }
}

/// A match: the phrase covers tokens `first..=last`.
pub(crate) struct Hit<'a, T> {
    pub first: usize,
    pub last: usize,
    pub value: &'a T,
    /// Whether a clitic was taken off the first word to match.
    pub clitic: bool,
    /// Whether that clitic was a preposition (ب ل ك, لل): the phrase is then
    /// governed by it (للشرطة "to the police"), not a subject.
    pub prep: bool,
}

impl<T> Default for PhraseSet<T> {
    fn default() -> Self {
        PhraseSet {
            by_first: FxHashMap::default(),
            filter: Filter::default(),
            bit: OnceLock::new(),
        }
    }
}

impl<T> PhraseSet<T> {
    /// Adds a phrase as written (it is normalized here).
    pub fn insert(&mut self, phrase: &str, value: T) {
        let mut words = norm_phrase(phrase);
        if words.is_empty() {
            return;
        }
        let first = words.remove(0);
        let h = word_hash(&first);
        self.filter.insert(h);
        let list = self.by_first.entry(h).or_default();
        list.push((first.into(), words, value));
        // Longest phrases first, so the first full match is the longest.
        list.sort_by_key(|(_, rest, _)| std::cmp::Reverse(rest.len()));
    }

    /// Builds a set from `phrase<TAB>fields` lines (`#` comments, blank lines
    /// skipped); `parse` turns the fields after the first tab into the payload.
    pub fn from_tsv(src: &str, mut parse: impl FnMut(&[&str]) -> Option<T>) -> Self {
        let mut set = PhraseSet::default();
        for line in src.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').map(str::trim).collect();
            if let Some(v) = parse(&fields[1..]) {
                set.insert(fields[0], v);
            }
        }
        set
    }

    /// The longest phrase starting at token `i`.
    pub fn match_at(&self, doc: &Doc, i: usize) -> Option<Hit<'_, T>> {
        let tok = doc.toks.get(i)?;
        if tok.is_punct() {
            return None;
        }
        if self.bit.get().is_some_and(|&b| tok.lex & (1 << b) == 0) {
            return None;
        }
        for (ci, hash) in tok.hashes.as_slice().iter().enumerate() {
            if !self.filter.may_hold(*hash) {
                continue;
            }
            let Some(list) = self.by_first.get(hash) else {
                continue;
            };
            let Some(cand) = tok.norm.cand(ci) else {
                continue;
            };
            let cand: &str = &cand;
            'phr: for (first, rest, value) in list {
                if **first != *cand {
                    continue;
                }
                let last = i + rest.len();
                if last >= doc.toks.len() {
                    continue;
                }
                for (k, w) in rest.iter().enumerate() {
                    let t = &doc.toks[i + 1 + k];
                    if &t.norm != w || doc.line_break_after(i + k) {
                        continue 'phr;
                    }
                }
                return Some(Hit {
                    first: i,
                    last,
                    value,
                    clitic: ci > 0,
                    // Candidates are: as written, without a conjunction (if
                    // any), without a preposition (if any). The last is the
                    // preposition's when there are three, or when the second
                    // is not the conjunction's (للشرطة).
                    prep: ci > 0
                        && ci + 1 == tok.hashes.as_slice().len()
                        && (ci == 2 || crate::doc::strip_conj(tok.norm.as_str()).is_none()),
                });
            }
        }
        None
    }

    /// The payload of a one-word phrase, trying the word's clitics off.
    pub fn word(&self, norm: &str) -> Option<&T> {
        for cand in candidates(norm) {
            if let Some(l) = self.by_first.get(&word_hash(&cand)) {
                if let Some((_, _, v)) = l.iter().find(|(f, r, _)| r.is_empty() && **f == *cand) {
                    return Some(v);
                }
            }
        }
        None
    }
}

/// A word list with payloads, filed like [`PhraseSet`] under [`word_hash`]
/// so a token is looked up with the hashes it carries.
pub(crate) struct WordMap<V> {
    by_hash: FxHashMap<u64, Vec<(Box<str>, V)>>,
    filter: Filter,
}

impl<V> WordMap<V> {
    /// A map of the pairs (a word given twice keeps its last payload, as a
    /// hash map built from the list would).
    pub fn new<'w>(pairs: impl IntoIterator<Item = (&'w str, V)>) -> Self {
        let mut by_hash: FxHashMap<u64, Vec<(Box<str>, V)>> = FxHashMap::default();
        let mut filter = Filter::default();
        for (w, v) in pairs {
            let h = word_hash(w);
            filter.insert(h);
            let list = by_hash.entry(h).or_default();
            match list.iter_mut().find(|(k, _)| &**k == w) {
                Some(slot) => slot.1 = v,
                None => list.push((w.into(), v)),
            }
        }
        WordMap { by_hash, filter }
    }

    /// The payload of a word.
    pub fn get(&self, w: &str) -> Option<&V> {
        find_word(self.by_hash.get(&word_hash(w))?, w)
    }

    /// The payloads of the first `n` lexicon candidates of a token (see
    /// [`crate::doc::candidates`]) that are in the map, in candidate order.
    pub fn cands<'a>(&'a self, tok: &'a Tok, n: usize) -> impl Iterator<Item = &'a V> + 'a {
        tok.hashes
            .as_slice()
            .iter()
            .take(n)
            .enumerate()
            .filter_map(move |(ci, h)| {
                // The candidate's letters are read only when its hash is filed.
                if !self.filter.may_hold(*h) {
                    return None;
                }
                let list = self.by_hash.get(h)?;
                find_word(list, &tok.norm.cand(ci)?)
            })
    }
}

fn find_word<'a, V>(list: &'a [(Box<str>, V)], w: &str) -> Option<&'a V> {
    list.iter().find(|(k, _)| &**k == w).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_preposition_is_told_from_a_conjunction() {
        let mut set: PhraseSet<u8> = PhraseSet::default();
        set.insert("الشرطة", 1);
        let hit = |text: &str| {
            let doc = Doc::new(text);
            set.match_at(&doc, 0).map(|h| (h.clitic, h.prep))
        };
        assert_eq!(hit("الشرطة"), Some((false, false)));
        assert_eq!(hit("والشرطة"), Some((true, false)));
        // to the police: a preposition, with or without a conjunction before it
        assert_eq!(hit("للشرطة"), Some((true, true)));
        assert_eq!(hit("وللشرطة"), Some((true, true)));
        assert_eq!(hit("بالشرطة"), Some((true, true)));
    }
}
