use crate::data::csv::read;
use crate::data::{civil_from_days, days_from_civil, parse_rfc3339};

#[test]
fn quoted_fields_keep_commas_quotes_and_line_breaks() {
    let src = "a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nplain, \"spaced\" ,end\n";
    let t = read("t.csv", src, 10).unwrap();
    assert_eq!(t.rows[0].fields, ["x, y", "say \"hi\"", "two\nlines"]);
    assert_eq!(t.rows[0].line, 2);
    assert_eq!(t.rows[1].fields, ["plain", "spaced", "end"]);
    // The record after a quoted line break starts on line 4.
    assert_eq!(t.rows[1].line, 4);
}

#[test]
fn bom_crlf_blank_lines_and_header_case_are_accepted() {
    let src = "\u{feff} Deployment_ID ,STATUS\r\nd1,success\r\n\r\nd2,failed\r\n";
    let t = read("t.csv", src, 10).unwrap();
    assert_eq!(t.header, ["deployment_id", "status"]);
    assert_eq!(t.rows.len(), 2);
    assert_eq!(t.rows[1].line, 4);
    assert_eq!(t.column("status").unwrap(), 1);
}

#[test]
fn an_unclosed_quote_is_reported_on_the_line_it_opens() {
    let e = read("t.csv", "a,b\n1,2\n3,\"open\nstill open\n", 10).unwrap_err();
    assert_eq!((e.line, e.file.as_str()), (3, "t.csv"));
    assert!(e.message.contains("never closed"), "{e}");
}

#[test]
fn text_after_a_closing_quote_is_an_error() {
    let e = read("t.csv", "a,b\n\"x\"y,2\n", 10).unwrap_err();
    assert_eq!(e.line, 2);
    assert!(e.message.contains("closing double quote"), "{e}");
}

#[test]
fn a_row_with_the_wrong_number_of_fields_is_an_error() {
    let e = read("t.csv", "a,b\n1,2\n1,2,3\n", 10).unwrap_err();
    assert_eq!(e.line, 3);
    assert!(e.message.contains("3 fields but the header has 2"), "{e}");
}

#[test]
fn a_duplicate_header_column_is_an_error() {
    let e = read("t.csv", "a,B,b\n", 10).unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.message.contains("`b` appears twice"), "{e}");
}

#[test]
fn an_empty_file_is_an_error() {
    let e = read("t.csv", "\u{feff}\n\n", 10).unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.message.contains("empty"), "{e}");
}

#[test]
fn rows_past_the_limit_are_an_error_on_the_first_row_too_many() {
    let e = read("t.csv", "a\n1\n2\n3\n", 2).unwrap_err();
    assert_eq!(e.line, 4);
    assert!(e.message.contains("too many rows"), "{e}");
}

#[test]
fn a_file_over_five_megabytes_is_refused_before_reading() {
    let big = "a\n".repeat(3 * 1024 * 1024);
    let e = read("t.csv", &big, usize::MAX).unwrap_err();
    assert_eq!(e.line, 1);
    assert!(e.message.contains("the limit is 5 MB"), "{e}");
}

#[test]
fn days_from_civil_matches_known_dates() {
    assert_eq!(days_from_civil(1970, 1, 1), 0);
    assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    assert_eq!(days_from_civil(1969, 12, 31), -1);
    // 2026-11-02 is a Monday: 1970-01-01 was a Thursday.
    assert_eq!((days_from_civil(2026, 11, 2) + 3).rem_euclid(7), 0);
    assert_eq!(
        days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28),
        2
    );
}

#[test]
fn timestamps_with_z_and_other_offsets_give_the_same_instant() {
    let z = parse_rfc3339("2026-10-05T08:15:00Z").unwrap();
    assert_eq!(
        z,
        (days_from_civil(2026, 10, 5) * 86_400 + 8 * 3600 + 15 * 60) * 1000
    );
    for same in [
        "2026-10-05T08:15:00+00:00",
        "2026-10-05T15:15:00+07:00",
        "2026-10-05T03:15:00-05:00",
        "2026-10-05 08:15:00z",
        "2026-10-05T08:15Z",
        "2026-10-05T15:15:00+0700",
        " 2026-10-05t08:15:00.000Z ",
    ] {
        assert_eq!(parse_rfc3339(same), Ok(z), "{same}");
    }
    assert_eq!(parse_rfc3339("2026-10-05T08:15:00.25Z"), Ok(z + 250));
    assert_eq!(parse_rfc3339("2026-10-05T08:15:00.123456Z"), Ok(z + 123));
    // An offset can move the date back across midnight and a month end.
    assert_eq!(
        parse_rfc3339("2026-11-01T05:00:00+07:00"),
        parse_rfc3339("2026-10-31T22:00:00Z")
    );
}

#[test]
fn impossible_or_ambiguous_timestamps_are_errors() {
    for bad in [
        "2026-10-05T08:15:00",
        "2026-10-05",
        "2026-02-29T00:00:00Z",
        "2026-13-01T00:00:00Z",
        "2026-10-05T24:00:00Z",
        "2026-10-05T08:15:00+25:00",
        "05/10/2026 08:15",
        "2026-10-05T08:15:00Zjunk",
        "",
    ] {
        assert!(parse_rfc3339(bad).is_err(), "{bad} was accepted");
    }
    assert!(parse_rfc3339("2024-02-29T00:00:00Z").is_ok());
    assert!(
        parse_rfc3339("2026-10-05T08:15:00")
            .unwrap_err()
            .contains("add Z")
    );
}

#[test]
fn civil_from_days_inverts_days_from_civil() {
    assert_eq!(civil_from_days(0), (1970, 1, 1));
    assert_eq!(civil_from_days(-1), (1969, 12, 31));
    assert_eq!(civil_from_days(20_453), (2025, 12, 31));
    for days in (-800_000..800_000).step_by(997) {
        let (y, m, d) = civil_from_days(days);
        assert_eq!(days_from_civil(y, m, d), days, "{y}-{m}-{d}");
    }
}
