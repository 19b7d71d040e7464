//! Grading a submitted answer against a question (the rules are in the module doc).

use super::shuffle::checked;
use super::{Choice, Pair, Question, QuestionKind, Tolerance};
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

/// Longest text answer accepted, in characters.
pub const MAX_TEXT_CHARS: usize = 1_000;
/// Longest numeric answer accepted, in characters: no number needs more.
const MAX_NUMBER_CHARS: usize = 64;

/// A learner's answer. Positions refer to the display order of [`super::PublicQuestion`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Answer {
    /// Single choice: the display position of the chosen option.
    Choice(usize),
    /// Multiple choice: the display positions of the chosen options.
    Choices(Vec<usize>),
    /// True or false.
    Bool(bool),
    /// Numeric, as typed.
    Number(String),
    /// Text, as typed.
    Text(String),
    /// Order: display positions of the items, first to last as the learner put them.
    Order(Vec<usize>),
    /// Match: for each left-hand item (authored order), the display position of the
    /// right-hand item paired with it.
    Match(Vec<usize>),
}

/// Why an answer cannot be graded. Nothing is recorded; the learner can fix and resend.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    /// The answer is of another type than the question.
    #[error("This answer does not fit the question, which expects {expected}.")]
    WrongType {
        /// What the question expects, in words.
        expected: &'static str,
    },
    /// A position past the last choice.
    #[error("There is no choice number {} here: there are {count}.", index + 1)]
    OutOfRange {
        /// The position sent, from 0.
        index: usize,
        /// How many choices there are.
        count: usize,
    },
    /// The same option chosen twice.
    #[error("The same option was chosen twice.")]
    Duplicate,
    /// A multiple choice answer with nothing chosen.
    #[error("Choose at least one option.")]
    NothingChosen,
    /// An order or match answer that does not use every item exactly once.
    #[error("Use each of the {count} items exactly once.")]
    NotAPermutation {
        /// How many items there are.
        count: usize,
    },
    /// A text answer over [`MAX_TEXT_CHARS`].
    #[error("The answer is too long: at most {max} characters.")]
    TooLong {
        /// The limit.
        max: usize,
    },
    /// An empty numeric answer.
    #[error("Enter a number.")]
    EmptyNumber,
    /// A numeric answer that is not a number.
    #[error("That is not a number. Write it like 2.5 or 2,5.")]
    NotANumber,
    /// A number followed by a unit other than the question's.
    #[error("Give the answer in {unit}.")]
    WrongUnit {
        /// The question's unit.
        unit: String,
    },
    /// A number like `1,500` or `1.500`, where the separator could group thousands.
    #[error(
        "Do you mean {decimal} or {thousands}? Write the number without a thousands separator."
    )]
    Ambiguous {
        /// The number read with a decimal separator (`1.5`).
        decimal: String,
        /// The number read with a thousands separator (`1500`).
        thousands: String,
    },
}

/// How one display position came out, for the page to tick or cross.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// The learner chose (or placed) it.
    pub chosen: bool,
    /// Single, multiple, true/false: this choice is a right one. Order and match: the
    /// learner put it in the right place.
    pub correct: bool,
}

/// The outcome of grading one answer. Meant for the learner, after they submit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Graded {
    /// Entirely right.
    pub correct: bool,
    /// From 0.0 to 1.0; partial for multiple, order and match.
    pub score: f64,
    /// Markdown: the feedback of each chosen option (display order), or of the
    /// true/false answer given.
    pub feedback: Vec<String>,
    /// Markdown: the question's explanation.
    pub explanation: String,
    /// Per display position: choices (single, multiple), items (order), left-hand items
    /// (match, authored order), or `[true, false]` (true/false). Empty for numeric and text.
    pub marks: Vec<Mark>,
    /// A right answer in words (`2.5 days (± 0.1)`, the first accepted text, `true`, the
    /// items in order, ...); the caller decides when to show it.
    pub expected: Option<String>,
}

/// Grades `answer` to `q` shown in the display order `perm` (the one given to
/// [`super::public_view`]). Fails, without a verdict, on an answer that cannot be read.
pub fn grade(q: &Question, perm: &[usize], answer: &Answer) -> Result<Graded, AnswerError> {
    let perm = checked(perm, q.shuffled_len());
    let mut graded = match (&q.kind, answer) {
        (QuestionKind::Single { options }, Answer::Choice(d)) => single(options, &perm, *d)?,
        (QuestionKind::Multiple { options }, Answer::Choices(ds)) => multiple(options, &perm, ds)?,
        (
            QuestionKind::TrueFalse {
                answer,
                feedback_true,
                feedback_false,
            },
            Answer::Bool(given),
        ) => {
            let feedback = if *given {
                feedback_true
            } else {
                feedback_false
            };
            true_false(*answer, *given, feedback.as_ref())
        }
        (
            QuestionKind::Numeric {
                answer,
                tolerance,
                unit,
            },
            Answer::Number(typed),
        ) => numeric(*answer, *tolerance, unit.as_deref(), typed)?,
        (
            QuestionKind::Text {
                accept,
                regex,
                case_sensitive,
            },
            Answer::Text(typed),
        ) => text(accept, regex.as_ref(), *case_sensitive, typed)?,
        (QuestionKind::Order { items }, Answer::Order(ds)) => order(items, &perm, ds)?,
        (QuestionKind::Match { pairs }, Answer::Match(ds)) => matching(pairs, &perm, ds)?,
        (kind, _) => {
            return Err(AnswerError::WrongType {
                expected: expects(kind),
            });
        }
    };
    graded.explanation.clone_from(&q.explanation);
    Ok(graded)
}

/// What a question expects, for [`AnswerError::WrongType`].
fn expects(kind: &QuestionKind) -> &'static str {
    match kind {
        QuestionKind::Single { .. } => "one option",
        QuestionKind::Multiple { .. } => "one or more options",
        QuestionKind::TrueFalse { .. } => "true or false",
        QuestionKind::Numeric { .. } => "a number",
        QuestionKind::Text { .. } => "a short text",
        QuestionKind::Order { .. } => "the items in order",
        QuestionKind::Match { .. } => "a match for each item",
    }
}

fn verdict(correct: bool, score: f64) -> Graded {
    Graded {
        correct,
        score,
        feedback: Vec::new(),
        explanation: String::new(),
        marks: Vec::new(),
        expected: None,
    }
}

/// Score 1 or 0.
fn all_or_nothing(correct: bool) -> Graded {
    verdict(correct, if correct { 1.0 } else { 0.0 })
}

fn in_range(d: usize, count: usize) -> Result<usize, AnswerError> {
    if d < count {
        Ok(d)
    } else {
        Err(AnswerError::OutOfRange { index: d, count })
    }
}

fn single(options: &[Choice], perm: &[usize], d: usize) -> Result<Graded, AnswerError> {
    let chosen = &options[perm[in_range(d, options.len())?]];
    let mut g = all_or_nothing(chosen.correct);
    g.feedback.extend(chosen.feedback.clone());
    g.marks = choice_marks(options, perm, &[d]);
    g.expected = options.iter().find(|o| o.correct).map(|o| o.text.clone());
    Ok(g)
}

fn multiple(options: &[Choice], perm: &[usize], ds: &[usize]) -> Result<Graded, AnswerError> {
    if ds.is_empty() {
        return Err(AnswerError::NothingChosen);
    }
    let mut chosen = vec![false; options.len()];
    for &d in ds {
        if std::mem::replace(&mut chosen[in_range(d, options.len())?], true) {
            return Err(AnswerError::Duplicate);
        }
    }
    let (mut right, mut wrong) = (0usize, 0usize);
    let mut feedback = Vec::new();
    for (&i, _) in perm.iter().zip(&chosen).filter(|(_, c)| **c) {
        if options[i].correct {
            right += 1;
        } else {
            wrong += 1;
        }
        feedback.extend(options[i].feedback.clone());
    }
    let needed = options.iter().filter(|o| o.correct).count().max(1);
    let score = (right as f64 - wrong as f64).max(0.0) / needed as f64;
    let mut g = verdict(right == needed && wrong == 0, score);
    g.feedback = feedback;
    g.marks = choice_marks(options, perm, ds);
    let texts: Vec<&str> = perm
        .iter()
        .map(|&i| &options[i])
        .filter(|o| o.correct)
        .map(|o| o.text.as_str())
        .collect();
    g.expected = Some(texts.join("; "));
    Ok(g)
}

fn choice_marks(options: &[Choice], perm: &[usize], chosen: &[usize]) -> Vec<Mark> {
    perm.iter()
        .enumerate()
        .map(|(d, &i)| Mark {
            chosen: chosen.contains(&d),
            correct: options[i].correct,
        })
        .collect()
}

fn true_false(answer: bool, given: bool, feedback: Option<&String>) -> Graded {
    let mut g = all_or_nothing(given == answer);
    g.feedback.extend(feedback.cloned());
    // Positions: true, then false.
    g.marks = vec![
        Mark {
            chosen: given,
            correct: answer,
        },
        Mark {
            chosen: !given,
            correct: !answer,
        },
    ];
    g.expected = Some(answer.to_string());
    g
}

fn text(
    accept: &[String],
    regex: Option<&regex::Regex>,
    case_sensitive: bool,
    typed: &str,
) -> Result<Graded, AnswerError> {
    if typed.chars().nth(MAX_TEXT_CHARS).is_some() {
        return Err(AnswerError::TooLong {
            max: MAX_TEXT_CHARS,
        });
    }
    let given = normalise(typed, case_sensitive);
    let ok = !given.is_empty()
        && (accept.iter().any(|a| normalise(a, case_sensitive) == given)
            || regex.is_some_and(|re| re.is_match(&given)));
    let mut g = all_or_nothing(ok);
    g.expected = accept.first().cloned();
    Ok(g)
}

fn numeric(
    answer: f64,
    tolerance: Tolerance,
    unit: Option<&str>,
    typed: &str,
) -> Result<Graded, AnswerError> {
    let x = parse_number(typed, unit)?;
    let tol = tolerance.around(answer);
    // Room for floating-point error, so that 2.6 is within 2.5 ± 0.1.
    let epsilon = 1e-9 * answer.abs().max(1.0);
    let ok = (x - answer).abs() <= tol + epsilon;
    let mut g = all_or_nothing(ok);
    let mut expected = answer.to_string();
    if let Some(unit) = unit {
        if unit != "%" {
            expected.push(' ');
        }
        expected.push_str(unit);
    }
    match tolerance {
        Tolerance::Absolute(t) if t > 0.0 => expected.push_str(&format!(" (± {t})")),
        Tolerance::Percent(p) if p > 0.0 => expected.push_str(&format!(" (± {p} %)")),
        Tolerance::Absolute(_) | Tolerance::Percent(_) => {}
    }
    g.expected = Some(expected);
    Ok(g)
}

/// Reads `2.5`, `2,5`, ` 2.5 days `, `7.5%`: a decimal point or comma, an optional
/// trailing unit (the question's, any case, or `%`).
pub(crate) fn parse_number(typed: &str, unit: Option<&str>) -> Result<f64, AnswerError> {
    if typed.chars().nth(MAX_NUMBER_CHARS).is_some() {
        return Err(AnswerError::NotANumber);
    }
    let s = typed.trim();
    if s.is_empty() {
        return Err(AnswerError::EmptyNumber);
    }
    let s = unit
        .and_then(|u| strip_suffix_ignoring_case(s, u))
        .or_else(|| s.strip_suffix('%'))
        .unwrap_or(s)
        .trim_end()
        .replace('\u{2212}', "-");
    let Some(x) = read_decimal(&s) else {
        // A number followed by a word is most likely in another unit.
        let end = s
            .find(|c: char| !(c.is_ascii_digit() || "+-.,eE".contains(c)))
            .unwrap_or(s.len());
        let rest = s[end..].trim_start();
        return match unit {
            Some(unit)
                if read_decimal(&s[..end]).is_some() && rest.starts_with(char::is_alphabetic) =>
            {
                Err(AnswerError::WrongUnit {
                    unit: unit.to_owned(),
                })
            }
            _ => Err(AnswerError::NotANumber),
        };
    };
    // `30,720` is 30720 to an English reader and 30.72 to a Vietnamese one (and `30.720`
    // the other way round): ask rather than grade the wrong reading.
    if let Some((int, frac)) = s.split_once(['.', ',']) {
        let digits = int.trim_start_matches(['+', '-']);
        let grouped = (1..=3).contains(&digits.len())
            && digits.bytes().any(|b| b != b'0')
            && frac.len() == 3
            && frac.bytes().all(|b| b.is_ascii_digit());
        if grouped {
            let thousands = read_decimal(&format!("{int}{frac}")).unwrap_or(x);
            return Err(AnswerError::Ambiguous {
                decimal: x.to_string(),
                thousands: thousands.to_string(),
            });
        }
    }
    Ok(x)
}

/// A finite decimal number with at most one `.` or `,` as its decimal separator.
fn read_decimal(s: &str) -> Option<f64> {
    let readable = s.chars().filter(|&c| c == '.' || c == ',').count() <= 1
        && s.chars().any(|c| c.is_ascii_digit())
        && s.chars()
            .all(|c| c.is_ascii_digit() || "+-.,eE".contains(c));
    if !readable {
        return None;
    }
    s.replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|x| x.is_finite())
}

fn strip_suffix_ignoring_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let n = suffix.chars().count();
    let (start, _) = s.char_indices().rev().nth(n.checked_sub(1)?)?;
    (s[start..].to_lowercase() == suffix.to_lowercase()).then(|| &s[..start])
}

/// NFC, trimmed, inner whitespace collapsed, lower-cased unless `case_sensitive`.
pub(crate) fn normalise(s: &str, case_sensitive: bool) -> String {
    let nfc: String = s.nfc().collect();
    let collapsed = nfc.split_whitespace().collect::<Vec<_>>().join(" ");
    if case_sensitive {
        collapsed
    } else {
        collapsed.to_lowercase()
    }
}

/// Checks that `ds` uses each of `0..n` once.
fn full_permutation(ds: &[usize], n: usize) -> Result<(), AnswerError> {
    let mut seen = vec![false; n];
    for &d in ds {
        if std::mem::replace(&mut seen[in_range(d, n)?], true) {
            return Err(AnswerError::NotAPermutation { count: n });
        }
    }
    if ds.len() == n {
        Ok(())
    } else {
        Err(AnswerError::NotAPermutation { count: n })
    }
}

fn partial(right: usize, n: usize, marks: Vec<Mark>, expected: String) -> Graded {
    let mut g = verdict(right == n, right as f64 / n.max(1) as f64);
    g.marks = marks;
    g.expected = Some(expected);
    g
}

fn order(items: &[String], perm: &[usize], ds: &[usize]) -> Result<Graded, AnswerError> {
    full_permutation(ds, items.len())?;
    // ds[position] = display index placed there; it is right if its authored index is
    // that position.
    let mut marks = vec![
        Mark {
            chosen: true,
            correct: false,
        };
        items.len()
    ];
    for (position, &d) in ds.iter().enumerate() {
        marks[d].correct = perm[d] == position;
    }
    let right = marks.iter().filter(|m| m.correct).count();
    Ok(partial(right, items.len(), marks, items.join(" → ")))
}

fn matching(pairs: &[Pair], perm: &[usize], ds: &[usize]) -> Result<Graded, AnswerError> {
    full_permutation(ds, pairs.len())?;
    let marks: Vec<Mark> = ds
        .iter()
        .enumerate()
        .map(|(left, &d)| Mark {
            chosen: true,
            correct: perm[d] == left,
        })
        .collect();
    let right = marks.iter().filter(|m| m.correct).count();
    let expected: Vec<String> = pairs
        .iter()
        .map(|p| format!("{} → {}", p.left, p.right))
        .collect();
    Ok(partial(right, pairs.len(), marks, expected.join("; ")))
}
