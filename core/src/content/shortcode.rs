//! Hugo shortcodes, expanded into markdown with HTML blocks before markdown rendering.
//!
//! Supported: `notice`, `expand`, `tabs`/`tab`, `button`, `children`, `ref`/`relref`,
//! in both `{{% … %}}` and `{{< … >}}` forms. Anything else is an unknown shortcode: its
//! markers are dropped so its inner content shows, and a warning is recorded. Shortcodes
//! inside fenced code blocks are left alone, and `{{</* x */>}}` prints `{{< x >}}`, as in
//! Hugo. Every line of the output remembers the source line it came from, so later
//! findings (a broken link, say) point at the author's file and line.

use crate::lang::Lang;

/// What the expander needs from the content index.
pub trait Host {
    /// The URL of the page `target` names, as `ref`/`relref` write it.
    fn resolve_ref(&self, target: &str) -> Option<String>;
    /// The child pages of the page being expanded: title, URL, description.
    fn children(&self) -> Vec<(String, String, Option<String>)>;
}

/// A problem found while expanding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Source line, 1-based, relative to the body.
    pub line: usize,
    /// True when learners see something broken.
    pub is_error: bool,
    /// What is wrong.
    pub message: String,
}

/// Markdown with shortcodes expanded.
#[derive(Debug, Clone, Default)]
pub struct Expanded {
    /// The markdown to render.
    pub text: String,
    /// `(offset in text, source line, copied from source)` checkpoints, by offset.
    chunks: Vec<(usize, usize, bool)>,
    /// Unknown shortcodes, broken refs, unbalanced markers.
    pub issues: Vec<Issue>,
    /// Names of unknown shortcodes met.
    pub unknown: Vec<String>,
}

impl Expanded {
    /// The source line (1-based, relative to the body) of a byte offset in `text`.
    pub fn source_line(&self, offset: usize) -> usize {
        let idx = self.chunks.partition_point(|c| c.0 <= offset);
        let Some(&(start, line, copied)) = idx.checked_sub(1).and_then(|i| self.chunks.get(i))
        else {
            return 1;
        };
        if copied {
            let end = offset.min(self.text.len());
            line + self
                .text
                .get(start..end)
                .map_or(0, |s| s.matches('\n').count())
        } else {
            line
        }
    }

    fn push_source(&mut self, s: &str, line: usize) {
        if !s.is_empty() {
            self.chunks.push((self.text.len(), line, true));
            self.text.push_str(s);
        }
    }

    fn push_generated(&mut self, s: &str, line: usize) {
        if !s.is_empty() {
            self.chunks.push((self.text.len(), line, false));
            self.text.push_str(s);
        }
    }
}

/// A parsed shortcode marker.
#[derive(Debug, Clone, PartialEq)]
struct Marker {
    name: String,
    closing: bool,
    self_closing: bool,
    positional: Vec<String>,
    named: Vec<(String, String)>,
}

impl Marker {
    fn arg(&self, key: &str) -> Option<&str> {
        self.named
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

const KNOWN: &[&str] = &[
    "notice", "expand", "tabs", "tab", "button", "children", "ref", "relref",
];
const PAIRED: &[&str] = &["notice", "expand", "tabs", "tab", "button"];

/// Expands the shortcodes of a page body.
pub fn expand(body: &str, lang: Lang, host: &dyn Host) -> Expanded {
    let mut out = Expanded::default();
    let mut tab_groups: Vec<(usize, usize)> = Vec::new(); // (group id, tabs so far)
    let mut next_group = 0usize;
    let mut open: Vec<(String, usize)> = Vec::new();
    let mut line = 1usize;
    let mut fence: Option<(u8, usize)> = None;

    let mut rest = body;
    while !rest.is_empty() {
        let line_end = rest.find('\n').map_or(rest.len(), |i| i + 1);
        let this_line = &rest[..line_end];
        // Fenced code: copy verbatim.
        if let Some((ch, len)) = fence_of(this_line) {
            match fence {
                None => fence = Some((ch, len)),
                Some((c, l)) if c == ch && len >= l && is_closing_fence(this_line) => fence = None,
                _ => {}
            }
            out.push_source(this_line, line);
            rest = &rest[line_end..];
            line += 1;
            continue;
        }
        if fence.is_some() {
            out.push_source(this_line, line);
            rest = &rest[line_end..];
            line += 1;
            continue;
        }
        // Process shortcodes on this line; a marker may span lines.
        let mut cursor = 0usize;
        let text = rest;
        let mut consumed_to = line_end;
        loop {
            let Some(found) = find_marker_start(&text[cursor..consumed_to.max(cursor)]) else {
                out.push_source(&text[cursor..consumed_to], line);
                break;
            };
            let start = cursor + found;
            out.push_source(&text[cursor..start], line);
            let delim = text.as_bytes()[start + 2];
            let close_pat = if delim == b'%' { "%}}" } else { ">}}" };
            let Some(rel_end) = text[start + 3..].find(close_pat) else {
                // Not a shortcode after all: keep the text.
                out.push_source(&text[start..start + 3], line);
                cursor = start + 3;
                continue;
            };
            let end = start + 3 + rel_end + 3;
            let inner = &text[start + 3..end - 3];
            // Hugo's escape: {{</* x */>}} prints {{< x >}}.
            if let Some(lit) = inner
                .trim()
                .strip_prefix("/*")
                .and_then(|s| s.strip_suffix("*/"))
            {
                let d = delim as char;
                let closing = if d == '%' { '%' } else { '>' };
                out.push_generated(&format!("{{{{{d}{}{closing}}}}}", lit), line);
            } else {
                match parse_marker(inner) {
                    Some(marker) => {
                        let html = render(
                            &marker,
                            line,
                            lang,
                            host,
                            &mut out,
                            &mut open,
                            &mut tab_groups,
                            &mut next_group,
                            &text[end..],
                        );
                        out.push_generated(&html, line);
                    }
                    None => {
                        out.issues.push(Issue {
                            line,
                            is_error: false,
                            message: format!("could not read the shortcode `{}`", inner.trim()),
                        });
                    }
                }
            }
            // A marker spanning lines advances the line counter.
            let spanned = text[start..end].matches('\n').count();
            line += spanned;
            cursor = end;
            if end > consumed_to {
                consumed_to = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
            }
        }
        rest = &rest[consumed_to..];
        line += 1;
    }
    for (name, at) in open.into_iter().rev() {
        out.issues.push(Issue {
            line: at,
            is_error: true,
            message: format!("the shortcode `{name}` is opened here but never closed"),
        });
    }
    out
}

fn find_marker_start(s: &str) -> Option<usize> {
    let bytes = s.as_bytes();
    (0..bytes.len().saturating_sub(2))
        .find(|&i| bytes[i] == b'{' && bytes[i + 1] == b'{' && matches!(bytes[i + 2], b'%' | b'<'))
}

/// ``` or ~~~ (three or more), indented at most three spaces.
fn fence_of(line: &str) -> Option<(u8, usize)> {
    let trimmed = line.trim_start_matches(' ');
    if line.len() - trimmed.len() > 3 {
        return None;
    }
    let ch = *trimmed.as_bytes().first()?;
    if ch != b'`' && ch != b'~' {
        return None;
    }
    let len = trimmed.bytes().take_while(|&b| b == ch).count();
    (len >= 3).then_some((ch, len))
}

fn is_closing_fence(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty() && t.bytes().all(|b| b == b'`' || b == b'~')
}

/// Parses `name a "b c" key="v"` or `/name`, with an optional trailing `/`.
fn parse_marker(inner: &str) -> Option<Marker> {
    let mut s = inner.trim();
    let closing = s.starts_with('/');
    if closing {
        s = s[1..].trim_start();
    }
    let self_closing = s.ends_with('/');
    if self_closing {
        s = s[..s.len() - 1].trim_end();
    }
    let mut tokens = tokenize(s)?.into_iter();
    let name = tokens.next()?;
    if name.is_empty()
        || !name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '-' || c == '_' || c == '/')
    {
        return None;
    }
    let mut positional = Vec::new();
    let mut named = Vec::new();
    for t in tokens {
        match t.split_once('=') {
            Some((k, v))
                if !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_alphanumeric() || c == '_' || c == '-') =>
            {
                named.push((k.to_owned(), v.to_owned()));
            }
            _ => positional.push(t),
        }
    }
    Some(Marker {
        name,
        closing,
        self_closing,
        positional,
        named,
    })
}

/// Splits on whitespace, keeping "quoted strings" (and key="quoted") together.
fn tokenize(s: &str) -> Option<Vec<String>> {
    let mut tokens = Vec::new();
    let mut cur = String::new();
    let mut chars = s.chars().peekable();
    let mut in_token = false;
    while let Some(c) = chars.next() {
        match c {
            '"' | '`' => {
                in_token = true;
                let quote = c;
                loop {
                    match chars.next() {
                        Some('\\') if quote == '"' => {
                            if let Some(n) = chars.next() {
                                cur.push(n);
                            }
                        }
                        Some(q) if q == quote => break,
                        Some(other) => cur.push(other),
                        None => return None,
                    }
                }
            }
            c if c.is_whitespace() => {
                if in_token {
                    tokens.push(std::mem::take(&mut cur));
                    in_token = false;
                }
            }
            c => {
                in_token = true;
                cur.push(c);
            }
        }
    }
    if in_token {
        tokens.push(cur);
    }
    Some(tokens)
}

/// HTML-escapes text for attributes and text nodes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

fn notice_title(kind: &str, lang: Lang) -> &'static str {
    match (kind, lang) {
        ("info", Lang::En) => "Info",
        ("info", Lang::Vi) => "Thông tin",
        ("tip", Lang::En) => "Tip",
        ("tip", Lang::Vi) => "Mẹo",
        ("warning", Lang::En) => "Warning",
        ("warning", Lang::Vi) => "Cảnh báo",
        (_, Lang::En) => "Note",
        (_, Lang::Vi) => "Ghi chú",
    }
}

#[allow(clippy::too_many_arguments)]
fn render(
    m: &Marker,
    line: usize,
    lang: Lang,
    host: &dyn Host,
    out: &mut Expanded,
    open: &mut Vec<(String, usize)>,
    tab_groups: &mut Vec<(usize, usize)>,
    next_group: &mut usize,
    after: &str,
) -> String {
    let name = m.name.as_str();
    if m.closing {
        match open.iter().rposition(|(n, _)| n == name) {
            Some(i) => {
                open.truncate(i);
            }
            None => {
                out.issues.push(Issue {
                    line,
                    is_error: false,
                    message: format!("`/{name}` closes a shortcode that is not open"),
                });
                return String::new();
            }
        }
        return match name {
            "notice" => "\n\n</div>\n\n".to_owned(),
            "expand" => "\n\n</div></details>\n\n".to_owned(),
            "tab" => "\n\n</div>\n\n".to_owned(),
            "tabs" => {
                tab_groups.pop();
                "\n\n</div>\n\n".to_owned()
            }
            "button" => "</a>".to_owned(),
            _ => String::new(),
        };
    }
    if !KNOWN.contains(&name) {
        if !out.unknown.iter().any(|u| u == name) {
            out.unknown.push(name.to_owned());
        }
        out.issues.push(Issue {
            line,
            is_error: false,
            message: format!("unknown shortcode `{name}`: only its inner content is shown"),
        });
        if !m.self_closing && has_closing(after, name) {
            open.push((name.to_owned(), line));
        }
        return String::new();
    }
    if PAIRED.contains(&name) && !m.self_closing {
        open.push((name.to_owned(), line));
    }
    match name {
        "notice" => {
            let kind = m
                .arg("style")
                .or_else(|| m.positional.first().map(String::as_str))
                .unwrap_or("note")
                .to_ascii_lowercase();
            let kind = match kind.as_str() {
                "note" | "info" | "tip" | "warning" => kind,
                "important" | "primary" => "info".to_owned(),
                "caution" | "danger" | "red" => "warning".to_owned(),
                other => {
                    out.issues.push(Issue {
                        line,
                        is_error: false,
                        message: format!(
                            "notice type `{other}` is not one of note, info, tip, warning; shown as a note"
                        ),
                    });
                    "note".to_owned()
                }
            };
            let title = m
                .arg("title")
                .or_else(|| m.positional.get(1).map(String::as_str))
                .map(escape)
                .unwrap_or_else(|| notice_title(&kind, lang).to_owned());
            let role = if kind == "warning" { "alert" } else { "note" };
            format!(
                "\n\n<div class=\"notice notice-{kind}\" role=\"{role}\">\n<p class=\"notice-title\">{title}</p>\n\n"
            )
        }
        "expand" => {
            let title = m
                .arg("title")
                .or_else(|| m.positional.first().map(String::as_str))
                .unwrap_or(match lang {
                    Lang::En => "Expand me…",
                    Lang::Vi => "Mở rộng…",
                });
            let open_attr = if m.arg("expanded") == Some("true") {
                " open"
            } else {
                ""
            };
            format!(
                "\n\n<details class=\"expand\"{open_attr}><summary>{}</summary><div class=\"expand-body\">\n\n",
                escape(title)
            )
        }
        "tabs" => {
            *next_group += 1;
            tab_groups.push((*next_group, 0));
            "\n\n<div class=\"tabs\">\n\n".to_owned()
        }
        "tab" => {
            let title = m
                .arg("title")
                .or_else(|| m.arg("name"))
                .or_else(|| m.positional.first().map(String::as_str))
                .unwrap_or("Tab");
            let Some((group, count)) = tab_groups.last_mut() else {
                out.issues.push(Issue {
                    line,
                    is_error: false,
                    message: "`tab` used outside `tabs`".to_owned(),
                });
                return "\n\n<div class=\"tab-panel tab-alone\">\n\n".to_owned();
            };
            let id = format!("tabs-{group}-{count}");
            let checked = if *count == 0 { " checked" } else { "" };
            *count += 1;
            format!(
                "\n\n<input type=\"radio\" class=\"tab-radio\" name=\"tabs-{group}\" id=\"{id}\"{checked}>\n<label class=\"tab-label\" for=\"{id}\">{}</label>\n<div class=\"tab-panel\">\n\n",
                escape(title)
            )
        }
        "button" => {
            let href = m.arg("href").unwrap_or("#");
            let href = if href.starts_with("javascript:") {
                "#"
            } else {
                href
            };
            format!("<a class=\"button\" href=\"{}\">", escape(href))
        }
        "children" => {
            let kids = host.children();
            if kids.is_empty() {
                return String::new();
            }
            let mut html = String::from("\n\n<ul class=\"children\">\n");
            for (title, url, desc) in kids {
                html.push_str(&format!(
                    "<li><a href=\"{}\">{}</a>",
                    escape(&url),
                    escape(&title)
                ));
                if let Some(d) = desc {
                    html.push_str(&format!(
                        " <span class=\"child-desc\">— {}</span>",
                        escape(&d)
                    ));
                }
                html.push_str("</li>\n");
            }
            html.push_str("</ul>\n\n");
            html
        }
        "ref" | "relref" => {
            let target = m
                .positional
                .first()
                .map(String::as_str)
                .or_else(|| m.arg("path"))
                .unwrap_or("");
            match host.resolve_ref(target) {
                Some(url) => url,
                None => {
                    out.issues.push(Issue {
                        line,
                        is_error: true,
                        message: format!("`{name}` to \"{target}\": no such page"),
                    });
                    "#broken-link".to_owned()
                }
            }
        }
        _ => String::new(),
    }
}

fn has_closing(after: &str, name: &str) -> bool {
    let mut rest = after;
    while let Some(i) = find_marker_start(rest) {
        let delim = rest.as_bytes()[i + 2];
        let close = if delim == b'%' { "%}}" } else { ">}}" };
        let Some(e) = rest[i + 3..].find(close) else {
            return false;
        };
        if let Some(m) = parse_marker(&rest[i + 3..i + 3 + e])
            && m.closing
            && m.name == name
        {
            return true;
        }
        rest = &rest[i + 3 + e + 3..];
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    struct TestHost;
    impl Host for TestHost {
        fn resolve_ref(&self, target: &str) -> Option<String> {
            (target == "02-dora").then(|| "/m/culture/dora".to_owned())
        }
        fn children(&self) -> Vec<(String, String, Option<String>)> {
            vec![(
                "First".into(),
                "/m/x/first".into(),
                Some("The first one".into()),
            )]
        }
    }

    fn run(src: &str) -> Expanded {
        expand(src, Lang::En, &TestHost)
    }

    #[test]
    fn notice_becomes_a_callout_with_markdown_inside() {
        let e = run("{{% notice tip %}}\nUse **bold**.\n{{% /notice %}}\n");
        assert!(
            e.text
                .contains("<div class=\"notice notice-tip\" role=\"note\">")
        );
        assert!(e.text.contains("<p class=\"notice-title\">Tip</p>"));
        assert!(e.text.contains("\n\nUse **bold**.\n"));
        assert!(e.text.contains("</div>"));
        assert!(e.issues.is_empty(), "{:?}", e.issues);
    }

    #[test]
    fn relearn_style_notice_arguments_are_understood() {
        let e = run("{{% notice style=\"warning\" title=\"Careful\" %}}x{{% /notice %}}");
        assert!(e.text.contains("notice-warning\" role=\"alert\""));
        assert!(e.text.contains(">Careful<"));
    }

    #[test]
    fn expand_becomes_a_disclosure() {
        let e = run("{{%expand \"Show the answer\" %}}\n42\n{{% /expand %}}");
        assert!(
            e.text
                .contains("<details class=\"expand\"><summary>Show the answer</summary>")
        );
        assert!(e.text.contains("</details>"));
    }

    #[test]
    fn tabs_become_radio_tabs_with_the_first_checked() {
        let e = run(
            "{{< tabs >}}\n{{% tab title=\"Python\" %}}\npy\n{{% /tab %}}\n{{% tab name=\"TypeScript\" %}}\nts\n{{% /tab %}}\n{{< /tabs >}}\n",
        );
        assert!(e.text.contains("id=\"tabs-1-0\" checked"));
        assert!(e.text.contains("for=\"tabs-1-1\">TypeScript</label>"));
        assert_eq!(e.text.matches("class=\"tab-panel\"").count(), 2);
        assert!(e.issues.is_empty(), "{:?}", e.issues);
    }

    #[test]
    fn button_becomes_a_link_and_javascript_urls_are_dropped() {
        let e = run("{{% button href=\"https://docs.aws.amazon.com/\" %}}Docs{{% /button %}}");
        assert!(
            e.text
                .contains("<a class=\"button\" href=\"https://docs.aws.amazon.com/\">Docs</a>")
        );
        let e = run("{{% button href=\"javascript:alert(1)\" %}}x{{% /button %}}");
        assert!(e.text.contains("href=\"#\""));
    }

    #[test]
    fn children_lists_child_pages() {
        let e = run("{{% children %}}");
        assert!(e.text.contains("<li><a href=\"/m/x/first\">First</a>"));
    }

    #[test]
    fn ref_resolves_and_a_broken_ref_is_an_error_on_its_line() {
        let e = run("See [DORA]({{< ref \"02-dora\" >}}).\n\n[x]({{< relref \"nope\" >}})\n");
        assert!(e.text.contains("[DORA](/m/culture/dora)"));
        assert_eq!(e.issues.len(), 1);
        assert_eq!(e.issues[0].line, 3);
        assert!(e.issues[0].is_error);
    }

    #[test]
    fn unknown_shortcodes_show_inner_content_and_warn() {
        let e = run("{{< youtube abc >}}\n{{% mystery %}}inner text{{% /mystery %}}\n");
        assert!(!e.text.contains("{{"), "{}", e.text);
        assert!(e.text.contains("inner text"));
        assert_eq!(e.unknown, vec!["youtube", "mystery"]);
        assert_eq!(e.issues.len(), 2);
        assert!(e.issues.iter().all(|i| !i.is_error));
    }

    #[test]
    fn shortcodes_in_fenced_code_are_left_alone() {
        let e = run("```markdown\n{{% notice tip %}}\n```\n");
        assert!(e.text.contains("{{% notice tip %}}"));
        assert!(e.issues.is_empty());
    }

    #[test]
    fn the_comment_escape_prints_a_literal_shortcode() {
        let e = run("Write `{{</* notice */>}}`.");
        assert!(e.text.contains("`{{< notice >}}`"), "{}", e.text);
    }

    #[test]
    fn an_unclosed_notice_is_reported() {
        let e = run("{{% notice note %}}\ntext\n");
        assert!(e.issues.iter().any(|i| i.is_error && i.line == 1));
    }

    #[test]
    fn source_lines_survive_expansion() {
        let e = run("line one\n{{% notice tip %}}\ninside\n{{% /notice %}}\nline five\n");
        let at = e.text.find("line five").unwrap();
        assert_eq!(e.source_line(at), 5);
        let at = e.text.find("inside").unwrap();
        assert_eq!(e.source_line(at), 3);
    }

    #[test]
    fn hostile_markers_do_not_panic() {
        for s in [
            "{{%",
            "{{<",
            "{{% %}}",
            "{{< \"unterminated >}}",
            "{{%/%}}",
            "{{< / >}}",
            "é{{<é>}}",
        ] {
            let _ = run(s);
        }
    }
}
