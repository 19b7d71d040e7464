//! Resolving `ref`/`relref` targets, markdown links and image paths against the index.

use super::markdown::{self, Link};
use super::{asset_url, module_url, step_url};
use std::collections::HashMap;
use std::path::PathBuf;

/// What resolution needs to know about a page.
#[derive(Debug, Clone)]
pub(crate) struct IndexPage {
    /// Slug path inside the module (`dora` or `parent/child`).
    pub slug: String,
    /// English and Vietnamese titles.
    pub titles: [String; 2],
    /// English and Vietnamese descriptions.
    pub descs: [Option<String>; 2],
    /// Index of the parent page inside the module, if nested.
    pub parent: Option<usize>,
}

/// What resolution needs to know about a module.
#[derive(Debug, Clone)]
pub(crate) struct IndexModule {
    pub slug: String,
    pub pages: Vec<IndexPage>,
    /// Ids of the module's exercises that loaded, for `exercise` blocks.
    pub exercises: Vec<String>,
}

/// Every module and page, for cross-references.
#[derive(Debug, Clone, Default)]
pub(crate) struct Index {
    pub modules: Vec<IndexModule>,
    pub assets: HashMap<String, PathBuf>,
}

/// Strips a numeric ordering prefix and makes a URL-safe slug of a file or folder name.
pub(crate) fn slug_of(name: &str) -> String {
    let trimmed = name.trim();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let rest = if digits > 0 {
        trimmed[digits..].trim_start_matches(['-', '_', '.', ' '])
    } else {
        trimmed
    };
    let base = if rest.is_empty() { trimmed } else { rest };
    markdown::slugify(base)
}

/// The numeric prefix of a name (`02-dora` → 2), for ordering.
pub(crate) fn numeric_prefix(name: &str) -> Option<u64> {
    let digits: String = name.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// Where a page sits, to resolve targets relative to it.
pub(crate) struct Here<'a> {
    pub module: usize,
    /// Slug segments of the folder the page's file is in (empty at the module root).
    pub dir: Vec<&'a str>,
}

impl Index {
    fn page_url(&self, module: usize, slug: &str) -> Option<String> {
        let m = self.modules.get(module)?;
        if slug.is_empty() {
            return Some(module_url(&m.slug));
        }
        m.pages
            .iter()
            .any(|p| p.slug == slug)
            .then(|| step_url(&m.slug, slug))
    }

    /// Resolves a Hugo `ref` target, or a relative `.md` link.
    pub fn resolve_ref(&self, here: &Here<'_>, target: &str) -> Option<String> {
        let (path, anchor) = match target.split_once('#') {
            Some((p, a)) => (p, format!("#{a}")),
            None => (target, String::new()),
        };
        let absolute = path.starts_with('/');
        let mut cleaned = path.trim().trim_matches('/');
        for suffix in [".vi.md", ".en.md", ".md"] {
            if let Some(s) = cleaned.strip_suffix(suffix) {
                cleaned = s;
                break;
            }
        }
        let raw: Vec<&str> = cleaned
            .split('/')
            .filter(|s| !s.is_empty() && *s != ".")
            .filter(|s| *s != "_index" && *s != "index")
            .collect();
        if raw.is_empty() && path.starts_with('#') {
            return None;
        }
        // Relative to the page's folder, with `..` walking up.
        if !absolute {
            let mut segs: Vec<String> = here.dir.iter().map(|s| (*s).to_owned()).collect();
            let mut escaped = false;
            for s in &raw {
                if *s == ".." {
                    if segs.pop().is_none() {
                        escaped = true;
                    }
                } else {
                    segs.push(slug_of(s));
                }
            }
            if !escaped && let Some(url) = self.page_url(here.module, &segs.join("/")) {
                return Some(url + &anchor);
            }
        }
        let segs: Vec<String> = raw
            .iter()
            .filter(|s| **s != "..")
            .map(|s| slug_of(s))
            .collect();
        let first = segs.first()?;
        // `module` or `module/page/...`.
        if let Some(mi) = self.modules.iter().position(|m| &m.slug == first)
            && let Some(url) = self.page_url(mi, &segs[1..].join("/"))
        {
            return Some(url + &anchor);
        }
        // A page named by its last segment: this module first, then anywhere if unique.
        let last = segs.last()?;
        let matches_last = |p: &IndexPage| p.slug.rsplit('/').next() == Some(last.as_str());
        if let Some(p) = self.modules[here.module]
            .pages
            .iter()
            .find(|p| matches_last(p))
        {
            return Some(step_url(&self.modules[here.module].slug, &p.slug) + &anchor);
        }
        let mut found = self.modules.iter().flat_map(|m| {
            m.pages
                .iter()
                .filter(|p| matches_last(p))
                .map(move |p| (m, p))
        });
        let one = found.next()?;
        if found.next().is_some() {
            return None;
        }
        Some(step_url(&one.0.slug, &one.1.slug) + &anchor)
    }

    /// Resolves an asset path relative to a page file's folder (real folder names).
    pub fn resolve_asset(&self, module: usize, file_dir: &str, src: &str) -> Option<String> {
        let src = src.split(['#', '?']).next().unwrap_or(src);
        let src = percent_decode(src);
        let mut segs: Vec<&str> = file_dir.split('/').filter(|s| !s.is_empty()).collect();
        for s in src.split('/') {
            match s {
                "" | "." => {}
                ".." => {
                    segs.pop()?;
                }
                s => segs.push(s),
            }
        }
        let key = format!("{}/{}", self.modules.get(module)?.slug, segs.join("/"));
        self.assets.contains_key(&key).then(|| asset_url(&key))
    }

    /// Resolves a markdown link destination.
    pub fn link(&self, here: &Here<'_>, file_dir: &str, dest: &str) -> Link {
        if dest.is_empty()
            || dest.starts_with('#')
            || markdown::is_external(dest)
            || dest.starts_with('/')
            || dest.contains(':')
        {
            return Link::Keep;
        }
        if let Some(url) = self.resolve_asset(here.module, file_dir, dest) {
            return Link::Internal(url);
        }
        match self.resolve_ref(here, dest) {
            Some(url) => Link::Internal(url),
            None => Link::Broken,
        }
    }

    /// The child pages of a page (`parent` = None for the module overview).
    pub fn children(
        &self,
        module: usize,
        parent: Option<usize>,
        lang: usize,
    ) -> Vec<(String, String, Option<String>)> {
        let Some(m) = self.modules.get(module) else {
            return Vec::new();
        };
        m.pages
            .iter()
            .filter(|p| p.parent == parent)
            .map(|p| {
                (
                    p.titles[lang].clone(),
                    step_url(&m.slug, &p.slug),
                    p.descs[lang].clone(),
                )
            })
            .collect()
    }
}

/// Decodes `%20`-style escapes; invalid sequences are kept as written.
pub(crate) fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Some(h) = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        {
            out.push(h);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_owned())
}
