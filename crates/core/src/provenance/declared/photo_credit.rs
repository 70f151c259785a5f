//! Photo credits: parenthesized (`(AP Photo/Gene J. Puskar)`, `(Walt Disney Co.)`), after a
//! credit keyword (`Photo: Hau Dinh, AP`), slash (`REUTERS/Brendan McDermid`) and `©` credits,
//! a photo agency's name alone on a line, and a maker's name above each item of a product list.

use super::names::{is_caps, name_like, name_run, name_word};
use super::phrases::CREDIT_WORD;
use super::{DeclKind, Declaration, OutletLexicon, push};
use crate::classify::junk::own_outlet;
use crate::model::ByteSpan;

/// Longest parenthesized text taken for a credit, in bytes.
const MAX_PAREN: usize = 160;
/// Most characters of whoever a Chinese caption credits with its picture, their agency and
/// role included ("新华社记者 刘大伟").
const SHOT_TAKER_CHARS: usize = 24;

/// Credit keywords, lower case, each followed in the text by `:`, `=` or "by" in one of
/// several languages ([`CREDIT_JOINS`]); `copyright` and `courtesy` also by a space or "of".
/// Longest first so that "photo credit" wins over "photo".
pub(super) const CREDIT_WORDS: [&str; 79] = [
    "main image credit",
    "图片来源",
    "圖片來源",
    "ขอบคุณภาพ",
    "fotografija",
    "borítókép",
    "ljósmynd",
    "argazkia",
    "larawan",
    "picha",
    "image source",
    "illustration",
    "image copyright",
    "photo copyright",
    "picture copyright",
    "image credit",
    "photo credit",
    "image courtesy",
    "photo courtesy",
    "crédit photo",
    "bildquelle",
    "photography",
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
    "φωτογραφία",
    "φωτο",
    "fotografia",
    "fotoğraf",
    "zdjęcie",
    "photos",
    "photo",
    "fotos",
    "foto",
    "fotó",
    "kuva",
    "image",
    "bild",
    "фото",
    "ảnh",
    "사진",
    "写真",
    "عکس",
    "ছবি",
    "ภาพ",
    "צילום",
    "تصوير",
    "تصویر",
    "صورة",
    "फोटो",
    "तस्वीर",
    "снимка",
    "摄影",
    "攝影",
    "pic",
    // "Fot. Paweł Wrona / Gazeta Nadwiślańska": Polish pages abbreviate the word.
    "fot",
    "படம்",
    "ഫോട്ടോ",
    "ചിത്രം",
    "فوٹو",
    "ፎቶ",
    "hoto",
    "larawan",
    "picha",
    "ఫోటో",
    "ಚಿತ್ರ",
    "ફોટો",
    "ਫੋਟੋ",
    "छायाचित्र",
];

/// Words closing a parenthesized credit after its owner's name ("(PNA photo)"), lower case.
const PHOTO_SUFFIXES: [&str; 6] = [
    " file photo",
    " photo",
    " photos",
    " foto",
    " fotó",
    " image",
];

/// Words closing a "provided by" credit: Chinese 提供 and 供图, Korean 제공.
const PROVIDED: [&str; 4] = ["提供", "供图", "供圖", "제공"];

/// A line whose `©` reads as a publisher's notice rather than a picture's credit: it carries
/// the word "copyright", a company's legal form or a rights phrase ("© Copyright 2025
/// Riverina Daily Wire Pty Ltd", "Terms and conditions ©National World Publishing Ltd. All
/// rights reserved"), or, opening the line, a year or a short sentence ("© La Voz de
/// Almenara."). A caption runs before its credit, so a `©` late in the line takes the
/// stronger evidence.
fn copyright_notice(line: &str) -> bool {
    let t = line.trim();
    let t = super::after_copyright_word(t).unwrap_or(t);
    let Some(at) = t.find('©') else {
        return false;
    };
    // A word for the rights holder may stand before the sign ("저작권자 © …").
    let opens = t[..at].split_whitespace().count() <= 1;
    // A rights phrase before the sign makes the line a notice too ("Reproduction prohibited
    // without permission. © Example Press 2025"): a caption holds none.
    let before = t[..at].to_lowercase();
    if RIGHTS.iter().any(|r| before.contains(r)) {
        return true;
    }
    let t = &t[at..];
    let lower = t.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '.')
        .filter(|w| !w.is_empty())
        .collect();
    let legal = words
        .iter()
        .any(|w| LEGAL_FORMS.contains(&w.trim_end_matches('.')));
    if legal || RIGHTS.iter().any(|r| lower.contains(r)) {
        return true;
    }
    let year = words.iter().any(|w| crate::normalize::is_year(w));
    // A full stop closing a few names: a notice, as a caption's credit has none (a caption
    // after its credit ends in one, but runs longer).
    let short_sentence = t.ends_with('.') && words.len() <= NOTICE_WORDS;
    opens && (year || short_sentence)
}

/// The line of `para` that holds byte `at`.
fn line_at(para: &str, at: usize) -> &str {
    let start = para[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = para[at..].find('\n').map_or(para.len(), |i| at + i);
    &para[start..end]
}

/// Words of a rights notice, lower case, in several languages ("All rights reserved",
/// "Riproduzione riservata", "Alle Rechte vorbehalten"), the licence content is published
/// under, and the legal links a site's footer sets beside its `©` ("Mentions légales",
/// "Privacy Policy").
const RIGHTS: [&str; 37] = [
    "copyright",
    "creative commons",
    "무단전재",
    "재배포",
    "转载",
    "版权所有",
    "無断転載",
    "rights",
    "derechos",
    "droits",
    "rechte",
    "diritti",
    "riproduzione",
    "direitos",
    "rechten",
    "prawa",
    "права",
    "δικαιώματα",
    "rettigheder",
    "rättigheter",
    "práva",
    "bản quyền",
    "αναδημοσίευση",
    "zastrzeżone",
    "saklıdır",
    "oikeudet",
    "jogok",
    "drepturile",
    "rettigheter",
    "版權",
    "저작권",
    "حقوق",
    "זכויות",
    "hak cipta",
    "mentions légales",
    "aviso legal",
    "privacy",
];

/// Most words naming who took a picture before "via" and its agency.
const VIA_WHO_WORDS: usize = 5;
/// Longest "<who> via <agency>" line, in bytes: five long words, "via" and an agency's name.
const VIA_CREDIT_BYTES: usize = 120;
/// Most words of a `©` line closed by a full stop that is a notice.
const NOTICE_WORDS: usize = 6;

/// Legal forms of publishing companies, lower case, without their dots.
const LEGAL_FORMS: [&str; 14] = [
    "ltd", "pty", "inc", "llc", "plc", "gmbh", "ag", "s.a", "sa", "s.p.a", "spa", "srl", "bv", "oy",
];

/// What may follow a credit keyword before the credited name.
const CREDIT_JOINS: [&str; 20] = [
    ":", " :", "：", "=", " / ", " by ", " de ", " di ", " von ", " par ", " oleh ", " ©",
    // "Picha na Juma Hassan", "Larawan ni Ana Cruz", "Foto af", "Foto av", "Foto door",
    // "Foto por": "by" in Swahili, Tagalog, Danish, the Scandinavian languages, Dutch, Spanish.
    " na ", " ni ", " af ", " av ", " door ", " por ",
    // "Credit...Tom Brenner for The New York Times", as some pages set a caption's credit.
    "...", "…",
];

/// Words that mark a picture as an archive's between the credit keyword and the name
/// ("Photo d'archives Jean-Marc Ruelle", "Φωτογραφία αρχείου: ΑΠΕ-ΜΠΕ"), lower case with the
/// space before them.
const ARCHIVE_WORDS: [&str; 7] = [
    " d'archives",
    " d’archives",
    " de archivo",
    " de arquivo",
    " d'archivio",
    " αρχείου",
    " архив",
];

/// What may follow a credit keyword: `copyright` and `courtesy` also take a space or "of"; an
/// archive's mark may stand between ([`ARCHIVE_WORDS`]), then a join or a space.
fn credit_join(keyword: &str, rest: &str) -> Option<usize> {
    // Before the joins: " de archivo" opens with one.
    if let Some(a) = ARCHIVE_WORDS.iter().find(|a| rest.starts_with(**a)) {
        let after = &rest[a.len()..];
        return CREDIT_JOINS
            .iter()
            .find(|j| after.starts_with(**j))
            .map(|j| a.len() + j.len())
            .or_else(|| after.starts_with(' ').then_some(a.len() + 1));
    }
    if let Some(j) = CREDIT_JOINS.iter().find(|j| rest.starts_with(**j)) {
        return Some(j.len());
    }
    if keyword == "fot" && rest.starts_with(". ") {
        return Some(2);
    }
    // "Image source, Getty Images", as BBC pages set a picture's credit.
    if keyword.ends_with("source") && rest.starts_with(", ") {
        return Some(2);
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

impl OutletLexicon {
    /// Photo credits anywhere in a paragraph: parenthesized, keyword, slash and `©` credits in
    /// that order, each kind passing over the text an earlier one took; then, when none was
    /// found, a photo agency's name alone.
    pub(super) fn credits_in(
        &self,
        para: &str,
        phrases: u8,
        p: ByteSpan,
        story: bool,
        own: Option<&str>,
        out: &mut Vec<Declaration>,
    ) {
        let mut covered: Vec<(usize, usize)> = Vec::new();
        self.provided_credit(para, p, &mut covered, out);
        self.shot_credit(para, p, &mut covered, out);
        self.paren_credits(para, p, story, &mut covered, out);
        if phrases & CREDIT_WORD != 0 {
            self.keyword_credits(para, p, &mut covered, out);
        }
        self.slash_credits(para, p, own, &mut covered, out);
        self.copyright_credit(para, p, &mut covered, out);
        merge_adjacent(para, p, out);
        drop_repeats(para, p, out);
        // A photo agency's name alone: "Getty Images", "Shutterstock"; or after whoever took
        // the picture: "AFP via Getty Images".
        if covered.is_empty()
            && let Some(n) = self
                .resolve(para.trim().trim_end_matches('.'))
                .filter(|n| self.is_photo(n))
                .or_else(|| self.via_photo_agency(para.trim()))
        {
            push(out, DeclKind::PhotoCredit, n.to_string(), p, 0, para.len());
        } else if covered.is_empty()
            && let Some(from) = licence_credit(para)
        {
            let end = para.trim_end().len();
            let outlet = self.credited_outlet(&para[from..end]);
            push(out, DeclKind::PhotoCredit, outlet, p, from, end);
        }
    }

    /// The photo agency of a credit line "<who took it> via <agency>" ("AFP via Getty Images",
    /// "Jane Doe via Reuters Connect"): a picture distributed by an agency, not a story.
    pub(super) fn via_photo_agency(&self, t: &str) -> Option<&str> {
        // Every paragraph is asked: a credit line is short, and its "via" is found from there.
        if t.len() > VIA_CREDIT_BYTES {
            return None;
        }
        let (who, agency) = t.trim_end_matches('.').rsplit_once(" via ")?;
        let who_words = who.split_whitespace().count();
        if !(1..=VIA_WHO_WORDS).contains(&who_words) {
            return None;
        }
        self.resolve(agency.trim()).filter(|n| self.is_photo(n))
    }

    /// A bracketed "provided by" credit closing a caption, as Chinese and Korean pages set
    /// them: "（高雄市衛生局提供）", "[광주시 제공. 재판매 및 DB 금지]" (the rights note after the
    /// stop is part of it). The provider is the outlet when listed.
    fn provided_credit(
        &self,
        para: &str,
        p: ByteSpan,
        covered: &mut Vec<(usize, usize)>,
        out: &mut Vec<Declaration>,
    ) {
        let t = para.trim_end();
        let Some(last) = t.chars().next_back() else {
            return;
        };
        let opener = match last {
            ')' => '(',
            '）' => '（',
            ']' => '[',
            '】' => '【',
            _ => return,
        };
        let Some(open) = t.rfind(opener) else { return };
        let inside = &t[open + opener.len_utf8()..t.len() - last.len_utf8()];
        let credit = inside.split(['.', '。']).next().unwrap_or("").trim();
        let Some(name) = PROVIDED
            .iter()
            .find_map(|w| credit.strip_suffix(w))
            .map(str::trim)
        else {
            return;
        };
        if name.is_empty() || inside.len() > MAX_PAREN {
            return;
        }
        covered.push((open, t.len()));
        let outlet = self.resolve(name).unwrap_or("").to_string();
        push(out, DeclKind::PhotoCredit, outlet, p, open, t.len());
    }

    /// A Chinese caption's credit: "摄" ("shot by"), set apart by a space or a slash, closing
    /// it after whoever took the picture, perhaps their agency's reporter ("…站台候车。新华社
    /// 记者 刘大伟 摄", "（新华社记者 刘大伟 摄）", "（李明 摄）"). The credit runs back to the
    /// caption's last full stop or opening parenthesis; the agency before "记者" (reporter) is
    /// the outlet when listed.
    fn shot_credit(
        &self,
        para: &str,
        p: ByteSpan,
        covered: &mut Vec<(usize, usize)>,
        out: &mut Vec<Declaration>,
    ) {
        let t = para.trim_end();
        let closed = t.strip_suffix('）').or_else(|| t.strip_suffix(')'));
        // "摄" set apart from the name (by a space or a slash): in a word ("拍摄", filmed) it
        // credits nobody.
        let Some(body) = closed.unwrap_or(t).trim_end().strip_suffix('摄') else {
            return;
        };
        if !body.ends_with(|c: char| c.is_whitespace() || c == '/') {
            return;
        }
        let body = body.trim_end_matches(|c: char| c.is_whitespace() || c == '/');
        let start = body.rfind(['。', '（', '(', '\n']).map_or(0, |i| {
            i + body[i..].chars().next().map_or(1, char::len_utf8)
        });
        let taker = body[start..].trim();
        if taker.is_empty() || taker.chars().count() > SHOT_TAKER_CHARS {
            return;
        }
        // The credit starts at the parenthesis that closes the line, or at its first letter.
        let opener = body[..start]
            .chars()
            .next_back()
            .filter(|c| matches!(c, '（' | '('));
        let from = match (closed, opener) {
            (Some(_), Some(c)) => start - c.len_utf8(),
            _ => start + (body[start..].len() - body[start..].trim_start().len()),
        };
        let outlet = taker
            .split_once("记者")
            .and_then(|(agency, _)| self.resolve(agency.trim()))
            .unwrap_or("")
            .to_string();
        covered.push((from, t.len()));
        push(out, DeclKind::PhotoCredit, outlet, p, from, t.len());
    }

    /// Parenthesized credits: "(AP Photo/Gene J. Puskar)", "(Getty Images)", "(Walt Disney
    /// Co.)" closing a caption; a wire's name alone closing a sentence of the story's prose
    /// (`story`, as for a dash: see `attribution::story_prose`) is its sign-off, an
    /// attribution. Parentheses too long or empty are passed over.
    fn paren_credits(
        &self,
        para: &str,
        p: ByteSpan,
        story: bool,
        covered: &mut Vec<(usize, usize)>,
        out: &mut Vec<Declaration>,
    ) {
        // Full-width parentheses close CJK captions and stories ("…中央区（共同）").
        for (opener, closer) in [('(', ')'), ('（', '）')] {
            let mut from = 0;
            while let Some(o) = para[from..].find(opener) {
                let open = from + o;
                let Some(c) = para[open..].find(closer) else {
                    break;
                };
                let close = open + c;
                let end = close + closer.len_utf8();
                from = end;
                let inside = &para[open + opener.len_utf8()..close];
                if inside.len() > MAX_PAREN || inside.trim().is_empty() {
                    continue;
                }
                let at_end = para[end..].trim().is_empty();
                let before = para[..open].trim_end();
                if let Some(outlet) = self.paren_credit(inside, at_end, before) {
                    covered.push((open, end));
                    // A wire alone in parentheses closing a sentence of the story signs it
                    // off; so does one after a CJK full stop anywhere, as captions there
                    // end without one ("…中央区（共同）").
                    let sign_off = at_end
                        && ((story && before.ends_with(['.', '!', '?', '"', '”']))
                            || before.ends_with('。'))
                        && self.resolve(inside.trim()) == Some(outlet.as_str())
                        && self.is_agency(&outlet)
                        && !self.is_photo(&outlet);
                    let kind = if sign_off {
                        DeclKind::Attribution
                    } else {
                        DeclKind::PhotoCredit
                    };
                    push(out, kind, outlet, p, open, end);
                }
            }
        }
    }

    /// Keyword credits: "Photo: Hau Dinh, AP", "Image copyright EPA", "Foto: dpa". Keywords are
    /// found in the lower-cased paragraph, so a paragraph that lower-casing lengthens or
    /// shortens is passed over: its offsets would not be those of `para`.
    fn keyword_credits(
        &self,
        para: &str,
        p: ByteSpan,
        covered: &mut Vec<(usize, usize)>,
        out: &mut Vec<Declaration>,
    ) {
        let lower = para.to_lowercase();
        if lower.len() != para.len() {
            return;
        }
        let mut at = 0;
        while let Some((kw_start, kw_end)) = next_credit_word(&lower, at) {
            at = kw_end;
            if covered_at(covered, kw_start) {
                continue;
            }
            let Some(name_from) = credit_name_start(&lower, kw_start, kw_end)
                .or_else(|| capitals_credit(para, kw_start, kw_end))
            else {
                continue;
            };
            let mut name_end = name_run(para, name_from);
            if name_end <= name_from && kw_start == 0 {
                name_end = bare_credit_end(para, name_from).unwrap_or(name_end);
            }
            if name_end <= name_from || caption_goes_on(para, name_end) {
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

    /// Slash credits: "REUTERS/Brendan McDermid", "Jason Cipriani/ZDNet"; the search goes on
    /// after the end of each credit found.
    fn slash_credits(
        &self,
        para: &str,
        p: ByteSpan,
        own: Option<&str>,
        covered: &mut Vec<(usize, usize)>,
        out: &mut Vec<Declaration>,
    ) {
        let mut from = 0;
        while let Some(s) = para[from..].find('/') {
            let slash = from + s;
            from = slash + 1;
            if covered_at(covered, slash) {
                continue;
            }
            if let Some((s, e)) = self.slash_credit(para, slash, own) {
                covered.push((s, e));
                let outlet = self.credited_outlet(&para[s..e]);
                push(out, DeclKind::PhotoCredit, outlet, p, s, e);
                from = e;
            }
        }
    }

    /// A `©` credit, at the paragraph's first `©`: "© John Brecher …", "photos © Inexhibit,
    /// 2018".
    fn copyright_credit(
        &self,
        para: &str,
        p: ByteSpan,
        covered: &mut Vec<(usize, usize)>,
        out: &mut Vec<Declaration>,
    ) {
        if let Some(c) = para.find('©')
            && !covered_at(covered, c)
            && !copyright_notice(line_at(para, c))
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

    /// The outlet of a parenthesized credit, if `inside` is one.
    fn paren_credit(&self, inside: &str, at_end: bool, before: &str) -> Option<String> {
        let t = inside.trim();
        let lower = t.to_lowercase();
        if lower.len() == t.len()
            && let Some(e) = credit_word_at(&lower, 0)
        {
            // "(Photo: Getty Images)", "(Image credit: Blue Origin)", "(credit: NASA/Jude
            // Guidry)"
            if credit_join(&lower[..e], &lower[e..]).is_some()
                || CREDIT_JOINS
                    .iter()
                    .any(|j| lower[e..].starts_with(j.trim_end()))
            {
                return Some(self.credited_outlet(&t[e..]));
            }
            // "(foto Ansa)", "(Photo Reuters)": a keyword and a name, nothing between, closing
            // the caption or naming a listed outlet ("IRAF (Image Reduction and Analysis
            // Facility) is …" spells a name out).
            if let Some(name) = t[e..].strip_prefix(' ')
                && name_like(name, 3)
                && !name.contains(['/', ':'])
                && (at_end || self.resolve(name).is_some())
            {
                return Some(self.credited_outlet(name));
            }
        }
        // "(AP Photo/Gene J. Puskar)", "(Joshua Roberts/Reuters)", "(NASA/JPL-Caltech/ASU)"
        if t.contains('/') && !t.contains("://") {
            let parts: Vec<&str> = t.split('/').map(str::trim).collect();
            let shaped = parts.len() <= 5
                && parts
                    .iter()
                    .all(|x| name_like(x, 6) && !x.chars().all(|c| c.is_ascii_digit()));
            if !shaped {
                return None;
            }
            let outlet = self.credited_outlet(t);
            return (!outlet.is_empty() || at_end || t.contains("Photo")).then_some(outlet);
        }
        // "(ABC New England: Lucy Thackray)": an outlet, a colon and its photographer closing
        // a caption, as ABC pages credit pictures.
        if at_end
            && let Some((outlet, name)) = t.split_once(": ")
            && outlet.starts_with(char::is_uppercase)
            && super::after_source_prefix(t, &lower) == t
            && name_like(outlet, 4)
            && name_like(name, 4)
            && before.split_whitespace().count() >= 4
        {
            return Some(self.resolve_prefix(outlet).unwrap_or("").to_string());
        }
        // "(Jane Roe, CC BY-ND)": a picture under a Creative Commons licence.
        if t.contains("CC BY") || t.contains("CC0") {
            return Some(self.credited_outlet(t));
        }
        // "(PNA photo)", "(Reuters file photo)": a listed outlet's picture.
        if lower.len() == t.len()
            && let Some(owner) = PHOTO_SUFFIXES
                .iter()
                .find_map(|w| lower.strip_suffix(w))
                .map(|rest| t[..rest.len()].trim())
            && let Some(n) = self.resolve(owner)
        {
            return Some(n.to_string());
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
    fn slash_credit(&self, para: &str, slash: usize, own: Option<&str>) -> Option<(usize, usize)> {
        // The page's own outlet named after the slash: its photographer's credit.
        let right = &para[slash + 1..name_run(para, slash + 1)];
        let own_named = own.is_some_and(|o| names_own_outlet(o, right));
        // A spaced slash ("FRED TANNEAU / AFP") credits a picture only when a listed outlet
        // (or the page's own) follows it; else it joins words ("and / or").
        let spaced = para[..slash].ends_with(' ') && para[slash + 1..].starts_with(' ');
        if spaced
            && (right.trim().is_empty() || (self.credited_outlet(right).is_empty() && !own_named))
        {
            return None;
        }
        let left = if spaced {
            para[..slash].trim_end_matches(' ')
        } else {
            &para[..slash]
        };
        // A site's name before a spaced slash names an outlet's source, not a photographer.
        if spaced
            && left
                .rsplit(' ')
                .next()
                .is_some_and(|w| w.trim_end_matches('.').contains('.'))
        {
            return None;
        }
        // Left: up to 4 name words back to the line start or a sentence end.
        let mut start = left.len();
        let mut words = 0;
        let mut after_sentence = false;
        for w in left.rsplit(' ') {
            after_sentence = sentence_end(w);
            if w.is_empty()
                || !name_word(w)
                || words == 4
                || w.ends_with([':', ',', ';'])
                || after_sentence
            {
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
        // A label before a colon opens a credit written close ("Foto di copertina:
        // ANSA/FRANCESCO SALVI"); before a spaced slash it labels an author ("Autor: Redakcja /
        // PAP").
        let opens_line = lead.is_empty()
            || lead.ends_with(['.', '!', '?', ')', '|'])
            || (lead.ends_with(':') && !spaced);
        let end = name_run(para, slash + 1);
        if end <= slash + 1 {
            return None;
        }
        let credit = &para[start..end];
        // After a sentence, a parenthesis opened before the credit and closed past it: the
        // credit is the parenthesis's, which [`Self::paren_credit`] did not take.
        let unclosed = after_sentence
            && credit.starts_with('(')
            && !credit.contains(')')
            && para[end..].contains(')');
        if unclosed || credit.contains("://") || credit.chars().any(|c| c.is_ascii_digit()) {
            return None;
        }
        let outlet = self.credited_outlet(credit);
        let closes_line = para[end..].trim().is_empty();
        let caps_part = credit.split('/').any(|x| {
            is_caps(x.trim()) && x.trim().chars().filter(|c| c.is_alphabetic()).count() >= 2
        });
        let whole = lead.is_empty() && closes_line && credit.split('/').count() <= 3;
        // After a caption's sentence, closing it: a photographer's full name and the page's
        // own outlet, which no list knows ("Alana Whitcombe/Riverside Courier-Journal").
        let named_pair = !lead.is_empty() && closes_line && words >= 2 && own_named;
        if opens_line && (whole || !outlet.is_empty() || (caps_part && closes_line) || named_pair) {
            Some((start, end))
        } else {
            None
        }
    }

    /// In a product list, the maker's name alone above each item ("Sonos" over "Sonos Move
    /// for $400") credits the item's picture to the maker. Taken only when the article does
    /// it at least twice.
    pub(super) fn maker_credit(
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
}

/// Fewest letters of an outlet's name that a credit may name it by.
const OWN_NAME_LETTERS: usize = 4;

/// Whether `name` (a credit's part) names the page's own outlet `own` (its name or its
/// address, as the record gives it): "Riverside Courier-Journal" for "The Riverside
/// Courier-Journal" or `riversidecourierjournal.com`.
fn names_own_outlet(own: &str, name: &str) -> bool {
    let (own, name) = (own_outlet(own), own_outlet(name.trim()));
    name.chars().count() >= OWN_NAME_LETTERS && own.ends_with(&name)
}

/// Whether a word closes a sentence ("Hall.", "Orihuela.") rather than being an initial or
/// an abbreviation ("J.", "St.").
fn sentence_end(w: &str) -> bool {
    w.ends_with(['!', '?'])
        || (w.ends_with('.') && w.chars().filter(|c| c.is_alphabetic()).count() >= 3)
}

/// Whether byte `i` of the paragraph lies in a credit already found.
fn covered_at(covered: &[(usize, usize)], i: usize) -> bool {
    covered.iter().any(|&(s, e)| s <= i && i < e)
}

/// Where the credited name after the keyword `lower[kw_start..kw_end]` starts, past what joins
/// them (":", " by ", …); `None` when nothing joins them, or after "file" ("FILE PHOTO:"
/// labels an archive picture; the credit follows the caption).
fn credit_name_start(lower: &str, kw_start: usize, kw_end: usize) -> Option<usize> {
    if lower[..kw_start].trim_end().ends_with("file") {
        return None;
    }
    let join = credit_join(&lower[kw_start..kw_end], &lower[kw_end..])?;
    Some(kw_end + join)
}

/// Where the name starts in a credit set in capitals with no join, the keyword opening the
/// line: "PHOTO JACQUES BOISSINOT, ARCHIVES LA PRESSE CANADIENNE", as some pages print a
/// picture's credit. The line must be in capitals throughout and part its photographer from
/// the outlet with a comma or a slash ("IMAGE OF THE DAY" is a heading).
fn capitals_credit(para: &str, kw_start: usize, kw_end: usize) -> Option<usize> {
    let line = line_at(para, kw_start);
    let shouted = kw_start == 0
        && para[kw_end..].starts_with(' ')
        && line.contains([',', '/'])
        && line.chars().any(char::is_alphabetic)
        && !line.chars().any(char::is_lowercase)
        && line.split_whitespace().count() <= CAPITALS_CREDIT_WORDS;
    shouted.then_some(kw_end + 1)
}

/// Most words of a line crediting a picture under a Creative Commons licence.
const LICENCE_CREDIT_WORDS: usize = 8;

/// Where a credit of a picture by its Creative Commons licence starts in `para`: the whole
/// line ("Helen Bright, CC BY-ND", "Jane Roe / Wikimedia Commons, CC BY-SA 4.0") or what
/// follows the caption's last full stop ("A bee on lungwort. Helen Bright, CC BY-ND").
fn licence_credit(para: &str) -> Option<usize> {
    let names_licence =
        |s: &str| s.contains("CC BY") || s.split_whitespace().any(|w| w.trim_matches(',') == "CC0");
    let t = para.trim_end();
    // Every paragraph without a credit comes here: one search rules out nearly all of them.
    if !t.contains("CC") || !names_licence(t) {
        return None;
    }
    let from = t
        .rfind(". ")
        .map_or(para.len() - para.trim_start().len(), |i| i + 2);
    let tail = &t[from..];
    let words = tail.split_whitespace().count();
    ((2..=LICENCE_CREDIT_WORDS).contains(&words)
        && names_licence(tail)
        && !tail.ends_with(['.', '!', '?']))
    .then_some(from)
}

/// Most words of a credit set in capitals with no join ([`capitals_credit`]).
const CAPITALS_CREDIT_WORDS: usize = 10;

/// Most words of a credit in lower case that a keyword opening its line introduces.
const BARE_CREDIT_WORDS: usize = 4;

/// The end of a credit in lower case after a keyword that opens its line, when the rest of the
/// line is that credit alone: "Фото: пресс-служба администрации города", "Photo: handout",
/// "Foto: redes sociales". A longer rest, or one with a sentence in it, is a caption.
fn bare_credit_end(para: &str, name_from: usize) -> Option<usize> {
    let line_end = para[name_from..]
        .find('\n')
        .map_or(para.len(), |i| name_from + i);
    let rest = para[name_from..line_end].trim_end();
    let words = rest.split_whitespace().count();
    ((1..=BARE_CREDIT_WORDS).contains(&words)
        && !rest.contains(['.', '!', '?', ':', ';', '"'])
        && rest.chars().any(char::is_alphabetic))
    .then_some(name_from + rest.len())
}

/// Whether a comma and a lower-case word follow a name ending at `name_end`: "Image: Jose
/// Mourinho, left, has replaced …" is a caption, not a credit.
fn caption_goes_on(para: &str, name_end: usize) -> bool {
    let follows = para[name_end..].trim_start_matches([',', ' ']);
    para[name_end..].starts_with(',') && follows.chars().next().is_some_and(char::is_lowercase)
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

/// Share of the words of `s` that start with a lower-case letter.
fn lower_share(s: &str) -> f32 {
    let words: Vec<&str> = s.split_whitespace().collect();
    let lower = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_lowercase))
        .count();
    lower as f32 / words.len().max(1) as f32
}

/// Which bytes open a credit keyword, so that most word starts are passed over with one look-up
/// instead of a comparison with every keyword.
const CREDIT_WORD_STARTS: [bool; 256] = {
    let mut starts = [false; 256];
    let mut i = 0;
    while i < CREDIT_WORDS.len() {
        starts[CREDIT_WORDS[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    starts
};

/// Finds the next credit keyword at a word start in `lower` at or after `from`.
fn next_credit_word(lower: &str, from: usize) -> Option<(usize, usize)> {
    let from = (from..=lower.len()).find(|&i| lower.is_char_boundary(i))?;
    let bytes = lower.as_bytes();
    let mut prev_alnum = lower[..from]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    for (off, c) in lower[from..].char_indices() {
        let i = from + off;
        if !prev_alnum
            && CREDIT_WORD_STARTS[usize::from(bytes[i])]
            && let Some(e) = credit_word_at(lower, i)
        {
            return Some((i, e));
        }
        prev_alnum = c.is_alphanumeric();
    }
    None
}

/// The end of the first credit keyword (in list order) that opens `lower[i..]` and is not
/// followed by a letter or digit.
fn credit_word_at(lower: &str, i: usize) -> Option<usize> {
    let rest = &lower[i..];
    CREDIT_WORDS.iter().find_map(|w| {
        let after = rest.strip_prefix(w)?;
        let boundary = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
        boundary.then_some(i + w.len())
    })
}
