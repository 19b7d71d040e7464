//! Quizzes over HTTP: answers never leak, submissions are graded and stored, limits and
//! bad input are refused with a message and nothing stored.

#![allow(clippy::unwrap_used)]

mod common;

use axum::http::{StatusCode, header};
use common::TestApp;
use lab_core::content::markdown::{render_fragment, render_inline};
use lab_core::quiz::QuestionKind;
use std::path::{Path, PathBuf};

fn quiz_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/quiz")
}

const PAGE: &str = "/m/mod/check";
const FORM: &str = "module=mod&step=check&quiz=check";

/// The display position of an option's text for this learner, read from the page.
fn position_of(html: &str, name: &str, text: &str) -> usize {
    let marker = format!("name=\"{name}\" value=\"");
    html.match_indices(&marker)
        .find_map(|(i, _)| {
            let rest = &html[i + marker.len()..];
            let value: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let label_end = rest.find("</label>")?;
            rest[..label_end]
                .contains(text)
                .then(|| value.parse().unwrap())
        })
        .unwrap_or_else(|| panic!("no option {text} for {name}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_quiz_page_shows_answers_feedback_or_explanations_before_submitting() {
    let content = Path::new(env!("CARGO_MANIFEST_DIR")).join("../content");
    let mut app = TestApp::with_content(&content).await;
    let state = app.state.clone();
    let mut pages = 0;
    for lang in ["en", "vi"] {
        app.cookie = None;
        app.get_with("/", "accept-language", lang).await;
        for m in &state.content.modules {
            for p in &m.steps {
                let v = p.version(lang.parse().unwrap());
                if v.quizzes.is_empty() {
                    continue;
                }
                pages += 1;
                let url = lab_core::content::step_url(&m.slug, &p.slug);
                let r = app.get(&url).await;
                assert_eq!(r.status, StatusCode::OK, "{url}");
                assert!(r.body.contains("data-question="), "{url} shows no quiz");
                // Text the page shows anyway (its content, every prompt and choice): an
                // accepted answer that also appears there gives nothing away.
                let mut visible = v.html.clone();
                for q in v.quizzes.iter().flat_map(|quiz| &quiz.questions) {
                    visible.push_str(&q.prompt);
                    visible.push_str(&choices_of(&q.kind).join(" "));
                }
                for quiz in &v.quizzes {
                    for q in &quiz.questions {
                        for secret in secrets_of(q) {
                            let secret = secret.trim();
                            if secret.chars().count() < 4 || visible.contains(secret) {
                                continue;
                            }
                            for form in [
                                secret.to_owned(),
                                render_fragment(secret),
                                render_inline(secret),
                            ] {
                                let form = form.trim();
                                assert!(
                                    form.is_empty() || !r.body.contains(form),
                                    "{url}: question `{}` leaks {form:?}",
                                    q.id
                                );
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(pages >= 12, "only {pages} quiz pages were checked");
}

fn choices_of(kind: &QuestionKind) -> Vec<String> {
    match kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
            options.iter().map(|o| o.text.clone()).collect()
        }
        QuestionKind::Order { items } => items.clone(),
        QuestionKind::Match { pairs } => pairs
            .iter()
            .flat_map(|p| [p.left.clone(), p.right.clone()])
            .collect(),
        _ => Vec::new(),
    }
}

/// Everything about a question that only a submitted answer may reveal.
fn secrets_of(q: &lab_core::quiz::Question) -> Vec<String> {
    let mut s = vec![q.explanation.clone()];
    match &q.kind {
        QuestionKind::Single { options } | QuestionKind::Multiple { options } => {
            s.extend(options.iter().filter_map(|o| o.feedback.clone()));
        }
        QuestionKind::Text { accept, .. } => s.extend(accept.iter().cloned()),
        QuestionKind::TrueFalse {
            feedback_true,
            feedback_false,
            ..
        } => {
            s.extend(feedback_true.clone());
            s.extend(feedback_false.clone());
        }
        _ => {}
    }
    s
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fixture_quiz_page_hides_its_secret_markers_until_answered() {
    let mut app = TestApp::with_content(&quiz_fixture()).await;
    let page = app.get(PAGE).await;
    assert!(page.body.contains("Which service runs a buildspec?"));
    assert!(!page.body.contains("SECRET-"), "a secret leaked");
    let right = position_of(&page.body, "q.pick-one", "AWS CodeBuild");
    let r = app
        .post_json("/quiz", &format!("{FORM}&only=pick-one&q.pick-one={right}"))
        .await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    let after = app.get(PAGE).await;
    assert!(after.body.contains("SECRET-EXPLANATION-ONE"));
    assert!(after.body.contains("SECRET-FEEDBACK-RIGHT"));
    // Only the answered question's secrets appear.
    assert!(!after.body.contains("SECRET-EXPLANATION-TWO"));
    assert!(!after.body.contains("SECRET-ACCEPT-ECR"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_wrong_answer_does_not_give_the_right_one_away_while_tries_remain() {
    let mut app = TestApp::with_content(&quiz_fixture()).await;
    app.get(PAGE).await;
    app.post_json("/quiz", &format!("{FORM}&only=how-many&q.how-many=3"))
        .await;
    let page = app.get(PAGE).await;
    assert!(
        page.body.contains("SECRET-EXPLANATION-TWO"),
        "the explanation shows"
    );
    assert!(
        !page.body.contains("15% (± 0.5)"),
        "the answer waits for the last try"
    );
    app.post_json("/quiz", &format!("{FORM}&only=how-many&q.how-many=4"))
        .await;
    let page = app.get(PAGE).await;
    assert!(
        page.body.contains("15% (± 0.5)"),
        "no tries left: the answer shows"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_are_graded_stored_with_attempt_numbers_and_shown_after_reload() {
    let mut app = TestApp::with_content(&quiz_fixture()).await;
    let page = app.get(PAGE).await;
    let wrong = position_of(&page.body, "q.pick-one", "AWS CodeDeploy");
    let right = position_of(&page.body, "q.pick-one", "AWS CodeBuild");
    let r = app
        .post_form("/quiz", &format!("{FORM}&only=pick-one&q.pick-one={wrong}"))
        .await;
    // A plain form post goes back to the quiz.
    assert_eq!(r.status, StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers.get(header::LOCATION).unwrap(),
        "/m/mod/check#quiz-check"
    );
    let shown = app.get(PAGE).await;
    assert!(shown.body.contains("data-state=\"incorrect\""));
    assert!(shown.body.contains("SECRET-FEEDBACK-WRONG"));
    app.post_json("/quiz", &format!("{FORM}&only=pick-one&q.pick-one={right}"))
        .await;
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT attempt, correct, answer FROM submissions WHERE item_id = 'pick-one' ORDER BY attempt",
    )
    .fetch_all(&app.state.db.read)
    .await
    .unwrap();
    // Stored in authored order: CodeDeploy is option 1, CodeBuild option 0, whatever the shuffle.
    assert_eq!(
        rows,
        vec![
            (1, 0, "{\"choice\":1}".to_owned()),
            (2, 1, "{\"choice\":0}".to_owned())
        ]
    );
    let shown = app.get(PAGE).await;
    assert!(shown.body.contains("data-state=\"correct\""));
    assert!(shown.body.contains("Your answers (2)"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_attempt_limit_refuses_a_third_try_and_stores_nothing_more() {
    let mut app = TestApp::with_content(&quiz_fixture()).await;
    app.get(PAGE).await;
    for value in ["3", "4"] {
        let r = app
            .post_json("/quiz", &format!("{FORM}&only=how-many&q.how-many={value}"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = app
        .post_json("/quiz", &format!("{FORM}&only=how-many&q.how-many=15"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("used all 2 tries"), "{}", r.body);
    assert_eq!(app.count("SELECT count(*) FROM submissions").await, 2);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn submitting_the_whole_quiz_grades_each_answer_and_completes_the_step() {
    let mut app = TestApp::with_content(&quiz_fixture()).await;
    let page = app.get(PAGE).await;
    let right = position_of(&page.body, "q.pick-one", "AWS CodeBuild");
    let source = position_of_option(&page.body, "q.put-in-order.0", "Source");
    let build = position_of_option(&page.body, "q.put-in-order.0", "Build");
    let deploy = position_of_option(&page.body, "q.put-in-order.0", "Deploy");
    let body = format!(
        "{FORM}&q.pick-one={right}&q.how-many=15+%25&q.name-it=amazon+ecr&q.put-in-order.0={source}&q.put-in-order.1={build}&q.put-in-order.2={deploy}"
    );
    let r = app.post_json("/quiz", &body).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    // Sending the same answers again changes nothing and uses no try.
    let again = app.post_json("/quiz", &body).await;
    assert_eq!(again.status, StatusCode::BAD_REQUEST, "{}", again.body);
    assert_eq!(app.count("SELECT count(*) FROM submissions").await, 4);
    let (correct,): (i64,) = sqlx::query_as("SELECT sum(correct) FROM submissions")
        .fetch_one(&app.state.db.read)
        .await
        .unwrap();
    assert_eq!(correct, 4);
    assert_eq!(app.count("SELECT count(*) FROM page_progress").await, 1);
    let home = app.get("/").await;
    assert!(home.body.contains("1/2 steps done"), "{}", home.body);
    assert!(
        home.body.contains("Quiz: 100%"),
        "the catalog shows the quiz score"
    );
    let step = app.get(PAGE).await;
    assert!(step.body.contains("nav-score"));
}

/// The display position of an `<option>` in a select named `name`.
fn position_of_option(html: &str, name: &str, text: &str) -> usize {
    let start = html.find(&format!("name=\"{name}\"")).unwrap();
    let end = start + html[start..].find("</select>").unwrap();
    let select = &html[start..end];
    select
        .match_indices("<option value=\"")
        .find_map(|(i, m)| {
            let rest = &select[i + m.len()..];
            let value: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let close = rest.find("</option>")?;
            rest[..close].contains(text).then(|| value.parse().unwrap())
        })
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hints_are_revealed_one_at_a_time_and_recorded() {
    let mut app = TestApp::with_content(&quiz_fixture()).await;
    app.get(PAGE).await;
    for _ in 0..2 {
        let r = app
            .post_json("/quiz/hint", &format!("{FORM}&hint=pick-one"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    }
    let r = app
        .post_json("/quiz/hint", &format!("{FORM}&hint=pick-one"))
        .await;
    assert_eq!(r.status, StatusCode::CONFLICT);
    assert!(r.body.contains("no more hints"));
    assert_eq!(app.count("SELECT count(*) FROM hint_reveals").await, 2);
    let page = app.get(PAGE).await;
    assert!(page.body.contains("It builds."));
    assert!(page.body.contains("Code-something."));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_quiz_input_gets_a_4xx_with_a_message_and_stores_nothing() {
    let mut app = TestApp::with_content(&quiz_fixture()).await;
    app.get(PAGE).await;
    let cases: Vec<(String, StatusCode, &str)> = vec![
        (
            "module=mod&step=check&quiz=nope&only=pick-one&q.pick-one=0".to_owned(),
            StatusCode::NOT_FOUND,
            "no quiz",
        ),
        (
            format!("{FORM}&only=who&q.who=1"),
            StatusCode::BAD_REQUEST,
            "no question",
        ),
        (
            format!("{FORM}&q.ghost=1"),
            StatusCode::BAD_REQUEST,
            "no question",
        ),
        (
            format!("{FORM}&only=pick-one&q.pick-one=7"),
            StatusCode::BAD_REQUEST,
            "no choice number 8",
        ),
        (
            format!("{FORM}&only=pick-one&q.pick-one=CodeBuild"),
            StatusCode::BAD_REQUEST,
            "not an option number",
        ),
        (
            format!("{FORM}&only=how-many&q.how-many=fifteen"),
            StatusCode::BAD_REQUEST,
            "not a number",
        ),
        (
            format!("{FORM}&only=pick-one&q.pick-one=0&q.pick-one=1"),
            StatusCode::BAD_REQUEST,
            "more than once",
        ),
        (
            format!("{FORM}&quiz=check&only=pick-one&q.pick-one=0"),
            StatusCode::BAD_REQUEST,
            "more than once",
        ),
        (
            format!(
                "{FORM}&only=put-in-order&q.put-in-order.0=0&q.put-in-order.1=0&q.put-in-order.2=1"
            ),
            StatusCode::BAD_REQUEST,
            "exactly once",
        ),
        (
            format!("{FORM}&only=put-in-order&q.put-in-order.9=0"),
            StatusCode::BAD_REQUEST,
            "no place",
        ),
        (
            format!("{FORM}&only=name-it&q.name-it={}", "x".repeat(2000)),
            StatusCode::BAD_REQUEST,
            "too long",
        ),
        (
            format!("{FORM}&only=pick-one"),
            StatusCode::BAD_REQUEST,
            "Answer the question",
        ),
        (
            FORM.to_owned(),
            StatusCode::BAD_REQUEST,
            "No answer was given",
        ),
        (
            "step=check&quiz=check".to_owned(),
            StatusCode::BAD_REQUEST,
            "`module` is missing",
        ),
    ];
    for (body, status, words) in cases {
        let r = app.post_json("/quiz", &body).await;
        assert_eq!(r.status, status, "{body}: {}", r.body);
        assert!(r.body.contains(words), "{body}: {}", r.body);
    }
    // Invalid UTF-8 and a 1 MB answer.
    let mut raw = format!("{FORM}&only=name-it&q.name-it=").into_bytes();
    raw.extend_from_slice(&[0xff, 0xfe]);
    let r = app.post_bytes("/quiz", raw).await;
    assert_eq!(r.status, StatusCode::BAD_REQUEST);
    assert!(r.body.contains("UTF-8"));
    let huge = format!("{FORM}&only=name-it&q.name-it={}", "a".repeat(1024 * 1024));
    let r = app.post_bytes("/quiz", huge.into_bytes()).await;
    assert_eq!(r.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(app.count("SELECT count(*) FROM submissions").await, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_quiz_block_leaves_the_page_readable() {
    let mut app = TestApp::with_content(&quiz_fixture()).await;
    let r = app.get("/m/mod/broken").await;
    assert_eq!(r.status, StatusCode::OK);
    assert!(r.body.contains("The page still renders."));
    assert!(r.body.contains("This quiz is unavailable"));
    let findings: Vec<String> = app
        .state
        .content
        .findings
        .iter()
        .map(|f| f.to_string())
        .collect();
    assert!(
        findings
            .iter()
            .any(|f| f.contains("02-broken.md:") && f.contains("error: quiz:")),
        "{findings:?}"
    );
}
