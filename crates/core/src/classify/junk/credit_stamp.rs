//! A byline or a publication stamp set out in fields: the line under a headline that names the
//! reporter, the outlet and the date, whatever the site sets between them.
//!
//! **What it flags**: "Aoife Kennelly | 12 Feb 2024", "Liam Brennan · 6 April 2024 · 9:41pm",
//! "By Harriet Lowe, Courts Reporter | Tuesday 21 May 2024, 4:37pm", "Priya Raman | Hill
//! Country Courier (TNS) | Oct 2, 2024 | 4 min read", "by Kelsey Ward, KXRT 9 News", and a date
//! alone on its line ("Jan 19, 2024", "Mar 14, 2024 Updated Mar 15, 2024").
//!
//! **Evidence**: the line's shape: fields set apart by bars, middle dots, bullets or spaced
//! dashes, each of them a name (capitalized words), a byline ("By" and a name), a role, a
//! date or clock time, a reading time, an e-mail address, or a bracketed wire code; at least
//! one a date, a byline or an address, and one a name or a byline. A date alone: a year and a
//! day, a few capitalized words (months, weekdays) and stamp words, no sentence.
//!
//! **Known misses**: a name and an outlet with no date ("Nathan Crowe | Ozark Plateau
//! Gazette"), which a caption's credit resembles; dates with lower-case month names.

use super::byline::{BY, NAME_PARTICLES, ROLES};
use super::lexicon::{JunkLexicon, Rule};
use super::shape::{Line, is_link_token};

/// Most words of a byline or stamp line.
const MAX_WORDS: usize = 24;
/// Most share of stopwords in a byline or stamp line not set out in fields: names, dates and
/// roles are not prose.
const MAX_STOPWORD_SHARE: f32 = 0.35;
/// Most words of a name field (a reporter's name, an outlet's, a desk's).
const NAME_WORDS: usize = 5;
/// Most words of a date field besides its figures ("Tuesday", "May", "Updated").
const DATE_WORDS: usize = 4;

/// Lower-case words a date field may hold besides capitalized ones: stamp words and the
/// units of a relative time ("Updated 6 hrs ago").
const STAMP_WORDS: [&str; 19] = [
    "update",
    "about",
    "minutes",
    "days",
    "day",
    "updated",
    "published",
    "posted",
    "ago",
    "hrs",
    "hr",
    "hours",
    "hour",
    "mins",
    "min",
    "at",
    "am",
    "pm",
    "on",
];

/// What one field of the line is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Field {
    /// A date with its year, or a clock time, perhaps with a stamp word.
    Date,
    /// A day and a month with no year: a stamp's only when a name of the line is a byline.
    Day,
    /// "By" and a name.
    Byline,
    /// Capitalized words: a person, an outlet, a desk.
    Name,
    /// A reporter's role ("Courts Reporter").
    Role,
    /// An e-mail address or profile link.
    Address,
    /// A reading time or another counter of the cue file.
    Counter,
    /// The article's own outlet by name ("Jo Roe | Lakeshore Ledger" on lakeshoreledger.com).
    Own,
    /// A wire's name ("Jo Roe, The Canadian Press").
    Wire,
    /// A name and then its date in one field ("Rutger Veenstra 07-03-24, 14:22").
    NamedDate,
}

/// Whether the line is a byline or stamp set out in fields, or a date alone.
pub(crate) fn check(lex: &JunkLexicon, l: &Line, own: Option<&str>) -> bool {
    // Every line of an article comes here: the counts first. A stamp closes no sentence (but
    // may end in "a.m."), and its strong field is a date, an address or a byline. Set out in
    // fields, by bars, dots or runs of spaces, it is one whatever its words; otherwise it is
    // not prose by its stopwords (an address's parts may count as stopwords).
    if l.block
        || l.words == 0
        || l.words > MAX_WORDS
        || (l.ends_sentence() && !l.text.ends_with(".m."))
    {
        return false;
    }
    let bylined = BY.iter().any(|b| l.norm.starts_with(b))
        || l.norm.starts_with(" story by ")
        || l.norm.starts_with(" words by ");
    let set_out = || l.text.contains(['|', '·', '•']) || l.text.contains("  ");
    // With no figure, link or "By", only the own outlet's name in a field set out can make
    // the line a credit ("Jo Roe | Lakeshore Ledger").
    // A short line in capitals throughout may name a reporter and a wire ("Jo Roe, The
    // Canadian Press").
    let owned = || own.is_some() && l.words <= OWN_CREDIT_WORDS && set_out();
    let titled = l.words <= WIRE_CREDIT_WORDS && l.capitalized + 1 >= l.words;
    if (l.digits == 0 && !l.link_like && !bylined && !titled && !owned())
        || (!l.link_like && !bylined && l.stopword_share() > MAX_STOPWORD_SHARE && !set_out())
    {
        return false;
    }
    if l.digits > 0 && (date_alone(l) || cjk_stamp(l.text)) {
        return true;
    }
    let fields: Vec<&str> = split_fields(l.text);
    let mut kinds = Vec::with_capacity(fields.len());
    for f in &fields {
        let own_name = own.is_some_and(|o| o.len() >= OWN_MIN && squashed_is(f, o));
        match own_name.then_some(Field::Own).or_else(|| field(lex, f)) {
            Some(k) => kinds.push(k),
            None => return false,
        }
        if kinds.last() == Some(&Field::Byline) && f.split_whitespace().any(is_link_token) {
            kinds.push(Field::Address);
        }
    }
    // A day and a month beside a name is as often a list of the story's own (a tour's dates
    // and places) as a stamp.
    let strong = kinds.iter().any(|k| {
        matches!(
            k,
            Field::Date
                | Field::Byline
                | Field::Address
                | Field::Own
                | Field::Wire
                | Field::NamedDate
        )
    });
    // A reading time or counter beside the date is the stamp's too ("3 Oct 2024 · 4 min read").
    let named = kinds.iter().any(|k| {
        matches!(
            k,
            Field::Name
                | Field::Byline
                | Field::Role
                | Field::Counter
                | Field::NamedDate
                | Field::Wire
        )
    });
    // Two fields at least: a byline alone is the byline rule's.
    kinds.len() >= 2 && strong && named
}

/// Words that open a stamp's field, capitalized, where a page runs its fields together with
/// single spaces ("Staff Reporter Published July 27, 2024 Updated about 6 hours ago").
const STAMP_OPENERS: [&str; 3] = [" Published ", " Updated ", " Posted "];

/// The pieces of a part split before each of [`STAMP_OPENERS`] inside it.
struct StampWordCuts<'a> {
    rest: &'a str,
}

impl<'a> Iterator for StampWordCuts<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        if self.rest.is_empty() {
            return None;
        }
        let cut = STAMP_OPENERS
            .iter()
            .filter_map(|w| self.rest.find(w))
            .min()
            .map_or(self.rest.len(), |i| i + 1);
        let (piece, rest) = self.rest.split_at(cut);
        self.rest = rest;
        Some(piece)
    }
}

/// Most words of a credit line that only a wire's name makes one.
const WIRE_CREDIT_WORDS: usize = 8;

/// Most words of a credit line that only the own outlet's name makes one.
const OWN_CREDIT_WORDS: usize = 12;

/// Fewest letters of an own outlet's name matched in a field.
const OWN_MIN: usize = 4;

/// Whether a field's letters and digits, lower case, are `own` (as the own outlet is written).
fn squashed_is(f: &str, own: &str) -> bool {
    f.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .eq(own.chars())
}

/// The line's fields: split at bars, middle dots, bullets, spaced dashes and `@`; a field that
/// is not a date is split again at its commas ("By Jo Roe, Courts Reporter").
fn split_fields(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    // Runs of spaces set fields apart where the page's markup did ("Jo Roe Political
    // correspondent  Mon 25 Mar 2024 18.05 GMT").
    for part in text
        .split(['|', '·', '•'])
        .flat_map(|p| p.split("  "))
        .flat_map(|p| StampWordCuts { rest: p })
    {
        for piece in part
            .split(" - ")
            .flat_map(|p| p.split(" — "))
            .flat_map(|p| p.split(" – "))
            .flat_map(|p| p.split(" @ "))
        {
            let piece = piece.trim();
            if piece.is_empty() {
                continue;
            }
            if is_date(piece) {
                out.push(piece);
            } else {
                out.extend(piece.split(", ").map(str::trim).filter(|p| !p.is_empty()));
            }
        }
    }
    out
}

/// What a field is, if it is one a byline or stamp is made of.
fn field(lex: &JunkLexicon, f: &str) -> Option<Field> {
    let words: Vec<&str> = f.split_whitespace().collect();
    if words.len() == 1 && is_link_token(words[0]) {
        return Some(Field::Address);
    }
    if crate::normalize::is_age(f) || (f.ends_with(" ago") && is_date(f)) {
        return Some(Field::Date);
    }
    // "June 20, 2023 by Wei Ling Tan": the date, then the byline.
    if let Some((date, name)) = f.split_once(" by ")
        && is_date(date)
        && is_name(&name.split_whitespace().collect::<Vec<_>>())
    {
        return Some(Field::Byline);
    }
    if is_date(f) {
        let year = f
            .split(|c: char| !c.is_ascii_digit())
            .any(crate::normalize::is_year);
        let clock = f.split_whitespace().any(is_clock);
        // A name before the date and time ("Rutger Veenstra 07-03-24, 14:22"): two
        // capitalized words that are no stamp words open the field, and a figure follows.
        let mut words = f.split_whitespace();
        let named = words.by_ref().take(2).all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(char::is_alphabetic)
                && !STAMP_WORDS.iter().any(|s| s.eq_ignore_ascii_case(w))
        }) && words
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
        if named && clock {
            return Some(Field::NamedDate);
        }
        return Some(if year || clock {
            Field::Date
        } else {
            Field::Day
        });
    }
    let lower = format!(" {} ", f.to_lowercase());
    // "Story by Jo Roe", "Words by Jo Roe": a byline with its noun.
    let (lower, words) = match lower
        .strip_prefix(" story")
        .or_else(|| lower.strip_prefix(" words"))
    {
        Some(rest) if rest.starts_with(" by ") => (rest.to_string(), words[1..].to_vec()),
        _ => (lower, words),
    };
    if BY.iter().any(|b| lower.starts_with(b)) {
        // A byline may end in the reporter's address ("By Jo Roe jroe@example.com").
        let name = words[1..]
            .iter()
            .filter(|w| !is_link_token(w))
            .copied()
            .collect::<Vec<_>>();
        return is_name(&name).then_some(Field::Byline);
    }
    if words.len() <= 4 && ROLES.iter().any(|r| lower.contains(r)) {
        return Some(Field::Role);
    }
    let wire: Vec<&str> = lower.split_whitespace().collect();
    if lex.only_line_phrases(Rule::SourceFooter, &wire) {
        return Some(Field::Wire);
    }
    if is_name(&words) {
        return Some(Field::Name);
    }
    let norm: Vec<String> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let norm = format!(" {} ", norm.join(" "));
    (f.chars().any(|c| c.is_ascii_digit()) && lex.is_numbered_phrase(Rule::PageMeta, &norm))
        .then_some(Field::Counter)
}

/// One to [`NAME_WORDS`] capitalized words (the particles of names, figures and a bracketed
/// wire code such as "(TNS)" allowed), no sentence.
fn is_name(words: &[&str]) -> bool {
    (1..=NAME_WORDS).contains(&words.len())
        && words[0].starts_with(char::is_uppercase)
        && words.iter().all(|w| {
            let w = w.trim_matches(|c| matches!(c, '(' | ')' | '\''));
            w.starts_with(char::is_uppercase)
                || NAME_PARTICLES.contains(&w)
                || (w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()))
                || w == "&"
        })
        && !words
            .last()
            .is_some_and(|w| w.ends_with(['.', '!', '?', ':']) && w.len() > 3)
}

/// A date or a clock time: a year or a clock or a day and a capitalized word, with at most
/// [`DATE_WORDS`] words besides figures, each capitalized (months, weekdays) or a stamp word.
fn is_date(f: &str) -> bool {
    let tokens: Vec<&str> = f
        .split(|c: char| c.is_whitespace() || c == ',')
        .map(|t| t.trim_matches(|c| matches!(c, '.' | '(' | ')' | ':')))
        .filter(|t| !t.is_empty())
        .collect();
    let mut year = false;
    let mut clock = false;
    let mut day = false;
    let mut words = 0;
    // Lower-case words other than stamp words: the month names of most languages ("15 de
    // fevereiro de 2024", "16 апреля 2024"), taken only beside a day and a year.
    let mut lower = 0;
    for t in &tokens {
        let figures_only = t
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '/' | '-'));
        // A year, or a day, month and short year ("07-03-24").
        let parts: Vec<usize> = t.split(['.', '/', '-']).map(str::len).collect();
        let numeric_date = figures_only
            && parts.len() == 3
            && (1..=2).contains(&parts[0])
            && (1..=2).contains(&parts[1])
            && matches!(parts[2], 2 | 4);
        if figures_only && (numeric_date || t.split(['.', '/', '-']).any(crate::normalize::is_year))
        {
            year = true;
        } else if is_clock(t) {
            clock = true;
        } else if t.bytes().all(|b| b.is_ascii_digit()) && t.len() <= 2 {
            day = true;
        } else if t.chars().all(char::is_alphabetic) {
            words += 1;
            if !(t.starts_with(char::is_uppercase) || STAMP_WORDS.contains(t)) {
                lower += 1;
            }
        } else {
            return false;
        }
    }
    words <= DATE_WORDS && (year || clock || (day && words >= 1)) && (lower == 0 || (year && day))
}

/// "9:41pm", "16:40", "10h30", "18.05", "4:37 pm" (the "pm" is a word of its own then).
pub(crate) fn is_clock(t: &str) -> bool {
    clock_minutes(t).is_some()
}

/// The time of day a clock token ([`is_clock`]) reads, in minutes after midnight as written
/// (a 12-hour clock's "pm" is not added).
pub(crate) fn clock_minutes(t: &str) -> Option<u32> {
    let t = t.trim_end_matches(['a', 'p', 'A', 'P', 'm', 'M']);
    // Seconds after the minutes, as a content system stamps a page ("14:21:07").
    let t = match t.rsplit_once(':') {
        Some((hm, s))
            if hm.contains(':') && s.len() == 2 && s.parse::<u32>().is_ok_and(|s| s <= 59) =>
        {
            hm
        }
        _ => t,
    };
    let (h, m) = t.split_once([':', 'h', '.'])?;
    // A time of day: "18.05" is one, "41.25" (a rate) is not.
    let (hour, minute) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
    ((1..=2).contains(&h.len()) && m.len() == 2 && hour <= 24 && minute <= 59)
        .then_some(hour * 60 + minute)
}

/// A date alone on its line: a year and a day or a clock, with a capitalized word (a month
/// or a weekday), no sentence ("Jan 19, 2024", "Mar 14, 2024 Updated Mar 15, 2024").
/// A date written with the Chinese, Japanese or Korean marks for year, month and day, perhaps
/// with its time, and nothing else: "2022年10月14日 10時05分", "2024년 3월 5일 14:30".
fn cjk_stamp(text: &str) -> bool {
    let t = text.trim();
    let marked = |y: char, m: char, d: char| t.contains(y) && t.contains(m) && t.contains(d);
    // Besides the figures and marks, a weekday in parentheses and a stamp word ("（火）",
    // "更新", "입력"): a few letters at most.
    let mut letters = 0;
    (marked('年', '月', '日') || marked('년', '월', '일'))
        && t.chars().all(|c| {
            let mark = c.is_ascii_digit() || "年月日時分秒년월일시분초:：（）() ".contains(c);
            letters += usize::from(!mark);
            mark || (c.is_alphabetic() && !c.is_ascii())
        })
        && letters <= CJK_STAMP_LETTERS
}

/// Most letters of a Chinese, Japanese or Korean date stamp besides its figures and marks.
const CJK_STAMP_LETTERS: usize = 4;

fn date_alone(l: &Line) -> bool {
    if l.ends_sentence() || l.words > 10 {
        return false;
    }
    let t = l.text;
    let has_year = t
        .split(|c: char| !c.is_ascii_digit())
        .any(crate::normalize::is_year);
    let figures = t
        .split(|c: char| !c.is_ascii_digit())
        .filter(|x| !x.is_empty())
        .count();
    // A place in capitals before the date is a dateline, the story's own.
    let place = t
        .split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 4 && w.chars().all(char::is_uppercase));
    has_year
        && figures >= 2
        && t.contains(char::is_alphabetic)
        && !place
        && !year_labels_figure(t)
        && is_date(t)
}

/// A year, or a span of years, closed by a colon: the label of a figure in a row the story
/// sets out ("2014: 22,6 Millionen", "Allocation 2007-08: 32 per cent"), not a date.
pub(crate) fn year_labels_figure(text: &str) -> bool {
    text.split_whitespace().any(|tok| {
        tok.strip_suffix(':').is_some_and(|y| {
            y.split(['-', '–', '/'])
                .next()
                .is_some_and(crate::normalize::is_year)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::{fired, fired_own};

    #[test]
    fn rows_of_figures_under_their_years_stay() {
        for t in [
            "2006: 1,052",
            "2014: 22,6 Millionen",
            "Allocation 2007-08: 32 per cent",
        ] {
            assert_eq!(fired(t) & sig::RULES, 0, "{t}");
        }
    }

    #[test]
    fn bylines_and_stamps_in_fields() {
        for t in [
            "Aoife Kennelly | 12 Feb 2024",
            "Liam Brennan · 6 April 2024 · 9:41pm",
            "By Harriet Lowe, Courts Reporter | Tuesday 21 May 2024, 4:37pm",
            "Priya Raman | Hill Country Courier (TNS) | Oct 2, 2024 | 4 min read",
            "by Kelsey Ward, KXRT 9 News",
            "By Dana Whitfield dwhitfield@example.com",
            "Sipho Dlamini | Published 18 June 2024",
            "Oleh Nurul Aina Ismail - November 29, 2024 @ 3:45pm",
            "RNZ · Mon, 3 Jun 2024",
            "Jan 19, 2024",
            "Mar 14, 2024 Updated Mar 15, 2024",
            "Apr 10, 2024 Updated 6 hrs ago",
            "Jo Roe Political correspondent  Mon 25 Mar 2024 18.05 GMT",
            "Story by Jo Roe • The Example Gazette",
            "03 Oct 2024 · 4 min read",
            "Story by Dana Whitfield • 2d • Kitchen & Table",
            "Staff Reporter Published July 27, 2024 Updated about 6 hours ago",
            "Redacción | 30 de mayo de 2024",
            "Par Sophie Lambert, rédactrice en chef  |  21 juin 2023",
            "Jonah Whitfield, The Canadian Press",
            "Rutger Veenstra 07-03-24, 14:22  Laatste update: 15:05",
            "June 20, 2023 by Wei Ling Tan · 3 min read",
            "8 min ago · 4 min read",
            "2022年10月14日 10時05分",
            "2024년 3월 5일 14:30",
            "2025年2月4日（火）18:52 更新",
            "등록 2025.03.12 14:21:07 | 수정 2025.03.12 15:03:44",
        ] {
            assert!(fired(t) & sig::PAGE_META != 0, "{t}");
        }
        // A name beside the article's own outlet is its byline.
        let own = fired_own(
            "Nathan Crowe | Ozark Plateau Gazette",
            "ozarkplateaugazette",
        );
        assert!(own & sig::PAGE_META != 0);
        let other = fired_own("Nathan Crowe | Ozark Plateau Gazette", "lakeshoreledger");
        assert_eq!(other & sig::PAGE_META, 0);
        for t in [
            "Paris, France",
            "Top 10 of 2024",
            "Class of 2024",
            "Nathan Crowe | Ozark Plateau Gazette",
            "Tuesday March 5 | Madison Square Garden",
            "Media Contact: Rachel Nguyen, press@example.com, 512-555-0187",
            "By 2030, the city plans to double its bus fleet.",
            "Rivers United 1-0 Remo Stars",
            "The vote, held on March 3, 2024, was close.",
            "Vision 2030",
            "USD 41.25 | EUR 43.60",
            "https://example.com/2021/03/12/owner-jo-roe-2896 Helicopters Owner, Jo Roe",
        ] {
            assert_eq!(fired(t) & sig::PAGE_META, 0, "{t}");
        }
    }
}
