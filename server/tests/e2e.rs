//! Browser end-to-end tests: headless Chromium, driven through ChromeDriver, against the
//! real server on a loopback port, with the real content and the built wasm bundle.
//!
//! Needs `chromium`, `chromedriver` and `target/site/pkg` (the wasm); `make test`
//! provides all three.

#![allow(clippy::unwrap_used)]

mod common;

use common::{TempDir, hands_on, hands_on_file};
use fantoccini::{Client, ClientBuilder, Locator, key::Key};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The lab, served on 127.0.0.1 on a free port, for the life of the test.
struct Lab {
    url: String,
    state: lab_app::ssr::AppState,
    _dir: TempDir,
}

impl Lab {
    async fn start() -> Lab {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        Lab::with_content(&root.join("content")).await
    }

    async fn with_content(content: &Path) -> Lab {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let site = root.join("target/site");
        assert!(
            site.join("pkg/devops-lab_bg.wasm").exists(),
            "the browser bundle is missing: run `make test` (it builds target/site first)"
        );
        let dir = TempDir::new("e2e");
        let db = format!("sqlite://{}/lab.db", dir.0.display());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let state = devops_lab::build_state(&db, content, &site, addr)
            .await
            .unwrap();
        let router = devops_lab::build_router(state.clone()).await.unwrap();
        tokio::spawn(async move {
            axum::serve(listener, router).await.unwrap();
        });
        Lab {
            url: format!("http://{addr}"),
            state,
            _dir: dir,
        }
    }
}

/// ChromeDriver and a headless Chromium session; both end when this is dropped, even
/// when the test fails.
struct Browser {
    client: Client,
    driver: Child,
    _profile: TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

impl Browser {
    async fn start(width: u32, height: u32) -> Browser {
        Self::launch(width, height, true).await
    }

    async fn without_javascript() -> Browser {
        Self::launch(1280, 900, false).await
    }

    async fn launch(width: u32, height: u32, javascript: bool) -> Browser {
        let chromedriver =
            which("chromedriver").expect("chromedriver is not installed: run `make test`");
        let chromium = which("chromium").expect("chromium is not installed: run `make test`");
        let port = free_port();
        let driver = Command::new(chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start chromedriver");
        let profile = TempDir::new("chromium-profile");
        let caps = serde_json::json!({
            "goog:chromeOptions": {
                "binary": chromium,
                "args": [
                    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage",
                    format!("--user-data-dir={}", profile.0.display()),
                    format!("--window-size={width},{height}"),
                ],
                "prefs": {
                    "profile.managed_default_content_settings.javascript": if javascript { 1 } else { 2 }
                }
            }
        });
        let caps = match caps {
            serde_json::Value::Object(map) => map,
            _ => unreachable!(),
        };
        let deadline = Instant::now() + Duration::from_secs(20);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(c) => break c,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(e) => panic!("cannot start a Chromium session: {e}"),
            }
        };
        Browser {
            client,
            driver,
            _profile: profile,
        }
    }

    async fn goto(&self, url: &str) {
        self.client.goto(url).await.unwrap();
        self.wait_hydrated().await;
    }

    async fn wait_hydrated(&self) {
        self.wait_for("body[data-hydrated]").await;
    }

    async fn wait_for(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(Duration::from_secs(20))
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("`{css}` never appeared: {e}"))
    }

    async fn wait_until(&self, what: &str, script: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let v = self.client.execute(script, vec![]).await.unwrap();
            if v.as_bool() == Some(true) {
                return;
            }
            assert!(Instant::now() < deadline, "timed out waiting until {what}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    async fn eval(&self, script: &str) -> serde_json::Value {
        self.client.execute(script, vec![]).await.unwrap()
    }

    /// Sets the text of the `textarea` inside `section` (appending with `append`), as
    /// typing would: the page hears an `input` event.
    async fn type_into(&self, section: &str, text: &str, append: bool) {
        self.client
            .execute(
                "const [section, text, append] = arguments; \
                 const a = document.querySelector(section + ' textarea'); \
                 a.value = append ? a.value + text : text; \
                 a.dispatchEvent(new Event('input', {bubbles: true})); return true;",
                vec![
                    serde_json::json!(section),
                    serde_json::json!(text),
                    serde_json::json!(append),
                ],
            )
            .await
            .unwrap();
    }

    async fn close(self) {
        let _ = self.client.clone().close().await;
    }
}

/// A marker in `window` survives client-side navigation and is gone after a page load.
const SET_MARKER: &str = "window.__noReload = 'still here'; return true;";
const MARKER_KEPT: &str = "return window.__noReload === 'still here';";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_studies_a_step_marks_it_complete_and_switches_language() {
    let lab = Lab::start().await;
    let browser = Browser::start(1280, 900).await;

    // 1. The catalog.
    browser.goto(&lab.url).await;
    let card = browser
        .wait_for("li.card[data-module='devops-culture'] h3 a")
        .await;
    assert!(card.text().await.unwrap().contains("DORA"));

    // 2. Module 1, then its first step.
    card.click().await.unwrap();
    browser.wait_for(".step-list").await;
    let first_step = browser.wait_for(".step-list li a").await;
    let step_title = first_step.text().await.unwrap();
    first_step.click().await.unwrap();
    browser.wait_for("[data-testid='mark-complete']").await;
    let h1 = browser.wait_for("main h1").await.text().await.unwrap();
    assert_eq!(h1, step_title);

    // 3. Mark it complete: hydration handles the click without a page load.
    browser.eval(SET_MARKER).await;
    browser
        .wait_for("[data-testid='mark-complete']")
        .await
        .click()
        .await
        .unwrap();
    browser.wait_for("[data-testid='completed']").await;
    assert_eq!(
        browser.eval(MARKER_KEPT).await.as_bool(),
        Some(true),
        "marking complete reloaded the page: hydration is not working"
    );
    // The sidebar tick updates in place too.
    browser.wait_for(".nav-step.done").await;

    // Reload: still complete, now from the database.
    browser.client.refresh().await.unwrap();
    browser.wait_hydrated().await;
    browser.wait_for("[data-testid='completed']").await;

    // The → key goes to the next step without a page load.
    browser.eval(SET_MARKER).await;
    let before = browser.client.current_url().await.unwrap();
    browser
        .client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys(&Key::Right.to_string())
        .await
        .unwrap();
    browser
        .wait_until(
            "the URL changes after →",
            &format!("return location.href !== {:?};", before.as_str()),
        )
        .await;
    assert_eq!(browser.eval(MARKER_KEPT).await.as_bool(), Some(true));

    // 4. Switch to Vietnamese: interface and content change, and the choice is kept.
    browser
        .wait_for("[data-testid='lang-switch']")
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_until(
            "the page is in Vietnamese",
            "return document.documentElement.lang === 'vi' && document.body.innerText.includes('Đánh dấu hoàn thành');",
        )
        .await;
    browser.goto(&lab.url).await;
    browser
        .wait_until(
            "the catalog is in Vietnamese after navigating",
            "return document.body.innerText.includes('Tiếp tục từ chỗ bạn dừng lại');",
        )
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_step_is_comfortable_on_a_360_pixel_phone() {
    let lab = Lab::start().await;
    let browser = Browser::start(360, 740).await;
    browser
        .goto(&format!("{}/m/devops-culture/four-keys", lab.url))
        .await;
    // No sideways scrolling; the sidebar starts collapsed behind its toggle.
    let overflow = browser
        .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        .await;
    assert!(
        overflow.as_i64().unwrap_or(99) <= 0,
        "page scrolls sideways by {overflow}px"
    );
    let nav_visible = browser
        .eval("return getComputedStyle(document.querySelector('.nav-modules')).display !== 'none';")
        .await;
    assert_eq!(nav_visible.as_bool(), Some(false));
    browser
        .wait_for(".nav-toggle-label")
        .await
        .click()
        .await
        .unwrap();
    let nav_visible = browser
        .eval("return getComputedStyle(document.querySelector('.nav-modules')).display !== 'none';")
        .await;
    assert_eq!(nav_visible.as_bool(), Some(true));
    browser.close().await;
}

const QUIZ_PAGE: &str = "/m/devops-culture/check-your-understanding";
const QUESTION: &str = "#q-cfr-value";

async fn answer_cfr(browser: &Browser, value: &str) {
    let input = browser
        .wait_for(&format!("{QUESTION} input[name='q.cfr-value']"))
        .await;
    input.clear().await.unwrap();
    input.send_keys(value).await.unwrap();
    browser
        .wait_for(&format!("{QUESTION} [data-testid='check']"))
        .await
        .click()
        .await
        .unwrap();
}

async fn question_state(browser: &Browser) -> String {
    browser
        .wait_for(QUESTION)
        .await
        .attr("data-state")
        .await
        .unwrap()
        .unwrap_or_default()
}

async fn wait_state(browser: &Browser, state: &str) {
    browser
        .wait_until(
            &format!("the question is {state}"),
            &format!("const q = document.querySelector({QUESTION:?}); return !!q && q.dataset.state === {state:?};"),
        )
        .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quiz_answer_is_graded_in_place_with_a_hint_and_kept_after_reload() {
    let lab = Lab::start().await;
    let browser = Browser::start(1280, 900).await;
    browser.goto(&format!("{}{QUIZ_PAGE}", lab.url)).await;
    browser.eval(SET_MARKER).await;

    // Wrong first: the feedback says so and explains.
    answer_cfr(&browser, "12.5").await;
    wait_state(&browser, "incorrect").await;
    let feedback = browser
        .wait_for(&format!("{QUESTION} [data-testid='feedback']"))
        .await
        .text()
        .await
        .unwrap();
    assert!(feedback.contains("Not quite"), "{feedback}");
    assert!(
        feedback.contains("3 ÷ 40"),
        "the explanation is shown: {feedback}"
    );

    // A hint, revealed on request.
    browser
        .wait_for(&format!("{QUESTION} [data-testid='reveal-hint']"))
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for(&format!("{QUESTION} [data-testid='hint']"))
        .await;

    // Then right, with a decimal comma.
    answer_cfr(&browser, "7,5").await;
    wait_state(&browser, "correct").await;
    assert_eq!(
        browser.eval(MARKER_KEPT).await.as_bool(),
        Some(true),
        "answering reloaded the page: the quiz is not hydrated"
    );

    // Reload: the result, the hint and the history are kept.
    browser.client.refresh().await.unwrap();
    browser.wait_hydrated().await;
    assert_eq!(question_state(&browser).await, "correct");
    browser
        .wait_for(&format!("{QUESTION} [data-testid='hint']"))
        .await;
    let history = browser
        .eval(&format!(
            "return document.querySelectorAll({:?}).length;",
            format!("{QUESTION} .history li")
        ))
        .await;
    assert_eq!(history.as_i64(), Some(2));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quiz_works_as_a_plain_form_without_javascript() {
    let lab = Lab::start().await;
    let browser = Browser::without_javascript().await;
    browser
        .client
        .goto(&format!("{}{QUIZ_PAGE}", lab.url))
        .await
        .unwrap();
    let hydrated = browser
        .eval("return document.body.hasAttribute('data-hydrated');")
        .await;
    assert_eq!(hydrated.as_bool(), Some(false), "JavaScript should be off");

    answer_cfr(&browser, "12.5").await;
    browser
        .wait_for(&format!("{QUESTION}[data-state='incorrect']"))
        .await;
    browser
        .wait_for(&format!("{QUESTION} [data-testid='reveal-hint']"))
        .await
        .click()
        .await
        .unwrap();
    browser
        .wait_for(&format!("{QUESTION} [data-testid='hint']"))
        .await;
    answer_cfr(&browser, "7.5").await;
    browser
        .wait_for(&format!("{QUESTION}[data-state='correct']"))
        .await;
    browser.client.refresh().await.unwrap();
    assert_eq!(question_state(&browser).await, "correct");
    browser.close().await;
}

const EXERCISE: &str = "#exercise-node-tests-cache";

async fn click_check(browser: &Browser) {
    browser
        .wait_for(&format!("{EXERCISE} .exercise-actions button.primary"))
        .await
        .click()
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exercise_is_checked_in_place_fixed_and_kept_after_reload() {
    let lab = Lab::with_content(&hands_on()).await;
    let browser = Browser::start(1280, 900).await;
    browser
        .goto(&format!("{}/m/pipelines/practice", lab.url))
        .await;
    browser.eval(SET_MARKER).await;

    // YAML is highlighted in colour, and the editor's height can be dragged.
    let looks = browser
        .eval(&format!(
            "const key = document.querySelector('{EXERCISE} .editor-hl .hl-key'); const pre = document.querySelector('{EXERCISE} .editor-hl'); return [!!key && getComputedStyle(key).color !== getComputedStyle(pre).color, getComputedStyle(document.querySelector('{EXERCISE} .editor')).resize];"
        ))
        .await;
    assert_eq!(looks, serde_json::json!([true, "vertical"]));

    // The starter fails; the failed check's line is marked in the gutter.
    click_check(&browser).await;
    browser
        .wait_for(&format!("{EXERCISE}[data-status='fail']"))
        .await;
    browser
        .wait_for(&format!(
            "{EXERCISE} .gutter li.failed#exercise-node-tests-cache-L9"
        ))
        .await;
    assert_eq!(
        browser.eval(MARKER_KEPT).await.as_bool(),
        Some(true),
        "checking reloaded the page: the exercise is not hydrated"
    );

    // The result's line link puts the caret on that line.
    browser
        .wait_for(&format!("{EXERCISE} a.line-link[data-line='9']"))
        .await
        .click()
        .await
        .unwrap();
    let caret = browser
        .eval(&format!(
            "const a = document.querySelector('{EXERCISE} textarea'); return [document.activeElement === a, a.value.slice(0, a.selectionStart).split('\\n').length];"
        ))
        .await;
    assert_eq!(caret, serde_json::json!([true, 9]));

    // Tab inserts two spaces where the caret is.
    let area = browser.wait_for(&format!("{EXERCISE} textarea")).await;
    area.send_keys("\u{E004}").await.unwrap();
    let line = browser
        .eval(&format!(
            "const a = document.querySelector('{EXERCISE} textarea'); return a.value.split('\\n')[8];"
        ))
        .await;
    assert_eq!(line.as_str(), Some("        - npm install"), "{line}");

    // Type the fix: the highlighting follows and the draft is autosaved.
    let solution = hands_on_file("solution.yml");
    browser.type_into(EXERCISE, &solution, false).await;
    browser
        .wait_until(
            "the highlighted copy shows the new text",
            &format!("return document.querySelector('{EXERCISE} .editor-hl').textContent.includes('npm ci');"),
        )
        .await;
    browser
        .wait_until(
            "the draft is saved",
            &format!("return document.querySelector('{EXERCISE} .editor-status').textContent.includes('saved');"),
        )
        .await;

    // Check again: every check passes.
    click_check(&browser).await;
    browser
        .wait_for(&format!("{EXERCISE}[data-status='pass']"))
        .await;
    assert!(
        browser
            .eval(&format!(
                "return document.querySelectorAll('{EXERCISE} .gutter li.failed').length === 0;"
            ))
            .await
            .as_bool()
            .unwrap()
    );

    // Type and check at once: the autosave still waiting belongs to the editor the
    // check replaces, and must not break the page when its time comes.
    browser.type_into(EXERCISE, "\n# one more line", true).await;
    click_check(&browser).await;
    tokio::time::sleep(Duration::from_millis(2000)).await;
    browser.type_into(EXERCISE, "\n# and another", true).await;
    browser
        .wait_until(
            "the page still reacts after the old editor's save time",
            &format!("return document.querySelector('{EXERCISE} .editor-hl').textContent.includes('# and another');"),
        )
        .await;
    browser.type_into(EXERCISE, &solution, false).await;
    click_check(&browser).await;
    browser
        .wait_until(
            "the check of the solution is shown",
            &format!("return document.querySelector('{EXERCISE}').dataset.status === 'pass' && !document.querySelector('{EXERCISE} textarea').value.includes('# and another');"),
        )
        .await;

    // "Reset to starter" asks first: declined, nothing changes; accepted, the starter is back.
    let starter = hands_on_file("starter.yml");
    for (answer, expect_starter) in [(false, false), (true, true)] {
        browser
            .eval(&format!("window.confirm = () => {answer}; return true;"))
            .await;
        browser
            .wait_for(&format!("{EXERCISE} button[formaction='/exercise/reset']"))
            .await
            .click()
            .await
            .unwrap();
        browser
            .wait_until(
                "the editor holds what the answer asked for",
                &format!(
                    "const v = document.querySelector('{EXERCISE} textarea').value; return (v === {starter:?}) === {expect_starter};"
                ),
            )
            .await;
        if !expect_starter {
            tokio::time::sleep(Duration::from_millis(500)).await;
            let kept = browser
                .eval(&format!(
                    "return document.querySelector('{EXERCISE} textarea').value === {solution:?};"
                ))
                .await;
            assert_eq!(kept.as_bool(), Some(true), "declining kept the file");
        }
    }
    // Back to the solution, checked, for the reload below.
    browser.type_into(EXERCISE, &solution, false).await;
    click_check(&browser).await;
    browser
        .wait_until(
            "the solution is checked again",
            &format!("return document.querySelector('{EXERCISE}').dataset.status === 'pass' && document.querySelector('{EXERCISE} textarea').value === {solution:?};"),
        )
        .await;

    // Reload: the file and the result are kept.
    browser.client.refresh().await.unwrap();
    browser.wait_hydrated().await;
    browser
        .wait_for(&format!("{EXERCISE}[data-status='pass']"))
        .await;
    let kept = browser
        .eval(&format!(
            "return document.querySelector('{EXERCISE} textarea').value;"
        ))
        .await;
    assert_eq!(kept.as_str(), Some(solution.as_str()));
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exercise_works_as_a_plain_form_without_javascript() {
    let lab = Lab::with_content(&hands_on()).await;
    let browser = Browser::without_javascript().await;
    browser
        .client
        .goto(&format!("{}/m/pipelines/practice", lab.url))
        .await
        .unwrap();
    let area = browser.wait_for(&format!("{EXERCISE} textarea")).await;
    area.clear().await.unwrap();
    area.send_keys("version: 0.2\nphases:\n  build:\n    commands:\n      - npm test\n")
        .await
        .unwrap();
    click_check(&browser).await;
    browser
        .wait_for(&format!("{EXERCISE}[data-status='fail'] .results"))
        .await;
    let text = browser
        .wait_for(&format!("{EXERCISE} .results"))
        .await
        .text()
        .await
        .unwrap();
    assert!(text.contains("Submission 1"), "{text}");
    assert!(
        text.contains("npm ci"),
        "the failed check's hint is shown: {text}"
    );
    let kept = browser
        .wait_for(&format!("{EXERCISE} textarea"))
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(kept.contains("- npm test"), "{kept}");
    browser.close().await;
}

/// The form values that answer a quiz correctly for the learner `seed`, as
/// `(field name, value)`; choices are given by their display position.
fn right_answers(quiz: &lab_core::quiz::Quiz, seed: &str) -> Vec<(String, String)> {
    use lab_core::quiz::QuestionKind;
    let mut out = Vec::new();
    for q in &quiz.questions {
        let perm = q.permutation(seed, &quiz.id);
        let shown = |authored: usize| perm.iter().position(|a| *a == authored).unwrap();
        let name = format!("q.{}", q.id);
        match &q.kind {
            QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
                for (i, o) in options.iter().enumerate() {
                    if o.correct {
                        out.push((name.clone(), shown(i).to_string()));
                    }
                }
            }
            QuestionKind::TrueFalse { answer, .. } => out.push((name, answer.to_string())),
            QuestionKind::Numeric { answer, .. } => out.push((name, answer.to_string())),
            QuestionKind::Text { accept, .. } => out.push((name, accept[0].clone())),
            QuestionKind::Order { items } => {
                for row in 0..items.len() {
                    out.push((format!("{name}.{row}"), shown(row).to_string()));
                }
            }
            QuestionKind::Match { pairs } => {
                for row in 0..pairs.len() {
                    out.push((format!("{name}.{row}"), shown(row).to_string()));
                }
            }
        }
    }
    out
}

/// Reads, answers the quiz, does the exercise and marks every step of a module, in one
/// language, then finds the module complete in the catalog.
async fn walk_module(lang: lab_core::Lang) {
    let lab = Lab::start().await;
    let browser = Browser::start(1280, 900).await;
    browser.goto(&lab.url).await;
    if lang == lab_core::Lang::Vi {
        browser
            .wait_for("[data-testid='lang-switch']")
            .await
            .click()
            .await
            .unwrap();
        browser
            .wait_until(
                "the page is in Vietnamese",
                "return document.documentElement.lang === 'vi';",
            )
            .await;
    }
    let (learner,): (String,) = sqlx::query_as("SELECT id FROM learners")
        .fetch_one(&lab.state.db.read)
        .await
        .unwrap();
    let content = lab.state.content.clone();
    let module = content.module("devops-culture").unwrap();
    let seed = lab_app::ssr::quiz::seed(&learner, &module.slug);
    let (mut quizzes, mut exercises) = (0, 0);
    for page in &module.steps {
        let v = page.version(lang);
        browser
            .goto(&format!("{}/m/{}/{}", lab.url, module.slug, page.slug))
            .await;
        // Read: the page's own title is the heading.
        let h1 = browser.wait_for("main h1").await.text().await.unwrap();
        assert_eq!(h1, v.title, "{}", page.slug);
        for quiz in &v.quizzes {
            quizzes += 1;
            let form = format!("#quiz-{} form", quiz.id);
            for (name, value) in right_answers(quiz, &seed) {
                let set = browser
                    .client
                    .execute(
                        "const [form, name, value] = arguments; \
                         const f = document.querySelector(form); \
                         const inputs = [...f.elements].filter(e => e.name === name); \
                         if (!inputs.length) return false; \
                         for (const e of inputs) { \
                           if (e.type === 'radio' || e.type === 'checkbox') { if (e.value === value) e.checked = true; } \
                           else e.value = value; \
                         } return true;",
                        vec![
                            serde_json::json!(form),
                            serde_json::json!(name),
                            serde_json::json!(value),
                        ],
                    )
                    .await
                    .unwrap();
                assert_eq!(set.as_bool(), Some(true), "no field {name}");
            }
            browser
                .wait_for(&format!("{form} > button.primary"))
                .await
                .click()
                .await
                .unwrap();
            browser
                .wait_until(
                    "every question is answered right",
                    &format!(
                        "const qs = [...document.querySelectorAll('#quiz-{} [data-state]')]; return qs.length === {} && qs.every(q => q.dataset.state === 'correct');",
                        quiz.id,
                        quiz.questions.len()
                    ),
                )
                .await;
        }
        for id in &v.exercises {
            exercises += 1;
            let ex = module.exercise(id).unwrap();
            let section = format!("#exercise-{id}");
            browser.type_into(&section, &ex.solution, false).await;
            browser
                .wait_for(&format!("{section} .exercise-actions button.primary"))
                .await
                .click()
                .await
                .unwrap();
            browser
                .wait_for(&format!("{section}[data-status='pass']"))
                .await;
        }
        // A page with a quiz or exercises completes itself once they are done; the others
        // are marked by hand.
        if v.quizzes.is_empty() && v.exercises.is_empty() {
            browser
                .wait_for("[data-testid='mark-complete']")
                .await
                .click()
                .await
                .unwrap();
        }
        browser.wait_for("[data-testid='completed']").await;
        // Stored before moving on.
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let (n,): (i64,) = sqlx::query_as(
                "SELECT count(*) FROM page_progress WHERE learner_id = ? AND page_slug = ?",
            )
            .bind(&learner)
            .bind(&page.slug)
            .fetch_one(&lab.state.db.read)
            .await
            .unwrap();
            if n == 1 {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "{} was never stored as complete",
                page.slug
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
    assert!(
        quizzes >= 1 && exercises >= 1,
        "the walk met a quiz and an exercise"
    );
    let n = module.steps.len();
    browser.goto(&lab.url).await;
    let card = browser
        .wait_for("li.card[data-module='devops-culture']")
        .await
        .text()
        .await
        .unwrap();
    assert!(card.contains(&format!("{n}/{n}")), "{card}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_walks_the_whole_first_module_in_english() {
    walk_module(lab_core::Lang::En).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_learner_walks_the_whole_first_module_in_vietnamese() {
    walk_module(lab_core::Lang::Vi).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exercise_is_usable_on_a_360_pixel_phone() {
    let lab = Lab::with_content(&hands_on()).await;
    let browser = Browser::start(360, 740).await;
    browser
        .goto(&format!("{}/m/pipelines/practice", lab.url))
        .await;
    // The page never scrolls sideways; a long line scrolls inside the editor only.
    let overflow = browser
        .eval("return document.documentElement.scrollWidth - document.documentElement.clientWidth;")
        .await;
    assert!(
        overflow.as_i64().unwrap_or(1) <= 0,
        "sideways scroll: {overflow}"
    );
    // 16 px text, so phones do not zoom into the field, and the copy matches it.
    let sizes = browser
        .eval(&format!(
            "const a = document.querySelector('{EXERCISE} textarea'); const p = document.querySelector('{EXERCISE} .editor-hl code'); return [getComputedStyle(a).fontSize, getComputedStyle(p).fontSize, getComputedStyle(a).lineHeight === getComputedStyle(p).lineHeight];"
        ))
        .await;
    assert_eq!(sizes, serde_json::json!(["16px", "16px", true]));
    // The check button is on screen width and can be pressed.
    click_check(&browser).await;
    browser
        .wait_for(&format!("{EXERCISE}[data-status='fail']"))
        .await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_dora_calculator_reports_in_place_and_keeps_figures_only_when_asked() {
    let lab = Lab::start().await;
    let browser = Browser::start(1280, 900).await;
    browser
        .goto(&format!(
            "{}/m/apply-at-work/measure-dora-for-your-team",
            lab.url
        ))
        .await;
    browser.eval(SET_MARKER).await;
    let (deployments, incidents) = lab_core::data::dora::template_csv();
    browser
        .client
        .execute(
            "const f = document.querySelector('.dora-form'); f.elements.deployments.value = arguments[0]; f.elements.incidents.value = arguments[1]; f.elements.keep.checked = true; return true;",
            vec![serde_json::json!(deployments), serde_json::json!(incidents)],
        )
        .await
        .unwrap();
    browser
        .wait_for(".dora-form button.primary")
        .await
        .click()
        .await
        .unwrap();
    let report = browser
        .wait_for(".dora-result .dora-report")
        .await
        .text()
        .await
        .unwrap();
    assert!(report.contains("Deployment frequency"), "{report}");
    assert!(report.contains("Kept in your progress"), "{report}");
    browser.wait_for(".dora-result svg").await;
    assert_eq!(
        browser.eval(MARKER_KEPT).await.as_bool(),
        Some(true),
        "computing reloaded the page"
    );
    // The kept figures are listed after a reload.
    browser.client.refresh().await.unwrap();
    browser.wait_hydrated().await;
    let kept = browser
        .wait_for(".dora-kept table")
        .await
        .text()
        .await
        .unwrap();
    assert!(kept.contains("%"), "{kept}");
    browser.close().await;
}
