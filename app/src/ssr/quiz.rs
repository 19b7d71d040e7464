//! Quiz view models: a quiz without its answers, plus what this learner has done with it.
//!
//! Feedback and explanations appear only for questions the learner has answered; the
//! answer key itself never leaves the server.

use crate::model::{GivenAnswer, GradedView, HistoryEntry, QuestionView, QuizView};
use lab_core::content::markdown::{render_fragment, render_inline};
use lab_core::quiz::{Answer, Graded, Quiz, public_view};
use lab_db::Submission;
use serde::{Deserialize, Serialize};

/// What is stored in a submission's `result` column for a quiz question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredResult {
    /// The grade, with marks in the learner's display order.
    pub graded: Graded,
    /// The answer as the learner gave it (display positions).
    pub display: Answer,
}

/// The seed of a learner's shuffles in a module: stable across reloads and restarts.
pub fn seed(learner: &str, module: &str) -> String {
    format!("{learner}/{module}")
}

fn percent(score: f64) -> u8 {
    // Scores are 0..=1; the clamp makes the cast exact.
    (score.clamp(0.0, 1.0) * 100.0).round() as u8
}

fn given(answer: &Answer) -> GivenAnswer {
    match answer {
        Answer::Choice(i) => GivenAnswer::Choices(vec![*i]),
        Answer::Choices(v) => GivenAnswer::Choices(v.clone()),
        Answer::Bool(b) => GivenAnswer::Bool(*b),
        Answer::Number(t) | Answer::Text(t) => GivenAnswer::Text(t.clone()),
        Answer::Order(v) | Answer::Match(v) => GivenAnswer::Positions(v.clone()),
    }
}

fn summary(answer: &Answer, choices: &[String]) -> String {
    let name = |i: &usize| {
        choices
            .get(*i)
            .cloned()
            .unwrap_or_else(|| format!("#{}", i + 1))
    };
    match answer {
        Answer::Choice(i) => name(i),
        Answer::Choices(v) => v.iter().map(name).collect::<Vec<_>>().join(", "),
        Answer::Bool(b) => b.to_string(),
        Answer::Number(t) | Answer::Text(t) => t.clone(),
        Answer::Order(v) => v.iter().map(name).collect::<Vec<_>>().join(" → "),
        Answer::Match(v) => v.iter().map(name).collect::<Vec<_>>().join(", "),
    }
}

/// The quiz as this learner sees it. `history` is the learner's submissions for this
/// quiz (any order); `hints` is (question id, hints revealed).
pub fn quiz_view(
    quiz: &Quiz,
    seed: &str,
    history: &[Submission],
    hints: &[(String, i64)],
) -> QuizView {
    let mut best_sum = 0.0;
    let mut latest_sum = 0.0;
    let mut answered = 0usize;
    let questions = quiz
        .questions
        .iter()
        .map(|q| {
            let public = public_view(q, &q.permutation(seed, &quiz.id));
            let mut mine: Vec<&Submission> = history.iter().filter(|s| s.item_id == q.id).collect();
            mine.sort_by_key(|s| s.attempt);
            let revealed = hints
                .iter()
                .find(|(id, _)| *id == q.id)
                .map_or(0, |(_, n)| usize::try_from(*n).unwrap_or(0))
                .min(q.hints.len());
            let stored: Vec<(&Submission, StoredResult)> = mine
                .iter()
                .filter_map(|s| {
                    serde_json::from_str::<StoredResult>(&s.result)
                        .ok()
                        .map(|r| (*s, r))
                })
                .collect();
            if let Some((_, last)) = stored.last() {
                answered += 1;
                latest_sum += last.graded.score;
                best_sum += stored
                    .iter()
                    .map(|(_, r)| r.graded.score)
                    .fold(0.0, f64::max);
            }
            let tries = u32::try_from(mine.len()).unwrap_or(u32::MAX);
            QuestionView {
                id: q.id.clone(),
                kind: public.kind.clone(),
                prompt_html: render_fragment(&public.prompt),
                choices: public.choices.iter().map(|c| render_inline(c)).collect(),
                lefts: public.lefts.iter().map(|c| render_inline(c)).collect(),
                unit: public.unit.clone(),
                hints: q.hints[..revealed]
                    .iter()
                    .map(|h| render_fragment(h))
                    .collect(),
                hints_total: q.hints.len(),
                tries,
                tries_left: quiz.attempts.map(|a| a.saturating_sub(tries)),
                last: stored.last().map(|(_, r)| {
                    // The right answer itself (and the options the learner missed) shows
                    // once the question is right or no tries are left, so that a retry
                    // is still a question.
                    let settled = r.graded.correct || quiz.attempts.is_some_and(|a| tries >= a);
                    GradedView {
                        correct: r.graded.correct,
                        percent: percent(r.graded.score),
                        marks: r
                            .graded
                            .marks
                            .iter()
                            .map(|m| (m.chosen, m.correct && (m.chosen || settled)))
                            .collect(),
                        feedback: r
                            .graded
                            .feedback
                            .iter()
                            .map(|f| render_fragment(f))
                            .collect(),
                        explanation: render_fragment(&r.graded.explanation),
                        expected: r.graded.expected.clone().filter(|_| settled),
                        given: given(&r.display),
                    }
                }),
                history: stored
                    .iter()
                    .map(|(s, r)| HistoryEntry {
                        attempt: u32::try_from(s.attempt).unwrap_or(0),
                        correct: r.graded.correct,
                        percent: percent(r.graded.score),
                        summary: summary(&r.display, &public.choices),
                        at: s.submitted_at.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    let n = quiz.questions.len().max(1) as f64;
    QuizView {
        id: quiz.id.clone(),
        title: quiz.title.clone(),
        attempts: quiz.attempts,
        questions,
        best_percent: (answered > 0).then(|| percent(best_sum / n)),
        latest_percent: (answered > 0).then(|| percent(latest_sum / n)),
    }
}
