//! The JSON API. Every handler is annotated for utoipa, so `/api/openapi.json` is generated from
//! this file; the index does the work (off the async threads, in `spawn_blocking`).

use std::collections::BTreeMap;

use axum::extract::{FromRequest, Path, Query, Request, State};
use axum::Json;
use khabar_index::{EventItem, Filter, SearchRequest, Sort, StoredArticle};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::error::{from_json_rejection, ErrorBody};
use crate::{AppState, Error, Heavy};

/// The largest `limit` of a search.
pub const MAX_LIMIT: usize = 100;
/// The largest `offset` of a search.
pub const MAX_OFFSET: usize = 10_000;
/// The entity types.
pub const ENTITY_TYPES: [&str; 4] = ["PERS", "LOC", "ORG", "MISC"];

#[derive(OpenApi)]
#[openapi(
    info(
        title = "khabar API",
        description = "Search Arabic news and read what they say: entities, numbers, dates, quotations and events.\n\n\
            Every error is JSON `{\"error\": \"...\"}`: 400 for a malformed query or body, 404 for an unknown id or path, \
            413 for a body over the limit (1 MiB by default, `khabar serve --max-body`), 503 when a request takes longer \
            than the timeout (10 s by default) or no index is open.",
        license(name = "MIT OR Apache-2.0")
    ),
    tags(
        (name = "search", description = "Full-text search with facets"),
        (name = "articles", description = "Articles and their reading"),
        (name = "analysis", description = "Reading of any text"),
        (name = "meta", description = "Health")
    ),
    components(schemas(ErrorBody))
)]
struct ApiDoc;

/// The API routes with their OpenAPI description.
pub fn routes() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(health))
        .routes(routes!(search))
        .routes(routes!(article))
        .routes(routes!(analyze))
        .routes(routes!(entities))
        .routes(routes!(events))
}

/// A JSON answer, serialized within [`crate::Config::max_response_bytes`].
pub struct JsonBytes(Vec<u8>);

impl axum::response::IntoResponse for JsonBytes {
    fn into_response(self) -> axum::response::Response {
        (
            [(
                axum::http::header::CONTENT_TYPE,
                axum::http::HeaderValue::from_static("application/json"),
            )],
            self.0,
        )
            .into_response()
    }
}

/// A writer that refuses to grow past its limit.
struct Capped {
    buf: Vec<u8>,
    limit: usize,
}

impl std::io::Write for Capped {
    fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
        if self.buf.len() + b.len() > self.limit {
            return Err(std::io::Error::other("over the response limit"));
        }
        self.buf.extend_from_slice(b);
        Ok(b.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// `v` as JSON, or [`Error::ResponseTooLarge`] as soon as it grows past `limit` bytes (the
/// serialization stops there: a huge answer is never held whole).
pub fn json_within<T: Serialize>(v: &T, limit: usize) -> Result<JsonBytes, Error> {
    let mut w = Capped {
        buf: Vec::new(),
        limit,
    };
    match serde_json::to_writer(&mut w, v) {
        Ok(()) => Ok(JsonBytes(w.buf)),
        Err(e) if e.is_io() => Err(Error::ResponseTooLarge { limit }),
        Err(e) => Err(Error::Internal(format!("cannot serialize the answer: {e}"))),
    }
}

/// Runs `f` on the blocking pool and serializes its answer there (off the async threads, so
/// the request timeout covers both), within the response limit. `turn`, a heavy route's permit,
/// is held until the work ends, even past the request's timeout.
async fn off_thread<T: Serialize + 'static>(
    state: &AppState,
    turn: Option<tokio::sync::OwnedSemaphorePermit>,
    f: impl FnOnce() -> Result<T, Error> + Send + 'static,
) -> Result<JsonBytes, Error> {
    let limit = state.config().max_response_bytes;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        json_within(&f()?, limit)
    })
    .await?
}

/// Runs index work with [`off_thread`].
async fn blocking<T: Serialize + 'static>(
    state: &AppState,
    turn: Option<tokio::sync::OwnedSemaphorePermit>,
    f: impl FnOnce(&khabar_index::Index) -> Result<T, Error> + Send + 'static,
) -> Result<JsonBytes, Error> {
    if state.index().is_none() {
        return Err(Error::NoIndex);
    }
    let st = state.clone();
    off_thread(state, turn, move || f(st.index().expect("checked above"))).await
}

/// A query string extractor whose rejection is our JSON 400.
pub struct Q<T>(pub T);

impl<T: serde::de::DeserializeOwned + Send, S: Send + Sync> axum::extract::FromRequestParts<S>
    for Q<T>
{
    type Rejection = Error;
    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Error> {
        Ok(Q(Query::<T>::from_request_parts(parts, state).await?.0))
    }
}

/// A JSON body extractor whose rejections are our JSON 400, 413 and 415.
pub struct Body<T>(pub T);

impl<T: serde::de::DeserializeOwned> FromRequest<AppState> for Body<T> {
    type Rejection = Error;
    async fn from_request(req: Request, state: &AppState) -> Result<Self, Error> {
        let limit = state.config().max_body_bytes;
        match Json::<T>::from_request(req, state).await {
            Ok(Json(v)) => Ok(Body(v)),
            Err(r) => Err(from_json_rejection(r, limit)),
        }
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

// ---------------------------------------------------------------------------------------------
// health

/// The server and its index.
#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Health {
    #[schema(example = "ok")]
    pub status: String,
    pub version: String,
    /// Absent when the server runs without an index.
    pub index: Option<IndexInfo>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct IndexInfo {
    pub articles: u64,
    pub duplicates: u64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    pub schema_version: u32,
}

/// Health and index statistics.
#[utoipa::path(get, path = "/api/health", tag = "meta", responses((status = 200, body = Health)))]
async fn health(State(state): State<AppState>) -> Result<JsonBytes, Error> {
    let health = |index| Health {
        status: "ok".into(),
        version: env!("CARGO_PKG_VERSION").into(),
        index,
    };
    match state.index() {
        None => json_within(&health(None), state.config().max_response_bytes),
        Some(_) => {
            blocking(&state, None, move |ix| {
                let s = ix.stats()?;
                Ok(health(Some(IndexInfo {
                    articles: s.articles,
                    duplicates: s.duplicates,
                    first_published: s.first_published,
                    last_published: s.last_published,
                    schema_version: s.schema_version,
                })))
            })
            .await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// search

/// Result order.
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Relevance (BM25).
    #[default]
    Score,
    /// Newest first.
    Date,
}

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// The query, in khabar's Lucene-like syntax (words, `"phrases"`, `+must`, `-not`, `OR`,
    /// `title:`, `source:`, `entity:PERS:بوتين`, `published:[2022-01-01 TO 2022-01-31]`).
    /// Empty: every article.
    #[param(example = "كازاخستان")]
    pub q: Option<String>,
    /// Hits per page (1–100, default 10).
    pub limit: Option<usize>,
    /// Hits to skip (at most 10000).
    pub offset: Option<usize>,
    /// Published on or after (`YYYY`, `YYYY-MM`, `YYYY-MM-DD` or RFC 3339).
    #[param(example = "2022-01-01")]
    pub from: Option<String>,
    /// Published on or before (a date-only value includes that whole day).
    pub to: Option<String>,
    /// Only this source (exact name, case-insensitive).
    pub source: Option<String>,
    /// Only articles mentioning this entity, as `TYPE:name` (`PERS:بوتين`).
    pub entity: Option<String>,
    /// `score` (default) or `date`.
    pub sort: Option<SortBy>,
    /// Show duplicates as hits of their own.
    pub duplicates: Option<bool>,
}

/// A piece of a snippet: text, and whether it matched the query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SnippetPart {
    pub text: String,
    /// A matching word.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hl: bool,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchHit {
    pub id: String,
    pub url: Option<String>,
    pub title: String,
    pub source: Option<String>,
    /// RFC 3339, UTC.
    pub published: Option<String>,
    pub score: f32,
    /// The snippet as HTML: the original text escaped, `<b>…</b>` around matches (as the CLI's
    /// `--json`).
    pub snippet: String,
    /// The same snippet as plain text parts (what the web interface shows).
    pub snippet_parts: Vec<SnippetPart>,
}

/// A name and how many matching articles have it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Count {
    pub name: String,
    pub count: u64,
}

/// A bucket of the date histogram.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DateCount {
    /// A day `YYYY-MM-DD`, or a month `YYYY-MM` when the matches span more than 62 days.
    pub date: String,
    pub count: u64,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchFacets {
    pub sources: Vec<Count>,
    /// Top entities per type (`PERS`, `LOC`, `ORG`, `MISC`).
    pub entities: BTreeMap<String, Vec<Count>>,
    /// Matching articles per day (or month).
    pub dates: Vec<DateCount>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct SearchResponse {
    /// The query as run (the `source` and `entity` filters apply beside it).
    pub query: String,
    pub total: usize,
    pub offset: usize,
    pub limit: usize,
    pub hits: Vec<SearchHit>,
    pub facets: SearchFacets,
}

/// Splits an index snippet (escaped HTML with `<b>` marks) into plain text parts.
pub fn snippet_parts(html: &str) -> Vec<SnippetPart> {
    let mut out: Vec<SnippetPart> = Vec::new();
    let mut hl = false;
    let mut rest = html;
    while !rest.is_empty() {
        let (tag_at, tag_len, next_hl) = match (rest.find("<b>"), rest.find("</b>")) {
            (Some(a), Some(b)) if a < b => (a, 3, true),
            (Some(a), None) => (a, 3, true),
            (_, Some(b)) => (b, 4, false),
            (None, None) => (rest.len(), 0, hl),
        };
        let text = unescape(&rest[..tag_at]);
        if !text.is_empty() {
            match out.last_mut() {
                Some(p) if p.hl == hl => p.text.push_str(&text),
                _ => out.push(SnippetPart { text, hl }),
            }
        }
        hl = next_hl;
        rest = &rest[tag_at + tag_len..];
    }
    out
}

fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The typed filters of the `source` and `entity` parameters (`entity` as `TYPE:name`).
fn filters(source: Option<String>, entity: Option<String>) -> Result<Vec<Filter>, Error> {
    let mut out = Vec::new();
    if let Some(s) = non_empty(source) {
        out.push(Filter::Source(s));
    }
    if let Some(e) = non_empty(entity) {
        out.push(Filter::entity(&e).ok_or_else(|| {
            Error::BadRequest(format!(
                "entity must be TYPE:name with TYPE one of PERS, LOC, ORG, MISC (got {e:?})"
            ))
        })?);
    }
    Ok(out)
}

fn facets_of(f: Option<khabar_index::Facets>) -> SearchFacets {
    let f = f.unwrap_or_default();
    let counts = |v: Vec<(String, u64)>| {
        v.into_iter()
            .map(|(name, count)| Count { name, count })
            .collect::<Vec<_>>()
    };
    SearchFacets {
        sources: counts(f.sources),
        entities: f
            .entities
            .into_iter()
            .map(|(k, v)| (k, counts(v)))
            .collect(),
        dates: f
            .dates
            .into_iter()
            .map(|b| DateCount {
                date: b.date,
                count: b.count,
            })
            .collect(),
    }
}

/// Search articles: hits with highlighted snippets, and facets over every match (sources,
/// top entities per type, articles per day).
#[utoipa::path(
    get, path = "/api/search", tag = "search", params(SearchParams),
    responses(
        (status = 200, body = SearchResponse),
        (status = 400, description = "A malformed parameter or an unreadable date", body = ErrorBody),
    )
)]
async fn search(State(state): State<AppState>, Q(p): Q<SearchParams>) -> Result<JsonBytes, Error> {
    let limit = p.limit.unwrap_or(10);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::BadRequest(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let offset = p.offset.unwrap_or(0);
    if offset > MAX_OFFSET {
        return Err(Error::BadRequest(format!(
            "offset must be at most {MAX_OFFSET}"
        )));
    }
    let filters = filters(p.source, p.entity)?;
    let query = non_empty(p.q).unwrap_or_default();
    let req = SearchRequest {
        query: query.clone(),
        filters,
        limit,
        offset,
        sort: match p.sort.unwrap_or_default() {
            SortBy::Score => Sort::Score,
            SortBy::Date => Sort::Date,
        },
        from: non_empty(p.from),
        to: non_empty(p.to),
        duplicates: p.duplicates.unwrap_or(false),
        facets: true,
        ..SearchRequest::default()
    };
    blocking(&state, None, move |ix| {
        let res = ix.search(&req)?;
        Ok(SearchResponse {
            query,
            total: res.total,
            offset,
            limit,
            hits: res
                .hits
                .into_iter()
                .map(|h| SearchHit {
                    snippet_parts: snippet_parts(&h.snippet),
                    id: h.id,
                    url: h.url,
                    title: h.title,
                    source: h.source,
                    published: h.published,
                    score: h.score,
                    snippet: h.snippet,
                })
                .collect(),
            facets: facets_of(res.facets),
        })
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// articles

/// One article: text, metadata and the full reading.
#[utoipa::path(
    get, path = "/api/articles/{id}", tag = "articles",
    params(("id" = String, Path, description = "The article id (percent-encoded)")),
    responses(
        (status = 200, description = "The stored article with its reading (always present: read again when none is stored or it is of another format version)", body = StoredArticle),
        (status = 404, description = "No article has this id", body = ErrorBody),
    )
)]
async fn article(
    State(state): State<AppState>,
    path: Result<Path<String>, axum::extract::rejection::PathRejection>,
) -> Result<JsonBytes, Error> {
    let Path(id) = path?;
    blocking(&state, None, move |ix| match ix.get(&id)? {
        Some(a) => Ok(a.with_reading()),
        None => Err(Error::NotFound(format!("no article with id {id:?}"))),
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// analyze

#[derive(Debug, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnalyzeRequest {
    /// The article body; every span of the reading points into it.
    #[schema(example = "وقال بوتين الاثنين إن 2500 جندي انتشروا في كازاخستان.")]
    pub text: String,
    pub title: Option<String>,
    /// The publication date `YYYY-MM-DD` (resolves weekdays and relative dates).
    #[schema(example = "2022-01-10")]
    pub date: Option<String>,
}

/// The reading of a text: the same JSON as `khabar analyze --json`.
#[utoipa::path(
    post, path = "/api/analyze", tag = "analysis", request_body = AnalyzeRequest,
    responses(
        (status = 200, description = "The reading: entities, numbers, dates, quotes, events, keywords, summary", body = Object),
        (status = 400, description = "Malformed JSON or date", body = ErrorBody),
        (status = 413, description = "Body over the limit", body = ErrorBody),
        (status = 415, description = "Not `application/json`", body = ErrorBody),
    )
)]
async fn analyze(
    State(state): State<AppState>,
    Body(req): Body<AnalyzeRequest>,
) -> Result<JsonBytes, Error> {
    let date = match non_empty(req.date) {
        None => None,
        Some(d) => Some(
            khabar_extract::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                .map_err(|e| Error::BadRequest(format!("date must be YYYY-MM-DD ({d:?}: {e})")))?,
        ),
    };
    let turn = state.turn(Heavy::Analyze).await?;
    off_thread(&state, Some(turn), move || {
        Ok(khabar_extract::read_article(
            req.title.as_deref().filter(|t| !t.trim().is_empty()),
            &req.text,
            date,
        ))
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// entities

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EntitiesParams {
    /// Only articles matching this query (same syntax as search); empty: all.
    pub q: Option<String>,
    /// `PERS`, `LOC`, `ORG` or `MISC`; empty: all types.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub entity_type: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// How many entities (1–100, default 20).
    pub limit: Option<usize>,
    /// For how many of the top entities to count articles per day (0–10, default 5).
    pub trends: Option<usize>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EntityCount {
    #[serde(rename = "type")]
    pub entity_type: String,
    pub name: String,
    /// Matching articles that mention it.
    pub count: u64,
    /// `TYPE:name`, the value of the search's `entity` parameter.
    pub key: String,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct Trend {
    pub key: String,
    pub days: Vec<DateCount>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EntitiesResponse {
    /// Matching articles.
    pub total: usize,
    pub entities: Vec<EntityCount>,
    /// Matching articles per day (or month).
    pub days: Vec<DateCount>,
    /// Articles per day (or month) mentioning each of the top entities.
    pub trends: Vec<Trend>,
}

fn entity_type(t: Option<String>) -> Result<Option<khabar_extract::EntityLabel>, Error> {
    match non_empty(t).map(|t| t.to_ascii_uppercase()) {
        None => Ok(None),
        Some(t) => match khabar_extract::EntityLabel::parse(&t) {
            Some(l) if ENTITY_TYPES.contains(&t.as_str()) => Ok(Some(l)),
            _ => Err(Error::BadRequest(format!(
                "type must be one of PERS, LOC, ORG, MISC (got {t:?})"
            ))),
        },
    }
}

fn date_counts(buckets: Vec<khabar_index::DateBucket>) -> Vec<DateCount> {
    buckets
        .into_iter()
        .map(|b| DateCount {
            date: b.date,
            count: b.count,
        })
        .collect()
}

/// Top entities with counts over the matching articles, and articles per day for a trend line.
#[utoipa::path(
    get, path = "/api/entities", tag = "search", params(EntitiesParams),
    responses((status = 200, body = EntitiesResponse), (status = 400, body = ErrorBody))
)]
async fn entities(
    State(state): State<AppState>,
    Q(p): Q<EntitiesParams>,
) -> Result<JsonBytes, Error> {
    let ty = entity_type(p.entity_type)?;
    let limit = p.limit.unwrap_or(20);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(Error::BadRequest(format!(
            "limit must be between 1 and {MAX_LIMIT}"
        )));
    }
    let n_trends = p.trends.unwrap_or(5);
    if n_trends > 10 {
        return Err(Error::BadRequest("trends must be at most 10".into()));
    }
    let req = SearchRequest {
        query: non_empty(p.q).unwrap_or_default(),
        from: non_empty(p.from),
        to: non_empty(p.to),
        ..SearchRequest::default()
    };
    let turn = state.turn(Heavy::Entities).await?;
    blocking(&state, Some(turn), move |ix| {
        let found = ix.entity_counts(&req, ty, limit, n_trends)?;
        let entities: Vec<EntityCount> = found
            .entities
            .into_iter()
            .map(|e| EntityCount {
                key: format!("{}:{}", e.label, e.name),
                entity_type: e.label.to_string(),
                name: e.name,
                count: e.count,
            })
            .collect();
        let trends = entities
            .iter()
            .zip(found.trends)
            .map(|(e, days)| Trend {
                key: e.key.clone(),
                days: date_counts(days),
            })
            .collect();
        Ok(EntitiesResponse {
            total: found.total,
            entities,
            days: date_counts(found.days),
            trends,
        })
    })
    .await
}

// ---------------------------------------------------------------------------------------------
// events

#[derive(Debug, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct EventsParams {
    /// A PLOVER event type (`PROTEST`, `ASSAULT`, `DEPLOY`, …), case-insensitive; empty: all.
    #[serde(rename = "type")]
    #[param(rename = "type")]
    pub event_type: Option<String>,
    /// Only articles matching this query (same syntax as search); empty: all.
    pub q: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// How many events to return (1–1000, default 100).
    pub limit: Option<usize>,
}

#[derive(Debug, Serialize, Deserialize, ToSchema)]
pub struct EventsResponse {
    /// Events found (before `limit`).
    pub total: usize,
    /// Articles that match.
    pub articles_matched: usize,
    /// Articles read: the newest matching ones, at most 200 (`MAX_EVENT_ARTICLES`); `total`
    /// and `types` count their events.
    pub articles_read: usize,
    /// Events per type.
    pub types: Vec<Count>,
    /// Newest articles first.
    pub events: Vec<EventItem>,
}

/// Events read in the matching articles, each with its article.
#[utoipa::path(
    get, path = "/api/events", tag = "search", params(EventsParams),
    responses((status = 200, body = EventsResponse), (status = 400, body = ErrorBody))
)]
async fn events(State(state): State<AppState>, Q(p): Q<EventsParams>) -> Result<JsonBytes, Error> {
    let limit = p.limit.unwrap_or(100);
    if limit == 0 || limit > 1000 {
        return Err(Error::BadRequest("limit must be between 1 and 1000".into()));
    }
    let want = non_empty(p.event_type);
    let req = SearchRequest {
        query: non_empty(p.q).unwrap_or_default(),
        from: non_empty(p.from),
        to: non_empty(p.to),
        ..SearchRequest::default()
    };
    let turn = state.turn(Heavy::Events).await?;
    blocking(&state, Some(turn), move |ix| {
        let found = ix.events(&req, want.as_deref(), limit)?;
        Ok(EventsResponse {
            total: found.total,
            articles_matched: found.articles_matched,
            articles_read: found.articles_read,
            types: found
                .types
                .into_iter()
                .map(|(name, count)| Count { name, count })
                .collect(),
            events: found.events,
        })
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippet_parts_unescape_and_mark() {
        let parts = snippet_parts("قال <b>بوتين</b> إن &lt;script&gt; &amp; <b>القوات</b>");
        let want = [
            ("قال ", false),
            ("بوتين", true),
            (" إن <script> & ", false),
            ("القوات", true),
        ];
        assert_eq!(parts.len(), want.len());
        for (p, (t, h)) in parts.iter().zip(want) {
            assert_eq!((p.text.as_str(), p.hl), (t, h));
        }
        assert!(snippet_parts("").is_empty());
        assert_eq!(snippet_parts("بلا تمييز")[0].text, "بلا تمييز");
    }

    #[test]
    fn entity_filters_are_checked() {
        let f = filters(Some(" العرب ".into()), Some("pers:بوتين".into())).unwrap();
        assert_eq!(
            f,
            [
                Filter::Source("العرب".into()),
                Filter::Entity(khabar_extract::EntityLabel::Pers, "بوتين".into())
            ]
        );
        assert!(filters(None, Some("بوتين".into())).is_err());
        assert!(filters(None, Some("XYZ:بوتين".into())).is_err());
        assert!(filters(None, Some("LOC: ".into())).is_err());
        assert_eq!(filters(Some(" ".into()), None).unwrap(), []);
    }
}
