//! Tests of the data exercises, with fixtures under `core/fixtures/data/`.

mod csv;
mod dora;
mod dora_answer;
mod drift;
mod xray;

use std::path::Path;

/// A fixture file under `core/fixtures/data/`.
fn fixture(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/data")
        .join(path);
    std::fs::read_to_string(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}
