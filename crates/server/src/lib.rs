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
//! paths, 413 beyond [`Config::max_body_bytes`] or [`Config::max_response_bytes`], 503 after
//! [`Config::request_timeout`] and, with `Retry-After`, when a heavy route is busy
//! ([`Config::heavy_concurrency`]). Every 5xx other than 503 says only "internal error" with the
//! request id (the `x-request-id` header of every response); what failed, a panic's message
//! included, goes to the log. Each request is logged with `tracing` (method, path, status,
//! latency, request id).
//!
//! [`serve`] bounds connections: at most [`Config::max_connections`] at once, and a client that
//! does not send its request headers within [`Config::header_read_timeout`] is disconnected.
//! The limits are listed in `docs/limits.md`.

pub mod api;
mod error;
pub mod ui;

use std::net::SocketAddr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::{DefaultOnFailure, DefaultOnResponse, TraceLayer};
use tracing::{Instrument, Level};

pub use error::{Error, ErrorBody};

/// Limits and settings of a server (each listed in `docs/limits.md`).
#[derive(Debug, Clone)]
pub struct Config {
    /// Requests that take longer get a 503 (default 10 s), whatever route they are on, the
    /// reading of a text included.
    pub request_timeout: Duration,
    /// Larger request bodies get a 413 (default 1 MiB).
    pub max_body_bytes: usize,
    /// Larger answers are not sent: a 413 instead (default 16 MiB).
    pub max_response_bytes: usize,
    /// A connection whose request headers have not all arrived this long after it opened (or
    /// after its previous answer) is closed (default 5 s).
    pub header_read_timeout: Duration,
    /// Connections served at once (default 512); more wait in the listen queue.
    pub max_connections: usize,
    /// Requests each heavy route (the reading of a text, entity counts, events) runs at once
    /// (default: half the cores, at least 1). Cheap routes (search, articles) are not limited.
    pub heavy_concurrency: usize,
    /// How long a request of a busy heavy route waits for its turn before a 503 with
    /// `Retry-After` (default 5 s, half the request timeout: a queue that cannot time out the
    /// requests in it).
    pub heavy_wait: Duration,
    /// How often the index is reopened to see articles ingested while serving (default 10 s;
    /// zero turns it off).
    pub reload_every: Duration,
}

impl Default for Config {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Config {
            request_timeout: Duration::from_secs(10),
            max_body_bytes: 1 << 20,
            max_response_bytes: 16 << 20,
            header_read_timeout: Duration::from_secs(5),
            max_connections: 512,
            heavy_concurrency: (cores / 2).max(1),
            heavy_wait: Duration::from_secs(5),
            reload_every: Duration::from_secs(10),
        }
    }
}

/// The routes whose requests are costly enough to run a bounded number at once
/// ([`Config::heavy_concurrency`] each).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heavy {
    /// `POST /api/analyze`: the reading of a text.
    Analyze,
    /// `GET /api/entities`: entity counts and trends over the matches.
    Entities,
    /// `GET /api/events`: the readings of the matching articles.
    Events,
}

impl Heavy {
    const ALL: [Heavy; 3] = [Heavy::Analyze, Heavy::Entities, Heavy::Events];

    fn route(self) -> &'static str {
        match self {
            Heavy::Analyze => "/api/analyze",
            Heavy::Entities => "/api/entities",
            Heavy::Events => "/api/events",
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
    /// One semaphore per [`Heavy`] route, in [`Heavy::ALL`] order.
    heavy: [Arc<Semaphore>; 3],
}

impl AppState {
    pub fn new(index: Option<khabar_index::Index>, config: Config) -> AppState {
        let n = config.heavy_concurrency.max(1);
        let heavy = std::array::from_fn(|_| Arc::new(Semaphore::new(n)));
        AppState {
            inner: Arc::new(Inner {
                index,
                config,
                heavy,
            }),
        }
    }

    /// A turn of a heavy route: waits at most [`Config::heavy_wait`], then [`Error::Busy`]. The
    /// permit goes with the work (into its blocking task), so work that outlives its request's
    /// timeout still holds its turn until it ends.
    pub async fn turn(&self, route: Heavy) -> Result<OwnedSemaphorePermit, Error> {
        let i = Heavy::ALL
            .iter()
            .position(|&h| h == route)
            .expect("every route is in ALL");
        let sem = self.inner.heavy[i].clone();
        let wait = self.inner.config.heavy_wait;
        match tokio::time::timeout(wait, sem.acquire_owned()).await {
            Ok(Ok(p)) => Ok(p),
            _ => Err(Error::Busy {
                route: route.route(),
                running: self.inner.config.heavy_concurrency.max(1),
                retry_after: wait.max(Duration::from_secs(1)),
            }),
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
        .layer(axum::middleware::from_fn(request_id_layer))
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

/// The text of a panic's payload (a `&str` or a `String`; anything else is unnamed).
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> &str {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
        .unwrap_or("(a panic without a message)")
}

fn on_panic(payload: Box<dyn std::any::Any + Send + 'static>) -> Response {
    tracing::error!(panic = %panic_message(payload.as_ref()), "a handler panicked");
    StatusCode::INTERNAL_SERVER_ERROR.into_response()
}

/// The header that carries the request id of every response.
pub const REQUEST_ID: &str = "x-request-id";

/// Gives every request an id (in its log lines and its `x-request-id` header) and turns every
/// 500 into `{"error": "internal error (request ID)"}`: what failed was logged where it failed,
/// and no message, a panic's least of all, reaches the client.
async fn request_id_layer(req: Request, next: Next) -> Response {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    let id = format!("{:08x}", NEXT.fetch_add(1, Ordering::Relaxed));
    let span = tracing::info_span!("id", request_id = %id);
    let mut resp = next.run(req).instrument(span).await;
    if resp.status() == StatusCode::INTERNAL_SERVER_ERROR {
        resp = (
            StatusCode::INTERNAL_SERVER_ERROR,
            axum::Json(ErrorBody {
                error: format!("internal error (request {id})"),
            }),
        )
            .into_response();
    }
    if let Ok(v) = HeaderValue::from_str(&id) {
        resp.headers_mut().insert(REQUEST_ID, v);
    }
    resp
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
    let config = state.config().clone();
    let app = router(state);
    let connections = Arc::new(Semaphore::new(config.max_connections.max(1)));
    let (stop, stopped) = tokio::sync::watch::channel(false);
    let mut open = tokio::task::JoinSet::new();
    let mut signal = std::pin::pin!(shutdown());
    loop {
        // A connection past max_connections waits here, in the listen queue, not in memory.
        let permit = tokio::select! {
            p = connections.clone().acquire_owned() => p.expect("the semaphore is never closed"),
            _ = &mut signal => break,
        };
        let stream = tokio::select! {
            r = listener.accept() => match r {
                Ok((stream, _)) => stream,
                Err(e) => {
                    // Out of file descriptors and the like: wait, do not spin.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut signal => break,
        };
        while open.try_join_next().is_some() {}
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let mut stopped = stopped.clone();
        let header_timeout = config.header_read_timeout;
        open.spawn(async move {
            let _permit = permit;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(header_timeout);
            let conn = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            let mut conn = std::pin::pin!(conn);
            tokio::select! {
                r = conn.as_mut() => {
                    if let Err(e) = r {
                        tracing::debug!(error = %e, "connection closed");
                    }
                }
                _ = stopped.changed() => {
                    conn.as_mut().graceful_shutdown();
                    let _ = conn.await;
                }
            }
        });
    }
    // Stop: open connections finish their request in flight (within the request timeout).
    let _ = stop.send(true);
    let grace = config.request_timeout + Duration::from_secs(1);
    let _ = tokio::time::timeout(grace, async { while open.join_next().await.is_some() {} }).await;
    Ok(())
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
