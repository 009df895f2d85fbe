//! What can go wrong starting the server ([`ServeError`]) and answering a request
//! (`ApiError`, a status and a message, sent as JSON or as a page).

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use dyad_store::StoreError;
use std::net::SocketAddr;
use std::path::PathBuf;

/// An error that stops `dyad serve` from starting or serving.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    /// There is no database file to serve.
    #[error("no database at {} (run `dyad ingest` first, or pass --db)", .0.display())]
    NoDatabase(PathBuf),
    /// The database could not be opened read-only.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// A non-loopback address without `--allow-remote`.
    #[error(
        "refusing to serve on {addr}, which is not a loopback address; \
         pass --allow-remote to make the database readable from other machines"
    )]
    Remote {
        /// The address asked for.
        addr: SocketAddr,
    },
    /// The address could not be bound or served on.
    #[error("cannot serve on {}: {source}", addr.map_or("the address".to_string(), |a| a.to_string()))]
    Listen {
        /// The address, where known.
        addr: Option<SocketAddr>,
        /// What the system said.
        source: std::io::Error,
    },
    /// The async runtime could not be started.
    #[error("cannot start the server's runtime: {0}")]
    Runtime(std::io::Error),
}

/// A request that cannot be answered: its HTTP status, a message for people and, for a bad
/// query parameter, the parameter's name.
#[derive(Debug, Clone)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) message: String,
    pub(crate) parameter: Option<String>,
}

impl ApiError {
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError { status, message: message.into(), parameter: None }
    }

    /// A 400 for the query parameter `name`.
    pub(crate) fn bad_param(name: &str, message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: format!("parameter `{name}`: {}", message.into()),
            parameter: Some(name.to_string()),
        }
    }

    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            // A prefix too short or matching several documents is the caller's to fix.
            StoreError::IdTooShort | StoreError::AmbiguousId(_) => {
                ApiError::new(StatusCode::BAD_REQUEST, e.to_string())
            }
            other => ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, other.to_string()),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = serde_json::json!({
            "error": self.message,
            "status": self.status.as_u16(),
            "parameter": self.parameter,
        });
        (self.status, axum::Json(body)).into_response()
    }
}
