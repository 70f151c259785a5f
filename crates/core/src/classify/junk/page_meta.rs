//! Page metadata, notices and markup residue.
//!
//! **What it flags**: what a page says about itself rather than the story: wire slugs
//! (`AP-US--Trump-Impeachment, 4th Ld-Writethru`), separators (`___`, `* * *`), raw HTML
//! residue, bare ids and timestamps, image URLs, "Posted on … by …", "Filed under:", tag and
//! category lines, copyright and affiliate notices, disclaimers and cookie banners.
//!
//! **Evidence**: the line's shape (no words at all; a tag; a slug token; digits with at most
//! two letters; an image URL; a `©` at its start) or a notice phrase of the cue file (whole
//! line, start of a short line, or inside a line of at most 60 words).
//!
//! **Example**: `BC-EU--Britain-Brexit-Election, 1st Ld-Writethru`.
//!
//! **Known misses**: page-metadata dumps that read as words (a site's name and section on
//! their own); pagination written out in words.

use super::lexicon::{CueHits, Rule};
use super::shape::{LONG_WORDS, Line};
use super::sig;

/// Longest line, in words, flagged on a notice phrase at its start.
const PREFIX_WORDS: usize = 20;
/// Longest line, in words, with `©` at its start taken for a copyright line.
const COPYRIGHT_WORDS: usize = 8;

/// The signals this rule adds to a line.
pub fn check(l: &Line, h: CueHits) -> u32 {
    let shape = l.no_words()
        || html_residue(l.text)
        || wire_slug(l.text)
        || bare_number(l)
        || image_url(l.text)
        || (l.text.starts_with('©') && l.words <= COPYRIGHT_WORDS);
    if shape {
        return sig::PAGE_META | sig::SHAPE;
    }
    if (h.line(Rule::PageMeta) && l.words <= 4)
        || (h.prefix(Rule::PageMeta) && l.words <= PREFIX_WORDS)
        || (h.inside(Rule::PageMeta) && l.words <= LONG_WORDS)
    {
        return sig::PAGE_META;
    }
    0
}

/// Markup left in the text as a line of its own: it opens with an HTML tag or entity
/// (`<span data-…>`, `</p>`, `&nbsp;`). A stray `<i>` inside a sentence leaves the sentence
/// body.
fn html_residue(text: &str) -> bool {
    if !text.starts_with(['<', '&']) {
        return false;
    }
    let b = text.as_bytes();
    let tag = b.windows(2).enumerate().any(|(i, w)| {
        w[0] == b'<'
            && (w[1].is_ascii_alphabetic() || w[1] == b'/')
            && b[i + 1..].iter().take(300).any(|&c| c == b'>')
            && {
                // The tag name runs to a space, `>` or `/`.
                let rest = &b[i + 1..];
                let slash = usize::from(rest.first() == Some(&b'/'));
                let name = rest[slash..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .count();
                let after = rest.get(slash + name).copied();
                // `<span …>`, `</p>`, `<br/>`; not `<N4HY.93Apr5@host>` (a mail address).
                let close = rest.iter().position(|&c| c == b'>').unwrap_or(rest.len());
                (1..=10).contains(&name)
                    && matches!(after, Some(b' ' | b'>' | b'/'))
                    && !rest[..close].contains(&b'@')
            }
    });
    tag || text.starts_with("&nbsp;") || text.starts_with("&amp;") || text.starts_with("&quot;")
}

/// A wire-service slug: a first token like `AP-US--…` or `BC-EU--…`.
fn wire_slug(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    let Some((head, _)) = first.split_once("--") else {
        return false;
    };
    let parts: Vec<&str> = head.split('-').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=6).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_uppercase()))
}

/// An id or timestamp on its own: at least six digits and at most two letters.
fn bare_number(l: &Line) -> bool {
    l.digits >= 6 && l.letters <= 2 && l.words <= 8
}

/// A line that is an image URL (with at most a few words before it).
fn image_url(text: &str) -> bool {
    let toks: Vec<&str> = text.split_whitespace().collect();
    toks.len() <= 4
        && toks.iter().any(|t| {
            let t = t.to_ascii_lowercase();
            (t.starts_with("http://") || t.starts_with("https://"))
                && [".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg"]
                    .iter()
                    .any(|e| t.ends_with(e) || t.contains(&format!("{e}?")))
        })
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::fired;

    #[test]
    fn metadata_in_several_languages() {
        for t in [
            "AP-US--Trump-Impeachment, 4th Ld-Writethru",
            "___",
            "<span data-mce-type=\"bookmark\" style=\"display: inline-block\"></span>",
            "2019-11-19T08:57:40+01:00",
            "Posted on by Admin",
            "Publicado por: Redação",
            "Todos os direitos reservados.",
            "Alle Rechte vorbehalten.",
            "We use cookies to improve your experience on our site.",
            "© Acme Media 2019",
            "https://cdn.example.com/img/logo.png",
            "</p>",
        ] {
            assert!(fired(t) & sig::PAGE_META != 0, "{t}");
        }
        for t in [
            "9.30 A.M. / 7.00 P.M.",
            "10 p.m.",
            "29 November 2018 | 20 January 2019",
            "In article <N4HY.93Apr5@example.org>, bob@example.org (Bob) writes:",
        ] {
            assert_eq!(fired(t) & sig::PAGE_META, 0, "{t}");
        }
    }
}
