//! Attribution lines: wire credit lines (`(Reporting by …; Editing by …)`), contributor lines
//! (`… contributed to this report`, `With Post wires`), a wire's name alone on a line
//! (`The Associated Press`, `— AFP`, `Source: Reuters`), `© Reuters`, statements of first
//! publication (`This article was originally published by Futurism.`), and a wire's name after
//! a dash closing a paragraph (`… the producers said. — AFP`), which credits a picture when it
//! closes a caption instead.

use super::names::{is_caps, name_run, name_word};
use super::phrases::{CONTRIBUTED_PHRASE, FIRST_PUBLISHED_PHRASE};
use super::{DeclKind, Declaration, OutletLexicon, push};
use crate::classify::junk::byline::BY;
use crate::model::ByteSpan;

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
pub(super) const CONTRIBUTED: [&str; 17] = [
    "was used in this report",
    "was used in this story",
    "was used in this article",
    "was used in this column",
    "contributed to this column",
    "contributed to this post",
    "contributed to this report",
    "contributed to this story",
    "contributed to this article",
    "contributed reporting",
    "contributed to the report",
    "additional reporting by",
    "additional reporting from",
    "additional input from",
    "trug zu diesem bericht bei",
    "contribuiu para esta reportagem",
    "contribuyó a este informe",
];

/// Words that open a "with wires" line, lower case.
const WITH_WORDS: [&str; 7] = ["with", "com", "con", "avec", "mit", "dengan", "с"];

/// Phrases that open a line crediting its material to a source, as a "with wires" word does,
/// lower case: "По материалам ТАСС" (on the material of), "За матеріалами Укрінформу".
const MATERIAL_OF: [&str; 3] = ["по материалам", "за матеріалами", "na podstawie materiałów"];

/// Phrases that close a line crediting its material to a source, in the languages that put
/// "with" after what it governs: Hindi "(आईएएनएस इनपुट के साथ)" ("with inputs from IANS").
const INPUT_WITH: [&str; 3] = ["इनपुट के साथ", "इनपुट सहित", "ইনপুট সহ"];

/// Phrases that credit information to a source, lower case (the bytes of the line's own
/// case: every letter here lower-cases to one of the same length).
const INFORMATION_FROM: [&str; 8] = [
    "com informações da ",
    "com informações do ",
    "com informações de ",
    "con información de ",
    "con información del ",
    "con informazioni di ",
    "con informazioni da ",
    "avec des informations de ",
];

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
pub(super) const FIRST_PUBLISHED: [&str; 32] = [
    "originally published",
    "was supplied by",
    "is supplied by",
    "provided under licence from",
    "provided under license from",
    "à partir d'une dépêche",
    "originally appeared",
    "originally featured",
    "appeared first on",
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
    "telah tayang di",
];

/// Words naming a piece of writing, the subject of a first-publication statement.
const WORK_WORDS: [&str; 35] = [
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
    "content",
    "conteúdo",
    "contenido",
    "contenu",
    "contenuto",
    "inhalt",
    "texte",
    "text",
    "bericht",
    "artikkel",
    "artikeln",
    "juttu",
    "cikk",
];

/// Most words of the subject of a first-publication statement ("This report by The Canadian
/// Press was …").
const SUBJECT_WORDS: usize = 8;

/// Words pointing at this very piece, lower case.
const THIS_WORDS: [&str; 20] = [
    "this", "este", "esta", "esto", "cet", "cette", "ce", "dieser", "diese", "dieses", "questo",
    "questa", "этот", "эта", "этa", "ini", "deze", "dit", "ten", "ta",
];

/// Words that open a sign-off line naming only its source (`Source: Reuters`, `Quelle: dpa`,
/// `Źródło: PAP`, `来源：新华社`), lower case; a colon follows (full-width too), with or
/// without a space before it.
const SOURCE_WORDS: [&str; 57] = [
    "source",
    "منبع",
    "সূত্র",
    "ที่มา",
    "来源",
    "來源",
    "출처",
    "出典",
    "المصدر",
    "nguồn",
    "sources",
    "fonte",
    "fontes",
    "fuente",
    "fuentes",
    "fonti",
    "quelle",
    "quellen",
    "sumber",
    "источник",
    "источники",
    "джерело",
    "bron",
    "bronnen",
    "źródło",
    "źródła",
    "zdroj",
    "zdroje",
    "kaynak",
    "forrás",
    "kilde",
    "kilder",
    "källa",
    "lähde",
    "πηγή",
    "sursa",
    "източник",
    "извор",
    "izvor",
    "vir",
    "allikas",
    "avots",
    "šaltinis",
    "heimild",
    "iturria",
    "font",
    "chanzo",
    "स्रोत",
    "ماخذ",
    "מקור",
    "burimi",
    "manba",
    "дереккөз",
    "աղբյուր",
    "წყარო",
    "mənbə",
    "крыніца",
];

/// Labels of a byline field before its colon (`By: PTI`, `Autor: Hina`, `WRITER: Reuters`),
/// lower case.
const BYLINE_LABELS: [&str; 16] = [
    "by",
    "writer",
    "author",
    "autor",
    "autora",
    "auteur",
    "autore",
    "auteurs",
    "text",
    "texto",
    "tekst",
    "reporter",
    "yazar",
    "автор",
    "συντάκτης",
    "szerző",
];

/// What ends a field of a byline or stamp line.
const STAMP_FIELD_ENDS: [char; 5] = ['|', '•', '·', ',', '/'];

/// Words that open a line naming its source without a colon (`By Reuters`, `Via AFP`, `Theo
/// TTXVN`).
const SOURCE_OPENERS: [&str; 4] = ["by", "via", "por", "theo"];

/// Most words of a byline that ends in a wire's name ("By CARLOS MEDINA Associated Press").
const WIRE_BYLINE_WORDS: usize = 10;

/// A reporter's role closing a wire's byline ("Associated Press Writer"), lower case.
const WIRE_ROLES: [&str; 8] = [
    "writer",
    "writers",
    "correspondent",
    "correspondents",
    "reporter",
    "reporters",
    "editor",
    "columnist",
];

/// Most words of a reporter's name in a byline without its opening word ("Jonah Whitfield,
/// The Canadian Press", "Holly Brennan (AAP)").
const BYLINE_NAME_WORDS: usize = 4;

/// Whether `words` are a reporter's name: two to [`BYLINE_NAME_WORDS`] words of
/// [`person_word`].
fn person_name<'a>(mut words: impl Iterator<Item = &'a str> + Clone) -> bool {
    (2..=BYLINE_NAME_WORDS).contains(&words.clone().count()) && words.all(person_word)
}

/// A capitalized word of letters, hyphens, apostrophes and an initial's stop.
fn person_word(w: &str) -> bool {
    w.starts_with(char::is_uppercase)
        && w.chars()
            .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '.'))
}

/// Whether `head` is a reporter's name and `wire` a wire's code in parentheses after it, the
/// whole line ("Holly Brennan (AAP)"): a byline. A place before the code opens the story's
/// first sentence, or is written in capitals ("SYDNEY (AAP)", "NEW DELHI (PTI)").
pub(super) fn paren_wire_byline(head: &[&str], wire: &[&str]) -> bool {
    let coded = wire.first().is_some_and(|w| w.starts_with('('))
        && wire.last().is_some_and(|w| w.ends_with(')'));
    coded && person_name(head.iter().copied()) && !head.iter().all(|w| is_caps(w))
}

/// Whether `head` is a reporter's name closed by a comma ("Jonah Whitfield,") or a bar set
/// apart by spaces ("Jo Roe |").
fn comma_named(head: &[&str]) -> bool {
    match head {
        [name @ .., "|" | "·" | "•"] => person_name(name.iter().copied()),
        [name @ .., last] => last
            .strip_suffix(',')
            .is_some_and(|l| person_name(name.iter().copied().chain([l]))),
        [] => false,
    }
}

/// Dashes that set a wire's sign-off apart from the sentence it closes, with the spaces
/// around them.
const SIGN_OFF_DASHES: [&str; 4] = [" — ", " – ", " -- ", " - "];
/// Bytes at a paragraph's end searched for a sign-off: a dash and a wire's name.
const SIGN_OFF_BYTES: usize = 48;
/// Most words of the name in a sign-off.
const SIGN_OFF_WORDS: usize = 4;

/// Most words of a caption that a dash and an agency's name close.
const CAPTION_WORDS: usize = 30;

/// Whether a wire named at the end of `para` closes the story rather than a caption: the
/// paragraph is late in the article (`late`: in its second half, or the story's last
/// paragraph) or longer than a caption. Pages set their pictures, and so their captions, in
/// the first half; a caption runs to a sentence or two. The dash and the parenthesis forms of
/// a sign-off ("… said. — AFP", "… said. (AFP)") both ask it.
pub(super) fn story_prose(para: &str, late: bool) -> bool {
    late || more_words_than(para, CAPTION_WORDS)
}

/// Where the dash of a sign-off starts in `para`, and the name after it: a sentence, a dash,
/// and a name of at most [`SIGN_OFF_WORDS`] words at the paragraph's end. Only the last bytes
/// are read, so a dash inside the story is never looked at.
fn sign_off(para: &str) -> Option<(usize, &str)> {
    let t = para.trim_end();
    if !t.ends_with(|c: char| c.is_alphabetic() || c == '.' || c == ')') {
        return None;
    }
    let mut from = t.len().saturating_sub(SIGN_OFF_BYTES);
    while !t.is_char_boundary(from) {
        from += 1;
    }
    let (at, dash) = SIGN_OFF_DASHES
        .iter()
        .filter_map(|d| t[from..].rfind(d).map(|i| (from + i, d.len())))
        .max_by_key(|&(i, _)| i)?;
    let closes = t[..at]
        .trim_end()
        .ends_with(['.', '!', '?', '"', '”', '’', '»', ')']);
    let name = &t[at + dash..];
    (closes && name.split_whitespace().count() <= SIGN_OFF_WORDS).then_some((at + 1, name))
}

/// What is trimmed off a line to leave a name alone ("— AFP", "(The Associated Press).").
const NAME_TRIM: [char; 8] = ['—', '–', '-', '(', ')', '*', ' ', '.'];

impl OutletLexicon {
    /// Wire credit lines, contributor lines, wire names alone, "© Reuters", first-publication
    /// statements.
    pub(super) fn attribution_line(
        &self,
        para: &str,
        phrases: u8,
        p: ByteSpan,
        out: &mut Vec<Declaration>,
    ) {
        let t = para.trim();
        if t.len() > 400 || cannot_attribute(t, phrases) || self.via_photo_agency(t).is_some() {
            return;
        }
        let lower = t.to_lowercase();
        let off = para.len() - para.trim_start().len();
        if let Some((len, outlet)) = self.attribution_of(t, &lower, phrases) {
            push(out, DeclKind::Attribution, outlet, p, off, off + len);
        }
    }

    /// The length (from the start of the trimmed line `t`; `lower` is `t` lower-cased) and the
    /// outlet of the attribution the line makes. The shapes are tried in order and the first
    /// that fits is taken; a contributor line is taken even when it declares nothing, so that
    /// a colleague's contributor line is not read as another shape.
    fn attribution_of(&self, t: &str, lower: &str, phrases: u8) -> Option<(usize, String)> {
        if let Some(len) = reporting_credit(t, lower) {
            return Some((len, String::new()));
        }
        if contributor_line(lower, phrases) {
            return self
                .wire_contributor(t, lower)
                .map(|outlet| (t.len(), outlet));
        }
        self.with_wires(t, lower)
            .or_else(|| self.copyright_wire(t))
            .or_else(|| self.wire_name_alone(t))
            .or_else(|| self.wire_byline(t, lower))
            .or_else(|| self.story_by(t, lower))
            .or_else(|| self.first_published(t, lower, phrases))
            .or_else(|| self.distributed_by(t, lower))
            .or_else(|| self.stamp_wire(t, lower))
            .map(|outlet| (t.len(), outlet))
    }

    /// The outlet of a contributor line when a wire or "wires" contributed; `None` for a
    /// colleague's name alone, which is a byline, not a source.
    fn wire_contributor(&self, t: &str, lower: &str) -> Option<String> {
        let outlet = self.credited_outlet_in_text(t);
        let wire = self.is_agency(&outlet) || has_wire_word(lower);
        wire.then_some(outlet)
    }

    /// "With Post wires", "(With inputs from PTI)", "Com agências", "Mit Material von dpa": a
    /// line of at most ten words opening with "with" (or closing with it, [`INPUT_WITH`])
    /// that names wires or a listed outlet.
    fn with_wires(&self, t: &str, lower: &str) -> Option<String> {
        let bare = lower.trim_matches(['(', ')', '—', '–', '-', ' ', '.', '*']);
        let first = bare.split_whitespace().next().unwrap_or("");
        let opens = WITH_WORDS.contains(&first)
            || MATERIAL_OF.iter().any(|p| bare.starts_with(p))
            || INPUT_WITH.iter().any(|p| bare.ends_with(p));
        if !opens || lower.split_whitespace().count() > 10 {
            return None;
        }
        let outlet = self.credited_outlet_in_text(t);
        if has_wire_word(bare) || !outlet.is_empty() {
            return Some(outlet);
        }
        // "Com informações da Agência Assembleia": after a phrase that credits information,
        // an unlisted name is the source too.
        let phrase = INFORMATION_FROM.iter().find(|p| bare.starts_with(*p))?;
        let name = t
            .trim_matches(['(', ')', '—', '–', '-', ' ', '.', '*'])
            .get(phrase.len()..)?
            .trim();
        let words: Vec<&str> = name.split_whitespace().collect();
        let named = (1..=6).contains(&words.len())
            && words[0].starts_with(char::is_uppercase)
            && words
                .iter()
                .all(|w| w.starts_with(char::is_uppercase) || w.len() <= 3);
        named.then(|| name.to_string())
    }

    /// "© Reuters", "© 2019 AFP", "Copyright 2025 The Associated Press.": the wire's
    /// sign-off, its first sentence read (a rights notice may follow it). A photo agency's `©`
    /// is left to the photo credits.
    fn copyright_wire(&self, t: &str) -> Option<String> {
        // Korean wire copy closes with "<저작권자(c) 연합뉴스, 무단 전재-재배포 금지>".
        let korean = t
            .trim_matches(['<', '>'])
            .strip_prefix("저작권자")
            .map(|rest| {
                let rest = rest.trim_start();
                rest.strip_prefix("(c)")
                    .or_else(|| rest.strip_prefix("(C)"))
                    .or_else(|| rest.strip_prefix('ⓒ'))
                    .unwrap_or(rest)
            });
        // A rights phrase may stand before the sign ("Riproduzione riservata © Copyright ANSA").
        let signed = korean.or_else(|| {
            t.find('©')
                .filter(|&at| t[..at].split_whitespace().count() <= 2)
                .map(|at| &t[at + '©'.len_utf8()..])
        });
        let rest = signed.or_else(|| super::after_copyright_word(t))?;
        let rest = super::after_copyright_word(rest.trim_start()).unwrap_or(rest);
        let rest = rest.split(". ").next().unwrap_or(rest);
        let rest = rest.split(", ").next().unwrap_or(rest);
        let name: String = rest
            .split_whitespace()
            .filter(|w| {
                !w.chars().all(|c| c.is_ascii_digit())
                    && *w != "©"
                    && !w.eq_ignore_ascii_case("copyright")
            })
            .collect::<Vec<_>>()
            .join(" ");
        let n = self.resolve(name.trim_end_matches('.'))?;
        (self.is_agency(n) && !self.is_photo(n)).then(|| n.to_string())
    }

    /// A wire's name alone, or after "Source:" / "—": "The Associated Press", "— AFP",
    /// "dpa/ber". Every listed name must be a wire (other than a photo agency) unless the line
    /// says "Source"; the first is the outlet.
    fn wire_name_alone(&self, t: &str) -> Option<String> {
        let trimmed = t.trim_matches(NAME_TRIM);
        let nl = trimmed.to_lowercase();
        let name = after_source_prefix(trimmed, &nl);
        if name.is_empty() || name.split_whitespace().count() > 8 {
            return None;
        }
        // Editors' initials may follow a wire's name ("PTI AKV SKY", "EFE rtq/mvs/ic").
        let name = match name.split_once(' ') {
            Some((wire, rest))
                if self.resolve(wire).is_some()
                    && (crate::normalize::initials(rest)
                        || rest.split('/').all(is_author_code)) =>
            {
                wire
            }
            _ => name,
        };
        let named_source = SOURCE_WORDS.contains(&nl.split(LABEL_ENDS).next().unwrap_or(""));
        let parts = name
            .split(['/', ',', '&'])
            .flat_map(|x| x.split(" and "))
            .map(str::trim)
            .filter(|x| !x.is_empty());
        // The parts are read in one pass, each resolved once; the line is given up at the
        // first part that rules it out.
        let mut first = None;
        for part in parts {
            match self.resolve(part) {
                // After "Source:" a list may name outlets that are not listed beside those
                // that are.
                Some(n) if named_source || (self.is_agency(n) && !self.is_photo(n)) => {
                    first.get_or_insert(n);
                }
                Some(_) => return None,
                // Author codes after a wire ("dpa/ber") are short lower-case tags.
                None if named_source || is_author_code(part) => {}
                None => return None,
            }
        }
        first.map(str::to_string)
    }

    /// A wire's name after a dash closing a paragraph ("… the producers said. — AFP"). Closing
    /// the story's prose (`story`, see [`story_prose`]) it signs the story off: an
    /// attribution. Closing a caption, it credits the picture the caption describes
    /// ("Commuters wade through a flooded street. — AFP"): a photo credit, which a picture
    /// agency may give too.
    pub(super) fn sign_off_line(
        &self,
        para: &str,
        story: bool,
        p: ByteSpan,
        out: &mut Vec<Declaration>,
    ) {
        let Some((at, name)) = sign_off(para) else {
            return;
        };
        let declared = if story {
            self.wire_name_alone(name)
                .map(|o| (DeclKind::Attribution, o))
        } else {
            let trimmed = name.trim_matches(NAME_TRIM);
            self.resolve(trimmed)
                .filter(|n| self.is_agency(n))
                .map(|o| (DeclKind::PhotoCredit, o.to_string()))
        };
        if let Some((kind, outlet)) = declared {
            push(out, kind, outlet, p, at, para.trim_end().len());
        }
    }

    /// "Story by Lena Marsh • The Harbor Gazette", "Story by Jo Roe • 2d • Kitchen & Table": a
    /// portal's credit of a story it carries from another outlet, which is the last field (the
    /// story's age may stand between).
    fn story_by(&self, t: &str, lower: &str) -> Option<String> {
        if !lower.starts_with("story by ") || t.split_whitespace().count() > STORY_BY_WORDS {
            return None;
        }
        let fields: Vec<&str> = t
            .split(['•', '·', '|'])
            .map(str::trim)
            .filter(|f| !f.is_empty() && !crate::normalize::is_age(f))
            .collect();
        let outlet = fields.get(1..).and_then(<[&str]>::last)?;
        let named = outlet.split_whitespace().count() <= 6
            && outlet
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()) || w.len() <= 3);
        named.then(|| self.resolve(outlet).unwrap_or(outlet).to_string())
    }

    /// "By CARLOS MEDINA Associated Press", "By Jo Roe, Reuters", "Von Anna Berger, dpa", "Par
    /// Jean Dupont avec AFP", "Von dpa": a byline in any of the languages of
    /// [`byline::BY`](crate::classify::junk::byline::BY) on a short line whose last words name
    /// a wire (not a photo agency); the wire is the outlet. Without the opening word, a name
    /// and a comma before the wire make the byline a wire story carries at its end ("Jonah
    /// Whitfield, The Canadian Press").
    fn wire_byline(&self, t: &str, lower: &str) -> Option<String> {
        if t.ends_with('.') {
            return None;
        }
        // The byline may be the first field of a stamp ("Por EFE | 12/09/2019 | 10:05").
        if let Some((head, _)) = t.split_once(" | ") {
            let head = head.trim();
            if let Some(wire) = self.wire_byline(head, &head.to_lowercase()) {
                return Some(wire);
            }
        }
        let words: Vec<&str> = t.split_whitespace().collect();
        if words.len() < 2 || words.len() > WIRE_BYLINE_WORDS {
            return None;
        }
        let opened = BY.iter().any(|b| lower.starts_with(&b[1..]));
        // After the opening word the wire may stand alone ("Von dpa"); a name set apart by a
        // comma takes one word at least.
        let most = if opened {
            words.len() - 1
        } else {
            words.len().saturating_sub(2)
        };
        (1..=4.min(most))
            .rev()
            .find_map(|n| {
                let head = &words[..words.len() - n];
                if !opened
                    && !comma_named(head)
                    && !paren_wire_byline(head, &words[words.len() - n..])
                {
                    return None;
                }
                let name = words[words.len() - n..]
                    .join(" ")
                    .trim_matches([',', '(', ')'])
                    .to_string();
                // A desk's code may follow the wire's name ("Von dpa/lsw").
                let outlet = self.resolve(&name).or_else(|| {
                    let (wire, code) = name.split_once('/')?;
                    is_author_code(code).then(|| self.resolve(wire))?
                })?;
                (self.is_agency(outlet) && !self.is_photo(outlet)).then(|| outlet.to_string())
            })
            .or_else(|| self.wire_and_role(t))
    }

    /// "By Mark Duvall, Associated Press Writer", "By Leslie Vogt, AP Entertainment Writer": a
    /// byline whose last part, after its comma, is a wire's name and the reporter's role (a beat
    /// may stand between them).
    fn wire_and_role(&self, t: &str) -> Option<String> {
        let (head, part) = t.rsplit_once(", ")?;
        let lower = head.to_lowercase();
        let name = BY
            .iter()
            .find(|b| lower.starts_with(&b[1..]))
            .map_or(head, |b| &head[b.len() - 1..]);
        let words: Vec<&str> = part.split_whitespace().collect();
        let role = words.last()?.to_lowercase();
        if words.len() < 2
            || !WIRE_ROLES.contains(&role.as_str())
            || !person_name(name.split_whitespace())
        {
            return None;
        }
        (1..words.len()).rev().find_map(|n| {
            let outlet = self.resolve(&words[..n].join(" "))?;
            (self.is_agency(outlet) && !self.is_photo(outlet) && words.len() - n <= 3)
                .then(|| outlet.to_string())
        })
    }

    /// "Distributed by Tribune Content Agency, LLC.": a syndicate's sign-off on a short line;
    /// the outlet is the name after the cue, resolved when listed.
    fn distributed_by(&self, t: &str, lower: &str) -> Option<String> {
        const CUE: &str = "distributed by ";
        static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
            std::sync::OnceLock::new();
        let pos = FINDER
            .get_or_init(|| memchr::memmem::Finder::new(CUE))
            .find(lower.as_bytes())?;
        let opens_sentence =
            lower[..pos].trim_end().is_empty() || lower[..pos].trim_end().ends_with('.');
        if !opens_sentence
            || lower.split_whitespace().count() > 40
            || !t.is_char_boundary(pos + CUE.len())
        {
            return None;
        }
        let name = after_cue(t, pos + CUE.len());
        (!name.is_empty()).then(|| self.resolve_prefix(name).unwrap_or(name).to_string())
    }

    /// "This article was originally published by Futurism.": a first-publication statement
    /// about this very piece on a line of at most 40 words; the outlet is the name after the
    /// cue, resolved when listed.
    fn first_published(&self, t: &str, lower: &str, phrases: u8) -> Option<String> {
        if phrases & FIRST_PUBLISHED_PHRASE == 0 {
            return None;
        }
        let (pos, len) = FIRST_PUBLISHED
            .iter()
            .find_map(|c| lower.find(c).map(|p| (p, c.len())))?;
        // "First published: Apr 11 2024 …" labels a date stamp, not a source.
        let stamp = lower[pos + len..].trim_start().starts_with(':')
            || crate::normalize::publication_stamp(lower);
        // A blog feed's footer names the piece by its title: "The post <title> appeared first
        // on <outlet>."
        let feed_footer = lower.starts_with("the post ") && lower[pos..].starts_with("appeared");
        if stamp
            || !(feed_footer || about_this_piece(lower, pos))
            || lower.split_whitespace().count() > 40
        {
            return None;
        }
        // The name follows the cue: its own words, capitalized when they open the line
        // ("Republished with permission from …"), are no name.
        let after = if t.is_char_boundary(pos + len) {
            pos + len
        } else {
            pos
        };
        // "This report by The Canadian Press was first published …" names its outlet before
        // the cue.
        let by = lower[..pos]
            .rfind(" by ")
            .filter(|&b| t.is_char_boundary(b + 4))
            .map(|b| after_cue(t, b + 4))
            .filter(|n| !n.is_empty());
        let name = by.unwrap_or_else(|| after_cue(t, after));
        // French and Italian elide the article into the name: "d'une dépêche de l'Agence
        // France-Presse".
        let name = ["l'", "l’"]
            .iter()
            .find_map(|a| name.strip_prefix(a))
            .unwrap_or(name);
        let outlet = self.resolve_prefix(name).unwrap_or(name);
        Some(outlet.to_string())
    }

    /// A byline or time stamp that names a wire as its author: "EFE | Murcia, 12 marzo 2024,
    /// 13:47", "NTB Publisert: 03.03.25 10:21", "共同通信 2025年03月14日", "Autor: Hina |
    /// 13.08.2024", "Published On: April 10, 2024 By: PTI", "Ouest-France avec AFP Publié le
    /// 19/11/2024", "WRITER: Reuters". The wire (not a photo agency) either opens a line that
    /// carries a date or time, follows a byline label and its colon, or follows "with" in a
    /// line that carries a date or time.
    fn stamp_wire(&self, t: &str, lower: &str) -> Option<String> {
        let stamped = t.chars().any(|c| c.is_ascii_digit());
        // A label and its colon anywhere: "… By: PTI", "Autor: Hina | …".
        for (at, _) in lower.match_indices([':', '：']) {
            let label = lower[..at]
                .trim_end()
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            if !(BYLINE_LABELS.contains(&label) || SOURCE_WORDS.contains(&label)) {
                continue;
            }
            let colon = lower[at..].chars().next().map_or(1, char::len_utf8);
            if let Some(wire) = self.wire_opening(&t[at + colon..]) {
                return Some(wire);
            }
        }
        if !stamped {
            return None;
        }
        if let Some(wire) = self.wire_opening(t) {
            return Some(wire);
        }
        // "… avec AFP …": a wire credited as a partner in the stamp.
        let words: Vec<&str> = t.split_whitespace().collect();
        let lwords: Vec<&str> = lower.split_whitespace().collect();
        (0..lwords.len().saturating_sub(1))
            .filter(|&i| WITH_WORDS.contains(&lwords[i]))
            .find_map(|i| self.wire_opening(&words[i + 1..].join(" ")))
    }

    /// The wire (not a photo agency) named by the first one to three words of `t`, up to a
    /// field separator.
    fn wire_opening(&self, t: &str) -> Option<String> {
        let field = t.split(STAMP_FIELD_ENDS).next().unwrap_or("").trim();
        let words: Vec<&str> = field.split_whitespace().collect();
        (1..=3.min(words.len())).rev().find_map(|n| {
            let name = words[..n].join(" ");
            let outlet = self.resolve(name.trim_end_matches([',', '.', ':', ';']))?;
            (self.is_agency(outlet) && !self.is_photo(outlet)).then(|| outlet.to_string())
        })
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
                // A possessive names the outlet too ("CNN's Lena Ortiz contributed …").
                let cand = cand
                    .strip_suffix("'s")
                    .or_else(|| cand.strip_suffix("’s"))
                    .unwrap_or(cand);
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
}

/// The length (from the line start) of a wire's credit line: "(Reporting by …; Editing by …)"
/// or "(Reportagem de …)" up to its closing parenthesis, or a whole unbracketed "Reporting by
/// …; editing by …", where the `;` between roles tells it from a byline.
fn reporting_credit(t: &str, lower: &str) -> Option<usize> {
    if let Some(inner) = lower.strip_prefix('(')
        && REPORTING_WORDS.iter().any(|w| {
            inner.strip_prefix(w).is_some_and(|rest| {
                [" by ", " de ", " von ", " di ", ": ", " and ", " y ", " e "]
                    .iter()
                    .any(|j| rest.starts_with(j))
            })
        })
    {
        return Some(t.find(')').map_or(t.len(), |c| c + 1));
    }
    let by = REPORTING_WORDS.iter().any(|w| {
        lower
            .strip_prefix(w)
            .is_some_and(|rest| rest.starts_with(" by "))
    });
    (by && t.contains(';')).then_some(t.len())
}

/// Whether a lower-cased line credits contributors: "… contributed to this report",
/// "Contributing: …".
fn contributor_line(lower: &str, phrases: u8) -> bool {
    (phrases & CONTRIBUTED_PHRASE != 0 && CONTRIBUTED.iter().any(|c| lower.contains(c)))
        || lower.starts_with("contributing:")
}

/// Whether a part of a wire's credit is an author code, a short lower-case tag ("ber" in
/// "dpa/ber").
fn is_author_code(part: &str) -> bool {
    part.len() <= 4 && part.chars().all(char::is_lowercase)
}

/// Most words of a portal's "Story by" credit line.
const STORY_BY_WORDS: usize = 16;

/// Whether a lower-cased text has a word saying wires contributed ("wires", "agencies",
/// "inputs").
fn has_wire_word(lower: &str) -> bool {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| WIRE_WORDS.contains(&w))
}

/// What ends the word that opens a sign-off: a space, or a colon (full-width in CJK text,
/// which has no space before the name: `来源：新华社`).
const LABEL_ENDS: [char; 4] = [' ', ':', '：', '՝'];

/// `name` past a prefix that only introduces its source ("Source:", "via", "por"); `lower` is
/// `name` lower-cased. A prefix without a colon needs a space after it ("Byline" keeps its
/// "By").
pub(in crate::provenance) fn after_source_prefix<'a>(name: &'a str, lower: &str) -> &'a str {
    let first = lower.split(LABEL_ENDS).next().unwrap_or("");
    if first.len() == lower.len() || !name.is_char_boundary(first.len()) {
        return name;
    }
    let rest = &name[first.len()..];
    if SOURCE_WORDS.contains(&first) {
        if let Some(after) = rest.trim_start().strip_prefix([':', '：', '՝']) {
            return after.trim();
        }
    } else if SOURCE_OPENERS.contains(&first) && rest.starts_with(' ') {
        return rest.trim();
    }
    name
}

/// Whether the first-publication phrase at `pos` of a lower-cased line states where this very
/// piece came from, rather than reporting on another: it opens its sentence, or its subject
/// is a short phrase naming this piece ("This article was …", "A version of this story …",
/// "Este artigo foi …").
fn about_this_piece(lower: &str, pos: usize) -> bool {
    let subject = lower[..pos]
        .trim_end()
        .rsplit(['.', '!', '?'])
        .next()
        .unwrap_or("");
    let sw: Vec<&str> = subject
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    sw.is_empty()
        || (sw.len() <= SUBJECT_WORDS
            && sw.iter().any(|w| WORK_WORDS.contains(w))
            && sw.iter().any(|w| THIS_WORDS.contains(w)))
}

/// The name after a first-publication cue ending at `pos`: past up to seven lower-case words ("by", "on", "no", "zuerst bei"), the run of name words that follows.
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

/// Whether `t` (trimmed) can hold none of the shapes [`OutletLexicon::attribution_line`]
/// takes, told without lower-casing it: it opens with no parenthesis or `©`, holds no `;`
/// (a credit line lists its roles with them), no contributor or first-publication phrase, and
/// has more than ten words (a wire's name alone, even after "Source :", has at most eight).
fn cannot_attribute(t: &str, phrases: u8) -> bool {
    phrases & (CONTRIBUTED_PHRASE | FIRST_PUBLISHED_PHRASE) == 0
        && !t.starts_with(['(', '©'])
        && super::after_copyright_word(t).is_none()
        && !t.contains(';')
        && !t
            .get(..13)
            .is_some_and(|h| h.eq_ignore_ascii_case("contributing:"))
        && more_words_than(t.trim_matches(NAME_TRIM), 10)
}

/// Whether `s` has more than `n` words, as `split_whitespace` splits it; ASCII is read byte by
/// byte (its white space is the space and U+0009 to U+000D).
fn more_words_than(s: &str, n: usize) -> bool {
    if !s.is_ascii() {
        return s.split_whitespace().nth(n).is_some();
    }
    let mut words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = matches!(b, b' ' | b'\t'..=b'\r');
        if !space && !in_word {
            words += 1;
            if words > n {
                return true;
            }
        }
        in_word = !space;
    }
    false
}
