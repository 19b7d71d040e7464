//! Grading every question type.

use super::tests::{HEAD, grade_plain, number, q, text};
use super::*;
use unicode_normalization::UnicodeNormalization;

// Grading: single and multiple.

#[test]
fn a_single_choice_is_graded_in_display_order() {
    let single = q("pick-one");
    // Displayed as C, A, B: position 2 is B, the right one.
    let g = grade(&single, &[2, 0, 1], &Answer::Choice(2)).unwrap();
    assert!(g.correct);
    assert_eq!(g.score, 1.0);
    assert_eq!(g.feedback, ["Yes, B."]);
    assert_eq!(g.explanation, "Because B.");
    assert_eq!(g.expected.as_deref(), Some("B"));
    let marks: Vec<(bool, bool)> = g.marks.iter().map(|m| (m.chosen, m.correct)).collect();
    assert_eq!(marks, [(false, false), (false, false), (true, true)]);

    let wrong = grade(&single, &[2, 0, 1], &Answer::Choice(1)).unwrap();
    assert!(!wrong.correct);
    assert_eq!(wrong.score, 0.0);
    assert_eq!(wrong.feedback, ["Not A."]);
}

#[test]
fn a_single_choice_out_of_range_or_empty_is_rejected() {
    assert_eq!(
        grade_plain("pick-one", Answer::Choice(3)).unwrap_err(),
        AnswerError::OutOfRange { index: 3, count: 3 }
    );
    // A single question has no empty answer; sending no choice at all is the wrong type.
    assert!(matches!(
        grade_plain("pick-one", Answer::Choices(vec![])),
        Err(AnswerError::WrongType { .. })
    ));
}

#[test]
fn multiple_choice_gives_partial_credit() {
    let score = |ds: Vec<usize>| {
        let g = grade_plain("pick-some", Answer::Choices(ds)).unwrap();
        (g.correct, g.score)
    };
    assert_eq!(score(vec![2, 0]), (true, 1.0));
    assert_eq!(score(vec![0]), (false, 0.5));
    assert_eq!(score(vec![0, 1, 2]), (false, 0.5));
    assert_eq!(score(vec![0, 3]), (false, 0.0));
    // More wrong than right is not negative.
    assert_eq!(score(vec![0, 1, 3]), (false, 0.0));
    assert_eq!(score(vec![1, 3]), (false, 0.0));
}

#[test]
fn multiple_choice_feedback_follows_the_display_order() {
    let some = q("pick-some");
    let g = grade(&some, &[1, 0, 2, 3], &Answer::Choices(vec![1, 0])).unwrap();
    assert_eq!(g.feedback, ["B is wrong.", "A is right."]);
    assert_eq!(g.expected.as_deref(), Some("A; C"));
}

#[test]
fn multiple_choice_rejects_empty_duplicate_and_out_of_range_choices() {
    let grade_some = |ds: Vec<usize>| grade_plain("pick-some", Answer::Choices(ds)).unwrap_err();
    assert_eq!(grade_some(vec![]), AnswerError::NothingChosen);
    assert_eq!(grade_some(vec![0, 0]), AnswerError::Duplicate);
    assert_eq!(
        grade_some(vec![0, 4]),
        AnswerError::OutOfRange { index: 4, count: 4 }
    );
}

// Grading: true/false and numbers.

#[test]
fn true_false_shows_the_feedback_of_the_answer_given() {
    let yes = grade_plain("yes-no", Answer::Bool(true)).unwrap();
    assert!(!yes.correct);
    assert_eq!(yes.feedback, ["No, it is not."]);
    let no = grade_plain("yes-no", Answer::Bool(false)).unwrap();
    assert!(no.correct);
    assert_eq!(no.feedback, ["Right, it is not."]);
    assert_eq!(no.expected.as_deref(), Some("false"));
    assert_eq!(
        no.marks,
        [
            Mark {
                chosen: false,
                correct: false
            },
            Mark {
                chosen: true,
                correct: true
            }
        ]
    );
}

#[test]
fn numeric_tolerance_includes_its_boundaries() {
    // 2.5 ± 0.1
    assert_eq!(number("how-long", "2.5"), Ok(true));
    assert_eq!(number("how-long", "2.55"), Ok(true));
    assert_eq!(number("how-long", "2.6"), Ok(true));
    assert_eq!(number("how-long", "2.4"), Ok(true));
    assert_eq!(number("how-long", "2.6001"), Ok(false));
    assert_eq!(number("how-long", "2.3999"), Ok(false));
    assert_eq!(number("how-long", "25"), Ok(false));
}

#[test]
fn percent_tolerance_is_a_share_of_the_answer() {
    // 200 ± 5 %, that is ± 10.
    assert_eq!(number("how-many", "209.9"), Ok(true));
    assert_eq!(number("how-many", "210"), Ok(true));
    assert_eq!(number("how-many", "190"), Ok(true));
    assert_eq!(number("how-many", "210.01"), Ok(false));
    assert_eq!(number("how-many", "189.9"), Ok(false));
}

#[test]
fn numbers_may_use_a_decimal_comma_spaces_and_the_unit() {
    for typed in [
        "2,5", " 2.5 ", "2.5 days", "2,5 Days", "2.5days", "+2.5", "2.50", "25e-1",
    ] {
        assert_eq!(number("how-long", typed), Ok(true), "{typed}");
    }
    assert_eq!(number("how-many", "200%"), Ok(true));
    assert_eq!(number("how-many", "200 %"), Ok(true));
}

#[test]
fn an_empty_or_unreadable_number_is_rejected() {
    assert_eq!(number("how-long", ""), Err(AnswerError::EmptyNumber));
    assert_eq!(number("how-long", "   "), Err(AnswerError::EmptyNumber));
    for typed in [
        "two", "1,000.5", "inf", "NaN", "days", "%", "1.2.3", "--1", "2.5em",
    ] {
        assert_eq!(
            number("how-long", typed),
            Err(AnswerError::NotANumber),
            "{typed}"
        );
    }
    let long = "1".repeat(100);
    assert_eq!(number("how-long", &long), Err(AnswerError::NotANumber));
}

#[test]
fn a_number_in_another_unit_asks_for_the_questions_unit() {
    assert_eq!(
        number("how-long", "2.5 weeks"),
        Err(AnswerError::WrongUnit {
            unit: "days".into()
        })
    );
    // Without a unit to ask for, it is just not a number.
    assert_eq!(
        number("how-many", "200 apples"),
        Err(AnswerError::NotANumber)
    );
}

#[test]
fn a_separator_before_exactly_three_digits_is_ambiguous() {
    let src = format!("{HEAD}type = \"numeric\"\nanswer = 30720\nunit = \"MiB\"\n");
    let memory = parse(&src).unwrap().questions.remove(0);
    let typed = |t: &str| grade(&memory, &[], &Answer::Number(t.into())).map(|g| g.correct);
    for t in ["30,720", "30.720 MiB", "-30,720"] {
        let err = typed(t).unwrap_err();
        assert!(matches!(err, AnswerError::Ambiguous { .. }), "{t}: {err:?}");
    }
    assert_eq!(
        typed("30,720").unwrap_err().to_string(),
        "Do you mean 30.72 or 30720? Write the number without a thousands separator."
    );
    assert_eq!(typed("30720 mib"), Ok(true));
    // A zero whole part, another number of decimals, or a bigger whole part is clear.
    assert_eq!(typed("0,125"), Ok(false));
    assert_eq!(typed("30,72"), Ok(false));
    assert_eq!(typed("30720,000"), Ok(true));
}

#[test]
fn the_expected_number_shows_unit_and_tolerance() {
    let g = grade_plain("how-long", Answer::Number("3".into())).unwrap();
    assert_eq!(g.expected.as_deref(), Some("2.5 days (± 0.1)"));
    let g = grade_plain("how-many", Answer::Number("3".into())).unwrap();
    assert_eq!(g.expected.as_deref(), Some("200 (± 5 %)"));
    assert!(g.marks.is_empty());
}

// Grading: text.

#[test]
fn text_answers_ignore_case_spacing_and_unicode_form() {
    assert!(text("name-it", "Continuous   Deployment"));
    assert!(text("name-it", "  triển khai LIÊN TỤC "));
    let nfd: String = "Triển khai liên tục".nfd().collect();
    assert_ne!(nfd, "Triển khai liên tục");
    assert!(text("name-it", &nfd));
    assert!(!text("name-it", "trien khai lien tuc"));
    assert!(!text("name-it", "continuous delivery"));
}

#[test]
fn an_empty_text_answer_is_wrong_not_an_error() {
    let g = grade_plain("name-it", Answer::Text("   ".into())).unwrap();
    assert!(!g.correct);
    assert_eq!(g.score, 0.0);
    assert_eq!(g.expected.as_deref(), Some("Triển khai liên tục"));
}

#[test]
fn a_regex_is_matched_against_the_normalised_answer() {
    assert!(text("pattern", "v1.2"));
    assert!(text("pattern", "  v10.20 "));
    // case_sensitive
    assert!(!text("pattern", "V1.2"));
    assert!(!text("pattern", "v1.2 beta"));
    let g = grade_plain("pattern", Answer::Text("x".into())).unwrap();
    assert_eq!(g.expected, None);
}

#[test]
fn a_case_insensitive_regex_ignores_the_case_of_the_pattern_too() {
    let src = format!("{HEAD}type = \"text\"\nregex = '^Đúng$'\n");
    let question = parse(&src).unwrap().questions.remove(0);
    let nfd: String = "ĐÚNG".nfd().collect();
    let g = grade(&question, &[], &Answer::Text(nfd)).unwrap();
    assert!(g.correct);
}

#[test]
fn a_text_answer_over_a_thousand_characters_is_rejected() {
    let ok = "x".repeat(MAX_TEXT_CHARS);
    assert!(grade_plain("name-it", Answer::Text(ok)).is_ok());
    let megabyte = "x".repeat(1 << 20);
    assert_eq!(
        grade_plain("name-it", Answer::Text(megabyte)).unwrap_err(),
        AnswerError::TooLong {
            max: MAX_TEXT_CHARS
        }
    );
}

// Grading: order and match.

#[test]
fn order_scores_items_in_their_right_place() {
    let order = q("in-order");
    let perm = [2, 0, 3, 1]; // shown: three, one, four, two
    let all = grade(&order, &perm, &Answer::Order(vec![1, 3, 0, 2])).unwrap();
    assert!(all.correct);
    assert_eq!(all.score, 1.0);
    assert_eq!(all.expected.as_deref(), Some("one → two → three → four"));
    // one, two right; four, three swapped.
    let half = grade(&order, &perm, &Answer::Order(vec![1, 3, 2, 0])).unwrap();
    assert!(!half.correct);
    assert_eq!(half.score, 0.5);
    let right: Vec<bool> = half.marks.iter().map(|m| m.correct).collect();
    assert_eq!(right, [false, true, false, true]);
}

#[test]
fn order_and_match_answers_must_use_every_item_once() {
    for ds in [vec![], vec![0, 1, 2], vec![0, 1, 2, 2], vec![0, 1, 2, 3, 0]] {
        assert_eq!(
            grade_plain("in-order", Answer::Order(ds)).unwrap_err(),
            AnswerError::NotAPermutation { count: 4 }
        );
    }
    assert_eq!(
        grade_plain("in-order", Answer::Order(vec![0, 1, 2, 9])).unwrap_err(),
        AnswerError::OutOfRange { index: 9, count: 4 }
    );
    assert_eq!(
        grade_plain("pairs", Answer::Match(vec![])).unwrap_err(),
        AnswerError::NotAPermutation { count: 3 }
    );
    assert_eq!(
        grade_plain("pairs", Answer::Match(vec![0, 0, 1])).unwrap_err(),
        AnswerError::NotAPermutation { count: 3 }
    );
}

#[test]
fn match_scores_each_correct_pair() {
    let pairs = q("pairs");
    let perm = [1, 2, 0]; // shown: two, three, one
    let all = grade(&pairs, &perm, &Answer::Match(vec![2, 0, 1])).unwrap();
    assert!(all.correct);
    assert_eq!(all.expected.as_deref(), Some("1 → one; 2 → two; 3 → three"));
    let one = grade(&pairs, &perm, &Answer::Match(vec![2, 1, 0])).unwrap();
    assert!(!one.correct);
    assert!((one.score - 1.0 / 3.0).abs() < 1e-12);
    let right: Vec<bool> = one.marks.iter().map(|m| m.correct).collect();
    assert_eq!(right, [true, false, false]);
}

#[test]
fn an_answer_of_the_wrong_type_is_rejected() {
    let cases = [
        ("pick-one", Answer::Bool(true)),
        ("pick-some", Answer::Choice(0)),
        ("yes-no", Answer::Text("false".into())),
        ("how-long", Answer::Text("2.5".into())),
        ("name-it", Answer::Number("1".into())),
        ("in-order", Answer::Match(vec![0, 1, 2, 3])),
        ("pairs", Answer::Order(vec![0, 1, 2])),
    ];
    for (id, answer) in cases {
        let err = grade_plain(id, answer).unwrap_err();
        assert!(matches!(err, AnswerError::WrongType { .. }), "{id}: {err}");
        assert!(err.to_string().starts_with("This answer does not fit"));
    }
}

#[test]
fn answers_travel_as_tagged_json() {
    let json = serde_json::to_string(&Answer::Choices(vec![1, 2])).unwrap();
    assert_eq!(json, r#"{"choices":[1,2]}"#);
    let back: Answer = serde_json::from_str(r#"{"number":"2,5"}"#).unwrap();
    assert_eq!(back, Answer::Number("2,5".into()));
}
