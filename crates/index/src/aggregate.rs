//! Counting over every matching article: the events read in them and the entities they mention.
//! Both stream through the matches (doc-store reads and facet counts), so memory stays bounded
//! however many articles match.

use std::collections::BTreeMap;

use khabar_extract::events::Event;
use khabar_extract::EntityLabel;
use tantivy::collector::{Count, FacetCollector};
use tantivy::query::EnableScoring;
use tantivy::schema::Facet;
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
    /// Events of the asked type in all matching articles.
    pub total: usize,
    /// Matching articles (all of them are read).
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

/// Order of kept events: newest article first, undated last, then index order and reading order.
type EventKey = (bool, std::cmp::Reverse<i64>, u32, DocId, usize);

impl Index {
    /// The events read in every article matching `req` (its query, dates, filters and duplicate
    /// rule; its limit, sort and snippets do not apply), of one PLOVER type when `event_type` is
    /// given (case-insensitive), with the first `limit` of them. Stored readings of this build's
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
        let mut types: BTreeMap<String, u64> = BTreeMap::new();
        let mut kept: Vec<(EventKey, EventItem)> = Vec::new();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let store = seg
                .get_store_reader(16)
                .map_err(|e| Error::Tantivy(e.into()))?;
            let alive = seg.alive_bitset();
            let mut failed: Option<tantivy::TantivyError> = None;
            weight.for_each_no_score(seg, &mut |docs: &[DocId]| {
                for &d in docs {
                    if failed.is_some() || alive.is_some_and(|a| !a.is_alive(d)) {
                        continue;
                    }
                    let doc: TantivyDocument = match store.get(d) {
                        Ok(doc) => doc,
                        Err(e) => {
                            failed = Some(e);
                            continue;
                        }
                    };
                    out.articles_read += 1;
                    let published = doc
                        .get_first(self.fields.published)
                        .and_then(|v| tantivy::schema::Value::as_i64(&v));
                    let a = self.stored(&doc).with_reading();
                    let article = ArticleRef {
                        id: a.id,
                        title: a.title,
                        source: a.source,
                        published: a.published,
                    };
                    let events = a.reading.map(|r| r.events).unwrap_or_default();
                    for (i, event) in events.into_iter().enumerate() {
                        let ty = event.event_type.as_str();
                        if want.as_deref().is_some_and(|w| w != ty) {
                            continue;
                        }
                        out.total += 1;
                        *types.entry(ty.to_string()).or_insert(0) += 1;
                        let key = (
                            published.is_none(),
                            std::cmp::Reverse(published.unwrap_or(0)),
                            ord as u32,
                            d,
                            i,
                        );
                        kept.push((
                            key,
                            EventItem {
                                event,
                                article: article.clone(),
                            },
                        ));
                    }
                    // Bounded: at most twice `limit` events are held at any time.
                    if kept.len() > 2 * limit.max(1) {
                        kept.sort_by_key(|e| e.0);
                        kept.truncate(limit);
                    }
                }
            })?;
            if let Some(e) = failed {
                return Err(e.into());
            }
        }
        kept.sort_by_key(|e| e.0);
        kept.truncate(limit);
        out.events = kept.into_iter().map(|(_, e)| e).collect();
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
        let mut facets = FacetCollector::for_field("entity_facet");
        for l in &labels {
            facets.add_facet(Facet::from_path([l.as_str()]));
        }
        let (total, counts, days) = searcher.search(&*query, &(Count, facets, DateHist))?;
        let mut entities: Vec<EntityCount> = Vec::new();
        for &l in &labels {
            for (f, count) in counts.top_k(Facet::from_path([l.as_str()]), limit) {
                let name = f
                    .to_path()
                    .last()
                    .map(|s| s.to_string())
                    .unwrap_or_default();
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
        let dir = tempfile::tempdir().unwrap();
        let index = Index::create(dir.path()).unwrap();
        let mut ing = index
            .ingester(IngestOptions {
                commit_every: 1,
                threads: 1,
                memory_budget: 20 << 20,
                ..IngestOptions::default()
            })
            .unwrap();
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
        ing.add_batch(articles, Some(&extract)).unwrap();
        ing.finish().unwrap();
        (dir, index)
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
}
