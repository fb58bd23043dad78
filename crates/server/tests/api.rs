//! The API, called in-process over a small index built from real-looking Arabic news: the seed
//! article and `tests/fixtures/news.jsonl` (one of them carries `<script>` and `onerror=`).

mod common;

use std::collections::BTreeSet;
use std::sync::OnceLock;
use std::time::Duration;

use axum::body::Body;
use axum::http::{header, HeaderMap, Method, Request, StatusCode};
use axum::Router;
use common::build_index;
use khabar_server::{router, AppState, Config};
use serde_json::Value;
use tower::ServiceExt;

struct Fixture {
    _dir: tempfile::TempDir,
    state: AppState,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("index");
        let index = build_index(&dir);
        Fixture {
            _dir: tmp,
            state: AppState::new(Some(index), Config::default()),
        }
    })
}

fn app() -> Router {
    router(fixture().state.clone())
}

fn enc(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

struct Resp {
    status: StatusCode,
    headers: HeaderMap,
    body: Vec<u8>,
}

impl Resp {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    fn content_type(&self) -> &str {
        self.headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
    }
    /// An error response: the given status and a JSON `{"error": "..."}`.
    fn assert_error(&self, status: StatusCode) -> String {
        assert_eq!(self.status, status, "{}", self.text());
        assert!(
            self.content_type().starts_with("application/json"),
            "{}",
            self.content_type()
        );
        let v = self.json();
        let msg = v["error"]
            .as_str()
            .unwrap_or_else(|| panic!("no error field: {v}"))
            .to_string();
        assert!(!msg.is_empty());
        msg
    }
}

async fn send(app: Router, req: Request<Body>) -> Resp {
    let resp = app.oneshot(req).await.unwrap();
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = axum::body::to_bytes(resp.into_body(), 64 << 20)
        .await
        .unwrap()
        .to_vec();
    Resp {
        status,
        headers,
        body,
    }
}

async fn get(uri: &str) -> Resp {
    send(app(), Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post_json(app: Router, uri: &str, body: impl Into<Body>) -> Resp {
    send(
        app,
        Request::post(uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(body.into())
            .unwrap(),
    )
    .await
}

fn ids(v: &Value) -> Vec<String> {
    v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn health_reports_the_index() {
    let r = get("/api/health").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["status"], "ok");
    assert_eq!(v["index"]["articles"], 6);
    assert_eq!(v["index"]["first_published"], "2022-01-05T18:00:00Z");
}

#[tokio::test]
async fn search_finds_articles_with_snippets_and_facets() {
    let r = get(&format!("/api/search?q={}", enc("كازاخستان"))).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    let found = ids(&v);
    // The seed article, the withdrawal and the Almaty protests mention Kazakhstan; Lebanon does not.
    assert_eq!(v["total"], 3, "{found:?}");
    assert!(found.contains(&"csto-withdraw-2022-01-13".to_string()));
    assert!(found.contains(&"almaty-protests-2022-01-05".to_string()));
    assert!(!found.contains(&"lebanon-lira-2022-01-11".to_string()));
    // Highlighted parts are the matching words, as plain text.
    let hit = &v["hits"][0];
    let marked: Vec<&str> = hit["snippet_parts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["hl"] == true)
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(
        !marked.is_empty() && marked.iter().all(|m| m.contains("كازاخستان")),
        "{marked:?}"
    );
    // Facets over all three matches.
    let sources: Vec<&str> = v["facets"]["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(
        sources.contains(&"العرب") && sources.contains(&"سكاي نيوز عربية"),
        "{sources:?}"
    );
    let days: Vec<&str> = v["facets"]["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert!(
        days.contains(&"2022-01-05") && days.contains(&"2022-01-13"),
        "{days:?}"
    );
    let locs = v["facets"]["entities"]["LOC"].as_array().unwrap();
    let kz = locs
        .iter()
        .find(|e| e["name"] == "كازاخستان")
        .expect("كازاخستان in the LOC facet");
    assert_eq!(kz["count"], 3);
}

#[tokio::test]
async fn search_filters_by_source_entity_and_dates() {
    let v = get(&format!(
        "/api/search?q={}&source={}",
        enc("احتجاجات"),
        enc("العرب")
    ))
    .await
    .json();
    let found = ids(&v);
    assert_eq!(found.len(), 2, "{v}");
    assert!(v["hits"]
        .as_array()
        .unwrap()
        .iter()
        .all(|h| h["source"] == "العرب"));

    // The seed article and two fixtures name Tokayev in full; the seed also says توكاييف alone.
    let v = get(&format!(
        "/api/search?entity={}&from=2022-01-01",
        enc("PERS:قاسم جومارت توكاييف")
    ))
    .await
    .json();
    let mut found = ids(&v);
    found.sort();
    assert_eq!(
        found,
        ["almaty-protests-2022-01-05", "csto-withdraw-2022-01-13"],
        "{v}"
    );
    let v = get(&format!("/api/search?entity={}", enc("pers:توكاييف")))
        .await
        .json();
    assert_eq!(v["total"], 1, "{v}");
    assert_eq!(
        v["hits"][0]["title"],
        "الاتحاد السوفييتي حي يرزق على يد روسيا بوتين"
    );

    // Deep-link form: empty parameters are ignored; dates include the whole `to` day.
    let v = get("/api/search?q=&from=2022-01-11&to=2022-01-12&source=")
        .await
        .json();
    let mut found = ids(&v);
    found.sort();
    assert_eq!(
        found,
        ["lebanon-lira-2022-01-11", "site-hack-2022-01-12"],
        "{v}"
    );

    let v = get("/api/search?sort=date&limit=2").await.json();
    assert_eq!(
        ids(&v),
        ["csto-withdraw-2022-01-13", "site-hack-2022-01-12"]
    );
    assert_eq!(v["total"], 6);
    let v = get("/api/search?sort=date&limit=2&offset=2").await.json();
    assert_eq!(
        ids(&v),
        ["lebanon-lira-2022-01-11", "sudan-protest-2022-01-06"]
    );
    // Sorted by date, a query's hits still carry their relevance.
    let v = get("/api/search?q=كازاخستان&sort=date").await.json();
    let hits = v["hits"].as_array().unwrap();
    assert!(hits.len() >= 2, "{v}");
    let dates: Vec<&str> = hits
        .iter()
        .map(|h| h["published"].as_str().unwrap_or(""))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert!(
        hits.iter().all(|h| h["score"].as_f64().unwrap() > 0.0),
        "{v}"
    );
}

#[tokio::test]
async fn malformed_queries_are_400_never_500() {
    for uri in [
        "/api/search?limit=abc",
        "/api/search?limit=0",
        "/api/search?limit=101",
        "/api/search?offset=-1",
        "/api/search?offset=99999999",
        "/api/search?sort=popular",
        "/api/search?from=2022-13-45",
        "/api/search?to=yesterday",
        "/api/search?entity=nobody",
        "/api/search?entity=XYZ:a",
        "/api/search?duplicates=maybe",
        "/api/entities?type=ANIMAL",
        "/api/entities?limit=1000",
        "/api/events?limit=0",
        "/api/events?from=2022-02-30",
    ] {
        let r = get(uri).await;
        let msg = r.assert_error(StatusCode::BAD_REQUEST);
        assert!(!msg.contains("internal"), "{uri}: {msg}");
    }
    // Hostile queries the index's parser cannot take (an endless loop, a stack overflow) are
    // refused or defused before they reach it.
    let deep = "(".repeat(1000);
    let msg = get(&format!("/api/search?q={}", enc(&deep)))
        .await
        .assert_error(StatusCode::BAD_REQUEST);
    assert!(msg.contains("too deeply"), "{msg}");
    let r = get(&format!("/api/entities?q={}", enc(&deep))).await;
    r.assert_error(StatusCode::BAD_REQUEST);
    for q in ["»", ":»", "بوتين »", "«قوات» »"] {
        let r = get(&format!("/api/search?q={}", enc(q))).await;
        assert_eq!(r.status, StatusCode::OK, "{q}: {}", r.text());
    }
    // Odd but readable queries are answered.
    for q in [
        "\"قوات حفظ",
        "((بوتين",
        "-",
        "+",
        "title:",
        "AND OR NOT",
        "<script>alert(1)</script>",
        "entity:PERS:",
        "published:[x",
    ] {
        let r = get(&format!("/api/search?q={}", enc(q))).await;
        assert!(
            r.status == StatusCode::OK || r.status == StatusCode::BAD_REQUEST,
            "{q}: {} {}",
            r.status,
            r.text()
        );
        if r.status == StatusCode::BAD_REQUEST {
            r.assert_error(StatusCode::BAD_REQUEST);
        }
    }
}

#[tokio::test]
async fn injected_markup_stays_text() {
    let v = get(&format!("/api/search?q={}", enc("اختراق")))
        .await
        .json();
    let hit = &v["hits"][0];
    assert_eq!(hit["id"], "site-hack-2022-01-12");
    // The title is returned as written (JSON carries text, the page puts it in a text node) …
    assert!(hit["title"]
        .as_str()
        .unwrap()
        .contains("<script>alert(1)</script>"));
    // … and the HTML form of the snippet is escaped: no tag but the <b> marks.
    let snippet = hit["snippet"].as_str().unwrap();
    assert!(
        snippet.contains("&lt;script&gt;") && !snippet.contains("<script"),
        "{snippet}"
    );
    assert!(
        snippet.contains("&lt;img") && !snippet.contains("<img"),
        "{snippet}"
    );
    let parts: String = hit["snippet_parts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["text"].as_str().unwrap())
        .collect();
    assert!(
        parts.contains("<script>alert(1)</script>")
            && parts.contains("<img src=x onerror=alert(1)>"),
        "{parts}"
    );

    let a = get("/api/articles/site-hack-2022-01-12").await;
    assert_eq!(a.status, StatusCode::OK);
    assert!(a.content_type().starts_with("application/json"));
    let v = a.json();
    assert!(v["body"]
        .as_str()
        .unwrap()
        .contains("<img src=x onerror=alert(1)>"));
    assert_eq!(
        v["url"], "javascript:alert(1)",
        "stored as given; the page only links http(s)"
    );
}

#[tokio::test]
async fn article_has_text_metadata_and_reading() {
    let r = get("/api/articles/csto-withdraw-2022-01-13").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    assert_eq!(
        v["title"],
        "قوات معاهدة الأمن الجماعي تبدأ الانسحاب من كازاخستان"
    );
    assert_eq!(v["source"], "سكاي نيوز عربية");
    assert_eq!(v["published"], "2022-01-13T09:30:00Z");
    let body = v["body"].as_str().unwrap();
    let reading = &v["reading"];
    // Every span points into the body.
    for e in reading["entities"].as_array().unwrap() {
        let (s, t) = (
            e["start"].as_u64().unwrap() as usize,
            e["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&body[s..t], e["text"].as_str().unwrap());
    }
    let ents: Vec<&str> = reading["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["text"].as_str().unwrap())
        .collect();
    assert!(ents.contains(&"قاسم جومارت توكاييف"), "{ents:?}");
    let numbers: Vec<f64> = reading["numbers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["value"].as_f64().unwrap())
        .collect();
    assert!(
        numbers.contains(&225.0) && numbers.contains(&10.0),
        "{numbers:?}"
    );
    assert!(!reading["quotes"].as_array().unwrap().is_empty());
    assert!(
        v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e == "PERS:قاسم جومارت توكاييف"),
        "{}",
        v["entities"]
    );

    // The seed article (id: a content hash) with its reading.
    let seed = get(&format!(
        "/api/search?q={}",
        enc("الاتحاد السوفييتي حي يرزق")
    ))
    .await
    .json();
    let id = seed["hits"][0]["id"].as_str().unwrap().to_string();
    let v = get(&format!("/api/articles/{}", enc(&id))).await.json();
    assert!(v["title"].as_str().unwrap().starts_with("الاتحاد السوفييتي"));
    assert!(!v["reading"]["events"].as_array().unwrap().is_empty());
}

#[tokio::test]
async fn unknown_ids_and_paths_are_404() {
    let msg = get("/api/articles/no-such-article")
        .await
        .assert_error(StatusCode::NOT_FOUND);
    assert!(msg.contains("no-such-article"));
    get(&format!(
        "/api/articles/{}",
        enc("https://example.com/a/b?c=d")
    ))
    .await
    .assert_error(StatusCode::NOT_FOUND);
    get("/api/nothing-here")
        .await
        .assert_error(StatusCode::NOT_FOUND);
    get("/api").await.assert_error(StatusCode::NOT_FOUND);
    let r = get("/no/such/page").await;
    assert_eq!(r.status, StatusCode::NOT_FOUND);
    assert!(r.content_type().starts_with("text/html"));
    let r = send(
        app(),
        Request::builder()
            .method(Method::DELETE)
            .uri("/api/search")
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    r.assert_error(StatusCode::METHOD_NOT_ALLOWED);
}

#[tokio::test]
async fn analyze_reads_a_text() {
    let body = serde_json::json!({
        "text": "وقال بوتين الاثنين إن 2500 جندي انتشروا في كازاخستان.",
        "title": "بوتين: القوات ستنسحب",
        "date": "2022-01-10"
    });
    let r = post_json(app(), "/api/analyze", body.to_string()).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    assert_eq!(v["numbers"][0]["value"], 2500.0);
    assert_eq!(v["quotes"][0]["speaker"]["text"], "بوتين");
    // The weekday is resolved against the publication date (Monday 2022-01-10).
    let dates: Vec<&str> = v["dates"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["value"].as_str())
        .collect();
    assert!(dates.contains(&"2022-01-10"), "{dates:?}");
}

#[tokio::test]
async fn analyze_rejects_bad_bodies() {
    post_json(app(), "/api/analyze", "{\"text\": ")
        .await
        .assert_error(StatusCode::BAD_REQUEST);
    post_json(app(), "/api/analyze", "{}")
        .await
        .assert_error(StatusCode::BAD_REQUEST);
    post_json(app(), "/api/analyze", "{\"text\": 5}")
        .await
        .assert_error(StatusCode::BAD_REQUEST);
    post_json(app(), "/api/analyze", "{\"text\": \"نص\", \"extra\": 1}")
        .await
        .assert_error(StatusCode::BAD_REQUEST);
    let msg = post_json(
        app(),
        "/api/analyze",
        "{\"text\": \"نص\", \"date\": \"10/01/2022\"}",
    )
    .await
    .assert_error(StatusCode::BAD_REQUEST);
    assert!(msg.contains("YYYY-MM-DD"));
    let r = send(
        app(),
        Request::post("/api/analyze")
            .header(header::CONTENT_TYPE, "text/plain")
            .body(Body::from("نص"))
            .unwrap(),
    )
    .await;
    r.assert_error(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    // Over the body limit: 413, with the limit in the message.
    let small = router(AppState::new(
        None,
        Config {
            max_body_bytes: 1024,
            ..Config::default()
        },
    ));
    let big = serde_json::json!({ "text": "كازاخستان ".repeat(200) }).to_string();
    let msg = post_json(small, "/api/analyze", big)
        .await
        .assert_error(StatusCode::PAYLOAD_TOO_LARGE);
    assert!(msg.contains("1024"), "{msg}");
}

#[tokio::test]
async fn entities_with_counts_and_trends() {
    let r = get("/api/entities?type=PERS").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    let ents = v["entities"].as_array().unwrap();
    assert!(ents.iter().all(|e| e["type"] == "PERS"));
    let t = ents
        .iter()
        .find(|e| e["name"] == "قاسم جومارت توكاييف")
        .expect("Tokayev");
    assert_eq!(t["count"], 3, "the seed article and two fixtures");
    assert_eq!(t["key"], "PERS:قاسم جومارت توكاييف");
    let trend = v["trends"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == "PERS:قاسم جومارت توكاييف")
        .expect("a trend");
    let days: Vec<&str> = trend["days"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["date"].as_str().unwrap())
        .collect();
    assert_eq!(
        days,
        ["2022-01-05", "2022-01-13"],
        "the seed article has no date"
    );
    // Restricted by a query and dates.
    let v = get(&format!(
        "/api/entities?q={}&to=2022-01-08",
        enc("احتجاجات")
    ))
    .await
    .json();
    let names: Vec<&str> = v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"ألماتي") && names.contains(&"الخرطوم") && !names.contains(&"مصرف لبنان"),
        "{names:?}"
    );
}

#[tokio::test]
async fn events_with_their_articles() {
    let r = get("/api/events?type=protest").await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.text());
    let v = r.json();
    let events = v["events"].as_array().unwrap();
    assert!(!events.is_empty(), "{v}");
    assert!(events.iter().all(|e| e["event"]["type"] == "PROTEST"));
    let articles: BTreeSet<&str> = events
        .iter()
        .map(|e| e["article"]["id"].as_str().unwrap())
        .collect();
    assert!(
        articles.contains("almaty-protests-2022-01-05")
            || articles.contains("sudan-protest-2022-01-06"),
        "{articles:?}"
    );
    assert_eq!(v["types"][0]["name"], "PROTEST");
    // Dates restrict the articles read.
    let v = get("/api/events?from=2022-01-11&to=2022-01-11")
        .await
        .json();
    assert_eq!(v["articles_read"], 1);
    assert!(v["events"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["article"]["id"] == "lebanon-lira-2022-01-11"));
}

#[tokio::test]
async fn openapi_describes_every_endpoint() {
    let r = get("/api/openapi.json").await;
    assert_eq!(r.status, StatusCode::OK);
    let v = r.json();
    assert_eq!(v["openapi"], "3.1.0");
    for p in [
        "/api/health",
        "/api/search",
        "/api/articles/{id}",
        "/api/analyze",
        "/api/entities",
        "/api/events",
    ] {
        assert!(v["paths"].get(p).is_some(), "{p} missing");
    }
    assert!(v["paths"]["/api/analyze"]["post"]["responses"]
        .get("413")
        .is_some());
    let params: Vec<&str> = v["paths"]["/api/search"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    for p in [
        "q", "limit", "offset", "from", "to", "source", "entity", "sort",
    ] {
        assert!(params.contains(&p), "{p} not in {params:?}");
    }
    assert!(v["components"]["schemas"].get("SearchResponse").is_some());
}

#[tokio::test]
async fn pages_are_embedded_right_to_left_and_locked_down() {
    let r = get("/").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.content_type().starts_with("text/html"));
    let html = r.text();
    assert!(html.contains("dir=\"rtl\"") && html.contains("lang=\"ar\""));
    assert!(html.contains("src=\"/assets/app.js\""));
    let csp = r
        .headers
        .get(header::CONTENT_SECURITY_POLICY)
        .unwrap()
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"));
    assert_eq!(
        r.headers.get(header::X_CONTENT_TYPE_OPTIONS).unwrap(),
        "nosniff"
    );
    // Deep links and the article page are the same app.
    assert_eq!(
        get(&format!(
            "/?q={}&from=2022-01-01&to=2022-01-31",
            enc("بوتين")
        ))
        .await
        .status,
        StatusCode::OK
    );
    assert_eq!(get("/article?id=x").await.status, StatusCode::OK);
    let js = get("/assets/app.js").await;
    assert_eq!(js.status, StatusCode::OK);
    assert!(js.content_type().starts_with("text/javascript"));
    // Revalidation with the ETag.
    let etag = js.headers.get(header::ETAG).unwrap().clone();
    let again = send(
        app(),
        Request::get("/assets/app.js")
            .header(header::IF_NONE_MATCH, etag)
            .body(Body::empty())
            .unwrap(),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_MODIFIED);
    let docs = get("/docs").await;
    assert!(docs.status == StatusCode::OK && docs.text().contains("/assets/docs.js"));
    assert_eq!(get("/assets/nope.js").await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        get("/assets/../Cargo.toml").await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn slow_requests_time_out_with_503_and_panics_are_json_500() {
    let routes = Router::new()
        .route(
            "/slow",
            axum::routing::get(|| async {
                tokio::time::sleep(Duration::from_secs(5)).await;
                "late"
            }),
        )
        .route(
            "/boom",
            axum::routing::get(|| async {
                if Duration::from_secs(1).as_secs() == 1 {
                    panic!("boom");
                }
                "never"
            }),
        );
    let config = Config {
        request_timeout: Duration::from_millis(50),
        ..Config::default()
    };
    let app = khabar_server::with_layers(routes, &config);
    let r = send(
        app.clone(),
        Request::get("/slow").body(Body::empty()).unwrap(),
    )
    .await;
    let msg = r.assert_error(StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(msg, "request timed out after 50 ms");
    let r = send(app, Request::get("/boom").body(Body::empty()).unwrap()).await;
    let msg = r.assert_error(StatusCode::INTERNAL_SERVER_ERROR);
    assert!(msg.starts_with("internal error (request "), "{msg}");
}

#[tokio::test]
async fn without_an_index_the_api_says_so() {
    let app = router(AppState::new(None, Config::default()));
    let r = send(
        app.clone(),
        Request::get("/api/health").body(Body::empty()).unwrap(),
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.json()["index"].is_null());
    let r = send(
        app.clone(),
        Request::get("/api/search?q=x").body(Body::empty()).unwrap(),
    )
    .await;
    assert!(r
        .assert_error(StatusCode::SERVICE_UNAVAILABLE)
        .contains("khabar ingest"));
    // Analysis needs no index.
    let r = post_json(
        app,
        "/api/analyze",
        "{\"text\": \"قال بوتين إن 3 آلاف جندي انتشروا.\"}",
    )
    .await;
    assert_eq!(r.status, StatusCode::OK);
}

/// Random queries and parameters built from Arabic letters, query operators, markup and
/// percent-escapes: every answer is a 200 or a JSON 400, never a 5xx.
#[tokio::test]
async fn random_user_input_never_fails_the_server() {
    const PIECES: [&str; 32] = [
        "بوتين",
        "كازاخستان",
        "ال",
        " ",
        "\"",
        "«",
        "»",
        "(",
        ")",
        "+",
        "-",
        "!",
        ":",
        "title:",
        "source:",
        "entity:",
        "PERS:",
        "published:",
        "[",
        "]",
        "{",
        "}",
        " TO ",
        "*",
        "AND",
        "OR",
        "NOT",
        "<script>",
        "&amp;",
        "2022-01",
        "\u{200f}",
        "ـ",
    ];
    const KEYS: [&str; 8] = [
        "q", "from", "to", "source", "entity", "sort", "limit", "offset",
    ];
    let mut seed: u64 = 0x6b68_6162_6172;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..300 {
        let mut uri = String::from("/api/search?");
        for _ in 0..1 + next(3) {
            let value: String = (0..next(6)).map(|_| PIECES[next(PIECES.len())]).collect();
            uri.push_str(&format!("{}={}&", KEYS[next(KEYS.len())], enc(&value)));
        }
        let r = get(&uri).await;
        assert!(
            r.status == StatusCode::OK || r.status == StatusCode::BAD_REQUEST,
            "{uri}: {} {}",
            r.status,
            r.text()
        );
        if r.status == StatusCode::BAD_REQUEST {
            r.assert_error(StatusCode::BAD_REQUEST);
        } else {
            assert!(r.json()["hits"].is_array());
        }
    }
}
