//! A phrase query whose scorer may be asked about a document it has already passed.
//!
//! tantivy 0.27's `PhraseScorer::seek_danger` asserts (in debug builds) that the target is not
//! behind the scorer. `Exclude` breaks that: for `a NOT "b c"` it asks the excluded phrase
//! scorer whether the first document of `a` is in it, and a fresh phrase scorer already stands
//! on its own first match — past that document, or at the end when the words of the phrase are
//! in the segment but never side by side. A release build answers correctly; a debug build
//! (the test suite, the fuzzers) panics. [`Forward`] wraps a phrase query and answers such a
//! question itself: a document behind the scorer is not in it. Everything else is the phrase
//! query's own work.

use tantivy::query::{EnableScoring, Explanation, Query, Scorer, Weight};
use tantivy::{DocId, DocSet, Score, SeekDangerResult, SegmentReader, Term, TERMINATED};

/// A query whose scorers never see a `seek_danger` target behind their position.
#[derive(Clone, Debug)]
pub(crate) struct Forward<Q: Query + Clone>(pub(crate) Q);

impl<Q: Query + Clone> Query for Forward<Q> {
    fn weight(&self, enable_scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(ForwardWeight(self.0.weight(enable_scoring)?)))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        self.0.query_terms(visitor)
    }
}

struct ForwardWeight(Box<dyn Weight>);

impl Weight for ForwardWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(Box::new(ForwardScorer(self.0.scorer(reader, boost)?)))
    }

    fn scorer_danger(
        &self,
        reader: &SegmentReader,
        target: DocId,
        boost: Score,
    ) -> tantivy::Result<(SeekDangerResult, Box<dyn Scorer>)> {
        let (found, scorer) = self.0.scorer_danger(reader, target, boost)?;
        Ok((found, Box::new(ForwardScorer(scorer))))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        self.0.explain(reader, doc)
    }

    fn count(&self, reader: &SegmentReader) -> tantivy::Result<u32> {
        self.0.count(reader)
    }
}

struct ForwardScorer(Box<dyn Scorer>);

impl DocSet for ForwardScorer {
    fn advance(&mut self) -> DocId {
        self.0.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if target <= self.0.doc() {
            return self.0.doc();
        }
        self.0.seek(target)
    }

    fn seek_danger(&mut self, target: DocId) -> SeekDangerResult {
        if target >= TERMINATED {
            return SeekDangerResult::SeekLowerBound(TERMINATED);
        }
        let doc = self.0.doc();
        if target < doc {
            // Behind the scorer: not a match, and the next one is past `target`.
            return SeekDangerResult::SeekLowerBound(target + 1);
        }
        self.0.seek_danger(target)
    }

    fn doc(&self) -> DocId {
        self.0.doc()
    }

    fn size_hint(&self) -> u32 {
        self.0.size_hint()
    }

    fn cost(&self) -> u64 {
        self.0.cost()
    }
}

impl Scorer for ForwardScorer {
    fn score(&mut self) -> Score {
        self.0.score()
    }
}
