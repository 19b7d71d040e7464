//! Building view models: plain functions of the content, the learner's language and
//! their completions, so they are tested without a server.

use crate::model::{
    Body, Catalog, ExerciseView, LinkTo, ModuleCard, ModuleView, NavModule, NavStep, QuizView,
    StepView,
};
use lab_core::content::{module_url, step_url};
use lab_core::{Content, Lang, PageVersion};
use std::collections::{HashMap, HashSet};

/// What a learner has done: completed (module, step) pairs and quiz scores per page.
#[derive(Debug, Clone, Default)]
pub struct Done {
    /// Completed (module, step) pairs.
    pub steps: HashSet<(String, String)>,
    /// Best quiz score (0–100) per (module, step) with a quiz.
    pub scores: HashMap<(String, String), u8>,
}

impl Done {
    /// Builds it from stored completions and per-question scores.
    pub fn new(
        content: &Content,
        completions: Vec<lab_db::Completion>,
        scores: &[lab_db::ItemScore],
    ) -> Done {
        let steps = completions
            .into_iter()
            .map(|c| (c.module_slug, c.page_slug))
            .collect();
        let mut page_scores = HashMap::new();
        for m in &content.modules {
            for p in &m.steps {
                let quizzes = &p.version(Lang::En).quizzes;
                let total: usize = quizzes.iter().map(|q| q.questions.len()).sum();
                if total == 0 {
                    continue;
                }
                let mut sum = 0.0;
                let mut any = false;
                for s in scores.iter().filter(|s| s.module_slug == m.slug) {
                    if quizzes
                        .iter()
                        .any(|q| q.id == s.quiz_id && q.question(&s.item_id).is_some())
                    {
                        sum += s.best;
                        any = true;
                    }
                }
                if any {
                    let pct = (sum / total as f64 * 100.0).round().clamp(0.0, 100.0) as u8;
                    page_scores.insert((m.slug.clone(), p.slug.clone()), pct);
                }
            }
        }
        Done {
            steps,
            scores: page_scores,
        }
    }

    fn has(&self, module: &str, step: &str) -> bool {
        self.steps.contains(&(module.to_owned(), step.to_owned()))
    }

    fn score(&self, module: &str, step: &str) -> Option<u8> {
        self.scores
            .get(&(module.to_owned(), step.to_owned()))
            .copied()
    }
}

fn body(v: &PageVersion) -> Body {
    Body {
        html: if v.unavailable.is_some() {
            String::new()
        } else {
            v.html.clone()
        },
        fallback: v.fallback,
        unavailable: v.unavailable.is_some(),
    }
}

fn nav(content: &Content, lang: Lang, done: &Done) -> Vec<NavModule> {
    content
        .modules
        .iter()
        .map(|m| NavModule {
            slug: m.slug.clone(),
            title: m.overview.version(lang).title.clone(),
            url: module_url(&m.slug),
            steps: m
                .steps
                .iter()
                .map(|p| NavStep {
                    slug: p.slug.clone(),
                    title: p.version(lang).title.clone(),
                    url: step_url(&m.slug, &p.slug),
                    depth: p.depth,
                    done: done.has(&m.slug, &p.slug),
                    score: done.score(&m.slug, &p.slug),
                })
                .collect(),
        })
        .collect()
}

/// The catalog page.
pub fn catalog(content: &Content, lang: Lang, done: &Done, last: Option<(&str, &str)>) -> Catalog {
    let modules = nav(content, lang, done)
        .into_iter()
        .zip(&content.modules)
        .map(|(n, m)| {
            let overview = m.overview.version(lang);
            let scores: Vec<u32> = n
                .steps
                .iter()
                .filter_map(|s| s.score)
                .map(u32::from)
                .collect();
            let quiz = (!scores.is_empty()).then(|| {
                u8::try_from(scores.iter().sum::<u32>() / scores.len() as u32).unwrap_or(100)
            });
            ModuleCard {
                quiz,
                slug: n.slug.clone(),
                title: n.title.clone(),
                description: overview.description.clone(),
                duration: m.duration(lang),
                done: n.done(),
                total: n.steps.len(),
                url: n.url.clone(),
            }
        })
        .collect();
    let resume_at = last.and_then(|(module, step)| {
        let m = content.module(module)?;
        let (_, page) = m.step(step)?;
        Some(LinkTo {
            url: step_url(&m.slug, &page.slug),
            title: format!(
                "{} — {}",
                m.overview.version(lang).title,
                page.version(lang).title
            ),
        })
    });
    let resuming = resume_at.is_some();
    let resume = resume_at.or_else(|| {
        let m = content.modules.first()?;
        Some(LinkTo {
            url: module_url(&m.slug),
            title: m.overview.version(lang).title.clone(),
        })
    });
    Catalog {
        lang,
        modules,
        resume,
        resuming,
    }
}

/// A module overview, or None when there is no such module.
pub fn module_view(content: &Content, lang: Lang, done: &Done, slug: &str) -> Option<ModuleView> {
    let m = content.module(slug)?;
    let v = m.overview.version(lang);
    Some(ModuleView {
        lang,
        slug: m.slug.clone(),
        title: v.title.clone(),
        description: v.description.clone(),
        duration: m.duration(lang),
        objectives: v.objectives.clone(),
        prerequisites: v.prerequisites.clone(),
        body: body(v),
        nav: nav(content, lang, done),
    })
}

/// What a step page holds for this learner: its quizzes and exercises with their
/// results, and the kept DORA reports when the page has the calculator.
#[derive(Debug, Clone, Default)]
pub struct Interactive {
    /// The page's quizzes, in page order (see `ssr::quiz::quiz_view`).
    pub quizzes: Vec<QuizView>,
    /// The page's exercises, in page order (see `ssr::exercise::page_exercises`).
    pub exercises: Vec<ExerciseView>,
    /// See [`crate::model::StepView::dora_kept_html`].
    pub dora_kept_html: Option<String>,
}

/// A step page, or None when there is no such module or step. `quizzes` are the page's
/// quizzes as this learner sees them, in page order (see `ssr::quiz::quiz_view`).
pub fn step_view(
    content: &Content,
    lang: Lang,
    done: &Done,
    module: &str,
    step: &str,
    mine: Interactive,
) -> Option<StepView> {
    let Interactive {
        quizzes,
        exercises,
        dora_kept_html,
    } = mine;
    let mi = content.modules.iter().position(|m| m.slug == module)?;
    let m = &content.modules[mi];
    let (i, page) = m.step(step)?;
    let v = page.version(lang);
    let module_link = LinkTo {
        url: module_url(&m.slug),
        title: m.overview.version(lang).title.clone(),
    };
    let link = |p: &lab_core::Page| LinkTo {
        url: step_url(&m.slug, &p.slug),
        title: p.version(lang).title.clone(),
    };
    let prev = match i.checked_sub(1) {
        Some(j) => Some(link(&m.steps[j])),
        None => Some(module_link.clone()),
    };
    let next = match m.steps.get(i + 1) {
        Some(p) => Some(link(p)),
        None => content.modules.get(mi + 1).map(|n| LinkTo {
            url: module_url(&n.slug),
            title: n.overview.version(lang).title.clone(),
        }),
    };
    Some(StepView {
        lang,
        module: m.slug.clone(),
        module_link,
        slug: page.slug.clone(),
        title: v.title.clone(),
        duration: v.duration,
        segments: if v.unavailable.is_some() {
            Vec::new()
        } else {
            let quiz_ids: Vec<String> = quizzes.iter().map(|q| q.id.clone()).collect();
            let exercise_ids: Vec<String> = exercises.iter().map(|e| e.id.clone()).collect();
            super::segments::segments(&v.html, &quiz_ids, &exercise_ids)
        },
        quizzes,
        exercises,
        dora_kept_html,
        body: body(v),
        done: done.has(&m.slug, &page.slug),
        position: i + 1,
        total: m.steps.len(),
        prev,
        next,
        nav: nav(content, lang, done),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use lab_core::content::{LoadOptions, load};
    use std::path::Path;

    fn fixture() -> Content {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../core/fixtures/basic");
        load(&root, LoadOptions::default())
    }

    #[test]
    fn the_catalog_counts_done_steps_and_resumes_at_the_last_visit() {
        let c = fixture();
        let mut done = Done::default();
        done.steps.insert(("culture".into(), "intro".into()));
        let cat = catalog(&c, Lang::En, &done, Some(("culture", "dora")));
        assert_eq!(cat.modules[0].done, 1);
        assert_eq!(cat.modules[0].total, 6);
        assert!(cat.resuming);
        assert_eq!(cat.resume.unwrap().url, "/m/culture/dora");
    }

    #[test]
    fn without_a_visit_the_catalog_points_at_the_first_module() {
        let c = fixture();
        let cat = catalog(&c, Lang::Vi, &Done::default(), Some(("gone", "page")));
        assert!(!cat.resuming);
        assert_eq!(cat.resume.unwrap().title, "Văn hóa và DORA");
    }

    #[test]
    fn steps_link_to_their_neighbours_and_the_next_module() {
        let c = fixture();
        let first = step_view(
            &c,
            Lang::En,
            &Done::default(),
            "culture",
            "intro",
            Interactive::default(),
        )
        .unwrap();
        assert_eq!(first.prev.unwrap().url, "/m/culture");
        assert_eq!(first.next.unwrap().url, "/m/culture/dora");
        let last = step_view(
            &c,
            Lang::En,
            &Done::default(),
            "culture",
            "unknown",
            Interactive::default(),
        )
        .unwrap();
        assert_eq!(last.next.unwrap().url, "/m/second");
        assert!(
            step_view(
                &c,
                Lang::En,
                &Done::default(),
                "culture",
                "nope",
                Interactive::default(),
            )
            .is_none()
        );
        assert!(module_view(&c, Lang::En, &Done::default(), "nope").is_none());
    }
}
