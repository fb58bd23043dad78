//! The error model: every error is JSON `{"error": "..."}` with a status that tells whose fault it
//! is. Anything a user can send maps to a 4xx; a 5xx means the server itself failed.

use std::time::Duration;

use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// The errors of this crate; each is also an HTTP response.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A malformed query string, path or body, or a query the index cannot read (400).
    #[error("{0}")]
    BadRequest(String),
    /// An unknown article id or path (404).
    #[error("{0}")]
    NotFound(String),
    /// A method the path does not take (405).
    #[error("method not allowed")]
    MethodNotAllowed,
    /// A body beyond [`crate::Config::max_body_bytes`] (413).
    #[error("request body too large: the limit is {limit} bytes")]
    TooLarge { limit: usize },
    /// A body that is not `application/json` (415).
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// The request took longer than [`crate::Config::request_timeout`] (503).
    #[error("request timed out after {} ms", .0.as_millis())]
    Timeout(Duration),
    /// A heavy route already runs its [`crate::Config::heavy_concurrency`] requests and no turn
    /// came within [`crate::Config::heavy_wait`] (503 with `Retry-After`).
    #[error("busy: {route} already runs {running} requests; retry in {} s", .retry_after.as_secs())]
    Busy {
        route: &'static str,
        running: usize,
        retry_after: Duration,
    },
    /// The answer would exceed [`crate::Config::max_response_bytes`] (413: the input asked for
    /// more than the server sends).
    #[error("the answer would be larger than {limit} bytes, the response limit: send less (a shorter text, a smaller limit)")]
    ResponseTooLarge { limit: usize },
    /// The server runs without an index (503).
    #[error("no index is open: ingest articles with `khabar ingest` and start `khabar serve --index DIR`")]
    NoIndex,
    /// The index failed (500).
    #[error("index: {0}")]
    Index(khabar_index::Error),
    /// Anything else that is the server's fault (500).
    #[error("internal error: {0}")]
    Internal(String),
    /// The address could not be bound or the server stopped with an I/O error.
    #[error("{addr}: {source}")]
    Io {
        addr: String,
        #[source]
        source: std::io::Error,
    },
}

impl Error {
    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Error::TooLarge { .. } | Error::ResponseTooLarge { .. } => {
                StatusCode::PAYLOAD_TOO_LARGE
            }
            Error::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::Timeout(_) | Error::NoIndex | Error::Busy { .. } => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            Error::Index(_) | Error::Internal(_) | Error::Io { .. } => {
                StatusCode::INTERNAL_SERVER_ERROR
            }
        }
    }
}

impl From<khabar_index::Error> for Error {
    fn from(e: khabar_index::Error) -> Self {
        match e {
            // The only index error a user can cause: a query it cannot read (a bad date, …).
            khabar_index::Error::Query(m) => Error::BadRequest(format!("query: {m}")),
            khabar_index::Error::QueryLimit(l) => Error::BadRequest(format!("query: {l}")),
            other => Error::Index(other),
        }
    }
}

impl From<tokio::task::JoinError> for Error {
    /// A panic in blocking work: its message goes to the log, never to the client.
    fn from(e: tokio::task::JoinError) -> Self {
        if e.is_panic() {
            tracing::error!(panic = %crate::panic_message(e.into_panic().as_ref()), "a worker task panicked");
        } else {
            tracing::error!(error = %e, "a worker task failed");
        }
        Error::Internal("a worker task failed".into())
    }
}

/// The JSON body of every error response.
#[derive(Debug, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct ErrorBody {
    /// What went wrong, in English.
    #[schema(example = "query: unreadable date \"2022-13-40\"")]
    pub error: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        if status.is_server_error() && status != StatusCode::SERVICE_UNAVAILABLE {
            tracing::error!(error = %self, "request failed");
        }
        let retry_after = match &self {
            Error::Busy { retry_after, .. } => Some(retry_after.as_secs().max(1)),
            _ => None,
        };
        let mut resp = (
            status,
            axum::Json(ErrorBody {
                error: self.to_string(),
            }),
        )
            .into_response();
        if let Some(secs) = retry_after {
            resp.headers_mut()
                .insert(axum::http::header::RETRY_AFTER, secs.into());
        }
        resp
    }
}

/// The limit is not known here; the body-limit layer sets it and [`crate::router`] reports it.
pub(crate) fn from_json_rejection(r: JsonRejection, limit: usize) -> Error {
    match r.status() {
        StatusCode::PAYLOAD_TOO_LARGE => Error::TooLarge { limit },
        StatusCode::UNSUPPORTED_MEDIA_TYPE => Error::UnsupportedMediaType(
            "expected a JSON body with `Content-Type: application/json`".into(),
        ),
        _ => Error::BadRequest(r.body_text()),
    }
}

impl From<QueryRejection> for Error {
    fn from(r: QueryRejection) -> Self {
        Error::BadRequest(r.body_text())
    }
}

impl From<PathRejection> for Error {
    fn from(r: PathRejection) -> Self {
        Error::BadRequest(r.body_text())
    }
}
