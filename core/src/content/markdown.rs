//! Markdown to safe HTML.
//!
//! pulldown-cmark with tables, footnotes, strikethrough, task lists and heading
//! attributes. On top of it: linkable heading anchors, server-side highlighting with a
//! copy button, links and images resolved against the content index (and checked), and
//! a final pass through ammonia, so raw HTML an author (or an imported workshop) wrote
//! can never run script in a learner's browser.

use crate::highlight;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// How a link target resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link {
    /// Leave the URL as written (external, anchor, mail).
    Keep,
    /// An internal target, rewritten to this URL.
    Internal(String),
    /// An internal target that does not exist.
    Broken,
}

/// What rendering needs from the content index.
pub trait Resolver {
    /// Resolves a link destination as written in the markdown.
    fn link(&self, dest: &str) -> Link;
    /// Resolves an image source; `None` when the file does not exist.
    fn image(&self, src: &str) -> Option<String>;
    /// Renders a fenced block the lab owns (`quiz`, `exercise`), if `lang` is one.
    /// `offset` is where the fence starts in the markdown, for error lines.
    fn special_fence(&mut self, lang: &str, body: &str, offset: usize) -> Option<String>;
}

/// A section heading, for the page outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 to 6.
    pub level: u8,
    /// The anchor id.
    pub id: String,
    /// Plain text.
    pub text: String,
}

/// A problem found while rendering, at an offset of the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderIssue {
    /// Byte offset in the rendered markdown, for line mapping.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// The rendered page.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// Sanitised HTML.
    pub html: String,
    /// Headings in order.
    pub headings: Vec<Heading>,
    /// Broken links and images.
    pub issues: Vec<RenderIssue>,
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Renders markdown to sanitised HTML.
pub fn render(markdown: &str, resolver: &mut dyn Resolver) -> Rendered {
    let mut out = Rendered::default();
    let mut events: Vec<Event<'_>> = Vec::new();
    let mut used_ids: HashSet<String> = HashSet::new();
    let mut iter = Parser::new_ext(markdown, options()).into_offset_iter();

    while let Some((event, range)) = iter.next() {
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                let mut inner = Vec::new();
                for (e, _) in iter.by_ref() {
                    if matches!(e, Event::End(TagEnd::Heading(_))) {
                        break;
                    }
                    inner.push(e);
                }
                let text = plain_text(&inner);
                let base = id.map(|i| i.to_string()).unwrap_or_else(|| slugify(&text));
                let id = unique_id(base, &mut used_ids);
                let lvl = heading_level(level);
                let mut inner_html = String::new();
                pulldown_cmark::html::push_html(&mut inner_html, inner.into_iter());
                let class_attr = if classes.is_empty() {
                    String::new()
                } else {
                    format!(
                        " class=\"{}\"",
                        classes
                            .iter()
                            .map(|c| escape_attr(c))
                            .collect::<Vec<_>>()
                            .join(" ")
                    )
                };
                events.push(Event::Html(CowStr::from(format!(
                    "<h{lvl} id=\"{id}\"{class_attr}>{inner_html} <a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h{lvl}>\n"
                ))));
                out.headings.push(Heading {
                    level: lvl,
                    id,
                    text,
                });
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let lang = match &kind {
                    CodeBlockKind::Fenced(info) => info
                        .split(|c: char| c.is_whitespace() || c == ',' || c == '{')
                        .next()
                        .unwrap_or("")
                        .to_ascii_lowercase(),
                    CodeBlockKind::Indented => String::new(),
                };
                let mut code = String::new();
                for (e, _) in iter.by_ref() {
                    match e {
                        Event::Text(t) => code.push_str(&t),
                        Event::End(TagEnd::CodeBlock) => break,
                        _ => {}
                    }
                }
                if let Some(html) = resolver.special_fence(&lang, &code, range.start) {
                    events.push(Event::Html(CowStr::from(html)));
                } else {
                    events.push(Event::Html(CowStr::from(code_block(&lang, &code))));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = match resolver.link(&dest_url) {
                    Link::Keep => dest_url,
                    Link::Internal(url) => CowStr::from(url),
                    Link::Broken => {
                        out.issues.push(RenderIssue {
                            offset: range.start,
                            message: format!("broken link to \"{dest_url}\""),
                        });
                        dest_url
                    }
                };
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest = if is_external(&dest_url) {
                    dest_url
                } else {
                    match resolver.image(&dest_url) {
                        Some(url) => CowStr::from(url),
                        None => {
                            out.issues.push(RenderIssue {
                                offset: range.start,
                                message: format!("image \"{dest_url}\" not found"),
                            });
                            dest_url
                        }
                    }
                };
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            other => events.push(other),
        }
    }
    let mut raw = String::with_capacity(markdown.len() * 2);
    pulldown_cmark::html::push_html(&mut raw, events.into_iter());
    out.html = SANITIZER.clean(&raw).to_string();
    out
}

/// Whether a URL leaves the lab.
pub fn is_external(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    lower.starts_with("http://")
        || lower.starts_with("https://")
        || lower.starts_with("mailto:")
        || lower.starts_with("//")
        || lower.starts_with("data:")
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    let mut s = String::new();
    for e in events {
        if let Event::Text(t) | Event::Code(t) = e {
            s.push_str(t);
        }
    }
    s
}

/// A URL-safe anchor from heading text; Vietnamese letters are kept (browsers handle
/// them), punctuation becomes `-`.
pub fn slugify(text: &str) -> String {
    let mut slug = String::new();
    let mut dash = false;
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
            dash = false;
        } else if !dash && !slug.is_empty() {
            slug.push('-');
            dash = true;
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    if slug.is_empty() {
        "section".to_owned()
    } else {
        slug
    }
}

fn unique_id(base: String, used: &mut HashSet<String>) -> String {
    let base = escape_attr(&base);
    if used.insert(base.clone()) {
        return base;
    }
    (1..)
        .map(|n| format!("{base}-{n}"))
        .find(|candidate| used.insert(candidate.clone()))
        .unwrap_or(base)
}

fn escape_attr(s: &str) -> String {
    crate::content::shortcode::escape(s)
}

/// Renders a short piece of markdown (a quiz prompt, a hint, an option) to sanitised
/// HTML. Links and images are left as written.
pub fn render_fragment(markdown: &str) -> String {
    struct Plain;
    impl Resolver for Plain {
        fn link(&self, _dest: &str) -> Link {
            Link::Keep
        }
        fn image(&self, src: &str) -> Option<String> {
            Some(src.to_owned())
        }
        fn special_fence(&mut self, _lang: &str, _body: &str, _offset: usize) -> Option<String> {
            None
        }
    }
    render(markdown, &mut Plain).html
}

/// Like [`render_fragment`], without the surrounding `<p>` of a one-paragraph text.
pub fn render_inline(markdown: &str) -> String {
    let html = render_fragment(markdown);
    let trimmed = html.trim();
    match trimmed
        .strip_prefix("<p>")
        .and_then(|s| s.strip_suffix("</p>"))
    {
        Some(inner) if !inner.contains("<p>") => inner.to_owned(),
        _ => html,
    }
}

/// A fenced code block: highlighted when the language is known, with a copy button.
pub fn code_block(lang: &str, code: &str) -> String {
    let body = highlight::highlight(lang, code).unwrap_or_else(|| escape_attr(code));
    let label = if lang.is_empty() {
        String::new()
    } else {
        format!("<span class=\"code-lang\">{}</span>", escape_attr(lang))
    };
    format!(
        "<div class=\"codeblock\">{label}<button type=\"button\" class=\"copy\" aria-label=\"Copy code\">Copy</button><pre class=\"code\"><code class=\"language-{}\">{body}</code></pre></div>\n",
        escape_attr(lang)
    )
}

static SANITIZER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut b = ammonia::Builder::default();
    b.add_tags([
        "details",
        "summary",
        "input",
        "label",
        "button",
        "figure",
        "figcaption",
        "kbd",
        "mark",
        "section",
    ]);
    b.add_generic_attributes([
        "class",
        "id",
        "role",
        "aria-label",
        "aria-hidden",
        "tabindex",
    ]);
    let mut tag_attrs: HashMap<&'static str, HashSet<&'static str>> = HashMap::new();
    tag_attrs.insert("input", ["type", "name", "checked", "disabled"].into());
    tag_attrs.insert("label", ["for"].into());
    tag_attrs.insert("button", ["type"].into());
    tag_attrs.insert("details", ["open"].into());
    tag_attrs.insert(
        "img",
        ["src", "alt", "title", "width", "height", "loading"].into(),
    );
    tag_attrs.insert("a", ["href", "title"].into());
    tag_attrs.insert("ol", ["start"].into());
    tag_attrs.insert("td", ["align", "style"].into());
    tag_attrs.insert("th", ["align", "style"].into());
    tag_attrs.insert("div", ["data-quiz", "data-exercise", "data-tool"].into());
    b.tag_attributes(tag_attrs);
    b.attribute_filter(|element, attribute, value| match (element, attribute) {
        // Only alignment survives in table styles (pulldown-cmark writes it).
        ("td" | "th", "style") => {
            let v = value.trim();
            matches!(
                v,
                "text-align: left" | "text-align: center" | "text-align: right"
            )
            .then(|| v.to_owned().into())
        }
        ("input", "type") => matches!(value, "checkbox" | "radio").then(|| value.into()),
        _ => Some(value.into()),
    });
    // Links open in the same tab, so no `rel=noopener` is needed; authors cannot set `target`.
    b.link_rel(None);
    b
});

#[cfg(test)]
mod tests {
    use super::*;

    struct R {
        fences: Vec<(String, usize)>,
    }
    impl Resolver for R {
        fn link(&self, dest: &str) -> Link {
            if is_external(dest) || dest.starts_with('#') {
                Link::Keep
            } else if dest == "other.md" {
                Link::Internal("/m/x/other".into())
            } else {
                Link::Broken
            }
        }
        fn image(&self, src: &str) -> Option<String> {
            (src == "images/a.svg").then(|| "/assets/x/images/a.svg".into())
        }
        fn special_fence(&mut self, lang: &str, _body: &str, offset: usize) -> Option<String> {
            (lang == "quiz").then(|| {
                self.fences.push((lang.into(), offset));
                "<div class=\"quiz\" data-quiz=\"q\"></div>".into()
            })
        }
    }

    fn md(s: &str) -> Rendered {
        render(s, &mut R { fences: vec![] })
    }

    #[test]
    fn headings_get_unique_anchor_ids() {
        let r = md("## Lead time\n\n## Lead time\n\n### Thời gian {#custom}\n");
        assert!(r.html.contains("<h2 id=\"lead-time\">Lead time"));
        assert!(r.html.contains("<h2 id=\"lead-time-1\">"));
        assert!(r.html.contains("<h3 id=\"custom\">"));
        assert!(r.html.contains("href=\"#lead-time\""));
        assert_eq!(r.headings.len(), 3);
    }

    #[test]
    fn tables_footnotes_strikethrough_and_task_lists_render() {
        let r = md(
            "| a | b |\n|---|:-:|\n| 1 | 2 |\n\n~~old~~ text[^1]\n\n[^1]: note\n\n- [x] done\n- [ ] todo\n",
        );
        assert!(r.html.contains("<table>"));
        assert!(r.html.contains("<del>old</del>"));
        assert!(r.html.contains("footnote"));
        assert!(r.html.contains("type=\"checkbox\""));
        assert!(r.html.contains("text-align: center"));
    }

    #[test]
    fn raw_html_is_sanitised() {
        let r = md(
            "<script>alert(1)</script>\n\n<img src=x onerror=\"alert(1)\">\n\n<a href=\"javascript:alert(1)\">x</a>\n\n<details><summary>ok</summary>kept</details>\n",
        );
        assert!(!r.html.contains("<script"));
        assert!(!r.html.contains("onerror"));
        assert!(!r.html.contains("javascript:"));
        assert!(r.html.contains("<details><summary>ok</summary>"));
    }

    #[test]
    fn code_is_wrapped_with_a_copy_button_and_escaped() {
        let r = md("```text\n<b>not bold</b>\n```\n");
        assert!(r.html.contains("class=\"copy\""));
        assert!(r.html.contains("&lt;b&gt;not bold&lt;/b&gt;"));
    }

    #[test]
    fn links_and_images_resolve_or_are_reported() {
        let r = md(
            "[a](other.md) [b](missing.md) [c](https://aws.amazon.com) ![d](images/a.svg) ![e](images/nope.png)\n",
        );
        assert!(r.html.contains("href=\"/m/x/other\""));
        assert!(r.html.contains("src=\"/assets/x/images/a.svg\""));
        assert_eq!(r.issues.len(), 2, "{:?}", r.issues);
    }

    #[test]
    fn special_fences_are_handed_to_the_resolver_with_their_line() {
        let mut resolver = R { fences: vec![] };
        let r = render("text\n\n```quiz\nsecret = 1\n```\n", &mut resolver);
        assert!(!r.html.contains("secret"));
        assert!(r.html.contains("data-quiz=\"q\""));
        assert_eq!(resolver.fences, vec![("quiz".to_owned(), 6)]);
    }

    #[test]
    fn slugs_keep_vietnamese_letters() {
        assert_eq!(slugify("Chỉ số DORA là gì?"), "chỉ-số-dora-là-gì");
        assert_eq!(slugify("!!!"), "section");
    }
}
