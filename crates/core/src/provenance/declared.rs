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

use super::{DeclKind, Declaration, OutletLexicon};
use crate::model::ByteSpan;

/// Longest paragraph prefix searched for a dateline, in bytes.
const DATELINE_HEAD: usize = 200;
/// Longest parenthesized text taken for a credit, in bytes.
const MAX_PAREN: usize = 160;
/// Most words in a credited name.
const MAX_NAME_WORDS: usize = 8;

/// Dashes that close a dateline.
const DASHES: [&str; 7] = [".-", "—", "–", "―", "--", "-", "−"];

/// Words that open a line but never name a place (web furniture before a dash or colon).
const NOT_PLACES: [&str; 37] = [
    "update",
    "updated",
    "breaking",
    "editor",
    "editors",
    "note",
    "watch",
    "video",
    "videos",
    "photos",
    "photo",
    "gallery",
    "audio",
    "podcast",
    "opinion",
    "analysis",
    "exclusive",
    "live",
    "advertisement",
    "warning",
    "correction",
    "related",
    "read",
    "listen",
    "sponsored",
    "source",
    "disclaimer",
    "disclosure",
    "spoiler",
    "dear",
    "question",
    "answer",
    "summary",
    "background",
    "tip",
    "alert",
    "attention",
];

/// Credit keywords, lower case, each followed in the text by `:`, `by`, `de`, `di`, `von`,
/// `copyright`, `courtesy` or `=`. Longest first so that "photo credit" wins over "photo".
const CREDIT_WORDS: [&str; 34] = [
    "main image credit",
    "image copyright",
    "photo copyright",
    "picture copyright",
    "image credit",
    "photo credit",
    "image courtesy",
    "photo courtesy",
    "crédit photo",
    "bildquelle",
    "photograph",
    "créditos",
    "crédito",
    "crédits",
    "crédit",
    "credits",
    "credit",
    "courtesy",
    "picture",
    "immagine",
    "imagem",
    "imagen",
    "gambar",
    "photos",
    "photo",
    "fotos",
    "foto",
    "image",
    "bild",
    "фото",
    "ảnh",
    "사진",
    "写真",
    "pic",
];

/// What may follow a credit keyword before the credited name.
const CREDIT_JOINS: [&str; 10] = [
    ":", " :", "=", " by ", " de ", " di ", " von ", " par ", " oleh ", " ©",
];

/// What may follow a credit keyword: `copyright` and `courtesy` also take a space or "of".
fn credit_join(keyword: &str, rest: &str) -> Option<usize> {
    if let Some(j) = CREDIT_JOINS.iter().find(|j| rest.starts_with(**j)) {
        return Some(j.len());
    }
    if keyword.ends_with("copyright") || keyword.ends_with("courtesy") {
        if rest.starts_with(" of ") {
            return Some(4);
        }
        if rest.starts_with(' ') {
            return Some(1);
        }
    }
    None
}

/// Words opening a parenthesized wire credit (`(Reporting by …`), lower case.
const REPORTING_WORDS: [&str; 22] = [
    "reporting",
    "additional reporting",
    "writing",
    "editing",
    "compiled",
    "reported",
    "written",
    "edited",
    "reportagem",
    "reportaje",
    "reporte",
    "reportage",
    "redacción",
    "redação",
    "edición",
    "edição",
    "bericht",
    "berichterstattung",
    "redigiert",
    "reporter",
    "репортаж",
    "редактор",
];

/// Phrases of a contributor line, lower case.
const CONTRIBUTED: [&str; 9] = [
    "contributed to this report",
    "contributed to this story",
    "contributed to this article",
    "contributed reporting",
    "contributed to the report",
    "additional reporting by",
    "trug zu diesem bericht bei",
    "contribuiu para esta reportagem",
    "contribuyó a este informe",
];

/// Words that open a "with wires" line, lower case.
const WITH_WORDS: [&str; 7] = ["with", "com", "con", "avec", "mit", "dengan", "с"];

/// Words that make a "with …" line a wire credit, lower case.
const WIRE_WORDS: [&str; 14] = [
    "wire",
    "wires",
    "agencies",
    "agency",
    "inputs",
    "files",
    "agências",
    "agencias",
    "agences",
    "agenturen",
    "agenzie",
    "material",
    "informação",
    "información",
];

/// Statements that the text was first published elsewhere, lower case.
const FIRST_PUBLISHED: [&str; 24] = [
    "originally published",
    "originally appeared",
    "first published",
    "first appeared",
    "republished from",
    "republished with permission",
    "reprinted with permission",
    "reprinted from",
    "read the original article",
    "this article is from",
    "this story is from",
    "publicado originalmente",
    "publicada originalmente",
    "originalmente publicad",
    "foi publicado",
    "publié initialement",
    "initialement publié",
    "paru initialement",
    "erschien zuerst",
    "zuerst erschienen",
    "pubblicato originariamente",
    "originariamente pubblicato",
    "впервые опубликован",
    "pertama kali diterbitkan",
];

/// Words naming a piece of writing, the subject of a first-publication statement.
const WORK_WORDS: [&str; 22] = [
    "article",
    "story",
    "post",
    "piece",
    "report",
    "column",
    "essay",
    "version",
    "it",
    "artigo",
    "artículo",
    "artikel",
    "articolo",
    "matéria",
    "reportagem",
    "nota",
    "texto",
    "beitrag",
    "статья",
    "материал",
    "tulisan",
    "berita",
];

/// Words pointing at this very piece, lower case.
const THIS_WORDS: [&str; 20] = [
    "this", "este", "esta", "esto", "cet", "cette", "ce", "dieser", "diese", "dieses", "questo",
    "questa", "этот", "эта", "этa", "ini", "deze", "dit", "ten", "ta",
];

/// Statements of a republisher that adapts or aggregates others' articles, lower case.
const AGGREGATED: [&str; 10] = [
    "adapted from its original source",
    "is an automatic aggregator",
    "is an aggregator",
    "is a news aggregator",
    "auto-generated from a syndicated feed",
    "published from a wire agency feed",
    "auto-aggregated",
    "automatically aggregated",
    "automatically generated from",
    "sourced through an automated feed",
];

/// Prefixes of a sign-off line that only names its source (`Source: Reuters`), lower case.
const SOURCE_PREFIXES: [&str; 14] = [
    "source:",
    "sources:",
    "fonte:",
    "fontes:",
    "fuente:",
    "fuentes:",
    "quelle:",
    "source :",
    "sumber:",
    "источник:",
    "fonti:",
    "by",
    "via",
    "por",
];

impl OutletLexicon {
    /// What a paragraph list declares, in the order found; `first_body` is the first
    /// paragraph after any title.
    pub(super) fn declared_shapes(
        &self,
        text: &str,
        paras: &[ByteSpan],
        first_body: usize,
        out: &mut Vec<Declaration>,
    ) {
        // After a long paragraph (a caption, or the body already begun) only a dateline in
        // capitals or naming an outlet is taken.
        let mut strong_only = false;
        for p in paras.iter().skip(first_body).take(4) {
            let Some(para) = p.slice(text) else { continue };
            if let Some((end, outlet)) = self.dateline_at(para)
                && (!strong_only || !outlet.is_empty() || first_word_caps(para))
            {
                push(out, DeclKind::Dateline, outlet, *p, 0, end);
                break;
            }
            strong_only |= para.len() > 200;
        }
        for (i, p) in paras.iter().enumerate() {
            let Some(para) = p.slice(text) else { continue };
            let next = paras.get(i + 1).and_then(|n| n.slice(text));
            let before = out.len();
            let phrases = phrase_groups(para);
            self.attribution_line(para, phrases, *p, out);
            self.aggregated(para, phrases, *p, out);
            if out.len() == before {
                self.credits_in(para, phrases, *p, out);
            }
            if i > first_body {
                self.maker_credit(para, next, paras, text, *p, out);
            }
            self.bracketed_source(para, *p, out);
        }
    }

    /// The end (in bytes from the paragraph start) and outlet of a dateline opening `para`.
    pub(super) fn dateline_at(&self, para: &str) -> Option<(usize, String)> {
        let head = &para[..floor_char(para, DATELINE_HEAD)];
        if let Some(rest) = head.strip_prefix('(') {
            // "(CNN) …", "(Reuters) — …", "(서울=연합뉴스) …"
            let close = rest.find(')')?;
            let inside = rest[..close].trim();
            let name = inside.rsplit_once('=').map_or(inside, |x| x.1).trim();
            let after = 1 + close + 1;
            let dash = dash_after(&head[after..]);
            let known = self.resolve_prefix(name);
            if known.is_none() && (dash.is_none() || !name_like(name, 4)) {
                return None;
            }
            let outlet = known.unwrap_or(name).to_string();
            return Some((after + dash.unwrap_or(0), outlet));
        }
        // The place: comma-separated segments before "(", a dash, a colon or "/AGENCY/".
        let mut pos = 0;
        let mut segments = 0;
        let mut first_caps = false;
        let mut own: Option<&str> = None;
        loop {
            let rest = &head[pos..];
            let seg_len = rest
                .find([',', '(', ':', '/', '—', '–', '―', '\n'])
                .map_or(rest.len(), |i| i);
            // A hyphen dash is " - ", a word's hyphen is not.
            let (seg_len, hyphen) = match rest[..seg_len].find(" -") {
                Some(h) => (h, true),
                None => (seg_len, false),
            };
            let seg = rest[..seg_len].trim();
            let seg = seg.trim_end_matches('.').trim_end();
            // An outlet's own name as dateline: "PanARMENIAN.Net -", "Liputan6.com, Jakarta -".
            if segments == 0 && domainish(seg) {
                own = Some(seg);
            } else if !place_segment(seg, segments == 0) {
                return None;
            }
            if segments == 0 {
                first_caps = is_caps(seg);
                let first = seg.split_whitespace().next().unwrap_or("");
                if NOT_PLACES.contains(&first.to_lowercase().trim_end_matches('\'')) {
                    return None;
                }
            }
            segments += 1;
            pos += seg_len;
            let tail = &head[pos..];
            let t = tail.trim_start();
            let ws = tail.len() - t.len();
            if hyphen || t.starts_with(['—', '–', '―']) || t.starts_with("--") {
                // Place-only: capitals take any dash, title case a long one.
                let d = dash_after(tail)?;
                let long = !t.starts_with('-') || t.starts_with("--");
                let named = own.or_else(|| self.resolve(seg).filter(|_| segments == 1));
                return (first_caps || long || named.is_some()).then(|| {
                    let outlet = named.map(|n| self.resolve(n).unwrap_or(n)).unwrap_or("");
                    (pos + d, outlet.to_string())
                });
            }
            if let Some(after) = t.strip_prefix('(') {
                let close = after.find(')')?;
                let inside = after[..close].trim();
                let known = self.resolve_prefix(inside);
                let end = pos + ws + 1 + close + 1;
                let dash = dash_after(&head[end..]);
                if known.is_none() && (dash.is_none() || !name_like(inside, 5)) {
                    return None;
                }
                return Some((end + dash.unwrap_or(0), known.unwrap_or(inside).to_string()));
            }
            if let Some(after) = t.strip_prefix('/')
                && head[..pos]
                    .trim_end()
                    .ends_with(|c: char| c.is_ascii_digit() || c == '.')
            {
                // After a date: "MOSCOW, November 20. /TASS/.", "…, 2023 /PRNewswire/ --".
                let close = after.find('/')?;
                let name = &after[..close];
                let known = self.resolve(name)?;
                let end = pos + ws + 1 + close + 1;
                let end = end + usize::from(head[end..].starts_with('.'));
                return Some((end, known.to_string()));
            }
            if let Some(after) = t.strip_prefix(':') {
                // "NEW DELHI:", "Washington, DC, United States:" — not "Nota:".
                let ok = after.starts_with(char::is_whitespace)
                    && (first_caps || segments >= 2)
                    && (segments >= 2 || seg.chars().filter(|c| c.is_alphabetic()).count() >= 4);
                return ok.then_some((pos + ws + 1, String::new()));
            }
            if let Some(after) = t.strip_prefix(',') {
                if segments >= 4 {
                    return None;
                }
                pos += ws + 1 + (after.len() - after.trim_start().len());
                continue;
            }
            return None;
        }
    }

    /// The canonical name of `name`, or of its first words ("CNN Business" → CNN).
    fn resolve_prefix<'a>(&'a self, name: &str) -> Option<&'a str> {
        let words: Vec<&str> = name.split_whitespace().collect();
        (1..=words.len().min(5))
            .rev()
            .find_map(|n| self.resolve(&words[..n].join(" ")))
    }

    /// The outlet named by a credit: the last part (split at `/`, `,`, ` - `, ` via `) that
    /// is a listed outlet, or "" when none is.
    fn credited_outlet(&self, credit: &str) -> String {
        let mut best = "";
        for part in credit.split(['/', ',', ';', '|']) {
            for piece in part.split(" - ").flat_map(|x| x.split(" via ")) {
                let piece = piece.trim().trim_matches(['.', '(', ')', '©']).trim();
                if let Some(n) = self
                    .resolve_prefix(piece)
                    .or_else(|| self.resolve_suffix(piece))
                    && (n != "Pool" || best.is_empty())
                {
                    best = n;
                }
            }
        }
        best.to_string()
    }

    /// The canonical name of the last words of `name` ("Hau Dinh AP" → Associated Press).
    fn resolve_suffix<'a>(&'a self, name: &str) -> Option<&'a str> {
        let words: Vec<&str> = name.split_whitespace().collect();
        (0..words.len())
            .filter(|&s| words.len() - s <= 4)
            .find_map(|s| self.resolve(&words[s..].join(" ")))
    }

    /// Photo credits anywhere in a paragraph.
    fn credits_in(&self, para: &str, phrases: u8, p: ByteSpan, out: &mut Vec<Declaration>) {
        let mut covered: Vec<(usize, usize)> = Vec::new();
        // Parenthesized credits.
        let mut from = 0;
        while let Some(o) = para[from..].find('(') {
            let open = from + o;
            let Some(c) = para[open..].find(')') else {
                break;
            };
            let close = open + c;
            from = close + 1;
            let inside = &para[open + 1..close];
            if inside.len() > MAX_PAREN || inside.trim().is_empty() {
                continue;
            }
            let at_end = para[close + 1..].trim().is_empty();
            let before = para[..open].trim_end();
            if let Some(outlet) = self.paren_credit(inside, at_end, before) {
                covered.push((open, close + 1));
                push(out, DeclKind::PhotoCredit, outlet, p, open, close + 1);
            }
        }
        // Keyword credits: "Photo: Hau Dinh, AP", "Image copyright EPA", "Foto: dpa".
        let lower = if phrases & CREDIT_WORD != 0 {
            para.to_lowercase()
        } else {
            String::new()
        };
        if !lower.is_empty() && lower.len() == para.len() {
            let mut at = 0;
            while at < lower.len() {
                let Some((kw_start, kw_end)) = next_credit_word(&lower, at) else {
                    break;
                };
                at = kw_end;
                if covered.iter().any(|&(s, e)| s <= kw_start && kw_start < e) {
                    continue;
                }
                // "FILE PHOTO:" labels an archive picture; the credit follows the caption.
                if lower[..kw_start].trim_end().ends_with("file") {
                    continue;
                }
                let Some(join) = credit_join(&lower[kw_start..kw_end], &lower[kw_end..]) else {
                    continue;
                };
                let name_from = kw_end + join;
                let name_end = name_run(para, name_from);
                if name_end <= name_from {
                    continue;
                }
                // "Image: Jose Mourinho, left, has replaced …" is a caption, not a credit.
                let follows = para[name_end..].trim_start_matches([',', ' ']);
                if para[name_end..].starts_with(',')
                    && follows.chars().next().is_some_and(char::is_lowercase)
                {
                    continue;
                }
                let name = &para[name_from..name_end];
                covered.push((kw_start, name_end));
                push(
                    out,
                    DeclKind::PhotoCredit,
                    self.credited_outlet(name),
                    p,
                    kw_start,
                    name_end,
                );
                at = name_end;
            }
        }
        // Slash credits: "REUTERS/Brendan McDermid", "Jason Cipriani/ZDNet".
        let mut from = 0;
        while let Some(s) = para[from..].find('/') {
            let slash = from + s;
            from = slash + 1;
            if covered.iter().any(|&(s, e)| s <= slash && slash < e) {
                continue;
            }
            if let Some((s, e)) = self.slash_credit(para, slash) {
                covered.push((s, e));
                let outlet = self.credited_outlet(&para[s..e]);
                push(out, DeclKind::PhotoCredit, outlet, p, s, e);
                from = e;
            }
        }
        // "© John Brecher …", "photos © Inexhibit, 2018".
        if let Some(c) = para.find('©')
            && !covered.iter().any(|&(s, e)| s <= c && c < e)
        {
            let name_from = c + '©'.len_utf8();
            let name_end = name_run(para, name_from);
            if name_end > name_from {
                let name = &para[name_from..name_end];
                let outlet = self.credited_outlet(name);
                push(out, DeclKind::PhotoCredit, outlet, p, c, name_end);
                covered.push((c, name_end));
            }
        }
        merge_adjacent(para, p, out);
        drop_repeats(para, p, out);
        // A photo agency's name alone: "Getty Images", "Shutterstock".
        if covered.is_empty()
            && let Some(n) = self.resolve(para.trim().trim_end_matches('.'))
            && self.is_photo(n)
        {
            push(out, DeclKind::PhotoCredit, n.to_string(), p, 0, para.len());
        }
    }

    /// The outlet of a parenthesized credit, if `inside` is one.
    fn paren_credit(&self, inside: &str, at_end: bool, before: &str) -> Option<String> {
        let t = inside.trim();
        let lower = t.to_lowercase();
        // "(Photo: Getty Images)", "(Image credit: Blue Origin)", "(credit: NASA/Jude Guidry)"
        if lower.len() == t.len()
            && let Some((s, e)) = next_credit_word(&lower, 0)
            && s == 0
            && (credit_join(&lower[..e], &lower[e..]).is_some()
                || CREDIT_JOINS
                    .iter()
                    .any(|j| lower[e..].starts_with(j.trim_end())))
        {
            return Some(self.credited_outlet(&t[e..]));
        }
        // "(AP Photo/Gene J. Puskar)", "(Joshua Roberts/Reuters)", "(NASA/JPL-Caltech/ASU)"
        if t.contains('/') && !t.contains("://") {
            let parts: Vec<&str> = t.split('/').map(str::trim).collect();
            let shaped = parts.len() <= 5
                && parts
                    .iter()
                    .all(|x| name_like(x, 6) && !x.chars().all(|c| c.is_ascii_digit()));
            let outlet = self.credited_outlet(t);
            if shaped && (!outlet.is_empty() || at_end || t.contains("Photo")) {
                return Some(outlet);
            }
            return None;
        }
        // A listed photo agency anywhere: "(Getty Images)".
        if let Some(n) = self.resolve(t)
            && (self.is_photo(n) || (at_end && self.is_agency(n)))
        {
            return Some(n.to_string());
        }
        // A name closing a caption that has no closing stop: "… service (Walt Disney Co.)".
        let words = t.split_whitespace().count();
        if at_end
            && (2..=5).contains(&words)
            && name_like(t, 5)
            && before.split_whitespace().count() >= 4
            && !before.ends_with(['.', '!', '?', ':', ';', ','])
            && lower_share(before) >= 0.4
        {
            return Some(self.resolve(t).unwrap_or("").to_string());
        }
        None
    }

    /// The range of a slash credit around `para[slash]`, if it is one.
    fn slash_credit(&self, para: &str, slash: usize) -> Option<(usize, usize)> {
        let left = &para[..slash];
        if left.ends_with(char::is_whitespace) && para[slash + 1..].starts_with(' ') {
            return None;
        }
        // Left: up to 4 name words back to the line start or a sentence end.
        let mut start = slash;
        let mut words = 0;
        for w in left.rsplit(' ') {
            if w.is_empty() || !name_word(w) || words == 4 || w.ends_with([':', ',', ';']) {
                break;
            }
            start -= w.len();
            words += 1;
            if start == 0 {
                break;
            }
            start -= 1;
        }
        if words == 0 {
            return None;
        }
        if para.as_bytes()[start] == b' ' {
            start += 1;
        }
        let lead = para[..start].trim_end();
        let opens_line = lead.is_empty() || lead.ends_with(['.', '!', '?', ')', '|']);
        let end = name_run(para, slash + 1);
        if end <= slash + 1 {
            return None;
        }
        let credit = &para[start..end];
        if credit.contains("://") || credit.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let outlet = self.credited_outlet(credit);
        let closes_line = para[end..].trim().is_empty();
        let caps_part = credit.split('/').any(|x| {
            is_caps(x.trim()) && x.trim().chars().filter(|c| c.is_alphabetic()).count() >= 2
        });
        let whole = lead.is_empty() && closes_line && credit.split('/').count() <= 3;
        if opens_line && (whole || !outlet.is_empty() || (caps_part && closes_line)) {
            Some((start, end))
        } else {
            None
        }
    }

    /// Wire credit lines, contributor lines, wire names alone, "© Reuters", first-publication
    /// statements.
    fn attribution_line(&self, para: &str, phrases: u8, p: ByteSpan, out: &mut Vec<Declaration>) {
        let t = para.trim();
        if t.len() > 400 || cannot_attribute(t, phrases) {
            return;
        }
        let lower = t.to_lowercase();
        let off = para.len() - para.trim_start().len();
        let whole = |out: &mut Vec<Declaration>, outlet: String| {
            push(out, DeclKind::Attribution, outlet, p, off, off + t.len());
        };
        // "(Reporting by …; Editing by …)", "(Reportagem de …)"
        if let Some(inner) = lower.strip_prefix('(') {
            for w in REPORTING_WORDS {
                if let Some(rest) = inner.strip_prefix(w)
                    && [" by ", " de ", " von ", " di ", ": ", " and ", " y ", " e "]
                        .iter()
                        .any(|j| rest.starts_with(j))
                {
                    let close = t.find(')').map_or(t.len(), |c| c + 1);
                    push(
                        out,
                        DeclKind::Attribution,
                        String::new(),
                        p,
                        off,
                        off + close,
                    );
                    return;
                }
            }
        }
        if REPORTING_WORDS.iter().any(|w| {
            lower
                .strip_prefix(w)
                .is_some_and(|rest| rest.starts_with(" by "))
        }) && t.contains(';')
        {
            whole(out, String::new());
            return;
        }
        // A contributor line declares provenance when a wire or "wires" contributed; a
        // colleague's name alone is a byline, not a source.
        if (phrases & CONTRIBUTED_PHRASE != 0 && CONTRIBUTED.iter().any(|c| lower.contains(c)))
            || lower.starts_with("contributing:")
        {
            let outlet = self.credited_outlet_in_text(t);
            let wire = self.is_agency(&outlet)
                || lower
                    .split(|c: char| !c.is_alphanumeric())
                    .any(|w| WIRE_WORDS.contains(&w));
            if wire {
                whole(out, outlet);
            }
            return;
        }
        let words: Vec<&str> = lower.split_whitespace().collect();
        // "With Post wires", "(With inputs from PTI)", "Com agências", "Mit Material von dpa"
        let bare = lower.trim_matches(['(', ')', '—', '–', '-', ' ', '.']);
        let first = bare.split_whitespace().next().unwrap_or("");
        if words.len() <= 10
            && WITH_WORDS.contains(&first)
            && (bare
                .split(|c: char| !c.is_alphanumeric())
                .any(|w| WIRE_WORDS.contains(&w))
                || !self.credited_outlet_in_text(t).is_empty())
        {
            whole(out, self.credited_outlet_in_text(t));
            return;
        }
        // "© Reuters", "© 2019 AFP" alone: the wire's sign-off.
        if let Some(rest) = t.strip_prefix('©') {
            let name: String = rest
                .split_whitespace()
                .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
                .collect::<Vec<_>>()
                .join(" ");
            if let Some(n) = self.resolve(name.trim_end_matches('.'))
                && self.is_agency(n)
                && !self.is_photo(n)
            {
                whole(out, n.to_string());
                return;
            }
        }
        // A wire's name alone, or after "Source:" / "—": "The Associated Press", "— AFP".
        let mut name = t.trim_matches(NAME_TRIM);
        let nl = name.to_lowercase();
        for pre in SOURCE_PREFIXES {
            if nl.starts_with(pre) && nl.len() > pre.len() && name.is_char_boundary(pre.len()) {
                let rest = &name[pre.len()..];
                if pre.ends_with(':') || rest.starts_with(' ') {
                    name = rest.trim();
                    break;
                }
            }
        }
        if !name.is_empty() && name.split_whitespace().count() <= 8 {
            let parts: Vec<&str> = name
                .split(['/', ',', '&'])
                .flat_map(|x| x.split(" and "))
                .map(str::trim)
                .filter(|x| !x.is_empty())
                .collect();
            let resolved: Vec<&str> = parts.iter().filter_map(|x| self.resolve(x)).collect();
            // Author codes after a wire ("dpa/ber") are short lower-case tags.
            let rest_tags = parts
                .iter()
                .filter(|x| self.resolve(x).is_none())
                .all(|x| x.len() <= 4 && x.chars().all(|c| c.is_lowercase()));
            let named_source = nl.starts_with("source") || nl.starts_with("fonte");
            if !resolved.is_empty()
                && rest_tags
                && resolved
                    .iter()
                    .all(|n| (self.is_agency(n) && !self.is_photo(n)) || named_source)
            {
                whole(out, resolved[0].to_string());
                return;
            }
        }
        // "This article was originally published by Futurism."
        if phrases & FIRST_PUBLISHED_PHRASE != 0
            && let Some(pos) = FIRST_PUBLISHED.iter().find_map(|c| lower.find(c))
        {
            // Only statements, not reporting: the line is short or the phrase opens a sentence.
            // "This article was …", "A version of this story …", "Este artigo foi …": the
            // subject is this very piece, not some other report.
            let subject = lower[..pos]
                .trim_end()
                .rsplit(['.', '!', '?'])
                .next()
                .unwrap_or("");
            let sw: Vec<&str> = subject
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect();
            let opens = sw.is_empty()
                || (sw.len() <= 6
                    && sw.iter().any(|w| WORK_WORDS.contains(w))
                    && sw.iter().any(|w| THIS_WORDS.contains(w)));
            if opens && (words.len() <= 40) {
                let name = after_cue(t, pos);
                let outlet = self.resolve_prefix(name).unwrap_or(name);
                whole(out, outlet.to_string());
            }
        }
    }

    /// The last listed outlet named anywhere in a short text, or "".
    fn credited_outlet_in_text(&self, t: &str) -> String {
        let words: Vec<&str> = t
            .split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '(' || c == ')')
            .filter(|w| !w.is_empty())
            .collect();
        let mut best = "";
        let mut i = 0;
        while i < words.len() {
            let mut step = 1;
            for n in (1..=4.min(words.len() - i)).rev() {
                let cand = words[i..i + n].join(" ");
                let cand = cand.trim_end_matches('.');
                // Capitalized, or a short agency code written in lower case ("dpa").
                if let Some(o) = self.resolve(cand)
                    && (cand.chars().next().is_some_and(|c| !c.is_lowercase()) || cand.len() <= 4)
                {
                    best = o;
                    step = n;
                    break;
                }
            }
            i += step;
        }
        best.to_string()
    }

    /// A republisher's statement that it adapts or aggregates others' articles.
    fn aggregated(&self, para: &str, phrases: u8, p: ByteSpan, out: &mut Vec<Declaration>) {
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

    /// "… It's Complicated [Bloomberg]": a bracketed name closing a line.
    fn bracketed_source(&self, para: &str, p: ByteSpan, out: &mut Vec<Declaration>) {
        let t = para.trim_end();
        let Some(body) = t.strip_suffix(']') else {
            return;
        };
        let Some(open) = body.rfind('[') else { return };
        let name = &body[open + 1..];
        let first = name.split_whitespace().next().unwrap_or("").to_lowercase();
        if name.is_empty()
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

    /// In a product list, the maker's name alone above each item ("Sonos" over "Sonos Move
    /// for $400") credits the item's picture to the maker. Taken only when the article does
    /// it at least twice.
    fn maker_credit(
        &self,
        para: &str,
        next: Option<&str>,
        paras: &[ByteSpan],
        text: &str,
        p: ByteSpan,
        out: &mut Vec<Declaration>,
    ) {
        if !maker_line(para, next) {
            return;
        }
        let mut n = 0;
        for w in paras.windows(2) {
            if let (Some(a), Some(b)) = (w[0].slice(text), w[1].slice(text))
                && maker_line(a, Some(b))
            {
                n += 1;
                if n >= 2 {
                    break;
                }
            }
        }
        if n >= 2 {
            let outlet = self.resolve(para.trim()).unwrap_or("").to_string();
            push(out, DeclKind::PhotoCredit, outlet, p, 0, para.len());
        }
    }

    /// Whether the outlet (canonical name) is a photo agency.
    fn is_photo(&self, canonical: &str) -> bool {
        self.names
            .iter()
            .position(|n| n == canonical)
            .is_some_and(|i| self.photo[i])
    }
}

/// Whether `para` is a maker's name alone (1–3 name words, no sentence) over a short line
/// opening with the same word.
fn maker_line(para: &str, next: Option<&str>) -> bool {
    let t = para.trim();
    let Some(next) = next else { return false };
    if t.len() > 40 {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.is_empty() || words.len() > 3 || t.len() > 40 || !name_like(t, 3) {
        return false;
    }
    let first = words[0].trim_end_matches([',', '.']);
    let nwords: Vec<&str> = next.split_whitespace().collect();
    nwords.len() >= 2
        && nwords.len() <= 15
        && nwords[0].trim_end_matches([',', '.', ':']) == first
        && next.trim() != t
}

/// Joins photo credits of one paragraph that follow each other with only spaces between
/// (a gallery repeats "Photo: A, AP Photo: A, AP"): one credit, one declaration.
fn merge_adjacent(para: &str, p: ByteSpan, out: &mut Vec<Declaration>) {
    let base = p.start as usize;
    let mut i = 1;
    while i < out.len() {
        let (a, b) = (&out[i - 1], &out[i]);
        let joined = a.kind == DeclKind::PhotoCredit
            && b.kind == DeclKind::PhotoCredit
            && p.start <= a.span.start
            && b.span.end <= p.end
            && a.span.end <= b.span.start
            && para
                .get(a.span.end as usize - base..b.span.start as usize - base)
                .is_some_and(|gap| gap.trim().is_empty());
        if joined {
            let end = out[i].span.end as usize;
            let outlet = std::mem::take(&mut out[i].outlet);
            out.remove(i);
            let prev = &mut out[i - 1];
            prev.span = ByteSpan::new(prev.span.start as usize, end);
            if prev.outlet.is_empty() {
                prev.outlet = outlet;
            }
        } else {
            i += 1;
        }
    }
}

/// Drops a photo credit of a paragraph that names everyone an earlier credit of the same
/// paragraph names (a gallery repeats the caption and its credit further on, sometimes with
/// the agency added).
fn drop_repeats(para: &str, p: ByteSpan, out: &mut Vec<Declaration>) {
    let base = p.start as usize;
    let text_of = |d: &Declaration| {
        para.get(d.span.start as usize - base..d.span.end as usize - base)
            .unwrap_or("")
    };
    let names = |t: &str| -> Vec<String> {
        t.split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase))
            .filter(|w| next_credit_word(&w.to_lowercase(), 0).is_none())
            .map(str::to_string)
            .collect()
    };
    let here: Vec<usize> = (0..out.len())
        .filter(|&i| {
            out[i].kind == DeclKind::PhotoCredit
                && p.start <= out[i].span.start
                && out[i].span.end <= p.end
        })
        .collect();
    let mut drop = Vec::new();
    for (k, &i) in here.iter().enumerate() {
        let mine = names(text_of(&out[i]));
        if mine.is_empty() {
            continue;
        }
        if here[..k].iter().any(|&j| {
            let theirs = names(text_of(&out[j]));
            !theirs.is_empty() && theirs.iter().all(|n| mine.contains(n))
        }) {
            drop.push(i);
        }
    }
    for i in drop.into_iter().rev() {
        out.remove(i);
    }
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

/// The length of the dash (with surrounding spaces) opening `s`, if one does.
fn dash_after(s: &str) -> Option<usize> {
    let t = s.trim_start_matches([' ', '\u{a0}', '\t']);
    let ws = s.len() - t.len();
    let d = DASHES.iter().find(|d| t.starts_with(**d))?;
    let rest = &t[d.len()..];
    // "(AP) -" then a word: a hyphen must stand apart ("(AP)-style" is not a dateline).
    if *d == "-" && !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    Some(ws + d.len())
}

/// Whether a place segment fits a dateline: the first is capitals or title case (1–4 words),
/// later ones are title case, abbreviations or a date (1–4 words).
fn place_segment(seg: &str, first: bool) -> bool {
    let words: Vec<&str> = seg.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    if seg
        .chars()
        .any(|c| matches!(c, '"' | '“' | '”' | '?' | '!' | ';' | '\'' | '’'))
    {
        return false;
    }
    let has_digit = seg.chars().any(|c| c.is_ascii_digit());
    if first {
        if has_digit || seg.chars().filter(|c| c.is_alphabetic()).count() < 3 {
            return false;
        }
        return words
            .iter()
            .enumerate()
            .all(|(i, w)| starts_upper(w) || (i > 0 && i + 1 < words.len() && connector(w)));
    }
    has_digit && words.len() <= 4 || words.iter().all(|w| starts_upper(w) || connector(w))
}

/// Whether a word is a site name with its domain ending ("Rappler.com", "TEMPO.CO").
fn domainish(seg: &str) -> bool {
    !seg.contains(char::is_whitespace)
        && seg.rsplit_once('.').is_some_and(|(name, tld)| {
            name.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && (2..=4).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
}

/// Whether the first word of `s` (up to a space or comma) is in capitals.
fn first_word_caps(s: &str) -> bool {
    is_caps(s.split([' ', ',']).next().unwrap_or(""))
}

/// Share of the words of `s` that start with a lower-case letter.
fn lower_share(s: &str) -> f32 {
    let words: Vec<&str> = s.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    lower as f32 / words.len().max(1) as f32
}

/// Small words inside place and organisation names.
fn connector(w: &str) -> bool {
    matches!(
        w,
        "de" | "do"
            | "da"
            | "dos"
            | "das"
            | "del"
            | "la"
            | "el"
            | "di"
            | "am"
            | "an"
            | "upon"
            | "sur"
            | "of"
            | "and"
            | "&"
            | "the"
            | "van"
            | "von"
            | "der"
            | "y"
            | "e"
            | "-"
    )
}

/// Whether a word starts with a capital.
fn starts_upper(w: &str) -> bool {
    w.trim_start_matches(['(', '"', '\''])
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Whether every letter of `s` is a capital (and it has letters).
fn is_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

/// Whether `s` reads as a name: 1..=max words, each capitalized or a connector, no sentence
/// punctuation inside.
fn name_like(s: &str, max: usize) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= max
        && !s.contains(['!', '?', ';', '"', '“', '”'])
        && words
            .iter()
            .enumerate()
            .all(|(i, w)| name_word(w) || (i > 0 && connector(w)))
}

/// A word of a credited name: starts with a capital or a digit-free symbol-free form such as
/// "iFixit", "dpa" (a lower-case word with a capital inside, or a listed lower-case agency).
fn name_word(w: &str) -> bool {
    let w = w.trim_matches([',', '.', '(', ')', '"']);
    let Some(c) = w.chars().next() else {
        return false;
    };
    (c.is_alphabetic() && !c.is_lowercase())
        || (c.is_lowercase() && w.chars().skip(1).any(char::is_uppercase))
        || (c.is_ascii_digit() && w.chars().any(char::is_alphabetic))
}

/// The end of the run of name words starting at `from` (after spaces): capitalized words,
/// connectors, slashes, commas and hyphens, at most [`MAX_NAME_WORDS`] words, stopping at a
/// lower-case word, a sentence end or another credit keyword.
fn name_run(para: &str, from: usize) -> usize {
    let mut end = from;
    let mut i = from;
    let mut words = 0;
    let bytes = para.as_bytes();
    while i < para.len() && words < MAX_NAME_WORDS {
        while i < para.len() && (bytes[i] == b' ' || bytes[i] == b'/') {
            i += 1;
        }
        let w_end = para[i..].find([' ', '/']).map_or(para.len(), |x| i + x);
        if w_end == i {
            break;
        }
        let w = &para[i..w_end];
        if let Some(b) = w.find(']') {
            // "[사진=JTBC]저작권자": the credit ends at the bracket.
            if b > 0 && name_word(&w[..b]) {
                end = i + b;
            }
            break;
        }
        let bare = w.trim_matches([',', '.', ';', ':', ')', '(']);
        let lower = bare.to_lowercase();
        if [
            "image", "photo", "caption", "less", "more", "foto", "credit",
        ]
        .contains(&lower.as_str())
            && words > 0
        {
            break;
        }
        let after_slash = i > 0 && bytes[i - 1] == b'/';
        let ok = name_word(w)
            || (after_slash
                && (2..=5).contains(&bare.len())
                && bare.chars().all(|c| c.is_lowercase()))
            || (words > 0 && connector(bare) && !w.ends_with(['.', ',']))
            || (bare.chars().all(|c| c.is_ascii_digit()) && bare.len() == 4 && words > 0)
            || (words == 0
                && (3..=4).contains(&bare.len())
                && bare.chars().all(|c| c.is_lowercase())
                && !FUNCTION_WORDS.contains(&bare));
        if !ok || w.starts_with('(') {
            break;
        }
        // Keep a closing ")" and sentence stops out of the range, keep "Jr." and "Co.".
        let keep = w.trim_end_matches([',', ';', ':', ')']);
        end = i + keep.len();
        words += 1;
        i = w_end;
        let ends_sentence = keep.ends_with('.')
            && keep
                .trim_end_matches('.')
                .chars()
                .filter(|c| c.is_alphabetic())
                .count()
                > 3
            && !keep.trim_end_matches('.').contains('.');
        if ends_sentence || w.ends_with([';', ')']) {
            break;
        }
    }
    // Drop a trailing connector ("… and").
    end
}

/// The name after a first-publication cue at `pos`: past the cue's own words and up to five
/// lower-case words ("by", "on", "no", "zuerst bei"), the run of name words that follows.
fn after_cue(t: &str, pos: usize) -> &str {
    let rest = &t[pos..];
    let mut skipped = 0;
    let mut from = None;
    let mut at = 0;
    for w in rest.split(' ') {
        if w.is_empty() {
            at += 1;
            continue;
        }
        if name_word(w) {
            from = Some(at);
            break;
        }
        skipped += 1;
        if skipped > 7 || w.ends_with(['.', ',', ';', ':']) {
            return "";
        }
        at += w.len() + 1;
    }
    let Some(from) = from else { return "" };
    let end = name_run(rest, from);
    rest[from..end].trim_end_matches('.')
}

/// Short lower-case words that never open a credited name.
const FUNCTION_WORDS: [&str; 16] = [
    "the", "our", "his", "her", "its", "and", "for", "you", "your", "this", "that", "one", "two",
    "was", "are", "all",
];

/// Finds the next credit keyword at a word start in `lower` at or after `from`.
fn next_credit_word(lower: &str, from: usize) -> Option<(usize, usize)> {
    let mut i = from;
    while i < lower.len() {
        if !lower.is_char_boundary(i) {
            i += 1;
            continue;
        }
        let at_word = i == 0
            || lower[..i]
                .chars()
                .next_back()
                .is_some_and(|c| !c.is_alphanumeric());
        if at_word {
            for w in CREDIT_WORDS {
                if lower[i..].starts_with(w) {
                    let e = i + w.len();
                    let boundary = lower[e..]
                        .chars()
                        .next()
                        .is_none_or(|c| !c.is_alphanumeric());
                    if boundary {
                        return Some((i, e));
                    }
                }
            }
        }
        i += lower[i..].chars().next().map_or(1, char::len_utf8);
    }
    None
}

/// The largest char boundary at or below `i`.
fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Bits of [`phrase_groups`]: which phrase lists may occur in a paragraph.
const CONTRIBUTED_PHRASE: u8 = 1;
/// See [`CONTRIBUTED_PHRASE`].
const FIRST_PUBLISHED_PHRASE: u8 = 1 << 1;
/// See [`CONTRIBUTED_PHRASE`].
const AGGREGATED_PHRASE: u8 = 1 << 2;
/// See [`CONTRIBUTED_PHRASE`].
const CREDIT_WORD: u8 = 1 << 3;

/// One automaton over the contributor, first-publication and aggregator phrases, matching
/// ASCII letters in either case, so that a paragraph is scanned once for all of them instead
/// of once per phrase (most paragraphs hold none).
fn phrase_automaton() -> &'static aho_corasick::AhoCorasick {
    static AC: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    AC.get_or_init(|| {
        let phrases = CONTRIBUTED
            .iter()
            .chain(FIRST_PUBLISHED.iter())
            .chain(AGGREGATED.iter())
            .chain(CREDIT_WORDS.iter());
        // A DFA: every paragraph is scanned, so search speed is worth its memory.
        aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::DFA))
            .ascii_case_insensitive(true)
            .build(phrases)
            .expect("the phrase lists compile")
    })
}

/// Which phrase lists (and credit keywords) occur in `para` once lower-cased. ASCII text is
/// searched as it is (the automaton ignores ASCII case), other text lower-cased first.
fn phrase_groups(para: &str) -> u8 {
    let lowered;
    let text = if para.is_ascii() {
        para
    } else {
        lowered = para.to_lowercase();
        &lowered
    };
    let (c, f, a) = (
        CONTRIBUTED.len(),
        CONTRIBUTED.len() + FIRST_PUBLISHED.len(),
        CONTRIBUTED.len() + FIRST_PUBLISHED.len() + AGGREGATED.len(),
    );
    let mut bits = 0;
    for m in phrase_automaton().find_overlapping_iter(text) {
        let i = m.pattern().as_usize();
        bits |= if i < c {
            CONTRIBUTED_PHRASE
        } else if i < f {
            FIRST_PUBLISHED_PHRASE
        } else if i < a {
            AGGREGATED_PHRASE
        } else {
            CREDIT_WORD
        };
    }
    bits
}

/// What is trimmed off a line to leave a name alone ("— AFP", "(The Associated Press).").
const NAME_TRIM: [char; 8] = ['—', '–', '-', '(', ')', '*', ' ', '.'];

/// Whether `t` (trimmed) can hold none of the shapes [`OutletLexicon::attribution_line`]
/// takes, told without lower-casing it: it opens with no parenthesis or `©`, holds no `;`
/// (a credit line lists its roles with them), no contributor or first-publication phrase, and
/// has more than ten words (a wire's name alone, even after "Source :", has at most eight).
fn cannot_attribute(t: &str, phrases: u8) -> bool {
    phrases & (CONTRIBUTED_PHRASE | FIRST_PUBLISHED_PHRASE) == 0
        && !t.starts_with(['(', '©'])
        && !t.contains(';')
        && !t
            .get(..13)
            .is_some_and(|h| h.eq_ignore_ascii_case("contributing:"))
        && t.trim_matches(NAME_TRIM)
            .split_whitespace()
            .nth(10)
            .is_some()
}
