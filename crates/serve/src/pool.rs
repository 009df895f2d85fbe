//! A small pool of read-only store connections. A SQLite connection serves one thread at a
//! time; each request borrows one on tokio's blocking pool and gives it back.

use crate::error::ApiError;
use crate::ServeError;
use axum::http::StatusCode;
use dyad_store::Store;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Idle connections kept; more are opened under load and closed when not needed.
const IDLE: usize = 4;

pub(crate) struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Pool {
    /// Open the store at `path` read-only once, to fail early on a missing or newer database.
    pub(crate) fn open(path: &Path) -> Result<Pool, ServeError> {
        if !path.exists() {
            return Err(ServeError::NoDatabase(path.to_path_buf()));
        }
        // Refuses a database that needs a migration (`StoreError::OlderSchema` says how).
        let first = Store::open_read_only(path)?;
        first.counts()?;
        Ok(Pool { path: path.to_path_buf(), idle: Mutex::new(vec![first]) })
    }

    /// Run `f` with a connection, off the async threads.
    pub(crate) async fn run<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
    {
        let pool = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let taken = pool.idle.lock().map(|mut idle| idle.pop()).unwrap_or(None);
            let store = match taken {
                Some(s) => s,
                None => Store::open_read_only(&pool.path)?,
            };
            let result = f(&store);
            if let Ok(mut idle) = pool.idle.lock() {
                if idle.len() < IDLE {
                    idle.push(store);
                }
            }
            result
        })
        .await
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, format!("request failed: {e}")))?
    }
}
