//! Author bios, contact lines and reporting credits.
//!
//! **What it flags**: the credits of the people behind the story rather than the story:
//! "(Reporting by …; Editing by …)", "X contributed to this report", "Contributing: …",
//! "With Post wires", "Staff Reports", "Write to X at …", a reporter's e-mail address or
//! social-profile link on its own, "Name, Outlet correspondent".
//!
//! **Evidence**: a credit phrase of the cue file (whole line; start of a line of at most 40
//! words that is not mostly stopwords or carries a link or parenthesis; inside a line of
//! at most 45 words), or the line's shape (only e-mail addresses, handles and profile links;
//! a short comma line naming a reporter's role; "By" and a name, every word capitalized and
//! none of the name's a stopword, as whole-page dumps keep the byline under the headline);
//! among the article's last lines, a bio written as a sentence: a name, then "is a" and a
//! reporter's role, or a verb of beat and "for" an outlet.
//!
//! **Example**: `(Reporting by Will Dunham; Editing by Tom Brown)`, `By Dana Whitfield`.
//!
//! **Known misses**: a bare author name on its own line (it reads like a caption or subhead);
//! a byline naming two people ("By Jo Roe and Al Poe"); a bio that opens otherwise than with
//! the name ("A veteran of three wars, Jo Roe …") or stands above the story.

use super::lexicon::{CueHits, JunkLexicon, Rule};
use super::shape::{Line, is_link_token};
use super::sig;

/// Roles a byline line names after the reporter ("Caroline Hawley, BBC diplomatic
/// correspondent"). Kept short: the word must also sit on a short comma line with no full stop.
pub(crate) const ROLES: [&str; 37] = [
    " correspondent ",
    " reporter ",
    " editor ",
    " columnist ",
    " staff writer ",
    " contributor ",
    " correspondente ",
    " corresponsal ",
    " corrispondente ",
    " korrespondent ",
    " korrespondentin ",
    " redakteur ",
    " journaliste ",
    " wartawan ",
    " корреспондент ",
    " reporterin ",
    " 기자 ",
    " 記者 ",
    " rédactrice ",
    " rédacteur ",
    " redactora ",
    " redactor ",
    " redattore ",
    " redattrice ",
    " repórter ",
    " jornalista ",
    " periodista ",
    " giornalista ",
    " संवाददाता ",
    " प्रतिनिधि ",
    " प्रतिनिधी ",
    " প্রতিনিধি ",
    " সংবাদদাতা ",
    " প্রতিবেদক ",
    " நிருபர் ",
    " செய்தியாளர் ",
    " ലേഖകൻ ",
];

/// The word that opens a byline, in the languages whose bylines open with one ("By", "Por",
/// "Par", "Von", "Di", "Oleh", "Door", "Av", "Af", "De", "Ni").
pub(crate) const BY: [&str; 11] = [
    " by ", " por ", " par ", " von ", " di ", " oleh ", " door ", " av ", " af ", " de ", " ni ",
];
/// Most words of a name after [`BY`].
const NAME_WORDS: usize = 5;
/// The lower-case particles of names ("de Vries", "van der Berg", "da Silva", "bin Ahmad").
pub(crate) const NAME_PARTICLES: [&str; 20] = [
    "de", "van", "der", "den", "von", "da", "di", "del", "della", "dos", "das", "du", "le", "la",
    "ter", "ten", "bin", "binti", "al", "el",
];
/// Most particles in one name.
const NAME_PARTICLES_MAX: usize = 2;

/// The signals this rule adds to a line.
pub(crate) fn check(lex: &JunkLexicon, l: &Line, h: CueHits) -> u32 {
    let cue = (h.line(Rule::Byline) && l.words <= 5)
        || (h.prefix(Rule::Byline)
            && l.words <= 40
            && (l.stopword_share() <= 0.5 || l.link_like || l.text.starts_with('(')))
        || (h.inside(Rule::Byline) && l.words <= 45);
    if cue {
        return sig::BYLINE;
    }
    if contact_only(l.text) || role_and_address(l) || name_and_handle(l.text) || reach_name(l) {
        return sig::BYLINE | sig::SHAPE;
    }
    let role = l.words <= 8
        && l.text.contains([',', '|'])
        && !l.ends_sentence()
        && ROLES.iter().any(|r| l.norm.contains(r));
    if role || by_name(l) || by_name_of_wire(lex, l) || role_label(l) || with_wires(lex, l) {
        sig::BYLINE | sig::SHAPE
    } else {
        0
    }
}

/// Lines at an article's end, past its trailing furniture, that a bio written as a sentence
/// is looked for in: bios close an article, while a sentence about a reporter further up is
/// the story's own.
const BIO_TAIL_LINES: usize = 2;

/// Most words of a bio sentence's line.
const BIO_MAX_WORDS: usize = 60;

/// What a bio says its subject is ("is a staff reporter", "is the author of"), lower case.
const BIO_ROLES: [&str; 18] = [
    "reporter",
    "writer",
    "journalist",
    "correspondent",
    "editor",
    "columnist",
    "photographer",
    "photojournalist",
    "contributor",
    "producer",
    "author",
    "freelancer",
    "freelance",
    "intern",
    "fellow",
    "critic",
    "anchor",
    "reporter/editor",
];

/// Marks an author's bio written as ordinary sentences among the article's last lines (those
/// not already flagged): "Jane Roe is a staff reporter covering city hall." The phrases of the
/// cue file find the bios whose wording is fixed ("is a reporter for", "es periodista"); this
/// finds the rest by their shape: a name, then what the person is or covers.
pub(crate) fn mark_bios(lines: &[Line], first: usize, out: &mut [u32]) {
    let tail = (first..lines.len())
        .rev()
        .filter(|&i| out[i] & sig::RULES == 0)
        .take(BIO_TAIL_LINES);
    for i in tail.collect::<Vec<_>>() {
        if !lines[i].block && (bio_sentence(&lines[i]) || writer_bio(&lines[i])) {
            out[i] |= sig::BYLINE | sig::SHAPE;
        }
    }
}

/// Marks an author's name standing alone on the line above the story's date stamp ("Jane
/// Roe" then "Fri 8 Mar 2024 15.30 GMT"), as pages set the byline without its "By": a name
/// alone reads like a caption or subhead, but above a flagged stamp with figures it is the
/// credit's other half. `know_stop` says the article's stopwords are known, so that a name
/// can be told by holding none.
pub(crate) fn mark_names_over_stamps(
    lines: &[Line],
    first: usize,
    know_stop: bool,
    out: &mut [u32],
) {
    if !know_stop {
        return;
    }
    for i in first..lines.len().saturating_sub(1) {
        let stamp = out[i + 1] & sig::PAGE_META != 0 && lines[i + 1].digits > 0;
        if stamp && out[i] & sig::RULES == 0 && bare_name(&lines[i]) {
            out[i] |= sig::BYLINE | sig::SHAPE;
        }
    }
}

/// A person's name alone: two or three capitalized words (and the particles of names), no
/// stopword, figure or punctuation but a name's own.
fn bare_name(l: &Line) -> bool {
    (2..=3 + NAME_PARTICLES_MAX).contains(&l.words)
        && l.digits == 0
        && l.stopwords == 0
        && !l.block
        && !l.link_like
        && l.letters >= 5
        && l.text
            .chars()
            .all(|c| c.is_alphabetic() || matches!(c, ' ' | '-' | '\'' | '’' | '.'))
        && l.capitalized + NAME_PARTICLES_MAX >= l.words
        && l.norm
            .split(' ')
            .filter(|w| !w.is_empty())
            .filter(|w| NAME_PARTICLES.contains(w))
            .count()
            + l.capitalized
            >= l.words
}

/// The verbs of a bio after its subject's name, padded with spaces.
const BIO_VERBS: [&str; 6] = [
    " is ",
    " covers ",
    " writes ",
    " reports ",
    " receives funding ",
    " does not work for ",
];

/// The end of the text a bio's verb is looked for in: the start of its fifth word (by
/// whitespace) and the length of the longest verb, or the text's end.
fn name_verb_window(text: &str) -> usize {
    let longest = BIO_VERBS.iter().map(|v| v.len()).max().unwrap_or(0);
    let mut words = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        let space = c.is_whitespace();
        if !space && !in_word {
            words += 1;
            if words == 5 {
                let mut end = (i + longest).min(text.len());
                while !text.is_char_boundary(end) {
                    end += 1;
                }
                return end;
            }
        }
        in_word = !space;
    }
    text.len()
}

/// "Jane Roe is a staff reporter at the Ledger.", "Al Poe covers courts for the Ledger.": a
/// name of two to four capitalized words opens the line, then "is a / an / the" and a
/// reporter's role within a few words, or a verb of beat ("covers", "writes", "reports") and
/// "for" an outlet, in the first sentence.
fn bio_sentence(l: &Line) -> bool {
    if !(5..=BIO_MAX_WORDS).contains(&l.words) || l.text.starts_with(['"', '\u{201c}', '\u{ab}']) {
        return false;
    }
    // The verb that follows the name, first in the line. A name has at most four words, so
    // only the text up to the fifth word's start and a verb's length is searched: a verb
    // first found past it has five words or more before it, which is no name either way.
    let head = &l.text[..name_verb_window(l.text)];
    // Every verb opens with a space, and none opens another: the first space a verb starts at.
    let Some((at, verb)) = memchr::memchr_iter(b' ', head.as_bytes()).find_map(|at| {
        BIO_VERBS
            .iter()
            .find(|v| head[at..].starts_with(**v))
            .map(|v| (at, *v))
    }) else {
        return false;
    };
    let (name, rest) = (&l.text[..at], &l.text[at + verb.len()..]);
    let names: Vec<&str> = name.split_whitespace().collect();
    let is_name = (2..=4).contains(&names.len())
        && names[0].starts_with(char::is_uppercase)
        && names
            .iter()
            .all(|w| w.starts_with(char::is_uppercase) || NAME_PARTICLES.contains(w))
        && !name.contains(|c: char| c.is_ascii_digit() || matches!(c, ',' | ':' | '"'));
    if !is_name {
        return false;
    }
    let sentence = rest.split(['.', ';', '!', '?']).next().unwrap_or(rest);
    let words: Vec<String> = sentence
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '/')
                .to_lowercase()
        })
        .collect();
    // A disclosure of the author's interests: "Jo Roe receives funding from the research
    // council.", "Jo Roe does not work for, consult, own shares in …".
    if matches!(verb, " receives funding " | " does not work for ") {
        return true;
    }
    if verb == " is " {
        matches!(words.first().map(String::as_str), Some("a" | "an" | "the"))
            && words
                .iter()
                .take(8)
                .any(|w| BIO_ROLES.contains(&w.as_str()))
    } else {
        sentence.split_once(" for ").is_some_and(|(_, outlet)| {
            outlet
                .trim_start_matches("the ")
                .starts_with(char::is_uppercase)
        })
    }
}

/// How an opinion page's closing note names its subject when it does not name the writer,
/// lower case, each with its verb: "The writer is a former ambassador to Japan.", "The author
/// is a lecturer in economics at the University of Rwanda.", "L'auteur est professeur de
/// droit.", "Penulis adalah dosen …". What follows is the writer's post, whatever it is, so no
/// role is asked of it.
const WRITER_SUBJECTS: [&str; 18] = [
    "the writer is ",
    "the writers are ",
    "the author is ",
    "the authors are ",
    "the columnist is ",
    "l'auteur est ",
    "l’auteur est ",
    "l'autrice est ",
    "l’autrice est ",
    "el autor es ",
    "la autora es ",
    "o autor é ",
    "a autora é ",
    "der autor ist ",
    "die autorin ist ",
    "l'autore è ",
    "penulis adalah ",
    "penulis merupakan ",
];

/// "The writer is a former ambassador to Japan.": a bio that names its subject by role
/// ([`WRITER_SUBJECTS`]), among the article's last lines as [`mark_bios`] reads them.
fn writer_bio(l: &Line) -> bool {
    if !(5..=BIO_MAX_WORDS).contains(&l.words) {
        return false;
    }
    let longest = WRITER_SUBJECTS.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut end = l.text.len().min(longest);
    while !l.text.is_char_boundary(end) {
        end -= 1;
    }
    let head = l.text[..end].to_lowercase();
    WRITER_SUBJECTS.iter().any(|s| head.starts_with(s))
}

/// "By Dana Whitfield", "Door Sanne de Vries", "di Giulia Ferraresi": a byline word (in lower
/// case too, as Italian sets it), then a name of one to [`NAME_WORDS`] capitalized words (and
/// the particles of names) with no other stopword among them but initials ("By The Numbers"
/// is a subhead), no figures and no closing punctuation.
fn by_name(l: &Line) -> bool {
    // Every line of an article comes here: the counts first, the pass over the words last.
    if !(2..=NAME_WORDS + 1 + NAME_PARTICLES_MAX).contains(&l.words)
        || l.digits != 0
        || l.capitalized + 1 + NAME_PARTICLES_MAX < l.words
        || !BY.iter().any(|b| l.norm.starts_with(b))
        || l.ends_sentence()
    {
        return false;
    }
    let lower_opener = usize::from(l.text.trim_start().starts_with(char::is_lowercase));
    let words = l.norm.split(' ').filter(|w| !w.is_empty());
    let particles = words
        .clone()
        .skip(1)
        .filter(|w| NAME_PARTICLES.contains(w))
        .count();
    let singles = words.clone().filter(|w| w.chars().count() == 1).count();
    // Two reporters: "By Jo Roe and Al Poe" (one "and" between two names of two words or more).
    let and = usize::from(words.clone().filter(|w| *w == "and").count() == 1 && l.words >= 6);
    particles <= NAME_PARTICLES_MAX
        && l.words <= NAME_WORDS + 1 + particles + and * (NAME_WORDS - 1)
        && l.capitalized + particles + lower_opener + and >= l.words
        && l.stopwords <= 1 + singles + particles + and
}

/// "By CARLOS MEDINA Associated Press", "By Jo Roe AFP", "Von dpa": a byline word, a name, then a wire's
/// name with no comma between, as wire copy sets its byline. The wire's words may be
/// stopwords ("Associated Press"), so [`by_name`] does not take the line; every word but the
/// byline word is capitalized, and the wire is a whole-line phrase of the source-footer cues.
fn by_name_of_wire(lex: &JunkLexicon, l: &Line) -> bool {
    if !(2..=NAME_WORDS + 4).contains(&l.words)
        || l.digits != 0
        || l.capitalized + 1 < l.words
        || l.ends_sentence()
        || !BY.iter().any(|b| l.norm.starts_with(b))
    {
        return false;
    }
    let words: Vec<&str> = l.norm.split_whitespace().collect();
    // The name may be left out: "Von dpa", "By AP".
    (1..words.len().min(NAME_WORDS + 2))
        .any(|k| lex.only_line_phrases(Rule::SourceFooter, &words[k..]))
}

/// "Editor: Dedi Santoso", "Texto: Ana Prado": a credit's role, a colon and a name of one to
/// four capitalized words, alone on the line or beside another such credit after a bar.
fn role_label(l: &Line) -> bool {
    if !(2..=10).contains(&l.words) || l.digits != 0 || l.ends_sentence() {
        return false;
    }
    // Several credits may share the line: "Penulis: Dede Rusmana | Editor: Nina Kurniasih",
    // "영상취재 : 박정우 / 영상편집 : 이하늘".
    l.text
        .split('|')
        .flat_map(|c| c.split(" / "))
        .all(|credit| {
            let Some((label, name)) = credit.split_once(':') else {
                return false;
            };
            let words: Vec<&str> = name.split_whitespace().collect();
            ROLE_LABELS.contains(&label.trim().to_lowercase().as_str())
                && (1..=4).contains(&words.len())
                && words.iter().all(|w| {
                    // A name in a script without case (Korean, Chinese) has no capital to show.
                    w.chars().next().is_some_and(|c| {
                        c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase())
                    })
                })
        })
}

/// Roles a credit line names before a colon, lower case, in several languages.
const ROLE_LABELS: [&str; 48] = [
    "editor",
    "editora",
    "reporter",
    "writer",
    "author",
    "text",
    "texto",
    "testo",
    "texte",
    "autor",
    "autora",
    "auteur",
    "autore",
    "autorin",
    "redacción",
    "redação",
    "redaktion",
    "redaktur",
    "penulis",
    "pewarta",
    "wartawan",
    "jurnalis",
    "kontributor",
    "fotografer",
    "редактор",
    "автор",
    "haber",
    "muhabir",
    "yazar",
    "författare",
    "szerző",
    "kirjoittaja",
    "toimittaja",
    "forfatter",
    "journalist",
    "redaktør",
    "redaktör",
    "autorka",
    "reportér",
    "συντάκτης",
    "edição",
    "edición",
    "كتب",
    "영상취재",
    "영상편집",
    "촬영기자",
    "취재",
    "편집",
];

/// "Com Lusa", "With AP", "Mit dpa/AFP": a word for "with", then wires' names alone (those of
/// the source-footer cues): a reporting credit.
fn with_wires(lex: &JunkLexicon, l: &Line) -> bool {
    if !(2..=6).contains(&l.words) {
        return false;
    }
    let words: Vec<&str> = l.norm.split_whitespace().collect();
    WITH.contains(&words[0]) && lex.only_line_phrases(Rule::SourceFooter, &words[1..])
}

/// "With" in the languages whose reporting credits open with it.
const WITH: [&str; 10] = [
    "with", "com", "con", "avec", "mit", "met", "med", "cu", "z", "dengan",
];

/// A reporter's name, role and address on a short line ("Kim Min-su 기자 kms@example.co.kr",
/// "Jo Roe, staff reporter, jroe@example.com").
fn role_and_address(l: &Line) -> bool {
    l.link_like
        && l.words <= 8
        && !l.ends_sentence()
        && l.text.contains('@')
        && ROLES.iter().any(|r| l.norm.contains(r))
}

/// A reporter's name and social handle as a byline prints them: "Natasha Turak @NatashaTurak",
/// "Jo Roe @joroe / 2 days". A post quoted in the story cites its author in parentheses
/// ("— Jo Roe (@joroe) March 3, 2024") and stays the story's.
fn name_and_handle(text: &str) -> bool {
    // Every line comes here: lines without a handle leave before anything is split.
    if !text.contains('@') {
        return false;
    }
    let (main, after) = match text.split_once(" / ") {
        Some((m, a)) => (m, Some(a)),
        None => (text, None),
    };
    // What may follow the handle is a short stamp: "2 days", "Nov 19, 2019".
    if after.is_some_and(|a| {
        a.split_whitespace().count() > 3 || !a.contains(|c: char| c.is_ascii_digit())
    }) {
        return false;
    }
    let words: Vec<&str> = main.split_whitespace().collect();
    let Some((handle, name)) = words.split_last() else {
        return false;
    };
    let handle_ok = handle.len() >= 3
        && handle.starts_with('@')
        && handle[1..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_');
    handle_ok
        && (2..=NAME_WORDS).contains(&name.len())
        && name.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\''))
        })
}

/// Labels a contact line may open with ("Email: jo@example.com", "Twitter: @jo").
const CONTACT_LABELS: [&str; 8] = [
    "email:",
    "e-mail:",
    "mail:",
    "contact:",
    "twitter:",
    "x:",
    "instagram:",
    "correo:",
];

/// Only e-mail addresses, `@handles` and social-profile links, perhaps after a label of
/// [`CONTACT_LABELS`].
/// Verbs that open a line telling the reader how to reach a reporter, lower case.
const REACH_VERBS: [&str; 5] = ["reach", "contact", "call", "email", "e-mail"];
/// Most words of such a line.
const REACH_WORDS: usize = 16;
/// Fewest digits of a telephone number.
const PHONE_DIGITS: usize = 7;

/// "Reach Jo Roe at 555-0148 or jroe@example.com.", "Call Jo Roe, (916) 555-1067.": a verb
/// of reaching, a capitalized name, and an e-mail address or a telephone number, on a short
/// line.
fn reach_name(l: &Line) -> bool {
    if l.words > REACH_WORDS {
        return false;
    }
    let mut words = l.text.split_whitespace();
    let opens = words
        .next()
        .is_some_and(|w| REACH_VERBS.iter().any(|v| w.eq_ignore_ascii_case(v)));
    let named = words
        .take(2)
        .all(|w| w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase));
    opens && named && (l.text.contains('@') || (l.digits >= PHONE_DIGITS && phone(l.text)))
}

/// Whether `text` holds a telephone number's parts: an area code in brackets ("(916)") or
/// groups of figures joined by a hyphen ("555-0148"), not a count ("1,200,000").
fn phone(text: &str) -> bool {
    text.split_whitespace().any(|tok| {
        let t = tok.trim_end_matches(['.', ',', ';']);
        let area = t.len() == 5
            && t.starts_with('(')
            && t.ends_with(')')
            && t[1..4].bytes().all(|b| b.is_ascii_digit());
        let groups = t.contains('-')
            && t.split('-').count() >= 2
            && t.split('-')
                .all(|g| (2..=4).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_digit()));
        area || groups
    })
}

fn contact_only(text: &str) -> bool {
    // Every profile link holds a `/` and every address an `@`: a line with neither holds no
    // contact, and its words are not lower-cased one by one.
    if memchr::memchr2(b'/', b'@', text.as_bytes()).is_none() {
        return false;
    }
    let labelled = text
        .split_whitespace()
        .next()
        .is_some_and(|w| CONTACT_LABELS.iter().any(|l| w.eq_ignore_ascii_case(l)));
    let mut any = false;
    for tok in text.split_whitespace().skip(usize::from(labelled)) {
        let t = tok.trim_end_matches(['.', ',', ';']).to_ascii_lowercase();
        let profile = [
            "twitter.com/",
            "x.com/",
            "facebook.com/",
            "instagram.com/",
            "linkedin.com/in/",
        ]
        .iter()
        .any(|p| t.contains(p));
        let contact = profile || (is_link_token(&t) && (t.contains('@')));
        if !contact {
            return false;
        }
        any = true;
    }
    any
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::{fired, fired_all};

    #[test]
    fn a_name_above_the_date_stamp_is_the_byline() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge.";
        for stamp in ["Fri 8 Mar 2024 15.30 GMT", "Published: March 6, 2024"] {
            let got = fired_all(&["Helen Pollard", stamp, body]);
            assert!(got[0] & sig::BYLINE != 0, "{stamp}");
        }
        // A subhead above a sentence with a date, or a name above a sentence, stays.
        let got = fired_all(&[
            body,
            "Local Elections",
            "Polls close at 10pm on 4 July 2024.",
            body,
        ]);
        assert_eq!(got[1], 0);
        let got = fired_all(&[body, "Helen Pollard", body]);
        assert_eq!(got[1], 0);
    }

    #[test]
    fn bios_written_as_sentences_close_the_article() {
        for t in [
            "Jane Smith is a reporter covering city hall for the Daily Ledger. She previously worked in Ohio.",
            "Omar T. Lindqvist is the author of three books on the Baltic.",
            "Al Poe covers courts and public safety for The Ledger.",
            "Mary-Kate O'Neill is a freelance journalist based in Cork.",
            "Helen Bright receives funding from the Natural Environment Research Council.",
            "The writer is a former ambassador to Japan and teaches at a university in Lahore.",
            "The author is a lecturer in agricultural economics at the University of Kigali.",
            "L'auteur est professeur de droit public à l'université de Lyon.",
        ] {
            assert!(fired(t) & sig::BYLINE != 0, "{t}");
        }
        for t in [
            "The Senate is a body of elected members who serve six-year terms.",
            "Jane Smith is a mother of three who has lived on the street since 1990.",
            "Smith is a reporter.",
            "Al Poe covers his face as he leaves the courthouse for the last time.",
            "\"Jane Smith is the best writer we have,\" the editor said.",
            "The writer is unknown.",
            "The author of the report is a former minister, the agency said.",
        ] {
            assert_eq!(fired(t) & sig::BYLINE, 0, "{t}");
        }
        // Further up, the same words are the story's: a review's remark about a book's author.
        let review = [
            "The author is a former diplomat who spent decades in Moscow, and it shows on every page.",
            "The council approved the budget on Tuesday after a long debate about the cost of the new bridge.",
            "The council approved the budget on Tuesday after a long debate about the cost of the new bridge.",
            "The council approved the budget on Tuesday after a long debate about the cost of the new bridge.",
        ];
        assert_eq!(fired_all(&review)[0] & sig::BYLINE, 0);
    }

    #[test]
    fn the_verb_window_finds_the_first_verb_after_a_name() {
        for t in [
            "Jane Smith is a reporter.",
            "Mary Ann de Vries covers courts.",
            "One two three four five is six.",
            "A  b\tc d é does not work for anyone.",
            "Omar T. Lindqvist",
        ] {
            let head = &t[..super::name_verb_window(t)];
            let first = |s: &str| super::BIO_VERBS.iter().filter_map(|v| s.find(v)).min();
            let (full, windowed) = (first(t), first(head));
            let words = |at: usize| t[..at].split_whitespace().count();
            assert!(
                full == windowed || full.is_some_and(|at| words(at) >= 5),
                "{t}"
            );
        }
    }

    #[test]
    fn credits_in_several_languages() {
        for t in [
            "(Reporting by Will Dunham; Editing by Tom Brown)",
            "Email: jdoe@example.com",
            "Reach the reporter at jdoe@example.com.",
            "Contact the author at jdoe@example.com.",
            "Author of the article: Priya Dhaliwal",
            "מאת: נועה בן-דוד",
            "Na Mwandishi Wetu",
            "انتهای پیام",
            "Jane Doe contributed to this report.",
            "Contributing: Kristine Phillips",
            "Com informações de Reuters e AFP",
            "Con información de EFE",
            "Mit Material von dpa",
            "jane.doe@example.com",
            "twitter.com/janedoe",
            "Caroline Hawley, BBC diplomatic correspondent",
            "By Dana Whitfield",
            "By Marisa Delgado and Owen Pruitt",
            "By Omar T. Lindqvist",
            "Por Lucía Ferrando",
            "Door Femke de Wit",
            "di Chiara Bellomo",
            "Editor: Rudi Hartono",
            "Texto: Ana Prado",
            "Oriol Vidal es periodista y cubre la política catalana.",
            "Penulis: Dede Rusmana | Editor: Nina Kurniasih",
            "영상취재 : 박정우 / 영상편집 : 이하늘",
            "Haber: Selin Aksoy",
            "de Andrei Pop",
            "Dana Whitfield | Staff Writer",
            "Com Lusa",
            "With AP",
            "(With inputs from PTI)",
            "김민수 기자 kms@example.co.kr",
            "With files from The Canadian Press",
            "By CARLOS MEDINA Associated Press",
            "By Jo Roe AFP",
            "Von dpa",
            "Natasha Turak @NatashaTurak",
            "Produced by Maria Lopez",
            "Jo Roe @joroe / 2 days",
            "Reach Jo Roe at 555-0148 or jroe@example.com.",
            "Call Jo Roe, (916) 555-1067.",
            "Contact Al Poe at apoe@example.com",
        ] {
            assert!(fired(t) & sig::BYLINE != 0, "{t}");
        }
        for t in [
            "By The Numbers",
            "— Jo Roe (@joroe) March 3, 2024",
            "Thanks to @joroe",
            "By Land And Sea",
            "By Land and Sea",
            "By 2030",
            "By the way",
            "di tutto un po'",
            "Editor: the numbers behind the story",
            "Editor's note: This story was updated.",
            "With Love, From Paris",
            "de todos modos",
            "Call it a comeback, 2,500,000 fans said.",
            "Contact Tracing App reaches 1,200,000 downloads",
        ] {
            assert_eq!(fired(t) & sig::BYLINE, 0, "{t}");
        }
        assert_eq!(fired("http://amzn.to/2iJFhRj") & sig::BYLINE, 0);
        assert_eq!(
            fired(
                "Reporting by the newspaper showed that the company had known about the flaw for years."
            ) & sig::BYLINE,
            0
        );
    }
}
