//! Footers and credits that name another outlet as the article's source.
//!
//! **What it flags**: a line saying the article comes from elsewhere: "This article was
//! originally published by Futurism.", "This article has been adapted from its original
//! source.", "© Reuters", a wire service's name on a line of its own ("The Associated Press"),
//! a headline carrying its source in brackets ("… \[Bloomberg\]"), and the same in other
//! languages ("Publicado originalmente em …", "Artikel ini telah tayang di …").
//!
//! These become `aggregator_footer`. When the outlet named is the article's own (a sign-off
//! such as "Originally published on Live Science." on livescience.com) the line is site
//! boilerplate instead.
//!
//! **Evidence**: a source phrase of the cue file inside a line of at most 40 words, a wire
//! service's name as the whole line, wires' names alone on a short line, after a word that
//! introduces a source or not ("Quelle: dpa", "Źródło: PAP", "(dpa/AFP)", "With AP"), or a
//! trailing `[Outlet]` of one to three capitalised words after a headline. A short line that
//! declared provenance reads, whole, as a wire's sign-off or a stamp naming its wire is
//! flagged too ([`declared_sign_off`]): the outlet list knows many more wires than the cue file.
//!
//! **Example**: `This article was originally published by Futurism. Read the original article.`
//!
//! **Known misses**: a source named only in running text ("told Reuters"), which is not a
//! declaration of where the article came from.

use super::lexicon::{CueHits, JunkLexicon, Rule};
use super::shape::{Line, closes_sentence};
use super::sig;

/// Longest line, in words, flagged on a source phrase.
const MAX_WORDS: usize = 40;
/// Longest line, in words, flagged for naming wires alone.
const MAX_NAMES_WORDS: usize = 8;
/// Most words of the phrase that introduces the wires ("con información de").
const MAX_OPENER_WORDS: usize = 3;

/// The signals this rule adds to a line. `own` is the article's own outlet, lower case letters
/// and digits only (e.g. `livescience` for livescience.com), when known.
pub(crate) fn check(lex: &JunkLexicon, l: &Line, h: CueHits, own: Option<&str>) -> u32 {
    // "First published on Tue 12 Nov 2024 08.00 GMT" stamps a date: page metadata.
    let source_phrase = h.inside(Rule::SourceFooter) && l.words <= MAX_WORDS;
    if source_phrase && crate::normalize::publication_stamp(&l.norm) {
        return 0;
    }
    let by_cue = source_phrase
        || (h.line(Rule::SourceFooter) && l.words <= 4)
        || wires_alone(lex, l, h)
        || wire_and_initials(lex, l)
        || source_url(l, h);
    let fired = if by_cue {
        sig::SOURCE_FOOTER
    } else if bracket_source(l) {
        sig::SOURCE_FOOTER | sig::SHAPE
    } else {
        return 0;
    };
    if names_own(l, own) {
        // The site's own sign-off is its furniture, not a source elsewhere.
        return sig::BYLINE | sig::OWN_OUTLET;
    }
    fired
}

/// Most words of a line that declared provenance reads as a wire's sign-off, flagged here.
pub(crate) const MAX_SIGN_OFF_WORDS: usize = 12;

/// The signals of a line that declared provenance reads, whole, as a wire's sign-off or a
/// stamp naming its wire ("CMC", "NTB Publisert: 03.03.25 10:21") and that no rule flagged:
/// the cue file lists the large wires, the outlet list of declared provenance many more.
/// `own` is as for [`check`]; 0 for a line too long to be a sign-off.
pub(crate) fn declared_sign_off(l: &Line, own: Option<&str>) -> u32 {
    if l.block || l.words == 0 || l.words > MAX_SIGN_OFF_WORDS {
        return 0;
    }
    if names_own(l, own) {
        return sig::BYLINE | sig::OWN_OUTLET;
    }
    sig::SOURCE_FOOTER
}

/// Whether the line names the article's own outlet (`own`, letters and digits only).
fn names_own(l: &Line, own: Option<&str>) -> bool {
    own.is_some_and(|o| {
        let squashed: String = l.norm.chars().filter(|c| c.is_alphanumeric()).collect();
        o.len() >= 4 && squashed.contains(o)
    })
}

/// "PTI AKV SKY": a wire's name, then its editors' initials in capitals, as Indian wire copy
/// signs off.
fn wire_and_initials(lex: &JunkLexicon, l: &Line) -> bool {
    // Every short line comes here: the counts first.
    if !(2..=4).contains(&l.words) || l.upper < 4 || l.digits != 0 {
        return false;
    }
    let Some((wire, rest)) = l.text.trim().split_once(' ') else {
        return false;
    };
    crate::normalize::initials(rest)
        && lex.only_line_phrases(Rule::SourceFooter, &[wire.to_lowercase().as_str()])
}

/// "Source: https://…", "Источник: https://…": a word introducing the source, a colon, then
/// one link and nothing else.
fn source_url(l: &Line, h: CueHits) -> bool {
    h.prefix(Rule::SourceFooter)
        && l.words <= MAX_NAMES_WORDS * 2
        && l.text.split_once([':', '：']).is_some_and(|(_, rest)| {
            let link = rest.trim();
            !link.contains(char::is_whitespace)
                && (["http://", "https://", "www."]
                    .iter()
                    .any(|s| link.starts_with(s))
                    || crate::model::bare_domain(link).is_some())
        })
}

/// A short line naming wires and nothing else, after an opening phrase of the cue file
/// ("Quelle: dpa", "Fuente: Europa Press") or with none ("dpa/AFP"; one name alone is a
/// whole-line phrase already).
fn wires_alone(lex: &JunkLexicon, l: &Line, h: CueHits) -> bool {
    if l.words > MAX_NAMES_WORDS {
        return false;
    }
    let mut words: Vec<&str> = l.norm.split_whitespace().collect();
    // A wire's desk and author codes after a slash ("dpa/lnw", "ATS/sro") are short tags.
    if l.text.contains('/') {
        while words.len() > 1
            && !lex.only_line_phrases(Rule::SourceFooter, &words[words.len() - 1..])
            && words[words.len() - 1].len() <= 4
            && words[words.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_lowercase())
        {
            words.pop();
        }
        if words.len() == 1 && lex.only_line_phrases(Rule::SourceFooter, &words) {
            return true;
        }
    }
    (words.len() >= 2 && lex.only_line_phrases(Rule::SourceFooter, &words))
        || (h.prefix(Rule::SourceFooter)
            && (1..=MAX_OPENER_WORDS.min(words.len().saturating_sub(1))).any(|k| {
                lex.is_prefix_phrase(Rule::SourceFooter, &words[..k])
                    && lex.only_line_phrases(Rule::SourceFooter, &words[k..])
            }))
}

/// A headline ending in `[Outlet]`: one to three capitalised words, not all capitals (those are
/// section tags such as `[VIDEO]`), after at least three words.
fn bracket_source(l: &Line) -> bool {
    let t = l.text.trim_end();
    let Some(inner) = t.strip_suffix(']') else {
        return false;
    };
    let Some(open) = inner.rfind('[') else {
        return false;
    };
    let (before, name) = (&inner[..open], &inner[open + 1..]);
    let words: Vec<&str> = name.split_whitespace().collect();
    before.split_whitespace().count() >= 3
        && !closes_sentence(before)
        && l.words <= 30
        && (1..=3).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && name.chars().any(char::is_lowercase)
        && !name.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::{fired, fired_own};

    #[test]
    fn footers_in_several_languages() {
        for t in [
            "This article was originally published by Futurism. Read the original article.",
            "This article has been adapted from its original source.",
            "This story was originally featured on Fortune.com",
            "The post Council backs the new bridge appeared first on Valley Ledger.",
            "© Reuters",
            "The Associated Press",
            "Why Taylor Swift Can't Perform Her Own Songs [Bloomberg]",
            "Este artigo foi publicado originalmente em The Conversation.",
            "Artikel ini telah tayang di Kompas.com",
            "Dieser Artikel ist ursprünglich erschienen bei Spektrum.",
            "Quelle: dpa",
            "Fuente: Europa Press",
            "Źródło: PAP",
            "(dpa/AFP)",
            "dpa/lnw",
            "ATS/sro",
            "Источник: ТАСС",
            "Материал впервые опубликован в журнале «Огонёк».",
            "Source: https://www.example.com/2024/03/05/story.html",
            "Источник: https://example.ru/20240305/dorogi-1931452208.html",
            "PTI AKV SKY",
            "Источник: tass.ru",
        ] {
            assert!(fired(t) & sig::SOURCE_FOOTER != 0, "{t}");
        }
        assert_eq!(
            fired("Lakers beat the Nets in overtime [VIDEO]") & sig::SOURCE_FOOTER,
            0
        );
        for t in [
            "The agency told Reuters the talks had stalled.",
            "Source: a person familiar with the talks",
            "Source: https://example.com/report.pdf and the council's minutes",
            "By Jane Doe, Reuters",
            "Moscow (AP)",
            "Harlow & Finch cut its outlook. The stock fell 9% before the bell. [Reuters]",
            "AP said the FBI and CIA knew",
        ] {
            assert_eq!(fired(t) & sig::SOURCE_FOOTER, 0, "{t}");
        }
        let own = fired_own("Originally published on Live Science.", "livescience");
        assert!(own & sig::BYLINE != 0 && own & sig::SOURCE_FOOTER == 0);
    }
}
