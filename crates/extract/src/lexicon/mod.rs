//! The lexicons: every word list the reading uses, loaded from `data/*.tsv`
//! into typed tables, and the two containers they are filed in ([`PhraseSet`],
//! [`WordMap`]). The bottom layer of the crate: it knows the word forms
//! ([`clitics`]) and the closed sets of [`crate::ontology`], nothing of the
//! token view or the stages (they match tokens against these tables, see
//! `crate::doc`).
//!
//! One submodule per stage that owns lists; a new list is a `data/*.tsv` file
//! with a header comment (its source, whether its forms are normalized) and a
//! loader here. `tests/lexicons.rs` checks that normalized lists are in the
//! Rust normal form.

pub(crate) mod clitics;
pub(crate) mod dates;
pub(crate) mod df;
pub(crate) mod events;
pub(crate) mod numbers;
pub(crate) mod quotes;
pub(crate) mod roles;

use clitics::{candidates, norm_phrase};
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::hash::BuildHasher;
use std::sync::OnceLock;

/// The hash lexicons file a word under (the vocabulary keeps each token's).
pub(crate) fn word_hash(s: &str) -> u64 {
    FxBuildHasher.hash_one(s)
}

/// The rows of a `data/*.tsv` list: tab-separated fields, trimmed, with `#`
/// comments and blank lines skipped.
pub(crate) fn rows(src: &str) -> impl Iterator<Item = Vec<&str>> {
    src.lines().filter_map(|line| {
        let line = line.trim();
        (!line.is_empty() && !line.starts_with('#'))
            .then(|| line.split('\t').map(str::trim).collect())
    })
}

/// A phrase filed under its first word: that word, the rest, the payload.
pub(crate) type Entry<T> = (Box<str>, Vec<String>, T);

/// A set of phrases (sequences of normalized words), each with a payload.
///
/// Phrases are filed under the [`word_hash`] of their first word, so a token
/// is looked up with the hashes its vocabulary entry already holds (the first
/// word is still compared, as two words may share a hash).
pub(crate) struct PhraseSet<T> {
    by_first: FxHashMap<u64, Vec<Entry<T>>>,
    filter: Filter,
    /// The set's bit in the token's lexicon mask, when it is one of [`registered`].
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
/// the token's lexicon mask (`crate::doc::Tok::lex`). Built (with every lexicon
/// in it) before the vocabulary marks
/// its first word, so a clear bit always means "no candidate is filed".
pub(crate) fn registered() -> &'static [&'static dyn Registered] {
    static SETS: OnceLock<Vec<&'static dyn Registered>> = OnceLock::new();
    SETS.get_or_init(|| {
        let sets: Vec<&'static dyn Registered> = vec![
            dates::months(),
            dates::relatives(),
            roles::roles(),
            roles::places(),
            events::triggers(),
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
    pub fn from_tsv(src: &str, mut parse: impl FnMut(&[&str]) -> T) -> Self {
        let mut set = PhraseSet::default();
        for fields in rows(src) {
            let v = parse(&fields[1..]);
            set.insert(fields[0], v);
        }
        set
    }

    /// The set's bit in the token's lexicon mask, when it is [`registered`].
    pub fn bit(&self) -> Option<u32> {
        self.bit.get().copied()
    }

    /// The phrases whose first word has this hash (longest first).
    pub fn filed(&self, h: u64) -> &[Entry<T>] {
        if !self.filter.may_hold(h) {
            return &[];
        }
        self.by_first.get(&h).map_or(&[], Vec::as_slice)
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

    /// The entries filed under a hash (none when the filter rules it out).
    pub fn filed(&self, h: u64) -> Option<&[(Box<str>, V)]> {
        if !self.filter.may_hold(h) {
            return None;
        }
        self.by_hash.get(&h).map(Vec::as_slice)
    }
}

pub(crate) fn find_word<'a, V>(list: &'a [(Box<str>, V)], w: &str) -> Option<&'a V> {
    list.iter().find(|(k, _)| &**k == w).map(|(_, v)| v)
}

/// The named lists of a `word<TAB>list` file, taken out one by one by a
/// loader ([`Lists::take`]); [`Lists::done`] checks that none is left, so a
/// misspelt list name fails the loader's test.
pub(crate) struct Lists(FxHashMap<&'static str, Vec<&'static str>>);

impl Lists {
    pub fn parse(src: &'static str) -> Lists {
        let mut m: FxHashMap<&'static str, Vec<&'static str>> = FxHashMap::default();
        for f in rows(src) {
            let list = f.get(1).copied().unwrap_or("");
            m.entry(list).or_default().push(f[0]);
        }
        Lists(m)
    }

    /// The words of one list, in file order.
    pub fn take(&mut self, list: &str) -> Vec<&'static str> {
        self.0
            .remove(list)
            .unwrap_or_else(|| panic!("no list {list:?} in the file"))
    }

    /// Panics when a list of the file was not taken.
    pub fn done(self) {
        let left: Vec<&str> = self.0.keys().copied().collect();
        assert!(left.is_empty(), "lists nobody reads: {left:?}");
    }
}

/// A struct of the named word lists of one `word<TAB>list` file, each field
/// the words of one list, and the function that loads it once: every list of
/// the file must be a field, and every field a list of the file.
macro_rules! word_lists {
    (
        $(#[$m:meta])* $name:ident, $getter:ident, $file:literal {
            $($(#[$fm:meta])* $field:ident = $list:literal,)*
        }
    ) => {
        $(#[$m])*
        pub(crate) struct $name {
            $($(#[$fm])* pub $field: Vec<&'static str>,)*
        }

        pub(crate) fn $getter() -> &'static $name {
            static W: std::sync::OnceLock<$name> = std::sync::OnceLock::new();
            W.get_or_init(|| {
                let mut l = $crate::lexicon::Lists::parse(include_str!($file));
                let w = $name {
                    $($field: l.take($list),)*
                };
                l.done();
                w
            })
        }
    };
}
pub(crate) use word_lists;

#[cfg(test)]
mod tests {
    use super::*;

    /// Every table parses its file into its types (a misspelt type, mode,
    /// flag or list name panics here), and none is empty.
    #[test]
    fn every_lexicon_loads_into_its_types() {
        assert!(dates::months().word("يناير").is_some_and(|m| m.n == 1));
        assert!(dates::weekdays().get("الجمعه").is_some());
        assert!(dates::relatives().word("امس").is_some());
        assert!(!dates::cues().year_cues.is_empty());
        assert!(dates::counted_keys().contains("جند"));
        assert_eq!(
            numbers::word_value("الفين"),
            Some(numbers::W::Scale(1000.0, 2.0))
        );
        assert!(!numbers::number_words().percent.is_empty());
        assert!(roles::is_role_word("المتظاهرون"));
        assert!(roles::places().word("كازاخستان").is_some());
        assert!(!roles::role_words().function.is_empty());
        assert!(quotes::is_speech_word("وقال"));
        assert!(!quotes::that().with_subject.is_empty());
        assert!(events::is_trigger_word("تظاهر"));
        assert!(!events::event_words().negations.is_empty());
        assert!(events::sports().get("المباراه").is_some());
        assert!(events::weapons().get("صاروخ").is_some());
        assert!(events::contexts().get("الارهاب").is_some());
        assert!(df::DfTable::bundled().len() > 20_000);
        assert_eq!(registered().len(), 5);
    }

    /// The flags of a trigger are read from their column, not taken for its
    /// mode (مساعدات was an AID of mode "amb" that sport did not silence).
    #[test]
    fn a_trigger_flag_is_not_read_as_its_mode() {
        let t = events::triggers().word("مساعدات").unwrap();
        assert_eq!(
            (t.ty, t.mode, t.amb),
            (crate::ontology::EventType::Aid, None, true)
        );
    }

    /// No trigger phrase is listed twice in `data/events.tsv` (a second entry
    /// is never matched).
    #[test]
    fn no_trigger_is_listed_twice() {
        let mut seen = rustc_hash::FxHashSet::default();
        for f in rows(include_str!("../../data/events.tsv")) {
            let phrase = norm_phrase(f[0]).join(" ");
            assert!(seen.insert(phrase.clone()), "listed twice: {phrase}");
        }
    }
}
