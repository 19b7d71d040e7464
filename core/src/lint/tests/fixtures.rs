use super::*;
use std::path::Path;

/// Every file under `core/fixtures/lint/<kind>/valid/` lints without an error.
#[test]
fn the_valid_fixtures_have_no_errors() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/lint");
    let mut checked = 0;
    for kind in [
        Kind::Buildspec,
        Kind::Appspec,
        Kind::EcsTaskDefinition,
        Kind::CloudwatchAlarm,
    ] {
        let dir = root.join(kind.name()).join("valid");
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .map(|e| e.path())
            .collect();
        entries.sort();
        assert!(entries.len() >= 3, "{} has too few fixtures", dir.display());
        for path in entries {
            let src = std::fs::read_to_string(&path).unwrap_or_default();
            let errors: Vec<String> = lint(kind, &src)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
                .into_iter()
                .filter(|f| f.severity == Severity::Error)
                .map(|f| f.to_string())
                .collect();
            assert!(
                errors.is_empty(),
                "{}:\n{}",
                path.display(),
                errors.join("\n")
            );
            checked += 1;
        }
    }
    assert!(checked >= 15, "only {checked} fixtures");
}
