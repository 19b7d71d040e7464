//! Cutting a page's HTML at the slots its `quiz` and `exercise` blocks left, so the app
//! can render each quiz and exercise as a component in its place.

use crate::model::Segment;

/// Splits page HTML at quiz and exercise slots, pairing each slot with the index of its
/// quiz in `quizzes` or its exercise in `exercises`. A slot with no match is dropped.
pub fn segments(html: &str, quizzes: &[String], exercises: &[String]) -> Vec<Segment> {
    const SLOTS: [(&str, bool); 2] = [
        ("<div class=\"quiz-slot\" data-quiz=\"", true),
        ("<div class=\"exercise-slot\" data-exercise=\"", false),
    ];
    const CLOSE: &str = "\"></div>";
    let mut out = Vec::new();
    let mut rest = html;
    loop {
        let next = SLOTS
            .iter()
            .filter_map(|(open, is_quiz)| rest.find(open).map(|at| (at, *open, *is_quiz)))
            .min_by_key(|(at, _, _)| *at);
        let Some((start, open, is_quiz)) = next else {
            break;
        };
        let after = &rest[start + open.len()..];
        let Some(end) = after.find(CLOSE) else {
            break;
        };
        let id = &after[..end];
        if !rest[..start].trim().is_empty() {
            out.push(Segment::Html(rest[..start].to_owned()));
        }
        let (ids, make): (&[String], fn(usize) -> Segment) = if is_quiz {
            (quizzes, Segment::Quiz)
        } else {
            (exercises, Segment::Exercise)
        };
        if let Some(i) = ids.iter().position(|q| q == id) {
            out.push(make(i));
        }
        rest = &after[end + CLOSE.len()..];
    }
    if !rest.trim().is_empty() {
        out.push(Segment::Html(rest.to_owned()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_split_at_quiz_and_exercise_slots_in_order() {
        let html = "<p>a</p><div class=\"exercise-slot\" data-exercise=\"e1\"></div><p>b</p><div class=\"quiz-slot\" data-quiz=\"q1\"></div><p>c</p>";
        let s = segments(
            html,
            &["q1".to_owned()],
            &["e0".to_owned(), "e1".to_owned()],
        );
        assert_eq!(
            s,
            vec![
                Segment::Html("<p>a</p>".into()),
                Segment::Exercise(1),
                Segment::Html("<p>b</p>".into()),
                Segment::Quiz(0),
                Segment::Html("<p>c</p>".into())
            ]
        );
    }

    #[test]
    fn an_unknown_slot_is_dropped() {
        let s = segments("<div class=\"quiz-slot\" data-quiz=\"x\"></div>", &[], &[]);
        assert!(s.is_empty());
        let s = segments(
            "<div class=\"exercise-slot\" data-exercise=\"x\"></div>",
            &[],
            &[],
        );
        assert!(s.is_empty());
    }
}
