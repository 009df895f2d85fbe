//! `dyad serve`: a read-only web view and JSON API over a dyad store.
//!
//! The server opens the database read-only (SQLite `mode=ro`), answers only `GET` and `HEAD`
//! (any other method is 405), checks every query parameter (an unknown one or a bad value is a
//! 400 naming it), bounds result sizes ([`MAX_LIMIT`]) and request time ([`REQUEST_TIMEOUT`]),
//! and binds to loopback unless told otherwise. Pages are rendered on the server, charts drawn
//! as inline SVG by our own code; the one stylesheet and script are compiled in, so the pages
//! need no network beyond the server itself. The API is specified in `docs/openapi.yaml`.

#![warn(missing_docs)]

mod api;
mod chart;
mod error;
mod html;
pub mod labels;
mod pages;
mod params;
mod pool;
mod record_json;

pub use error::ServeError;

use axum::extract::Request;
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::net::{SocketAddr, TcpListener};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

/// The most events (or other items) one request returns.
pub const MAX_LIMIT: usize = 1000;

/// How long a request may take before the server gives up on it (503).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// What a handler shares: the pool of read-only connections.
pub(crate) type State = Arc<pool::Pool>;

/// Whether serving on `addr` is allowed: loopback always, any other address only with
/// `allow_remote`. Returns the warning to print when a remote bind is allowed.
pub fn check_addr(addr: SocketAddr, allow_remote: bool) -> Result<Option<String>, ServeError> {
    if addr.ip().is_loopback() {
        return Ok(None);
    }
    if !allow_remote {
        return Err(ServeError::Remote { addr });
    }
    Ok(Some(format!(
        "serving on {addr}, which is not loopback: anyone who can reach it can read the whole database"
    )))
}

/// The router of the web view and the API over the store at `db` (opened read-only).
pub fn router(db: &Path) -> Result<Router, ServeError> {
    let pool = pool::Pool::open(db)?;
    let state: State = Arc::new(pool);
    Ok(Router::new()
        .route("/", get(pages::relations))
        .route("/network", get(pages::network))
        .route("/events", get(pages::events))
        .route("/events/{event_id}", get(pages::event))
        .route("/documents/{doc_id}", get(pages::document))
        .route("/failures", get(pages::failures))
        .route("/assets/style.css", get(pages::style))
        .route("/assets/app.js", get(pages::script))
        .route("/api/events", get(api::events))
        .route("/api/events/{event_id}", get(api::event))
        .route("/api/relation", get(api::relation))
        .route("/api/documents/{doc_id}", get(api::document))
        .route("/api/actors", get(api::actors))
        .route("/api/network", get(api::network))
        .route("/api/failures", get(api::failures))
        .fallback(not_found)
        .layer(axum::middleware::from_fn(guard))
        .with_state(state))
}

/// Serve `app` (a [`router`]) on `listener` until the process is interrupted (Ctrl-C). Blocks.
pub fn serve(app: Router, listener: TcpListener) -> Result<(), ServeError> {
    let addr = listener.local_addr().map_err(|source| ServeError::Listen { addr: None, source })?;
    listener.set_nonblocking(true).map_err(|source| ServeError::Listen { addr: Some(addr), source })?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(8)
        .enable_all()
        .build()
        .map_err(ServeError::Runtime)?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)
            .map_err(|source| ServeError::Listen { addr: Some(addr), source })?;
        axum::serve(listener, app)
            .with_graceful_shutdown(async {
                let _ = tokio::signal::ctrl_c().await;
            })
            .await
            .map_err(|source| ServeError::Listen { addr: Some(addr), source })
    })
}

/// Refuse every method but GET and HEAD, and bound each request's time.
async fn guard(request: Request, next: Next) -> Response {
    if request.method() != Method::GET && request.method() != Method::HEAD {
        let message =
            format!("{} is not allowed: dyad serve is read-only (GET and HEAD only)", request.method());
        let mut response = error::ApiError::new(StatusCode::METHOD_NOT_ALLOWED, message).into_response();
        response.headers_mut().insert(header::ALLOW, header::HeaderValue::from_static("GET, HEAD"));
        return response;
    }
    match tokio::time::timeout(REQUEST_TIMEOUT, next.run(request)).await {
        Ok(response) => response,
        Err(_) => error::ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            format!("the request took longer than {} s; narrow the query", REQUEST_TIMEOUT.as_secs()),
        )
        .into_response(),
    }
}

async fn not_found(uri: axum::http::Uri) -> Response {
    let path = uri.path();
    let message = format!("no such page or endpoint: {path}");
    if path.starts_with("/api/") {
        error::ApiError::new(StatusCode::NOT_FOUND, message).into_response()
    } else {
        pages::error_page(StatusCode::NOT_FOUND, &message)
    }
}
