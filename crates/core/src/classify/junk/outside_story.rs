//! Everything around the story of a whole page, as a text dump of the page leaves it.
//!
//! **What it flags**: in an article that is a whole page rather than an extractor's story (many
//! lines, at least half of them a few words: menus, teasers, stamps, buttons), every line
//! outside the page's densest run of prose. Teaser lists with their standfirsts, readers'
//! comments, about-the-site blurbs and cookie notices below the story read as prose one line
//! at a time; what gives them away is where they sit: apart from the story, across menus and
//! buttons.
//!
//! **Evidence**: its position (outside the run) and its neighbours: the run is the stretch of
//! lines with the largest sum of line values, as Body Text Extraction finds a page's body in
//! its tags, where a line of prose not flagged by another rule is worth its words and any
//! other line costs [`LINE_COST`]. A list of the story's own keeps its worth: numbered items
//! and table rows count as prose.
//!
//! **Example**: the "More in World" teasers, each a headline, a standfirst and "2H ago", and
//! the comments after a page's story.
//!
//! **Known misses**: a story in two halves split by a long widget keeps only its longer half
//! when the widget outweighs the shorter one; a page whose prose is mostly outside the story
//! (a table page with a long footer blurb) keeps the blurb instead.

use super::shape::{Line, closes_sentence};
use super::sig;

/// Fewest lines of a whole page: an extractor's output of a story seldom has this many with
/// half of them short.
const MIN_LINES: usize = 40;
/// Most words of a short line, for telling a whole page.
const SHORT_SIZE: usize = 6;
/// Fewest words of a line that is prose whatever its last character.
const LONG_SIZE: usize = 25;
/// Fewest words of a closed sentence that is prose.
const SENTENCE_SIZE: usize = 8;
/// What a line that is not prose costs the run that holds it.
const LINE_COST: i64 = 5;
/// Fewest figures of a table row.
const ROW_FIGURES: usize = 3;
/// Fewest lines outside the run that other rules flag, for a page that has furniture.
const MIN_FURNITURE: usize = 3;

/// Marks the lines outside the densest run of prose of an article that is a whole page.
/// `out` holds the signals so far; lines before `first` and the page's headline (the line
/// that repeats the title, when one does) are never flagged.
pub(crate) fn mark(lines: &[Line], first: usize, headline: Option<usize>, out: &mut [u32]) {
    let page = &lines[first.min(lines.len())..];
    let short = page.iter().filter(|l| l.size() <= SHORT_SIZE).count();
    if page.len() < MIN_LINES || short * 2 < page.len() {
        return;
    }
    let values: Vec<i64> = (first..lines.len())
        .map(|i| value(&lines[i], out[i]))
        .collect();
    let Some(mut run) = densest_run(&values) else {
        return;
    };
    // The story's last lines may be its facts in short sentences ("Referee: Gavin Ashworth.",
    // "Attendance: 6,214."): closed like the story's sentences and flagged by no rule, they
    // stay with it up to the first line that is furniture or reads otherwise.
    while run.end < page.len() && trailer(&page[run.end], out[first + run.end]) {
        run.end += 1;
    }
    // A page with furniture around its story shows some of it to the other rules too; a
    // long list of the story's own (a shopping list, a results table) shows none.
    let furniture = (0..page.len())
        .filter(|j| !run.contains(j) && out[first + j] & sig::RULES != 0)
        .count();
    if furniture < MIN_FURNITURE {
        return;
    }
    for (j, s) in out[first..].iter_mut().enumerate() {
        if !run.contains(&j)
            && *s & sig::RULES == 0
            && !page[j].block
            && headline != Some(first + j)
        {
            *s |= sig::OUTSIDE_STORY;
        }
    }
}

/// What a line adds to a run: its words if it is prose (or an item of a list or table, which
/// stories hold too) and not flagged by another rule, else minus [`LINE_COST`].
fn value(l: &Line, signals: u32) -> i64 {
    let n = l.size();
    let prose = n >= LONG_SIZE || (n >= SENTENCE_SIZE && closes_sentence(l.text));
    if signals & sig::RULES == 0 && !l.block && (prose || list_item(l.text) || table_row(l.text)) {
        n as i64
    } else {
        -LINE_COST
    }
}

/// A short line that closes like a sentence, flagged by no rule: one of the story's last
/// facts when it follows the story's run.
fn trailer(l: &Line, signals: u32) -> bool {
    signals & sig::RULES == 0 && !l.block && l.size() < SENTENCE_SIZE && closes_sentence(l.text)
}

/// A numbered item: figures, then `.` or `)`, then a space ("3) Blade Runner", "12. Paris").
fn list_item(text: &str) -> bool {
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit());
    rest.len() < text.len() && (rest.starts_with(". ") || rest.starts_with(") "))
}

/// A row of a table: [`ROW_FIGURES`] or more tokens that are figures ("1 Kyle Busch 5040 5 1").
fn table_row(text: &str) -> bool {
    text.split_whitespace()
        .filter(|t| {
            t.bytes().any(|b| b.is_ascii_digit())
                && t.bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b',' | b':' | b'%'))
        })
        .nth(ROW_FIGURES - 1)
        .is_some()
}

/// The stretch of `values` with the largest positive sum (the first such stretch), by
/// Kadane's scan; `None` when no value is positive.
fn densest_run(values: &[i64]) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(i64, std::ops::Range<usize>)> = None;
    let (mut sum, mut start) = (0i64, 0usize);
    for (i, &v) in values.iter().enumerate() {
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += v;
        if sum > 0 && best.as_ref().is_none_or(|(b, _)| sum > *b) {
            best = Some((sum, start..i + 1));
        }
    }
    best.map(|(_, r)| r)
}

#[cfg(test)]
mod tests {
    use super::super::tests::fired_all;
    use super::*;

    const STORY: &str = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
    const TEASER: &str = "Officials promptly dismiss a claim that the craft was downed and say the cause is still under investigation";

    fn outside(s: u32) -> bool {
        s & sig::OUTSIDE_STORY != 0
    }

    #[test]
    fn the_story_of_a_whole_page_stays_and_what_is_around_it_goes() {
        let mut page: Vec<&str> = vec!["Home", "World", "Politics", "Sport", "Sign in"];
        page.extend(["Tweet", "Share"].repeat(8));
        page.extend([STORY; 6]);
        page.push("Advertisement");
        page.extend([STORY; 4]);
        page.extend(["Asia Pacific", "Helicopter crash", TEASER, "2H ago"].repeat(6));
        page.extend(["Privacy", "Terms", "Contact us"]);
        let out = fired_all(&page);
        for (line, s) in page.iter().zip(&out) {
            assert_eq!(*s == 0, *line == STORY, "{line}");
        }
        // The teasers' standfirsts read as prose; only their place gives them away.
        let teaser = page.iter().position(|l| *l == TEASER).unwrap();
        assert!(outside(out[teaser]));
    }

    #[test]
    fn a_storys_last_facts_stay_with_it() {
        let mut page: Vec<&str> = vec!["Home", "World", "Politics", "Sport", "Sign in"];
        page.extend(["Tweet", "Share"].repeat(8));
        page.extend([STORY; 8]);
        let facts = ["Referee: Gavin Ashworth.", "Attendance: 6,214 (811 away)."];
        page.extend(facts);
        page.extend(["Asia Pacific", "Helicopter crash", TEASER, "2H ago"].repeat(6));
        let out = fired_all(&page);
        for (line, s) in page.iter().zip(&out) {
            if facts.contains(line) {
                assert!(!outside(*s), "{line}");
            }
        }
    }

    #[test]
    fn a_story_made_of_a_list_or_a_table_keeps_it() {
        let mut page: Vec<&str> = vec!["Home", "News", "Sport", "Share", "Tweet", STORY, STORY];
        for _ in 0..12 {
            page.extend(["1) Lego Star Wars bomber set", "http://amzn.to/x"]);
        }
        page.extend(["3 Kyle Busch 5040 5 1 17 27"; 10]);
        page.extend(["Home", "News", "Sport", "Share", "Tweet"]);
        let out = fired_all(&page);
        assert!(out.iter().all(|&s| !outside(s)));
    }

    #[test]
    fn an_extractors_story_is_left_alone() {
        // Short lines, but too few for a whole page; and a page without prose.
        let mut story: Vec<&str> = vec!["Home"; 10];
        story.extend([STORY; 10]);
        assert!(fired_all(&story).iter().all(|&s| !outside(s)));
        assert!(fired_all(&["Home"; 60]).iter().all(|&s| !outside(s)));
    }

    #[test]
    fn the_densest_run_is_the_first_of_the_largest() {
        assert_eq!(densest_run(&[-5, 10, -5, 8, -20, 12]), Some(1..4));
        assert_eq!(densest_run(&[4, -9, 4]), Some(0..1));
        assert_eq!(densest_run(&[-1, -2]), None);
    }
}
