//! The server's bounds (docs/limits.md, "Search and the server"), each at its limit and just
//! past it: query size, response size, request timeout on the reading of a text, heavy routes
//! busy (503 with Retry-After), header-read timeout and connection limit; and 500s that never
//! carry a panic's message.

mod common;

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::routing::get;
use axum::Router;
use khabar_index::query::MAX_QUERY_BYTES;
use khabar_server::{router, with_layers, AppState, Config, Heavy, REQUEST_ID};
use serde_json::Value;
use tower::ServiceExt;

const TEXT: &str = "وقال الرئيس قاسم جومارت توكاييف الاثنين إن 2500 جندي من قوات منظمة معاهدة الأمن \
الجماعي انتشروا في كازاخستان، وإن المهمة ستنتهي خلال أيام.";

struct Answer {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    body: Vec<u8>,
}

impl Answer {
    fn error(&self) -> String {
        let v: Value = serde_json::from_slice(&self.body).unwrap();
        v["error"].as_str().unwrap().to_string()
    }
}

async fn call(app: Router, req: Request<Body>) -> Answer {
    let resp = app.oneshot(req).await.unwrap();
    let (parts, body) = resp.into_parts();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body: axum::body::to_bytes(body, usize::MAX)
            .await
            .unwrap()
            .to_vec(),
    }
}

fn analyze(text: &str) -> Request<Body> {
    Request::post("/api/analyze")
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from(serde_json::json!({ "text": text }).to_string()))
        .unwrap()
}

fn get_req(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

fn indexed() -> AppState {
    static S: OnceLock<(tempfile::TempDir, AppState)> = OnceLock::new();
    S.get_or_init(|| {
        let tmp = tempfile::tempdir().unwrap();
        let index = common::build_index(&tmp.path().join("index"));
        let state = AppState::new(Some(index), Config::default());
        (tmp, state)
    })
    .1
    .clone()
}

#[tokio::test]
async fn a_panic_is_an_internal_error_with_a_request_id_and_no_message() {
    let app = Router::new()
        .route(
            "/boom",
            get(|| async {
                if std::hint::black_box(true) {
                    panic!("secret handler panic");
                }
                "unreachable"
            }),
        )
        .route(
            "/boom-blocking",
            get(|| async {
                tokio::task::spawn_blocking(|| -> () { panic!("secret blocking panic") })
                    .await
                    .map_err(khabar_server::Error::from)?;
                Ok::<_, khabar_server::Error>("unreachable")
            }),
        );
    let app = with_layers(app, &Config::default());
    for uri in ["/boom", "/boom-blocking"] {
        let a = call(app.clone(), get_req(uri)).await;
        assert_eq!(a.status, StatusCode::INTERNAL_SERVER_ERROR, "{uri}");
        let id = a.headers[REQUEST_ID].to_str().unwrap().to_string();
        let msg = a.error();
        assert_eq!(msg, format!("internal error (request {id})"), "{uri}");
        assert!(!String::from_utf8_lossy(&a.body).contains("secret"));
    }
    // Every answer has an id, and ids differ.
    let a = call(app.clone(), get_req("/boom")).await;
    let b = call(app, get_req("/boom")).await;
    assert_ne!(a.headers[REQUEST_ID], b.headers[REQUEST_ID]);
}

#[tokio::test]
async fn queries_at_the_size_limit_pass_and_past_it_are_400() {
    let app = router(indexed());
    // A phrase is one term: exactly MAX_QUERY_BYTES bytes.
    let at = format!("\"{}\"", "ب".repeat((MAX_QUERY_BYTES - 2) / 2));
    assert_eq!(at.len(), MAX_QUERY_BYTES);
    let a = call(app.clone(), get_req(&format!("/api/search?q={}", enc(&at)))).await;
    assert_eq!(a.status, StatusCode::OK);
    // (The server trims the query: the byte past the limit is a letter, not a space.)
    let past = format!("{at}ب");
    let a = call(
        app.clone(),
        get_req(&format!("/api/search?q={}", enc(&past))),
    )
    .await;
    assert_eq!(a.status, StatusCode::BAD_REQUEST);
    assert!(a.error().contains("too long"), "{}", a.error());
    // The queries that panicked inside tantivy: open ranges answer, empty ends are 400.
    for (q, status) in [
        ("published:[* TO *]", StatusCode::OK),
        ("published:*", StatusCode::OK),
        ("published:[ TO ]", StatusCode::BAD_REQUEST),
        ("published:[", StatusCode::BAD_REQUEST),
        ("published:{", StatusCode::BAD_REQUEST),
    ] {
        for route in ["search", "entities", "events"] {
            let a = call(app.clone(), get_req(&format!("/api/{route}?q={}", enc(q)))).await;
            assert_eq!(
                a.status,
                status,
                "{route} {q}: {}",
                String::from_utf8_lossy(&a.body)
            );
        }
    }
}

#[tokio::test]
async fn answers_at_the_response_limit_are_sent_and_past_it_are_413() {
    let size = {
        let a = call(
            router(AppState::new(None, Config::default())),
            analyze(TEXT),
        )
        .await;
        assert_eq!(a.status, StatusCode::OK);
        a.body.len()
    };
    let with_limit = |max_response_bytes| {
        router(AppState::new(
            None,
            Config {
                max_response_bytes,
                ..Config::default()
            },
        ))
    };
    let a = call(with_limit(size), analyze(TEXT)).await;
    assert_eq!((a.status, a.body.len()), (StatusCode::OK, size));
    let a = call(with_limit(size - 1), analyze(TEXT)).await;
    assert_eq!(a.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(
        a.error().contains(&format!("{} bytes", size - 1)),
        "{}",
        a.error()
    );
}

#[tokio::test]
async fn the_request_timeout_covers_the_reading_of_a_text() {
    let long = TEXT.repeat(200);
    let app = router(AppState::new(
        None,
        Config {
            request_timeout: Duration::from_millis(1),
            ..Config::default()
        },
    ));
    let t = Instant::now();
    let a = call(app, analyze(&long)).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(a.error().contains("timed out"), "{}", a.error());
    assert!(t.elapsed() < Duration::from_secs(2), "{:?}", t.elapsed());
}

#[tokio::test]
async fn a_busy_heavy_route_is_503_with_retry_after() {
    let state = AppState::new(
        None,
        Config {
            heavy_concurrency: 1,
            heavy_wait: Duration::from_millis(100),
            ..Config::default()
        },
    );
    // At the limit: the one turn is free.
    let a = call(router(state.clone()), analyze(TEXT)).await;
    assert_eq!(a.status, StatusCode::OK);
    // Past it: the turn is taken; the request waits heavy_wait, then 503 with Retry-After.
    let turn = state.turn(Heavy::Analyze).await.unwrap();
    let a = call(router(state.clone()), analyze(TEXT)).await;
    assert_eq!(a.status, StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(a.headers[header::RETRY_AFTER], "1");
    assert!(a.error().contains("busy"), "{}", a.error());
    // Other routes are not held by it.
    let a = call(router(state.clone()), get_req("/api/health")).await;
    assert_eq!(a.status, StatusCode::OK);
    drop(turn);
    let a = call(router(state), analyze(TEXT)).await;
    assert_eq!(a.status, StatusCode::OK);
}

/// A raw HTTP/1.1 exchange; the answer's status line, or "" when the server closed first.
fn exchange(addr: SocketAddr, request: &[u8]) -> String {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    s.write_all(request).unwrap();
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    String::from_utf8_lossy(&buf)
        .lines()
        .next()
        .unwrap_or("")
        .to_string()
}

#[test]
fn slow_headers_are_cut_off_and_connections_are_bounded() {
    let config = Config {
        header_read_timeout: Duration::from_millis(300),
        max_connections: 1,
        reload_every: Duration::ZERO,
        ..Config::default()
    };
    let state = AppState::new(None, config);
    let (_rt, server, addr) = common::start_server(state);
    let full = b"GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
    // Within the timeout: answered.
    assert_eq!(exchange(addr, full), "HTTP/1.1 200 OK");
    // Headers that never end: the server closes the connection after the timeout.
    let t = Instant::now();
    let mut slow = TcpStream::connect(addr).unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    slow.write_all(b"GET /api/health HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    // The one connection is taken: a second client waits for it to be cut off, then is served.
    let second = std::thread::spawn(move || {
        let t = Instant::now();
        (exchange(addr, full), t.elapsed())
    });
    let mut buf = [0u8; 256];
    let n = slow.read(&mut buf).unwrap_or(0);
    let cut = t.elapsed();
    assert!(
        cut >= Duration::from_millis(250) && cut < Duration::from_secs(5),
        "{cut:?}"
    );
    assert!(
        n == 0 || String::from_utf8_lossy(&buf[..n]).contains("408"),
        "{n}"
    );
    let (status, waited) = second.join().unwrap();
    assert_eq!(status, "HTTP/1.1 200 OK");
    assert!(waited >= Duration::from_millis(150), "{waited:?}");
    server.abort();
}
