//! Checking that a translated quiz grades like the original.

use super::{Question, QuestionKind, Quiz, Tolerance};

/// Differences between a quiz and its translation that would grade them differently:
/// quiz id, attempts, question ids (missing, extra, reordered), types, shuffling, and
/// answer data (correct flags by option position, true/false answers, numeric answers
/// and tolerances, numbers of options, items and pairs). Empty when they agree.
///
/// Texts are not compared: prompts, options and feedback are translated, and the
/// accepted answers of a text question may rightly differ between languages.
pub fn compare_translations(en: &Quiz, vi: &Quiz) -> Vec<String> {
    let mut problems = Vec::new();
    if en.id != vi.id {
        problems.push(format!(
            "quiz id `{}` is `{}` in the translation",
            en.id, vi.id
        ));
    }
    if en.attempts != vi.attempts {
        problems.push(format!(
            "attempts differ: {} and {} in the translation",
            attempts(en.attempts),
            attempts(vi.attempts)
        ));
    }
    for q in &en.questions {
        match vi.question(&q.id) {
            Some(t) => compare_question(q, t, &mut problems),
            None => problems.push(format!(
                "question `{}` is missing from the translation",
                q.id
            )),
        }
    }
    for t in &vi.questions {
        if en.question(&t.id).is_none() {
            problems.push(format!("question `{}` is only in the translation", t.id));
        }
    }
    let common = |a: &Quiz, b: &Quiz| -> Vec<String> {
        a.questions
            .iter()
            .filter(|q| b.question(&q.id).is_some())
            .map(|q| q.id.clone())
            .collect()
    };
    if common(en, vi) != common(vi, en) {
        problems.push("the questions are in another order in the translation".to_owned());
    }
    problems
}

fn attempts(n: Option<u32>) -> String {
    n.map_or_else(|| "unlimited".to_owned(), |n| n.to_string())
}

fn compare_question(q: &Question, t: &Question, problems: &mut Vec<String>) {
    let id = &q.id;
    let mut differ = |what: String| problems.push(format!("question `{id}`: {what}"));
    if q.kind.name() != t.kind.name() {
        differ(format!(
            "type `{}` is `{}` in the translation",
            q.kind.name(),
            t.kind.name()
        ));
        return;
    }
    if q.shuffle != t.shuffle {
        differ("`shuffle` differs".to_owned());
    }
    let count = |what: &str, a: usize, b: usize| {
        (a != b).then(|| format!("{a} {what}, {b} in the translation"))
    };
    match (&q.kind, &t.kind) {
        (QuestionKind::Single { options: a }, QuestionKind::Single { options: b })
        | (QuestionKind::Multiple { options: a }, QuestionKind::Multiple { options: b }) => {
            if let Some(m) = count("options", a.len(), b.len()) {
                differ(m);
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                if x.correct != y.correct {
                    let (yes, no) = if x.correct {
                        ("correct", "not")
                    } else {
                        ("not correct", "correct")
                    };
                    differ(format!(
                        "option {} is {yes} but {no} in the translation",
                        i + 1
                    ));
                }
            }
        }
        (QuestionKind::TrueFalse { answer: a, .. }, QuestionKind::TrueFalse { answer: b, .. })
            if a != b =>
        {
            differ(format!("answer is {a}, {b} in the translation"));
        }
        (
            QuestionKind::Numeric {
                answer: a,
                tolerance: ta,
                ..
            },
            QuestionKind::Numeric {
                answer: b,
                tolerance: tb,
                ..
            },
        ) => {
            if a != b {
                differ(format!("answer is {a}, {b} in the translation"));
            }
            if ta != tb {
                differ(format!(
                    "tolerance is {}, {} in the translation",
                    tolerance(*ta),
                    tolerance(*tb)
                ));
            }
        }
        (QuestionKind::Order { items: a }, QuestionKind::Order { items: b }) => {
            if let Some(m) = count("items", a.len(), b.len()) {
                differ(m);
            }
        }
        (QuestionKind::Match { pairs: a }, QuestionKind::Match { pairs: b }) => {
            if let Some(m) = count("pairs", a.len(), b.len()) {
                differ(m);
            }
        }
        // Same true/false answer; text: accepted answers are language-specific.
        _ => {}
    }
}

fn tolerance(t: Tolerance) -> String {
    match t {
        Tolerance::Absolute(x) => format!("± {x}"),
        Tolerance::Percent(p) => format!("± {p} %"),
    }
}
