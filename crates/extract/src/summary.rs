//! An extractive summary: the sentences that carry the most of the article's
//! TF-IDF weight (lead sentences and title words favoured), in text order.

use crate::doc::Doc;
use crate::keywords::Weights;
use serde::{Deserialize, Serialize};

/// One sentence of the summary.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SummarySentence {
    /// Index into `sentences`.
    pub sentence: usize,
    pub start: usize,
    pub end: usize,
    pub text: String,
}

/// The `n` best sentences, in text order.
pub(crate) fn pick(doc: &Doc, w: &Weights, n: usize) -> Vec<SummarySentence> {
    let mut scored: Vec<(usize, f64)> = Vec::new();
    // Per key, the last sentence (plus one) that counted it.
    let mut seen: Vec<usize> = vec![0; w.id.len()];
    for (si, &(a, b)) in doc.sent_toks.iter().enumerate() {
        let words = (a..b).filter(|&k| doc.toks[k].is_word()).count();
        if words < 6 {
            continue;
        }
        let mut s = 0.0;
        let mut in_title = 0;
        for &k in w.tok[a..b].iter().flatten() {
            let k = k as usize;
            if seen[k] != si + 1 {
                seen[k] = si + 1;
                s += w.weight[k];
                if w.in_title[k] {
                    in_title += 1;
                }
            }
        }
        let mut score = s / (words as f64).sqrt();
        score *= 1.0 + 0.15 * in_title as f64;
        if si == 0 {
            score *= 1.5;
        } else if si < 3 {
            score *= 1.15;
        }
        scored.push((si, score));
    }
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let mut chosen: Vec<usize> = scored.into_iter().take(n).map(|x| x.0).collect();
    chosen.sort_unstable();
    chosen
        .into_iter()
        .map(|si| {
            let s = doc.sents[si];
            SummarySentence {
                sentence: si,
                start: s.start,
                end: s.end,
                text: doc.text[s.start..s.end].to_string(),
            }
        })
        .collect()
}
