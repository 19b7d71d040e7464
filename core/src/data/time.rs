//! Timestamps in RFC 3339 (the ISO 8601 profile that AWS and `git log` print), read
//! without a date crate: the only arithmetic needed is days since 1970, which
//! [`days_from_civil`] does exactly for the proleptic Gregorian calendar.

/// Days from 1970-01-01 to the given date (negative before it). `month` is 1 to 12.
///
/// The algorithm counts whole 400-year eras starting in March, so that the leap day is
/// the last day of its year and needs no special case (H. Hinnant, "chrono-compatible
/// low-level date algorithms").
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y.rem_euclid(400); // 0..=399
    let m = i64::from(month);
    let mp = if m > 2 { m - 3 } else { m + 9 }; // March is 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // 0..=365
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // 0..=146096
    era * 146_097 + doe - 719_468
}

/// The date of a day number since 1970-01-01: the inverse of [`days_from_civil`],
/// as `(year, month, day)`.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365, March first
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    // Both are in range by construction (1..=12, 1..=31).
    (year, month as u32, day as u32)
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Reads `2026-10-05T08:15:00Z`, `2026-10-05T15:15:00+07:00`, `2026-10-05 08:15:00.250Z`
/// or `2026-10-05T08:15Z` into milliseconds since 1970-01-01T00:00:00Z.
///
/// A space or a lower-case `t`/`z` is accepted, as RFC 3339 allows; seconds may be left
/// out; fractions beyond the millisecond are dropped. A time without an offset is an
/// error: guessing the time zone would silently shift every lead time.
pub fn parse_rfc3339(text: &str) -> Result<i64, String> {
    let s = text.trim();
    let bad =
        || format!("`{s}` is not a date and time like 2026-10-05T08:15:00Z (ISO 8601, in UTC)");
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<i64> {
        let part = b.get(from..from + n)?;
        part.iter().all(u8::is_ascii_digit).then(|| {
            part.iter()
                .fold(0i64, |acc, d| acc * 10 + i64::from(d - b'0'))
        })
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    let (Some(year), Some(month), Some(day)) = (digits(0, 4), digits(5, 2), digits(8, 2)) else {
        return Err(bad());
    };
    if !(sep(4, b'-') && sep(7, b'-')) {
        return Err(bad());
    }
    if b.len() == 10 {
        return Err(format!(
            "`{s}` has a date but no time; write it like {s}T00:00:00Z"
        ));
    }
    if !matches!(b.get(10), Some(b'T' | b't' | b' ')) || !sep(13, b':') {
        return Err(bad());
    }
    let (Some(hour), Some(minute)) = (digits(11, 2), digits(14, 2)) else {
        return Err(bad());
    };
    let mut i = 16;
    let mut second = 0;
    let mut millis = 0;
    if sep(i, b':') {
        second = digits(i + 1, 2).ok_or_else(bad)?;
        i += 3;
        if sep(i, b'.') || sep(i, b',') {
            i += 1;
            let n = b[i..].iter().take_while(|c| c.is_ascii_digit()).count();
            if n == 0 {
                return Err(bad());
            }
            for k in 0..3 {
                millis = millis * 10 + if k < n { i64::from(b[i + k] - b'0') } else { 0 };
            }
            i += n;
        }
    }
    let offset_minutes = match b.get(i) {
        Some(b'Z' | b'z') if i + 1 == b.len() => 0,
        Some(&sign @ (b'+' | b'-')) => {
            let hh = digits(i + 1, 2).ok_or_else(bad)?;
            let (mm, end) = if sep(i + 3, b':') {
                (digits(i + 4, 2).ok_or_else(bad)?, i + 6)
            } else {
                (digits(i + 3, 2).ok_or_else(bad)?, i + 5)
            };
            if end != b.len() || hh > 23 || mm > 59 {
                return Err(bad());
            }
            let m = hh * 60 + mm;
            if sign == b'-' { -m } else { m }
        }
        None => {
            return Err(format!(
                "`{s}` has no time zone; add Z for UTC (convert local times first)"
            ));
        }
        Some(_) => return Err(bad()),
    };
    // Both are two digits, so they fit.
    let (month, day) = (month as u32, day as u32);
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(format!("`{s}` is not a real date"));
    }
    // Second 60 is a leap second; it reads as the first second of the next minute.
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!("`{s}` is not a real time of day"));
    }
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Ok(seconds * 1_000 + millis)
}
