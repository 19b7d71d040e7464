//! Cutting a page's HTML at the slots its `quiz` and `exercise` blocks left, so the app
//! can render each quiz and exercise as a component in its place.

use crate::model::Segment;

#[derive(Debug, Clone, Copy)]
enum Slot {
    Quiz,
    Exercise,
    Tool,
}

/// Splits page HTML at quiz and exercise slots, pairing each slot with the index of its
/// quiz in `quizzes` or its exercise in `exercises`. A slot with no match is dropped.
pub fn segments(html: &str, quizzes: &[String], exercises: &[String]) -> Vec<Segment> {
    const SLOTS: [(&str, Slot); 3] = [
        ("<div class=\"quiz-slot\" data-quiz=\"", Slot::Quiz),
        (
            "<div class=\"exercise-slot\" data-exercise=\"",
            Slot::Exercise,
        ),
        ("<div class=\"tool-slot\" data-tool=\"", Slot::Tool),
    ];
    const CLOSE: &str = "\"></div>";
    let mut out = Vec::new();
    let mut rest = html;
    loop {
        let next = SLOTS
            .iter()
            .filter_map(|(open, slot)| rest.find(open).map(|at| (at, *open, *slot)))
            .min_by_key(|(at, _, _)| *at);
        let Some((start, open, slot)) = next else {
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
        match slot {
            Slot::Quiz => out.extend(quizzes.iter().position(|q| q == id).map(Segment::Quiz)),
            Slot::Exercise => {
                out.extend(
                    exercises
                        .iter()
                        .position(|e| e == id)
                        .map(Segment::Exercise),
                );
            }
            Slot::Tool => out.push(Segment::Tool(id.to_owned())),
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
    fn a_tool_slot_names_its_tool() {
        let s = segments(
            "<p>a</p><div class=\"tool-slot\" data-tool=\"dora-calculator\"></div>",
            &[],
            &[],
        );
        assert_eq!(
            s,
            vec![
                Segment::Html("<p>a</p>".into()),
                Segment::Tool("dora-calculator".into())
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
