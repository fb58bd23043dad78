//! Named-entity recognition: PERS, LOC, ORG and MISC mentions in Arabic text.
//!
//! A linear-chain CRF over features from `khabar_text` (norm form, key,
//! clitics, character affixes, shape, a ±2 window, word clusters learned from
//! unlabelled news, gazetteers, trigger words), trained on ANERcorp by
//! `khabar ner train` ([`train`], behind the cargo feature `train`). The model, the word clusters and the gazetteer ship in
//! `data/ner/` and are embedded in the binary; [`mentions`] uses them.
//!
//! ```
//! use khabar_extract::ner::{mentions, EntityLabel};
//! let text = "وصل الرئيس الروسي فلاديمير بوتين إلى كازاخستان.";
//! let m = mentions(text);
//! assert!(m.iter().any(|m| m.label == EntityLabel::Pers && m.text.contains("بوتين")));
//! assert!(m.iter().any(|m| m.label == EntityLabel::Loc && m.text == "كازاخستان"));
//! ```

pub mod conll;
pub mod eval;
pub mod features;
pub mod gazetteer;
pub mod label;
pub mod model;
#[cfg(feature = "train")]
pub mod train;

use features::{context_features, offset_features, Resources, TokInfo, Triggers, WordInfo, WINDOW};
use gazetteer::Gazetteer;
use khabar_text::{display_form, sentences_from_tokens, tokenize, Token, TokenKind};
pub use label::{EntityLabel, Tag};
use model::Model;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

/// The bundled model (`khabar ner train --train ../shared/data/anercorp/train.txt
/// --model crates/extract/data/ner/model.bin`).
pub static MODEL_BIN: &[u8] = include_bytes!("../../data/ner/model.bin");
/// Word clusters (`scripts/ner/clusters.py`).
pub static CLUSTERS_TSV: &str = include_str!("../../data/ner/clusters.tsv");
/// Word statistics (`scripts/ner/wordstats.py`).
pub static WORDSTATS_TSV: &str = include_str!("../../data/ner/wordstats.tsv");
/// Self-trained gazetteer (`scripts/ner/autogaz.py`).
pub static AUTOGAZ_TSV: &str = include_str!("../../data/ner/autogaz.tsv");
/// Person-name lexicon (`scripts/ner/names.py`).
pub static NAMES_TSV: &str = include_str!("../../data/ner/names.tsv");
/// Gazetteer (`scripts/ner/gazetteers.py`).
pub static GAZETTEER_TSV: &str = include_str!("../../data/ner/gazetteer.tsv");
/// Trigger words (curated by hand).
pub static TRIGGERS_TSV: &str = include_str!("../../data/ner/triggers.tsv");

pub use crate::error::Error;

/// One entity mention: a byte range into the text and its class.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub label: EntityLabel,
    /// The mention's display form (see `khabar_text::display_form`).
    pub text: String,
}

/// The word clusters, gazetteer and trigger lists shipped with khabar.
pub fn bundled_resources() -> &'static Resources {
    static R: OnceLock<Resources> = OnceLock::new();
    R.get_or_init(|| Resources {
        clusters: features::Clusters::parse(CLUSTERS_TSV),
        stats: features::WordTable::word_stats(WORDSTATS_TSV),
        auto: features::WordTable::autogaz(AUTOGAZ_TSV),
        names: features::WordTable::names(NAMES_TSV),
        gazetteer: Gazetteer::parse(GAZETTEER_TSV),
        triggers: Triggers::parse(TRIGGERS_TSV),
    })
}

/// A fingerprint of the bundled resources; a model records the one it was trained with.
pub fn bundled_resources_id() -> u64 {
    // The tables one after another, a zero byte between two.
    let b = [
        CLUSTERS_TSV,
        WORDSTATS_TSV,
        AUTOGAZ_TSV,
        NAMES_TSV,
        GAZETTEER_TSV,
        TRIGGERS_TSV,
    ]
    .map(str::as_bytes)
    .join(&0u8);
    xxhash_rust::xxh3::xxh3_64(&b)
}

/// A fingerprint of how `khabar_text` analyzes the words the features know
/// (norm form and key of the cluster vocabulary, the stop-word list). A model
/// trained under another analysis still loads but is stale: its features no
/// longer match what it learned (`scripts/ner/train.sh` retrains it).
pub fn text_fingerprint() -> u64 {
    let mut h = xxhash_rust::xxh3::Xxh3::new();
    let (mut norm, mut key) = (String::new(), String::new());
    for line in CLUSTERS_TSV.lines().filter(|l| !l.starts_with('#')) {
        let word = line.split('\t').next().unwrap_or_default();
        norm.clear();
        khabar_text::norm_form(word, &mut norm);
        h.update(norm.as_bytes());
        h.update(&[0]);
        h.update(khabar_text::key_of(word, TokenKind::Word, &mut key).as_bytes());
        h.update(&[1]);
    }
    for w in khabar_text::stopwords() {
        h.update(w.as_bytes());
        h.update(&[0]);
    }
    h.digest()
}

/// The votes of a document's names ([`Ner::propagate`]): per key sequence, the votes per
/// class in [`EntityLabel::ALL`] order. Looked up by the tokens themselves, without building
/// the key sequence: a hash of the keys finds the bucket, the keys are then compared.
#[derive(Default)]
struct Votes {
    buckets: rustc_hash::FxHashMap<u64, Vec<Voted>>,
}

/// A key sequence and its votes per class.
type Voted = (Vec<String>, [u32; 4]);

impl Votes {
    fn hash(toks: &[TokInfo]) -> u64 {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        for t in toks {
            h.write(t.key.as_bytes());
            h.write_u8(0xff);
        }
        h.finish()
    }

    fn same(keys: &[String], toks: &[TokInfo]) -> bool {
        keys.len() == toks.len() && keys.iter().zip(toks).all(|(k, t)| *k == t.key)
    }

    fn add(&mut self, toks: &[TokInfo], class: EntityLabel, n: u32) {
        let bucket = self.buckets.entry(Self::hash(toks)).or_default();
        let at = match bucket.iter().position(|(k, _)| Self::same(k, toks)) {
            Some(at) => at,
            None => {
                bucket.push((toks.iter().map(|t| t.key.clone()).collect(), [0; 4]));
                bucket.len() - 1
            }
        };
        bucket[at].1[class.index()] += n;
    }

    fn get(&self, toks: &[TokInfo]) -> Option<&[u32; 4]> {
        self.buckets
            .get(&Self::hash(toks))?
            .iter()
            .find(|(k, _)| Self::same(k, toks))
            .map(|(_, v)| v)
    }
}

/// A recognizer: a model and the resources its features read.
#[derive(Debug)]
pub struct Ner {
    model: Model,
    res: &'static Resources,
    o_label: Option<usize>,
    /// Tells this recognizer's entries in the per-thread word cache from another's.
    id: usize,
    /// The scores of the features of a position beyond the sentence, per window offset.
    beyond: Box<[f32]>,
}

/// The summed weights of the features a word (`None`: a position beyond the
/// sentence) contributes at each offset of the window, `WINDOW.len() × labels`.
fn window_scores(model: &Model, word: Option<&WordInfo>) -> Box<[f32]> {
    let l = model.labels.len();
    let mut scores = vec![0f32; WINDOW.len() * l].into_boxed_slice();
    let mut buf = String::with_capacity(64);
    for (k, &d) in WINDOW.iter().enumerate() {
        let row = &mut scores[k * l..(k + 1) * l];
        offset_features(word, d, &mut buf, |f| model.add_feature(f, row));
    }
    scores
}

/// A distinct word as the tagger sees it: its features' forms and the summed
/// weights of the features it contributes at each offset of the window
/// (`WINDOW.len() × labels`). Most of a token's features depend on one word
/// alone, so tagging adds five cached rows and scores only the conjunctions.
#[derive(Debug)]
struct CachedWord {
    info: Arc<WordInfo>,
    scores: Box<[f32]>,
}

/// A lone word is spread to its repetitions only if at most this share of
/// its base's occurrences in news take the article (bucket of
/// `wordstats.tsv`: 2 is under 30%); tuned on the dev split.
const SPREAD_DEF_MAX: u8 = 2;

/// Distinct words in each generation of a thread's word cache.
const WORD_CACHE_CAP: usize = 50_000;

type WordMap = rustc_hash::FxHashMap<Box<str>, Rc<CachedWord>>;

/// A thread's cached words, in two generations: words met since the young
/// map last filled, and those met before. A full young map becomes the old
/// one and the old one is dropped; a word found in the old map moves back to
/// the young one. Frequent words stay; memory stays under two generations.
#[derive(Default)]
struct WordCache {
    /// The recognizer the scores belong to.
    owner: Option<usize>,
    young: WordMap,
    old: WordMap,
}

thread_local! {
    static WORDS: RefCell<WordCache> = RefCell::new(WordCache::default());
}

impl Ner {
    /// The bundled model, loaded once.
    pub fn bundled() -> Result<&'static Ner, Error> {
        static N: OnceLock<Result<Ner, Error>> = OnceLock::new();
        N.get_or_init(|| Ner::from_bytes(MODEL_BIN))
            .as_ref()
            .map_err(Error::clone)
    }

    /// A model in khabar's binary format, with the bundled resources.
    pub fn from_bytes(bytes: &[u8]) -> Result<Ner, Error> {
        let model = Model::from_bytes(bytes)?;
        Ner::from_model(model)
    }

    /// Wraps a model; it must have been trained with the bundled resources.
    pub fn from_model(model: Model) -> Result<Ner, Error> {
        if model.resources != bundled_resources_id() {
            return Err(Error::ResourceMismatch);
        }
        static IDS: AtomicUsize = AtomicUsize::new(0);
        let beyond = window_scores(&model, None);
        Ok(Ner {
            o_label: model.o_label(),
            model,
            res: bundled_resources(),
            id: IDS.fetch_add(1, Ordering::Relaxed),
            beyond,
        })
    }

    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Was the model trained under another `khabar_text` analysis (see
    /// [`text_fingerprint`])? Then it needs retraining.
    pub fn is_stale(&self) -> bool {
        self.model.text_fingerprint != text_fingerprint()
    }

    /// Sets the decoding penalty on `O` (see [`Model::o_penalty`]).
    pub fn set_o_penalty(&mut self, p: f32) {
        self.model.o_penalty = p;
    }

    /// A word's forms and window scores, from this thread's cache.
    fn word(&self, w: &str) -> Rc<CachedWord> {
        WORDS.with(|cache| {
            let mut cache = cache.borrow_mut();
            let cache = &mut *cache;
            if cache.owner != Some(self.id) {
                *cache = WordCache {
                    owner: Some(self.id),
                    ..Default::default()
                };
            }
            if let Some(c) = cache.young.get(w) {
                return c.clone();
            }
            if cache.young.len() >= WORD_CACHE_CAP {
                cache.old = std::mem::take(&mut cache.young);
            }
            if let Some((k, c)) = cache.old.remove_entry(w) {
                cache.young.insert(k, c.clone());
                return c;
            }
            let info = self.res.word_info(w);
            let scores = window_scores(&self.model, Some(&info));
            let c = Rc::new(CachedWord {
                info: Arc::new(info),
                scores,
            });
            cache.young.insert(w.into(), c.clone());
            c
        })
    }

    /// The BIO tag of each token of one sentence (tokens as written).
    pub fn tag<S: AsRef<str>>(&self, words: &[S]) -> Vec<Tag> {
        let mut ids = Vec::new();
        self.tag_ids(words, &mut ids);
        self.tags_of(&ids)
    }

    /// The tags of label ids.
    fn tags_of(&self, ids: &[u8]) -> Vec<Tag> {
        ids.iter().map(|&i| self.model.labels[i as usize]).collect()
    }

    /// The label ids of `B-X` and `I-X` for a class.
    fn bio(&self, label: EntityLabel) -> Option<(u8, u8)> {
        let find = |t: Tag| self.model.label_id(t);
        Some((find(Tag::B(label))?, find(Tag::I(label))?))
    }

    fn tag_ids<S: AsRef<str>>(&self, words: &[S], out: &mut Vec<u8>) -> Vec<TokInfo> {
        let cached: Vec<Rc<CachedWord>> = words.iter().map(|w| self.word(w.as_ref())).collect();
        let mut toks: Vec<TokInfo> = cached
            .iter()
            .map(|c| TokInfo {
                word: c.info.clone(),
                gaz: 0,
            })
            .collect();
        self.res.gazetteer.annotate(&mut toks);
        let l = self.model.labels.len();
        let mut state = vec![0f32; toks.len() * l];
        let mut buf = String::with_capacity(64);
        for i in 0..toks.len() {
            let row = &mut state[i * l..(i + 1) * l];
            for (k, &d) in WINDOW.iter().enumerate() {
                let j = i as isize + d;
                let scores = match usize::try_from(j).ok().and_then(|j| cached.get(j)) {
                    Some(c) => &c.scores[k * l..(k + 1) * l],
                    None => &self.beyond[k * l..(k + 1) * l],
                };
                row.iter_mut().zip(scores).for_each(|(r, s)| *r += s);
            }
            context_features(&toks, i, &mut buf, |f| self.model.add_feature(f, row));
            if let Some(o) = self.o_label {
                row[o] -= self.model.o_penalty;
            }
        }
        self.model.viterbi(&state, out);
        toks
    }

    /// Where the model found part of a multi-word gazetteer name of the same
    /// class (منظمة معاهدة الأمن of منظمة معاهدة الأمن الجماعي), the mention
    /// takes the whole name.
    fn extend_with_gazetteer(&self, toks: &[TokInfo], ids: &mut [u8]) {
        let mut i = 0;
        while i < toks.len() {
            let g = toks[i].gaz;
            if g == 0 || g % 2 == 1 {
                i += 1;
                continue;
            }
            let mut j = i + 1;
            while j < toks.len() && toks[j].gaz == g + 1 {
                j += 1;
            }
            let class = EntityLabel::from_index((g / 2 - 1) as usize);
            if let (true, Some((b, inside))) = (j - i > 1, class.and_then(|c| self.bio(c))) {
                let ours = |x: u8| x == b || x == inside;
                let touched = ids[i..j].iter().any(|&x| ours(x));
                let foreign = ids[i..j].iter().any(|&x| x != 0 && !ours(x));
                let runs_in = ids[i] == inside && i > 0 && ours(ids[i - 1]);
                let runs_out = j < ids.len() && ids[j] == inside;
                if touched && !foreign && !runs_in && !runs_out {
                    ids[i] = b;
                    ids[i + 1..j].iter_mut().for_each(|x| *x = inside);
                }
            }
            i = j;
        }
    }

    /// The entity mentions of raw text: tokenized, split into sentences and
    /// tagged; spans are byte offsets into `text`.
    ///
    /// One sense per article: a person or organisation name the model
    /// recognized somewhere (or, for a person, the last word of their full
    /// name) is recognized wherever else it occurs untagged in the same text (وقال توكاييف after قاسم
    /// جومارت توكاييف).
    pub fn mentions(&self, text: &str) -> Vec<Mention> {
        // A hashtag's words follow it as tokens of their own: tag those.
        let tokens: Vec<Token> = tokenize(text)
            .filter(|t| t.kind != TokenKind::Hashtag)
            .collect();
        let mut sents: Vec<(usize, Vec<TokInfo>, Vec<u8>)> = Vec::new();
        let mut words: Vec<&str> = Vec::new();
        let mut next = 0;
        for span in sentences_from_tokens(text, tokens.iter().copied()) {
            let first = next;
            while next < tokens.len() && tokens[next].start < span.end {
                next += 1;
            }
            if next == first {
                continue;
            }
            words.clear();
            words.extend(tokens[first..next].iter().map(|t| t.text(text)));
            let mut ids = Vec::new();
            let toks = self.tag_ids(&words, &mut ids);
            self.extend_with_gazetteer(&toks, &mut ids);
            sents.push((first, toks, ids));
        }
        self.propagate(&mut sents);
        let mut out = Vec::new();
        for (first, _, ids) in &sents {
            for (s, e, label) in eval::chunks(&self.tags_of(ids)) {
                let (start, end) = (tokens[first + s].start, tokens[first + e - 1].end);
                let mut display = String::new();
                display_form(&text[start..end], &mut display);
                out.push(Mention {
                    start,
                    end,
                    label,
                    text: display,
                });
            }
        }
        out
    }

    /// Tags the sentences of one document (each a list of tokens as
    /// written), with one sense per document as in [`Ner::mentions`].
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<Tag>> {
        let mut sents: Vec<(usize, Vec<TokInfo>, Vec<u8>)> = sentences
            .iter()
            .map(|words| {
                let mut ids = Vec::new();
                let toks = self.tag_ids(words, &mut ids);
                (0, toks, ids)
            })
            .collect();
        self.propagate(&mut sents);
        sents
            .into_iter()
            .map(|(_, _, ids)| self.tags_of(&ids))
            .collect()
    }

    /// Tags untagged repetitions of the names found in a document.
    fn propagate(&self, sents: &mut [(usize, Vec<TokInfo>, Vec<u8>)]) {
        let classes = EntityLabel::ALL.map(|l| self.bio(l));
        let class_of = |id: u8| {
            classes
                .iter()
                .position(|c| c.is_some_and(|(b, i)| b == id || i == id))
                .and_then(EntityLabel::from_index)
        };
        // Key sequence → votes per class (in `EntityLabel::ALL` order); full
        // names count more than surnames.
        let mut votes = Votes::default();
        for (_, toks, ids) in sents.iter() {
            for (s, e, _) in eval::chunks(&self.tags_of(ids)) {
                // Persons and organisations only: on the dev split, spreading
                // places and MISC cost more precision than it gained recall.
                let Some(c) =
                    class_of(ids[s]).filter(|&c| matches!(c, EntityLabel::Pers | EntityLabel::Org))
                else {
                    continue;
                };
                votes.add(&toks[s..e], c, 2);
                if c == EntityLabel::Pers && e - s > 1 {
                    votes.add(&toks[e - 1..e], c, 1);
                }
            }
        }
        let eligible =
            |t: &TokInfo| !t.stop && t.key.chars().count() >= 3 && t.shape.starts_with('a');
        for (_, toks, ids) in sents.iter_mut() {
            let mut i = 0;
            while i < toks.len() {
                if ids[i] != 0 || !eligible(&toks[i]) {
                    i += 1;
                    continue;
                }
                let mut hit = None;
                for len in (1..=4.min(toks.len() - i)).rev() {
                    let inside_follows = ids
                        .get(i + len)
                        .is_some_and(|&x| classes.iter().flatten().any(|&(_, inside)| inside == x));
                    if inside_follows || ids[i..i + len].iter().any(|&x| x != 0) {
                        continue;
                    }
                    // A lone word that usually takes the article in news is
                    // a common noun (البرنامج), whatever the model once said.
                    if len == 1 && toks[i].stats.is_some_and(|(_, d)| d > SPREAD_DEF_MAX) {
                        continue;
                    }
                    if let Some(v) = votes.get(&toks[i..i + len]) {
                        let (c, &best) = v
                            .iter()
                            .enumerate()
                            .max_by_key(|(_, n)| **n)
                            .unwrap_or((0, &0));
                        if best > 0 && best * 2 > v.iter().sum::<u32>() {
                            hit = Some((len, c));
                            break;
                        }
                    }
                }
                match hit.and_then(|(len, c)| classes[c].map(|bi| (len, bi))) {
                    Some((len, (b, inside))) => {
                        ids[i] = b;
                        ids[i + 1..i + len].iter_mut().for_each(|x| *x = inside);
                        i += len;
                    }
                    None => i += 1,
                }
            }
        }
    }
}

/// The bundled model, loaded once ([`Ner::bundled`]).
pub fn bundled() -> Result<&'static Ner, Error> {
    Ner::bundled()
}

/// Finds the entity mentions of a text with the bundled model.
///
/// # Panics
///
/// If the bundled model does not load: it is compiled in, so that is a
/// broken build, which `bundled_model_loads_and_tags_a_news_sentence` and
/// `bundled_model_is_not_stale` catch. A model that does not load never
/// reads as "no entities"; use [`bundled`] or [`Ner::from_bytes`] to handle
/// the error.
pub fn mentions(text: &str) -> Vec<Mention> {
    match Ner::bundled() {
        Ok(ner) => ner.mentions(text),
        Err(e) => panic!("the bundled NER model does not load (a broken build): {e}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn bundled_model_loads_and_tags_a_news_sentence() {
        let ner = Ner::bundled().unwrap();
        assert!(ner.model().num_features() > 10_000);
        let words = [
            "وقال",
            "الرئيس",
            "الكازاخستاني",
            "قاسم",
            "جومارت",
            "توكاييف",
            "في",
            "ألماتي",
        ];
        let tags = ner.tag(&words);
        assert_eq!(tags.len(), words.len());
        assert_eq!(tags[5], Tag::I(EntityLabel::Pers));
        assert_eq!(tags[7], Tag::B(EntityLabel::Loc));
    }

    /// The word cache adds up the same feature weights as scoring every
    /// feature string of every token, as training sees them.
    #[test]
    fn cached_scores_equal_the_plain_feature_sum() {
        let ner = Ner::bundled().unwrap();
        let text = "وأعلن الرئيس الكازاخستاني قاسم جومارت توكاييف أن قوات منظمة معاهدة الأمن الجماعي ستغادر كازاخستان خلال عشرة أيام ، وقال توكاييف إن قوات المنظمة";
        let words: Vec<&str> = text.split(' ').collect();
        for _ in 0..2 {
            // Twice: the second pass reads every word from the cache.
            let mut ids = Vec::new();
            ner.tag_ids(&words, &mut ids);
            let toks = ner.res.analyze(&words);
            let l = ner.model.labels.len();
            let mut state = vec![0f32; toks.len() * l];
            let mut buf = String::new();
            for i in 0..toks.len() {
                let row = &mut state[i * l..(i + 1) * l];
                features::token_features(&toks, i, &mut buf, |f| ner.model.add_feature(f, row));
                if let Some(o) = ner.o_label {
                    row[o] -= ner.model.o_penalty;
                }
            }
            let mut plain = Vec::new();
            ner.model.viterbi(&state, &mut plain);
            assert_eq!(ids, plain);
            let tags: Vec<&str> = ner.tags_of(&ids).iter().map(|t| t.as_str()).collect();
            assert_eq!(&tags[3..6], ["B-PERS", "I-PERS", "I-PERS"]);
        }
    }

    /// Words survive a generation change of the cache (moved back from the
    /// old generation) and tag the same after it.
    #[test]
    fn tags_hold_across_cache_generations() {
        let ner = Ner::bundled().unwrap();
        let words = ["وقال", "الرئيس", "فلاديمير", "بوتين", "في", "موسكو"];
        let mut before = Vec::new();
        ner.tag_ids(&words, &mut before);
        // Fill the young generation with other words, twice over.
        let filler: Vec<String> = (0..2 * WORD_CACHE_CAP + 10)
            .map(|i| format!("w{i}"))
            .collect();
        for (k, chunk) in filler.chunks(1000).enumerate() {
            let mut ids = Vec::new();
            ner.tag_ids(chunk, &mut ids);
            if k == filler.len() / 2000 {
                // Halfway: the sentence's words move back to the young generation.
                let mut again = Vec::new();
                ner.tag_ids(&words, &mut again);
                assert_eq!(again, before);
            }
        }
        let mut after = Vec::new();
        ner.tag_ids(&words, &mut after);
        assert_eq!(after, before);
        WORDS.with(|c| {
            let c = c.borrow();
            assert!(c.young.len() <= WORD_CACHE_CAP && c.old.len() <= WORD_CACHE_CAP);
        });
    }

    /// A model that does not load is an error, not a recognizer that finds nothing.
    #[test]
    fn a_model_that_does_not_load_is_an_error() {
        assert!(matches!(
            Ner::from_bytes(&MODEL_BIN[..MODEL_BIN.len() / 2]),
            Err(Error::Model(_))
        ));
        let mut model = Model::from_bytes(MODEL_BIN).unwrap();
        model.resources ^= 1;
        assert_eq!(
            Ner::from_model(model).map(|_| ()),
            Err(Error::ResourceMismatch)
        );
        assert!(bundled().is_ok());
    }

    #[test]
    fn bundled_model_is_not_stale() {
        assert!(
            !Ner::bundled().unwrap().is_stale(),
            "khabar-text analyzes words differently than when the bundled NER model was trained: run scripts/ner/train.sh"
        );
    }

    #[test]
    fn one_sense_per_article() {
        let text = "وطلب الرئيس قاسم جومارت توكاييف المساعدة.\nوقال توكاييف إن الوضع مستقر.";
        let m = mentions(text);
        let last = m
            .iter()
            .find(|m| m.start > text.find('\n').unwrap())
            .unwrap();
        assert_eq!(
            (last.text.as_str(), last.label),
            ("توكاييف", EntityLabel::Pers)
        );
    }

    proptest! {
        #[test]
        fn mentions_never_panic_and_spans_are_sound(s in "[\u{0600}-\u{06FF} a-zA-Z0-9.،؟!\n«»#@_-]{0,80}") {
            let mut last = 0;
            for m in mentions(&s) {
                prop_assert!(s.is_char_boundary(m.start) && s.is_char_boundary(m.end));
                prop_assert!(m.start < m.end && m.start >= last);
                last = m.end;
            }
        }
    }
}
