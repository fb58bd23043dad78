//! Searching: requests, results, facets, stored articles and index statistics.

use std::collections::BTreeMap;
use std::ops::Bound;

use tantivy::collector::{Collector, Count, FacetCollector, SegmentCollector, TopDocs};
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{Facet, IndexRecordOption, Value};
use tantivy::{
    DocAddress, DocId, Order, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term,
};

use crate::query::{compile, date_filter, parse_date_bound, Filter, Highlight, Syntax, Weights};
use crate::snippet::snippet;
use crate::stored::{decode_reading, StoredArticle};
use crate::{Error, Index, Result};

/// Result order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Sort {
    #[default]
    Score,
    /// Newest first.
    Date,
}

/// A search. `SearchRequest::new(q)` gives the defaults (10 hits, snippets, duplicates collapsed,
/// no facets).
#[derive(Debug, Clone, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct SearchRequest {
    pub query: String,
    pub syntax: Syntax,
    pub limit: usize,
    pub offset: usize,
    pub sort: Sort,
    /// Published on or after this date (`YYYY[-MM[-DD]]` or RFC 3339).
    pub from: Option<String>,
    /// Published on or before this date (a date-only value includes that whole day).
    pub to: Option<String>,
    /// Required filters (source, entity), beside the query.
    pub filters: Vec<Filter>,
    /// Show duplicates as hits of their own (by default only the first article of a group is).
    pub duplicates: bool,
    /// Compute facets over all matching articles.
    pub facets: bool,
    /// Make snippets (about `snippet_tokens` tokens).
    pub snippets: bool,
    pub snippet_tokens: usize,
}

impl Default for SearchRequest {
    fn default() -> Self {
        SearchRequest {
            query: String::new(),
            syntax: Syntax::Lucene,
            limit: 10,
            offset: 0,
            sort: Sort::Score,
            from: None,
            to: None,
            filters: Vec::new(),
            duplicates: false,
            facets: false,
            snippets: true,
            snippet_tokens: 40,
        }
    }
}

impl SearchRequest {
    pub fn new(query: &str) -> Self {
        SearchRequest {
            query: query.to_string(),
            ..SearchRequest::default()
        }
    }
}

/// One hit; its JSON form is the documented `--json` output.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Hit {
    pub id: String,
    pub url: Option<String>,
    pub title: String,
    pub source: Option<String>,
    /// RFC 3339, UTC.
    pub published: Option<String>,
    pub score: f32,
    /// HTML-escaped original text with `<b>…</b>` around matches.
    pub snippet: String,
}

/// A bucket of the date histogram: a day (`YYYY-MM-DD`) or a month (`YYYY-MM`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct DateBucket {
    pub date: String,
    pub count: u64,
}

/// Counts over all matching articles.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Facets {
    pub sources: Vec<(String, u64)>,
    /// Top entities by type (`PERS`, `LOC`, `ORG`, `MISC`).
    pub entities: BTreeMap<String, Vec<(String, u64)>>,
    /// By day when the matches span at most 62 days, else by month.
    pub dates: Vec<DateBucket>,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct SearchResults {
    pub total: usize,
    pub hits: Vec<Hit>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<Facets>,
}

/// What `khabar stats` shows.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct Stats {
    pub articles: u64,
    pub duplicates: u64,
    pub sources: Vec<(String, u64)>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub segments: usize,
    pub size_bytes: u64,
    pub schema_version: u32,
}

/// RFC 3339 (UTC, seconds) of Unix seconds.
pub fn rfc3339(t: i64) -> Option<String> {
    chrono::DateTime::from_timestamp(t, 0).map(|d| d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// Counts per day (days since the epoch) of the published fast field.
pub(crate) struct DateHist;

pub(crate) struct DateHistSeg {
    col: Option<tantivy::columnar::Column<i64>>,
    days: BTreeMap<i64, u64>,
}

impl Collector for DateHist {
    type Fruit = BTreeMap<i64, u64>;
    type Child = DateHistSeg;

    fn for_segment(&self, _: SegmentOrdinal, seg: &SegmentReader) -> tantivy::Result<DateHistSeg> {
        Ok(DateHistSeg {
            col: seg.fast_fields().column_opt::<i64>("published")?,
            days: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeMap<i64, u64>>) -> tantivy::Result<BTreeMap<i64, u64>> {
        let mut out = BTreeMap::new();
        for f in fruits {
            for (d, c) in f {
                *out.entry(d).or_insert(0) += c;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for DateHistSeg {
    type Fruit = BTreeMap<i64, u64>;

    fn collect(&mut self, doc: DocId, _: Score) {
        if let Some(t) = self.col.as_ref().and_then(|c| c.first(doc)) {
            *self.days.entry(t.div_euclid(86_400)).or_insert(0) += 1;
        }
    }

    fn harvest(self) -> BTreeMap<i64, u64> {
        self.days
    }
}

pub(crate) fn histogram(days: &BTreeMap<i64, u64>) -> Vec<DateBucket> {
    let (Some(first), Some(last)) = (days.keys().next(), days.keys().next_back()) else {
        return Vec::new();
    };
    let by_day = last - first <= 62;
    let mut out: Vec<DateBucket> = Vec::new();
    for (&d, &c) in days {
        let Some(date) = chrono::DateTime::from_timestamp(d * 86_400, 0) else {
            continue;
        };
        let label = date
            .format(if by_day { "%Y-%m-%d" } else { "%Y-%m" })
            .to_string();
        match out.last_mut() {
            Some(b) if b.date == label => b.count += c,
            _ => out.push(DateBucket {
                date: label,
                count: c,
            }),
        }
    }
    out
}

const ENTITY_LABELS: [&str; 4] = ["PERS", "LOC", "ORG", "MISC"];

impl Index {
    fn first_text(&self, doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
        doc.get_first(field)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    }

    /// Runs a search.
    pub fn search(&self, req: &SearchRequest) -> Result<SearchResults> {
        self.search_with(req, Weights::default())
    }

    /// [`Index::search`] with explicit ranking weights (for tuning and evaluation).
    pub fn search_with(&self, req: &SearchRequest, weights: Weights) -> Result<SearchResults> {
        let f = &self.fields;
        let (query, highlight) = self.matching(req, weights)?;
        let searcher = self.reader.searcher();
        let limit = req.limit.min(10_000);
        let top = TopDocs::with_limit(limit.max(1)).and_offset(req.offset.min(1_000_000));
        let (total, docs): (usize, Vec<(f32, DocAddress)>) = match req.sort {
            Sort::Score => searcher.search(&query, &(Count, top.order_by_score()))?,
            Sort::Date => {
                // Newest first (undated last), each hit with its relevance,
                // both from one collection: no `explain` per hit (tantivy's
                // asserts inside it on some boolean queries, found by the
                // query fuzz test).
                let by_date = top.tweak_score(|segment: &SegmentReader| {
                    let dates = segment
                        .fast_fields()
                        .i64("published")
                        .ok()
                        .map(|c| c.first_or_default_col(i64::MIN));
                    move |doc: DocId, score: Score| {
                        (dates.as_ref().map_or(i64::MIN, |d| d.get_val(doc)), score)
                    }
                });
                let (n, d) = searcher.search(&query, &(Count, by_date))?;
                (n, d.into_iter().map(|((_, score), a)| (score, a)).collect())
            }
        };
        let mut hits = Vec::with_capacity(limit);
        for (score, addr) in docs.into_iter().take(limit) {
            let doc: TantivyDocument = searcher.doc(addr)?;
            let body = self.first_text(&doc, f.body).unwrap_or_default();
            hits.push(Hit {
                id: self.first_text(&doc, f.id).unwrap_or_default(),
                url: self.first_text(&doc, f.url),
                title: self.first_text(&doc, f.title).unwrap_or_default(),
                source: self.first_text(&doc, f.source),
                published: doc
                    .get_first(f.published)
                    .and_then(|v| v.as_i64())
                    .and_then(rfc3339),
                score,
                snippet: if req.snippets {
                    snippet(&body, &highlight, req.snippet_tokens)
                } else {
                    String::new()
                },
            });
        }
        let facets = if req.facets {
            Some(self.facets(&*query)?)
        } else {
            None
        };
        Ok(SearchResults {
            total,
            hits,
            facets,
        })
    }

    /// The query of a request (its words, dates, filters and the duplicate rule) and the terms to
    /// highlight.
    pub(crate) fn matching(
        &self,
        req: &SearchRequest,
        weights: Weights,
    ) -> Result<(Box<dyn Query>, Highlight)> {
        let f = &self.fields;
        let compiled = compile(&req.query, req.syntax, f, weights)?;
        let mut parts: Vec<(Occur, Box<dyn Query>)> = vec![(Occur::Must, compiled.query)];
        let from = req.from.as_deref().map(parse_date_bound).transpose()?;
        let to = req.to.as_deref().map(parse_date_bound).transpose()?;
        if from.is_some() || to.is_some() {
            let lo = from.map_or(Bound::Unbounded, |(s, _)| Bound::Included(s));
            let hi = to.map_or(Bound::Unbounded, |(_, e)| Bound::Excluded(e));
            parts.push((Occur::Must, date_filter(f, lo, hi)));
        }
        for filter in &req.filters {
            parts.push((Occur::Must, filter.query(f)));
        }
        if !req.duplicates {
            parts.push((
                Occur::MustNot,
                Box::new(TermQuery::new(
                    Term::from_field_text(f.flags, "dup"),
                    IndexRecordOption::Basic,
                )),
            ));
        }
        let query: Box<dyn Query> = if parts.len() == 1 {
            parts.pop().expect("one").1
        } else {
            Box::new(BooleanQuery::new(parts))
        };
        Ok((query, compiled.highlight))
    }

    fn facets(&self, query: &dyn Query) -> Result<Facets> {
        let searcher = self.reader.searcher();
        let tables = self.facet_tables(&searcher)?;
        let t = tables.tally(&searcher, query)?;
        let mut out = Facets {
            sources: tables.sources.top(&t.sources, "", 50),
            dates: histogram(&t.days),
            ..Facets::default()
        };
        for l in ENTITY_LABELS {
            let top = tables.entities.top(&t.entities, l, 20);
            if !top.is_empty() {
                out.entities.insert(l.to_string(), top);
            }
        }
        Ok(out)
    }

    /// The most frequent entities of one type (or of all types, as `LABEL:name`).
    pub fn top_entities(&self, label: Option<&str>, k: usize) -> Result<Vec<(String, u64)>> {
        let searcher = self.reader.searcher();
        let labels: Vec<String> = match label {
            Some(l) => vec![l.to_uppercase()],
            None => ENTITY_LABELS.iter().map(|s| s.to_string()).collect(),
        };
        let tables = self.facet_tables(&searcher)?;
        let t = tables.tally(&searcher, &tantivy::query::AllQuery)?;
        let mut out: Vec<(String, u64)> = Vec::new();
        for l in &labels {
            for (name, c) in tables.entities.top(&t.entities, l, k) {
                out.push((format!("{l}:{name}"), c));
            }
        }
        out.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        out.truncate(k);
        Ok(out)
    }

    /// The stored article with this id.
    pub fn get(&self, id: &str) -> Result<Option<StoredArticle>> {
        let f = &self.fields;
        let searcher = self.reader.searcher();
        let q = TermQuery::new(Term::from_field_text(f.id, id), IndexRecordOption::Basic);
        let Some((_, addr)) = searcher
            .search(&q, &TopDocs::with_limit(1).order_by_score())?
            .into_iter()
            .next()
        else {
            return Ok(None);
        };
        let doc: TantivyDocument = searcher.doc(addr)?;
        Ok(Some(self.stored(&doc)))
    }

    /// The [`StoredArticle`] of a stored document.
    pub(crate) fn stored(&self, doc: &TantivyDocument) -> StoredArticle {
        let f = &self.fields;
        StoredArticle {
            id: self.first_text(doc, f.id).unwrap_or_default(),
            url: self.first_text(doc, f.url),
            source: self.first_text(doc, f.source),
            published: doc
                .get_first(f.published)
                .and_then(|v| v.as_i64())
                .and_then(rfc3339),
            title: self.first_text(doc, f.title).unwrap_or_default(),
            body: self.first_text(doc, f.body).unwrap_or_default(),
            author: self.first_text(doc, f.author),
            category: self.first_text(doc, f.category),
            origin: self.first_text(doc, f.origin).unwrap_or_default(),
            duplicate_of: self.first_text(doc, f.dup_of),
            entities: doc
                .get_all(f.entity)
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect(),
            reading: doc
                .get_first(f.reading)
                .and_then(|v| v.as_str())
                .and_then(decode_reading),
        }
    }

    /// Every live article id (in index order).
    pub fn ids(&self) -> Result<Vec<String>> {
        let searcher = self.reader.searcher();
        let mut out = Vec::new();
        for seg in searcher.segment_readers() {
            let store = seg
                .get_store_reader(16)
                .map_err(|e| Error::Tantivy(e.into()))?;
            for doc in store.iter::<TantivyDocument>(seg.alive_bitset()) {
                out.push(self.first_text(&doc?, self.fields.id).unwrap_or_default());
            }
        }
        Ok(out)
    }

    /// Articles, duplicates, sources, date range, size.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let all = tantivy::query::AllQuery;
        let mut sources = FacetCollector::for_field("source_facet");
        sources.add_facet(Facet::root());
        let (articles, s, days) = searcher.search(&all, &(Count, sources, DateHist))?;
        let dupq = TermQuery::new(
            Term::from_field_text(self.fields.flags, "dup"),
            IndexRecordOption::Basic,
        );
        let duplicates = searcher.search(&dupq, &Count)?;
        let first = searcher.search(
            &all,
            &TopDocs::with_limit(1).order_by_fast_field::<i64>("published", Order::Asc),
        )?;
        let last = searcher.search(
            &all,
            &TopDocs::with_limit(1).order_by_fast_field::<i64>("published", Order::Desc),
        )?;
        let _ = days;
        let name = |f: &Facet| {
            f.to_path()
                .last()
                .map(|s| s.to_string())
                .unwrap_or_default()
        };
        Ok(Stats {
            articles: articles as u64,
            duplicates: duplicates as u64,
            sources: s
                .top_k(Facet::root(), 1000)
                .into_iter()
                .map(|(f, c)| (name(f), c))
                .collect(),
            first_published: first.first().and_then(|(t, _)| *t).and_then(rfc3339),
            last_published: last.first().and_then(|(t, _)| *t).and_then(rfc3339),
            segments: searcher.segment_readers().len(),
            size_bytes: self.size_bytes(),
            schema_version: crate::SCHEMA_VERSION,
        })
    }
}
