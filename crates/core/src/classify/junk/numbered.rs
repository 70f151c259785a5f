//! Pages dumped by a text browser that numbers its links: lines read as the page showed them.
//!
//! lynx and w3m write every link of a page with its number before its text (`[1]Home [2]News`,
//! `[14]Water firms told to pay £168m back`) and list the addresses at the end (`15.
//! https://…`, read as links too); pictures
//! become `[IMG]` or `[image: caption]` and form buttons `(BUTTON)`. The number says where a
//! link starts but not where it ends, so a link's text is taken to run to the next number when
//! that is near (a menu's item), or to the line's end when the line opens with the link and
//! reads as no sentence (a teaser's headline, a byline). The share of a line's letters inside
//! links is then judged as in a page kept as Markdown ([`super::markdown::check`]).
//!
//! **Example**: `[10]Compartir en Facebook [11]Compartir en X [12]Enviar por WhatsApp`.
//!
//! A short label and a colon may come before the link (`Más información: [13]Las olas de
//! calor…`).
//!
//! **Known misses**: a link in the middle of a line of text that runs far is counted as a few
//! words; the line's other rules still read it without its numbers.

use super::markdown::{Visible, letters};
use crate::segment::{link_mark, picture_marks};

/// Most words of a link's text before the next link's number: a menu's item or a button.
const ITEM_WORDS: usize = 4;

/// Most words of a label before a colon and the link it introduces.
const LABEL_WORDS: usize = 3;

/// The text alternative of a picture placeholder opening `s` (`[IMG]`, `[image: caption]`),
/// and where the placeholder ends.
fn picture(s: &str) -> Option<(&str, usize)> {
    let (mark, close) = picture_marks(s)?;
    Some((s[mark.min(close)..close].trim(), close + 1))
}

/// A line of the list of addresses a text browser writes after the page: a number and a web
/// address (`15. https://example.org/report`).
fn listed_address(t: &str) -> bool {
    let Some((number, address)) = t.split_once(". ") else {
        return false;
    };
    (1..=4).contains(&number.len())
        && number.bytes().all(|b| b.is_ascii_digit())
        && !address.contains(char::is_whitespace)
        && (address.contains("://") || address.starts_with("www."))
}

/// Appends `s` to the last of `pieces`.
fn push_last(pieces: &mut [String], s: &str) {
    if let Some(p) = pieces.last_mut() {
        p.push_str(s);
    }
}

/// `line` as its page showed it ([`Visible`]): link numbers, picture placeholders and form
/// buttons taken away, with the share of its letters inside links; `None` when it holds none
/// of them. A line that shows nothing but pictures shows their text alternatives.
pub(crate) fn visible(line: &str) -> Option<Visible> {
    let t = line.trim();
    if listed_address(t) {
        return Some(Visible {
            text: t.to_string(),
            link_share: 1.0,
        });
    }
    if !t.contains(['[', '(']) {
        return None;
    }
    // The line cut at its link numbers: the text before the first, then each link's.
    let mut pieces: Vec<String> = vec![String::new()];
    let mut alt = String::new();
    let mut marked = false;
    let mut rest = t;
    while let Some(at) = rest.find(['[', '(']) {
        push_last(&mut pieces, &rest[..at]);
        let tail = &rest[at..];
        if let Some(end) = link_mark(tail) {
            pieces.push(String::new());
            rest = &tail[end..];
        } else if let Some((text, end)) = picture(tail) {
            alt.push_str(text);
            alt.push(' ');
            rest = &tail[end..];
        } else if let Some(after) = tail.strip_prefix("(BUTTON)") {
            rest = after;
        } else {
            let c = tail.chars().next().map_or(1, char::len_utf8);
            push_last(&mut pieces, &tail[..c]);
            rest = &tail[c..];
            continue;
        }
        marked = true;
    }
    push_last(&mut pieces, rest);
    if !marked {
        return None;
    }
    // A short label and a colon before the first link ("Más información: [13]…", "See also:
    // [7]…") open the line as a link does.
    let label = pieces[0]
        .trim_end()
        .strip_suffix(':')
        .is_some_and(|l| (1..=LABEL_WORDS).contains(&l.split_whitespace().count()));
    let opens_with_link = pieces.len() > 1 && (letters(&pieces[0]) == 0 || label);
    let mut linked = 0usize;
    for (i, piece) in pieces.iter().enumerate().skip(1) {
        let words = piece.split_whitespace().count();
        let last = i + 1 == pieces.len();
        let item = words <= ITEM_WORDS && (!last || pieces.len() > 2);
        let headline = i == 1 && opens_with_link && last && !super::shape::closes_sentence(piece);
        if item || headline {
            linked += letters(piece);
        }
    }
    let text = pieces
        .concat()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    Visible::shown(text, linked, &alt)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::classify::junk::markdown::LINK_SHARE;

    fn seen(line: &str) -> (String, f32) {
        let v = visible(line).expect(line);
        (v.text, v.link_share)
    }

    #[test]
    fn menus_buttons_and_teasers_are_links() {
        let (text, share) = seen("[1]Home [2]News [3]Politics [4]Climate crisis");
        assert_eq!(text, "Home News Politics Climate crisis");
        assert_eq!(share, 1.0);
        assert_eq!(
            seen("[10]Share on Facebook [11]Share on X [12]Send by WhatsApp").1,
            1.0
        );
        let (text, share) = seen("[14]Water firms told to pay £168m back to customers");
        assert_eq!(text, "Water firms told to pay £168m back to customers");
        assert_eq!(share, 1.0);
        // A short label before the link.
        assert!(
            seen("Más información: [13]Las olas de calor ya duran el doble que hace cuarenta años")
                .1
                >= LINK_SHARE
        );
        assert_eq!(
            seen("(BUTTON) Sign up for the free morning newsletter").0,
            "Sign up for the free morning newsletter"
        );
    }

    #[test]
    fn prose_keeps_its_own_letters() {
        let (text, share) = seen(
            "The agency said in a [5]statement on Tuesday that the levels had fallen since May.",
        );
        assert_eq!(
            text,
            "The agency said in a statement on Tuesday that the levels had fallen since May."
        );
        assert!(share < LINK_SHARE);
        // A story's sentence opening with a link is still a sentence.
        assert!(
            seen("[3]Mayor Ann Lee said on Monday that the bridge would reopen in May.").1
                < LINK_SHARE
        );
        // A speaker and a colon before a linked sentence: the sentence is the story's.
        assert!(seen("Officials said: [5]the levels had fallen since May.").1 < LINK_SHARE);
        // A note's number is no link; a line without link numbers shows as it is.
        assert!(visible("The study found a rise.[3] Officials agreed.").is_none());
        assert!(visible("The vote (held on Monday) passed.").is_none());
    }

    #[test]
    fn pictures_show_their_text_alternative_alone() {
        assert_eq!(
            seen("[image: Police at the scene]").0,
            "Police at the scene"
        );
        let (text, share) = seen("[IMG] Crews at the scene on Monday. [7]Photo: Ann Lee");
        assert_eq!(text, "Crews at the scene on Monday. Photo: Ann Lee");
        // One short link closing a line of text is the text's.
        assert_eq!(share, 0.0);
        assert!(visible("[IMG]").is_none());
    }

    #[test]
    fn the_list_of_addresses_is_links() {
        assert_eq!(
            seen("15. https://www.example.gov/cleanups/well-sampling/").1,
            1.0
        );
        assert!(visible("15. Results are expected within three weeks.").is_none());
    }
}
