//! Parsing, shuffling, viewing and comparing quizzes; the fixture the grading tests share.

use super::*;

/// One question of every type. Line numbers matter to some tests.
pub(super) const ALL_TYPES: &str = r#"
id = "sample"
title = "Sample"
attempts = 3

[[questions]]
id = "pick-one"
type = "single"
prompt = "Which one?"
hints = ["Think.", "Think harder."]
explanation = "Because B."
[[questions.options]]
text = "A"
feedback = "Not A."
[[questions.options]]
text = "B"
correct = true
feedback = "Yes, B."
[[questions.options]]
text = "C"

[[questions]]
id = "pick-some"
type = "multiple"
prompt = "Which ones?"
explanation = "A and C."
[[questions.options]]
text = "A"
correct = true
feedback = "A is right."
[[questions.options]]
text = "B"
feedback = "B is wrong."
[[questions.options]]
text = "C"
correct = true
[[questions.options]]
text = "D"

[[questions]]
id = "yes-no"
type = "true_false"
prompt = "Is it?"
answer = false
feedback_true = "No, it is not."
feedback_false = "Right, it is not."
explanation = "It is not."

[[questions]]
id = "how-long"
type = "numeric"
prompt = "How long?"
answer = 2.5
tolerance = 0.1
unit = "days"
explanation = "2.5 days."

[[questions]]
id = "how-many"
type = "numeric"
prompt = "How many?"
answer = 200
tolerance_percent = 5
explanation = "About 200."

[[questions]]
id = "name-it"
type = "text"
prompt = "Name it."
accept = ["Triển khai liên tục", "continuous deployment"]
explanation = "Continuous deployment."

[[questions]]
id = "pattern"
type = "text"
prompt = "Which version?"
regex = '^v\d+\.\d+$'
case_sensitive = true
explanation = "Any vN.N."

[[questions]]
id = "in-order"
type = "order"
prompt = "Order them."
items = ["one", "two", "three", "four"]
explanation = "Counting."

[[questions]]
id = "pairs"
type = "match"
prompt = "Match them."
pairs = [
  { left = "1", right = "one" },
  { left = "2", right = "two" },
  { left = "3", right = "three" },
]
explanation = "Numbers."
"#;

pub(super) fn quiz() -> Quiz {
    parse(ALL_TYPES).unwrap()
}

pub(super) fn q(id: &str) -> Question {
    quiz().question(id).unwrap().clone()
}

pub(super) fn identity(q: &Question) -> Vec<usize> {
    (0..q.shuffled_len()).collect()
}

/// Grades with the authored order as the display order.
pub(super) fn grade_plain(id: &str, answer: Answer) -> Result<Graded, AnswerError> {
    let q = q(id);
    grade(&q, &identity(&q), &answer)
}

pub(super) fn number(id: &str, typed: &str) -> Result<bool, AnswerError> {
    grade_plain(id, Answer::Number(typed.into())).map(|g| g.correct)
}

pub(super) fn text(id: &str, typed: &str) -> bool {
    grade_plain(id, Answer::Text(typed.into())).unwrap().correct
}

/// The errors of a quiz that should not parse.
fn errors(src: &str) -> Vec<QuizError> {
    parse(src).expect_err("the quiz should not parse")
}

pub(super) const HEAD: &str =
    "id = \"t\"\n\n[[questions]]\nid = \"a\"\nprompt = \"P\"\nexplanation = \"E\"\n";

// Parsing.

#[test]
fn a_quiz_with_every_type_parses() {
    let quiz = quiz();
    assert_eq!(quiz.id, "sample");
    assert_eq!(quiz.title.as_deref(), Some("Sample"));
    assert_eq!(quiz.attempts, Some(3));
    let kinds: Vec<_> = quiz.questions.iter().map(|q| q.kind.name()).collect();
    assert_eq!(
        kinds,
        [
            "single",
            "multiple",
            "true_false",
            "numeric",
            "numeric",
            "text",
            "text",
            "order",
            "match"
        ]
    );
    let first = &quiz.questions[0];
    assert_eq!(first.line, 6);
    assert_eq!(first.hints.len(), 2);
    assert!(first.shuffle);
    assert!(matches!(
        q("how-many").kind,
        QuestionKind::Numeric {
            tolerance: Tolerance::Percent(5.0),
            ..
        }
    ));
}

#[test]
fn zero_or_missing_attempts_mean_unlimited() {
    let body = "[[questions]]\nid = \"a\"\ntype = \"true_false\"\nprompt = \"P\"\nexplanation = \"E\"\nanswer = true\n";
    let zero = parse(&format!("id = \"t\"\nattempts = 0\n{body}")).unwrap();
    let missing = parse(&format!("id = \"t\"\n{body}")).unwrap();
    assert_eq!((zero.attempts, missing.attempts), (None, None));
    let negative = errors(&format!("id = \"t\"\nattempts = -1\n{body}"));
    assert_eq!(negative[0].line, 2, "{negative:?}");
}

#[test]
fn invalid_toml_is_an_error_on_its_line() {
    let errs = errors("id = \"t\"\n\n[[questions]]\nid = \"a\nprompt = \"P\"\n");
    assert_eq!(errs[0].line, 4, "{errs:?}");
}

#[test]
fn an_unknown_key_is_an_error_naming_it_on_its_line() {
    let src = format!(
        "{HEAD}type = \"single\"\n[[questions.options]]\ntext = \"A\"\ncorect = true\n[[questions.options]]\ntext = \"B\"\ncorrect = true\n"
    );
    let errs = errors(&src);
    let typo = errs
        .iter()
        .find(|e| e.message.contains("`corect`"))
        .unwrap();
    assert_eq!(typo.line, 10);
    assert!(typo.message.contains("did you mean `correct`"), "{typo}");
}

#[test]
fn unknown_keys_at_the_top_and_in_pairs_are_errors_too() {
    let src = "id = \"t\"\ntitel = \"x\"\n[[questions]]\nid = \"a\"\ntype = \"match\"\nprompt = \"P\"\nexplanation = \"E\"\npairs = [{ left = \"1\", right = \"one\" }, { left = \"2\", rigth = \"two\" }]\n";
    let errs = errors(src);
    assert!(
        errs.iter()
            .any(|e| e.line == 2 && e.message.contains("`titel`"))
    );
    assert!(
        errs.iter()
            .any(|e| e.line == 8 && e.message.contains("`rigth`"))
    );
}

#[test]
fn a_value_of_the_wrong_type_is_an_error_on_its_line() {
    let src = format!(
        "{HEAD}type = \"single\"\n[[questions.options]]\ntext = \"A\"\ncorrect = \"yes\"\n[[questions.options]]\ntext = \"B\"\n"
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].to_string(), format!("line 10: {}", errs[0].message));
    assert!(errs[0].message.contains("expected a boolean"), "{errs:?}");
}

#[test]
fn a_key_of_another_type_is_an_error() {
    let src = format!(
        "{HEAD}type = \"single\"\ntolerance = 1\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\ntext = \"B\"\n"
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line, 8);
    assert!(errs[0].message.contains("`tolerance` does not apply"));
}

#[test]
fn turning_shuffle_off_on_an_order_question_is_an_error() {
    let src = format!("{HEAD}type = \"order\"\nshuffle = false\nitems = [\"x\", \"y\"]\n");
    let errs = errors(&src);
    assert!(errs[0].message.contains("always shuffled"), "{errs:?}");
}

#[test]
fn a_single_question_with_two_correct_answers_is_an_error_on_the_second() {
    let src = format!(
        "{HEAD}type = \"single\"\n[[questions.options]]\ntext = \"A\"\ncorrect = true\n[[questions.options]]\ntext = \"B\"\ncorrect = true\n"
    );
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line, 11);
    assert!(errs[0].message.contains("only one option may be correct"));
}

#[test]
fn a_choice_question_needs_a_correct_option_and_two_options() {
    let src = format!("{HEAD}type = \"multiple\"\n[[questions.options]]\ntext = \"A\"\n");
    let errs = errors(&src);
    assert!(errs.iter().any(|e| e.message.contains("no correct option")));
    assert!(
        errs.iter()
            .any(|e| e.message.contains("at least 2 options"))
    );
}

#[test]
fn duplicate_question_ids_are_an_error_naming_the_first() {
    let one = "[[questions]]\nid = \"same\"\ntype = \"true_false\"\nprompt = \"P\"\nexplanation = \"E\"\nanswer = true\n";
    let errs = errors(&format!("id = \"t\"\n{one}{one}"));
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line, 9);
    assert!(errs[0].message.contains("first used on line 2"), "{errs:?}");
}

#[test]
fn ids_must_be_lower_case_letters_digits_and_hyphens() {
    let src = "id = \"Quiz 1\"\n[[questions]]\nid = \"-a_b\"\ntype = \"true_false\"\nprompt = \"P\"\nexplanation = \"E\"\nanswer = true\n";
    let lines: Vec<usize> = errors(src).iter().map(|e| e.line).collect();
    assert_eq!(lines, [1, 3]);
}

#[test]
fn a_bad_regex_is_an_error_on_its_line() {
    let src = format!("{HEAD}type = \"text\"\nregex = '^(unclosed$'\n");
    let errs = errors(&src);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].line, 8);
    assert!(errs[0].message.contains("does not compile"), "{errs:?}");
    assert!(!errs[0].message.contains('\n'));
}

#[test]
fn a_regex_too_big_to_compile_is_an_error() {
    let src = format!("{HEAD}type = \"text\"\nregex = '\\w{{1000}}{{1000}}'\n");
    let errs = errors(&src);
    assert!(errs[0].message.contains("size limit"), "{errs:?}");
}

#[test]
fn numeric_answers_and_tolerances_are_checked() {
    let both =
        format!("{HEAD}type = \"numeric\"\nanswer = 1\ntolerance = 1\ntolerance_percent = 1\n");
    assert!(errors(&both)[0].message.contains("keep one"));
    let negative = format!("{HEAD}type = \"numeric\"\nanswer = 1\ntolerance = -0.5\n");
    assert_eq!(errors(&negative)[0].line, 9);
    let not_finite = format!("{HEAD}type = \"numeric\"\nanswer = nan\n");
    assert!(errors(&not_finite)[0].message.contains("finite"));
    let boolean = format!("{HEAD}type = \"numeric\"\nanswer = true\n");
    assert_eq!(errors(&boolean)[0].line, 8);
}

#[test]
fn order_and_match_need_two_distinct_entries() {
    let order = format!("{HEAD}type = \"order\"\nitems = [\"x\", \"X \"]\n");
    assert!(errors(&order)[0].message.contains("two items reading `X`"));
    let short = format!("{HEAD}type = \"order\"\nitems = [\"x\"]\n");
    assert!(errors(&short)[0].message.contains("at least 2 items"));
    let pairs = format!(
        "{HEAD}type = \"match\"\npairs = [{{ left = \"a\", right = \"r\" }}, {{ left = \"a\", right = \"r\" }}]\n"
    );
    let errs = errors(&pairs);
    assert_eq!(errs.len(), 2, "{errs:?}");
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let src = "title = 3\n\n[[questions]]\nid = \"a\"\ntype = \"single\"\nprompt = \"\"\nexplanation = \"E\"\n\n[[questions]]\nid = \"b\"\ntype = \"choice\"\nprompt = \"P\"\nexplanation = \"E\"\n\n[[questions]]\nid = \"c\"\ntype = \"text\"\nprompt = \"P\"\nexplanation = \"E\"\nacept = [\"x\"]\n";
    let errs = errors(src);
    let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
    // No quiz id; title not a string; empty prompt; no options; unknown type; the typo
    // `acept`, and (with it removed) nothing to accept.
    assert_eq!(lines, [1, 1, 3, 6, 11, 17, 20], "{errs:#?}");
}

// Shuffling.

#[test]
fn the_same_learner_always_gets_the_same_order() {
    let a = permutation("learner-1", "quiz", "q1", 8, true);
    for _ in 0..10 {
        assert_eq!(permutation("learner-1", "quiz", "q1", 8, true), a);
    }
    let mut sorted = a.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (0..8).collect::<Vec<_>>());
}

#[test]
fn different_learners_usually_get_different_orders() {
    let orders: std::collections::HashSet<Vec<usize>> = (0..100)
        .map(|i| permutation(&format!("learner-{i}"), "quiz", "q1", 5, true))
        .collect();
    // 120 orders possible (119 without the identity): most of 100 learners differ.
    assert!(orders.len() > 40, "{}", orders.len());
    let other_question = permutation("learner-1", "quiz", "q2", 8, true);
    assert_ne!(
        permutation("learner-1", "quiz", "q1", 8, true),
        other_question
    );
}

#[test]
fn without_shuffle_the_order_is_the_authored_one() {
    assert_eq!(permutation("x", "quiz", "q", 4, false), [0, 1, 2, 3]);
    assert_eq!(permutation("x", "quiz", "q", 1, true), [0]);
    assert!(permutation("x", "quiz", "q", 0, true).is_empty());
}

#[test]
fn an_order_question_is_never_shown_in_its_correct_order() {
    for n in 2..6 {
        for i in 0..200 {
            let p = permutation(&i.to_string(), "quiz", "order", n, true);
            assert!(p.iter().enumerate().any(|(d, &i)| d != i), "{p:?}");
        }
    }
    let order = q("in-order");
    let mut unshuffled = order.clone();
    unshuffled.shuffle = false;
    assert_ne!(unshuffled.permutation("x", "sample"), identity(&order));
}

// The public view.

#[test]
fn the_public_view_lists_choices_in_display_order() {
    let single = q("pick-one");
    let view = public_view(&single, &[2, 0, 1]);
    assert_eq!(view.choices, ["C", "A", "B"]);
    assert_eq!((view.kind.as_str(), view.multiple), ("single", false));
    assert_eq!(view.hints_available, 2);
    assert!(public_view(&q("pick-some"), &[0, 1, 2, 3]).multiple);

    let pairs = public_view(&q("pairs"), &[1, 2, 0]);
    assert_eq!(pairs.lefts, ["1", "2", "3"]);
    assert_eq!(pairs.choices, ["two", "three", "one"]);

    let numeric = public_view(&q("how-long"), &[]);
    assert_eq!(numeric.unit.as_deref(), Some("days"));
    assert!(numeric.choices.is_empty() && numeric.lefts.is_empty());
}

#[test]
fn a_broken_order_shows_the_authored_order() {
    assert_eq!(
        public_view(&q("pick-one"), &[0, 0, 1]).choices,
        ["A", "B", "C"]
    );
    assert_eq!(public_view(&q("pick-one"), &[5]).choices, ["A", "B", "C"]);
}

#[test]
fn the_public_quiz_uses_each_questions_permutation() {
    let quiz = quiz();
    let view = quiz.public_view("learner-7");
    assert_eq!(view.attempts, Some(3));
    let order = &quiz.questions[7];
    let perm = order.permutation("learner-7", &quiz.id);
    assert_eq!(view.questions[7], public_view(order, &perm));
    let json = serde_json::to_string(&view).unwrap();
    for secret in [
        "Yes, B.",
        "Because B.",
        "continuous deployment",
        "2.5",
        "v\\\\d",
    ] {
        assert!(!json.contains(secret), "{secret} leaked: {json}");
    }
}

// Translations.

#[test]
fn a_faithful_translation_has_no_differences() {
    let vi = ALL_TYPES
        .replace("\"Which one?\"", "\"Cái nào?\"")
        .replace("\"continuous deployment\"", "\"triển khai liên tục\"");
    assert!(compare_translations(&quiz(), &parse(&vi).unwrap()).is_empty());
}

#[test]
fn translation_differences_that_change_grading_are_listed() {
    let vi = ALL_TYPES
        .replace("id = \"sample\"", "id = \"sample-vi\"")
        .replace("answer = false", "answer = true")
        .replace("answer = 2.5", "answer = 2.6")
        .replace("tolerance_percent = 5", "tolerance_percent = 10")
        .replace("text = \"B\"\ncorrect = true", "text = \"B\"")
        .replace(
            "text = \"A\"\nfeedback = \"Not A.\"",
            "text = \"A\"\ncorrect = true",
        )
        .replace("\"three\", \"four\"]", "\"three\"]")
        .replace("id = \"pairs\"", "id = \"pairs-vi\"");
    let problems = compare_translations(&quiz(), &parse(&vi).unwrap());
    let expected = [
        "quiz id `sample` is `sample-vi`",
        "`pick-one`: option 1 is not correct but correct",
        "`pick-one`: option 2 is correct but not",
        "`yes-no`: answer is false, true",
        "`how-long`: answer is 2.5, 2.6",
        "`how-many`: tolerance is ± 5 %, ± 10 %",
        "`in-order`: 4 items, 3",
        "question `pairs` is missing",
        "question `pairs-vi` is only in the translation",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p.contains(e)),
            "{e} not in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
}

#[test]
fn another_type_in_the_translation_is_listed() {
    let vi = ALL_TYPES.replace(
        "type = \"true_false\"\nprompt = \"Is it?\"\nanswer = false\nfeedback_true = \"No, it is not.\"\nfeedback_false = \"Right, it is not.\"",
        "type = \"numeric\"\nprompt = \"Is it?\"\nanswer = 0",
    );
    let problems = compare_translations(&quiz(), &parse(&vi).unwrap());
    assert_eq!(
        problems,
        ["question `yes-no`: type `true_false` is `numeric` in the translation"]
    );
}
