//! Names authors write (ids, keys, rule names): the id rule and "did you mean" help.

/// Kebab-case ids: lowercase ASCII letters, digits and `-`, starting with a letter or digit.
pub(crate) fn is_id(id: &str) -> bool {
    id.starts_with(|c: char| c.is_ascii_lowercase() || c.is_ascii_digit())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// The allowed name closest to a misspelt one, if it is within two edits.
pub(crate) fn suggestion<'a>(name: &str, allowed: &[&'a str]) -> Option<&'a str> {
    allowed
        .iter()
        .map(|a| (edit_distance(name, a), *a))
        .filter(|(d, _)| *d <= 2)
        .min_by_key(|(d, _)| *d)
        .map(|(_, a)| a)
}

/// Keys of a TOML table that are not in `allowed`: `(byte offset, key, message)`, the
/// message naming where (`place`) and suggesting a close allowed key.
pub(crate) fn unknown_keys(
    table: &toml::de::DeTable<'_>,
    allowed: &[&str],
    place: &str,
) -> Vec<(usize, String, String)> {
    table
        .keys()
        .filter_map(|key| {
            let name: &str = key.get_ref();
            (!allowed.contains(&name)).then(|| {
                let hint = suggestion(name, allowed)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                (
                    key.span().start,
                    name.to_owned(),
                    format!("unknown key `{name}`{place}{hint}"),
                )
            })
        })
        .collect()
}

/// Levenshtein distance, for short names.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitution = prev[j] + usize::from(ca != *cb);
            cur[j + 1] = substitution.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn close_misspellings_are_suggested_and_far_ones_are_not() {
        assert_eq!(
            suggestion("corect", &["correct", "feedback"]),
            Some("correct")
        );
        assert_eq!(suggestion("zzzzzz", &["correct", "feedback"]), None);
        assert_eq!(edit_distance("kitten", "sitting"), 3);
    }

    #[test]
    fn ids_are_kebab_case() {
        assert!(is_id("lead-time-2"));
        assert!(!is_id("Lead"));
        assert!(!is_id("-x"));
        assert!(!is_id("a_b"));
    }
}
