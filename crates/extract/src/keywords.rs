//! Keywords: TF-IDF of the article's search keys against a committed
//! document-frequency table (`data/df.tsv`, built from the development corpus
//! by `scripts/extract/build_df.py`).

use crate::doc::Doc;
use crate::vocab;
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::rc::Rc;
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

/// Per-token key ids of content words (None for stop words, numbers,
/// punctuation): see [`crate::vocab`].
pub(crate) fn token_keys(doc: &Doc) -> Vec<Option<u32>> {
    doc.toks.iter().map(|t| t.key).collect()
}

/// The count and TF-IDF weight of each key of an article.
#[derive(Default)]
pub(crate) struct Weights {
    /// Key id → (count in the body plus twice the count in the title, weight).
    pub by_key: FxHashMap<u32, (usize, f64)>,
    /// The key ids of the title.
    pub title: FxHashSet<u32>,
}

/// The TF-IDF weight of every key of the text (the title counts twice).
pub(crate) fn weights(keys: &[Option<u32>], title: Option<&Doc>) -> Weights {
    let mut tf: FxHashMap<u32, (usize, f64)> = FxHashMap::default();
    for &k in keys.iter().flatten() {
        tf.entry(k).or_default().0 += 1;
    }
    let mut in_title = FxHashSet::default();
    if let Some(t) = title {
        for k in t.toks.iter().filter_map(|t| t.key) {
            tf.entry(k).or_default().0 += 2;
            in_title.insert(k);
        }
    }
    vocab::with_keys(|ks| {
        for (k, v) in tf.iter_mut() {
            v.1 = (1.0 + (v.0 as f64).ln()) * ks[*k as usize].idf;
        }
    });
    Weights {
        by_key: tf,
        title: in_title,
    }
}

/// The `n` best keywords, given the token keys and their weights.
pub(crate) fn top(doc: &Doc, keys: &[Option<u32>], w: &Weights, n: usize) -> Vec<Keyword> {
    // How many times each key occurs in the body.
    let mut body: FxHashMap<u32, usize> = FxHashMap::default();
    for &k in keys.iter().flatten() {
        *body.entry(k).or_default() += 1;
    }
    // A word unknown to the corpus and used once is more likely a typo or a rare
    // inflection than the article's subject.
    let mut all: Vec<(Rc<str>, u32, usize, f64)> = vocab::with_keys(|ks| {
        body.iter()
            .filter_map(|(&k, &c)| {
                let &(count, score) = w.by_key.get(&k)?;
                let info = &ks[k as usize];
                (count >= 2 || info.known).then(|| (info.key.clone(), k, c, score))
            })
            .collect()
    });
    all.sort_by(|a, b| b.3.total_cmp(&a.3).then_with(|| a.0.cmp(&b.0)));
    all.truncate(n);
    // The most frequent written form of each chosen key.
    let mut forms: Vec<FxHashMap<&str, usize>> = vec![FxHashMap::default(); all.len()];
    for (i, k) in keys.iter().enumerate() {
        if let Some(slot) = k.and_then(|k| all.iter().position(|a| a.1 == k)) {
            *forms[slot].entry(doc.surface(i)).or_default() += 1;
        }
    }
    all.into_iter()
        .zip(forms)
        .map(|((key, _, count, score), f)| {
            let text = f
                .iter()
                .max_by_key(|(s, c)| (**c, std::cmp::Reverse(s.len()), std::cmp::Reverse(*s)))
                .map(|(s, _)| s.to_string())
                .unwrap_or_default();
            Keyword {
                text,
                key: key.to_string(),
                score: (score * 1000.0).round() / 1000.0,
                count,
            }
        })
        .collect()
}
