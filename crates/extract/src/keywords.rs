//! Keywords: TF-IDF of the article's search keys against a committed
//! document-frequency table (`data/df.tsv`, built from the development corpus
//! by `scripts/extract/build_df.py`).

use crate::doc::Doc;
use khabar_text::stem;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// One keyword of an article.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Keyword {
    /// The most frequent written form in the article.
    pub text: String,
    /// The search key (normalized and stemmed).
    pub key: String,
    pub score: f64,
    /// How many times the key occurs.
    pub count: usize,
}

/// The document-frequency table: the number of documents and each key's df.
pub struct DfTable {
    pub docs: u32,
    df: FxHashMap<String, u32>,
}

impl DfTable {
    /// Parses `#docs<TAB>N` then `key<TAB>df` lines.
    pub fn parse(src: &str) -> DfTable {
        let mut docs = 1;
        let mut df = FxHashMap::default();
        for line in src.lines() {
            let mut f = line.split('\t');
            let (Some(k), Some(v)) = (f.next(), f.next()) else {
                continue;
            };
            let Ok(v) = v.trim().parse::<u32>() else {
                continue;
            };
            if k == "#docs" {
                docs = v.max(1);
            } else {
                df.insert(k.to_string(), v);
            }
        }
        DfTable { docs, df }
    }

    /// The bundled table.
    pub fn bundled() -> &'static DfTable {
        static T: OnceLock<DfTable> = OnceLock::new();
        T.get_or_init(|| DfTable::parse(include_str!("../data/df.tsv")))
    }

    /// Inverse document frequency; keys absent from the table (rarer than the
    /// table's cut-off) count as seen in half the cut-off.
    pub fn idf(&self, key: &str) -> f64 {
        // The table leaves out keys seen in fewer than 8 documents: take them as seen in 4.
        let df = self.df.get(key).copied().unwrap_or(4) as f64;
        ((self.docs as f64 + 1.0) / (df + 1.0)).ln().max(0.0)
    }

    /// Whether the table knows the key.
    pub fn contains(&self, key: &str) -> bool {
        self.df.contains_key(key)
    }

    pub fn len(&self) -> usize {
        self.df.len()
    }

    pub fn is_empty(&self) -> bool {
        self.df.is_empty()
    }
}

/// Per-token keys of content words (None for stop words, numbers, punctuation).
pub(crate) fn token_keys(doc: &Doc) -> Vec<Option<String>> {
    doc.toks
        .iter()
        .map(|t| {
            if !t.is_word() || t.stop || t.norm.chars().count() < 2 {
                return None;
            }
            let k = stem(&t.norm);
            (k.chars().count() >= 2).then(|| k.to_string())
        })
        .collect()
}

/// The TF-IDF weight of every key of the text (the title counts twice).
pub(crate) fn weights(
    doc: &Doc,
    keys: &[Option<String>],
    title: Option<&str>,
) -> FxHashMap<String, (usize, f64)> {
    let table = DfTable::bundled();
    let mut tf: FxHashMap<String, (usize, f64)> = FxHashMap::default();
    for k in keys.iter().flatten() {
        tf.entry(k.clone()).or_default().0 += 1;
    }
    if let Some(t) = title {
        let tdoc = Doc::new(t);
        for k in token_keys(&tdoc).into_iter().flatten() {
            tf.entry(k).or_default().0 += 2;
        }
    }
    let _ = doc;
    for (k, v) in tf.iter_mut() {
        v.1 = (1.0 + (v.0 as f64).ln()) * table.idf(k);
    }
    tf
}

/// The `n` best keywords, given the token keys and their weights.
pub(crate) fn top(
    doc: &Doc,
    keys: &[Option<String>],
    w: &FxHashMap<String, (usize, f64)>,
    n: usize,
) -> Vec<Keyword> {
    // The most frequent written form of each key.
    let mut forms: FxHashMap<&str, FxHashMap<&str, usize>> = FxHashMap::default();
    for (i, k) in keys.iter().enumerate() {
        if let Some(k) = k {
            *forms
                .entry(k.as_str())
                .or_default()
                .entry(doc.surface(i))
                .or_default() += 1;
        }
    }
    let table = DfTable::bundled();
    // A word unknown to the corpus and used once is more likely a typo or a rare
    // inflection than the article's subject.
    let mut all: Vec<(&String, &(usize, f64))> = w
        .iter()
        .filter(|(k, v)| forms.contains_key(k.as_str()) && (v.0 >= 2 || table.contains(k)))
        .collect();
    all.sort_by(|a, b| b.1 .1.total_cmp(&a.1 .1).then_with(|| a.0.cmp(b.0)));
    all.into_iter()
        .take(n)
        .map(|(k, &(count, score))| {
            let f = &forms[k.as_str()];
            let text = f
                .iter()
                .max_by_key(|(s, c)| (**c, std::cmp::Reverse(s.len()), std::cmp::Reverse(*s)))
                .map(|(s, _)| s.to_string())
                .unwrap_or_default();
            let count = keys
                .iter()
                .flatten()
                .filter(|x| *x == k)
                .count()
                .max(count.min(1));
            Keyword {
                text,
                key: k.clone(),
                score: (score * 1000.0).round() / 1000.0,
                count,
            }
        })
        .collect()
}
