//! The shipped exercises, `content/<module>/exercises/*`: every one loads, passes
//! [`verify`] without a problem or warning, and has an answer-free public view. Any
//! exercise folder added to the content is covered here as soon as it exists.

use super::public::assert_answer_free;
use super::*;

/// Every module folder of the shipped content, in name order, with its slug.
fn content_modules() -> Vec<(PathBuf, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut modules: Vec<(PathBuf, String)> = std::fs::read_dir(&root)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_dir()))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let slug = name
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim_start_matches('-')
                .to_owned();
            (e.path(), slug)
        })
        .collect();
    modules.sort();
    modules
}

/// The shipped exercise `id` of the module folder `folder`.
fn shipped(folder: &str, id: &str) -> Exercise {
    let (dir, slug) = content_modules()
        .into_iter()
        .find(|(dir, _)| dir.ends_with(folder))
        .unwrap_or_else(|| panic!("no module folder {folder}"));
    // Other exercises of the module are `every_shipped_exercise_…`'s business.
    let (exercises, errors) = load_all(&dir, &slug);
    exercises
        .into_iter()
        .find(|e| e.id == id)
        .unwrap_or_else(|| panic!("no exercise `{id}` in {folder}: {errors:?}"))
}

#[test]
fn every_shipped_exercise_loads_and_verifies_without_problems() {
    let mut problems = Vec::new();
    for (dir, slug) in content_modules() {
        let (exercises, errors) = load_all(&dir, &slug);
        problems.extend(errors.iter().map(ToString::to_string));
        for ex in &exercises {
            problems.extend(
                verify(ex)
                    .into_iter()
                    .map(|p| format!("{slug}/{}: {p}", ex.id)),
            );
            assert_answer_free(ex);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_three_data_exercises_are_shipped_in_both_languages() {
    for (folder, id, kind) in [
        ("01-devops-culture", "dora-four-keys", "dora-metrics"),
        ("03-iac", "drift-find-property", "drift"),
        (
            "05-observability",
            "xray-find-bottleneck",
            "xray-bottleneck",
        ),
    ] {
        let ex = shipped(folder, id);
        assert_eq!(ex.checker.name(), kind);
        assert!(ex.instructions_vi.is_some(), "{id} has no Vietnamese");
        assert!(ex.wrong.len() >= 2, "{id}");
        assert_eq!(check(&ex, &ex.solution, Lang::Vi).status, Status::Pass);
    }
    assert_eq!(
        shipped("01-devops-culture", "dora-four-keys")
            .policy
            .after_failed,
        Some(3)
    );
}
