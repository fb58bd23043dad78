//! Counting over every matching article: the events read in them and the entities they mention.
//! Both stream through the matches (doc-store reads and facet counts), so memory stays bounded
//! however many articles match.

use std::collections::BTreeMap;

use khabar_extract::events::Event;
use khabar_extract::EntityLabel;
use tantivy::query::EnableScoring;
use tantivy::{DocId, TantivyDocument};

use crate::query::{Filter, Weights};
use crate::search::{histogram, DateHist};
use crate::{DateBucket, Error, Index, Result, SearchRequest};

/// The article an event was read in.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct ArticleRef {
    pub id: String,
    pub title: String,
    pub source: Option<String>,
    /// RFC 3339, UTC.
    pub published: Option<String>,
}

/// One event with its article.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[cfg_attr(feature = "utoipa", derive(utoipa::ToSchema))]
pub struct EventItem {
    /// The event as in the reading (`type`, `mode`, `trigger`, `actor`, `target`, `location`,
    /// `date`, `count`, spans into the article's body).
    #[cfg_attr(feature = "utoipa", schema(value_type = Object))]
    pub event: Event,
    pub article: ArticleRef,
}

/// What [`Index::events`] finds.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct Events {
    /// Events of the asked type in the articles read.
    pub total: usize,
    /// Matching articles.
    pub articles_matched: usize,
    /// Articles read: the newest [`MAX_EVENT_ARTICLES`] matching ones at most; totals and types
    /// count the events of these.
    pub articles_read: usize,
    /// Events per type, most frequent first.
    pub types: Vec<(String, u64)>,
    /// The first events, newest articles first (undated ones last), in reading order within an
    /// article.
    pub events: Vec<EventItem>,
}

/// An entity and how many matching articles mention it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EntityCount {
    pub label: EntityLabel,
    /// The canonical name (the entity facet).
    pub name: String,
    pub count: u64,
}

/// What [`Index::entity_counts`] finds.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct EntityCounts {
    /// Matching articles.
    pub total: usize,
    /// The most mentioned entities, most frequent first.
    pub entities: Vec<EntityCount>,
    /// Matching articles per day (or month).
    pub days: Vec<DateBucket>,
    /// For each of the first `trends` entities, the matching articles per day that mention it.
    pub trends: Vec<Vec<DateBucket>>,
}

/// The most articles [`Index::events`] reads for one request: the newest matching ones.
pub const MAX_EVENT_ARTICLES: usize = 200;

impl Index {
    /// The events read in the articles matching `req` (its query, dates, filters and duplicate
    /// rule; its limit, sort and snippets do not apply), of one PLOVER type when `event_type` is
    /// given (case-insensitive), with the first `limit` of them. At most
    /// [`MAX_EVENT_ARTICLES`] articles are read, the newest matching ones (undated last):
    /// [`Events::articles_matched`] says how many matched. Stored readings of this build's
    /// version are used as stored; others are read again from the stored body.
    pub fn events(
        &self,
        req: &SearchRequest,
        event_type: Option<&str>,
        limit: usize,
    ) -> Result<Events> {
        let (query, _) = self.matching(req, Weights::default())?;
        let searcher = self.reader.searcher();
        let weight = query.weight(EnableScoring::disabled_from_searcher(&searcher))?;
        let want = event_type.map(str::to_ascii_uppercase);
        let mut out = Events::default();
        // The matches in the order events are listed (newest first), from the fast field alone;
        // only the first MAX_EVENT_ARTICLES are read.
        let mut matches: Vec<(bool, std::cmp::Reverse<i64>, u32, DocId)> = Vec::new();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let published = seg.fast_fields().column_opt::<i64>("published")?;
            let alive = seg.alive_bitset();
            weight.for_each_no_score(seg, &mut |docs: &[DocId]| {
                for &d in docs {
                    if alive.is_some_and(|a| !a.is_alive(d)) {
                        continue;
                    }
                    let p = published.as_ref().and_then(|c| c.first(d));
                    matches.push((
                        p.is_none(),
                        std::cmp::Reverse(p.unwrap_or(0)),
                        ord as u32,
                        d,
                    ));
                }
            })?;
        }
        out.articles_matched = matches.len();
        if matches.len() > MAX_EVENT_ARTICLES {
            matches.select_nth_unstable(MAX_EVENT_ARTICLES);
            matches.truncate(MAX_EVENT_ARTICLES);
        }
        matches.sort_unstable();
        let mut types: BTreeMap<String, u64> = BTreeMap::new();
        let mut stores = Vec::new();
        for seg in searcher.segment_readers() {
            stores.push(
                seg.get_store_reader(16)
                    .map_err(|e| Error::Tantivy(e.into()))?,
            );
        }
        for &(_, _, ord, d) in &matches {
            let doc: TantivyDocument = stores[ord as usize].get(d)?;
            out.articles_read += 1;
            let a = self.stored(&doc).with_reading();
            let article = ArticleRef {
                id: a.id,
                title: a.title,
                source: a.source,
                published: a.published,
            };
            let events = a.reading.map(|r| r.events).unwrap_or_default();
            for event in events {
                let ty = event.event_type.as_str();
                if want.as_deref().is_some_and(|w| w != ty) {
                    continue;
                }
                out.total += 1;
                *types.entry(ty.to_string()).or_insert(0) += 1;
                // Articles come newest first and events in reading order: the first `limit`
                // are the ones listed.
                if out.events.len() < limit {
                    out.events.push(EventItem {
                        event,
                        article: article.clone(),
                    });
                }
            }
        }
        out.types = types.into_iter().collect();
        out.types
            .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        Ok(out)
    }

    /// The entities mentioned in every article matching `req` (its query, dates, filters and
    /// duplicate rule), of one type when `label` is given: the `limit` most frequent, articles per
    /// day, and for the first `trends` entities their articles per day.
    pub fn entity_counts(
        &self,
        req: &SearchRequest,
        label: Option<EntityLabel>,
        limit: usize,
        trends: usize,
    ) -> Result<EntityCounts> {
        let (query, _) = self.matching(req, Weights::default())?;
        let searcher = self.reader.searcher();
        let labels: Vec<EntityLabel> = match label {
            Some(l) => vec![l],
            None => vec![
                EntityLabel::Pers,
                EntityLabel::Loc,
                EntityLabel::Org,
                EntityLabel::Misc,
            ],
        };
        let tables = self.facet_tables(&searcher)?;
        let tally = tables.tally(&searcher, &*query)?;
        let (total, days) = (tally.total, tally.days);
        let mut entities: Vec<EntityCount> = Vec::new();
        for &l in &labels {
            for (name, count) in tables.entities.top(&tally.entities, l.as_str(), limit) {
                entities.push(EntityCount {
                    label: l,
                    name,
                    count,
                });
            }
        }
        entities.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then_with(|| (a.label.as_str(), &a.name).cmp(&(b.label.as_str(), &b.name)))
        });
        entities.truncate(limit);
        let mut trend_days = Vec::new();
        for e in entities.iter().take(trends) {
            let mut one = req.clone();
            one.filters.push(Filter::Entity(e.label, e.name.clone()));
            let (q, _) = self.matching(&one, Weights::default())?;
            trend_days.push(histogram(&searcher.search(&*q, &DateHist)?));
        }
        Ok(EntityCounts {
            total,
            entities,
            days: histogram(&days),
            trends: trend_days,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Extras, IngestOptions};
    use khabar_ingest::Article;

    const BODIES: [&str; 3] = [
        "تظاهر آلاف المحتجين في ألماتي ضد ارتفاع أسعار الوقود، واعتقلت الشرطة عشرات منهم.",
        "أرسلت روسيا قوات إلى كازاخستان بعد احتجاجات عنيفة، وقال بوتين إن المهمة مؤقتة.",
        "تظاهر مئات الطلاب في الخرطوم للمطالبة بحكم مدني، وفرقت الشرطة المتظاهرين.",
    ];

    /// Three dated articles, each with its reading stored; `commit_every: 1` puts them in
    /// several segments.
    fn index() -> (tempfile::TempDir, Index) {
        let articles = BODIES
            .iter()
            .enumerate()
            .map(|(i, b)| Article {
                id: format!("a{i}"),
                title: "احتجاجات".into(),
                body: b.to_string(),
                source: Some(if i == 2 { "SUNA" } else { "Kazinform" }.into()),
                published: Some(1_641_600_000 + 86_400 * i as i64),
                ..Article::default()
            })
            .collect();
        let extract = |a: &Article| {
            let mut x = Extras::from_reading(khabar_extract::read_article(None, &a.body, None));
            x.entities.push((
                "LOC".into(),
                if a.id == "a2" {
                    "الخرطوم"
                } else {
                    "كازاخستان"
                }
                .into(),
            ));
            x
        };
        crate::test_index(articles, &extract)
    }

    #[test]
    fn events_read_every_matching_article_newest_first() {
        let (_dir, index) = index();
        let all = index.events(&SearchRequest::new(""), None, 100).unwrap();
        assert_eq!(all.articles_read, 3);
        assert!(all.total >= 3, "{all:?}");
        let newest = &all.events[0].article;
        assert_eq!(newest.id, "a2");
        let one = index.events(&SearchRequest::new(""), None, 1).unwrap();
        assert_eq!((one.total, one.events.len()), (all.total, 1));
        assert_eq!(one.events[0], all.events[0]);
        let mut req = SearchRequest::new("");
        req.filters.push(Filter::Source("kazinform".into()));
        let kz = index.events(&req, Some("protest"), 100).unwrap();
        assert_eq!(kz.articles_read, 2);
        assert!(kz
            .events
            .iter()
            .all(|e| e.event.event_type == "PROTEST" && e.article.id != "a2"));
    }

    #[test]
    fn entity_counts_with_trends_and_typed_filters() {
        let (_dir, index) = index();
        let c = index
            .entity_counts(&SearchRequest::new(""), Some(EntityLabel::Loc), 10, 2)
            .unwrap();
        assert_eq!(c.total, 3);
        assert_eq!(
            (c.entities[0].name.as_str(), c.entities[0].count),
            ("كازاخستان", 2)
        );
        assert_eq!(c.trends.len(), 2.min(c.entities.len()));
        assert_eq!(c.trends[0].iter().map(|b| b.count).sum::<u64>(), 2);
        // A filter is a value, not query text: an unbalanced quote in the query cannot swallow it.
        let mut req = SearchRequest::new("\"الشرطة");
        req.filters.push(Filter::entity("loc:الخرطوم").unwrap());
        let r = index.search(&req).unwrap();
        assert_eq!(r.total, 1);
        assert_eq!(r.hits[0].id, "a2");
        assert_eq!(Filter::entity("XYZ:بوتين"), None);
        assert_eq!(Filter::entity("LOC: "), None);
    }

    /// The facet counts of a search are tantivy's own (`FacetCollector`), for every article and
    /// for a query, over several segments.
    #[test]
    fn facet_counts_agree_with_tantivys_collector() {
        use tantivy::collector::FacetCollector;
        use tantivy::schema::Facet;
        let (_dir, index) = index();
        for q in ["", "الشرطة", "روسيا OR الخرطوم", "-بوتين"] {
            let (query, _) = index
                .matching(&SearchRequest::new(q), Weights::default())
                .unwrap();
            let searcher = index.reader.searcher();
            let mut col = FacetCollector::for_field("entity_facet");
            col.add_facet(Facet::from_path(["LOC"]));
            let mut src = FacetCollector::for_field("source_facet");
            src.add_facet(Facet::root());
            let (want, want_src) = searcher.search(&*query, &(col, src)).unwrap();
            let mut req = SearchRequest::new(q);
            req.facets = true;
            let got = index.search(&req).unwrap().facets.unwrap();
            let name = |f: &Facet| f.to_path().last().unwrap().to_string();
            let want: Vec<(String, u64)> = want
                .top_k(Facet::from_path(["LOC"]), 20)
                .into_iter()
                .map(|(f, c)| (name(f), c))
                .collect();
            assert_eq!(
                got.entities.get("LOC").cloned().unwrap_or_default(),
                want,
                "{q}"
            );
            let want_src: Vec<(String, u64)> = want_src
                .top_k(Facet::root(), 50)
                .into_iter()
                .map(|(f, c)| (name(f), c))
                .collect();
            assert_eq!(got.sources, want_src, "{q}");
        }
    }

    /// Events read at most MAX_EVENT_ARTICLES articles, the newest: at the limit every match is
    /// read, one more and the oldest is left out (and counted as matched).
    #[test]
    fn events_read_the_newest_articles_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let mut ing = index
            .ingester(IngestOptions {
                threads: 1,
                memory_budget: 20 << 20,
                ..IngestOptions::default()
            })
            .unwrap();
        // One reading for all (read once: the test stays fast in debug builds).
        let reading = khabar_extract::read_article(None, BODIES[0], None);
        let per_article = reading.events.len();
        assert!(per_article > 0);
        let n = MAX_EVENT_ARTICLES + 1;
        let articles = (0..n)
            .map(|i| Article {
                id: format!("a{i}"),
                title: format!("احتجاجات {i}"),
                body: format!("{} ({i})", BODIES[0]),
                published: Some(1_641_600_000 + 3_600 * i as i64),
                ..Article::default()
            })
            .collect();
        let extract = move |_: &Article| Extras::from_reading(reading.clone());
        ing.add_batch(articles, Some(&extract)).unwrap();
        ing.finish().unwrap();
        index.reload().unwrap();

        // At the limit: all but the oldest match, all are read.
        // The bodies differ by a number only: near duplicates, shown here as articles of their own.
        let mut req = SearchRequest::new("");
        req.duplicates = true;
        let all = req.clone();
        req.from = Some("2022-01-08T01:00:00Z".into());
        let at = index.events(&req, None, 10).unwrap();
        assert_eq!(
            (at.articles_matched, at.articles_read),
            (MAX_EVENT_ARTICLES, MAX_EVENT_ARTICLES)
        );
        assert_eq!(at.total, MAX_EVENT_ARTICLES * per_article);
        // Past it: one more matches, the newest MAX_EVENT_ARTICLES are read.
        let past = index.events(&all, None, 1000).unwrap();
        assert_eq!(
            (past.articles_matched, past.articles_read),
            (n, MAX_EVENT_ARTICLES)
        );
        assert_eq!(past.events[0].article.id, format!("a{}", n - 1));
        assert!(past.events.iter().all(|e| e.article.id != "a0"));
    }
}
