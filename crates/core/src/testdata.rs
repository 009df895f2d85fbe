//! Locating the public reference data (`../shared` beside the repository) for tests and scorers.
//!
//! A user's fresh clone has no `../shared`; tests that need it skip with a message. Under CI
//! (`CI=true`) a missing folder is an error instead, so that a broken checkout cannot pass by
//! skipping everything.

use std::path::PathBuf;

/// The `shared` folder: `$DYAD_SHARED` if set, else `../shared` beside the workspace root.
pub fn shared_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("DYAD_SHARED") {
        return PathBuf::from(dir);
    }
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
}

/// `shared/<rel>` if it exists. If it does not, prints why the caller skips and returns `None`;
/// under `CI=true` it panics instead.
pub fn shared_path(rel: &str) -> Option<PathBuf> {
    let path = shared_dir().join(rel);
    if path.exists() {
        return Some(path);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("reference data {} is missing (CI=true: not skipping)", path.display());
    }
    eprintln!(
        "skipping: reference data {} is not here (set DYAD_SHARED to the shared folder)",
        path.display()
    );
    None
}
