//! Declared provenance read from the shapes news text uses to say where it came from, in any
//! outlet and any language that writes a dateline or a credit the usual way:
//!
//! - **dateline**: a place in capitals or title case, optional region and date, then an agency
//!   in parentheses and/or a dash or colon, at the start of the body (`WASHINGTON (AP) —`,
//!   `BERLÍN, 3 mar (EFE).-`, `Hong Kong (CNN Business)`, `MADRID —`, `CLEVELAND, Ohio –`,
//!   `Washington, DC, United States:`, `MOSCOW, November 20. /TASS/.`, `(서울=연합뉴스)`);
//! - **photo_credit**: a credit keyword in any of several languages followed by a name
//!   (`Photo: Hau Dinh, AP`, `Foto: dpa`, `Image copyright EPA`, `(Image credit: Blue Origin)`),
//!   a slash credit (`REUTERS/Brendan McDermid`, `(AP Photo/Gene J. Puskar)`), a parenthesized
//!   credit closing a caption (`(Walt Disney Co.)`), a `©` credit, a photo agency's name alone
//!   on a line, and in product lists the maker's name alone above each item;
//! - **attribution**: wire credit lines (`(Reporting by …; Editing by …)`, `(Reportagem de …)`),
//!   contributor lines (`… contributed to this report`, `With Post wires`, `With inputs from
//!   PTI`), a wire's name alone on a line (`The Associated Press`, `— AFP`), `© Reuters`, and
//!   statements of first publication (`This article was originally published by Futurism.`);
//! - **source_link**: a bracketed source (`… [Bloomberg]`) or a URL line near the end;
//! - **aggregator**: a republisher saying it adapts or aggregates others' articles.
//!
//! An outlet merely named in running text ("told Reuters") is not a declaration; the lexicon
//! reports those separately as mentions. Nothing here reads files, and every range falls on
//! character boundaries of the paragraph it was found in.
//!
//! Each kind is read in its own submodule: `dateline`, `photo_credit`, `attribution`, and
//! `sources` (bracketed sources and aggregator statements; the URL line is read by the
//! lexicon itself). `names` holds the word shapes of places and credited names they share, and
//! `phrases` the one-pass search that tells which phrase lists a paragraph may hold.

mod attribution;

pub(super) use attribution::after_source_prefix;
mod dateline;
mod names;
mod photo_credit;
mod phrases;
mod places;
mod sources;

use super::{DeclKind, Declaration, OutletLexicon, floor_char};
use crate::model::ByteSpan;
use dateline::{arabic_letter, first_word_caps};
use phrases::phrase_groups;

/// Paragraphs of more than [`OPENING_SHORT_WORDS`] words that the story's opening, where a
/// dateline sits, is looked for in.
const OPENING_PARAS: usize = 4;
/// Most lines of some length, prose or not, searched for the opening.
const OPENING_LINES: usize = 6;
/// Most words of a paragraph that does not count toward [`OPENING_PARAS`].
const OPENING_SHORT_WORDS: usize = 6;
/// Most paragraphs looked at for the opening, short ones included.
const OPENING_MAX_PARAS: usize = 10;

impl OutletLexicon {
    /// What a paragraph list declares, in the order found; `first_body` is the first
    /// paragraph after any title; paragraphs that `furniture` marks (menus, bylines, stamps
    /// above the story) are passed over in the search for a dateline.
    pub(super) fn declared_shapes(
        &self,
        text: &str,
        paras: &[ByteSpan],
        first_body: usize,
        furniture: &[bool],
        own: Option<&str>,
        out: &mut Vec<Declaration>,
    ) {
        // After a paragraph of prose or a long one (a caption, or the body already begun)
        // only a dateline in capitals or naming an outlet is taken.
        let mut strong_only = false;
        // The story opens within its first four paragraphs of prose; the short lines among
        // them (a byline, a credit, a stamp no rule flagged) and the lines that close no
        // sentence (a headline, a site's motto, a share bar) do not count.
        let (mut long_seen, mut lines_seen) = (0, 0);
        let opening = paras
            .iter()
            .enumerate()
            .skip(first_body)
            .filter(|&(i, _)| !furniture.get(i).copied().unwrap_or(false))
            .map(|(_, p)| p)
            .take(OPENING_MAX_PARAS);
        for p in opening {
            let Some(para) = p.slice(text) else { continue };
            if long_seen == OPENING_PARAS || lines_seen == OPENING_LINES {
                break;
            }
            let long = para.split_whitespace().nth(OPENING_SHORT_WORDS).is_some();
            let prose = long && closes_sentence(para);
            long_seen += usize::from(prose);
            lines_seen += usize::from(long);
            if let Some((end, outlet)) = self.dateline_at(para)
                && (!strong_only || !outlet.is_empty() || first_word_caps(para))
                && !speaker_label(text, paras, p, &para[..end])
                && !heading_line(para, end)
                && !wire_byline_alone(para)
                && file_marker(para) == 0
            {
                push(out, DeclKind::Dateline, outlet, *p, 0, end);
                break;
            }
            strong_only |= prose || para.len() > 200;
        }
        self.later_wire_datelines(text, paras, first_body, furniture, out);
        // The story's last paragraph, past the page's furniture: a wire named in parentheses
        // at its end signs the story off ("… on Tuesday. (NAN)") rather than credits a picture.
        let last_body = (0..paras.len())
            .rev()
            .find(|&i| !furniture.get(i).copied().unwrap_or(false));
        for (i, p) in paras.iter().enumerate() {
            let Some(para) = p.slice(text) else { continue };
            let next = paras.get(i + 1).and_then(|n| n.slice(text));
            let before = out.len();
            let phrases = phrase_groups(para);
            self.attribution_line(para, phrases, *p, out);
            let late = Some(i) == last_body || 2 * i >= paras.len();
            let story = attribution::story_prose(para, late);
            self.sign_off_line(para, story, *p, out);
            self.aggregated(para, phrases, *p, out);
            if out.len() == before {
                self.credits_in(para, phrases, *p, story, own, out);
            }
            if i > first_body {
                self.maker_credit(para, next, paras, text, *p, out);
            }
            self.bracketed_source(para, *p, out);
        }
    }
}

impl OutletLexicon {
    /// Datelines past the story's opening: a live report or a roundup of wire copy opens each
    /// of its items with one ("CLEVELAND (AP) —", "ANKARA (AA) -"). Only the strong form is
    /// taken there: a place in capitals and a wire the lexicon knows in parentheses.
    fn later_wire_datelines(
        &self,
        text: &str,
        paras: &[ByteSpan],
        first_body: usize,
        furniture: &[bool],
        out: &mut Vec<Declaration>,
    ) {
        let opening = out
            .iter()
            .find(|d| d.kind == DeclKind::Dateline)
            .map(|d| d.span);
        // A roundup's items open with a place in capitals and a long dash, and no wire
        // ("GALION —", "ASHLAND, Ohio –"): taken when two items at least do.
        let mut roundup = Vec::new();
        for (i, p) in paras.iter().enumerate().skip(first_body) {
            if Some(*p) == opening || furniture.get(i).copied().unwrap_or(false) {
                continue;
            }
            let Some(para) = p.slice(text) else { continue };
            // One cheap look first: a word in capitals, with a parenthesis near the start
            // unless a long dash follows the place; or an Arabic wire's dateline, which has
            // its own strict form (a date, then the wire).
            let arabic = para.starts_with(arabic_letter);
            let head = &para[..floor_char(para, LATER_DATELINE_PAREN)];
            if !arabic && !first_word_caps(para) {
                continue;
            }
            let paren = head.contains('(');
            if !arabic && !paren && !head.contains(['—', '–']) {
                continue;
            }
            let Some((end, outlet)) = self.dateline_at(para) else {
                continue;
            };
            if !outlet.is_empty()
                && self.is_agency(&outlet)
                && (arabic || para[..end].contains('('))
                && !wire_byline_alone(para)
            {
                push(out, DeclKind::Dateline, outlet, *p, 0, end);
            } else if outlet.is_empty()
                && !paren
                && para[..end].trim_end().ends_with(['—', '–'])
                && runs_on_as_prose(&para[end..])
            {
                roundup.push((*p, end));
            }
        }
        if roundup.len() >= ROUNDUP_ITEMS {
            for (p, end) in roundup {
                push(out, DeclKind::Dateline, String::new(), p, 0, end);
            }
        }
    }
}

/// Whether a paragraph closes as a sentence does, in any script.
fn closes_sentence(para: &str) -> bool {
    para.trim_end().ends_with([
        '.', '!', '?', '"', '”', '»', '…', '。', '！', '？', '؟', '।', '॥', '」', '』', ')', '）',
    ])
}

/// Fewest items of a roundup whose datelines name no wire.
const ROUNDUP_ITEMS: usize = 2;
/// Fewest words in lower case of a roundup item's first sentence: a score sheet's labelled
/// lines ("GOALS — Brisbane: Mabior 3, Pearce 2") list names.
const ROUNDUP_LOWER_WORDS: usize = 4;

/// Whether what follows a roundup item's dateline runs on as prose.
fn runs_on_as_prose(rest: &str) -> bool {
    rest.split_whitespace()
        .filter(|w| w.starts_with(char::is_lowercase))
        .nth(ROUNDUP_LOWER_WORDS - 1)
        .is_some()
}

/// Bytes from a paragraph's start within which a later dateline's wire opens its parenthesis.
const LATER_DATELINE_PAREN: usize = 48;

/// Bytes of the "FILE - " that opens an agency's caption of a picture from its files (0 when
/// none does): the marker is no part of the credit after it, and its "FILE" reads like a
/// dateline's place.
pub(crate) fn file_marker(para: &str) -> usize {
    let Some(rest) = para.strip_prefix("FILE") else {
        return 0;
    };
    let dash = rest.trim_start();
    let Some(after) = dash.strip_prefix(['-', '—', '–']) else {
        return 0;
    };
    para.len() - after.trim_start().len()
}

/// Whether the paragraph is only a name and a wire's code in parentheses ("Holly Brennan
/// (AAP)"): a byline, which a dateline's place and wire resemble.
fn wire_byline_alone(para: &str) -> bool {
    let words: Vec<&str> = para.split_whitespace().collect();
    let code = words
        .iter()
        .position(|w| w.starts_with('('))
        .unwrap_or(words.len());
    code + 1 == words.len() && attribution::paren_wire_byline(&words[..code], &words[code..])
}

/// Whether a dateline closed by a colon with no outlet ("MAYA OKAFOR:") opens another
/// paragraph too: then it is an interview's speaker label, which names a person, not a place.
fn speaker_label(text: &str, paras: &[ByteSpan], this: &ByteSpan, dateline: &str) -> bool {
    if !dateline.ends_with(':') {
        return false;
    }
    let others = || {
        paras
            .iter()
            .filter(|q| q.start != this.start)
            .filter_map(|q| q.slice(text))
    };
    // A transcript: the label opens another paragraph too, or two others open with a name in
    // capitals and a colon ("MAYA OKAFOR: …"), as its speakers take turns.
    others().any(|q| q.starts_with(dateline))
        || others().filter(|q| speaker_turn(q)).nth(1).is_some()
}

/// Most words of what a page's field label heads ("WRITER: Reuters", "PUBLISHED : 7 Nov 2024
/// at 15:22"); a speaker's turn in a transcript runs longer.
const FIELD_WORDS: usize = 7;

/// Whether the dateline read at the head of `para` (its first `end` bytes) is a heading on a
/// line of its own, closed by a colon ("SAOSHYANT:" over the text it heads): a dateline runs on
/// into the story's first sentence on its line.
fn heading_line(para: &str, end: usize) -> bool {
    para[..end].ends_with(':')
        && para[end..]
            .trim_start_matches([' ', '\t'])
            .starts_with(['\n', '\r'])
}

/// Whether a paragraph opens with words in capitals closed by a colon and runs on as speech
/// ("MAYA OKAFOR: In the spring of 2022, the residents …").
fn speaker_turn(para: &str) -> bool {
    para.split_once(':').is_some_and(|(label, speech)| {
        let letters = label.chars().filter(|c| c.is_alphabetic()).count();
        letters >= 2
            && speech.split_whitespace().nth(FIELD_WORDS).is_some()
            && label.split_whitespace().count() <= 4
            && label
                .chars()
                .all(|c| !c.is_alphabetic() || c.is_uppercase())
    })
}

/// `t` past an opening "Copyright" (in any case), trimmed; `None` when it opens otherwise.
fn after_copyright_word(t: &str) -> Option<&str> {
    t.get(..9)
        .filter(|h| h.eq_ignore_ascii_case("copyright"))
        .map(|_| t[9..].trim_start())
}

/// Pushes a declaration over `para[s..e]` (offsets from the paragraph start).
fn push(
    out: &mut Vec<Declaration>,
    kind: DeclKind,
    outlet: String,
    p: ByteSpan,
    s: usize,
    e: usize,
) {
    let base = p.start as usize;
    let span = ByteSpan::new(base + s, base + e);
    if out
        .iter()
        .any(|d| d.span.start < span.end && span.start < d.span.end)
    {
        return;
    }
    out.push(Declaration {
        kind,
        outlet,
        span,
        text: String::new(),
        detail: None,
    });
}
