//! One title split: `khabar analyze --json` and the API's `/api/articles/{id}` give the same reading
//! (every span the same) for the same `.txt` file. They used to differ by one byte on every span,
//! because the CLI split the title off without the body's trimming.

mod common;

use std::path::Path;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use khabar_server::{router, AppState, Config};
use tower::ServiceExt;

#[test]
fn cli_and_api_spans_agree_on_the_same_file() {
    let sample =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../samples/csto-kazakhstan-2022.txt");
    let sample = sample.to_str().unwrap();
    let cli: serde_json::Value =
        serde_json::from_slice(&common::khabar_ok(["analyze", sample, "--json"])).unwrap();
    assert_eq!(cli["sentences"][0]["start"], 0, "the body starts at 0");

    let dir = tempfile::tempdir().unwrap();
    let idx = dir.path().join("idx");
    common::khabar_ok(["ingest", "--index", idx.to_str().unwrap(), sample]);
    let index = khabar_index::Index::open(&idx).unwrap();
    let ids = index.ids().unwrap();
    assert_eq!(ids.len(), 1);
    let app = router(AppState::new(Some(index), Config::default()));
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let api: serde_json::Value = rt.block_on(async {
        let req = Request::get(format!("/api/articles/{}", ids[0]))
            .body(Body::empty())
            .unwrap();
        let resp = app.oneshot(req).await.unwrap();
        assert_eq!(resp.status(), StatusCode::OK);
        let body = axum::body::to_bytes(resp.into_body(), usize::MAX)
            .await
            .unwrap();
        serde_json::from_slice(&body).unwrap()
    });
    let body = api["body"].as_str().unwrap();
    let first = &cli["sentences"][0];
    let (s, e) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    assert!(body[s..e].starts_with("موسكو"), "{}", &body[s..e]);
    assert_eq!(
        api["reading"], cli,
        "the stored reading is the CLI's reading"
    );
}
