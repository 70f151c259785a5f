//! Pages kept as Markdown: lines read as a reader sees them, and lines that are mostly links.
//!
//! **What it flags**: in a page whose converter kept its markup (links as `[text](target)`,
//! see [`crate::segment::markdown_page`]), a line whose letters are mostly link text: a menu
//! (`* [News](…) * [Sport](…)`), a list of teasers (`### [Headline](…)`), a row of share
//! buttons, a sign-in or subscribe button. A story's prose may hold a link, but its letters
//! are mostly its own; jusText judges a paragraph by the same share (its link density).
//!
//! **Evidence**: the share of the line's letters inside links is at least [`LINK_SHARE`].
//! Every other rule judges the line as a reader sees it ([`visible`]): links as their text,
//! pictures dropped, and the marks of emphasis, headings, list items and blockquotes taken
//! away, so that `By [Ann Lee](…)` is a byline and `### Most Read` a related-links cue.
//!
//! **Example**: `* [Politics](https://example.com/politics/)`.
//!
//! **Known misses**: a link line whose text reads as prose is still flagged (a story's "read
//! the full report" link alone on its line); a picture that is a link is read as its caption.

use super::shape::Line;
use super::sig;

/// Share of a line's letters inside links from which the line is the page's links.
pub(crate) const LINK_SHARE: f32 = 0.5;

/// A line of a Markdown page as a reader sees it, and the share of its letters that are link
/// text.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Visible {
    /// The text shown.
    pub text: String,
    /// Letters inside links over all letters shown (0 when none is shown).
    pub link_share: f32,
}

impl Visible {
    /// What a line shows (`text`, `linked` of its letters inside links), or, when it shows no
    /// letter, the text alternatives of its pictures (`alt`); `None` when neither is left.
    pub(crate) fn shown(text: String, linked: usize, alt: &str) -> Option<Visible> {
        let shown = letters(&text);
        if shown == 0 {
            let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
            return (!alt.is_empty()).then_some(Visible {
                text: alt,
                link_share: 0.0,
            });
        }
        let link_share = (linked as f32 / shown as f32).min(1.0);
        Some(Visible { text, link_share })
    }
}

/// Letters and figures of `s`: what the share of link text is counted in.
pub(crate) fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphanumeric()).count()
}

/// The signal of a line of a Markdown page whose letters are mostly link text.
pub(crate) fn check(l: &Line) -> u32 {
    if !l.block && l.letters > 0 && l.link_share >= LINK_SHARE {
        sig::LINKS
    } else {
        0
    }
}

/// Appends what `s` shows to `out`, counting the letters shown inside links in `linked`
/// (`in_link`: `s` is itself a link's text). Pictures' text alternatives go to `alt`.
fn show(s: &str, in_link: bool, out: &mut String, linked: &mut usize, alt: &mut String) {
    let mut rest = s;
    while let Some(at) = rest.find('[') {
        let image = rest[..at].ends_with('!');
        let before = if image { &rest[..at - 1] } else { &rest[..at] };
        let tail = &rest[at..];
        let Some((close, end)) = crate::segment::markdown_link(tail) else {
            push(out, linked, in_link, &rest[..at + 1]);
            rest = &rest[at + 1..];
            continue;
        };
        push(out, linked, in_link, before);
        let inner = &tail[1..close];
        if image {
            alt.push_str(inner);
            alt.push(' ');
        } else {
            show(inner, true, out, linked, alt);
        }
        rest = &tail[end..];
    }
    push(out, linked, in_link, rest);
}

/// Appends `s` to `out`, its letters counted in `linked` when it is link text.
fn push(out: &mut String, linked: &mut usize, in_link: bool, s: &str) {
    if in_link {
        *linked += letters(s);
    }
    out.push_str(s);
}

/// Whether `c` is a mark of emphasis.
fn emphasis(c: char) -> bool {
    matches!(c, '*' | '_')
}

/// A word without its marks of emphasis and code: a mark between two letters or figures is
/// the word's own (`snake_case`).
fn unmarked(w: &str) -> String {
    let cs: Vec<char> = w.chars().collect();
    let inner = |i: usize| {
        i > 0 && cs[i - 1].is_alphanumeric() && cs.get(i + 1).is_some_and(|c| c.is_alphanumeric())
    };
    cs.iter()
        .enumerate()
        .filter(|&(i, &c)| c != '`' && (!emphasis(c) || inner(i)))
        .map(|(_, &c)| c)
        .collect()
}

/// `line` as a reader sees it ([`Visible`]), or `None` when it holds no Markdown to take
/// away. A line that shows nothing but pictures shows their text alternatives.
pub(crate) fn visible(line: &str) -> Option<Visible> {
    let t = line.trim();
    let marked = t.contains(['[', '*', '_', '#', '>', '`']) || t.starts_with(['-', '+']);
    if !marked {
        return None;
    }
    let (mut shown, mut linked, mut alt) = (String::new(), 0usize, String::new());
    show(t, false, &mut shown, &mut linked, &mut alt);
    // A list item, heading or blockquote mark opening the line.
    let opened = shown.trim_start_matches(['#', '>']).trim_start();
    let opened = opened
        .strip_prefix(['*', '-', '+'])
        .filter(|r| r.starts_with(' '))
        .unwrap_or(opened);
    // Emphasis at the edges of words; a mark standing alone between items parts them.
    let words: Vec<String> = opened
        .split_whitespace()
        .map(|w| {
            if w.chars().all(emphasis) {
                "|".to_string()
            } else {
                unmarked(w)
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    Visible::shown(words.join(" "), linked, &alt)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seen(line: &str) -> (String, f32) {
        let v = visible(line).expect(line);
        (v.text, v.link_share)
    }

    #[test]
    fn links_read_as_their_text() {
        assert_eq!(
            seen("By [Ann Lee](https://example.com/people/ann-lee/)"),
            ("By Ann Lee".to_string(), 6.0 / 8.0)
        );
        assert_eq!(
            seen("* [Politics](https://example.com/politics/)").0,
            "Politics"
        );
        assert_eq!(seen("### Most Read").0, "Most Read");
        assert_eq!(
            seen("_Reuters contributed to this report._").0,
            "Reuters contributed to this report."
        );
        assert_eq!(
            seen("* [News](/news) * [Sport](/sport) * [Weather](/weather)").0,
            "News | Sport | Weather"
        );
        // A link's text may hold emphasis and brackets; a target may hold parentheses.
        assert_eq!(
            seen("[**ALERT** Flood warning [updated]](https://example.com/a_(b))").0,
            "ALERT Flood warning [updated]"
        );
        assert_eq!(
            seen("字号：[大](javascript:void(0)) [中](javascript:void(0))").0,
            "字号：大 中"
        );
    }

    #[test]
    fn pictures_show_their_caption_or_else_their_alternative() {
        let (text, share) = seen(
            "![A jet at the gate](https://example.com/jet.jpg) A jet at the gate on Monday. (Photo: Ann Lee)",
        );
        assert_eq!(text, "A jet at the gate on Monday. (Photo: Ann Lee)");
        assert_eq!(share, 0.0);
        assert_eq!(seen("![广告](https://ad.example.cn/banner.jpg)").0, "广告");
        assert!(visible("![](https://example.com/pixel.gif)").is_none());
    }

    #[test]
    fn prose_keeps_its_own_letters() {
        let (_, share) = seen(
            "The [directive](https://example.gov/ad.pdf) applies to 600 jets flown by regional carriers.",
        );
        assert!(share < LINK_SHARE);
        assert!(visible("The council voted 5-2 on Tuesday.").is_none());
        // A bracket that opens no link stays.
        assert_eq!(
            seen("He said [sic] it was *fine*.").0,
            "He said [sic] it was fine."
        );
    }
}
