//! Which of the two articles of a diff is the original, by the date order of the audit
//! ([`crate::model::dates`]): the earlier dated article is the origin, an undated article never
//! is over a dated one, and with no dates the origin is unknown. Dates the audit cannot read
//! count as no date, as they do there.
//!
//! One difference: two articles dated the same instant are ordered by id in the audit (so
//! that its output does not depend on input order), but an id says nothing about who wrote
//! first, so here the original is unknown.

use crate::model::dates::parse_date;
use std::cmp::Ordering;

/// One of the two sides of a diff.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Which {
    /// Article A (left).
    A,
    /// Article B (right).
    B,
}

impl Which {
    /// `'A'` or `'B'`.
    pub fn letter(self) -> char {
        match self {
            Which::A => 'A',
            Which::B => 'B',
        }
    }
}

/// Which article is the original, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Original {
    /// Both are dated and this one is earlier; `date` as the article gives it.
    Earlier {
        /// The original.
        which: Which,
        /// Its date.
        date: String,
    },
    /// Only this one has a date.
    OnlyDated {
        /// The original.
        which: Which,
        /// Its date.
        date: String,
    },
    /// Both are dated the same instant; `date` is A's.
    SameDate {
        /// The date.
        date: String,
    },
    /// Neither has a date the audit can read.
    NoDates,
}

impl Original {
    /// The original of two articles with these dates (as read: `meta.date`).
    pub fn of(date_a: Option<&str>, date_b: Option<&str>) -> Original {
        match (dated(date_a), dated(date_b)) {
            (None, None) => Original::NoDates,
            (Some((_, a)), None) => Original::OnlyDated {
                which: Which::A,
                date: a.to_string(),
            },
            (None, Some((_, b))) => Original::OnlyDated {
                which: Which::B,
                date: b.to_string(),
            },
            (Some((ka, a)), Some((kb, b))) => match ka.cmp(&kb) {
                Ordering::Less => Original::Earlier {
                    which: Which::A,
                    date: a.to_string(),
                },
                Ordering::Greater => Original::Earlier {
                    which: Which::B,
                    date: b.to_string(),
                },
                Ordering::Equal => Original::SameDate {
                    date: a.to_string(),
                },
            },
        }
    }

    /// The original side, when known.
    pub fn which(&self) -> Option<Which> {
        match self {
            Original::Earlier { which, .. } | Original::OnlyDated { which, .. } => Some(*which),
            Original::SameDate { .. } | Original::NoDates => None,
        }
    }

    /// The reason in a few words: `earlier date 2024-01-02`, `only B is dated: 2024-01-02`,
    /// `same date 2024-01-02`, `no dates`.
    pub fn reason(&self) -> String {
        match self {
            Original::Earlier { date, .. } => format!("earlier date {date}"),
            Original::OnlyDated { which, date } => {
                format!("only {} is dated: {date}", which.letter())
            }
            Original::SameDate { date } => format!("same date {date}"),
            Original::NoDates => "no dates".to_string(),
        }
    }
}

/// A date the audit can read: its key and its text.
fn dated(date: Option<&str>) -> Option<(i64, &str)> {
    let d = date?.trim();
    parse_date(d).map(|k| (k, d))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earlier_dated_article_is_the_original() {
        let o = Original::of(Some("2024-01-02"), Some("2024-01-03T08:00:00Z"));
        assert_eq!(o.which(), Some(Which::A));
        assert_eq!(o.reason(), "earlier date 2024-01-02");
        let o = Original::of(
            Some("2024-01-02T10:00:00+02:00"),
            Some("2024-01-02T07:00:00Z"),
        );
        assert_eq!(o.which(), Some(Which::B));
        assert_eq!(o.reason(), "earlier date 2024-01-02T07:00:00Z");
    }

    #[test]
    fn an_undated_article_is_never_the_original_over_a_dated_one() {
        let o = Original::of(None, Some("2024-01-03"));
        assert_eq!(o.which(), Some(Which::B));
        assert_eq!(o.reason(), "only B is dated: 2024-01-03");
        assert_eq!(
            Original::of(Some("yesterday"), Some("2024-01-03")).which(),
            Some(Which::B),
            "a date the audit cannot read is no date"
        );
    }

    #[test]
    fn without_dates_or_with_the_same_date_the_original_is_unknown() {
        assert_eq!(Original::of(None, None), Original::NoDates);
        assert_eq!(Original::of(Some("soon"), None).reason(), "no dates");
        let o = Original::of(Some("2024-01-02"), Some("2024/01/02"));
        assert_eq!(o.which(), None);
        assert_eq!(o.reason(), "same date 2024-01-02");
    }
}
