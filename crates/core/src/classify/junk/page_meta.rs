//! Page metadata, notices and markup residue.
//!
//! **What it flags**: what a page says about itself rather than the story: wire slugs
//! (`AP-US--Trump-Impeachment, 4th Ld-Writethru`), separators (`___`, `* * *`), raw HTML
//! residue and scripts' code, bare ids and timestamps, publication and update stamps
//! ("Published 3 March 2024, 10:15 GMT"), a date and clock time alone, ages ("13 hours ago",
//! "32m ago", "hace 2 horas"),
//! reading times and page counters ("5 min read", "Seite 1 von 3"), image URLs, "Posted on …
//! by …", "Filed under:", tag and category lines, copyright and affiliate notices, disclaimers
//! and cookie banners.
//!
//! **Evidence**: the line's shape (no words at all; a tag; a slug token; digits with at most
//! two letters; an image URL; a `©` at its start; a year then a rights notice, cut short or
//! not; two or more metadata fields such as "Publicado por: … - Categoria: …"; a tag label, a
//! colon and a comma list; a year and a clock time on a short line) or a notice
//! phrase of the cue file (whole line, start of a short line, or inside a line of at most 60
//! words; a counter phrase of the cue file once its figures are dropped).
//!
//! **Example**: `BC-EU--Britain-Brexit-Election, 1st Ld-Writethru`.
//!
//! **Known misses**: page-metadata dumps that read as words (a site's name and section on
//! their own); pagination written out in words.

use super::credit_stamp;
use super::lexicon::{CueHits, JunkLexicon, Rule};
use super::shape::{LONG_WORDS, Line};
use super::sig;

/// Longest line, in words, flagged on a notice phrase at its start.
const PREFIX_WORDS: usize = 20;
/// Longest line, in words, with `©` at its start taken for a copyright line.
const COPYRIGHT_WORDS: usize = 8;
/// Longest line, in words, with `©` at its start and no closing punctuation taken for a
/// copyright line: the publisher's legal name and registration may follow ("© 2024 Example
/// S.p.A. - P.IVA 01234567890").
const COPYRIGHT_NOTICE_WORDS: usize = 16;

/// Longest `©` line, in words, made of short sentences taken for a notice.
const COPYRIGHT_FRAGMENTS_WORDS: usize = 24;
/// Most words of each sentence of such a notice.
const COPYRIGHT_FRAGMENT_WORDS: usize = 6;

/// Longest line, in words, taken for a counter ("Lectura de 4 min") or a date and time.
const COUNTER_WORDS: usize = 10;
/// Most words of a line that is a notice phrase of the cue file as a whole ("Newer Post Older
/// Post Home").
const LINE_WORDS: usize = 6;
/// Most tokens of a line taken for a date and time alone (two stamps and a reading time:
/// "Ultimo aggiornamento: 15 marzo 2024, 10:42 | Tempo di lettura: 2 minuti").
const STAMP_TOKENS: usize = 16;
/// Longest line, in words, taken for a list of tags.
const TAG_LIST_WORDS: usize = 30;
/// Most words after a tag label of tags run on with no separator.
const TAG_RUN_WORDS: usize = 8;
/// Most share of stopwords in a line of tags run on with no separator.
const TAG_RUN_STOPWORD_SHARE: f32 = 0.25;

/// The signals this rule adds to a line.
pub(crate) fn check(lex: &JunkLexicon, l: &Line, h: CueHits, own: Option<&str>) -> u32 {
    let counter = l.digits > 0
        && ((l.words <= COUNTER_WORDS && h.numbered(Rule::PageMeta))
            || date_and_clock(l)
            || clock_and_zone(l));
    let shape = l.no_words()
        || counter
        || tag_list(l)
        || breadcrumb(l.text)
        || html_residue(l.text)
        || script_residue(l.text)
        || wire_slug(l.text)
        || release_issuer(l.text)
        || bare_number(l)
        // An image URL opens with `http://` or `https://`, which makes the line link-like.
        || (l.link_like && image_url(l.text))
        || copyright(l)
        || year_notice(l)
        || meta_fields(l)
        || notice_run(l)
        || initials(l.text)
        || editor_code(l, h)
        || credit_stamp::check(lex, l, own)
        || stamp(l, h)
        || hashtags(l.text)
        || describes_own_outlet(l, own);
    if shape {
        return sig::PAGE_META | sig::SHAPE;
    }
    if (h.line(Rule::PageMeta) && l.words <= LINE_WORDS)
        || (h.prefix(Rule::PageMeta) && l.words <= PREFIX_WORDS && !numbered_label(l))
        || (h.inside(Rule::PageMeta) && l.words <= LONG_WORDS)
    {
        return sig::PAGE_META;
    }
    0
}

/// Most words of the issuer's name on a release's `SOURCE` line.
const ISSUER_WORDS: usize = 8;

/// The line naming a press release's issuer, as the wires that distribute releases close them
/// ("SOURCE Great Lakes Tooling Co.", "SOURCE: Ridgeline Water Technologies, Inc."): the
/// word in capitals, then a name and no sentence.
fn release_issuer(text: &str) -> bool {
    let Some(name) = text
        .strip_prefix("SOURCE")
        .map(|r| r.strip_prefix(':').unwrap_or(r))
        .and_then(|r| r.strip_prefix(' '))
    else {
        return false;
    };
    let words = name.split_whitespace().count();
    (1..=ISSUER_WORDS).contains(&words)
        && name.trim_start().starts_with(|c: char| c.is_uppercase())
        && !name.contains(". ")
}

/// A label word with its number of one or two figures ("Category 2 (heart attacks): 34 min",
/// "Category 4 hurricane nears the coast"): a class the story counts, not the page's label,
/// which a colon or its value follows ("Category: Politics"; a year is a notice's, as in
/// "Copyright 2025 NPR").
fn numbered_label(l: &Line) -> bool {
    let mut words = l.text.split_whitespace();
    // A date's day is written with its stop or after a comma ("Úterý 8. listopadu").
    words
        .next()
        .is_some_and(|w| w.chars().all(char::is_alphabetic))
        && words
            .next()
            .is_some_and(|w| w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit()))
}

/// Words after an outlet's name that make a sentence about it ("… is an independent daily",
/// "… adalah media daring", "… est un quotidien", "… és un diari digital").
const COPULAS: [&str; 22] = [
    "is",
    "was",
    "és",
    "ir",
    "yra",
    "е",
    "є",
    "је",
    "adalah",
    "merupakan",
    "ialah",
    "est",
    "ist",
    "es",
    "é",
    "è",
    "jest",
    "je",
    "er",
    "är",
    "on",
    "are",
];
/// Fewest letters of an own outlet's name that a description must open with.
const OWN_NAME_LETTERS: usize = 4;

/// A line of hashtags alone, as a tag list ("#floods #weather #rescue").
fn hashtags(text: &str) -> bool {
    let mut n = 0;
    for t in text.split_whitespace() {
        if !t.starts_with('#') || !t[1..].chars().next().is_some_and(char::is_alphanumeric) {
            return false;
        }
        n += 1;
    }
    n >= 2
}

/// The outlet describing itself, as its footer or an about box does: a sentence that opens
/// with the own outlet's name (perhaps after "The") and goes on with a copula ("Lakeside
/// Courier is an independent daily founded in 1901.").
fn describes_own_outlet(l: &Line, own: Option<&str>) -> bool {
    let Some(own) = own.filter(|o| o.len() >= OWN_NAME_LETTERS) else {
        return false;
    };
    if l.block || l.words > LONG_WORDS || !l.ends_sentence() {
        return false;
    }
    // The name's words, squashed as `own` is, must spell it out and end where it ends.
    (0..2).any(|skip| {
        let mut words = l.norm.split_whitespace().skip(skip);
        let mut rest = own;
        for w in words.by_ref() {
            for c in w.chars().filter(|c| c.is_alphanumeric()) {
                match rest.strip_prefix(c) {
                    Some(r) => rest = r,
                    None => return false,
                }
            }
            if rest.is_empty() {
                break;
            }
        }
        rest.is_empty() && words.next().is_some_and(|w| COPULAS.contains(&w))
    })
}

/// Editors' initials alone, as wire copy closes with them: two to four codes of two to four
/// letters, all in one case, set apart by slashes, perhaps in parentheses ("(ass/wes)",
/// "TFR // JP", "sk/bg").
fn initials(text: &str) -> bool {
    let t = text.trim();
    let t = t
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(t);
    if t.len() > 24 || !t.contains('/') {
        return false;
    }
    let codes: Vec<&str> = t
        .split('/')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let code = |c: &&str| (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_alphabetic());
    let lower = codes
        .iter()
        .all(|c| c.bytes().all(|b| b.is_ascii_lowercase()));
    let upper = codes
        .iter()
        .all(|c| c.bytes().all(|b| b.is_ascii_uppercase()));
    // Capitals of two letters each are as often a name ("AC/DC"), small words a choice
    // ("and/or").
    (2..=4).contains(&codes.len())
        && codes.iter().all(code)
        && ((lower && !codes.iter().any(|c| CHOICE_WORDS.contains(c)))
            || (upper && (t.contains("//") || codes.iter().any(|c| c.len() >= 3))))
}

/// One editor's code in lower case in parentheses, alone on its line: "(ren)". A wire's code
/// set so ("(dpa)") is the source-footer rule's (`h`: the line's cue hits).
fn editor_code(l: &Line, h: CueHits) -> bool {
    let code = l
        .text
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or("");
    (2..=4).contains(&code.len())
        && code.bytes().all(|b| b.is_ascii_lowercase())
        && !h.line(Rule::SourceFooter)
}

/// Small words a slash sets side by side as a choice, not as initials.
const CHOICE_WORDS: [&str; 14] = [
    "and", "or", "he", "she", "his", "her", "him", "yes", "no", "on", "off", "et", "ou", "und",
];

/// Most words of a notice's run line.
const NOTICE_RUN_WORDS: usize = 20;

/// The run of a paid notice, as obituary and legal-notice pages print it under the notice:
/// "Published by Ridgeway Tribune from Nov. 14 to Nov. 16, 2023." — "Published by", an outlet,
/// then "from" one date "to" another with its year.
fn notice_run(l: &Line) -> bool {
    l.digits > 0
        && l.words <= NOTICE_RUN_WORDS
        && l.norm.starts_with(" published by ")
        && l.norm
            .split_once(" from ")
            .is_some_and(|(_, dates)| dates.contains(" to "))
        && l.text
            .split(|c: char| !c.is_ascii_digit())
            .any(crate::normalize::is_year)
}

/// A copyright line: `©` (or `(c)`, as plain text writes it, before a year) first, short, or
/// a little longer when it closes no sentence.
fn copyright(l: &Line) -> bool {
    // A notice in short sentences may name its syndicate and site after the owner ("©2024
    // Example Courier. Visit example.com. Distributed by Example Agency, LLC.").
    let plain_sign = ["(c) ", "(C) "].iter().any(|sign| {
        l.text
            .strip_prefix(sign)
            .and_then(|rest| rest.get(..4))
            .is_some_and(crate::normalize::is_year)
    });
    if !l.text.starts_with('©') && !plain_sign {
        return l.words <= COPYRIGHT_NOTICE_WORDS * 2 && sign_and_year(l.text);
    }
    let fragments = || l.text.split(". ");
    let notice = || {
        l.words <= COPYRIGHT_FRAGMENTS_WORDS
            && fragments().count() >= 2
            && fragments().all(|f| crate::normalize::word_count(f) <= COPYRIGHT_FRAGMENT_WORDS)
    };
    l.words <= COPYRIGHT_WORDS
        || (l.words <= COPYRIGHT_NOTICE_WORDS && !l.ends_sentence())
        || notice()
}

/// A copyright sign and a year inside a line ("The contents of this site are ©2024 Example
/// Publishing Corp."): a sentence of the story has no use for the sign, let alone with a year.
fn sign_and_year(text: &str) -> bool {
    text.match_indices('©').any(|(i, c)| {
        let after = text[i + c.len()..].trim_start();
        after.get(..4).is_some_and(crate::normalize::is_year)
    })
}

/// Markup left in the text as a line of its own: it opens with an HTML tag or entity
/// (`<span data-…>`, `</p>`, `&nbsp;`) or a forum's tag ([`forum_tag`]). A stray `<i>` inside
/// a sentence leaves the sentence body.
fn html_residue(text: &str) -> bool {
    if text.starts_with('[') {
        return forum_tag(text);
    }
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
    tag || text.starts_with("&nbsp;")
        || text.starts_with("&amp;")
        || text.starts_with("&quot;")
        || escaped_tag(text)
}

/// Words of a page's scripts: what an ad slot's or a player's code holds, never prose.
const SCRIPT_TOKENS: [&str; 9] = [
    "window.",
    "document.",
    "function(",
    "function (",
    ".push(",
    "googletag",
    "=>",
    "getElementById",
    "addEventListener",
];

/// A script's code left as a line (`(adsbygoogle = window.adsbygoogle || []).push({});`,
/// `googletag.cmd.push(function() { … });`): it closes as a statement or block does and
/// holds a word of code ([`SCRIPT_TOKENS`]).
fn script_residue(text: &str) -> bool {
    text.ends_with([';', '}', ')'])
        && text.contains(['(', '{'])
        && SCRIPT_TOKENS.iter().any(|t| text.contains(t))
}

/// A forum's markup left as a line: it opens with a tag in square brackets and closes the
/// same tag (`[automerge]1574096160[/automerge]`, `[quote=ann]…[/quote]`). An editor's note in
/// brackets ("[Updated at 5pm]") closes no tag.
fn forum_tag(text: &str) -> bool {
    let Some(rest) = text.strip_prefix('[') else {
        return false;
    };
    let name_len = rest.bytes().take_while(u8::is_ascii_alphanumeric).count();
    if !(1..=12).contains(&name_len) || !matches!(rest.as_bytes().get(name_len), Some(b']' | b'='))
    {
        return false;
    }
    let name = &rest[..name_len];
    text.match_indices("[/").any(|(i, _)| {
        let after = &text[i + 2..];
        after.len() > name_len
            && after[..name_len].eq_ignore_ascii_case(name)
            && after.as_bytes()[name_len] == b']'
    })
}

/// A tag written out as entities, as a page's editor sometimes leaves one: `&lt;span
/// data-…&gt;`, `&lt;/p&gt;`.
fn escaped_tag(text: &str) -> bool {
    text.strip_prefix("&lt;").is_some_and(|rest| {
        let name = rest.trim_start_matches('/');
        let letters = name.bytes().take_while(u8::is_ascii_alphanumeric).count();
        (1..=10).contains(&letters) && text.contains("&gt;")
    })
}

/// A wire-service slug: a first token like `AP-US--…` or `BC-EU--…`.
fn wire_slug(text: &str) -> bool {
    let first = text.split_whitespace().next().unwrap_or("");
    // A byte search: a substring searcher costs more to build than this short token.
    let Some(cut) = first.as_bytes().windows(2).position(|w| w == b"--") else {
        return false;
    };
    let head = &first[..cut];
    let parts: Vec<&str> = head.split('-').collect();
    parts.len() >= 2
        && parts
            .iter()
            .all(|p| (1..=6).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_uppercase()))
}

/// An id or timestamp on its own: at least six digits and at most two letters, and not a
/// figure under its year's label ("2006: 1,052", a row the story sets out).
fn bare_number(l: &Line) -> bool {
    l.digits >= 6 && l.letters <= 2 && l.words <= 8 && !credit_stamp::year_labels_figure(l.text)
}

/// Longest line, in words, taken for a notice that opens with a year.
const YEAR_NOTICE_WORDS: usize = 12;

/// A rights notice that opens with its year or years and has no `©`: "1996-98 Acme Inc., All
/// rights reserved", also when the page cut it short ("… All right").
fn year_notice(l: &Line) -> bool {
    let first = l.text.split_whitespace().next().unwrap_or("");
    let mut parts = first.trim_end_matches([',', '.']).split(['-', '–', '/']);
    let year = parts.next().is_some_and(crate::normalize::is_year);
    let rest_ok =
        parts.all(|p| (2..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
    year && rest_ok
        && l.words <= YEAR_NOTICE_WORDS
        && (l.norm.ends_with(" all right ")
            || l.norm.ends_with(" all rights ")
            || l.norm.contains(" all rights reserved "))
}

/// Whether the line holds a figure: an ASCII digit, or a digit of another script ("১৪ মার্চ
/// ২০২৪", "٢٠٢٤"), as pages in those scripts write their dates.
fn has_figure(l: &Line) -> bool {
    l.digits > 0 || (!l.text.is_ascii() && l.text.chars().any(|c| !c.is_ascii() && c.is_numeric()))
}

/// Longest line, in words, taken for a publication or update stamp.
const STAMP_WORDS: usize = 10;

/// A page's publication or update stamp on a line of its own: a stamp word, then a date or a
/// time ("Published 3 March 2024, 10:15 GMT", "Updated: 9:32 a.m. EST"), short and not closed
/// like a sentence (a clock's "a.m." is no full stop). Two to four stamps may share the line
/// between bars, dots or spaced slashes ("Published: March 4, 2024 at 6:12 p.m. | Updated:
/// March 5, 2024"), each short and dated. A sentence that opens with the word ("Published in 1990, the book
/// sold …") runs longer or ends in a full stop.
fn stamp(l: &Line, h: CueHits) -> bool {
    if !h.prefix(Rule::Stamp)
        || !has_figure(l)
        || (l.ends_sentence() && !ends_in_clock(l.text) && !ends_in_year(l.text))
    {
        return false;
    }
    if l.words <= STAMP_WORDS {
        return true;
    }
    // Fields set apart by bars, dots or spaced slashes ("Posted: Mar 3, 2019 / 10:00 AM CST /
    // Updated: Mar 3, 2019 / 11:00 AM CST"): a date and a time each.
    let parts: Vec<&str> = l
        .text
        .split(['|', '·', '•'])
        .flat_map(|p| p.split(" / "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    (2..=4).contains(&parts.len())
        && parts.iter().all(|p| {
            crate::normalize::word_count(p) <= STAMP_WORDS && p.chars().any(|c| c.is_ascii_digit())
        })
}

/// Whether `text` ends in a year and a full stop ("… Tue May 7, 2013."), as a stamp may: the
/// full stop closes the date, not a sentence.
fn ends_in_year(text: &str) -> bool {
    text.trim_end()
        .strip_suffix('.')
        .and_then(|t| t.rsplit(|c: char| !c.is_ascii_digit()).next())
        .is_some_and(crate::normalize::is_year)
}

/// Time zones a stamp's clock names ("6:42 PM ET").
const TIME_ZONES: [&str; 16] = [
    "ET", "EST", "EDT", "CT", "CST", "CDT", "MT", "PT", "PST", "PDT", "GMT", "BST", "UTC", "CET",
    "CEST", "IST",
];

/// A stamp without its year, as portals print it: a day, a clock time and its time zone,
/// on a short line ("Sun May 11, 6:42 PM ET", "Sat Oct 3, 4:15 AM ET").
fn clock_and_zone(l: &Line) -> bool {
    // The zone closes the line: a line that ends otherwise is not split.
    let last = l.text.rsplit(char::is_whitespace).next().unwrap_or("");
    if l.words > 7 || !TIME_ZONES.contains(&last) {
        return false;
    }
    let tokens: Vec<&str> = l
        .text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|t| !t.is_empty())
        .collect();
    tokens.len() <= 7
        && !l.ends_sentence()
        && tokens.last().is_some_and(|z| TIME_ZONES.contains(z))
        && tokens.iter().any(|t| credit_stamp::is_clock(t))
        && tokens
            .iter()
            .any(|t| (1..=2).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit()))
        && tokens
            .iter()
            .any(|t| t.chars().next().is_some_and(char::is_uppercase) && !TIME_ZONES.contains(t))
}

/// A date and a clock time alone, with no stamp word before them ("Kamis, 7 Maret 2024 | 14:32
/// WIB", "Tuesday 5 March 2024 09:15", "28 มี.ค. 2567 10:30 น."): a year and a time on a line
/// that closes no sentence. Thai pages count years in the Buddhist era (2567 is 2024) and close
/// a clock time with "น.", which is no full stop.
fn date_and_clock(l: &Line) -> bool {
    if l.text.split_whitespace().nth(STAMP_TOKENS).is_some() {
        return false;
    }
    // Thai letters count among the letters of scripts written without spaces: only a line
    // holding such letters is read for them.
    let thai = l.unspaced > 0
        && l.text
            .chars()
            .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c));
    if l.ends_sentence() && !(thai && l.text.ends_with(" น.")) {
        return false;
    }
    let tokens = || {
        l.text
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '|' | '·' | '•' | '(' | ')'))
            .filter(|t| !t.is_empty())
    };
    let is_year = |y: &str| crate::normalize::is_year(y) || (thai && buddhist_era_year(y));
    // A year alone or closing a figure date ("05.11.2025", "15/06/2025").
    let year = tokens().any(|t| t.split(['.', '/', '-']).any(is_year));
    year && tokens().any(credit_stamp::is_clock)
}

/// A year of the Buddhist era as Thai pages write them, for the last two centuries and the
/// next one (2400 to 2699: 1857 to 2156).
fn buddhist_era_year(t: &str) -> bool {
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && t.parse::<u16>().is_ok_and(|y| (2400..2700).contains(&y))
}

/// A list of tags: a tag label, a colon, then two or more items split by commas or bars, each
/// of a few words ("Tag: Venezia, turismo", "Mots-clés : santé, hôpital"), or a few words with
/// no separator.
fn tag_list(l: &Line) -> bool {
    if l.words > TAG_LIST_WORDS || l.ends_sentence() {
        return false;
    }
    let Some((label, items)) = l.text.split_once(':') else {
        return false;
    };
    let label = label.trim().to_lowercase();
    // The label first: the items of a line with another label are not split.
    if !TAG_LABELS.contains(&label.as_str()) {
        return false;
    }
    let items: Vec<&str> = items.split([',', '|', '·', '•']).map(str::trim).collect();
    // With their separators lost in extraction the tags run on as one item ("Topics: Saudi
    // Arabia women's football Al-Nassr"): a few words that are not prose.
    let run_on = || {
        items[0].split_whitespace().count() <= TAG_RUN_WORDS
            && l.stopword_share() <= TAG_RUN_STOPWORD_SHARE
    };
    if let [item] = items[..] {
        !item.is_empty() && run_on()
    } else {
        items
            .iter()
            .all(|i| !i.is_empty() && i.split_whitespace().count() <= 4)
    }
}

/// A breadcrumb trail: items of a few words set apart by `›`, `»`, `>` or a spaced `/`
/// ("Home › News › Local", "Startseite > Region > Biel", "Sports › Cricket", "Home / Dunedin"),
/// the last of them perhaps the story's headline after a home page's name.
fn breadcrumb(text: &str) -> bool {
    let t = text.trim();
    if !has_crumb_separator(t.as_bytes()) {
        return false;
    }
    // `«` opens a quotation that `»` closes.
    if t.ends_with(['.', '!', '?']) || t.split_whitespace().nth(16).is_some() || t.contains('«') {
        return false;
    }
    let slashed = t.contains(" / ");
    let split: Vec<&str> = if slashed {
        t.split(" / ").collect()
    } else {
        t.split(['›', '»', '>']).collect()
    };
    if split.len() < 2 {
        return false;
    }
    let short = |item: &&str| {
        let item = item.trim();
        (1..=4).contains(&item.split_whitespace().count())
            && !item.contains(|c: char| c.is_ascii_digit())
    };
    // The trail may end in the story's own headline, after its sections.
    let (last, sections) = split.split_last().unwrap_or((&"", &[]));
    let home = split
        .first()
        .is_some_and(|f| HOME_WORDS.contains(&f.trim().to_lowercase().as_str()));
    let items_ok = sections.iter().all(short)
        && (short(last) || (home && split.len() >= 3 && !last.trim().is_empty()));
    // Two items make a trail after a home page's name, or set apart by `›` or `»`, which
    // prose does not use.
    let enough = split.len() >= 3 || (split.len() == 2 && (home || (!slashed && !t.contains('>'))));
    enough && items_ok
}

/// Names of a site's home page that open a breadcrumb trail, lower case.
const HOME_WORDS: [&str; 12] = [
    "home",
    "inicio",
    "início",
    "accueil",
    "startseite",
    "home page",
    "beranda",
    "главная",
    "головна",
    "anasayfa",
    "strona główna",
    "trang chủ",
];

/// Labels of a tag list, lower case, in several languages.
const TAG_LABELS: [&str; 68] = [
    "tag",
    "tags",
    "tagi",
    "tagit",
    "label",
    "labels",
    "keywords",
    "topics",
    "etiquetas",
    "etiquetes",
    "mots-clés",
    "mots clés",
    "mots-clefs",
    "schlagworte",
    "schlagwörter",
    "stichworte",
    "themen",
    "argomenti",
    "temi",
    "temas",
    "tópicos",
    "assuntos",
    "trefwoorden",
    "onderwerpen",
    "topik",
    "теги",
    "тэги",
    "метки",
    "tematy",
    "etiketler",
    "temas relacionados",
    "ämnen",
    "subiecte",
    "etichete",
    "témata",
    "štítky",
    "címkék",
    "emner",
    "aiheet",
    "tunnisteet",
    "konular",
    "etiketter",
    "archivado en",
    "archived in",
    "classé dans",
    "abgelegt unter",
    "archiviato in",
    "arquivado em",
    "từ khóa",
    "标签",
    "关键词",
    "태그",
    "키워드",
    "タグ",
    "キーワード",
    "الكلمات المفتاحية",
    "وسوم",
    "टैग",
    "ετικέτες",
    "tag-uri",
    "תגיות",
    "mada",
    "แท็ก",
    "теги статті",
    "trending",
    "trending now",
    "hot topics",
    "popular topics",
];

/// Whether a line ends in a clock's "a.m." or "p.m.", whose full stop closes no sentence.
fn ends_in_clock(text: &str) -> bool {
    let tail = text.trim_end();
    let n = tail.len();
    n >= 4 && tail.is_char_boundary(n - 4) && {
        let t = tail[n - 4..].to_ascii_lowercase();
        t == "a.m." || t == "p.m."
    }
}

/// Field labels of a post's metadata line, lower case, in several languages.
const FIELDS: [&str; 36] = [
    "posted by",
    "posted in",
    "posted on",
    "published by",
    "published in",
    "filed under",
    "category",
    "categories",
    "tags",
    "tagged",
    "author",
    "section",
    "topics",
    "publicado por",
    "publicado em",
    "publicado en",
    "categoria",
    "categoría",
    "categorias",
    "etiquetas",
    "autor",
    "pubblicato da",
    "categorie",
    "argomenti",
    "tag",
    "kategorie",
    "schlagwörter",
    "catégorie",
    "mots clés",
    "kategori",
    "label",
    "penulis",
    "рубрика",
    "теги",
    "автор",
    "метки",
];

/// A post's metadata on one line: two or more different field labels, each followed by a
/// colon ("05/10/2018 - Posted by: Jane - Category: Health - Tags: …").
fn meta_fields(l: &Line) -> bool {
    // Every label is followed by its own colon (no label ends with another, so no colon
    // closes two): a line with fewer than two is passed over unread.
    if l.words > 40 || l.ends_sentence() || colons_below_two(l.text) {
        return false;
    }
    let lower = l.text.to_lowercase();
    let mut seen = 0;
    for f in FIELDS {
        let mut from = 0;
        while let Some(at) = lower[from..].find(f) {
            let s = from + at;
            let e = s + f.len();
            let starts_word = lower[..s]
                .chars()
                .next_back()
                .is_none_or(|c| !c.is_alphanumeric());
            if starts_word && lower[e..].trim_start().starts_with(':') {
                seen += 1;
                break;
            }
            from = e;
        }
    }
    seen >= 2
}

/// Whether `text` may hold a breadcrumb's separator: a `/` (of ` / `), a `>`, or the first byte
/// of `›` or `»` in UTF-8. Nearly every line holds none, and is passed over in one vector scan.
fn has_crumb_separator(text: &[u8]) -> bool {
    memchr::memchr(b'/', text).is_some() || memchr::memchr3(b'>', 0xE2, 0xC2, text).is_some()
}

/// Whether `text` holds fewer than two colons.
fn colons_below_two(text: &str) -> bool {
    memchr::memchr_iter(b':', text.as_bytes()).nth(1).is_none()
}

/// A line that is an image URL (with at most a few words before it).
fn image_url(text: &str) -> bool {
    text.split_whitespace().nth(4).is_none()
        && text.split_whitespace().any(|t| {
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
    use super::super::tests::{fired, fired_own};

    #[test]
    fn an_outlet_describing_itself_and_hashtags_are_metadata() {
        for t in [
            "Lakeside Courier is an independent daily founded in 1901, covering the three counties.",
            "The Lakeside Courier is part of a group of regional titles.",
            "Lakeside Courier adalah media daring yang menyajikan berita daerah.",
            "Lakeside Courier és un diari digital independent, fundat el 1995.",
        ] {
            assert!(fired_own(t, "lakesidecourier") & sig::PAGE_META != 0, "{t}");
        }
        for t in [
            // Another outlet, or the own outlet without a copula, is the story's.
            "Harbor Times is an independent daily founded in 1901, covering the three counties.",
            "Lakeside Courier reporters asked the mayor about the bridge on Tuesday.",
        ] {
            assert_eq!(fired_own(t, "lakesidecourier") & sig::PAGE_META, 0, "{t}");
        }
        assert!(fired("#floods #weather #rescue") & sig::PAGE_META != 0);
        assert_eq!(
            fired("#1 in the league, the club said on Sunday.") & sig::PAGE_META,
            0
        );
    }

    #[test]
    fn a_releases_issuer_line_and_a_counted_label() {
        for t in [
            "SOURCE Great Lakes Tooling Co.",
            "SOURCE: Ridgeline Water Technologies, Inc.",
        ] {
            assert!(fired(t) & sig::PAGE_META != 0, "{t}");
        }
        for t in [
            "SOURCE of the leak was a cracked valve, the report found. Crews fixed it.",
            "Category 4 hurricane nears the coast",
            "Category 1 (life-threatening): 8min 21sec",
        ] {
            assert_eq!(fired(t) & sig::PAGE_META, 0, "{t}");
        }
        assert!(fired("Category: Politics") & sig::PAGE_META != 0);
    }

    #[test]
    fn portal_stamps_without_a_year_or_closed_by_one() {
        for t in [
            "Sun May 11, 6:42 PM ET",
            "Sat Oct 3, 4:15 AM ET",
            "Posted: Tuesday, May 7, 2013 6:00 am | Updated: 10:22 am, Tue May 7, 2013.",
        ] {
            assert!(fired(t) & sig::PAGE_META != 0, "{t}");
        }
        // A schedule names no day of the month.
        assert_eq!(fired("Kickoff: Sat, 7:30 PM ET") & sig::RULES, 0);
    }

    #[test]
    fn an_editors_code_alone_but_not_a_wires() {
        assert!(fired("(mkr)") & sig::PAGE_META != 0);
        let wire = fired("(dpa)");
        assert_eq!(wire & sig::PAGE_META, 0);
        assert!(wire & sig::SOURCE_FOOTER != 0);
    }

    #[test]
    fn metadata_in_several_languages() {
        for t in [
            "Published by Ridgeway Tribune from Nov. 14 to Nov. 16, 2023.",
            "(c) 2025 King Features Syndicate, Inc.",
            "(ass/wes)",
            "The contents of this site are ©2019 Example Publishing Corp., a subsidiary of Example Communications, Inc.",
            "&lt;span data-mce-type=\"bookmark\" class=\"mce_SELRES_start\"&gt;&amp;#xFEFF;&lt;/span&gt;",
            "[automerge]1574096160[/automerge]",
            "[quote=Nick A]Shouldn't 2020 be the year?[/QUOTE]",
            "Updated an hour ago",
            "This article is more than 2 years old",
            "First published on Tue 12 Nov 2024 08.00 GMT",
            "2 days ago at 07:52 am",
            "By admin - 2018-09-16",
            "This article was generated with the assistance of AI and reviewed by an editor.",
            "TFR // JP",
            "sk/bg",
            "AP-US--Trump-Impeachment, 4th Ld-Writethru",
            "___",
            "<span data-mce-type=\"bookmark\" style=\"display: inline-block\"></span>",
            "(adsbygoogle = window.adsbygoogle || []).push({});",
            "googletag.cmd.push(function() { googletag.display('div-gpt-ad-1'); });",
            "Today at 06:30",
            "28 มี.ค. 2567 10:30 น.",
            "Posted: Mar 3, 2019 / 10:00 AM CST / Updated: Mar 3, 2019 / 11:00 AM CST",
            "Reprints & Permissions",
            "প্রকাশিত: ১৪ মার্চ ২০২৪, ১১:৩০",
            "2019-11-19T08:57:40+01:00",
            "Posted on by Admin",
            "Publicado por: Redação",
            "Todos os direitos reservados.",
            "Alle Rechte vorbehalten.",
            "We use cookies to improve your experience on our site.",
            "Diese Website verwendet Cookies. Wenn Sie die Website weiter nutzen, stimmen Sie zu.",
            "Este site usa cookies para melhorar sua experiência. Ao continuar navegando, você concorda.",
            "Bu sitede çerezler kullanılmaktadır. Siteyi kullanmaya devam ederek kabul edersiniz.",
            "© Acme Media 2019",
            "© 2024 Gazzetta del Lago S.p.A. - P.IVA 01234567890",
            "https://cdn.example.com/img/logo.png",
            "</p>",
            "2004-09 Example Media Inc., All rights reserved",
            "1998-2001 Example Software Ltd., All right",
            "12/03/2020 - Posted by: Jane Roe - Category: Health - Tags: hospital, winter",
            "03.12.2020 - Autor: Max Muster - Kategorie: Politik",
            "Published 3 March 2024, 10:15 GMT",
            "Rabu, 21 Februari 2024 | 09:40 WIB",
            "Sonntag, 4. Februar 2024, 18h30",
            "7 min read",
            "Tempo di lettura: 6 minuti",
            "Czas czytania: 3 min",
            "Seite 2 von 4",
            "Página 1 de 3",
            "Tag: Trieste, porto, traffico merci",
            "Mots-clés : élections, mairie, budget",
            // Tags whose separators were lost.
            "Topics: Premier League transfers Arsenal",
            "© 2023 Wydawnictwo Przykładowe Sp. z o.o. Wszelkie prawa zastrzeżone.",
            "Zum Inhalt springen",
            "05.11.2025, 09:41 · aktualizacja 10:05",
            "15/06/2025 | 10:32 hrs",
            "Temas relacionados: Celaya · Educación · Bibliotecas",
            "Lästid: 2 minuter",
            "Ultimo aggiornamento: 15 marzo 2024, 10:42 | Tempo di lettura: 2 minuti",
            "Publisert: 12.03.2024 kl. 14:05 Oppdatert: 12.03.2024 kl. 16:40",
            "Archivado en: Zaragoza · Tranvía · Movilidad",
            "Home › News › Local",
            "Startseite > Region > Biel",
            "Inicio / Noticias / Colombia",
            "Actualizado: 12/05/2023 14:02",
            "Опубликовано 5 мая 2021",
            "Updated: 9:32 a.m. EST",
            "Published: March 4, 2024 at 6:12 p.m. | Updated: March 5, 2024 at 9:40 a.m.",
            "Publicado: 4 de marzo de 2024, 18:12 · Actualizado: 5 de marzo de 2024, 09:40",
        ] {
            assert!(fired(t) & sig::PAGE_META != 0, "{t}");
        }
        for t in [
            "9.30 A.M. / 7.00 P.M.",
            "10 p.m.",
            "29 November 2018 | 20 January 2019",
            "In article <N4HY.93Apr5@example.org>, bob@example.org (Bob) writes:",
            "2019 was a hard year, and all right-thinking people knew it",
            "The author: a nurse. The category: memoir. She wrote it in 2019.",
            "Topics: what the summit will cover and who will attend it",
            "Published in 1990, the book sold two million copies in its first year.",
            "Updated figures",
            "Published at 6 p.m. on Monday, the report found that the port handled 3 million containers last year.",
            "Updated at 9 a.m. | The council will vote on the plan again on Tuesday after a long debate over costs",
            "Page 3 of the report lists 14 schools that will close.",
            "In 2024 the 8:15 train was cancelled 40 times.",
            "Tag der offenen Tür: Samstag, Sonntag",
            "Topics: the budget and the hospital were discussed, the council said.",
            "3 minutes",
            "Rates rose > 5% in March > April",
            "Either / or / neither, she said.",
            "AC/DC",
            "and/or",
            "[Updated at 5pm] The council will vote again on Tuesday.",
            "[엔터미디어=정덕현의 이슈공감] 엘제이의 리벤지인가, 류화영의 피해자 코스프레인가.",
        ] {
            assert_eq!(fired(t) & sig::PAGE_META, 0, "{t}");
        }
    }
}
