//! Site junk that extractors leave in scraped articles, recognised line by line.
//!
//! Generic extractors (newspaper3k, trafilatura, readability, goose3, jusText, whole-page text)
//! keep some of a page's furniture: ad labels, share bars, credits, promos, link lists, notices.
//! Recurrence across articles finds furniture a site repeats; this module finds it in a single
//! article, from evidence of several kinds together, as jusText and Boilerpipe do: the line's
//! shape ([`shape`]: length, stopword share in the article's detected language, capitals,
//! digits, links, closing punctuation), cue phrases in many languages ([`lexicon`]), its
//! neighbours ([`related_links`], [`neighbours`]) and its position.
//!
//! One rule per module, each documented with what it flags, its evidence, an example and its
//! known misses. A rule returns signal bits ([`sig`]): one bit naming the rule and bits naming
//! the evidence that fired, which the reports show. It runs while an article is read (the
//! text is at hand then) and costs one pass over each line plus a language guess per article.

pub(crate) mod ad_slot;
pub(crate) mod byline;
pub(crate) mod cells;
pub(crate) mod credit_stamp;
pub(crate) mod lang;
pub(crate) mod lexicon;
pub(crate) mod markdown;
pub(crate) mod menu;
pub(crate) mod neighbours;
pub(crate) mod numbered;
pub(crate) mod outside_story;
pub(crate) mod page_meta;
pub(crate) mod photo_credit;
pub(crate) mod promo;
pub(crate) mod related_links;
pub(crate) mod shape;
pub(crate) mod source_footer;
pub(crate) mod widget;

use crate::model::{ByteSpan, DeclKind};
use crate::segment::Markup;
use lexicon::{CueHits, JunkLexicon, Rule};
use shape::{LONG_WORDS, Line};
use std::borrow::Cow;

/// Signal bits: which rule flagged a line, and which evidence fired.
pub(crate) mod sig {
    /// An ad-slot label ([`super::ad_slot`]).
    pub(crate) const AD_SLOT: u32 = 1;
    /// A widget ([`super::widget`]).
    pub(crate) const WIDGET: u32 = 1 << 1;
    /// Page metadata or a notice ([`super::page_meta`]).
    pub(crate) const PAGE_META: u32 = 1 << 2;
    /// A promo ([`super::promo`]).
    pub(crate) const PROMO: u32 = 1 << 3;
    /// A bio or reporting credit ([`super::byline`]).
    pub(crate) const BYLINE: u32 = 1 << 4;
    /// A bare photo credit ([`super::photo_credit`]).
    pub(crate) const PHOTO_CREDIT: u32 = 1 << 5;
    /// Another outlet named as the source ([`super::source_footer`]): an aggregator footer.
    pub(crate) const SOURCE_FOOTER: u32 = 1 << 6;
    /// A related or read-more link ([`super::related_links`]).
    pub(crate) const RELATED_LINKS: u32 = 1 << 7;
    /// Took its neighbours' class ([`super::neighbours`]).
    pub(crate) const NEIGHBOURS: u32 = 1 << 8;
    /// A navigation menu at the page's edges ([`super::menu`]).
    pub(crate) const MENU: u32 = 1 << 9;
    /// Outside the story of a whole page ([`super::outside_story`]).
    pub(crate) const OUTSIDE_STORY: u32 = 1 << 10;
    /// Mostly links, in a page that kept them ([`super::markdown`], [`super::numbered`]).
    pub(crate) const LINKS: u32 = 1 << 11;
    /// Every rule bit.
    pub(crate) const RULES: u32 = (1 << 12) - 1;

    /// A cue phrase is the whole line.
    pub(crate) const CUE_LINE: u32 = 1 << 12;
    /// A cue phrase opens the line.
    pub(crate) const CUE_PREFIX: u32 = 1 << 13;
    /// A cue phrase is inside the line.
    pub(crate) const CUE_INSIDE: u32 = 1 << 14;
    /// The line's shape alone matched (a separator, slug, tag, counter, credit pair …).
    pub(crate) const SHAPE: u32 = 1 << 15;
    /// Short: at most eight words.
    pub(crate) const SHORT: u32 = 1 << 16;
    /// Few stopwords for the article's language (under 30%, jusText's threshold).
    pub(crate) const FEW_STOPWORDS: u32 = 1 << 17;
    /// No closing punctuation.
    pub(crate) const NO_END_PUNCT: u32 = 1 << 18;
    /// Carries a URL, e-mail address or handle.
    pub(crate) const LINK_LIKE: u32 = 1 << 19;
    /// Set in capitals.
    pub(crate) const CAPS: u32 = 1 << 20;
    /// In a run of headline-like lines.
    pub(crate) const HEADLINE_RUN: u32 = 1 << 21;
    /// In the list after a related-links cue.
    pub(crate) const AFTER_CUE: u32 = 1 << 22;
    /// In the article's last lines.
    pub(crate) const TAIL: u32 = 1 << 23;
    /// In the article's first lines.
    pub(crate) const HEAD: u32 = 1 << 24;
    /// Names the article's own outlet (a sign-off, so boilerplate rather than a footer).
    pub(crate) const OWN_OUTLET: u32 = 1 << 25;
    /// Above the line that repeats the article's title: the page's header.
    pub(crate) const ABOVE_HEADLINE: u32 = 1 << 26;

    /// Each bit's name, as reports print it.
    pub(crate) const NAMES: [(u32, &str); 27] = [
        (AD_SLOT, "ad_slot"),
        (WIDGET, "widget"),
        (PAGE_META, "page_meta"),
        (PROMO, "promo"),
        (BYLINE, "byline"),
        (PHOTO_CREDIT, "photo_credit"),
        (SOURCE_FOOTER, "source_footer"),
        (RELATED_LINKS, "related_links"),
        (NEIGHBOURS, "neighbours"),
        (MENU, "menu"),
        (OUTSIDE_STORY, "outside_story"),
        (LINKS, "link_density"),
        (CUE_LINE, "cue_line"),
        (CUE_PREFIX, "cue_prefix"),
        (CUE_INSIDE, "cue_inside"),
        (SHAPE, "shape"),
        (SHORT, "short"),
        (FEW_STOPWORDS, "few_stopwords"),
        (NO_END_PUNCT, "no_end_punct"),
        (LINK_LIKE, "link_like"),
        (CAPS, "caps"),
        (HEADLINE_RUN, "headline_run"),
        (AFTER_CUE, "after_cue"),
        (TAIL, "tail"),
        (HEAD, "head"),
        (OWN_OUTLET, "own_outlet"),
        (ABOVE_HEADLINE, "above_headline"),
    ];

    /// The names of the bits set in `s`, rule bits first.
    pub fn names(s: u32) -> Vec<&'static str> {
        NAMES
            .iter()
            .filter(|(b, _)| *b != 0 && s & b != 0)
            .map(|(_, n)| *n)
            .collect()
    }

    /// The name of the rule that flagged the line (the first rule bit set).
    pub(crate) fn rule(s: u32) -> Option<&'static str> {
        NAMES[..11]
            .iter()
            .find(|(b, _)| s & b != 0)
            .map(|(_, n)| *n)
    }
}

/// Bytes at the end of a long line looked at for the controls of a fused widget.
const TAIL_BYTES: usize = 120;
/// Lines, from each edge, that count as the article's head or tail in the evidence.
const EDGE_LINES: usize = 3;
/// Most words of a share bar under a label ([`JunkDetector::label_then_buttons`]).
const LABELLED_BAR_WORDS: usize = 10;

/// The compiled junk detector.
#[derive(Clone, Debug)]
pub struct JunkDetector {
    lex: JunkLexicon,
}

impl Default for JunkDetector {
    fn default() -> Self {
        JunkDetector {
            lex: JunkLexicon::builtin(),
        }
    }
}

impl JunkDetector {
    /// Signals of each paragraph of an article (0: not junk). `spans` are its paragraphs in
    /// `text`; paragraphs before `first` (a title line) are never flagged; `outlet` is the
    /// article's outlet as given (a host or name), used to tell its own sign-offs from footers
    /// naming another outlet.
    /// `title` is the article's title as its record gives it, which the page's headline repeats.
    /// `markup`: how the page kept its links ([`Markup`]); a page that kept them is read as
    /// its reader saw it.
    pub fn detect(
        &self,
        text: &str,
        spans: &[ByteSpan],
        first: usize,
        outlet: Option<&str>,
        title: Option<&str>,
        markup: Markup,
    ) -> Vec<u32> {
        let paras: Vec<&str> = spans
            .iter()
            .map(|s| text.get(s.range()).unwrap_or(""))
            .collect();
        // A page that kept its links is read as its reader saw it.
        let shown: Vec<Option<markdown::Visible>> = match markup {
            Markup::Plain => Vec::new(),
            Markup::Markdown => paras.iter().map(|p| markdown::visible(p)).collect(),
            Markup::Numbered => paras.iter().map(|p| numbered::visible(p)).collect(),
        };
        let paras: Vec<&str> = paras
            .iter()
            .enumerate()
            .map(|(i, p)| match shown.get(i) {
                Some(Some(v)) => v.text.as_str(),
                _ => p,
            })
            .collect();
        let stop = lang::detect(paras.iter().copied()).and_then(lang::stopwords);
        let mut measured: Vec<Line> = paras.iter().map(|p| Line::new(p, stop)).collect();
        for (l, v) in measured.iter_mut().zip(&shown) {
            l.link_share = v.as_ref().map_or(0.0, |v| v.link_share);
        }
        // A line with digits of another script is measured again with them in ASCII.
        let folded: Vec<Option<String>> = measured
            .iter()
            .map(
                |l| match l.other_digits.then(|| shape::ascii_digits(l.text)) {
                    Some(Cow::Owned(f)) => Some(f),
                    _ => None,
                },
            )
            .collect();
        let lines: Vec<Line> = measured
            .into_iter()
            .zip(&folded)
            .map(|(l, f)| match f {
                Some(f) => Line {
                    link_share: l.link_share,
                    ..Line::new(f, stop)
                },
                None => l,
            })
            .collect();
        let own = outlet.map(own_outlet);
        let headline = title.and_then(|t| menu::headline(&lines, first, &shape::ascii_digits(t)));
        self.signals(&lines, first, own.as_deref(), headline, stop.is_some())
    }

    /// Signals of the paragraphs that declared provenance reads, whole, as a wire's sign-off
    /// (an attribution) or a picture's credit (`whole`: indices into `spans` with the kind
    /// read), for those no rule flagged (`junk`, as [`Self::detect`] returned it, is updated in
    /// place). Declared provenance runs after junk detection, as it looks for a dateline past
    /// the page's furniture, and knows many more outlets than the cue file.
    pub fn mark_declared(
        &self,
        text: &str,
        spans: &[ByteSpan],
        whole: &[(usize, DeclKind)],
        outlet: Option<&str>,
        junk: &mut [u32],
    ) {
        if whole.is_empty() {
            return;
        }
        let own = outlet.map(own_outlet);
        // Sign-offs first: a line read both ways is a sign-off.
        let sign_offs = whole.iter().filter(|w| w.1 == DeclKind::Attribution);
        let credits = whole.iter().filter(|w| w.1 == DeclKind::PhotoCredit);
        for &(i, kind) in sign_offs.chain(credits) {
            if junk[i] != 0 {
                continue;
            }
            let Some(para) = text.get(spans[i].range()) else {
                continue;
            };
            let line = Line::new(para, None);
            let s = match kind {
                DeclKind::Attribution => source_footer::declared_sign_off(&line, own.as_deref()),
                DeclKind::PhotoCredit => photo_credit::declared_credit(&line),
                _ => 0,
            };
            if s != 0 {
                let lines = [line];
                junk[i] = s | evidence(&lines, 0, CueHits::default(), 0, false);
                // Its place in the article, which a one-line slice cannot tell.
                junk[i] &= !(sig::HEAD | sig::TAIL);
                if i + EDGE_LINES >= spans.len() {
                    junk[i] |= sig::TAIL;
                }
            }
        }
    }

    /// Runs the rules over measured lines: each line on its own, then the rules that read a
    /// line's neighbours, then the evidence each flagged line carries.
    fn signals(
        &self,
        lines: &[Line],
        first: usize,
        own: Option<&str>,
        headline: Option<usize>,
        know_stop: bool,
    ) -> Vec<u32> {
        let hits: Vec<CueHits> = lines
            .iter()
            .map(|l| self.lex.hits(&l.norm, l.words <= LONG_WORDS))
            .collect();
        let mut out = vec![0u32; lines.len()];
        for i in first..lines.len() {
            out[i] = self.line_rules(&lines[i], hits[i], own) | markdown::check(&lines[i]);
        }
        for i in first..lines.len() {
            if !lines[i].block {
                out[i] |= photo_credit::echoed(&lines[i], lines.get(i + 1));
            }
        }
        ad_slot::mark_blocks(lines, first, &mut out);
        widget::mark_playlists(lines, first, &mut out);
        related_links::mark(&self.lex, lines, &hits, first, &mut out);
        menu::mark(&self.lex, lines, &hits, first, &mut out);
        if let Some(h) = headline {
            menu::mark_above_headline(lines, first, h, &mut out);
        }
        byline::mark_names_over_stamps(lines, first, know_stop, &mut out);
        widget::keep_story_figures(lines, first, &mut out);
        widget::keep_live_stamps(lines, first, &mut out);
        outside_story::mark(lines, first, headline, &mut out);
        // After the page around a whole page's story is marked: a bio is among the story's last
        // lines, and the teasers below it are not.
        byline::mark_bios(lines, first, &mut out);
        widget::mark_tail_comments(lines, first, &mut out);
        neighbours::smooth(lines, first, &mut out);
        cells::keep_tables(lines, first, &mut out);
        for (i, s) in out.iter_mut().enumerate() {
            *s = if *s & sig::RULES == 0 || lines[i].block {
                0
            } else {
                *s | evidence(lines, i, hits[i], first, know_stop)
            };
        }
        out
    }

    /// A share bar under a label of its own language: one or two words and a colon, then
    /// button labels of the cue file, two or more and at least half the words after the colon
    /// ("Shpërndaje: Facebook Twitter WhatsApp Viber", "Сподели: Facebook Viber Копирай
    /// линк"): the label need not be known when the buttons are.
    fn label_then_buttons(&self, l: &Line) -> bool {
        if l.words > LABELLED_BAR_WORDS || l.ends_sentence() {
            return false;
        }
        let Some((label, _)) = l.text.split_once([':', '：']) else {
            return false;
        };
        // Counted as the line's own words are, so that they can be skipped in its `norm`.
        let label_words = Line::new(label, None).words;
        if !(1..=2).contains(&label_words) {
            return false;
        }
        let buttons: Vec<&str> = l.norm.split_whitespace().skip(label_words).collect();
        let known = buttons
            .iter()
            .filter(|w| self.lex.is_line_word(Rule::Widget, w))
            .count();
        known >= 2 && known * 2 >= buttons.len()
    }

    /// The rules that judge a line alone. Long lines are prose for every rule but one: a
    /// gallery or player widget fused onto the end of a long caption, whose controls end the
    /// line ("… Image 1 of / 23 Caption Close … Back to Gallery").
    fn line_rules(&self, l: &Line, h: CueHits, own: Option<&str>) -> u32 {
        if l.block {
            return 0;
        }
        if l.words > LONG_WORDS {
            return if self.tail_widget(l) { sig::WIDGET } else { 0 };
        }
        // Share and comment buttons may carry their counts ("Kommentare (14)", "Share 23"), their
        // labels may be phrases ("Kopiuj link") or come joined ("Share 0 FacebookTwitterEmail").
        let is_count = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
        let mut words = l.norm.split(' ').filter(|w| !w.is_empty());
        // A row of buttons opens or closes with one: most short lines are told apart by two
        // lookups, before their words are gathered.
        let edge_button = |w: Option<&str>| {
            w.is_some_and(|w| is_count(w) || self.lex.is_line_word(Rule::Widget, w))
        };
        let only_widget_words = (if l.fused { 1 } else { 2 }..=8).contains(&l.words)
            && (l.fused || edge_button(words.next()) || edge_button(words.next_back()))
            && {
                let words: Vec<&str> = l
                    .norm
                    .split(' ')
                    .filter(|w| !w.is_empty() && !is_count(w))
                    .collect();
                if l.fused {
                    !words.is_empty()
                        && words.iter().all(|w| {
                            self.lex.is_line_word(Rule::Widget, w)
                                || self.lex.is_fused_line_words(Rule::Widget, w)
                        })
                } else {
                    self.lex.only_line_phrases(Rule::Widget, &words)
                }
            };
        let only_widget_words = only_widget_words || self.label_then_buttons(l);
        let s = ad_slot::check(l, h)
            | widget::check(l, h, only_widget_words)
            | page_meta::check(&self.lex, l, h, own)
            | promo::check(&self.lex, l, h)
            | byline::check(&self.lex, l, h)
            | photo_credit::check(l, h)
            | source_footer::check(&self.lex, l, h, own);
        // A bar's cells are set apart by `|`, or by brackets in a script written without
        // spaces; one vector scan passes over most lines.
        let bar = memchr::memchr(b'|', l.text.as_bytes()).is_some()
            || (l.unspaced > 0 && l.text.contains('【'));
        if s == 0 && bar {
            self.bar_of_cells(l, own)
        } else {
            s
        }
    }

    /// A line of cells set apart by bars ([`cells`]): the signals of the cells the rules flag
    /// when they flag one and every other cell is a short item; else 0.
    fn bar_of_cells(&self, l: &Line, own: Option<&str>) -> u32 {
        let cells = cells::split(l.text);
        let (mut flagged, mut cued, mut items) = (0, false, 0);
        for cell in &cells {
            let c = Line::new(cell, None);
            if c.size() > cells::CELL_WORDS {
                return 0;
            }
            let s = self.line_rules(&c, self.lex.hits(&c.norm, true), own);
            if s & sig::RULES != 0 && c.letters > 0 {
                flagged |= s;
                cued |= s & sig::SHAPE == 0;
            } else if c.size() > cells::ITEM_WORDS || c.ends_sentence() {
                return 0;
            } else {
                items += 1;
            }
        }
        // Two cells flagged for their shape alone are what a range of dates or figures is too
        // ("29 November 2018 | 20 January 2019"); a third cell, a cue or a label beside
        // them makes a bar.
        if cued || (flagged != 0 && (cells.len() >= 3 || items > 0)) {
            flagged
        } else {
            0
        }
    }

    /// Whether the last [`TAIL_BYTES`] of a long line hold a widget's controls.
    fn tail_widget(&self, l: &Line) -> bool {
        let cut = l.norm.len().saturating_sub(TAIL_BYTES);
        let start = (cut..l.norm.len())
            .find(|&b| l.norm.is_char_boundary(b) && l.norm[..b].ends_with(' '))
            .map_or(0, |b| b - 1);
        self.lex.hits(&l.norm[start..], true).inside(Rule::Widget)
    }
}

/// The evidence a flagged line carries, whichever rule flagged it: where its cue sits, its
/// shape and its position in the article.
fn evidence(lines: &[Line], i: usize, h: CueHits, first: usize, know_stop: bool) -> u32 {
    let l = &lines[i];
    let mut s = 0;
    if h.line != 0 {
        s |= sig::CUE_LINE;
    } else if h.prefix != 0 {
        s |= sig::CUE_PREFIX;
    } else if h.contains != 0 {
        s |= sig::CUE_INSIDE;
    }
    if l.is_short() {
        s |= sig::SHORT;
    }
    if know_stop && l.words > 0 && l.stopword_share() < 0.3 {
        s |= sig::FEW_STOPWORDS;
    }
    if !l.ends_sentence() {
        s |= sig::NO_END_PUNCT;
    }
    if l.link_like {
        s |= sig::LINK_LIKE;
    }
    if l.all_caps() {
        s |= sig::CAPS;
    }
    if i < first + EDGE_LINES {
        s |= sig::HEAD;
    }
    if i + EDGE_LINES >= lines.len() {
        s |= sig::TAIL;
    }
    s
}

/// An outlet as letters and digits only, without `www.` and the top-level domain
/// (`www.livescience.com` -> `livescience`).
pub(crate) fn own_outlet(outlet: &str) -> String {
    let s = outlet.trim().to_lowercase();
    let s = s
        .trim_start_matches("https://")
        .trim_start_matches("http://")
        .trim_start_matches("www.");
    let host = s.split('/').next().unwrap_or("");
    let stem = match host.rsplit_once('.') {
        Some((stem, tld)) if !tld.is_empty() && tld.chars().all(|c| c.is_ascii_alphabetic()) => {
            stem
        }
        _ => host,
    };
    let stem = stem.rsplit('.').next().unwrap_or(stem);
    stem.chars().filter(|c| c.is_alphanumeric()).collect()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The signals of each line of an English article made of `lines`.
    pub(crate) fn fired_all(lines: &[&str]) -> Vec<u32> {
        let stop = lang::stopwords("en");
        let ls: Vec<Line> = lines.iter().map(|t| Line::new(t, stop)).collect();
        JunkDetector::default().signals(&ls, 0, None, None, true)
    }

    /// The signals of one line, after a line of English prose.
    pub(crate) fn fired(line: &str) -> u32 {
        fired_own(line, "")
    }

    /// As [`fired`], for an article of outlet `own`.
    pub(crate) fn fired_own(line: &str, own: &str) -> u32 {
        let stop = lang::stopwords("en");
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge.";
        let ls = vec![Line::new(body, stop), Line::new(line, stop)];
        let own = (!own.is_empty()).then_some(own);
        JunkDetector::default().signals(&ls, 0, own, None, true)[1]
    }

    #[test]
    fn own_outlet_is_the_host_stem() {
        assert_eq!(own_outlet("www.livescience.com"), "livescience");
        assert_eq!(own_outlet("https://edition.cnn.com/2019/x"), "cnn");
        assert_eq!(own_outlet("Live Science"), "livescience");
    }

    #[test]
    fn evidence_names_the_rule_and_signals() {
        let s = fired("Advertisement");
        assert_eq!(sig::rule(s), Some("ad_slot"));
        let n = sig::names(s);
        assert!(n.contains(&"cue_line") && n.contains(&"short"), "{n:?}");
    }

    #[test]
    fn prose_is_not_junk() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge.";
        assert_eq!(fired_all(&[body, body, body]), [0, 0, 0]);
    }
}
