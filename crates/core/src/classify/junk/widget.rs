//! Share bars, gallery and video-player widgets.
//!
//! **What it flags**: the text of page widgets: share buttons ("Share this: Twitter",
//! "WhatsApp", "Email"), like and comment counters, gallery counters and controls ("Image 1 of
//! 23 … Caption Close", "1 of 6", "Back to Gallery"), player residue ("Media playback is
//! unsupported on your device", "This slideshow requires JavaScript", "Text size").
//!
//! **Evidence**: a widget phrase of the cue file as the whole line, its start (short lines) or
//! inside it (lines of at most 40 words); a line made only of share-button words; a bare
//! counter "N of M".
//!
//! **Example**: `Share this: Twitter` then `Facebook`.
//!
//! **Known misses**: a player's title and description (they read as a headline and a
//! sentence); gallery captions without counter or controls; market-ticker widgets.

use super::lexicon::{CueHits, Rule};
use super::shape::Line;
use super::sig;

/// Longest line, in words, flagged on a widget phrase at its start or inside it.
const MAX_WORDS: usize = 40;

/// The signals this rule adds to a line of at most [`super::shape::LONG_WORDS`] words (longer
/// lines are looked at only for widget controls at their end, see [`super::JunkDetector`]). `only_widget_words` says whether every word of the
/// line is a whole-line widget phrase on its own ("Facebook Twitter Email").
pub fn check(l: &Line, h: CueHits, only_widget_words: bool) -> u32 {
    if (h.line(Rule::Widget) && l.words <= 6)
        || (h.contains(Rule::Widget) && l.words <= MAX_WORDS)
        || (only_widget_words && l.words <= 8)
    {
        return sig::WIDGET;
    }
    // A counter is two or three words; a ticker's three figures need three digits or a `%`.
    if (l.words <= 3 && counter(l.text)) || ((l.digits >= 3 || l.text.contains('%')) && ticker(l)) {
        return sig::WIDGET | sig::SHAPE;
    }
    0
}

/// A market-data widget: three or more signed figures or percentages ("-12.99 -5.44%") in a
/// line with hardly any stopwords (a market report in prose has them).
fn ticker(l: &Line) -> bool {
    let figures = l
        .text
        .split_whitespace()
        .filter(|t| {
            let t = t.trim_end_matches([',', ';']);
            let signed =
                t.starts_with(['+', '-', '−']) && t[1..].starts_with(|c: char| c.is_ascii_digit());
            let percent = t.ends_with('%')
                && t.starts_with(|c: char| c.is_ascii_digit() || "+-−".contains(c));
            signed || percent
        })
        .count();
    figures >= 3 && l.stopword_share() < 0.15
}

/// A bare gallery counter: "1 of 6", "2 de 10", "4 / 9" (not "9/11", a date).
fn counter(text: &str) -> bool {
    let t: Vec<&str> = text.split_whitespace().collect();
    let num = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    match t.as_slice() {
        [a, mid, b] => {
            num(a)
                && num(b)
                && (*mid == "/"
                    || (mid.chars().count() <= 4 && mid.chars().all(char::is_alphabetic)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::fired;

    #[test]
    fn widgets_in_several_languages() {
        for t in [
            "Share this: Twitter",
            "WhatsApp",
            "Compartilhar",
            "Поделиться",
            "Image 1 of 23 Caption Close",
            "1 of 6",
            "2 de 10",
            "Media playback is unsupported on your device",
        ] {
            assert!(fired(t) & sig::WIDGET != 0, "{t}");
        }
        assert_eq!(
            fired("Prices rose 1 of every 6 days last year, the report said.") & sig::WIDGET,
            0
        );
        assert_eq!(fired("9/11") & sig::WIDGET, 0);
        assert!(
            fired(
                "Ticker Last Change Change % ACME CORP. 225.86 -12.99 -5.44% FOO INC. 113.2 +1.02 +0.9%"
            ) & sig::WIDGET
                != 0
        );
        assert_eq!(
            fired(
                "Shares fell 5.4% on Tuesday, after a 3% drop on Monday and a 2% gain on Friday."
            ) & sig::WIDGET,
            0
        );
    }
}
