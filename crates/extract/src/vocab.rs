//! A per-thread vocabulary of the words the reading has met: each distinct
//! written form is normalized, checked against the stop list and stemmed once,
//! then shared by every later token written the same way.
//!
//! News vocabulary repeats heavily (within an article and across a corpus), so
//! a token costs one hash lookup instead of a normalization, a stop-list check
//! and a stem with their allocations. Search keys are interned to small ids
//! with their inverse document frequency, so keywords and the summary count
//! and weigh integers rather than strings. Every value here is a pure function
//! of the written form: the cache changes speed, never output.

use crate::lexicon::clitics::candidates;
use crate::lexicon::df::DfTable;
use crate::lexicon::numbers::may_begin_number;
use crate::lexicon::{lexicon_mask, word_hash};
use khabar_text::{is_stopword, key_of, norm_form, TokenKind};
use rustc_hash::FxHashMap;
use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Deref;
use std::rc::Rc;

/// A token's norm form, shared by every token written the same way, with what
/// the reading keeps of that word.
#[derive(Clone, Debug)]
pub(crate) struct Norm(Rc<NormEntry>);

#[derive(Debug)]
pub(crate) struct NormEntry {
    norm: Box<str>,
    hashes: CandHashes,
    stop: bool,
    key: Option<u32>,
    /// The key's inverse document frequency and whether the table knows it.
    idf: f64,
    known: bool,
    number_word: bool,
    /// The registered lexicons that may match it (`crate::lexicon::lexicon_mask`).
    lex: u32,
}

/// The [`word_hash`]es of a norm form's lexicon candidates (exactly what
/// [`candidates`] yields, in its order), copied into each token
/// so that lexicon lookups read nothing else until a hash hits.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct CandHashes {
    hash: [u64; 3],
    len: u8,
}

impl CandHashes {
    fn of(norm: &str) -> CandHashes {
        let mut c = CandHashes::default();
        for (h, cand) in c.hash.iter_mut().zip(candidates(norm)) {
            *h = word_hash(&cand);
            c.len += 1;
        }
        c
    }

    pub fn as_slice(&self) -> &[u64] {
        &self.hash[..self.len as usize]
    }
}

impl Norm {
    pub fn as_str(&self) -> &str {
        &self.0.norm
    }

    /// Lexicon candidate `i` (see [`candidates`]), whose hash is
    /// `self.hashes().as_slice()[i]`.
    pub fn cand(&self, i: usize) -> Option<Cow<'_, str>> {
        candidates(&self.0.norm).nth(i)
    }

    /// The hashes of the lexicon candidates.
    pub fn hashes(&self) -> CandHashes {
        self.0.hashes
    }

    /// A stop word, if the token is a word.
    pub fn stop(&self) -> bool {
        self.0.stop
    }

    /// The search key id, if the token is a word (none for stop words and
    /// keys shorter than two letters).
    pub fn key(&self) -> Option<u32> {
        self.0.key
    }

    /// The inverse document frequency of [`Norm::key`] (0 without a key).
    pub fn idf(&self) -> f64 {
        self.0.idf
    }

    /// Whether the document-frequency table knows [`Norm::key`].
    pub fn known(&self) -> bool {
        self.0.known
    }

    /// The registered lexicons that file one of its candidates.
    pub fn lex(&self) -> u32 {
        self.0.lex
    }

    /// Whether the word may begin a number written in words (ثلاثة، وخمسون).
    pub fn number_word(&self) -> bool {
        self.0.number_word
    }
}

impl Deref for Norm {
    type Target = str;
    fn deref(&self) -> &str {
        &self.0.norm
    }
}

impl PartialEq for Norm {
    fn eq(&self, o: &Norm) -> bool {
        self.as_str() == o.as_str()
    }
}

impl PartialEq<str> for Norm {
    fn eq(&self, o: &str) -> bool {
        self.as_str() == o
    }
}

impl PartialEq<&str> for Norm {
    fn eq(&self, o: &&str) -> bool {
        self.as_str() == *o
    }
}

impl PartialEq<String> for Norm {
    fn eq(&self, o: &String) -> bool {
        self.as_str() == o.as_str()
    }
}

/// An interned search key.
#[derive(Clone, Debug)]
pub(crate) struct KeyInfo {
    pub key: Rc<str>,
    /// Its inverse document frequency in the bundled table.
    pub idf: f64,
    /// Whether the bundled table knows it.
    pub known: bool,
}

#[derive(Default)]
struct Vocab {
    words: WordTable,
    /// Entity mention → its name keys (see [`name_keys`]).
    names: FxHashMap<Box<str>, Rc<str>>,
    key_ids: FxHashMap<Rc<str>, u32>,
    keys: Vec<KeyInfo>,
}

/// Beyond this many written forms the vocabulary starts afresh (at the next
/// [`trim`]), bounding its memory (a few hundred bytes a word).
const MAX_WORDS: usize = 1 << 18;

thread_local! {
    static VOCAB: RefCell<Vocab> = RefCell::new(Vocab::default());
}

impl Vocab {
    fn intern_key(&mut self, k: &str) -> u32 {
        if let Some(&id) = self.key_ids.get(k) {
            return id;
        }
        let table = DfTable::bundled();
        let key: Rc<str> = k.into();
        let id = self.keys.len() as u32;
        self.keys.push(KeyInfo {
            key: key.clone(),
            idf: table.idf(k),
            known: table.contains(k),
        });
        self.key_ids.insert(key, id);
        id
    }

    fn info(&mut self, surface: &str) -> Norm {
        let h = word_hash(surface);
        if let Some(w) = self.words.get(surface, h) {
            return w.clone();
        }
        let mut n = String::new();
        norm_form(surface, &mut n);
        let stop = is_stopword(surface);
        let key = if stop || n.chars().count() < 2 {
            None
        } else {
            let mut buf = String::new();
            let k = key_of(surface, TokenKind::Word, &mut buf);
            (k.chars().count() >= 2).then(|| self.intern_key(k))
        };
        let (idf, known) = key.map_or((0.0, false), |k| {
            let k = &self.keys[k as usize];
            (k.idf, k.known)
        });
        let hashes = CandHashes::of(&n);
        let w = Norm(Rc::new(NormEntry {
            idf,
            known,
            lex: lexicon_mask(hashes.as_slice()),
            hashes,
            number_word: may_begin_number(&n),
            stop,
            key,
            norm: n.into(),
        }));
        self.words.insert(surface, h, w.clone());
        w
    }
}

/// The written forms met so far: an open-addressing table whose slots hold
/// the hash and (for all but long words) the letters themselves, so finding a
/// word reads one slot, not a slot, a key elsewhere and the entry.
#[derive(Default)]
struct WordTable {
    slots: Vec<Slot>,
    len: usize,
}

#[derive(Clone, Default)]
struct Slot {
    hash: u64,
    word: Option<Norm>,
    key: SlotKey,
}

/// The letters of a slot's word.
#[derive(Clone)]
enum SlotKey {
    Inline(u8, [u8; SLOT_INLINE]),
    Long(Box<str>),
}

const SLOT_INLINE: usize = 22;

impl Default for SlotKey {
    fn default() -> Self {
        SlotKey::Inline(0, [0; SLOT_INLINE])
    }
}

impl SlotKey {
    fn new(s: &str) -> SlotKey {
        if s.len() <= SLOT_INLINE {
            let mut b = [0; SLOT_INLINE];
            b[..s.len()].copy_from_slice(s.as_bytes());
            SlotKey::Inline(s.len() as u8, b)
        } else {
            SlotKey::Long(s.into())
        }
    }

    fn is(&self, s: &str) -> bool {
        match self {
            SlotKey::Inline(n, b) => b.get(..*n as usize) == Some(s.as_bytes()),
            SlotKey::Long(l) => **l == *s,
        }
    }
}

impl WordTable {
    /// The slot where a word of this hash is or would go.
    fn slot_of(&self, s: &str, h: u64) -> usize {
        let mask = self.slots.len() - 1;
        // Fx hashes are best in their high bits.
        let mut i = (h >> 32) as usize & mask;
        loop {
            let slot = &self.slots[i];
            match &slot.word {
                None => return i,
                Some(_) if slot.hash == h && slot.key.is(s) => return i,
                Some(_) => i = (i + 1) & mask,
            }
        }
    }

    fn get(&self, s: &str, h: u64) -> Option<&Norm> {
        if self.slots.is_empty() {
            return None;
        }
        self.slots[self.slot_of(s, h)].word.as_ref()
    }

    /// Adds a word that is not in the table.
    fn insert(&mut self, s: &str, h: u64, w: Norm) {
        if (self.len + 1) * 4 > self.slots.len() * 3 {
            self.grow();
        }
        let i = self.slot_of(s, h);
        if self.slots[i].word.is_none() {
            self.len += 1;
        }
        self.slots[i] = Slot {
            hash: h,
            word: Some(w),
            key: SlotKey::new(s),
        };
    }

    fn grow(&mut self) {
        let cap = (self.slots.len() * 2).max(1 << 12);
        let old = std::mem::replace(&mut self.slots, vec![Slot::default(); cap]);
        let mask = cap - 1;
        for slot in old.into_iter().filter(|s| s.word.is_some()) {
            let mut i = (slot.hash >> 32) as usize & mask;
            while self.slots[i].word.is_some() {
                i = (i + 1) & mask;
            }
            self.slots[i] = slot;
        }
    }

    fn len(&self) -> usize {
        self.len
    }
}

/// Runs `f` with the vocabulary, which answers [`Words::info`].
pub(crate) fn with_words<R>(f: impl FnOnce(&mut Words) -> R) -> R {
    VOCAB.with(|v| f(&mut Words(&mut v.borrow_mut())))
}

/// The vocabulary, borrowed for a text.
pub(crate) struct Words<'v>(&'v mut Vocab);

impl Words<'_> {
    /// What is known of each written form, in order.
    ///
    /// Done in passes (hash every word, find every slot, take every known
    /// entry, then add the new words) so that the memory reads of one word do
    /// not wait for those of the word before: in a large vocabulary most of
    /// the time is spent waiting for memory.
    pub fn infos(&mut self, surfaces: &[&str]) -> Vec<Norm> {
        let v = &mut *self.0;
        let hashes: Vec<u64> = surfaces.iter().map(|s| word_hash(s)).collect();
        let slots: Vec<Option<usize>> = if v.words.slots.is_empty() {
            vec![None; surfaces.len()]
        } else {
            surfaces
                .iter()
                .zip(&hashes)
                .map(|(s, &h)| {
                    let i = v.words.slot_of(s, h);
                    v.words.slots[i].word.is_some().then_some(i)
                })
                .collect()
        };
        let known: Vec<Option<Norm>> = slots
            .iter()
            .map(|i| i.and_then(|i| v.words.slots[i].word.clone()))
            .collect();
        known
            .into_iter()
            .zip(surfaces)
            .map(|(w, s)| match w {
                Some(w) => w,
                None => v.info(s),
            })
            .collect()
    }
}

/// The name keys of an entity mention, computed once per thread by
/// `keys_of` (the NER gazetteer's `name_keys`, which the caller passes: the
/// vocabulary is below the stages and knows none of them).
pub(crate) fn name_keys(mention: &str, keys_of: impl FnOnce(&str) -> String) -> Rc<str> {
    VOCAB.with(|v| {
        let mut v = v.borrow_mut();
        if let Some(k) = v.names.get(mention) {
            return k.clone();
        }
        let k: Rc<str> = keys_of(mention).into();
        v.names.insert(mention.into(), k.clone());
        k
    })
}

/// The interned keys, for `f` to read by id.
pub(crate) fn with_keys<R>(f: impl FnOnce(&[KeyInfo]) -> R) -> R {
    VOCAB.with(|v| f(&v.borrow().keys))
}

/// Starts the vocabulary afresh when it has grown past its bound. Key ids
/// held from before are then void: call it only where none is alive (at the
/// start of a reading).
pub(crate) fn trim() {
    VOCAB.with(|v| {
        let mut v = v.borrow_mut();
        if v.words.len() + v.names.len() > MAX_WORDS {
            *v = Vocab::default();
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_is_read_once_and_keyed_as_key_of_does() {
        let a: Vec<Norm> = with_words(|v| v.infos(&["والكتاب", "والكتاب", "في", "ـ"]));
        let b: Vec<Norm> = with_words(|v| v.infos(&["في", "والكتاب"]));
        assert!(Rc::ptr_eq(&a[0].0, &b[1].0) && Rc::ptr_eq(&a[2].0, &b[0].0));
        assert_eq!(a[0].as_str(), "والكتاب");
        assert!(Rc::ptr_eq(&a[0].0, &a[1].0));
        assert!(a[2].stop() && a[2].key().is_none());
        let k = a[0].key().unwrap();
        with_keys(|ks| assert_eq!(&*ks[k as usize].key, "كتاب"));
        assert_eq!(a[0].hashes().as_slice().len(), 2);
        assert_eq!(a[0].cand(1).as_deref(), Some("الكتاب"));
        assert_eq!(a[0].hashes().as_slice()[1], word_hash("الكتاب"));
    }

    /// Every cached value is what the text crate computes for the word, for
    /// every word of the seed article and long words past the inline limit,
    /// through the table's growth.
    #[test]
    fn cached_words_are_what_the_text_crate_computes() {
        let text = include_str!("../../../samples/csto-kazakhstan-2022.txt");
        let mut words: Vec<String> = khabar_text::tokenize(text)
            .map(|t| t.text(text).to_string())
            .collect();
        words.push("والمستشفيات_والمستشفيات_والمستشفيات".into());
        words.extend((0..6000).map(|i| format!("كلمة{i}")));
        for round in 0..2 {
            let refs: Vec<&str> = words.iter().map(String::as_str).collect();
            let got = with_words(|v| v.infos(&refs));
            for (w, n) in words.iter().zip(&got) {
                let mut norm = String::new();
                norm_form(w, &mut norm);
                assert_eq!(n.as_str(), norm, "round {round}: {w}");
                assert_eq!(n.stop(), is_stopword(w), "{w}");
                let cands: Vec<String> = candidates(&norm).map(|c| c.into_owned()).collect();
                let hashes: Vec<u64> = cands.iter().map(|c| word_hash(c)).collect();
                assert_eq!(n.hashes().as_slice(), hashes.as_slice(), "{w}");
                for (i, c) in cands.iter().enumerate() {
                    assert_eq!(n.cand(i).as_deref(), Some(c.as_str()));
                }
                // The key is khabar_text::key_of's (the one definition of a key).
                let mut buf = String::new();
                let key = (!n.stop() && norm.chars().count() >= 2)
                    .then(|| key_of(w, TokenKind::Word, &mut buf).to_string())
                    .filter(|k| k.chars().count() >= 2);
                let cached = n
                    .key()
                    .map(|k| with_keys(|ks| ks[k as usize].key.to_string()));
                assert_eq!(cached, key, "{w}");
            }
        }
    }
}
