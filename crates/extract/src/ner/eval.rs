//! Span-level scoring with conlleval's semantics.
//!
//! A chunk starts at `B-X`, or at `I-X` after `O` or after a tag of another
//! type; it ends before `O`, before any `B-`, and before a tag of another
//! type. A predicted chunk is correct only when its type, start and end all
//! equal a gold chunk's.

use super::{EntityLabel, Tag};
use serde::Serialize;
use std::collections::BTreeMap;

/// Chunks `(start, end_exclusive, class)` of a BIO tag sequence, conlleval style.
pub fn chunks(tags: &[Tag]) -> Vec<(usize, usize, EntityLabel)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, EntityLabel)> = None;
    for (i, &tag) in tags.iter().enumerate() {
        let continues = matches!((open, tag), (Some((_, ty)), Tag::I(t)) if t == ty);
        if !continues {
            if let Some((s, ty)) = open.take() {
                out.push((s, i, ty));
            }
            if let Some(t) = tag.label() {
                open = Some((i, t));
            }
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}

/// Counts for one class or for all.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Counts {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.predicted == 0 {
            0.0
        } else {
            self.correct as f64 / self.predicted as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.correct as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Precision, recall and F1 of one class or of all (micro).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Prf {
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
}

impl From<Counts> for Prf {
    fn from(c: Counts) -> Prf {
        Prf {
            precision: c.precision(),
            recall: c.recall(),
            f1: c.f1(),
            gold: c.gold,
            predicted: c.predicted,
            correct: c.correct,
        }
    }
}

/// Accumulates sentences and reports per class and micro-averaged figures.
#[derive(Clone, Debug, Default)]
pub struct Scorer {
    per_class: BTreeMap<EntityLabel, Counts>,
    tokens: usize,
    tokens_correct: usize,
}

/// The report of a [`Scorer`] (`khabar ner eval --json` prints it).
#[derive(Clone, Debug, Serialize)]
pub struct Report {
    pub tokens: usize,
    pub token_accuracy: f64,
    pub micro: Prf,
    pub classes: BTreeMap<String, Prf>,
}

impl Scorer {
    pub fn new() -> Scorer {
        Scorer::default()
    }

    /// Adds one sentence's gold and predicted tags (same length).
    pub fn add(&mut self, gold: &[Tag], pred: &[Tag]) {
        debug_assert_eq!(gold.len(), pred.len());
        self.tokens += gold.len();
        self.tokens_correct += gold.iter().zip(pred).filter(|(g, p)| g == p).count();
        let g = chunks(gold);
        let p = chunks(pred);
        for c in &g {
            self.per_class.entry(c.2).or_default().gold += 1;
        }
        for c in &p {
            let e = self.per_class.entry(c.2).or_default();
            e.predicted += 1;
            if g.contains(c) {
                e.correct += 1;
            }
        }
    }

    pub fn report(&self) -> Report {
        let mut micro = Counts::default();
        for c in self.per_class.values() {
            micro.gold += c.gold;
            micro.predicted += c.predicted;
            micro.correct += c.correct;
        }
        Report {
            tokens: self.tokens,
            token_accuracy: if self.tokens == 0 {
                0.0
            } else {
                self.tokens_correct as f64 / self.tokens as f64
            },
            micro: micro.into(),
            // By name (alphabetical), as printed and in the JSON report.
            classes: self
                .per_class
                .iter()
                .map(|(k, v)| (k.as_str().to_string(), (*v).into()))
                .collect(),
        }
    }
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "tokens {}  token accuracy {:.4}",
            self.tokens, self.token_accuracy
        )?;
        writeln!(
            f,
            "{:<6} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
            "class", "precision", "recall", "F1", "gold", "pred", "correct"
        )?;
        let row = |f: &mut std::fmt::Formatter<'_>, name: &str, p: &Prf| {
            writeln!(
                f,
                "{:<6} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}",
                name, p.precision, p.recall, p.f1, p.gold, p.predicted, p.correct
            )
        };
        for (k, p) in &self.classes {
            row(f, k, p)?;
        }
        row(f, "micro", &self.micro)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(s: &str) -> Vec<Tag> {
        s.split(' ').map(|t| Tag::parse(t).unwrap()).collect()
    }

    #[test]
    fn conlleval_chunks() {
        use EntityLabel::*;
        // I- after O starts a chunk; a type change splits; B- splits.
        let t = tags("I-PERS I-PERS O B-LOC I-ORG B-ORG I-ORG B-ORG");
        assert_eq!(
            chunks(&t),
            vec![
                (0, 2, Pers),
                (3, 4, Loc),
                (4, 5, Org),
                (5, 7, Org),
                (7, 8, Org)
            ]
        );
    }

    #[test]
    fn exact_span_match_only() {
        // الرئيس الروسي فلاديمير بوتين في موسكو
        let gold = tags("O O B-PERS I-PERS O B-LOC");
        let pred = tags("O O O B-PERS O B-LOC");
        let mut s = Scorer::new();
        s.add(&gold, &pred);
        let r = s.report();
        assert_eq!(r.classes["PERS"].correct, 0);
        assert_eq!(r.classes["LOC"].correct, 1);
        assert_eq!(
            (r.micro.gold, r.micro.predicted, r.micro.correct),
            (2, 2, 1)
        );
        assert!((r.micro.f1 - 0.5).abs() < 1e-12);
        assert!((r.token_accuracy - 4.0 / 6.0).abs() < 1e-12);
    }

    #[test]
    fn empty_is_zero_not_nan() {
        let r = Scorer::new().report();
        assert_eq!(r.micro.f1, 0.0);
    }
}
