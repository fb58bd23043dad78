//! khabar server: the JSON API and the Arabic-first web interface over a khabar index.
//!
//! [`router`] builds the whole application as an [`axum::Router`], so tests call it in-process
//! (`tower::ServiceExt::oneshot`) and `khabar serve` only binds it to an address ([`serve`]).
//!
//! * `GET /api/health`, `GET /api/search`, `GET /api/articles/{id}`, `POST /api/analyze`,
//!   `GET /api/entities`, `GET /api/events` ([`api`]); the OpenAPI 3.1 description generated from
//!   the handlers at `GET /api/openapi.json` and an offline page that renders it at `/docs`;
//! * the web interface ([`ui`]): `/` (search, deep links `/?q=…&from=…&to=…`) and
//!   `/article?id=…`, with every asset embedded in the binary and a strict content security
//!   policy; article text is only ever put in the page as text, never as markup.
//!
//! Errors are JSON `{"error": "..."}` ([`Error`]): 400 for malformed input, 404 for unknown ids and
//! paths, 413 beyond [`Config::max_body_bytes`], 503 after [`Config::request_timeout`]; a panic
//! becomes a JSON 500 and is logged. Each request is logged with `tracing` (method, path, status,
//! latency).

pub mod api;
mod error;
pub mod ui;

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::{Error, ErrorBody};

/// Limits and settings of a server.
#[derive(Debug, Clone)]
pub struct Config {
    /// Requests that take longer get a 503 (default 10 s).
    pub request_timeout: Duration,
    /// Larger request bodies get a 413 (default 1 MiB).
    pub max_body_bytes: usize,
    /// How often the index is reopened to see articles ingested while serving (default 10 s;
    /// zero turns it off).
    pub reload_every: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            request_timeout: Duration::from_secs(10),
            max_body_bytes: 1 << 20,
            reload_every: Duration::from_secs(10),
        }
    }
}

/// What the handlers share: the index (absent: the API answers 503, the UI still loads) and the
/// configuration. Cheap to clone.
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    index: Option<khabar_index::Index>,
    config: Config,
}

impl AppState {
    pub fn new(index: Option<khabar_index::Index>, config: Config) -> AppState {
        AppState {
            inner: Arc::new(Inner { index, config }),
        }
    }

    pub fn index(&self) -> Option<&khabar_index::Index> {
        self.inner.index.as_ref()
    }

    pub fn config(&self) -> &Config {
        &self.inner.config
    }
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("index", &self.inner.index)
            .field("config", &self.inner.config)
            .finish()
    }
}

/// The content security policy of every response: nothing but this server's own scripts and
/// styles, no inline script, no plugins, no framing. A second wall behind the escaping.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; \
     frame-ancestors 'none'";

/// The whole application: API, OpenAPI description, docs page and web interface.
pub fn router(state: AppState) -> Router {
    let config = state.config().clone();
    let (api, openapi) = api::routes().split_for_parts();
    let openapi = Arc::new(openapi);
    let spec = {
        let openapi = openapi.clone();
        move || {
            let openapi = openapi.clone();
            async move { axum::Json(openapi.as_ref().clone()) }
        }
    };
    let app = Router::new()
        .merge(api)
        .route("/api/openapi.json", axum::routing::get(spec))
        .route("/api", axum::routing::any(api_not_found))
        .route("/api/{*rest}", axum::routing::any(api_not_found))
        .merge(ui::routes())
        .method_not_allowed_fallback(method_not_allowed)
        .fallback(ui::not_found)
        .with_state(state);
    with_layers(app, &config)
}

/// The layers [`router`] wraps the application in: body limit, timeout (JSON 503), security
/// headers, panics as JSON 500, request logs. Public so that other routes can be served the same
/// way (and the layers tested on their own).
pub fn with_layers(app: Router, config: &Config) -> Router {
    app.layer(DefaultBodyLimit::max(config.max_body_bytes))
        .layer(axum::middleware::from_fn_with_state(
            config.request_timeout,
            timeout_layer,
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_FRAME_OPTIONS,
            HeaderValue::from_static("DENY"),
        ))
        .layer(CatchPanicLayer::custom(on_panic))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(|req: &Request| {
                    tracing::info_span!(
                        "request",
                        method = %req.method(),
                        path = %req.uri().path(),
                        query = req.uri().query().unwrap_or("")
                    )
                })
                .on_request(())
                .on_response(
                    DefaultOnResponse::new()
                        .level(Level::INFO)
                        .latency_unit(tower_http::LatencyUnit::Micros),
                )
                .on_failure(DefaultOnFailure::new().level(Level::WARN)),
        )
}

async fn api_not_found(req: Request) -> Error {
    Error::NotFound(format!("no such API path: {}", req.uri().path()))
}

async fn method_not_allowed() -> Error {
    Error::MethodNotAllowed
}

async fn timeout_layer(State(timeout): State<Duration>, req: Request, next: Next) -> Response {
    match tokio::time::timeout(timeout, next.run(req)).await {
        Ok(resp) => resp,
        Err(_) => Error::Timeout(timeout).into_response(),
    }
}

fn on_panic(_: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!("a handler panicked");
    (
        StatusCode::INTERNAL_SERVER_ERROR,
        axum::Json(ErrorBody {
            error: "internal error".into(),
        }),
    )
        .into_response()
}

/// Binds `addr` and serves [`router`] until Ctrl-C (or SIGTERM); reloads the index every
/// [`Config::reload_every`]. `on_bound` is called with the bound address (useful with port 0).
pub async fn serve(
    addr: SocketAddr,
    state: AppState,
    on_bound: impl FnOnce(SocketAddr),
) -> Result<(), Error> {
    let io = |source| Error::Io {
        addr: addr.to_string(),
        source,
    };
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(io)?;
    let bound = listener.local_addr().map_err(io)?;
    on_bound(bound);
    let every = state.config().reload_every;
    if state.index().is_some() && !every.is_zero() {
        let st = state.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.tick().await;
            loop {
                tick.tick().await;
                let st = st.clone();
                let res = tokio::task::spawn_blocking(move || st.index().map(|i| i.reload())).await;
                if let Ok(Some(Err(e))) = res {
                    tracing::warn!(error = %e, "index reload failed");
                }
            }
        });
    }
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown())
        .await
        .map_err(io)
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
    tracing::info!("shutting down");
}
