//! Loading the fixture content folders end to end.

use super::*;
use crate::diag::Severity;
use std::path::Path;

fn fixture(name: &str) -> Content {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(name);
    load(&root, LoadOptions::default())
}

fn findings_about<'a>(content: &'a Content, file_end: &str) -> Vec<&'a Finding> {
    content
        .findings
        .iter()
        .filter(|f| f.file.to_string_lossy().ends_with(file_end))
        .collect()
}

#[test]
fn modules_and_pages_are_ordered_by_weight_then_prefix() {
    let c = fixture("basic");
    let slugs: Vec<_> = c.modules.iter().map(|m| m.slug.as_str()).collect();
    assert_eq!(slugs, ["culture", "second"]);
    let steps: Vec<_> = c.modules[0].steps.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(
        steps,
        [
            "intro",
            "dora",
            "nested",
            "nested/child",
            "my-folder",
            "unknown"
        ]
    );
    assert_eq!(c.modules[0].step("nested/child").unwrap().1.depth, 1);
}

#[test]
fn drafts_are_not_served() {
    let c = fixture("basic");
    assert!(c.modules[1].steps.is_empty());
}

#[test]
fn yaml_and_toml_front_matter_are_both_read() {
    let c = fixture("basic");
    let m = &c.modules[0];
    assert_eq!(m.overview.version(Lang::En).title, "Culture and DORA");
    assert_eq!(m.overview.version(Lang::Vi).title, "Văn hóa và DORA");
    assert_eq!(m.duration(Lang::En), Some(45));
    assert_eq!(
        m.overview.version(Lang::En).objectives,
        ["Name the four keys"]
    );
    // TOML, with a trailing space after the opening +++.
    assert_eq!(m.steps[1].version(Lang::En).title, "DORA metrics");
    assert_eq!(
        c.modules[1].overview.version(Lang::En).title,
        "Second module"
    );
}

#[test]
fn a_bad_date_is_a_warning_with_its_line() {
    let c = fixture("basic");
    let f = findings_about(&c, "02-dora.md");
    assert!(
        f.iter()
            .any(|f| f.severity == Severity::Warning && f.line == 4 && f.message.contains("date")),
        "{f:?}"
    );
}

#[test]
fn an_empty_translation_falls_back_and_says_so() {
    let c = fixture("basic");
    let dora = &c.modules[0].steps[1];
    let vi = dora.version(Lang::Vi);
    assert!(vi.fallback);
    assert!(vi.html.contains("Deployment frequency"));
    // The Vietnamese title from the (empty) file is still used.
    assert_eq!(vi.title, "Chỉ số DORA");
    let child = c.modules[0].step("nested/child").unwrap().1;
    assert!(child.version(Lang::Vi).fallback);
    assert!(!child.version(Lang::En).fallback);
    assert!(c.missing_translations >= 2);
}

#[test]
fn every_shortcode_renders_as_what_it_means() {
    let c = fixture("basic");
    let html = &c.modules[0].steps[0].version(Lang::En).html;
    assert!(html.contains("class=\"notice notice-tip\""), "{html}");
    assert!(html.contains("<strong>small</strong>"));
    assert!(html.contains("<details class=\"expand\"><summary>Show the answer</summary>"));
    assert!(html.contains("class=\"tab-radio\""));
    assert!(html.contains("<label class=\"tab-label\" for=\"tabs-1-1\">TypeScript</label>"));
    assert!(html.contains("<a class=\"button\" href=\"https://docs.aws.amazon.com/\""));
    assert!(html.contains("href=\"/m/culture/dora\""));
    assert!(html.contains("href=\"/m/culture/nested\""));
    assert!(html.contains("src=\"/content/culture/images/four%20keys.svg\""));
    assert!(!html.contains("{{"));
    let overview = &c.modules[0].overview.version(Lang::En).html;
    assert!(overview.contains("<ul class=\"children\">"));
    assert!(overview.contains("href=\"/m/culture/intro\">Introduction</a>"));
    let vi_overview = &c.modules[0].overview.version(Lang::Vi).html;
    assert!(vi_overview.contains(">Giới thiệu</a>"), "{vi_overview}");
    let nested = &c.modules[0]
        .step("nested")
        .unwrap()
        .1
        .version(Lang::En)
        .html;
    assert!(
        nested.contains("href=\"/m/culture/nested/child\""),
        "{nested}"
    );
    let child = &c.modules[0]
        .step("nested/child")
        .unwrap()
        .1
        .version(Lang::En)
        .html;
    assert!(child.contains("href=\"/m/culture/intro\""), "{child}");
}

#[test]
fn code_is_highlighted_with_a_copy_button() {
    let c = fixture("basic");
    let html = &c.modules[0].steps[0].version(Lang::En).html;
    assert!(html.contains("class=\"copy\""));
    assert!(html.contains("language-python"));
}

#[test]
fn unknown_shortcodes_show_inner_content_and_warn() {
    let c = fixture("basic");
    let page = c.modules[0].step("unknown").unwrap().1.version(Lang::En);
    assert!(page.html.contains("Inner text stays."));
    assert!(!page.html.contains("{{"));
    let f = findings_about(&c, "05-unknown.md");
    assert!(
        f.iter()
            .any(|f| f.message.contains("youtube") && f.line == 5)
    );
    assert!(
        f.iter()
            .any(|f| f.message.contains("mystery") && f.line == 7)
    );
    assert_eq!(
        c.unknown_shortcodes.iter().collect::<Vec<_>>(),
        ["mystery", "youtube"]
    );
}

#[test]
fn broken_links_and_images_are_errors_on_their_line() {
    let c = fixture("basic");
    let f = findings_about(&c, "05-unknown.md");
    let errors: Vec<_> = f.iter().filter(|f| f.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors.iter().all(|e| e.line == 9));
}

#[test]
fn folder_names_with_spaces_get_clean_slugs_and_encoded_assets() {
    let c = fixture("basic");
    assert!(c.modules[0].step("my-folder").is_some());
    assert!(c.asset("culture/images/four keys.svg").is_some());
    assert!(c.asset("culture/01-intro.md").is_none());
}

#[test]
fn the_summary_counts_what_check_reports() {
    let c = fixture("basic");
    let s = c.summary();
    assert_eq!(s.modules, 2);
    assert_eq!(s.pages, 8);
    assert_eq!(s.languages, [Lang::En, Lang::Vi]);
    assert_eq!(s.errors, c.count(Severity::Error));
    assert!(s.errors >= 2);
}

/// A scratch content folder under the system temp dir, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("lab-core-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("01-mod")).unwrap();
        std::fs::write(dir.join("01-mod/_index.md"), "---\ntitle: M\n---\nHi\n").unwrap();
        Scratch(dir)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn broken_files_become_unavailable_pages_and_errors() {
    let s = Scratch::new("broken");
    let m = s.0.join("01-mod");
    std::fs::write(
        m.join("01-utf8.md"),
        b"---\ntitle: x\n---\nline\n\xff\xfe bad\n",
    )
    .unwrap();
    std::fs::write(m.join("02-huge.md"), vec![b'a'; 10 * 1024 * 1024]).unwrap();
    std::fs::write(m.join("03-front.md"), "---\ntitle: [unclosed\n---\nbody\n").unwrap();
    std::fs::write(
        m.join("04-fine.md"),
        "---\ntitle: Fine\n---\nStill served.\n",
    )
    .unwrap();
    let c = load(&s.0, LoadOptions::default());
    let module = &c.modules[0];
    for slug in ["utf8", "huge", "front"] {
        let page = module.step(slug).unwrap().1.version(Lang::En);
        assert!(page.unavailable.is_some(), "{slug} should be unavailable");
    }
    assert!(
        module
            .step("fine")
            .unwrap()
            .1
            .version(Lang::En)
            .unavailable
            .is_none()
    );
    let utf8 = findings_about(&c, "01-utf8.md");
    assert!(
        utf8.iter()
            .any(|f| f.line == 5 && f.message.contains("UTF-8")),
        "{utf8:?}"
    );
    assert!(
        findings_about(&c, "02-huge.md")
            .iter()
            .any(|f| f.message.contains("limited"))
    );
    assert!(
        findings_about(&c, "03-front.md")
            .iter()
            .any(|f| f.severity == Severity::Error)
    );
}

#[cfg(unix)]
#[test]
fn a_symlink_leading_outside_the_folder_is_refused() {
    let s = Scratch::new("symlink");
    let outside = std::env::temp_dir().join(format!("lab-core-outside-{}.md", std::process::id()));
    std::fs::write(&outside, "---\ntitle: Secret\n---\nsecret\n").unwrap();
    std::os::unix::fs::symlink(&outside, s.0.join("01-mod/02-link.md")).unwrap();
    let c = load(&s.0, LoadOptions::default());
    let _ = std::fs::remove_file(&outside);
    assert!(c.modules[0].step("link").is_none());
    assert!(
        c.findings
            .iter()
            .any(|f| f.message.contains("outside the content folder"))
    );
}

#[test]
fn duplicate_slugs_are_an_error() {
    let s = Scratch::new("dupes");
    std::fs::write(s.0.join("01-mod/01-intro.md"), "---\ntitle: A\n---\nA\n").unwrap();
    std::fs::write(s.0.join("01-mod/02-intro.md"), "---\ntitle: B\n---\nB\n").unwrap();
    let c = load(&s.0, LoadOptions::default());
    assert_eq!(c.modules[0].steps.len(), 1);
    assert!(
        c.findings
            .iter()
            .any(|f| f.message.contains("duplicate slug"))
    );
}

#[test]
fn a_missing_content_folder_is_an_error_not_a_panic() {
    let c = load(Path::new("/definitely/not/here"), LoadOptions::default());
    assert!(c.modules.is_empty());
    assert_eq!(c.count(Severity::Error), 1);
}

#[test]
fn exercises_load_with_their_module_and_are_placed_by_blocks() {
    let c = fixture("hands-on");
    assert_eq!(c.count(Severity::Error), 0, "{:?}", c.findings);
    let m = &c.modules[0];
    let ids: Vec<&str> = m.exercises.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, ["node-tests-cache", "harden-node-image"]);
    let page = m.step("practice").unwrap().1;
    for lang in [Lang::En, Lang::Vi] {
        let v = page.version(lang);
        assert_eq!(v.exercises, ["node-tests-cache", "harden-node-image"]);
        assert!(
            v.html
                .contains("<div class=\"exercise-slot\" data-exercise=\"node-tests-cache\">"),
            "{}",
            v.html
        );
    }
    assert_eq!(
        m.exercise_step("harden-node-image", Lang::Vi),
        Some("practice")
    );
    assert!(m.exercise("node-tests-cache").is_some());
    let s = c.summary();
    assert_eq!(s.exercises, 2);
    assert_eq!(s.exercise_kinds, ["buildspec", "dockerfile"]);
}

#[test]
fn exercise_files_are_neither_pages_nor_assets() {
    let c = fixture("hands-on");
    let slugs: Vec<&str> = c.modules[0].steps.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["practice", "after"]);
    assert!(
        c.assets.keys().all(|k| !k.contains("exercises")),
        "{:?}",
        c.assets.keys()
    );
}

#[test]
fn bad_exercise_blocks_and_broken_exercises_are_errors_with_their_line() {
    let s = Scratch::new("exercise-blocks");
    let m = s.0.join("01-mod");
    let ex = m.join("exercises/01-cache");
    std::fs::create_dir_all(&ex).unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/hands-on/01-pipelines/exercises/01-node-tests-cache");
    for f in [
        "exercise.toml",
        "instructions.md",
        "starter.yml",
        "solution.yml",
    ] {
        std::fs::copy(from.join(f), ex.join(f)).unwrap();
    }
    // The wrong answers are missing: the exercise itself is a load error.
    std::fs::write(
        m.join("01-page.md"),
        "---\ntitle: P\n---\nText\n\n```exercise\nid = \"node-test-cache\"\n```\n\n```exercise\nid = \"node-tests-cache\"\nextra = 1\n```\n\n```exercise\nid = [\n```\n",
    )
    .unwrap();
    let c = load(&s.0, LoadOptions::default());
    let page = findings_about(&c, "01-page.md");
    let lines: Vec<(usize, &str)> = page.iter().map(|f| (f.line, f.message.as_str())).collect();
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 7 && m.contains("no exercise `node-test-cache`")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 12 && m.contains("unknown key `extra`")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|(l, m)| *l == 16 && m.contains("not valid TOML")),
        "{lines:?}"
    );
    let html = &c.modules[0].step("page").unwrap().1.version(Lang::En).html;
    assert!(html.contains("This exercise is unavailable right now"));
    assert!(
        !html.contains("node-test-cache"),
        "the block's text is never shown"
    );
    assert!(
        c.findings
            .iter()
            .any(|f| f.severity == Severity::Error && f.message.contains("wrong/no-cache.yml")),
        "{:?}",
        c.findings
    );
}

#[test]
fn an_exercise_on_no_page_and_a_translation_that_differs_are_reported() {
    let s = Scratch::new("exercise-placement");
    let m = s.0.join("01-mod");
    let from =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/hands-on/01-pipelines/exercises");
    for (name, dir) in [
        ("01-a", "01-node-tests-cache"),
        ("02-b", "05-harden-node-image"),
    ] {
        copy_dir(&from.join(dir), &m.join("exercises").join(name));
    }
    std::fs::write(
        m.join("01-page.md"),
        "---\ntitle: P\n---\n```exercise\nid = \"node-tests-cache\"\n```\n",
    )
    .unwrap();
    std::fs::write(
        m.join("01-page.vi.md"),
        "---\ntitle: P\n---\nKhông có bài.\n",
    )
    .unwrap();
    let c = load(&s.0, LoadOptions::default());
    assert!(
        c.findings.iter().any(|f| f.severity == Severity::Warning
            && f.message
                .contains("exercise `harden-node-image` is on no page")),
        "{:?}",
        c.findings
    );
    assert!(
        findings_about(&c, "01-page.vi.md")
            .iter()
            .any(|f| f.severity == Severity::Error && f.message.contains("places exercises []")),
        "{:?}",
        c.findings
    );
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}
