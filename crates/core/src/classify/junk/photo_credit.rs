//! Bare photo and image credit lines.
//!
//! **What it flags**: a line that only credits a picture: "Getty Images", "Photo : iFixit",
//! "(Image: gargantiopa / Getty Images)", "Main image credit: Getty", "Image copyright EPA",
//! "Jason Cipriani/ZDNet", "(AP Photo/Gene J. Puskar)".
//!
//! **Evidence**: the whole line is a photo agency or credit word of the cue file; or it opens
//! with a credit label ("Photo", "Image credit", "Foto", "Фото", …) and is at most 9 words with
//! at most one stopword (a caption that describes the picture is prose and stays body); or it
//! is a `Name/Agency` pair of at most four capitalised tokens with no digits.
//!
//! **Example**: `Image copyright Getty Images` on its own line.
//!
//! A line that declared provenance reads, whole, as a picture's credit is flagged too
//! ([`declared_credit`]): its outlet list names many more picture agencies than the cue file,
//! and it tells a maker's name above each item of a product list ("Nintendo" over "Nintendo
//! Switch for $299", twice or more in the article) from a one-word subhead.
//!
//! **Known misses**: a brand name alone under a product picture once in an article: it cannot
//! be told from a one-word subhead or list item.

use super::lexicon::{CueHits, Rule};
use super::shape::Line;
use super::sig;

/// Longest credit line, in words.
const MAX_WORDS: usize = 9;

/// The signals of a line that declared provenance reads, whole, as a picture's credit: 0 for a
/// line longer than a credit.
pub(crate) fn declared_credit(l: &Line) -> u32 {
    if l.block || l.words == 0 || l.words > MAX_WORDS {
        return 0;
    }
    sig::PHOTO_CREDIT
}

/// The signals this rule adds to a line.
pub(crate) fn check(l: &Line, h: CueHits) -> u32 {
    if h.line(Rule::PhotoCredit) && l.words <= 5 {
        return sig::PHOTO_CREDIT;
    }
    if h.prefix(Rule::PhotoCredit)
        && l.words <= MAX_WORDS
        && (l.stopwords <= 1 || from_stock_site(l))
        && !l.ends_sentence()
        && !l.text.contains(',')
    {
        return sig::PHOTO_CREDIT;
    }
    if slash_credit(l) {
        return sig::PHOTO_CREDIT | sig::SHAPE;
    }
    0
}

/// Picture libraries whose attribution names the photographer and then the library ("Photo
/// by Jo Roe on Unsplash", "Image by Jo Roe from Pixabay"), lower case as in [`Line::norm`].
const STOCK_SITES: [&str; 6] = [
    " on unsplash ",
    " from pixabay ",
    " on pexels ",
    " from pexels ",
    " on flickr ",
    " via wikimedia commons ",
];

/// The line closes with a picture library's attribution ([`STOCK_SITES`]), whose "by", "on"
/// and "from" are the only stopwords of such a credit.
fn from_stock_site(l: &Line) -> bool {
    STOCK_SITES.iter().any(|s| l.norm.ends_with(s))
}

/// A bare credit under a product picture: one or two capitalised words with no stopwords,
/// repeated as the start of the next line (the product's heading: "Wyze" then "Wyze Sense
/// Starter Kit for $20"). A subhead is followed by prose, not by its own words again.
pub(crate) fn echoed(l: &Line, next: Option<&Line>) -> u32 {
    let Some(next) = next else { return 0 };
    // The name opens this line, and must open the next one (a line's text is trimmed, so an
    // empty name is followed by no space there): lines that open otherwise are not read.
    if l.text.is_empty() || l.text.as_bytes().first() != next.text.as_bytes().first() {
        return 0;
    }
    let name = company_name(l.text);
    // The next line opening with the name is the test nearly every line fails: first.
    let opens_next =
        next.text.starts_with(name) && next.text.as_bytes().get(name.len()) == Some(&b' ');
    if !opens_next {
        return 0;
    }
    // Counted only as far as the test below needs (a body paragraph is long).
    let words = name.split_whitespace().take(3).count();
    // A one-word brand may be on the stopword list ("Ring" is on the ISO English one).
    let ok = (1..=2).contains(&words)
        && (l.stopwords == 0 || words == 1)
        && (name.len() < l.text.len() || !l.ends_sentence())
        // Capitalised words, as a name is: a two-word heading in sentence case ("Wave power")
        // is a title that its first sentence repeats.
        && name
            .split_whitespace()
            .all(|w| w.chars().next().is_some_and(|c| c.is_uppercase() || c.is_ascii_digit()))
        && next.words > words + 1;
    if ok {
        sig::PHOTO_CREDIT | sig::SHAPE
    } else {
        0
    }
}

/// Company suffixes a product credit may carry ("Apple, Inc.").
const COMPANY_SUFFIXES: [&str; 12] = [
    "Inc.", "Inc", "Ltd.", "Ltd", "LLC", "Corp.", "Corp", "Co.", "GmbH", "AG", "S.A.", "plc",
];

/// The credit without a company suffix ("Apple, Inc." -> "Apple"), and without closing
/// commas and full stops.
fn company_name(text: &str) -> &str {
    let t = text.trim();
    for suf in COMPANY_SUFFIXES {
        if let Some(rest) = t.strip_suffix(suf) {
            if rest.ends_with([' ', ',']) {
                let name = rest.trim_end_matches([' ', ',']);
                if !name.is_empty() {
                    return name;
                }
            }
        }
    }
    t.trim_end_matches([',', '.'])
}

/// `Name Surname/Agency`: one slash between capitalised tokens, no digits, no colon.
fn slash_credit(l: &Line) -> bool {
    if l.digits > 0 || l.link_like || l.stopwords > 0 {
        return false;
    }
    let t = l.text.trim_matches(|c| c == '(' || c == ')');
    let toks = t.split_whitespace().take(5).count();
    if toks == 0 || toks > 4 || t.contains(':') {
        return false;
    }
    if t.matches('/').count() != 1 || l.stopwords > 0 || l.ends_sentence() {
        return false;
    }
    t.split(['/', ' '])
        .filter(|w| !w.is_empty())
        .all(|w| w.chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::{fired, fired_all};

    #[test]
    fn credits_in_several_languages() {
        for t in [
            "Getty Images",
            "Borítókép: illusztráció (Fotó: Shutterstock)",
            "Photo by John Smith on Unsplash",
            "Image by Gerd Altmann from Pixabay",
            "Photo : iFixit",
            "(Image: gargantiopa / Getty Images)",
            "Main image credit: Getty",
            "Jason Cipriani/ZDNet",
            "Foto: Divulgação",
            "Фото: ТАСС",
            "Bild: Keystone",
        ] {
            assert!(fired(t) & sig::PHOTO_CREDIT != 0, "{t}");
        }
        for t in [
            "Image: Jose Mourinho, left, has replaced Mauricio Pochettino as manager of Tottenham",
            "Path A: Iceland, Bulgaria/Israel/Hungary/Romania*",
            "Photos of the flood spread quickly across social media on Sunday.",
        ] {
            assert_eq!(fired(t) & sig::PHOTO_CREDIT, 0, "{t}");
        }
    }

    #[test]
    fn product_credits_echoed_by_the_product_line() {
        let body =
            "These are the gadgets our reviewers liked best this year, from speakers to doorbells.";
        let credit = |c: &str, next: &str| fired_all(&[body, c, next])[1] & sig::PHOTO_CREDIT != 0;
        assert!(credit("Acme", "Acme Boombox Mini for $49"));
        // On the ISO English stopword list, but a brand on its own line.
        assert!(credit("Ring", "Ring Doorbell Pro for $120"));
        assert!(credit("Globex, Inc.", "Globex Smart Lamp for $35"));
        assert!(credit("Initech GmbH", "Initech Kettle for €60"));
        assert!(!credit("Acme", "The company said its sales rose."));
        assert!(!credit(
            "However,",
            "However, the company said its sales rose."
        ));
        // A title in sentence case that the first sentence repeats.
        assert!(!credit(
            "Wind farms",
            "Wind farms are groups of turbines built in one place to make power."
        ));
        assert!(credit("Acme Labs", "Acme Labs Desk Fan for $30"));
    }
}
