//! Provenance: what an article declares about where its text came from, and (in [`origin`])
//! what the corpus shows.
//!
//! Declarations are read from the text with plain rules over an editable outlet list
//! (`outlets.toml`): datelines (`Hong Kong (CNN) —`), photo credits (`(Brendan Hoffman/The New
//! York Times)`, `AP Photo/…`), source links (a URL line in the tail, "originally published
//! at"), aggregator disclosures (`X is an automatic aggregator …`, with its contact address),
//! and attributions (a known outlet named in the text: "according to Reuters", "told the
//! Russian Tass news service", or an outlet name pasted into copied text). Every declaration
//! keeps its byte range and the outlet's canonical name. Nothing here reads files.

pub mod derive;
pub mod origin;

use crate::error::{Error, Result};
use crate::model::ByteSpan;
use crate::shingle::hash_normalized;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

/// The built-in outlet list.
pub const BUILTIN: &str = include_str!("outlets.toml");

/// What kind of declaration.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum DeclKind {
    /// `CITY (Outlet) —` at the start of the text.
    Dateline,
    /// A photo credit naming an agency or outlet.
    PhotoCredit,
    /// A link or line naming where the article was first published.
    SourceLink,
    /// An outlet named as the source of a statement or of copied text.
    Attribution,
    /// A republisher's disclosure that it aggregates others' articles.
    Aggregator,
}

impl DeclKind {
    /// The wire name.
    pub fn name(self) -> &'static str {
        match self {
            DeclKind::Dateline => "dateline",
            DeclKind::PhotoCredit => "photo_credit",
            DeclKind::SourceLink => "source_link",
            DeclKind::Attribution => "attribution",
            DeclKind::Aggregator => "aggregator",
        }
    }
}

/// One thing an article declares about its sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Declaration {
    /// What kind.
    pub kind: DeclKind,
    /// The outlet's canonical name (or the name as written when it is not in the list).
    pub outlet: String,
    /// Where the declaring text is.
    pub span: ByteSpan,
    /// The declaring text (at most [`MAX_DECL_TEXT`] bytes of it).
    pub text: String,
    /// For a source link, the URL; for an aggregator, its contact address.
    pub detail: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletEntry {
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    pasted: Vec<String>,
    #[serde(default)]
    domains: Vec<String>,
    #[serde(default)]
    agency: bool,
    #[serde(default)]
    credit_only: bool,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OutletFile {
    #[serde(default)]
    outlet: Vec<OutletEntry>,
}

/// An alias compiled to normalized word hashes.
#[derive(Clone, Debug)]
struct Alias {
    words: Vec<u64>,
    /// The alias as written, for the capitalization check.
    written: String,
    outlet: u32,
    /// Matched in any case.
    pasted: bool,
}

/// The compiled outlet list.
#[derive(Clone, Debug)]
pub struct OutletLexicon {
    names: Vec<String>,
    credit_only: Vec<bool>,
    agency: Vec<bool>,
    by_first: HashMap<u64, Vec<Alias>>,
    /// A 64 Ki-bit filter of first-word hashes, so that most words skip the map lookup.
    first_filter: Vec<u64>,
    /// Normalized alias text -> outlet, for names found inside credits and datelines.
    by_text: HashMap<String, u32>,
    by_domain: HashMap<String, u32>,
}

/// Longest declaring text kept, in bytes.
pub const MAX_DECL_TEXT: usize = 300;

/// A word of an article with its byte range and normalized hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
    /// Hash of the normalized word.
    pub hash: u64,
}

impl OutletLexicon {
    /// The built-in list.
    pub fn builtin() -> OutletLexicon {
        OutletLexicon::parse(BUILTIN, "built-in outlets.toml")
            .expect("the built-in outlet list parses")
    }

    /// Reads a list from a file.
    pub fn from_file(path: &Path) -> Result<OutletLexicon> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        OutletLexicon::parse(&text, &path.display().to_string())
    }

    /// Parses a list; `place` names it in errors.
    pub fn parse(text: &str, place: &str) -> Result<OutletLexicon> {
        let file: OutletFile = toml::from_str(text).map_err(|e| {
            let line = e
                .span()
                .map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1);
            Error::config(
                line.map_or(place.to_string(), |l| format!("{place}:{l}")),
                e.message().trim().to_string(),
            )
        })?;
        let mut lex = OutletLexicon {
            names: Vec::new(),
            credit_only: Vec::new(),
            agency: Vec::new(),
            by_first: HashMap::new(),
            first_filter: vec![0; 1024],
            by_text: HashMap::new(),
            by_domain: HashMap::new(),
        };
        for e in file.outlet {
            let id = lex.names.len() as u32;
            let mut all = vec![(e.name.clone(), false)];
            all.extend(e.aliases.iter().map(|a| (a.clone(), false)));
            all.extend(e.pasted.iter().map(|a| (a.clone(), true)));
            for (a, pasted) in all {
                let norm = crate::normalize::normalized_text(&a);
                if norm.is_empty() {
                    continue;
                }
                let words: Vec<u64> = norm.split(' ').map(hash_normalized).collect();
                lex.by_text.entry(norm).or_insert(id);
                lex.by_first.entry(words[0]).or_default().push(Alias {
                    words,
                    written: a,
                    outlet: id,
                    pasted,
                });
            }
            for d in e.domains {
                lex.by_domain.insert(d.to_ascii_lowercase(), id);
            }
            lex.names.push(e.name);
            lex.credit_only.push(e.credit_only);
            lex.agency.push(e.agency);
        }
        for &h in lex.by_first.keys() {
            let bit = (h & 0xffff) as usize;
            lex.first_filter[bit / 64] |= 1 << (bit % 64);
        }
        for v in lex.by_first.values_mut() {
            v.sort_by_key(|a| std::cmp::Reverse(a.words.len()));
        }
        Ok(lex)
    }

    /// The canonical name of a name as written, if listed.
    pub fn resolve(&self, written: &str) -> Option<&str> {
        let norm = crate::normalize::normalized_text(written);
        self.by_text
            .get(&norm)
            .map(|&i| self.names[i as usize].as_str())
    }

    /// The canonical name for a host (`www.` and subdomains tried), if listed.
    pub fn resolve_domain(&self, host: &str) -> Option<&str> {
        let mut h = host.trim().trim_start_matches("www.").to_ascii_lowercase();
        loop {
            if let Some(&i) = self.by_domain.get(&h) {
                return Some(&self.names[i as usize]);
            }
            match h.split_once('.') {
                Some((_, rest)) if rest.contains('.') => h = rest.to_string(),
                _ => return None,
            }
        }
    }

    /// Whether an outlet name (canonical) is a wire or photo agency.
    pub fn is_agency(&self, canonical: &str) -> bool {
        self.names
            .iter()
            .position(|n| n == canonical)
            .is_some_and(|i| self.agency[i])
    }

    /// Everything `text` declares. `paras` are its paragraphs (after any title) and `tokens`
    /// its words in order; `first_body` is the index of the first paragraph after the title.
    pub fn declared(
        &self,
        text: &str,
        paras: &[ByteSpan],
        tokens: &[Token],
        first_body: usize,
    ) -> Vec<Declaration> {
        let mut out = Vec::new();
        for (i, p) in paras.iter().enumerate().skip(first_body).take(3) {
            if let Some(d) = self.dateline(text, *p) {
                out.push(d);
                break;
            }
            if i > first_body && p.len() > 200 {
                break;
            }
        }
        for p in paras {
            self.credits(text, *p, &mut out);
        }
        let tail_from = paras.len().saturating_sub(8);
        for p in &paras[tail_from..] {
            self.source_link(text, *p, &mut out);
        }
        for p in paras {
            self.aggregator(text, *p, &mut out);
        }
        self.attributions(text, tokens, &mut out);
        out.sort_by_key(|d| (d.span.start, d.kind));
        for d in &mut out {
            let t = d.span.slice(text).unwrap_or("");
            d.text = t[..floor_char(t, MAX_DECL_TEXT)].to_string();
        }
        out
    }

    fn dateline(&self, text: &str, p: ByteSpan) -> Option<Declaration> {
        let para = p.slice(text)?;
        let head = &para[..floor_char(para, 160)];
        let open = head.find('(')?;
        let close = open + head[open..].find(')')?;
        let inside = head[open + 1..close].trim();
        let after = head[close + 1..].trim_start();
        let dash = ["—", "–", "--", "-", ":"]
            .iter()
            .find(|d| after.starts_with(**d))?;
        let words = inside.split_whitespace().count();
        if inside.is_empty()
            || words > 5
            || !inside.chars().next()?.is_uppercase()
            || inside.contains(',')
        {
            return None;
        }
        // The place before the parenthesis is short and capitalized.
        let place = head[..open].trim();
        if place.is_empty()
            || place.split_whitespace().count() > 8
            || !place.chars().next()?.is_uppercase()
        {
            return None;
        }
        let end = p.start as usize + (head.len() - after.len()) + dash.len();
        Some(Declaration {
            kind: DeclKind::Dateline,
            outlet: self.resolve(inside).unwrap_or(inside).to_string(),
            span: ByteSpan::new(p.start as usize, end),
            detail: None,
            text: String::new(),
        })
    }

    fn credits(&self, text: &str, p: ByteSpan, out: &mut Vec<Declaration>) {
        let Some(para) = p.slice(text) else { return };
        let base = p.start as usize;
        // Parenthesized credits: "(Photo by A B/Getty Images)", "(Brendan Hoffman/The New York Times)".
        let mut from = 0;
        while let Some(o) = para[from..].find('(') {
            let open = from + o;
            let Some(c) = para[open..].find(')') else {
                break;
            };
            let close = open + c;
            let inside = &para[open + 1..close];
            // A credit names a photographer and an agency ("A B/Agency") or says "Photo".
            let plausible = inside.len() <= 120
                && (inside.contains('/')
                    || inside.starts_with(['P', 'p', 'C', 'c', 'I', 'i'])
                    || inside.contains("Getty"));
            if plausible && let Some(outlet) = self.credit_outlet(inside) {
                out.push(Declaration {
                    kind: DeclKind::PhotoCredit,
                    outlet,
                    span: ByteSpan::new(base + open, base + close + 1),
                    detail: None,
                    text: String::new(),
                });
            }
            from = close + 1;
        }
        // A short line that is a credit: "Kenzaburo Fukuhara/Pool/Getty Images", "AP Photo/Jane Doe".
        if para.len() <= 160
            && para.contains('/')
            && !para.contains('(')
            && !para.contains("://")
            && para.split_whitespace().count() <= 8
        {
            if let Some(outlet) = self.credit_outlet(para) {
                out.push(Declaration {
                    kind: DeclKind::PhotoCredit,
                    outlet,
                    span: p,
                    detail: None,
                    text: String::new(),
                });
            }
        }
        for prefix in [
            "Photo:",
            "Photograph:",
            "Credit:",
            "Photo credit:",
            "Image:",
        ] {
            if let Some(rest) = para.strip_prefix(prefix)
                && let Some(outlet) = self.credit_outlet(rest)
            {
                out.push(Declaration {
                    kind: DeclKind::PhotoCredit,
                    outlet,
                    span: p,
                    detail: None,
                    text: String::new(),
                });
            }
        }
    }

    /// The outlet of a credit text: the slash-separated part naming a listed outlet (the last
    /// such), else the last part when it is capitalized and short.
    fn credit_outlet(&self, inside: &str) -> Option<String> {
        let trimmed = inside.trim();
        let lower = trimmed.to_ascii_lowercase();
        let prefixed = ["photo", "photos", "credit", "image", "photograph"]
            .iter()
            .any(|p| lower.starts_with(p));
        let inside = trimmed
            .trim_start_matches("Photo by ")
            .trim_start_matches("Photos by ");
        if !inside.contains('/') || inside.len() > 120 {
            // Without a slash, only "(Photo: Reuters)"-like text or a picture agency's name.
            let name = inside.split_once(':').map_or(inside, |x| x.1).trim();
            return match self.resolve(name) {
                Some(n) if self.is_agency(n) && (prefixed || n == "Getty Images") => {
                    Some(n.to_string())
                }
                _ => None,
            };
        }
        let parts: Vec<&str> = inside.split('/').map(str::trim).collect();
        if parts
            .iter()
            .any(|p| p.is_empty() || p.split_whitespace().count() > 6)
        {
            return None;
        }
        let mut best: Option<&str> = None;
        for part in &parts {
            // "Fukuhara-Pool" names the pool photographer; the outlet is the listed part.
            if let Some(n) = self.resolve(part) {
                if n != "Pool" || best.is_none() {
                    best = Some(n);
                }
            }
        }
        if let Some(b) = best {
            return Some(b.to_string());
        }
        None
    }

    fn source_link(&self, text: &str, p: ByteSpan, out: &mut Vec<Declaration>) {
        let Some(para) = p.slice(text) else { return };
        let trimmed = para.trim_start_matches(['(', '[', '<']);
        if trimmed.starts_with("http://") || trimmed.starts_with("https://") {
            let url: &str = trimmed.split(char::is_whitespace).next().unwrap_or(trimmed);
            let url = url.trim_end_matches([')', ']', '>', '.', ',']);
            if para.split_whitespace().count() <= 40
                && let Some(host) = crate::corpus::meta::url_host(url)
            {
                let outlet = self
                    .resolve_domain(&host)
                    .map(str::to_string)
                    .unwrap_or(host);
                out.push(Declaration {
                    kind: DeclKind::SourceLink,
                    outlet,
                    span: p,
                    detail: Some(url.to_string()),
                    text: String::new(),
                });
                return;
            }
        }
        // Cheap prefilter before lower-casing: every cue below contains one of these.
        let b = para.as_bytes();
        if !["ublish", "ppeared", "ource:", "OURCE:"]
            .iter()
            .any(|n| memchr::memmem::find(b, n.as_bytes()).is_some())
        {
            return;
        }
        let lower = para.to_ascii_lowercase();
        for cue in [
            "originally published at",
            "originally published by",
            "originally published on",
            "originally published in",
            "this article first appeared on",
            "this article first appeared in",
            "first published by",
            "first published on",
            "republished with permission from",
            "source:",
        ] {
            if let Some(pos) = lower.find(cue)
                && para.is_char_boundary(pos + cue.len())
            {
                let rest = para[pos + cue.len()..].trim();
                let name: String = rest
                    .split(['.', ',', ';', '\n'])
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
                    .take(6)
                    .collect::<Vec<_>>()
                    .join(" ");
                if name.is_empty() {
                    continue;
                }
                let outlet = if name.starts_with("http") {
                    crate::corpus::meta::url_host(&name)
                        .map(|h| self.resolve_domain(&h).map(str::to_string).unwrap_or(h))
                } else {
                    Some(self.resolve(&name).map(str::to_string).unwrap_or(name))
                };
                if let Some(outlet) = outlet {
                    out.push(Declaration {
                        kind: DeclKind::SourceLink,
                        outlet,
                        span: p,
                        detail: None,
                        text: String::new(),
                    });
                    return;
                }
            }
        }
    }

    fn aggregator(&self, text: &str, p: ByteSpan, out: &mut Vec<Declaration>) {
        let Some(para) = p.slice(text) else { return };
        if memchr::memmem::find(para.as_bytes(), b"ggregator").is_none() {
            return;
        }
        let lower = para.to_ascii_lowercase();
        let Some(pos) = [
            "is an automatic aggregator",
            "is an aggregator",
            "is a news aggregator",
        ]
        .iter()
        .find_map(|c| lower.find(c)) else {
            return;
        };
        let before = &para[..pos];
        let sentence_start = before.rfind(['.', '!', '?', '\n']).map_or(0, |i| i + 1);
        let subject = before[sentence_start..].trim();
        if subject.is_empty() || subject.split_whitespace().count() > 8 {
            return;
        }
        let contact = para
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .find(|w| w.contains('@') && w.contains('.'))
            .map(str::to_string);
        out.push(Declaration {
            kind: DeclKind::Aggregator,
            outlet: self.resolve(subject).unwrap_or(subject).to_string(),
            span: p,
            detail: contact,
            text: String::new(),
        });
    }

    fn attributions(&self, text: &str, tokens: &[Token], out: &mut Vec<Declaration>) {
        let covered: Vec<ByteSpan> = out.iter().map(|d| d.span).collect();
        let mut seen: Vec<u32> = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            let mut advanced = false;
            let bit = (tokens[i].hash & 0xffff) as usize;
            if self.first_filter[bit / 64] >> (bit % 64) & 1 == 0 {
                i += 1;
                continue;
            }
            if let Some(aliases) = self.by_first.get(&tokens[i].hash) {
                for a in aliases {
                    let n = a.words.len();
                    if i + n > tokens.len()
                        || tokens[i..i + n]
                            .iter()
                            .zip(&a.words)
                            .any(|(t, w)| t.hash != *w)
                    {
                        continue;
                    }
                    let (s, e) = (tokens[i].start, tokens[i + n - 1].end);
                    let raw = &text[s as usize..e as usize];
                    let inside = covered.iter().any(|c| c.start <= s && e <= c.end);
                    if inside
                        || self.credit_only[a.outlet as usize]
                        || !(a.pasted || capitals_match(raw, &a.written))
                    {
                        continue;
                    }
                    if !seen.contains(&a.outlet) {
                        seen.push(a.outlet);
                        out.push(Declaration {
                            kind: DeclKind::Attribution,
                            outlet: self.names[a.outlet as usize].clone(),
                            span: ByteSpan::new(s as usize, e as usize),
                            detail: None,
                            text: String::new(),
                        });
                    }
                    i += n;
                    advanced = true;
                    break;
                }
            }
            if !advanced {
                i += 1;
            }
        }
    }
}

/// True when `raw` is written like `alias`: the same capitals word by word (a leading "the"
/// may be lower case), or all in capitals.
fn capitals_match(raw: &str, alias: &str) -> bool {
    if raw.chars().any(char::is_alphabetic) && !raw.chars().any(char::is_lowercase) {
        return true;
    }
    let rw: Vec<&str> = raw
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let aw: Vec<&str> = alias
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    rw.len() == aw.len()
        && rw.iter().zip(&aw).enumerate().all(|(i, (r, a))| {
            let (rc, ac) = (r.chars().next(), a.chars().next());
            rc.map(char::is_uppercase) == ac.map(char::is_uppercase)
                || (i == 0 && a.eq_ignore_ascii_case("the"))
        })
}

/// The largest char boundary at or below `i`.
fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The words of `text` as tokens (used where no tokens were kept).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut buf = String::new();
    crate::normalize::for_each_word(text, |s, w| {
        crate::normalize::normalize_word(w, &mut buf);
        out.push(Token {
            start: s as u32,
            end: (s + w.len()) as u32,
            hash: hash_normalized(&buf),
        });
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn declared(text: &str) -> Vec<(DeclKind, String)> {
        let lex = OutletLexicon::builtin();
        let paras = crate::segment::segment(text, 0);
        let d = lex.declared(text, &paras, &tokens(text), 1);
        for x in &d {
            assert!(x.span.slice(text).is_some());
        }
        d.into_iter().map(|d| (d.kind, d.outlet)).collect()
    }

    #[test]
    fn datelines() {
        let d = declared(
            "Title\n\nHong Kong (CNN) — When Chinese President Xi Jinping hosts world leaders.",
        );
        assert_eq!(d, vec![(DeclKind::Dateline, "CNN".to_string())]);
        let d = declared("Title\n\nWASHINGTON (AP) - The Senate voted.\n");
        assert_eq!(
            d,
            vec![(DeclKind::Dateline, "Associated Press".to_string())]
        );
        let d = declared("Title\n\nLONDON, March 3 (Reuters) - Shares fell.\n");
        assert_eq!(d, vec![(DeclKind::Dateline, "Reuters".to_string())]);
        assert!(declared("Title\n\nThe minister (who spoke briefly) - left.\n").is_empty());
    }

    #[test]
    fn credits() {
        let d = declared("T\n\nSoldiers patrol in Avdiika. (Brendan Hoffman/The New York Times)\n");
        assert_eq!(
            d,
            vec![(DeclKind::PhotoCredit, "The New York Times".to_string())]
        );
        let d = declared("T\n\nKenzaburo Fukuhara/Pool/Getty Images\n");
        assert_eq!(d, vec![(DeclKind::PhotoCredit, "Getty Images".to_string())]);
        let d = declared("T\n\nA photo. (Photo by Kenzaburo Fukuhara-Pool/Getty Images)\n");
        assert_eq!(d, vec![(DeclKind::PhotoCredit, "Getty Images".to_string())]);
    }

    #[test]
    fn source_links_and_aggregators() {
        let t = "T\n\nBody.\n\nhttps://www.newsweek.com/putin-xi-1767033 Putin and Xi\n\nWorld Time Todays is an automatic aggregator of the all world’s media. Contact us by email – admin@worldtimetodays.com.\n";
        let lex = OutletLexicon::builtin();
        let paras = crate::segment::segment(t, 0);
        let d = lex.declared(t, &paras, &tokens(t), 1);
        assert_eq!(d[0].kind, DeclKind::SourceLink);
        assert_eq!(d[0].outlet, "Newsweek");
        assert_eq!(d[1].kind, DeclKind::Aggregator);
        assert_eq!(d[1].outlet, "World Time Todays");
        assert_eq!(d[1].detail.as_deref(), Some("admin@worldtimetodays.com"));
    }

    #[test]
    fn attributions_need_capitals_unless_pasted() {
        let d = declared(
            "T\n\nPeskov told the Russian Tass news service on Tuesday, according to Reuters.\n",
        );
        assert_eq!(
            d,
            vec![
                (DeclKind::Attribution, "TASS".into()),
                (DeclKind::Attribution, "Reuters".into())
            ]
        );
        assert!(declared("T\n\nThey climbed the hill and met the pool of reporters.\n").is_empty());
        let d = declared("T\n\nsaid a professor at Oxford University news week.\n");
        assert_eq!(d, vec![(DeclKind::Attribution, "Newsweek".into())]);
    }
}
