//! The shared data sets (`../shared/data`, beside the repository) for the tests that need them.
//! One definition, included by path from each crate's tests:
//!
//! ```text
//! #[path = "../../../tests/support/shared_data.rs"]
//! mod shared_data;
//! ```

use std::path::{Path, PathBuf};

/// Whether this run is CI (`CI=true` or `CI=1`, as CI services and `.ci/run` set it).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// `../shared/data/<rel>` when it exists. When it does not: under CI a panic naming it (CI has
/// the data, so a test that skipped there could never fail); elsewhere `None`, after saying on
/// stderr that the test skips and why.
pub fn shared_data(rel: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    assert!(
        !in_ci(),
        "{} is missing, and CI=true requires it: the shared data sets sit beside the repository \
         (../shared/data)",
        p.display()
    );
    eprintln!(
        "skipped: {} is absent (the shared data sets sit beside the repository; under CI=true \
         this fails)",
        p.display()
    );
    None
}
