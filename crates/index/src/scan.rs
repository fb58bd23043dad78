//! Every matching article, one at a time: [`Index::articles`] walks the matches of a request in
//! doc order (segment by segment, each segment's matches as its scorer yields them) and reads each
//! stored article when it is asked for, so a walk over the whole index holds one article at a
//! time, whatever the index size.

use tantivy::fastfield::AliveBitSet;
use tantivy::query::{EnableScoring, Scorer, Weight};
use tantivy::store::StoreReader;
use tantivy::{DocSet, Searcher, TantivyDocument, TERMINATED};

use crate::query::Weights;
use crate::{Error, Index, Result, SearchRequest, StoredArticle};

/// Doc-store blocks kept decompressed per segment: the walk reads them in order, so two suffice.
const STORE_CACHE_BLOCKS: usize = 2;

/// The articles matching a request, in doc order ([`Index::articles`]).
pub struct Articles<'a> {
    index: &'a Index,
    searcher: Searcher,
    weight: Box<dyn Weight>,
    total: usize,
    /// The next segment to open.
    next_segment: usize,
    /// The segment being walked: its matches, its store, its deletes.
    current: Option<(Box<dyn Scorer>, StoreReader, Option<AliveBitSet>)>,
}

impl std::fmt::Debug for Articles<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Articles")
            .field("total", &self.total)
            .field("next_segment", &self.next_segment)
            .finish()
    }
}

impl Articles<'_> {
    /// How many articles match (counted when the walk was made).
    pub fn total(&self) -> usize {
        self.total
    }

    /// Opens the next segment; `Ok(false)` when there is none.
    fn open_next(&mut self) -> Result<bool> {
        let Some(seg) = self.searcher.segment_readers().get(self.next_segment) else {
            return Ok(false);
        };
        self.next_segment += 1;
        let scorer = self.weight.scorer(seg, 1.0)?;
        let store = seg
            .get_store_reader(STORE_CACHE_BLOCKS)
            .map_err(|e| Error::Tantivy(e.into()))?;
        self.current = Some((scorer, store, seg.alive_bitset().cloned()));
        Ok(true)
    }
}

impl Iterator for Articles<'_> {
    type Item = Result<StoredArticle>;

    fn next(&mut self) -> Option<Result<StoredArticle>> {
        loop {
            if self.current.is_none() {
                match self.open_next() {
                    Ok(true) => {}
                    Ok(false) => return None,
                    Err(e) => {
                        // No segment after a failed one: the error ends the walk.
                        self.next_segment = usize::MAX;
                        return Some(Err(e));
                    }
                }
            }
            let (scorer, store, alive) = self.current.as_mut()?;
            let d = scorer.doc();
            if d == TERMINATED {
                self.current = None;
                continue;
            }
            scorer.advance();
            if alive.as_ref().is_some_and(|a| !a.is_alive(d)) {
                continue;
            }
            return Some(
                store
                    .get::<TantivyDocument>(d)
                    .map(|doc| self.index.stored(&doc))
                    .map_err(Error::from),
            );
        }
    }
}

impl Index {
    /// Every article matching `req` (its query, dates, filters and duplicate rule; its limit,
    /// offset, sort, facets and snippets do not apply), in doc order, read from the doc store one
    /// at a time as the iterator is advanced: memory stays bounded however many match. The
    /// readings are as stored (`None` when stale: [`StoredArticle::with_reading`]).
    ///
    /// ```
    /// # use khabar_index::{Index, IngestOptions, SearchRequest};
    /// # let dir = tempfile::tempdir().unwrap();
    /// # let index = Index::create(dir.path()).unwrap();
    /// let all = index.articles(&SearchRequest::new("")).unwrap();
    /// assert_eq!(all.total(), 0);
    /// assert_eq!(all.count(), 0);
    /// ```
    pub fn articles(&self, req: &SearchRequest) -> Result<Articles<'_>> {
        let (query, _) = self.matching(req, Weights::default())?;
        let searcher = self.reader.searcher();
        let total = searcher.search(&*query, &tantivy::collector::Count)?;
        let weight = query.weight(EnableScoring::disabled_from_searcher(&searcher))?;
        Ok(Articles {
            index: self,
            searcher,
            weight,
            total,
            next_segment: 0,
            current: None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extras;
    use khabar_ingest::Article;

    /// Real ANT-style sentences (Kazakhstan, January 2022), one article each.
    const BODIES: [&str; 4] = [
        "تظاهر آلاف المحتجين في ألماتي ضد ارتفاع أسعار الوقود، واعتقلت الشرطة عشرات منهم.",
        "أرسلت روسيا قوات إلى كازاخستان بعد احتجاجات عنيفة، وقال بوتين إن المهمة مؤقتة.",
        "أعلن الرئيس الكازاخستاني قاسم جومارت توكاييف انتهاء مهمة قوات معاهدة الأمن الجماعي.",
        "بدأت القوات الروسية الانسحاب من كازاخستان الخميس بعد أسبوع من نشرها.",
    ];

    /// Four dated articles in four segments (`commit_every: 1`), the last an exact duplicate
    /// of the first.
    fn index() -> (tempfile::TempDir, Index) {
        let mut articles: Vec<Article> = BODIES
            .iter()
            .enumerate()
            .map(|(i, b)| Article {
                id: format!("a{i}"),
                title: format!("كازاخستان {i}"),
                body: b.to_string(),
                source: Some(if i == 1 { "RT" } else { "Kazinform" }.into()),
                published: Some(1_641_600_000 + 86_400 * i as i64),
                ..Article::default()
            })
            .collect();
        articles.push(Article {
            id: "copy".into(),
            published: Some(1_641_600_000 + 86_400 * 9),
            ..articles[0].clone()
        });
        let extract =
            |a: &Article| Extras::from_reading(khabar_extract::read_article(None, &a.body, None));
        crate::test_index(articles, &extract)
    }

    /// The ids of a walk, in its order; each walk's length is its total.
    fn walk(index: &Index, req: &SearchRequest) -> Vec<String> {
        let walk = index.articles(req).unwrap();
        let total = walk.total();
        let ids: Vec<String> = walk.map(|a| a.unwrap().id).collect();
        assert_eq!(ids.len(), total, "{req:?}");
        ids
    }

    /// The ids of a walk, sorted (segments are walked in the searcher's order, not the order
    /// they were written in).
    fn ids(index: &Index, req: &SearchRequest) -> Vec<String> {
        let mut ids = walk(index, req);
        ids.sort();
        ids
    }

    #[test]
    fn walks_every_match_in_doc_order_with_its_stored_reading() {
        let (_dir, index) = index();
        assert!(index.tantivy().searchable_segments().unwrap().len() > 1);
        let mut all = SearchRequest::new("");
        all.duplicates = true;
        // Doc order over the segments: the order of `ids` (the store's own walk).
        assert_eq!(walk(&index, &all), index.ids().unwrap());
        assert_eq!(ids(&index, &all).len(), 5);
        // The duplicate rule of a search: the copy is left out.
        let ids_no_dup = ids(&index, &SearchRequest::new(""));
        assert_eq!(ids_no_dup, ["a0", "a1", "a2", "a3"]);
        // Each article as `get` gives it, its reading stored.
        for a in index.articles(&all).unwrap() {
            let a = a.unwrap();
            assert!(a.reading.is_some(), "{}", a.id);
            assert_eq!(Some(&a), index.get(&a.id).unwrap().as_ref());
        }
    }

    #[test]
    fn a_query_dates_and_filters_narrow_the_walk() {
        let (_dir, index) = index();
        assert_eq!(ids(&index, &SearchRequest::new("روسيا")), ["a1", "a3"]);
        let mut req = SearchRequest::new("كازاخستان");
        req.from = Some("2022-01-10".into());
        req.to = Some("2022-01-11".into());
        assert_eq!(ids(&index, &req), ["a2", "a3"]);
        let mut req = SearchRequest::new("source:RT");
        req.duplicates = true;
        assert_eq!(ids(&index, &req), ["a1"]);
        assert!(ids(&index, &SearchRequest::new("بوتين -روسيا")).is_empty());
        let mut bad = SearchRequest::new("روسيا");
        bad.from = Some("10 January".into());
        assert!(matches!(index.articles(&bad), Err(Error::Query(_))));
    }

    #[test]
    fn deleted_documents_are_not_walked() {
        let (dir, index) = index();
        let mut w: tantivy::IndexWriter = index
            .tantivy()
            .writer_with_num_threads(1, 20 << 20)
            .unwrap();
        w.delete_term(tantivy::Term::from_field_text(index.fields().id, "a1"));
        w.commit().unwrap();
        drop(w);
        let reopened = Index::open(dir.path()).unwrap();
        let mut all = SearchRequest::new("");
        all.duplicates = true;
        assert_eq!(ids(&reopened, &all), ["a0", "a2", "a3", "copy"]);
    }
}
