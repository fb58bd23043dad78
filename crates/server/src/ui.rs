//! The web interface: a few static files embedded in the binary (`crates/server/assets/`).
//!
//! The pages are shells; `app.js` fetches the API and builds the page with DOM calls that put
//! article text in text nodes only (never `innerHTML`), so a document holding `<script>` or
//! `onerror=` shows those characters and runs nothing. The content security policy set in
//! [`crate::router`] forbids inline script as a second wall.

use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use rust_embed::RustEmbed;

use crate::AppState;

#[derive(RustEmbed)]
#[folder = "assets/"]
struct Assets;

/// The UI routes: `/`, `/article`, `/analyze`, `/docs`, `/assets/*`, `/favicon.ico`.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(app_page))
        .route("/article", get(app_page))
        .route("/analyze", get(app_page))
        .route("/docs", get(|headers: HeaderMap| async move { asset("docs.html", &headers) }))
        .route("/favicon.ico", get(|headers: HeaderMap| async move { asset("icon.svg", &headers) }))
        .route("/assets/{*file}", get(|Path(file): Path<String>, headers: HeaderMap| async move { asset(&file, &headers) }))
}

async fn app_page(headers: HeaderMap) -> Response {
    asset("index.html", &headers)
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// An embedded file, with an ETag (its SHA-256) and `304 Not Modified` for a matching
/// `If-None-Match`.
fn asset(path: &str, headers: &HeaderMap) -> Response {
    let Some(file) = Assets::get(path) else {
        return not_found_page();
    };
    let hash = file.metadata.sha256_hash();
    let etag = format!(
        "\"{}\"",
        hash[..12]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect::<String>()
    );
    let cache = if path.ends_with(".html") {
        "no-cache"
    } else {
        "public, max-age=300"
    };
    let mut h = HeaderMap::new();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(content_type(path)),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag))
    {
        return (StatusCode::NOT_MODIFIED, h).into_response();
    }
    (h, file.data.into_owned()).into_response()
}

fn not_found_page() -> Response {
    let page = "<!doctype html><html lang=\"ar\" dir=\"rtl\"><head><meta charset=\"utf-8\"><title>404</title>\
        <link rel=\"stylesheet\" href=\"/assets/app.css\"></head><body><main class=\"notfound\"><h1>404</h1>\
        <p>الصفحة غير موجودة · Page not found</p><p><a href=\"/\">خبر · khabar</a></p></main></body></html>";
    (
        StatusCode::NOT_FOUND,
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page,
    )
        .into_response()
}

/// The fallback for paths outside the API: an HTML 404 page.
pub async fn not_found() -> Response {
    not_found_page()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_page_and_script_is_embedded() {
        for f in [
            "index.html",
            "docs.html",
            "app.js",
            "docs.js",
            "app.css",
            "icon.svg",
        ] {
            assert!(Assets::get(f).is_some(), "{f} is not embedded");
        }
    }

    #[test]
    fn pages_load_nothing_from_outside() {
        for f in Assets::iter() {
            let data = Assets::get(&f).unwrap().data;
            let text = String::from_utf8_lossy(&data).replace("http://www.w3.org/", "");
            if !f.ends_with(".js") {
                assert!(
                    !text.contains("http://") && !text.contains("https://"),
                    "{f} links outside"
                );
            }
            assert!(
                !text.contains("//cdn")
                    && !text.contains("googleapis")
                    && !text.contains("@import"),
                "{f} uses a CDN"
            );
        }
    }

    #[test]
    fn the_script_never_parses_markup() {
        let js = String::from_utf8_lossy(&Assets::get("app.js").unwrap().data).to_string();
        for bad in [
            "innerHTML",
            "outerHTML",
            "insertAdjacentHTML",
            "document.write",
            "eval(",
            "new Function",
        ] {
            assert!(!js.contains(bad), "app.js uses {bad}");
        }
    }
}
