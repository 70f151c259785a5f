//! Share bars, gallery and video-player widgets.
//!
//! **What it flags**: the text of page widgets: share buttons ("Share this: Twitter",
//! "WhatsApp", "Email"), like and comment counters, gallery counters and controls ("Image 1 of
//! 23 … Caption Close", "1 of 6", "Back to Gallery"), player residue ("Media playback is
//! unsupported on your device", "This slideshow requires JavaScript", "Text size").
//!
//! **Evidence**: a widget phrase of the cue file as the whole line (at any length: the line is
//! the phrase), its start (short lines) or inside it (lines of at most 40 words, or longer ones
//! that end in the widget's controls, as a caption fused with its gallery does); a line made
//! only of share-button words, perhaps joined ("FacebookTwitterEmail"); a bare counter "N of
//! M"; a market-data row (signed figures and percentages); a reader's comment
//! signed with a first name and an initial ("Jürgen K.: …") or under a comment label
//! ("Kommentar von Anna B.: …", "Komentar: …").
//!
//! **Example**: `Share this: Twitter` then `Facebook`.
//!
//! **Known misses**: a player's title and description (they read as a headline and a
//! sentence, and the benchmark's reference bodies keep them); gallery captions without counter
//! or controls.

use super::lexicon::{CueHits, Rule};
use super::menu::BAR_SEPARATORS;
use super::shape::{CHANGE_SIGNS, CURRENCY_SIGNS, LONG_WORDS, Line, signed_figure};
use super::sig;

/// Longest line, in words, flagged on a widget phrase at its start or inside it.
const MAX_WORDS: usize = 40;

/// The signals this rule adds to a line of at most [`super::shape::LONG_WORDS`] words (longer
/// lines are looked at only for widget controls at their end, see [`super::JunkDetector`]).
/// `only_widget_words` says whether every word of the line is a whole-line widget phrase on
/// its own or a count ("Facebook Twitter Email", "Kommentare (14)").
pub(crate) fn check(l: &Line, h: CueHits, only_widget_words: bool) -> u32 {
    if h.line(Rule::Widget)
        || (l.digits > 0 && l.words <= COUNTED_WORDS && h.numbered(Rule::Widget))
        || (h.contains(Rule::Widget) && l.words <= MAX_WORDS)
        || (h.inside(Rule::Widget) && l.words <= LONG_WORDS && ends_in_controls(l))
        || (only_widget_words && l.words <= 8)
    {
        return sig::WIDGET;
    }
    // A counter is two or three words; a ticker's three figures need three digits or a `%`.
    if (l.words <= 3 && counter(l.text))
        || player_time(l.text)
        || size_controls(l.text)
        || tally(l)
        || (l.digits >= 2 && engagement_bar(l.text))
        || ((l.digits >= 3 || l.text.contains('%')) && ticker(l))
        || (l.text.contains('%') && quote(l))
        || arrow_quote(l)
        || weather(l)
        || commenter(l.text)
        || labelled_comment(l)
        || crate::segment::caption_line(l.text)
    {
        return sig::WIDGET | sig::SHAPE;
    }
    0
}

/// Whether `l` is a line of figures that [`check`] takes for a market or weather widget: a
/// ticker row, a share quote, an arrowed price, a place and its temperature. Stories print the
/// same shapes (a market report's closing levels, a cold snap's lowest temperatures), so where
/// the line sits decides ([`keep_story_figures`]; a live report's times are
/// [`keep_live_stamps`]'s).
fn figures(l: &Line) -> bool {
    ((l.digits >= 3 || l.text.contains('%')) && ticker(l))
        || (l.text.contains('%') && quote(l))
        || arrow_quote(l)
        || weather(l)
}

/// Unflags figure lines ([`figures`]) inside the story: a line whose only rule is this one,
/// with a line of prose before and after it and nothing flagged between (other figure lines
/// and the story's own short lines may be), is a market report's or results story's own
/// table. A ticker bar sits above the story or beside the page's furniture, so it keeps its
/// flag.
pub(crate) fn keep_story_figures(lines: &[Line], first: usize, out: &mut [u32]) {
    let figure = |i: usize| out[i] & sig::RULES == sig::WIDGET && figures(&lines[i]);
    // Walks from `i` over unflagged lines and figure lines to a line of prose.
    let reaches_prose = |i: usize, back: bool| {
        let mut j = i;
        loop {
            j = match (back, j.checked_sub(1)) {
                (true, Some(k)) if k >= first => k,
                (false, _) if j + 1 < lines.len() => j + 1,
                _ => return false,
            };
            if out[j] & sig::RULES == 0 {
                if lines[j].is_prose() {
                    return true;
                }
            } else if !figure(j) {
                return false;
            }
        }
    };
    let keep: Vec<usize> = (first..lines.len())
        .filter(|&i| {
            figure(i)
                && !widget_cells(lines[i].text)
                && reaches_prose(i, true)
                && reaches_prose(i, false)
        })
        .collect();
    for i in keep {
        out[i] &= !(sig::WIDGET | sig::SHAPE);
    }
}

/// A row rendered from a widget's cells: an arrow standing alone as an icon ("NSE 20 ▲
/// 0.21%") or cells set apart by runs of spaces ("Safaricom  Sh18.40"). A story writes its
/// arrow against the figure, or "up" and "down", and one space between words.
fn widget_cells(text: &str) -> bool {
    text.contains("  ") || text.split_whitespace().any(|t| matches!(t, "▲" | "▼"))
}

/// Fewest words of a reader's comment after its signature ([`signed_comment`]).
const SIGNED_COMMENT_WORDS: usize = 6;
/// Most bytes of a commenter's name or handle.
const HANDLE_BYTES: usize = 32;

/// A reader's comment as a page's comment list prints it: a name or handle of one to three
/// words, "says" perhaps, a colon, then the comment ("Marge Kettering says: I was at that
/// meeting …", "jasonlim88: About time. …"). The story's own interview lines have the same
/// shape, so only [`mark_tail_comments`] reads it, below the story's furniture.
fn signed_comment(text: &str) -> bool {
    let Some((head, rest)) = text.split_once(": ") else {
        return false;
    };
    let head = head.strip_suffix(" says").unwrap_or(head);
    let names = head.split_whitespace().count();
    // A name may close on an initial ("Tom P."), and nothing else of a sentence.
    let plain = !head
        .trim_end_matches('.')
        .contains(['.', ',', '(', '"', '“', '/']);
    (1..=3).contains(&names)
        && (3..=HANDLE_BYTES).contains(&head.len())
        && plain
        && rest.split_whitespace().count() >= SIGNED_COMMENT_WORDS
}

/// Marks the readers' comments that end a page: below a line another rule flagged (the
/// story's credits, a promo, a notice), a run of two or more signed comments
/// ([`signed_comment`]) by two or more people, with only flagged lines after it. A transcript
/// that ends a story sits under the story's prose, not under its furniture.
pub(crate) fn mark_tail_comments(lines: &[Line], first: usize, out: &mut [u32]) {
    let mut i = lines.len();
    // Past the page's last furniture.
    while i > first && out[i - 1] & sig::RULES != 0 {
        i -= 1;
    }
    let end = i;
    let mut signed = Vec::new();
    while i > first && (out[i - 1] & sig::RULES != 0 || signed_comment(lines[i - 1].text)) {
        if out[i - 1] & sig::RULES == 0 {
            signed.push(i - 1);
        }
        i -= 1;
    }
    // The run must sit under furniture, not run up from the story's prose.
    let under_furniture = signed.last().is_some_and(|&top| top > i);
    let speakers: std::collections::BTreeSet<&str> = signed
        .iter()
        .filter_map(|&j| lines[j].text.split_once(':').map(|(h, _)| h))
        .collect();
    if end > i && signed.len() >= 2 && speakers.len() >= 2 && under_furniture {
        for j in signed {
            out[j] |= sig::WIDGET | sig::SHAPE;
        }
    }
}

/// Fewest clock lines of a live report's updates.
const LIVE_STAMPS: usize = 3;
/// Most lines between a live report's time and the prose of its update (a heading may come
/// first).
const STAMP_TO_PROSE: usize = 2;

/// Unflags a live report's times: [`LIVE_STAMPS`] or more lines that are a time of day alone
/// ("14:02"), in order (all later or all earlier than the one before), each followed within
/// [`STAMP_TO_PROSE`] lines by prose (two thirds of them), are the report's updates. A player's clocks sit beside
/// titles and controls, not over paragraphs, and seldom run in order.
pub(crate) fn keep_live_stamps(lines: &[Line], first: usize, out: &mut [u32]) {
    let stamps: Vec<(usize, u32)> = (first..lines.len())
        .filter(|&i| out[i] & sig::RULES == sig::WIDGET)
        .filter_map(|i| super::credit_stamp::clock_minutes(lines[i].text.trim()).map(|t| (i, t)))
        .collect();
    if stamps.len() < LIVE_STAMPS {
        return;
    }
    let rising = stamps.windows(2).all(|w| w[0].1 < w[1].1);
    let falling = stamps.windows(2).all(|w| w[0].1 > w[1].1);
    let over_prose = stamps
        .iter()
        .filter(|&&(i, _)| {
            (i + 1..lines.len().min(i + 1 + STAMP_TO_PROSE))
                .any(|j| out[j] & sig::RULES == 0 && lines[j].is_prose())
        })
        .count();
    // An update may open with a heading and a list before its prose: two thirds will do.
    if (rising || falling) && over_prose * 3 >= stamps.len() * 2 {
        for (i, _) in stamps {
            out[i] &= !(sig::WIDGET | sig::SHAPE);
        }
    }
}

/// A reader's comment as comment widgets print it: a first name and the initial of the
/// surname, then a colon or a dash and the comment ("Jürgen K.: Wieder einmal …", "Maria C. —
/// Tota la solidaritat …"). A speaker in an interview is named in full, and an initial inside
/// a name ("John F. Kennedy") is followed by the rest of it.
fn commenter(text: &str) -> bool {
    let mut words = text.split(' ');
    let (Some(first), Some(initial), Some(after)) = (words.next(), words.next(), words.next())
    else {
        return false;
    };
    let (initial, colon) = match initial.strip_suffix(':') {
        Some(i) => (i, true),
        None => (initial, false),
    };
    let mut ic = initial.chars();
    let abbreviated = matches!(
        (ic.next(), ic.next(), ic.next()),
        (Some(c), Some('.'), None) if c.is_uppercase()
    );
    // The initial first: nearly every line's second word is none, and the first word is then
    // not read.
    if !abbreviated {
        return false;
    }
    let name = first.chars().count() >= 2
        && first.starts_with(char::is_uppercase)
        && first.chars().skip(1).all(char::is_lowercase);
    let opens_comment = if colon {
        after.starts_with(|c: char| c.is_alphabetic() || c == '"' || c == '“')
    } else {
        matches!(after, "—" | "–" | "-")
    };
    name && opens_comment && words.next().is_some()
}

/// Labels a comment widget sets before a reader's comment, lower case.
const COMMENT_LABELS: [&str; 19] = [
    "comment",
    "reader comment",
    "kommentar",
    "leserkommentar",
    "komentar",
    "komentarz",
    "komentář",
    "comentario",
    "comentário",
    "commentaire",
    "commento",
    "reactie",
    "kommentti",
    "kommentaar",
    "yorum",
    "комментарий",
    "коментар",
    "تبصرہ",
    "تعليق",
];

/// Words a comment's label may take to name its writer ("Kommentar von Peter M.:").
const COMMENT_BY: [&str; 8] = ["by", "from", "von", "de", "di", "od", "van", "від"];

/// Fewest words of a comment after its label: a label over a short line is a kicker or a
/// heading ("Comment: the budget"), over a comment it is a reader's words.
const COMMENT_WORDS: usize = 8;

/// A reader's comment under a comment widget's label ("Kommentar von Peter M.: Seit Jahren …",
/// "Komentar: Most je potreban …"): the label, perhaps who wrote it, a colon, then the comment.
fn labelled_comment(l: &Line) -> bool {
    let Some((label, comment)) = l.text.split_once(':') else {
        return false;
    };
    if label.len() > 48 || comment.split_whitespace().nth(COMMENT_WORDS - 1).is_none() {
        return false;
    }
    // The label's words are the first of the line's normalized (lower-case) words.
    let n = label.split_whitespace().count();
    let words = || l.norm.split_whitespace();
    let label_of = |k: usize| {
        COMMENT_LABELS
            .iter()
            .any(|c| c.split(' ').count() == k && c.split(' ').eq(words().take(k)))
    };
    // The label alone ("komentar", "reader comment"), or a one-word label and by whom
    // ("kommentar von peter m").
    label_of(n)
        || ((3..=5).contains(&n)
            && label_of(1)
            && words().nth(1).is_some_and(|w| COMMENT_BY.contains(&w)))
}

/// Most words of a quote widget's line.
const QUOTE_WORDS: usize = 12;

/// A share quote as finance pages print it beside a story: a ticker symbol and a signed
/// change in per cent, on a line that is no sentence ("TSLA -1.32%", "Redfern Homes PLC (RHM)
/// 412.60 -39.50 (-8.74%)", "HLVR 14.22 +0.88 (+6.60%) · Nasdaq · Delayed quote").
fn quote(l: &Line) -> bool {
    if l.ends_sentence() || l.words > QUOTE_WORDS || l.stopword_share() > 0.15 {
        return false;
    }
    let tokens = || {
        l.text
            .split_whitespace()
            .map(|t| t.trim_matches(|c| matches!(c, '(' | ')' | ',')))
    };
    let signed_percent = tokens().any(|t| {
        t.strip_suffix('%')
            .and_then(|t| t.strip_prefix(['+', '-', '−']))
            .is_some_and(|n| {
                n.starts_with(|c: char| c.is_ascii_digit())
                    && n.bytes()
                        .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            })
    });
    let symbol =
        tokens().any(|t| (2..=5).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_uppercase()));
    signed_percent && symbol
}

/// Most words of a quote with an arrow.
const ARROW_QUOTE_WORDS: usize = 8;

/// A price or index with an up or down arrow, alone on a short line ("NSE 20  1,624.35  ▲
/// 0.21%", "KSE-100 ▲ 37,112.40"): the arrow is a quote widget's own mark.
fn arrow_quote(l: &Line) -> bool {
    l.digits >= 3
        && l.words <= ARROW_QUOTE_WORDS
        && !l.ends_sentence()
        && l.text.contains(['▲', '▼'])
}

/// A weather widget: a place, a temperature and a word or two ("Biel 9° bewölkt", "Wagga Wagga
/// 24° Partly cloudy", "Jihlava 18 °C, polojasno"), closing no sentence; longer when its parts
/// are set apart by bars or dots ("Springfield, MO · 72° · Partly Cloudy · H 81° L 63°") or it
/// is mostly figures, as a bar of weather and rates is ("Kyiv +3°C USD 41.25 EUR 43.60").
fn weather(l: &Line) -> bool {
    if l.ends_sentence() || l.words > WEATHER_BAR_WORDS || !l.text.contains('°') {
        return false;
    }
    let bar = l.text.contains(['|', '·', '•']);
    let figures = l.digits * 2 >= l.letters;
    (l.words <= WEATHER_WORDS || ((bar || figures) && l.words <= WEATHER_BAR_WORDS))
        && !l.ends_sentence()
        && l.text.match_indices('°').any(|(i, _)| {
            let before = l.text[..i].trim_end_matches(' ');
            let n = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
            n > 0 && n <= 3
        })
}

/// Most words of a widget's label with its count or times ("View Gallery (8 photos)",
/// "Listen to this article 00:00 / 04:12").
const COUNTED_WORDS: usize = 12;

/// Most words of a weather widget.
const WEATHER_WORDS: usize = 6;
/// Most words of a weather widget set out as a bar, or mostly figures.
const WEATHER_BAR_WORDS: usize = 16;

/// The controls a gallery or player prints after its caption, as the line's last words.
const CONTROLS: [&str; 12] = [
    " back to gallery ",
    " caption close ",
    " hide caption ",
    " toggle caption ",
    " view gallery ",
    " open gallery ",
    " close gallery ",
    " next slide ",
    " previous slide ",
    " enlarge this image ",
    " fullscreen ",
    " full screen ",
];

/// Longest line read as a player's clock ("1:02:45 / 1:10:00" and some spaces).
const PLAYER_TIME_BYTES: usize = 24;

/// A clock of a media player: minutes (or hours) of one or two figures, then one or two
/// fields of two figures after colons ("1:23", "00:00", "1:02:45").
fn clock(t: &str) -> bool {
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let mut parts = t.trim().split(':');
    let first = parts.next().unwrap_or("");
    let mut fields = 0;
    first.len() <= 2
        && digits(first)
        && parts.all(|p| {
            fields += 1;
            p.len() == 2 && digits(p)
        })
        && (1..=2).contains(&fields)
}

/// Signs a player writes before its clock ("▶ 02:14").
const PLAY_SIGNS: [char; 4] = ['▶', '►', '▷', '⏵'];

/// A media player's clock alone on a line: a running time or position ("1:23", "00:00",
/// "0:00 / 2:31", "1:02:45", "▶ 02:14").
fn player_time(text: &str) -> bool {
    let text = text.trim_start_matches(PLAY_SIGNS).trim_start();
    let mut times = 0;
    text.len() <= PLAYER_TIME_BYTES
        && text.split(" / ").all(|t| {
            times += 1;
            times <= 2 && clock(t)
        })
}

/// Words of a video's title in a player's list.
const PLAYLIST_TITLE_WORDS: std::ops::RangeInclusive<usize> = 3..=20;

/// An item of a player's list of videos: a title that reads as no sentence, then its running
/// time in minutes and seconds ("Ash column towers over Flores 1:14").
fn playlist_item(l: &Line) -> bool {
    // Nearly every line ends otherwise, and is told so before it is split.
    if l.block
        || !l.text.ends_with(|c: char| c.is_ascii_digit())
        || !PLAYLIST_TITLE_WORDS.contains(&l.words.saturating_sub(2))
    {
        return false;
    }
    let Some((title, time)) = l.text.trim_end().rsplit_once(' ') else {
        return false;
    };
    // A video runs minutes, not hours; a title opening with a figure is a rank in a table of
    // results ("1. Mercy Jepkosgei (KEN) 2:16:41").
    clock(time)
        && time.matches(':').count() == 1
        && !title.starts_with(|c: char| c.is_ascii_digit())
        && !super::shape::closes_sentence(title)
        && !title.ends_with([':', ','])
}

/// Flags a player's list: an item ([`playlist_item`]) beside another, or beside a line
/// flagged as a widget ("Now Playing", "Up Next"). One title with a time among the story's
/// lines may be the story's own ("Doors open 19:30"), so an item alone keeps its place.
pub(crate) fn mark_playlists(lines: &[Line], first: usize, out: &mut [u32]) {
    let items: Vec<bool> = lines.iter().map(playlist_item).collect();
    let widget = |j: usize, out: &[u32]| items[j] || out[j] & sig::WIDGET != 0;
    for i in first..lines.len() {
        if !items[i] || out[i] & sig::RULES != 0 {
            continue;
        }
        let before = i > first && widget(i - 1, out);
        let after = i + 1 < lines.len() && widget(i + 1, out);
        if before || after {
            out[i] |= sig::WIDGET | sig::SHAPE;
        }
    }
}

/// The line ends in a gallery's or player's controls ("… 1 / 13 Back to Gallery").
fn ends_in_controls(l: &Line) -> bool {
    CONTROLS.iter().any(|c| l.norm.ends_with(c))
}

/// Most words of a text-size control's label ("Font size:", "Schriftgröße:", "字号").
const SIZE_LABEL_WORDS: usize = 4;

/// Buttons that set the text's size, as a line's last two or more words.
const SIZE_BUTTONS: [&str; 9] = ["A", "A+", "A++", "A-", "A–", "+", "-", "–", "−"];

/// A text-size control: two or more size buttons ending the line after a short label ("Text
/// size: A A A", "Font Size: - +", "Schriftgröße: A A+ A++"), or alone.
fn size_controls(text: &str) -> bool {
    // Nearly every line ends otherwise, and is told so before it is split.
    if !text.ends_with(['A', '+', '-', '–', '−']) {
        return false;
    }
    let tokens: Vec<&str> = text.split_whitespace().collect();
    let buttons = tokens
        .iter()
        .rev()
        .take_while(|t| SIZE_BUTTONS.contains(t))
        .count();
    buttons >= 2
        && tokens.len() - buttons <= SIZE_LABEL_WORDS
        // "A" and "-" also open and join words of a sentence ("Plan A - or B"): the buttons
        // are more than one kind, or all "A"s, or the label closes with a colon.
        && (tokens[tokens.len() - buttons..].iter().all(|t| t.starts_with('A'))
            || tokens.len() == buttons
            || tokens[tokens.len() - buttons - 1].ends_with([':', '：']))
}

/// Count nouns of a rating's tally in brackets.
const TALLY_NOUNS: [&str; 11] = [
    "votes",
    "vote",
    "ratings",
    "rating",
    "stimmen",
    "votos",
    "voti",
    "голосов",
    "głosów",
    "oy",
    "stemmen",
];

/// Most letters of a button's word in an engagement bar ("Guardar", "Partilhar").
const BUTTON_LETTERS: usize = 12;

/// An engagement bar: counts of likes, replies or reactions and the buttons beside them, set
/// apart as a menu bar's items are (bars, dots), in any language ("312 gostos · 41 respostas · Guardar · Partilhar",
/// "What do you think? 😂 12 | 😮 48 | 😡 201", "312 · 41 respostas"). Every item is a count (a
/// figure alone, a figure and the word it counts, or a pictograph and its figure) or a
/// one-word button; two at least are counts, and one of them says what it counts. A table's
/// row names its line first ("Arsenal | 38 | 26", "Goals 12 | Assists 5") and is no bar.
fn engagement_bar(text: &str) -> bool {
    if !text.contains(BAR_SEPARATORS) {
        return false;
    }
    // A year heads a table's column ("2024 budget"); it counts nothing.
    let figure = |t: &str| {
        t.bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
            && t.starts_with(|c: char| c.is_ascii_digit())
            && !crate::normalize::is_year(t)
    };
    let pictograph = |t: &str| t.chars().all(|c| !c.is_alphanumeric() && !c.is_ascii());
    let word = |t: &str| t.chars().all(char::is_alphabetic);
    let (mut counts, mut named) = (0, 0);
    for (i, item) in text.split(BAR_SEPARATORS).enumerate() {
        // The first item may follow a question or a label ("What do you think? 😂 12").
        let item = match item.rfind(['?', ':']) {
            Some(q) if i == 0 => &item[q + 1..],
            _ => item,
        };
        let tokens: Vec<&str> = item.split_whitespace().collect();
        match tokens.as_slice() {
            [n] if figure(n) => counts += 1,
            [b] if word(b) && b.chars().count() <= BUTTON_LETTERS => {}
            [n, w] if figure(n) && word(w) => (counts, named) = (counts + 1, named + 1),
            [p, n] if pictograph(p) && figure(n) => (counts, named) = (counts + 1, named + 1),
            _ => return false,
        }
    }
    counts >= 2 && named >= 1
}

/// Most words of a rating's label before its tally.
const TALLY_LABEL_WORDS: usize = 4;

/// A rating widget's tally closing a short line: "(212 votes)", "Average (14 votes)".
fn tally(l: &Line) -> bool {
    if !l.text.ends_with(')') {
        return false;
    }
    let Some(open) = l.text.rfind('(') else {
        return false;
    };
    if l.text[..open].split_whitespace().count() > TALLY_LABEL_WORDS {
        return false;
    }
    let inside: Vec<&str> = l.text[open + 1..l.text.len() - 1]
        .split_whitespace()
        .collect();
    matches!(inside.as_slice(), [n, noun]
        if n.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
            && n.starts_with(|c: char| c.is_ascii_digit())
            && TALLY_NOUNS.contains(&noun.to_lowercase().as_str()))
}

/// A market-data widget: three or more signed figures or percentages ("-12.99 -5.44%") in a
/// line with hardly any stopwords (a market report in prose has them), or in a row that is a
/// quarter or more figures and does not end as a sentence (some stopword lists hold words such as
/// "last", "low" or "home", which a quote table prints too).
fn ticker(l: &Line) -> bool {
    if figure_marks(l.text) < 3 {
        return false; // each figure holds a `%` or a sign before a digit: too few to be three
    }
    let (mut tokens, mut numbers, mut figures, mut signed_n) = (0usize, 0usize, 0usize, 0usize);
    for tok in l.text.split_whitespace() {
        tokens += 1;
        let t = tok.trim_start_matches(|c: char| {
            matches!(c, '+' | '-' | '−' | '▲' | '▼') || CURRENCY_SIGNS.contains(&c)
        });
        let t = t.trim_end_matches(['%', ',', ';']);
        numbers += usize::from(
            !t.is_empty()
                && t.chars()
                    .all(|c| c.is_ascii_digit() || c == '.' || c == ','),
        );
        let t = tok.trim_end_matches([',', ';']);
        let signed = signed_figure(t);
        let percent = t.ends_with('%')
            && t.starts_with(|c: char| c.is_ascii_digit() || CHANGE_SIGNS.contains(&c));
        signed_n += usize::from(signed);
        figures += usize::from(signed || percent);
    }
    figures >= 3
        && (l.stopword_share() < 0.15
            || (signed_n >= 2 && numbers * 4 >= tokens && !l.ends_sentence()))
}

/// Places that could make a token a figure for [`ticker`]: each `%`, and each sign (`+`, `-`,
/// `−`) followed by a digit. A line with fewer than three has fewer than three figures, and is
/// told so without splitting it into tokens.
fn figure_marks(text: &str) -> usize {
    let b = text.as_bytes();
    // Nearly every line with figures has none of the marks: one vector scan tells.
    if memchr::memchr3(b'%', b'+', b'-', b).is_none() && memchr::memchr(0xE2, b).is_none() {
        return 0;
    }
    let digit_at = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    (0..b.len())
        .filter(|&i| match b[i] {
            b'%' => true,
            b'+' | b'-' => digit_at(i + 1),
            // U+2212 MINUS SIGN
            0xE2 => b.get(i + 1..i + 3) == Some(&[0x88, 0x92]) && digit_at(i + 3),
            _ => false,
        })
        .count()
}

/// A bare gallery counter: "1 of 6", "2 de 10", "4 / 9" (not "9/11", a date).
fn counter(text: &str) -> bool {
    let t: Vec<&str> = text.split_whitespace().collect();
    let num = |s: &str| !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit());
    match t.as_slice() {
        [a, mid, b] => {
            num(a)
                && num(b)
                && (*mid == "/"
                    || (mid.chars().count() <= 4 && mid.chars().all(char::is_alphabetic)))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::{fired, fired_all};

    const BODY: &str = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";

    fn widget(lines: &[&str]) -> Vec<bool> {
        fired_all(lines)
            .iter()
            .map(|s| s & sig::WIDGET != 0)
            .collect()
    }

    #[test]
    fn a_storys_own_figures_stay_and_a_ticker_bar_goes() {
        let story = [
            BODY,
            "Frankfurt: +0,12%; Paris: +0,48%; Madrid: +0,65%; London: +0,39%",
            BODY,
        ];
        assert_eq!(widget(&story), [false; 3]);
        let bar = ["FTSE 100 +0.4% DAX -0.2% CAC 40 +0.1%", BODY, BODY];
        assert_eq!(widget(&bar), [true, false, false]);
        // A quote box's cells, between the story's paragraphs.
        let cells = [BODY, "Harbour Foods  Sh18.40  ▼ 0.54%", BODY];
        assert_eq!(widget(&cells), [false, true, false]);
        let cold = [BODY, "Mazocruz: -18 °C", "Macusani: -14,2 °C", BODY];
        assert_eq!(widget(&cold), [false; 4]);
    }

    #[test]
    fn engagement_bars_go_and_table_rows_stay() {
        for bar in [
            "312 gostos · 41 respostas · Guardar · Partilhar",
            "312 · 41 respostas",
            "What do you think? 😂 12 | 😮 48 | 😡 201 | 👍 87",
        ] {
            assert_eq!(widget(&[BODY, bar, BODY]), [false, true, false], "{bar}");
        }
        for row in [
            "Arsenal | 38 | 26 | 84",
            "Goals 12 | Assists 5 | Shots 30",
            "12 | 3 | 5",
        ] {
            assert_eq!(widget(&[BODY, row, BODY]), [false; 3], "{row}");
        }
    }

    #[test]
    fn a_live_reports_times_stay_and_a_players_clocks_go() {
        let live = [
            "Budget day live",
            "14:02",
            "Rate cut confirmed",
            BODY,
            "13:47",
            BODY,
            "13:31",
            BODY,
        ];
        assert!(widget(&live).iter().all(|w| !w));
        let player = [
            BODY,
            "Storm chasers film the funnel",
            "2:04",
            "Flooded farms",
            "1:33",
            "Roads closed",
            "3:10",
        ];
        assert_eq!(
            widget(&player),
            [false, false, true, false, true, false, true]
        );
    }

    #[test]
    fn signed_comments_under_the_furniture_that_ends_a_page() {
        let page = [
            BODY,
            BODY,
            "Get the Harbour Daily app for the latest news on the go, free on the App Store.",
            "Marge Kettering says: I was at that meeting and the chief made a very good case.",
            "jasonlim88: About time. My daughter had four tests in one week last May.",
            "Tom P.: Nobody is saying the old station is fine, just not this year.",
        ];
        assert_eq!(widget(&page), [false, false, false, true, true, true]);
        // An interview that ends the story is under its prose, not under its furniture.
        let interview = [
            BODY,
            "Rivera: We were told the bridge would open in the spring, and it did not.",
            "Chen: The contractor has paid the penalty for every week of the delay.",
        ];
        assert_eq!(widget(&interview), [false; 3]);
    }

    #[test]
    fn a_share_bar_under_a_label_of_any_language() {
        for t in [
            "Shpërndaje: Facebook Twitter WhatsApp Viber",
            "Сподели: Facebook Viber Копирай линк",
        ] {
            assert_ne!(fired(t) & sig::WIDGET, 0, "{t}");
        }
        for t in [
            "Update: Facebook and Twitter were down for an hour.",
            "Platforms named in the report: Facebook, Telegram and the state broadcaster",
        ] {
            assert_eq!(fired(t) & sig::WIDGET, 0, "{t}");
        }
    }

    #[test]
    fn readers_comments_under_a_label() {
        for t in [
            "Kommentar von Anna B.: Endlich tut sich etwas, aber die Busse fahren immer noch viel zu selten.",
            "Komentar: Ulica je potrebna, ali neka neko konačno popravi i trotoar kod škole u centru.",
            "Reader comment: This is the third time this year the line has flooded and nobody is fixing it.",
        ] {
            assert!(fired(t) & sig::WIDGET != 0, "{t}");
        }
        for t in [
            "Comment: why the budget fails",
            "Kommentar: Die Regierung muss handeln",
            "The comment: the minister said the budget would pass before the summer recess in July.",
        ] {
            assert_eq!(fired(t) & sig::WIDGET, 0, "{t}");
        }
    }

    #[test]
    fn readers_comments_signed_with_an_initial() {
        for t in [
            "Hanna W.: Endlich wird die Brücke saniert, das hat lange genug gedauert.",
            "Tomás R. — Cada invierno pasa lo mismo en el barrio y nadie responde.",
            "Priya S.: \"Great news for commuters on the east side.\"",
        ] {
            assert_eq!(fired(t) & sig::WIDGET, sig::WIDGET, "{t}");
        }
        for t in [
            "John F. Kennedy spoke in Berlin in 1963.",
            "MAYA OKAFOR: I started writing the book in the winter.",
            "Mayor Jane Roe: The bridge will open in May.",
            "Plan B: keep the old route open until the spring.",
        ] {
            assert_eq!(fired(t), 0, "{t}");
        }
    }

    #[test]
    fn a_players_list_is_flagged_beside_its_label_or_another_item() {
        let page = [
            BODY,
            "Now Playing",
            "Ash column towers over Flores 1:14",
            BODY,
            "Bali flights cancelled as ash drifts south 0:58",
            "Residents return to villages near the crater 2:03",
            BODY,
            // A title and a time alone among the story's lines is the story's own.
            "Doors open at the town hall 19:30",
            BODY,
            "1. Mercy Jepkosgei (KEN) 2:16:41",
            "2. Beatrice Chepkemoi (KEN) 2:17:36",
        ];
        assert_eq!(
            widget(&page),
            [
                false, true, true, false, true, true, false, false, false, false, false
            ]
        );
    }

    #[test]
    fn widgets_in_several_languages() {
        for t in [
            "Share this: Twitter",
            "この記事をシェア",
            "1:23",
            "Réagir à cet article",
            "Comentar esta notícia",
            "0:00 / 2:31",
            "▶ 02:14",
            "Now Playing",
            "Email this story",
            "Click to email this to a friend (Opens in new window)",
            "You must be logged in to post a comment.",
            "Κοινοποίηση",
            "शेयर करें",
            "Tulosta",
            "பகிர்",
            "שתפו בוואטסאפ",
            "Comments (0) Closed",
            "Duración 2:31",
            "Fehler gefunden? Jetzt melden.",
            "Rating: 36 Votes",
            "Hide comments",
            "Reuse this content",
            "less",
            "As you comment, please be respectful of other commenters and other viewpoints.",
            "Was this article helpful?",
            // A whole-line phrase counts at any length.
            "Do you like the content of this article?",
            // Text-size buttons after their label, a rating's tally, a button and its count.
            "Font Size: - +",
            "Schriftgröße: A A+ A++",
            "Recommend It: Average (212 votes)",
            "Post a comment (42)",
            // A row of buttons, some of them phrases.
            "Udostępnij: Facebook X E-mail Kopiuj link",
            "Tweet Share WhatsApp Pin",
            // Button labels joined by the extractor.
            "Share 12 FacebookTwitterLinkedInEmail",
            "FacebookTwitterPinterest",
            "This story has been shared 1,245 times.",
            "WhatsApp",
            "Compartilhar",
            "Поделиться",
            "Image 1 of 23 Caption Close",
            "1 of 6",
            "2 de 10",
            "Media playback is unsupported on your device",
            "Kommentare (14)",
            "23 Comments",
            "Compartir 3",
            "Biel 9° bewölkt",
            "Wagga Wagga 24°C Partly cloudy",
            "Artikel teilen",
            "Partager l'article",
            "Dodaj komentarz",
            "TSLA -1.32%",
            "Redfern Homes PLC (RHM) 412.60 -39.50 (-8.74%)",
            "HLVR 14.22 +0.88 (+6.60%) · Nasdaq · Delayed quote",
            "KSE-100 ▲ 37,112.40",
            "Safaricom  Sh18.40  ▼ 0.54%",
        ] {
            assert!(fired(t) & sig::WIDGET != 0, "{t}");
        }
        assert_eq!(
            fired("The FTSE 100 fell -1.2% as BP shares slid") & sig::WIDGET,
            0
        );
        assert_eq!(
            fired("Prices rose 1 of every 6 days last year, the report said.") & sig::WIDGET,
            0
        );
        assert_eq!(fired("9/11") & sig::WIDGET, 0);
        // A button's word inside a sentence names something else: participation, cooperation,
        // a name ("Del Angel").
        for t in [
            "أكد الوزير أهمية مشاركة الشباب في الانتخابات المقبلة",
            "הממשלה הודיעה על שיתוף פעולה חדש עם הרשויות המקומיות",
            "Narcisco Del Angel Lozano, 34, was identified by the office.",
        ] {
            assert_eq!(fired(t) & sig::WIDGET, 0, "{t}");
        }
        assert!(
            fired(
                "Ticker Last Change Change % ACME CORP. 225.86 -12.99 -5.44% FOO INC. 113.2 +1.02 +0.9%"
            ) & sig::WIDGET
                != 0
        );
        assert_eq!(
            fired(
                "Shares fell 5.4% on Tuesday, after a 3% drop on Monday and a 2% gain on Friday."
            ) & sig::WIDGET,
            0
        );
    }

    #[test]
    fn letters_and_dashes_of_a_sentence_are_not_size_buttons() {
        for t in [
            "Plan A - the one the council chose",
            "Vitamin A",
            "Rated A A by two agencies",
            "The vote was 212 to 40 (212 votes)",
        ] {
            assert_eq!(fired(t) & sig::WIDGET, 0, "{t}");
        }
    }

    #[test]
    fn quote_rows_whose_names_are_stopwords() {
        // "Last", "Low", "Home" and "Inc" are on the ISO English list.
        assert!(
            fired(
                "Symbol Name Last Change Change % HMX HOME MAKERS INC. 41.20 -2.10 -4.85% LOW LOWLAND CO. 18.05 +0.45 +2.56%"
            ) & sig::WIDGET
                != 0
        );
        assert_eq!(
            fired(
                "The index closed at 41.20, down -2.10 points, or -4.85%, its worst day since May."
            ) & sig::WIDGET,
            0
        );
    }

    #[test]
    fn figure_marks_bound_the_figures() {
        assert_eq!(super::figure_marks("-2.10 -4.85% +0.45 \u{2212}3"), 5);
        assert_eq!(super::figure_marks("in 1999, 2004 and 2019 - twice"), 0);
        assert_eq!(super::figure_marks("a 5% rise and a \u{2212}"), 1);
    }

    #[test]
    fn a_caption_fused_with_its_gallery_controls() {
        let cap = "The mayor, left, greets residents at the opening of the new library on Saturday, June 6, 2020, in the old market hall downtown.";
        let line = format!(
            "{cap} {cap} Photo: Jane Roe, Staff Photo: Jane Roe, Staff Image 1 of / 9 Caption Close New library opens downtown 1 / 9 Back to Gallery"
        );
        assert!(line.split_whitespace().count() > super::MAX_WORDS);
        assert!(fired(&line) & sig::WIDGET != 0);
        // A long caption that names a gallery in passing stays body.
        let prose =
            format!("{cap} {cap} The image 1 of the series shows the hall before the fire.");
        assert_eq!(fired(&prose) & sig::WIDGET, 0);
    }
}
