//! A strict `application/x-www-form-urlencoded` reader for hand-built forms.
//!
//! Unlike lossy decoders it refuses what a person should hear about: bytes that are not
//! UTF-8, a field sent twice where one is expected, a malformed percent escape.

use std::fmt;

/// Why a form body was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// A name or value is not UTF-8 text.
    NotUtf8,
    /// A `%` not followed by two hex digits.
    BadEscape,
    /// A field that may appear once appeared again.
    Repeated(String),
    /// A required field is missing.
    Missing(String),
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FormError::NotUtf8 => f.write_str("the form data is not valid UTF-8 text"),
            FormError::BadEscape => f.write_str("the form data has a malformed % escape"),
            FormError::Repeated(name) => write!(f, "the field `{name}` was sent more than once"),
            FormError::Missing(name) => write!(f, "the field `{name}` is missing"),
        }
    }
}

/// The fields of a form, in the order sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Form {
    fields: Vec<(String, String)>,
}

impl Form {
    /// Parses a body.
    pub fn parse(body: &[u8]) -> Result<Form, FormError> {
        let mut fields = Vec::new();
        for pair in body.split(|b| *b == b'&') {
            if pair.is_empty() {
                continue;
            }
            let (name, value) = match pair.iter().position(|b| *b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &b""[..]),
            };
            fields.push((decode(name)?, decode(value)?));
        }
        Ok(Form { fields })
    }

    /// The single value of `name`; an error if sent twice.
    pub fn one(&self, name: &str) -> Result<Option<&str>, FormError> {
        let mut found = None;
        for (n, v) in &self.fields {
            if n == name {
                if found.is_some() {
                    return Err(FormError::Repeated(name.to_owned()));
                }
                found = Some(v.as_str());
            }
        }
        Ok(found)
    }

    /// The single value of a required field.
    pub fn required(&self, name: &str) -> Result<&str, FormError> {
        self.one(name)?
            .ok_or_else(|| FormError::Missing(name.to_owned()))
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// Every field whose name starts with `prefix`: `(rest of the name, value)`.
    pub fn with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a str)> + 'a {
        self.fields
            .iter()
            .filter_map(move |(n, v)| n.strip_prefix(prefix).map(|rest| (rest, v.as_str())))
    }
}

fn decode(raw: &[u8]) -> Result<String, FormError> {
    let mut out = Vec::with_capacity(raw.len());
    let mut i = 0;
    while i < raw.len() {
        match raw[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            b'%' => {
                let hex = raw.get(i + 1..i + 3).ok_or(FormError::BadEscape)?;
                let s = std::str::from_utf8(hex).map_err(|_| FormError::BadEscape)?;
                out.push(u8::from_str_radix(s, 16).map_err(|_| FormError::BadEscape)?);
                i += 3;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).map_err(|_| FormError::NotUtf8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_decode_plus_and_percent_escapes() {
        let f = Form::parse(b"a=1&b=hello+world&c=Tri%E1%BB%83n%20khai&d").unwrap();
        assert_eq!(f.one("b").unwrap(), Some("hello world"));
        assert_eq!(f.one("c").unwrap(), Some("Triển khai"));
        assert_eq!(f.one("d").unwrap(), Some(""));
        assert_eq!(f.one("zz").unwrap(), None);
    }

    #[test]
    fn a_repeated_single_field_is_refused_but_lists_are_fine() {
        let f = Form::parse(b"module=a&module=b&q=1&q=2").unwrap();
        assert_eq!(f.one("module"), Err(FormError::Repeated("module".into())));
        assert_eq!(f.all("q"), vec!["1", "2"]);
    }

    #[test]
    fn invalid_utf8_and_bad_escapes_are_refused() {
        assert_eq!(Form::parse(b"a=%FF%FE"), Err(FormError::NotUtf8));
        assert_eq!(Form::parse(b"a=\xff"), Err(FormError::NotUtf8));
        assert_eq!(Form::parse(b"a=%G1"), Err(FormError::BadEscape));
        assert_eq!(Form::parse(b"a=%4"), Err(FormError::BadEscape));
    }

    #[test]
    fn prefixed_fields_are_found() {
        let f = Form::parse(b"q.lead-time=2&q.order.0=1&x=3").unwrap();
        let got: Vec<_> = f.with_prefix("q.").collect();
        assert_eq!(got, vec![("lead-time", "2"), ("order.0", "1")]);
    }
}
