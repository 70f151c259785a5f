//! Sources named outright rather than credited: a bracketed outlet closing a line
//! (`… [Bloomberg]`, a source_link) and a republisher's statement that it adapts or aggregates
//! others' articles (an aggregator, with its contact address).

use super::dateline::NOT_PLACES;
use super::names::{is_caps, name_like};
use super::phrases::AGGREGATED_PHRASE;
use super::{DeclKind, Declaration, OutletLexicon, push};
use crate::model::ByteSpan;

/// Statements of a republisher that adapts or aggregates others' articles, lower case.
pub(super) const AGGREGATED: [&str; 11] = [
    "adapted from its original source",
    "is an automatic aggregator",
    "is an aggregator",
    "is a news aggregator",
    "auto-generated from a syndicated feed",
    "auto-generated from a syndicated",
    "published from a wire agency feed",
    "auto-aggregated",
    "automatically aggregated",
    "automatically generated from",
    "sourced through an automated feed",
];

impl OutletLexicon {
    /// A republisher's statement that it adapts or aggregates others' articles.
    pub(super) fn aggregated(
        &self,
        para: &str,
        phrases: u8,
        p: ByteSpan,
        out: &mut Vec<Declaration>,
    ) {
        if para.len() > 600 || phrases & AGGREGATED_PHRASE == 0 {
            return;
        }
        let lower = para.to_lowercase();
        let Some(pos) = AGGREGATED.iter().find_map(|c| lower.find(c)) else {
            return;
        };
        // The subject of "X is an automatic aggregator …" names the republisher.
        let outlet = if lower.len() == para.len() {
            let before = &para[..pos];
            let sentence = before.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
            let subject = before[sentence..].trim();
            if subject.split_whitespace().count() <= 8 && name_like(subject, 8) {
                self.resolve(subject).unwrap_or(subject).to_string()
            } else {
                String::new()
            }
        } else {
            String::new()
        };
        let contact = para
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .find(|w| w.contains('@') && w.contains('.'))
            .map(str::to_string);
        push(out, DeclKind::Aggregator, outlet, p, 0, para.len());
        if let Some(last) = out.last_mut() {
            last.detail = contact;
        }
    }

    /// `… It's Complicated [Bloomberg]`: a bracketed name closing a line.
    pub(super) fn bracketed_source(&self, para: &str, p: ByteSpan, out: &mut Vec<Declaration>) {
        let t = para.trim_end();
        let Some(body) = t.strip_suffix(']') else {
            return;
        };
        let Some(open) = body.rfind('[') else { return };
        let name = &body[open + 1..];
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        // A name in padded brackets is a form's button or field, as text browsers show
        // them ("[ Search ]").
        if name.is_empty()
            || name.starts_with(char::is_whitespace)
            || name.ends_with(char::is_whitespace)
            || !name_like(name, 5)
            || NOT_PLACES.contains(&first.as_str())
            || [
                "pictures",
                "pics",
                "map",
                "poll",
                "quiz",
                "interactive",
                "pdf",
                "sic",
            ]
            .contains(&first.as_str())
        {
            return;
        }
        // "[VIDEO]", "[INSIGHT]": a section tag in capitals, unless it names an outlet.
        let known = self.resolve_prefix(name);
        if known.is_none() && is_caps(name) {
            return;
        }
        let outlet = known.unwrap_or(name).to_string();
        push(out, DeclKind::SourceLink, outlet, p, open, t.len());
    }
}
