//! Walking a content folder and building the [`Content`] index.
//!
//! Two passes: the first reads every file (front matter and raw body) so that the
//! second, which expands shortcodes and renders markdown, can resolve references to any
//! page. A file that cannot be read (too large, not UTF-8, a symlink leaving the folder,
//! broken front matter) becomes an error finding and an "unavailable" page; loading goes on.

use super::frontmatter::{self, FrontMatter};
use super::markdown::{self, Link, Resolver};
use super::resolve::{Here, Index, IndexModule, IndexPage, numeric_prefix, slug_of};
use super::shortcode::{self, Host};
use super::{Content, Module, Page, PageVersion, lang_index};
use crate::diag::Finding;
use crate::exercise::{self, EXERCISES_DIR, Exercise};
use crate::lang::Lang;
use crate::quiz::{self, Quiz};
use std::path::{Path, PathBuf};

/// Limits and switches for loading.
#[derive(Debug, Clone, Copy)]
pub struct LoadOptions {
    /// Largest markdown file read, in bytes.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            max_file_bytes: 1024 * 1024,
        }
    }
}

/// Extensions served as module assets. Markdown and anything else (exercise solutions,
/// say) never leave the server.
const ASSET_EXTENSIONS: &[&str] = &[
    "svg", "png", "jpg", "jpeg", "gif", "webp", "avif", "pdf", "csv",
];

/// One markdown file, read.
#[derive(Debug)]
struct RawFile {
    rel: PathBuf,
    front: FrontMatter,
    body: String,
    body_line: usize,
    /// Why the file cannot be shown, if it cannot.
    error: Option<String>,
}

impl RawFile {
    fn is_empty(&self) -> bool {
        self.error.is_none() && self.body.trim().is_empty()
    }
}

/// A page before rendering: its files per language and its children.
#[derive(Debug, Default)]
struct RawPage {
    name: String,
    slug: String,
    /// Real folder of the page's file, relative to the module folder.
    file_dir: String,
    files: [Option<RawFile>; 2],
    children: Vec<RawPage>,
}

impl RawPage {
    fn front(&self) -> Option<&FrontMatter> {
        self.files
            .iter()
            .flatten()
            .find(|f| f.error.is_none())
            .map(|f| &f.front)
    }

    fn sort_key(&self) -> (i64, u64, String) {
        let weight = self
            .front()
            .and_then(|f| f.weight)
            .filter(|w| *w != 0)
            .unwrap_or(i64::MAX);
        (
            weight,
            numeric_prefix(&self.name).unwrap_or(u64::MAX),
            self.name.clone(),
        )
    }

    fn is_draft(&self) -> bool {
        self.front().is_some_and(|f| f.draft)
    }
}

struct Walker<'a> {
    root: PathBuf,
    canonical_root: PathBuf,
    opts: LoadOptions,
    content: &'a mut Content,
}

/// Loads and renders a content folder. Never fails: problems become findings.
pub fn load(root: &Path, opts: LoadOptions) -> Content {
    let mut content = Content {
        root: root.to_path_buf(),
        ..Content::default()
    };
    let canonical_root = match root.canonicalize() {
        Ok(c) => c,
        Err(e) => {
            content.findings.push(Finding::error(
                root,
                0,
                format!("cannot open the content folder: {e}"),
            ));
            return content;
        }
    };
    let mut walker = Walker {
        root: root.to_path_buf(),
        canonical_root,
        opts,
        content: &mut content,
    };
    let mut modules: Vec<(String, RawPage)> = Vec::new();
    for (name, path) in walker.list(root) {
        let Some(kind) = walker.entry_kind(&path) else {
            continue;
        };
        if kind.is_dir() && !name.starts_with('.') {
            let slug = slug_of(&name);
            let mut page = RawPage {
                name: name.clone(),
                slug: slug.clone(),
                ..RawPage::default()
            };
            walker.read_dir(&path, Path::new(&name), &slug, "", &mut page);
            if page.files.iter().all(Option::is_none) {
                walker.content.findings.push(Finding::warning(
                    root.join(&name),
                    0,
                    "this folder has no _index.md, so it is not a module",
                ));
                continue;
            }
            if page.is_draft() {
                continue;
            }
            if modules.iter().any(|(s, _)| *s == slug) {
                walker.content.findings.push(Finding::error(
                    root.join(&name),
                    0,
                    format!("duplicate module slug `{slug}`; this folder is skipped"),
                ));
                continue;
            }
            modules.push((slug, page));
        }
    }
    modules.sort_by_key(|(_, p)| p.sort_key());
    render_all(&mut content, modules);
    content
}

impl Walker<'_> {
    /// Entries of a folder, sorted by name; unreadable ones become findings.
    fn list(&mut self, dir: &Path) -> Vec<(String, PathBuf)> {
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.content.findings.push(Finding::error(
                    dir,
                    0,
                    format!("cannot read folder: {e}"),
                ));
                return Vec::new();
            }
        };
        let mut out: Vec<(String, PathBuf)> = entries
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                Some((name, e.path()))
            })
            .collect();
        out.sort();
        out
    }

    /// File type after following a symlink that stays inside the content folder.
    fn entry_kind(&mut self, path: &Path) -> Option<std::fs::FileType> {
        let meta = std::fs::symlink_metadata(path).ok()?;
        if !meta.file_type().is_symlink() {
            return Some(meta.file_type());
        }
        match path.canonicalize() {
            Ok(target) if target.starts_with(&self.canonical_root) => {
                std::fs::metadata(path).ok().map(|m| m.file_type())
            }
            Ok(_) => {
                self.content.findings.push(Finding::error(
                    path,
                    0,
                    "this symlink leads outside the content folder; it is ignored",
                ));
                None
            }
            Err(_) => {
                self.content.findings.push(Finding::error(
                    path,
                    0,
                    "this symlink leads nowhere; it is ignored",
                ));
                None
            }
        }
    }

    /// Reads a module or page folder into `page` (its own `_index` files and children).
    fn read_dir(
        &mut self,
        dir: &Path,
        rel: &Path,
        module_slug: &str,
        file_dir: &str,
        page: &mut RawPage,
    ) {
        let mut children: Vec<RawPage> = Vec::new();
        for (name, path) in self.list(dir) {
            if name.starts_with('.') {
                continue;
            }
            let Some(kind) = self.entry_kind(&path) else {
                continue;
            };
            let child_rel = rel.join(&name);
            let child_dir = if file_dir.is_empty() {
                name.clone()
            } else {
                format!("{file_dir}/{name}")
            };
            if kind.is_dir() {
                // A module's hands-on exercises are loaded by `crate::exercise`; their
                // files (solutions included) are neither pages nor assets.
                if file_dir.is_empty() && name == EXERCISES_DIR {
                    continue;
                }
                if has_index(&path) {
                    let mut child = RawPage {
                        name: name.clone(),
                        slug: slug_of(&name),
                        file_dir: child_dir.clone(),
                        ..RawPage::default()
                    };
                    self.read_dir(&path, &child_rel, module_slug, &child_dir, &mut child);
                    if !child.is_draft() {
                        children.push(child);
                    }
                } else {
                    self.collect_assets(&path, module_slug, &child_dir);
                }
                continue;
            }
            let Some((stem, lang)) = markdown_name(&name) else {
                if let Some(ext) = name.rsplit('.').next()
                    && ASSET_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
                {
                    self.content
                        .assets
                        .insert(format!("{module_slug}/{child_dir}"), path.clone());
                }
                continue;
            };
            let lang = match lang {
                Ok(lang) => lang,
                Err(code) => {
                    self.content.findings.push(Finding::warning(
                        self.root.join(&child_rel),
                        0,
                        format!("unknown language `{code}`; only en and vi are served"),
                    ));
                    continue;
                }
            };
            let file = self.read_markdown(&path, &child_rel);
            if stem == "_index" || stem == "index" {
                page.files[lang_index(lang)] = Some(file);
            } else {
                let slug = slug_of(stem);
                let child = match children
                    .iter_mut()
                    .find(|c| c.name == stem && c.children.is_empty())
                {
                    Some(c) => c,
                    None => {
                        children.push(RawPage {
                            name: stem.to_owned(),
                            slug,
                            file_dir: file_dir.to_owned(),
                            ..RawPage::default()
                        });
                        let last = children.len() - 1;
                        &mut children[last]
                    }
                };
                child.files[lang_index(lang)] = Some(file);
            }
        }
        children.retain(|c| !c.is_draft());
        children.sort_by_key(RawPage::sort_key);
        // Two names with the same slug (`01-intro` and `02-intro`) would share a URL.
        let mut seen: Vec<String> = Vec::new();
        children.retain(|c| {
            if seen.contains(&c.slug) {
                let file = c
                    .files
                    .iter()
                    .flatten()
                    .next()
                    .map(|f| f.rel.clone())
                    .unwrap_or_default();
                self.content.findings.push(Finding::error(
                    self.root.join(file),
                    0,
                    format!(
                        "duplicate slug `{}` in this folder; this page is skipped",
                        c.slug
                    ),
                ));
                false
            } else {
                seen.push(c.slug.clone());
                true
            }
        });
        page.children = children;
    }

    fn collect_assets(&mut self, dir: &Path, module_slug: &str, file_dir: &str) {
        for (name, path) in self.list(dir) {
            if name.starts_with('.') {
                continue;
            }
            let Some(kind) = self.entry_kind(&path) else {
                continue;
            };
            let rel = format!("{file_dir}/{name}");
            if kind.is_dir() {
                self.collect_assets(&path, module_slug, &rel);
            } else if let Some(ext) = name.rsplit('.').next()
                && ASSET_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
            {
                self.content
                    .assets
                    .insert(format!("{module_slug}/{rel}"), path);
            }
        }
    }

    fn read_markdown(&mut self, path: &Path, rel: &Path) -> RawFile {
        let shown = self.root.join(rel);
        let mut file = RawFile {
            rel: rel.to_path_buf(),
            front: FrontMatter::default(),
            body: String::new(),
            body_line: 1,
            error: None,
        };
        let fail = |file: &mut RawFile, content: &mut Content, line: usize, msg: String| {
            content
                .findings
                .push(Finding::error(&shown, line, msg.clone()));
            file.error = Some(msg);
        };
        let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
        if size > self.opts.max_file_bytes {
            fail(
                &mut file,
                self.content,
                0,
                format!(
                    "the file is {} KB; pages are limited to {} KB",
                    size / 1024,
                    self.opts.max_file_bytes / 1024
                ),
            );
            return file;
        }
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                fail(
                    &mut file,
                    self.content,
                    0,
                    format!("cannot read the file: {e}"),
                );
                return file;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(e) => {
                let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let line = valid.iter().filter(|b| **b == b'\n').count() + 1;
                fail(
                    &mut file,
                    self.content,
                    line,
                    "the file is not valid UTF-8 text".to_owned(),
                );
                return file;
            }
        };
        let split = frontmatter::split(&text);
        for issue in &split.issues {
            if issue.is_error {
                fail(&mut file, self.content, issue.line, issue.message.clone());
            } else {
                self.content.findings.push(Finding::warning(
                    &shown,
                    issue.line,
                    issue.message.clone(),
                ));
            }
        }
        if file.error.is_some() {
            return file;
        }
        file.front = split.front;
        file.body = split.body.to_owned();
        file.body_line = split.body_line;
        file
    }
}

fn has_index(dir: &Path) -> bool {
    [
        "_index.md",
        "_index.vi.md",
        "_index.en.md",
        "index.md",
        "index.vi.md",
    ]
    .iter()
    .any(|n| dir.join(n).is_file())
}

/// `page.md` → ("page", En); `page.vi.md` → ("page", Vi); `page.fr.md` → Err("fr").
fn markdown_name(name: &str) -> Option<(&str, Result<Lang, String>)> {
    let stem = name.strip_suffix(".md")?;
    if let Some((base, code)) = stem.rsplit_once('.')
        && code.len() == 2
        && code.chars().all(|c| c.is_ascii_alphabetic())
    {
        return Some((base, code.parse::<Lang>().map_err(|_| code.to_owned())));
    }
    Some((stem, Ok(Lang::En)))
}

/// A page flattened into the module's reading order.
struct Flat {
    raw: RawPage,
    slug: String,
    depth: usize,
    parent: Option<usize>,
}

fn flatten(
    pages: Vec<RawPage>,
    prefix: &str,
    depth: usize,
    parent: Option<usize>,
    out: &mut Vec<Flat>,
) {
    for mut page in pages {
        let slug = if prefix.is_empty() {
            page.slug.clone()
        } else {
            format!("{prefix}/{}", page.slug)
        };
        let children = std::mem::take(&mut page.children);
        let me = out.len();
        out.push(Flat {
            raw: page,
            slug: slug.clone(),
            depth,
            parent,
        });
        flatten(children, &slug, depth + 1, Some(me), out);
    }
}

fn title_of(raw: &RawPage, lang: Lang) -> String {
    let own = raw.files[lang_index(lang)]
        .as_ref()
        .filter(|f| f.error.is_none());
    let other = raw.files[lang_index(lang.other())]
        .as_ref()
        .filter(|f| f.error.is_none());
    own.and_then(|f| f.front.title.clone())
        .or_else(|| other.and_then(|f| f.front.title.clone()))
        .unwrap_or_else(|| humanize(&raw.name))
}

fn humanize(name: &str) -> String {
    let slug = slug_of(name);
    let mut s = slug.replace('-', " ");
    if let Some(first) = s.get(..1) {
        let upper = first.to_uppercase();
        s.replace_range(..1, &upper);
    }
    s
}

fn render_all(content: &mut Content, modules: Vec<(String, RawPage)>) {
    // Flatten, then build the index every page resolves against.
    let mut flat_modules: Vec<(String, String, RawPage, Vec<Flat>)> = Vec::new();
    for (slug, mut overview) in modules {
        let mut flat = Vec::new();
        flatten(
            std::mem::take(&mut overview.children),
            "",
            0,
            None,
            &mut flat,
        );
        flat_modules.push((slug, overview.name.clone(), overview, flat));
    }
    let mut index = Index {
        modules: Vec::new(),
        assets: std::mem::take(&mut content.assets),
    };
    let mut exercises: Vec<Vec<Exercise>> = Vec::new();
    for (slug, dir, _, _) in &flat_modules {
        exercises.push(load_exercises(content, dir, slug));
    }
    for ((slug, _, _, flat), module_exercises) in flat_modules.iter().zip(&exercises) {
        index.modules.push(IndexModule {
            slug: slug.clone(),
            exercises: module_exercises.iter().map(|e| e.id.clone()).collect(),
            pages: flat
                .iter()
                .map(|f| IndexPage {
                    slug: f.slug.clone(),
                    titles: [title_of(&f.raw, Lang::En), title_of(&f.raw, Lang::Vi)],
                    descs: [Lang::En, Lang::Vi].map(|l| {
                        f.raw.files[lang_index(l)]
                            .as_ref()
                            .and_then(|x| x.front.description.clone())
                            .or_else(|| {
                                f.raw.files[lang_index(l.other())]
                                    .as_ref()
                                    .and_then(|x| x.front.description.clone())
                            })
                    }),
                    parent: f.parent,
                })
                .collect(),
        });
    }
    for (mi, ((slug, dir, overview, flat), module_exercises)) in
        flat_modules.into_iter().zip(exercises).enumerate()
    {
        let overview_page = render_page(content, &index, mi, None, "", &overview, 0, String::new());
        let steps = flat
            .iter()
            .enumerate()
            .map(|(pi, f)| {
                render_page(
                    content,
                    &index,
                    mi,
                    Some(pi),
                    &f.raw.file_dir,
                    &f.raw,
                    f.depth,
                    f.slug.clone(),
                )
            })
            .collect();
        let module = Module {
            slug,
            dir,
            overview: overview_page,
            steps,
            exercises: module_exercises,
        };
        check_quiz_ids(content, &module);
        check_exercise_placement(content, &module);
        content.modules.push(module);
    }
    content.assets = index.assets;
}

#[allow(clippy::too_many_arguments)]
fn render_page(
    content: &mut Content,
    index: &Index,
    module: usize,
    page: Option<usize>,
    file_dir: &str,
    raw: &RawPage,
    depth: usize,
    slug: String,
) -> Page {
    let versions = [Lang::En, Lang::Vi]
        .map(|lang| render_version(content, index, module, page, file_dir, raw, lang));
    compare_quiz_translations(content, &versions);
    let counted = &versions[0];
    content.quizzes += counted.quizzes.len();
    for q in &counted.quizzes {
        content.questions += q.questions.len();
        content
            .question_types
            .extend(q.questions.iter().map(|x| x.kind.name().to_owned()));
    }
    Page {
        slug,
        depth,
        versions,
    }
}

/// The Vietnamese quizzes of a page must be translations of the English ones: same ids,
/// types and answers.
fn compare_quiz_translations(content: &mut Content, versions: &[PageVersion; 2]) {
    let [en, vi] = versions;
    if en.fallback || vi.fallback || en.unavailable.is_some() || vi.unavailable.is_some() {
        return;
    }
    let Some(vi_file) = vi.source.as_ref().map(|s| content.root.join(s)) else {
        return;
    };
    if en.quizzes.len() != vi.quizzes.len() {
        content.findings.push(Finding::error(
            &vi_file,
            0,
            format!(
                "quiz: the English page has {} quiz blocks and this translation {}",
                en.quizzes.len(),
                vi.quizzes.len()
            ),
        ));
        return;
    }
    for (e, v) in en.quizzes.iter().zip(&vi.quizzes) {
        // Lines inside a quiz block are not kept per quiz; the message names the ids.
        let line = 0;
        for problem in quiz::compare_translations(e, v) {
            content.findings.push(Finding::error(
                &vi_file,
                line,
                format!("quiz translation: {problem}"),
            ));
        }
    }
}

/// Quiz ids, and question ids, are unique within a module: statistics are kept by them.
fn check_quiz_ids(content: &mut Content, module: &Module) {
    for lang in [Lang::En, Lang::Vi] {
        let mut quizzes: Vec<&str> = Vec::new();
        let mut questions: Vec<&str> = Vec::new();
        let pages = std::iter::once(&module.overview).chain(&module.steps);
        let mut problems = Vec::new();
        for page in pages {
            let v = page.version(lang);
            if v.fallback {
                continue;
            }
            let file = v.source.clone().unwrap_or_default();
            for q in &v.quizzes {
                if quizzes.contains(&q.id.as_str()) {
                    problems.push((
                        file.clone(),
                        0,
                        format!("quiz id `{}` is used twice in this module", q.id),
                    ));
                }
                quizzes.push(&q.id);
                for question in &q.questions {
                    if questions.contains(&question.id.as_str()) {
                        problems.push((
                            file.clone(),
                            0,
                            format!("question id `{}` is used twice in this module", question.id),
                        ));
                    }
                    questions.push(&question.id);
                }
            }
        }
        for (file, line, message) in problems {
            let shown = content.root.join(file);
            content.findings.push(Finding::error(shown, line, message));
        }
    }
}

/// What a learner sees in place of a block that did not load.
fn unavailable_notice(text: &str) -> String {
    format!("<div class=\"notice notice-warning\" role=\"alert\"><p>{text}</p></div>")
}

/// Loads a module's exercises and proves each one's files agree with its checks
/// (`exercise::verify`); every problem becomes a finding.
fn load_exercises(content: &mut Content, module_dir: &str, module_slug: &str) -> Vec<Exercise> {
    let dir = content.root.join(module_dir);
    let (loaded, errors) = exercise::load_all(&dir, module_slug);
    content
        .findings
        .extend(errors.into_iter().map(Finding::from));
    let folder = dir.join(EXERCISES_DIR);
    for ex in &loaded {
        for problem in exercise::verify(ex) {
            let message = format!("exercise `{}`: {}", ex.id, problem.message);
            content.findings.push(match problem.severity {
                crate::lint::Severity::Warning => Finding::warning(&folder, 0, message),
                crate::lint::Severity::Error => Finding::error(&folder, 0, message),
            });
        }
    }
    loaded
}

/// Every exercise is placed on some page, and a translated page places the same
/// exercises in the same order as the English one.
fn check_exercise_placement(content: &mut Content, module: &Module) {
    let pages: Vec<&Page> = std::iter::once(&module.overview)
        .chain(&module.steps)
        .collect();
    for ex in &module.exercises {
        let placed = pages
            .iter()
            .any(|p| p.versions.iter().any(|v| v.exercises.contains(&ex.id)));
        if !placed {
            content.findings.push(Finding::warning(
                content.root.join(&module.dir).join(EXERCISES_DIR),
                0,
                format!(
                    "exercise `{}` is on no page; place it with an `exercise` block",
                    ex.id
                ),
            ));
        }
    }
    for page in pages {
        let [en, vi] = &page.versions;
        if en.fallback || vi.fallback || en.exercises == vi.exercises {
            continue;
        }
        let file = vi.source.clone().unwrap_or_default();
        content.findings.push(Finding::error(
            content.root.join(file),
            0,
            format!(
                "the translation places exercises [{}] but the English page places [{}]",
                vi.exercises.join(", "),
                en.exercises.join(", ")
            ),
        ));
    }
}

/// Reads an `exercise` block: TOML with one key, `id`, naming an exercise of the module.
fn exercise_block(body: &str, known: &[String]) -> Result<String, (usize, String)> {
    let table: toml::Table = body.parse().map_err(|e: toml::de::Error| {
        let line = e
            .span()
            .and_then(|r| body.get(..r.start))
            .map_or(1, |before| before.matches('\n').count() + 1);
        (line, format!("not valid TOML: {}", e.message()))
    })?;
    // The line of a key, for messages (the table keeps no positions).
    let line_of = |key: &str| {
        body.lines()
            .position(|l| l.trim_start().starts_with(key))
            .map_or(1, |i| i + 1)
    };
    if let Some(key) = table.keys().find(|k| *k != "id") {
        return Err((
            line_of(key),
            format!("unknown key `{key}`; an exercise block has only `id`"),
        ));
    }
    let Some(id) = table.get("id").and_then(toml::Value::as_str) else {
        return Err((
            line_of("id"),
            "an exercise block needs `id = \"...\"`, a string".to_owned(),
        ));
    };
    if known.iter().any(|k| k == id) {
        return Ok(id.to_owned());
    }
    let allowed: Vec<&str> = known.iter().map(String::as_str).collect();
    let hint = crate::names::suggestion(id, &allowed)
        .map(|s| format!(" (did you mean `{s}`?)"))
        .unwrap_or_default();
    Err((
        1,
        format!("no exercise `{id}` in this module's `exercises/` folder{hint}"),
    ))
}

struct PageCtx<'a> {
    index: &'a Index,
    module: usize,
    page: Option<usize>,
    here_dir: Vec<String>,
    file_dir: &'a str,
    lang: Lang,
    quizzes: Vec<Quiz>,
    /// Quiz and exercise blocks that did not parse or resolve: (offset of the fence, line
    /// in the block, message prefixed with the block's language).
    block_errors: Vec<(usize, usize, String)>,
    /// Exercise ids placed on the page.
    exercises: Vec<String>,
    /// Tools placed on the page.
    tools: Vec<String>,
}

impl PageCtx<'_> {
    fn here(&self) -> Here<'_> {
        Here {
            module: self.module,
            dir: self.here_dir.iter().map(String::as_str).collect(),
        }
    }
}

impl Host for PageCtx<'_> {
    fn resolve_ref(&self, target: &str) -> Option<String> {
        self.index.resolve_ref(&self.here(), target)
    }

    fn children(&self) -> Vec<(String, String, Option<String>)> {
        self.index
            .children(self.module, self.page, lang_index(self.lang))
    }
}

impl Resolver for PageCtx<'_> {
    fn link(&self, dest: &str) -> Link {
        self.index.link(&self.here(), self.file_dir, dest)
    }

    fn image(&self, src: &str) -> Option<String> {
        self.index.resolve_asset(self.module, self.file_dir, src)
    }

    fn special_fence(&mut self, lang: &str, body: &str, offset: usize) -> Option<String> {
        match lang {
            "quiz" => match quiz::parse(body) {
                Ok(q) => {
                    let slot = format!(
                        "<div class=\"quiz-slot\" data-quiz=\"{}\"></div>",
                        shortcode::escape(&q.id)
                    );
                    self.quizzes.push(q);
                    Some(slot)
                }
                Err(errors) => {
                    for e in errors {
                        self.block_errors
                            .push((offset, e.line, format!("quiz: {}", e.message)));
                    }
                    Some(unavailable_notice(match self.lang {
                        Lang::En => {
                            "This quiz is unavailable right now; the instructors have been told."
                        }
                        Lang::Vi => {
                            "Quiz này tạm thời không dùng được; người hướng dẫn đã được báo."
                        }
                    }))
                }
            },
            // The lab's tools, drawn by the app in place of the block (its body is unused).
            "dora-calculator" => {
                self.tools.push(lang.to_owned());
                Some(format!(
                    "<div class=\"tool-slot\" data-tool=\"{lang}\"></div>"
                ))
            }
            "exercise" => {
                let known = &self.index.modules[self.module].exercises;
                match exercise_block(body, known) {
                    Ok(id) => {
                        let slot = format!(
                            "<div class=\"exercise-slot\" data-exercise=\"{}\"></div>",
                            shortcode::escape(&id)
                        );
                        self.exercises.push(id);
                        Some(slot)
                    }
                    Err((line, message)) => {
                        self.block_errors
                            .push((offset, line, format!("exercise: {message}")));
                        Some(unavailable_notice(match self.lang {
                            Lang::En => {
                                "This exercise is unavailable right now; the instructors have been told."
                            }
                            Lang::Vi => {
                                "Bài thực hành này tạm thời không dùng được; người hướng dẫn đã được báo."
                            }
                        }))
                    }
                }
            }
            _ => None,
        }
    }
}

fn render_version(
    content: &mut Content,
    index: &Index,
    module: usize,
    page: Option<usize>,
    file_dir: &str,
    raw: &RawPage,
    lang: Lang,
) -> PageVersion {
    let own = raw.files[lang_index(lang)].as_ref();
    let other = raw.files[lang_index(lang.other())].as_ref();
    let own_usable = own.is_some_and(|f| !f.is_empty());
    if !own_usable {
        content.missing_translations += 1;
        if let Some(other_file) = other {
            let what = if own.is_some() {
                "is empty"
            } else {
                "is missing"
            };
            content.findings.push(Finding::warning(
                content.root.join(&other_file.rel),
                0,
                format!(
                    "the {} translation {what}; learners see the {} page",
                    lang_name(lang),
                    lang_name(lang.other())
                ),
            ));
        }
    }
    let (file, fallback) = match (own, own_usable) {
        (Some(f), true) => (f, false),
        _ => match other {
            Some(f) => (f, true),
            None => {
                return PageVersion {
                    title: humanize(&raw.name),
                    description: None,
                    duration: None,
                    objectives: Vec::new(),
                    prerequisites: Vec::new(),
                    html: String::new(),
                    source: None,
                    fallback: true,
                    unavailable: Some("This page has no content.".to_owned()),
                    quizzes: Vec::new(),
                    exercises: Vec::new(),
                    tools: Vec::new(),
                };
            }
        },
    };
    if !fallback {
        content.languages.insert(lang);
    }
    let title = title_of(raw, lang);
    let shown = content.root.join(&file.rel);
    if let Some(error) = &file.error {
        return PageVersion {
            title,
            description: None,
            duration: None,
            objectives: Vec::new(),
            prerequisites: Vec::new(),
            html: String::new(),
            source: Some(file.rel.clone()),
            fallback,
            unavailable: Some(error.clone()),
            quizzes: Vec::new(),
            exercises: Vec::new(),
            tools: Vec::new(),
        };
    }
    let report = !fallback;
    if report && file.front.title.is_none() {
        content
            .findings
            .push(Finding::warning(&shown, 1, "the page has no `title`"));
    }
    // Relative links resolve from the folder of the page's file, in slug form.
    let here_dir: Vec<String> = file_dir
        .split('/')
        .filter(|s| !s.is_empty())
        .map(slug_of)
        .collect();
    let mut ctx = PageCtx {
        index,
        module,
        page,
        here_dir,
        file_dir,
        lang: if fallback { lang.other() } else { lang },
        quizzes: Vec::new(),
        block_errors: Vec::new(),
        exercises: Vec::new(),
        tools: Vec::new(),
    };
    let expanded = shortcode::expand(&file.body, ctx.lang, &ctx);
    let rendered = markdown::render(&expanded.text, &mut ctx);
    if report {
        for issue in &expanded.issues {
            let line = file.body_line + issue.line - 1;
            content.findings.push(if issue.is_error {
                Finding::error(&shown, line, issue.message.clone())
            } else {
                Finding::warning(&shown, line, issue.message.clone())
            });
        }
        for issue in &rendered.issues {
            let line = file.body_line + expanded.source_line(issue.offset) - 1;
            content
                .findings
                .push(Finding::error(&shown, line, issue.message.clone()));
        }
        content
            .unknown_shortcodes
            .extend(expanded.unknown.iter().cloned());
        for (offset, line, message) in &ctx.block_errors {
            // The TOML starts on the line after the opening fence.
            let fence = file.body_line + expanded.source_line(*offset) - 1;
            content
                .findings
                .push(Finding::error(&shown, fence + line, message.clone()));
        }
    }
    PageVersion {
        title,
        description: file.front.description.clone(),
        duration: file.front.duration,
        objectives: file.front.objectives.clone(),
        prerequisites: file.front.prerequisites.clone(),
        html: rendered.html,
        source: Some(file.rel.clone()),
        fallback,
        unavailable: None,
        quizzes: ctx.quizzes,
        exercises: ctx.exercises,
        tools: ctx.tools,
    }
}

fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Vi => "Vietnamese",
    }
}
