//! Provenance from the corpus: which carrier of a piece of text came first.
//!
//! Members are ordered by date, then by id. The origin is the earliest *dated* member; an
//! undated member never becomes the origin over a dated one, and when no member is dated the
//! origin is unknown (`None`) rather than a guess from input order.

/// Seconds since 1970-01-01 UTC of a date written as `YYYY-MM-DD`, optionally followed by
/// `T` or a space, `HH:MM[:SS[.fff]]` and a zone (`Z`, `+HH:MM`, `+HHMM`); also `YYYY/MM/DD`.
pub fn parse_date(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if !matches!(b[4], b'-' | b'/')
        || b[7] != b[4]
        || !(1..=12).contains(&mo)
        || !(1..=31).contains(&d)
    {
        return None;
    }
    let mut secs = days_from_civil(y, mo, d) * 86_400;
    let rest = &s[10..];
    if rest.is_empty() {
        return Some(secs);
    }
    let rest = rest.strip_prefix(['T', ' '])?;
    let rb = rest.as_bytes();
    if rb.len() < 5 || rb[2] != b':' {
        return None;
    }
    let n2 = |t: &str| -> Option<i64> {
        if t.len() == 2 && t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    let (h, mi) = (n2(&rest[0..2])?, n2(&rest[3..5])?);
    let mut pos = 5;
    let mut sec = 0;
    if rb.len() >= 8 && rb[5] == b':' {
        sec = n2(&rest[6..8])?;
        pos = 8;
        if rb.len() > pos && rb[pos] == b'.' {
            pos += 1;
            while pos < rb.len() && rb[pos].is_ascii_digit() {
                pos += 1;
            }
        }
    }
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    secs += h * 3600 + mi * 60 + sec;
    let zone = rest[pos..].trim();
    let offset = match zone {
        "" | "Z" | "z" | "UTC" | "GMT" => 0,
        z if z.starts_with(['+', '-']) => {
            let sign = if z.starts_with('-') { -1 } else { 1 };
            let digits: String = z[1..].chars().filter(|c| c.is_ascii_digit()).collect();
            if digits.len() != 4 {
                return None;
            }
            sign * (digits[0..2].parse::<i64>().ok()? * 3600
                + digits[2..4].parse::<i64>().ok()? * 60)
        }
        _ => return None,
    };
    Some(secs - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The ordering key of a member: dated members first, by date, then by id.
pub fn order_key(date: Option<i64>, id: &str) -> (bool, i64, &str) {
    (date.is_none(), date.unwrap_or(0), id)
}

/// The origin among `members` given as `(index, date, id)`: the earliest dated one, ties
/// broken by id; `None` when none is dated.
pub fn earliest<'a, T: Copy>(
    members: impl IntoIterator<Item = (T, Option<i64>, &'a str)>,
) -> Option<T> {
    members
        .into_iter()
        .filter(|m| m.1.is_some())
        .min_by(|a, b| order_key(a.1, a.2).cmp(&order_key(b.1, b.2)))
        .map(|m| m.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_common_shapes() {
        assert_eq!(parse_date("1970-01-02"), Some(86_400));
        assert_eq!(parse_date("2021-01-01T03:05:18Z"), Some(1_609_470_318));
        assert_eq!(parse_date("2021-01-01 03:05:18"), Some(1_609_470_318));
        assert_eq!(parse_date("2021-01-01T05:05:18+02:00"), Some(1_609_470_318));
        assert_eq!(parse_date("2021-01-01T03:05:18.250Z"), Some(1_609_470_318));
        assert_eq!(parse_date("2021/01/01"), parse_date("2021-01-01"));
        assert_eq!(parse_date("yesterday"), None);
        assert_eq!(parse_date("2021-13-01"), None);
    }

    #[test]
    fn undated_members_never_win() {
        let m = [
            (0, None, "a"),
            (1, Some(10), "z"),
            (2, Some(10), "b"),
            (3, Some(20), "c"),
        ];
        assert_eq!(earliest(m), Some(2));
        assert_eq!(earliest([(0, None, "a"), (1, None, "b")]), None::<i32>);
    }
}
