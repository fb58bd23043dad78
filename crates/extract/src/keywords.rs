//! Keywords: TF-IDF of the article's search keys against a committed
//! document-frequency table (`data/df.tsv`, built from the development corpus
//! by `scripts/extract/build_df.py`).

use crate::doc::{Doc, Tok};
use crate::vocab;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::rc::Rc;

pub use crate::lexicon::df::DfTable;

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

/// The keys of one article, numbered densely in order of first occurrence
/// (body first, then keys only the title has), with their counts and TF-IDF
/// weights.
pub(crate) struct Weights {
    /// Per token of the body, its key's index (None for stop words, numbers,
    /// punctuation).
    pub tok: Vec<Option<u32>>,
    /// Per key: its vocabulary id.
    pub id: Vec<u32>,
    /// Per key: how many times it occurs in the body.
    pub body: Vec<usize>,
    /// Per key: the body's count plus twice the title's.
    pub tf: Vec<usize>,
    /// Per key: whether the title has it.
    pub in_title: Vec<bool>,
    /// Per key: the TF-IDF weight of `tf`.
    pub weight: Vec<f64>,
    /// Per key: whether the document-frequency table knows it.
    pub known: Vec<bool>,
}

/// Counts and weighs the keys of the body and the title.
pub(crate) fn weights(doc: &Doc, title: Option<&Doc>) -> Weights {
    let mut index: FxHashMap<u32, u32> =
        FxHashMap::with_capacity_and_hasher(doc.toks.len() / 2, Default::default());
    // Distinct keys: rarely more than half the tokens.
    let cap = doc.toks.len() / 2 + 16;
    let mut w = Weights {
        tok: Vec::with_capacity(doc.toks.len()),
        id: Vec::with_capacity(cap),
        body: Vec::with_capacity(cap),
        tf: Vec::with_capacity(cap),
        in_title: Vec::with_capacity(cap),
        weight: Vec::new(),
        known: Vec::with_capacity(cap),
    };
    // Per key, its inverse document frequency (from the first token with it).
    let mut idf: Vec<f64> = Vec::with_capacity(cap);
    let mut local = |w: &mut Weights, idf: &mut Vec<f64>, t: &Tok, k: u32| -> usize {
        *index.entry(k).or_insert_with(|| {
            w.id.push(k);
            w.body.push(0);
            w.tf.push(0);
            w.in_title.push(false);
            w.known.push(t.norm.known());
            idf.push(t.norm.idf());
            (w.id.len() - 1) as u32
        }) as usize
    };
    for t in &doc.toks {
        let l = t.key.map(|k| {
            let l = local(&mut w, &mut idf, t, k);
            w.body[l] += 1;
            w.tf[l] += 1;
            l as u32
        });
        w.tok.push(l);
    }
    if let Some(title) = title {
        for t in &title.toks {
            if let Some(k) = t.key {
                let l = local(&mut w, &mut idf, t, k);
                w.in_title[l] = true;
                w.tf[l] += 2;
            }
        }
    }
    w.weight = idf
        .iter()
        .zip(&w.tf)
        .map(|(&idf, &n)| (1.0 + (n as f64).ln()) * idf)
        .collect();
    w
}

/// The `n` best keywords of the body.
pub(crate) fn top(doc: &Doc, w: &Weights, n: usize) -> Vec<Keyword> {
    // A word unknown to the corpus and used once is more likely a typo or a rare
    // inflection than the article's subject.
    let mut all: Vec<usize> = (0..w.id.len())
        .filter(|&l| w.body[l] > 0 && (w.tf[l] >= 2 || w.known[l]))
        .collect();
    // By weight, then by key (read only for equal weights).
    let keys: Vec<Rc<str>> = vocab::with_keys(|ks| {
        let by = |a: &usize, b: &usize| {
            w.weight[*b]
                .total_cmp(&w.weight[*a])
                .then_with(|| ks[w.id[*a] as usize].key.cmp(&ks[w.id[*b] as usize].key))
        };
        if all.len() > n {
            all.select_nth_unstable_by(n, by);
            all.truncate(n);
        }
        all.sort_unstable_by(by);
        all.iter()
            .map(|&l| ks[w.id[l] as usize].key.clone())
            .collect()
    });
    // The most frequent written form of each chosen key.
    let mut slot: Vec<Option<usize>> = vec![None; w.id.len()];
    for (i, &l) in all.iter().enumerate() {
        slot[l] = Some(i);
    }
    let mut forms: Vec<FxHashMap<&str, usize>> = vec![FxHashMap::default(); all.len()];
    for (i, l) in w.tok.iter().enumerate() {
        if let Some(s) = l.and_then(|l| slot[l as usize]) {
            *forms[s].entry(doc.surface(i)).or_default() += 1;
        }
    }
    all.into_iter()
        .zip(keys)
        .zip(forms)
        .map(|((l, key), f)| {
            let text = f
                .iter()
                .max_by_key(|(s, c)| (**c, std::cmp::Reverse(s.len()), std::cmp::Reverse(*s)))
                .map(|(s, _)| s.to_string())
                .unwrap_or_default();
            Keyword {
                text,
                key: key.to_string(),
                score: (w.weight[l] * 1000.0).round() / 1000.0,
                count: w.body[l],
            }
        })
        .collect()
}

/// The `n` best keywords of several parts of one text, each with its own
/// keywords: merged by key (counts and scores added, the written form of the
/// part that counted the key most), best score first, then by key.
pub(crate) fn merge(parts: Vec<Keyword>, n: usize) -> Vec<Keyword> {
    let mut by_key: FxHashMap<String, (Keyword, usize)> = FxHashMap::default();
    for k in parts {
        match by_key.get_mut(&k.key) {
            Some((m, most)) => {
                if k.count > *most {
                    *most = k.count;
                    m.text = k.text;
                }
                m.count += k.count;
                m.score += k.score;
            }
            None => {
                let count = k.count;
                by_key.insert(k.key.clone(), (k, count));
            }
        }
    }
    let mut all: Vec<Keyword> = by_key.into_values().map(|(k, _)| k).collect();
    all.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key)));
    all.truncate(n);
    for k in &mut all {
        k.score = (k.score * 1000.0).round() / 1000.0;
    }
    all
}
