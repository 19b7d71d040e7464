//! Vietnamese for the data module's messages on a wrong answer.
//!
//! The checkers of [`crate::data`] speak English; their failure messages come from a
//! small, fixed set of sentences with a name or a path filled in, so each is matched
//! here and said again in Vietnamese. A sentence not known here (a new one in the data
//! module) is shown in English rather than not at all; the tests list every sentence.

use crate::lang::Lang;
use regex::Regex;
use std::sync::LazyLock;

/// The message in `lang`: as is in English, translated when known in Vietnamese.
pub(super) fn translate(message: &str, lang: Lang) -> String {
    match lang {
        Lang::En => message.to_owned(),
        Lang::Vi => vi(message).unwrap_or_else(|| message.to_owned()),
    }
}

/// The Vietnamese of a known failure message.
pub(super) fn vi(message: &str) -> Option<String> {
    if let Some(text) = dora(message) {
        return Some(text);
    }
    translate_with(&SENTENCES, message)
}

/// The first pattern of `table` that matches `message`, its captures put into the
/// Vietnamese sentence.
pub(super) fn translate_with(table: &[(Regex, &str)], message: &str) -> Option<String> {
    table.iter().find_map(|(re, vi)| {
        re.captures(message).map(|c| {
            let mut out = String::new();
            c.expand(vi, &mut out);
            out
        })
    })
}

/// The four metrics' names, as the DORA checker starts its sentences.
const METRICS: [(&str, &str); 4] = [
    ("Deployment frequency", "Deployment frequency"),
    ("Median lead time", "Lead time trung vị"),
    ("Change failure rate", "Change failure rate"),
    ("Median recovery time", "Thời gian khôi phục trung vị"),
];

/// The unit mix-ups the DORA checker recognises.
const UNIT_HINTS: [(&str, &str); 4] = [
    (
        "this looks like deployments per week; give it per day",
        "có vẻ đây là số deployment mỗi tuần; hãy tính theo ngày",
    ),
    (
        "this looks like minutes; give it in hours",
        "có vẻ đây là số phút; hãy đổi sang giờ",
    ),
    (
        "this looks like days; give it in hours",
        "có vẻ đây là số ngày; hãy đổi sang giờ",
    ),
    (
        "this looks like a fraction; give a percentage (20 for 20 %)",
        "có vẻ đây là tỷ lệ dạng thập phân; hãy ghi theo phần trăm (20 cho 20 %)",
    ),
];

fn dora(message: &str) -> Option<String> {
    let (en, name) = METRICS.iter().find(|(en, _)| message.starts_with(en))?;
    let rest = &message[en.len()..];
    if rest == " should be a number, like 12.5." {
        return Some(format!("{name} phải là một con số, ví dụ 12.5."));
    }
    if rest == ": look again at which incidents count; leave this key out if none of them does." {
        return Some(format!(
            "{name}: hãy xem lại những sự cố nào được tính; nếu không sự cố nào được tính thì bỏ \
             key này đi."
        ));
    }
    let (direction, tail) = if let Some(tail) = rest.strip_prefix(" is too high") {
        ("đang quá cao", tail)
    } else {
        ("đang quá thấp", rest.strip_prefix(" is too low")?)
    };
    let hint = match tail {
        "." => String::new(),
        _ => {
            let en_hint = tail.strip_prefix(": ")?.strip_suffix('.')?;
            let (_, vi_hint) = UNIT_HINTS.iter().find(|(e, _)| *e == en_hint)?;
            format!(": {vi_hint}")
        }
    };
    Some(format!("{name} {direction}{hint}."))
}

/// The X-Ray and drift checkers' sentences, anchored, with `${n}` for what they name.
static SENTENCES: LazyLock<Vec<(Regex, &'static str)>> = LazyLock::new(|| {
    [
        // X-Ray.
        (r"^Name the span, or paste its id\.$", "Hãy ghi tên span, hoặc dán id của nó."),
        (
            r"^That is longer than any span name here\.$",
            "Tên này dài hơn mọi tên span trong trace.",
        ),
        (r"^This trace has no spans\.$", "Trace này không có span nào."),
        (
            r"^There is no span named `(.*)` in this trace; copy a name from the waterfall\.$",
            "Không có span nào tên `${1}` trong trace này; hãy copy một tên từ waterfall.",
        ),
        (
            r"^(.*) is slow mostly because it waits on something it calls: look at its children and compare the time each spends on its own\.$",
            "${1} chậm chủ yếu vì phải chờ một lời gọi bên trong nó: hãy xem các span con và so \
             sánh thời gian mỗi span tự tiêu tốn.",
        ),
        (
            r"^(.*) is not where the time goes: compare how long each span spends on its own, outside the spans it calls\.$",
            "${1} không phải chỗ tốn thời gian: hãy so sánh thời gian mỗi span tự tiêu tốn, không \
             tính các span mà nó gọi.",
        ),
        // Drift.
        (
            r"^Name the resource by its logical id, as in the template\.$",
            "Hãy ghi resource bằng logical id của nó, đúng như trong template.",
        ),
        (
            r"^That is longer than any logical id or path here\.$",
            "Giá trị này dài hơn mọi logical id hay đường dẫn trong bài.",
        ),
        (
            r"^Give the property's path too, like (.*)\.$",
            "Hãy ghi cả đường dẫn của property, ví dụ ${1}.",
        ),
        (
            r"^Logical ids are case-sensitive: check how `(.*)` is spelled in the template\.$",
            "Logical id phân biệt chữ hoa chữ thường: hãy kiểm tra lại cách viết `${1}` trong \
             template.",
        ),
        (
            r"^`(.*)` has not drifted: its properties match the template\.$",
            "`${1}` không bị drift: các property của nó vẫn khớp với template.",
        ),
        (
            r"^There is no resource `(.*)` in the template\.$",
            "Không có resource `${1}` trong template.",
        ),
        (
            r"^No drift was found on `(.*)`\.$",
            "Không phát hiện drift nào trên `${1}`.",
        ),
        (
            r"^Property names are case-sensitive: check how (.*) is spelled\.$",
            "Tên property phân biệt chữ hoa chữ thường: hãy kiểm tra lại cách viết ${1}.",
        ),
        (
            r"^Right resource, and the drift is inside (.*): go down to the value that changed\.$",
            "Đúng resource, và drift nằm bên trong ${1}: hãy đi sâu xuống giá trị đã thay đổi.",
        ),
        (
            r"^Right resource, but (.*) goes deeper than the value that drifted\.$",
            "Đúng resource, nhưng ${1} đi sâu hơn giá trị bị drift.",
        ),
        (
            r"^(.*) has drifted, but not at (.*)\.$",
            "${1} có drift, nhưng không phải ở ${2}.",
        ),
    ]
    .into_iter()
    // `(?s)`: a name the learner typed may hold a line break.
    .filter_map(|(pattern, vi)| Regex::new(&format!("(?s){pattern}")).ok().map(|re| (re, vi)))
    .collect()
});
