//! Datelines: a place, optional region and date, then an agency and/or a dash or colon, at the
//! start of the body (`WASHINGTON (AP) —`, `MOSCOW, November 20. /TASS/.`, `(CNN) —`).

use super::OutletLexicon;
use super::names::{connector, is_caps, name_like};
use super::places::{PLACE_WORDS, is_place};
use crate::provenance::floor_char;

/// Longest paragraph prefix searched for a dateline, in bytes.
const DATELINE_HEAD: usize = 200;

/// Most bytes searched for the close of a Chinese dispatch line, and for its reporters' names.
const DISPATCH_BYTES: usize = 72;
/// Most characters of the agency's name opening a Chinese dispatch line ("新华社").
const DISPATCH_AGENCY_CHARS: usize = 6;

/// Dashes that close a dateline.
const DASHES: [&str; 7] = [".-", "—", "–", "―", "--", "-", "−"];

/// Words that open a line but never name a place (web furniture before a dash or colon).
pub(super) const NOT_PLACES: [&str; 60] = [
    "more",
    "trending",
    "recommended",
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
    "explainer",
    "factbox",
    "comment",
    "review",
    "interview",
    "editorial",
    "timeline",
    "recap",
    "preview",
    "verdict",
    "pros",
    "cons",
    "meanwhile",
    "however",
    "today",
    "tonight",
    "yesterday",
    "inset",
    "pictured",
    "caption",
];

/// The place of a dateline as far as it has been read: what its segments were decides which
/// closing (dash, agency, colon) it may take.
struct Place<'a> {
    /// Bytes of the head read so far, up to the end of the last segment.
    end: usize,
    /// Comma-separated segments read.
    segments: usize,
    /// Whether the first segment is in capitals: such a place takes any dash, and a colon.
    first_caps: bool,
    /// An outlet's own name standing as the first segment: "PanARMENIAN.Net -",
    /// "Liputan6.com, Jakarta -".
    own: Option<&'a str>,
    /// The first segment is a place with its date written after it, without a comma
    /// ("Nitra 29. januára"): only a listed agency in parentheses may close it.
    dated: bool,
}

impl<'a> Place<'a> {
    /// Reads the next segment of `head` (up to a comma, "(", a dash, a colon, "/" or a line
    /// end) and returns it with whether a spaced hyphen ends it; `None` when it cannot be part
    /// of a place, or opens with a word that never names one.
    fn next_segment(&mut self, head: &'a str) -> Option<(&'a str, bool)> {
        let rest = &head[self.end..];
        let seg_len = segment_end(rest);
        // A stop and a hyphen close a Spanish-American dateline ("León, Guanajuato.-").
        let seg_len = find_before_hyphen(&rest[..seg_len], b'.').unwrap_or(seg_len);
        // A hyphen dash is " - ", a word's hyphen is not.
        let (seg_len, hyphen) = match find_before_hyphen(&rest[..seg_len], b' ') {
            Some(h) => (h, true),
            None => (seg_len, false),
        };
        let seg = rest[..seg_len].trim();
        let seg = seg.trim_end_matches('.').trim_end();
        let first = self.segments == 0;
        if first && domainish(seg) {
            self.own = Some(seg);
        } else if first && place_then_date(seg) {
            self.dated = true;
        } else if !place_segment(seg, first) {
            return None;
        }
        if first {
            self.first_caps = is_caps(seg);
            let word = seg.split_whitespace().next().unwrap_or("");
            if NOT_PLACES.contains(&word.to_lowercase().trim_end_matches('\'')) {
                return None;
            }
        }
        self.segments += 1;
        self.end += seg_len;
        Some((seg, hyphen))
    }
}

/// Where the segment of a place opening `rest` ends: at the first comma, "(", colon, "/", long
/// dash or line end (the bytes of `rest` are read once, a long dash by its lead byte).
fn segment_end(rest: &str) -> usize {
    let bytes = rest.as_bytes();
    bytes
        .iter()
        .enumerate()
        .position(|(i, &b)| match b {
            b',' | b'(' | b':' | b'/' | b'\n' => true,
            // '—', '–', '―': E2 80 94, E2 80 93, E2 80 95.
            0xE2 => matches!(bytes.get(i + 1..i + 3), Some([0x80, 0x93..=0x95])),
            _ => false,
        })
        .unwrap_or(rest.len())
}

/// Where `before` followed by a hyphen first occurs in `s`, found from the hyphens (most text
/// has none). `before` is ASCII.
fn find_before_hyphen(s: &str, before: u8) -> Option<usize> {
    let bytes = s.as_bytes();
    memchr::memchr_iter(b'-', bytes)
        .find(|&h| h > 0 && bytes[h - 1] == before)
        .map(|h| h - 1)
}

impl OutletLexicon {
    /// The end (in bytes from the paragraph start) and outlet of a dateline opening `para`.
    pub(super) fn dateline_at(&self, para: &str) -> Option<(usize, String)> {
        let head = &para[..floor_char(para, DATELINE_HEAD)];
        if let Some(found) = self
            .dispatch_dateline(head)
            .or_else(|| self.bracket_reporter(head))
            .or_else(|| self.lenticular_dateline(head))
        {
            return Some(found);
        }
        if head.starts_with(arabic_letter)
            && let Some(found) = self.arabic_dateline(head)
        {
            return Some(found);
        }
        match head.strip_prefix('(') {
            Some(rest) => self.paren_dateline(head, rest),
            None => self
                .place_dateline(head)
                .or_else(|| known_place_dateline(head).map(|end| (end, String::new()))),
        }
    }

    /// An Arabic wire's dateline: a place, a date (after "في", or in figures and dashes), then
    /// the wire between slashes, in parentheses or closed by a dash: "أبوظبي في 14 مارس / وام /",
    /// "الدوحة في 22 مايو /قنا/", "الكويت - 7 - 4 (كونا) --", "رام الله 22-5-2024 وفا-".
    fn arabic_dateline(&self, head: &str) -> Option<(usize, String)> {
        let words: Vec<(usize, &str)> = crate::segment::words_at(head).collect();
        // The place: one to three words of letters.
        let place = words
            .iter()
            .take(ARABIC_PLACE_WORDS + 1)
            .take_while(|(_, w)| w.chars().all(arabic_letter))
            .count();
        if place == 0 || place > ARABIC_PLACE_WORDS {
            return None;
        }
        let mut dated = false;
        let mut k = place;
        while let Some(&(_, w)) = words.get(k) {
            let figures = w.chars().any(|c| c.is_numeric())
                && w.chars()
                    .all(|c| c.is_numeric() || matches!(c, '-' | '/' | '.'));
            if figures || ARABIC_MONTHS.contains(&w) {
                dated = true;
            } else if !(w == "في" || w.chars().all(|c| matches!(c, '-' | '–' | '—' | ','))) {
                break;
            }
            k += 1;
        }
        let &(at, w) = words.get(k).filter(|_| dated)?;
        // The wire, and where its mark ends.
        let (name, end) = if w == "/" {
            let &(_, name) = words.get(k + 1)?;
            let &(close, slash) = words.get(k + 2)?;
            (slash == "/").then_some((name, close + 1))?
        } else if let Some(inner) = w.strip_prefix(['/', '(']) {
            let name = inner.strip_suffix(['/', ')']).or_else(|| {
                inner
                    .strip_suffix("/-")
                    .or_else(|| inner.strip_suffix(")-"))
            })?;
            (name, at + w.len())
        } else {
            let name = w.trim_end_matches(['-', '–', '—']);
            if name.len() == w.len() && words.get(k + 1).is_none_or(|(_, n)| !n.starts_with('-')) {
                return None;
            }
            (name, at + w.len())
        };
        let outlet = self.resolve(name).filter(|o| self.is_agency(o))?;
        // A dash after the mark belongs to it.
        let rest = head[end..].trim_start();
        let dashed = rest.trim_start_matches(['-', '–', '—']);
        let end = if dashed.len() < rest.len() {
            head.len() - dashed.len()
        } else {
            end
        };
        Some((end, outlet.to_string()))
    }

    /// A Chinese dispatch line: an agency, a place and a date closed by 电 or 讯 ("dispatched"),
    /// perhaps in brackets and followed by the reporters' names in parentheses:
    /// "新华社广州12月28日电（记者 李明）", "【新华社北京3月5日电】". The agency opening it, when
    /// listed, is the outlet.
    fn dispatch_dateline(&self, head: &str) -> Option<(usize, String)> {
        // "【ワシントン共同】": a place and a listed agency in lenticular brackets (Kyodo).
        if let Some(inner) = head.strip_prefix('【')
            && let Some(close) = inner[..floor_char(inner, DISPATCH_BYTES)].find('】')
        {
            let inside = &inner[..close];
            let agency = inside
                .char_indices()
                .skip(1)
                .map(|(i, _)| &inside[i..])
                .filter(|s| s.chars().count() <= DISPATCH_AGENCY_CHARS)
                .find_map(|s| self.resolve(s));
            if let Some(a) = agency {
                return Some(('【'.len_utf8() + close + '】'.len_utf8(), a.to_string()));
            }
        }
        let body = head.strip_prefix(['【', '[', '（', '(']).unwrap_or(head);
        let open = head.len() - body.len();
        let near = &body[..floor_char(body, DISPATCH_BYTES)];
        // Every closing word opens with 日: a line without one is no dispatch line.
        if !near.contains('日') {
            return None;
        }
        let (pos, close) = ["日电", "日讯", "日電", "日訊"]
            .iter()
            .filter_map(|c| near.find(c).map(|p| (p, p + c.len())))
            .min()?;
        let stamp = &body[..pos];
        // The day alone may stand for the date ("高雄5日電") after a listed agency.
        let agency = self.dispatch_agency(stamp);
        let day = stamp.ends_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
        if !day
            || !(stamp.contains('月') || agency.is_some())
            || stamp.contains(char::is_whitespace)
        {
            return None;
        }
        let mut end = open + close;
        let rest = &head[end..];
        if let Some(inner) = rest.strip_prefix(['（', '('])
            && let Some(shut) = inner[..floor_char(inner, DISPATCH_BYTES)].find(['）', ')'])
            && inner.starts_with(['记', '記'])
        {
            end += rest.len() - inner.len() + shut + inner[shut..].chars().next()?.len_utf8();
        }
        if open > 0 && head[end..].starts_with(['】', ']', '）', ')']) {
            end += head[end..].chars().next()?.len_utf8();
        }
        Some((end, agency.unwrap_or("").to_string()))
    }

    /// The listed agency whose name opens a Chinese dispatch line ("新华社", "中央社").
    fn dispatch_agency(&self, stamp: &str) -> Option<&str> {
        let ends: Vec<usize> = stamp
            .char_indices()
            .map(|(i, c)| i + c.len_utf8())
            .take(DISPATCH_AGENCY_CHARS)
            .collect();
        ends.into_iter()
            .rev()
            .find_map(|b| self.resolve(&stamp[..b]))
    }

    /// "[스타포커스=박소연 기자]": an outlet and its reporter in brackets, as Korean
    /// entertainment and sports news open; the outlet is before the "=". A place before it
    /// names a wire or an outlet after it ("[세종=뉴시스]").
    fn bracket_reporter(&self, head: &str) -> Option<(usize, String)> {
        let inside = head.strip_prefix('[')?;
        let close = inside[..floor_char(inside, REPORTER_CREDIT_BYTES)].find(']')?;
        let (outlet, reporter) = inside[..close].split_once('=')?;
        let outlet = outlet.trim();
        let reporter = reporter.trim_end();
        // "[세종=뉴시스]": a place and the wire after it, as "(서울=연합뉴스)" is in parentheses.
        if let Some(wire) = self.resolve(reporter.trim()).filter(|o| self.is_agency(o)) {
            return (!outlet.is_empty() && !outlet.contains(char::is_whitespace))
                .then(|| (1 + close + 1, wire.to_string()));
        }
        let credited = REPORTER_WORDS.iter().any(|w| reporter.ends_with(w));
        // "[서울=한누리통신]": any outlet after a place the gazetteer knows.
        let named = reporter.trim();
        if !credited
            && named.chars().count() >= 2
            && !named.contains(char::is_whitespace)
            && is_place(outlet)
        {
            return Some((
                1 + close + 1,
                self.resolve(named).unwrap_or(named).to_string(),
            ));
        }
        (credited && (1..=3).contains(&outlet.split_whitespace().count())).then(|| {
            let name = self.resolve(outlet).unwrap_or(outlet);
            (1 + close + 1, name.to_string())
        })
    }

    /// A Japanese wire's dateline: the place and the wire's short name together in lenticular
    /// brackets, "【ロンドン時事】", "【ワシントン共同】".
    fn lenticular_dateline(&self, head: &str) -> Option<(usize, String)> {
        let inside = head.strip_prefix('【')?;
        let close = inside[..floor_char(inside, REPORTER_CREDIT_BYTES)].find('】')?;
        let inside = &inside[..close];
        if inside.contains(char::is_whitespace) {
            return None;
        }
        // The longest listed wire that ends it, after a place of at least one letter.
        let wire = inside
            .char_indices()
            .skip(1)
            .find_map(|(i, _)| self.resolve(&inside[i..]).filter(|o| self.is_agency(o)))?;
        Some(('【'.len_utf8() + close + '】'.len_utf8(), wire.to_string()))
    }

    /// A dateline that is an agency in parentheses with no place before it: "(CNN) …",
    /// "(Reuters) — …", "(서울=연합뉴스) …" (the agency follows the "="). `rest` follows the
    /// opening parenthesis. An unlisted name needs a dash after it to tell it from an aside.
    fn paren_dateline(&self, head: &str, rest: &str) -> Option<(usize, String)> {
        let close = rest.find(')')?;
        let inside = rest[..close].trim();
        let name = inside.rsplit_once('=').map_or(inside, |x| x.1).trim();
        let after = 1 + close + 1;
        let dash = dash_after(&head[after..]);
        let known = self.resolve_prefix(name);
        // "(place=outlet)", written close, is a dateline's own form (Korean wire copy),
        // whatever the outlet; an equation has figures or spaces, or opens in lower case.
        let place_is_outlet = inside.split_once('=').is_some_and(|(place, outlet)| {
            !place.ends_with(' ')
                && !outlet.starts_with(' ')
                && [place, outlet].iter().all(|x| {
                    (1..=3).contains(&x.split_whitespace().count())
                        && x.chars().all(|c| !c.is_numeric())
                        && !x.starts_with(|c: char| c.is_lowercase())
                })
        });
        if known.is_none() && !place_is_outlet && (dash.is_none() || !name_like(name, 4)) {
            return None;
        }
        let outlet = known.unwrap_or(name).to_string();
        let credit = if place_is_outlet && dash.is_none() {
            reporter_credit(&head[after..]).unwrap_or(0)
        } else {
            0
        };
        Some((after + dash.unwrap_or(credit), outlet))
    }

    /// A dateline opening with a place: comma-separated segments read one by one until one of
    /// them is closed by a dash, an agency in parentheses, "/AGENCY/" after a date or a colon.
    /// Anything else after a segment, or a fifth segment, means the line is no dateline.
    fn place_dateline(&self, head: &str) -> Option<(usize, String)> {
        if let Some(end) = caps_place_date_stop(head) {
            return Some((end, String::new()));
        }
        let mut place = Place {
            end: 0,
            segments: 0,
            first_caps: false,
            own: None,
            dated: false,
        };
        loop {
            if place.segments > 0
                && let Some(found) = self.dated_agency_stop(head, place.end)
            {
                return Some(found);
            }
            let (seg, hyphen) = place.next_segment(head)?;
            let tail = &head[place.end..];
            let t = tail.trim_start();
            // Where the mark after the segment (dash, parenthesis, slash, colon, comma) is.
            let mark = place.end + (tail.len() - t.len());
            if place.dated {
                let after = t.strip_prefix('(')?;
                return self
                    .agency_closed(head, mark, after)
                    .filter(|(_, outlet)| self.resolve(outlet).is_some());
            }
            if hyphen
                || t.starts_with(['—', '–', '―'])
                || t.starts_with("--")
                || t.starts_with(".-")
            {
                return self.dash_closed(&place, seg, tail);
            }
            if let Some(after) = t.strip_prefix('(') {
                let found = self.agency_closed(head, mark, after);
                // "Guadalajara (México), 20 may (EFE).-": a country in parentheses after the
                // first segment is part of the place, and the comma after it goes on.
                match found {
                    None if place.segments == 1 => {
                        place.end = mark + 1 + country_in_parens(after)?;
                        continue;
                    }
                    _ => return found,
                }
            }
            if let Some(after) = t.strip_prefix('/')
                && ends_in_date(&head[..place.end])
            {
                return self.slash_agency_closed(head, mark, after);
            }
            if let Some(after) = t.strip_prefix("/ ") {
                return self.spaced_slash_wire(mark, after);
            }
            if let Some(after) = t.strip_prefix(':') {
                return colon_closed(&place, seg, mark, after);
            }
            // Twin places joined by a slash ("Köln/Leverkusen –") read as two segments.
            let after = t.strip_prefix(',').or_else(|| {
                t.strip_prefix('/')
                    .filter(|a| a.starts_with(char::is_uppercase))
            })?;
            if place.segments >= 4 {
                return None;
            }
            place.end = mark + 1 + (after.len() - after.trim_start().len());
        }
    }

    /// A place closed by a dash alone ("MADRID —", "CLEVELAND, Ohio –"). A place in capitals
    /// takes any dash, one in title case only a long dash unless it is an outlet's name (its
    /// own site name, or a listed outlet as the only segment), which is then the outlet.
    fn dash_closed(&self, place: &Place, seg: &str, tail: &str) -> Option<(usize, String)> {
        let t = tail.trim_start();
        let d = dash_after(tail)?;
        let long = !t.starts_with('-') || t.starts_with("--");
        let named = place
            .own
            .or_else(|| self.resolve(seg).filter(|_| place.segments == 1));
        // In a script without case a dash also joins two places ("金沢―敦賀"): only an outlet's
        // name tells a dateline there.
        let caseless = !seg.chars().any(|c| c.is_uppercase() || c.is_lowercase());
        let titled = place.segments == 1 && title_place(seg) && opens_sentence(&tail[d..]);
        (((place.first_caps || long || titled) && !caseless) || named.is_some()).then(|| {
            let outlet = named.map(|n| self.resolve(n).unwrap_or(n)).unwrap_or("");
            (place.end + d, outlet.to_string())
        })
    }

    /// A place closed by an agency in parentheses ("LONDON, March 3 (Reuters) -",
    /// "Hong Kong (CNN Business)"): a listed outlet, or an unlisted name with a dash after it.
    /// `open` is where the parenthesis is in `head`, `after` what follows it.
    fn agency_closed(&self, head: &str, open: usize, after: &str) -> Option<(usize, String)> {
        let close = after.find(')')?;
        let inside = after[..close].trim();
        // A wire's desk code may follow its name after a slash ("dpa/lby").
        let known = self
            .resolve_prefix(inside)
            .or_else(|| self.resolve_prefix(inside.split('/').next().unwrap_or("")));
        let end = open + 1 + close + 1;
        // "Villavicencio, 22 de abril (Colprensa). El …": a stop may close it as a dash does.
        let stop = head[end..]
            .strip_prefix('.')
            .filter(|rest| opens_sentence(rest))
            .map(|_| 1);
        let dash = dash_after(&head[end..]).or(stop);
        if known.is_none() && (dash.is_none() || !name_like(inside, 5)) {
            return None;
        }
        Some((end + dash.unwrap_or(0), known.unwrap_or(inside).to_string()))
    }

    /// A date, then a listed wire closed by a stop, after a place and its comma: "Rīga,
    /// 5.marts, LETA. …", "Одеса, 21 жовтня. Укрінформ. …". `from` is where the date may
    /// begin in `head`.
    fn dated_agency_stop(&self, head: &str, from: usize) -> Option<(usize, String)> {
        let rest = &head[from..];
        let date_end = date_run(rest)?;
        let after = rest[date_end..].strip_prefix(['.', ','])?;
        let name_at = after.len() - after.trim_start().len();
        let stop = after[name_at..].find('.')?;
        let name = &after[name_at..name_at + stop];
        let outlet = self
            .resolve(name)
            .filter(|o| self.is_agency(o) && !self.is_photo(o))?;
        let end = from + (rest.len() - after.len()) + name_at + stop + 1;
        opens_sentence(&head[end..]).then(|| (end, outlet.to_string()))
    }

    /// A place, then a listed release wire and the date between spaced slashes, as some
    /// wires open a release: "PHOENIX, AZ / ACCESSWIRE / March 25, 2025 /". `open` is where the
    /// first slash is in the line's head, `after` what follows it and its space.
    fn spaced_slash_wire(&self, open: usize, after: &str) -> Option<(usize, String)> {
        let name_end = after.find(" / ")?;
        let outlet = self
            .resolve(&after[..name_end])
            .filter(|o| self.is_agency(o) && !self.is_photo(o))?;
        let date = &after[name_end + 3..];
        let close = date.find('/')?;
        let dated = date[..close].trim();
        let date_like = dated.contains(|c: char| c.is_ascii_digit())
            && dated.split_whitespace().count() <= DATE_WORDS;
        date_like.then(|| (open + 2 + name_end + 3 + close + 1, outlet.to_string()))
    }

    /// A place and date closed by a listed outlet between slashes, with the stop that may
    /// follow it: "MOSCOW, November 20. /TASS/.", "…, 2023 /PRNewswire/ --". `open` is where
    /// the first slash is in `head`, `after` what follows it.
    fn slash_agency_closed(&self, head: &str, open: usize, after: &str) -> Option<(usize, String)> {
        let close = after.find('/')?;
        let name = &after[..close];
        let end = open + 1 + close + 1;
        // An unlisted release wire names itself between slashes before a double dash
        // ("/NewsPulse/ --").
        let known = self.resolve(name).or_else(|| {
            (name_like(name, 3) && head[end..].trim_start().starts_with("--")).then_some(name)
        })?;
        let end = end + usize::from(head[end..].starts_with('.'));
        Some((end, known.to_string()))
    }
}

/// Most words of the date between a release wire's slashes ("March 25, 2025", "Tuesday, 25
/// March 2025").
const DATE_WORDS: usize = 5;

/// Most words of an Arabic dateline's place ("رام الله").
const ARABIC_PLACE_WORDS: usize = 3;

/// Month names an Arabic dateline writes: the Egyptian and Gulf forms, and the Levantine ones.
const ARABIC_MONTHS: [&str; 26] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "إبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
    "كانون",
    "شباط",
    "آذار",
    "نيسان",
    "أيار",
    "حزيران",
    "تموز",
    "آب",
    "أيلول",
    "تشرين",
    "الثاني",
    "الأول",
    "الاول",
];

/// A letter of the Arabic script.
pub(super) fn arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{064A}' | '\u{066E}'..='\u{06D3}')
}

/// Whether the place read so far ends with a date (a digit or a stop): only then does a slash
/// open "/AGENCY/", so that a slash credit opening the body ("REUTERS/…") is not read as one.
fn ends_in_date(read: &str) -> bool {
    let read = read.trim_end();
    read.ends_with(|c: char| c.is_ascii_digit() || c == '.') || {
        let words: Vec<&str> = read.split_whitespace().rev().take(2).collect();
        words.len() == 2 && day_and_month(words[1], words[0])
    }
}

/// The length of a day and month opening `s` after any spaces ("5.marts", " 21 жовтня",
/// " 29. januára"), without the stop that may close it.
fn date_run(s: &str) -> Option<usize> {
    let t = s.trim_start();
    let lead = s.len() - t.len();
    let mut words = t.split(' ');
    let first = words.next()?;
    // A day and month written close ("5.marts").
    if let Some((day, month)) = first.split_once('.') {
        let month = month.trim_end_matches(['.', ',']);
        if day_and_month(day, month) {
            return Some(lead + day.len() + 1 + month.len());
        }
    }
    let second = words.next()?;
    let month = second.trim_end_matches(['.', ',']);
    day_and_month(first.trim_end_matches('.'), month).then(|| lead + first.len() + 1 + month.len())
}

/// A first segment that is a place with its date after it ("Nitra 29. januára", "Banská
/// Bystrica 3. marca"): a place's words, then a day and a month.
fn place_then_date(seg: &str) -> bool {
    // The date's day is a word opening with a digit.
    if !seg.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let words: Vec<&str> = seg.split_whitespace().collect();
    let Some(k) = words
        .iter()
        .position(|w| w.starts_with(|c: char| c.is_ascii_digit()))
    else {
        return false;
    };
    k > 0
        && words.len() == k + 2
        && day_and_month(words[k].trim_end_matches('.'), words[k + 1])
        && place_segment(&words[..k].join(" "), true)
}

/// A day's number and a month's name, either way round ("30 марта", "March 5", "15 mai").
fn day_and_month(a: &str, b: &str) -> bool {
    let day = |w: &str| w.len() <= 2 && w.bytes().all(|b| b.is_ascii_digit());
    let month = |w: &str| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic);
    (day(a) && month(b)) || (month(a) && day(b))
}

/// Most words of a place in title case closed by a spaced hyphen ("Jihlava -", "Nové Město -").
const TITLE_PLACE_WORDS: usize = 2;

/// A place of one or two capitalized words and nothing else.
fn title_place(seg: &str) -> bool {
    let words: Vec<&str> = seg.split_whitespace().collect();
    (1..=TITLE_PLACE_WORDS).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '-')
                && w.chars().filter(|c| c.is_alphabetic()).count() >= 3
        })
}

/// The bytes of a country in parentheses, with its closing parenthesis, comma and the spaces
/// after them, that `after` (what follows the opening parenthesis) opens: "México), ",
/// "EE.UU.), ". A place's words (title case or an abbreviation), without figures.
fn country_in_parens(after: &str) -> Option<usize> {
    let close = after.find(')')?;
    let inside = after[..close].trim();
    let rest = after[close + 1..].strip_prefix(',')?;
    let place = !inside.chars().any(char::is_numeric)
        && (1..=TITLE_PLACE_WORDS).contains(&inside.split_whitespace().count())
        && place_segment(inside, false);
    place.then(|| after.len() - rest.trim_start().len())
}

/// Fewest words of the sentence a dateline in title case opens.
const SENTENCE_AFTER_WORDS: usize = 6;

/// Whether `rest` (what follows a dateline's mark) opens a sentence: a space, a capitalized
/// word, and words after it with no dash among them and some in lower case (a menu of
/// sections joined by dashes has none).
fn opens_sentence(rest: &str) -> bool {
    let words: Vec<&str> = rest.split_whitespace().take(SENTENCE_AFTER_WORDS).collect();
    rest.starts_with([' ', '\u{a0}'])
        && rest.trim_start().starts_with(|c: char| c.is_uppercase())
        && words.len() == SENTENCE_AFTER_WORDS
        && !words.iter().any(|w| DASHES.contains(w) || *w == "|")
        && words
            .iter()
            .filter(|w| w.starts_with(|c: char| c.is_lowercase()))
            .count()
            >= 2
}

/// Marks that close a place named alone, besides a dash: a colon, a stop, the Devanagari
/// danda ("लखनऊ।").
const PLACE_MARKS: [char; 3] = [':', '.', '।'];

/// Fewest words after a dateline in a script without case: the sentence it opens.
const CASELESS_SENTENCE_WORDS: usize = 4;

/// A place the gazetteer knows, named alone in title case or in a script without case and
/// closed by a colon, a stop, a danda or a dash, before the story's first sentence:
/// "Bengaluru: A …", "சென்னை: …", "लखनऊ। …", "Dar es Salaam. The …", "เชียงใหม่ - …". Returns
/// the end of the mark. A place in capitals, or with a region or a wire, is read by the
/// shapes above.
fn known_place_dateline(head: &str) -> Option<usize> {
    let mut at = 0;
    for (n, word) in head
        .split_whitespace()
        .take(PLACE_WORDS + DATE_TOKENS)
        .enumerate()
    {
        let start = at + head[at..].find(word)?;
        at = start + word.len();
        if n == 0 && NOT_PLACES.contains(&word.to_lowercase().trim_end_matches(PLACE_MARKS)) {
            return None;
        }
        // The mark closes the word ("Bengaluru:") or stands after it ("पुणे :", "สงขลา -"); a
        // dash may close a date after the place ("เชียงใหม่ 30 ก.ย.-").
        let t = head[at..].trim_start_matches([' ', '\u{a0}']);
        let spaced = at + (head.len() - at - t.len()) > at;
        let (name_end, mark_end, dash) = if let Some(d) = dash_after(&head[at..]).filter(|_| spaced)
        {
            (at, at + d, true)
        } else if word.ends_with(".-") {
            (at - 1, at, true)
        } else if let Some(name) = word.strip_suffix(PLACE_MARKS) {
            (start + name.len(), at, false)
        } else if let Some(mark) = t
            .chars()
            .next()
            .filter(|m| [':', '।'].contains(m) && spaced)
        {
            (at, head.len() - t.len() + mark.len_utf8(), false)
        } else if word.ends_with(['—', '–']) {
            (at - '—'.len_utf8(), at, true)
        } else if t.is_empty() {
            return None;
        } else {
            continue;
        };
        let named = &head[..name_end];
        // Before a dash, a date may follow the place.
        let place = if dash { without_date(named) } else { named };
        let rest = &head[mark_end..];
        let caseless = !place.chars().any(|c| c.is_uppercase() || c.is_lowercase());
        let sentence = if caseless {
            rest.starts_with(char::is_whitespace)
                && rest
                    .split_whitespace()
                    .nth(CASELESS_SENTENCE_WORDS - 1)
                    .is_some()
        } else {
            opens_sentence(rest)
        };
        let words = place.split_whitespace().count();
        return (sentence && words <= PLACE_WORDS && is_place(place)).then_some(mark_end);
    }
    None
}

/// Most tokens of a date between a place named alone and its dash ("30 ก.ย.", "28 มี.ค.").
const DATE_TOKENS: usize = 3;
/// Most characters of a month's abbreviation in a date ("ก.ย.", "Sept.").
const MONTH_ABBREVIATION_CHARS: usize = 6;

/// `named` without the date that closes it: up to [`DATE_TOKENS`] tokens, each with a figure or
/// an abbreviation closed by a stop.
fn without_date(named: &str) -> &str {
    let mut end = named.len();
    for _ in 0..DATE_TOKENS {
        let kept = named[..end].trim_end();
        let Some((before, last)) = kept.rsplit_once(char::is_whitespace) else {
            break;
        };
        let date = last.chars().any(|c| c.is_numeric())
            || (last.ends_with('.') && last.chars().count() <= MONTH_ABBREVIATION_CHARS);
        if !date {
            break;
        }
        end = before.len();
    }
    named[..end].trim_end()
}

/// Most words of a place in capitals closed by a colon ("RIO DE JANEIRO:"); a longer run of
/// capitals before a colon is a section's label ("HABARI ZA HIVI PUNDE:").
const COLON_PLACE_WORDS: usize = 3;

/// A place closed by a colon and a space: "NEW DELHI:", "Washington, DC, United States:", but
/// not "Nota:" — a place of two segments or more, or of one in capitals with four letters or
/// more. `colon` is where the colon is, `after` what follows it. It names no outlet.
fn colon_closed(place: &Place, seg: &str, colon: usize, after: &str) -> Option<(usize, String)> {
    // A dateline opens a sentence; a label in capitals before a name or two is a credit
    // ("PHOTO: EUROKINISSI").
    let words: Vec<&str> = after.split_whitespace().take(3).collect();
    let sentence = words.len() == 3 && !words.iter().all(|w| is_caps(w));
    let ok = after.starts_with(char::is_whitespace)
        && sentence
        && (place.first_caps || place.segments >= 2)
        && (place.segments >= 2
            || (seg.chars().filter(|c| c.is_alphabetic()).count() >= 4
                && seg.split_whitespace().count() <= COLON_PLACE_WORDS));
    ok.then_some((colon + 1, String::new()))
}

/// "САМАРА, 30 марта. Власти …", "KYIV, March 5. The …": a place in capitals, a comma, a
/// date of a day and a month's name, and a full stop before the sentence, as agencies that
/// write the date into the dateline close it without an agency's name. Returns the end of the
/// stop.
fn caps_place_date_stop(head: &str) -> Option<usize> {
    let (place, rest) = head.split_once(',')?;
    let place = place.trim();
    // Capitals first: most text rules itself out at its first lower-case letter.
    if !is_caps(place)
        || !(1..=COLON_PLACE_WORDS).contains(&place.split_whitespace().count())
        || place.chars().filter(|c| c.is_alphabetic()).count() < 3
    {
        return None;
    }
    let stop = rest.find('.')?;
    let date: Vec<&str> = rest[..stop].split_whitespace().collect();
    let is_date = date.len() == 2 && day_and_month(date[0], date[1]);
    let after = &rest[stop + 1..];
    let sentence =
        after.starts_with(' ') && after.trim_start().starts_with(|c: char| c.is_uppercase());
    (is_date && sentence).then(|| head.len() - rest.len() + stop + 1)
}

/// Most bytes of a reporter's credit after a "(place=outlet)" dateline.
const REPORTER_CREDIT_BYTES: usize = 48;

/// Words that close a reporter's credit before its "=" ("김민수 기자 =", "이지은 특파원 =").
const REPORTER_WORDS: [&str; 3] = ["기자", "특파원", "記者"];

/// The end of a reporter's credit opening `rest` ("김민수 기자 = …"): a short run closed by a
/// reporter word and "=".
fn reporter_credit(rest: &str) -> Option<usize> {
    let eq = rest[..floor_char(rest, REPORTER_CREDIT_BYTES)].find('=')?;
    let credit = rest[..eq].trim_end();
    REPORTER_WORDS
        .iter()
        .any(|w| credit.ends_with(w))
        .then_some(eq + 1)
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
    // At most four words, kept without allocating: most segments are a sentence's start.
    let mut buf = [""; 4];
    let mut n = 0;
    for w in seg.split_whitespace() {
        if n == buf.len() {
            return false;
        }
        buf[n] = w;
        n += 1;
    }
    let words = &buf[..n];
    if words.is_empty() {
        return false;
    }
    if seg
        .chars()
        .any(|c| matches!(c, '"' | '“' | '”' | '?' | '!' | ';' | '\'' | '’'))
    {
        return false;
    }
    // A date's figures in any script ("12 June", "১৪ মার্চ", "١٢ يونيو").
    let has_digit = seg.chars().any(char::is_numeric);
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
        && !seg.contains('@')
        && seg.rsplit_once('.').is_some_and(|(name, tld)| {
            name.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && (2..=4).contains(&tld.len())
                && tld.chars().all(|c| c.is_ascii_alphabetic())
        })
}

/// Whether the first word of `s` (up to a space or comma) is in capitals.
pub(super) fn first_word_caps(s: &str) -> bool {
    is_caps(s.split([' ', ',']).next().unwrap_or(""))
}

/// Whether a word starts with a capital, or with a letter of a script without case (Arabic,
/// Devanagari, Chinese), where every name starts as any word does.
fn starts_upper(w: &str) -> bool {
    w.trim_start_matches(['(', '"', '\''])
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || (c.is_alphabetic() && !c.is_lowercase()))
}
