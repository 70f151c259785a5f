//! Related, read-more and "You may also like" link lists.
//!
//! **What it flags**: links to other articles left in the text: a cue line ("Related",
//! "You may also like", "Leggi anche", "Baca juga", "Читайте также") and the headline-like
//! lines that follow it; a cue with the headline on the same line ("Read more: …",
//! "Related: …", "On Example.com: …"); a headline tagged with a capitalised section in brackets
//! ("… \[VIDEO\]"); a headline set in capitals; with no cue at all, a run of three or more
//! headline-like lines (stamps between them do not break it); feeds, three or more items
//! each closed by a stamp of its age or date ("15 hours ago"), whatever their case; and after
//! the story's last line of prose, a headline-like line right after a junk line.
//!
//! **Evidence**: cue phrases of the cue file; the line's shape (a few words, no closing full
//! stop, few stopwords or title case or capitals); its neighbours (a run of such lines, or of
//! items between stamps).
//!
//! **Example**: `You may also like...` then `Who will make the Rock Hall in 2020?`.
//!
//! **Known misses**: a single uncued headline between two paragraphs (it reads as a subhead);
//! teasers that end in a full sentence.

use super::lexicon::{CueHits, JunkLexicon, Rule};
use super::shape::{CURRENCY_SIGNS, Line, closes_sentence};
use super::sig;

/// Longest line, in words, flagged on a cue at its start.
const PREFIX_WORDS: usize = 30;
/// Most words of a heading that opens with a cue and names a section ("Latest from Farming"),
/// which takes the list after it as a whole-line cue does.
const HEADING_WORDS: usize = 5;
/// Most headline lines taken after a cue line.
const AFTER_CUE: usize = 12;
/// Fewest lines of a run with no cue.
const MIN_RUN: usize = 3;
/// Fewest letters of a line whose closing full stop shows that the article's script sets them.
const SENTENCE_LETTERS: usize = 24;
/// Fewest words of each line of a run with no cue.
const RUN_WORDS: usize = 6;
/// Fewest words of a headline set in capitals (shorter ones are subheads).
const CAPS_WORDS: usize = 7;

/// Marks related links in an article's lines. `out` holds the signals so far; `first` is the
/// first line that may be flagged (after a title line).
pub(crate) fn mark(
    lex: &JunkLexicon,
    lines: &[Line],
    hits: &[CueHits],
    first: usize,
    out: &mut [u32],
) {
    let n = lines.len();
    // A list after a cue ends at the first line that closes like a sentence. Where no line of
    // the article does (Thai sets no full stop), nothing tells the list's end from the story
    // resuming, and only the line right after the cue is taken.
    let list_max = if lines
        .iter()
        .any(|l| l.letters >= SENTENCE_LETTERS && l.ends_sentence())
    {
        AFTER_CUE
    } else {
        1
    };
    for i in first..n {
        let (l, h) = (&lines[i], hits[i]);
        if l.block {
            continue;
        }
        let heading = h.line(Rule::RelatedLinks) && l.words <= 8
            || (l.words <= HEADING_WORDS && lex.is_prefix_line(Rule::RelatedLinks, &l.norm))
            || (h.prefix(Rule::RelatedLinks)
                && l.words <= HEADING_WORDS
                && !l.text.contains(':')
                && !matches!(l.last_char(), Some('.' | '!' | '?')))
            || section_heading(lex, l);
        if heading {
            out[i] |= sig::RELATED_LINKS;
            let mut j = i + 1;
            while j < n && j <= i + list_max && listed(&lines[j]) {
                out[j] |= sig::RELATED_LINKS | sig::AFTER_CUE;
                j += 1;
            }
        } else if (h.prefix(Rule::RelatedLinks)
            && l.words <= PREFIX_WORDS
            && (l.last_char() != Some('.') || cue_label(lex, l)))
            || (h.prefix(Rule::RelatedLinks) && fused_list(l))
            || domain_label(l.text)
            || (video_teaser(l.text) && l.words <= PREFIX_WORDS && !l.ends_sentence())
        {
            out[i] |= sig::RELATED_LINKS;
        } else if tagged(l) || truncated(l.text) || bracketed_label(l) || caps_label(l) {
            out[i] |= sig::RELATED_LINKS | sig::SHAPE;
        } else if caps_headline(l) {
            out[i] |= sig::RELATED_LINKS | sig::CAPS;
        }
    }
    // Runs of fused link cards ([`Line::fused`]).
    let mut i = first;
    while i < n {
        let mut j = i;
        while j < n
            && !lines[j].block
            && lines[j].words <= 80
            && lines[j].upper >= 2
            && lines[j].fused
        {
            j += 1;
        }
        if j - i >= 2 {
            for o in &mut out[i..j] {
                *o |= sig::RELATED_LINKS | sig::SHAPE;
            }
        }
        i = j.max(i + 1);
    }
    // Runs of headline-like lines with no cue. A feed sets a stamp under each headline
    // ("13 hours ago"): stamps between the headlines do not break their run.
    let mut i = first.max(1);
    let mut members: Vec<usize> = Vec::new();
    while i < n {
        members.clear();
        let mut j = i;
        while j < n {
            if out[j] == 0 && run_member(&lines[j]) {
                members.push(j);
            } else if members.is_empty() || !feed_stamp(&lines[j], out[j]) {
                break;
            }
            j += 1;
        }
        // A run after a line that ends in a colon is the list that line announces.
        let announced = lines[i - 1].text.trim_end().ends_with([':', '：']);
        if members.len() >= MIN_RUN && !announced {
            for &m in &members {
                out[m] |= sig::RELATED_LINKS | sig::HEADLINE_RUN;
            }
        }
        i = members.last().map_or(j, |&m| m + 1).max(i + 1);
    }
    mark_feeds(lines, first, out);
    mark_tail_teasers(lines, first, out);
}

/// Marks teasers after the story: past the article's last line of prose, a line that reads
/// like a headline ([`run_member`]) right after a junk line is a link to another article, as a
/// lone headline under the tags or after a "More from" label is. Each one marked lets the next
/// headline follow it.
fn mark_tail_teasers(lines: &[Line], first: usize, out: &mut [u32]) {
    let n = lines.len();
    let Some(last) = (first..n).rfind(|&i| lines[i].is_prose()) else {
        return;
    };
    for i in last + 1..n {
        if out[i] & sig::RULES == 0 && out[i - 1] & sig::RULES != 0 && run_member(&lines[i]) {
            out[i] |= sig::RELATED_LINKS;
        }
    }
}

/// Most lines of one item of a feed between its stamps: a headline and its teaser.
const FEED_ITEM_LINES: usize = 2;
/// Fewest stamped items that make a feed.
const FEED_ITEMS: usize = 3;
/// Most words of a feed item's line (a teaser is a sentence or two).
const FEED_LINE_WORDS: usize = 45;

/// Marks feeds: lists of other articles, each item a headline (perhaps with its teaser) and a
/// stamp of its age or date ("Canada beats U.S. to advance", "15 hours ago", ...). Three or
/// more stamps in a row with one or two lines between each are a feed, whatever the case of
/// its headlines; the lines before the first stamp are its first item when they read like
/// one (no closing full stop on the first of them). Stamps with a clock time are left out: a
/// live report sets those over its own updates.
fn mark_feeds(lines: &[Line], first: usize, out: &mut [u32]) {
    let n = lines.len();
    let is_stamp = |j: usize| feed_stamp(&lines[j], out[j]) && !has_clock(lines[j].text);
    // Most articles hold no feed: nothing is set up for them.
    if (first..n)
        .filter(|&j| is_stamp(j))
        .nth(FEED_ITEMS - 1)
        .is_none()
    {
        return;
    }
    let item_line =
        |j: usize| !lines[j].block && lines[j].words <= FEED_LINE_WORDS && lines[j].words > 0;
    let stamps_at: Vec<bool> = (0..n).map(is_stamp).collect();
    let stamp = |j: usize| stamps_at[j];
    let mut i = first;
    while i < n {
        if !stamp(i) {
            i += 1;
            continue;
        }
        // Stamps in a row, each one to two item lines after the last.
        let mut stamps = vec![i];
        let mut j = i + 1;
        loop {
            let mut k = j;
            while k < n && k - j < FEED_ITEM_LINES && !stamp(k) && item_line(k) {
                k += 1;
            }
            if k > j && k < n && stamp(k) {
                stamps.push(k);
                j = k + 1;
            } else {
                break;
            }
        }
        if stamps.len() >= FEED_ITEMS {
            // The first item's lines, before its stamp, as many as the second item has.
            let width = stamps[1] - stamps[0] - 1;
            let lead = i.saturating_sub(width).max(first);
            let opens_item = lead < i && (lead..i).all(item_line) && !lines[lead].ends_full_stop();
            let from = if opens_item { lead } else { i };
            for (j, o) in out.iter_mut().enumerate().take(j).skip(from) {
                if !stamps.contains(&j) && *o & sig::RULES == 0 {
                    *o |= sig::RELATED_LINKS | sig::HEADLINE_RUN;
                }
            }
        }
        i = j.max(i + 1);
    }
}

/// Words that open a heading over other articles of a section ("More Business News", "Other
/// Local News", "Latest from Sport").
const MORE_WORDS: [&str; 21] = [
    "more",
    "mehr",
    "other",
    "latest",
    "top",
    "recent",
    "más",
    "mais",
    "altre",
    "weitere",
    "autres",
    "другие",
    "ещё",
    "больше",
    "інші",
    "więcej",
    "meer",
    "flere",
    "fler",
    "lisää",
    "diğer",
];

/// Words of such a heading besides the section's name: the articles it lists, and the
/// preposition before the section.
const LISTED_WORDS: [&str; 24] = [
    "news",
    "stories",
    "headlines",
    "articles",
    "posts",
    "videos",
    "from",
    "in",
    "noticias",
    "notícias",
    "notizie",
    "nachrichten",
    "nouvelles",
    "новости",
    "новини",
    "wiadomości",
    "nieuws",
    "nyheter",
    "nyheder",
    "uutiset",
    "haberler",
    "de",
    "aus",
    "z",
];

/// Most words of a cue set as a label before a colon.
const LABEL_WORDS: usize = 3;

/// A cue set as a label before a colon, the whole of what precedes it, of two words or in
/// capitals ("Read more: …", "BASAHIN: …", "Baca juga: …"): what it labels is a link, even one
/// whose headline runs on into a second sentence and closes with a stop. A single word in
/// lower case ("Read: the department's study …") points the reader to what the story cites.
fn cue_label(lex: &JunkLexicon, l: &Line) -> bool {
    l.text.split_once(':').is_some_and(|(label, _)| {
        let words = label.split_whitespace().count();
        let label = Line::new(label, None);
        ((2..=LABEL_WORDS).contains(&words) || (words == 1 && label.all_caps()))
            && lex.is_prefix_line(Rule::RelatedLinks, &label.norm)
    })
}

/// A heading over other articles of a section: two to five words, the first of
/// [`MORE_WORDS`], the rest the listed kind ([`LISTED_WORDS`]) or the names of sections of the
/// cue file's menus, and one of them at least ("More Business News", "Other Local News", "More
/// Nation & World"; not "More rain expected").
fn section_heading(lex: &JunkLexicon, l: &Line) -> bool {
    if l.block || !(2..=HEADING_WORDS).contains(&l.words) || l.digits > 0 || l.ends_sentence() {
        return false;
    }
    if !l
        .norm
        .split_whitespace()
        .next()
        .is_some_and(|w| MORE_WORDS.contains(&w))
    {
        return false;
    }
    let words: Vec<&str> = l.norm.split_whitespace().collect();
    let Some((head, rest)) = words.split_first() else {
        return false;
    };
    if !MORE_WORDS.contains(head) {
        return false;
    }
    let names: Vec<&str> = rest
        .iter()
        .copied()
        .filter(|w| !LISTED_WORDS.contains(w))
        .collect();
    names.len() < rest.len() && names.is_empty()
        || !names.is_empty() && lex.only_line_phrases(Rule::Menu, &names)
}

/// Whether a line holds a clock time ("10:15", "18.05", "10h15", "Kl. 05.30:").
fn has_clock(text: &str) -> bool {
    text.split_whitespace()
        .any(|t| super::credit_stamp::is_clock(t.trim_end_matches([':', ',', ';'])))
}

/// Most words of a stamp that a run of headlines passes over.
const FEED_STAMP_WORDS: usize = 6;

/// A date or age stamp on a line of its own, as a feed sets under each headline: a short
/// line already taken for page metadata.
fn feed_stamp(l: &Line, signals: u32) -> bool {
    signals & sig::PAGE_META != 0 && l.words <= FEED_STAMP_WORDS && !l.block
}

/// A list of headlines fused onto its cue as one long line ("Most read in world news RANDY
/// ANDY Andrew parties … DRIVEN TO SUICIDE Pregnant girl …"): headlines end in no full stop, so
/// the line has no sentence break and does not end as a sentence, as prose this long does.
fn fused_list(l: &Line) -> bool {
    l.words > PREFIX_WORDS && !l.block && !l.ends_sentence() && !l.text.contains(". ")
}

/// A headline set in capitals: seven to twenty words, one sentence, no closing full stop and no
/// bracketed credit (a caption or a shouted paragraph has them).
fn caps_headline(l: &Line) -> bool {
    l.all_caps()
        && (CAPS_WORDS..=20).contains(&l.words)
        && !l.ends_sentence()
        && !l.text.contains(['(', '['])
        && !l.text.contains(". ")
}

/// A line that can be a listed link after a cue: a few words (or one "word" the size of
/// several, [`Line::size`]: a headline in a script without spaces, "地铁五号线将于年底开通")
/// with no closing full stop (a question is a headline too), or a teaser cut short.
fn listed(l: &Line) -> bool {
    ((2..=24).contains(&l.words) || (l.words == 1 && l.size() >= 2))
        && !l.only_links
        && !l.block
        && (!(l.ends_full_stop()
            || matches!(l.last_char(), Some(':' | ';' | ',' | '：' | '；' | '，')))
            || truncated(l.text))
}

/// Words that label a video teaser when a colon follows them ("Watch: …", "VIDEO: …").
const VIDEO_LABELS: [&str; 9] = [
    "watch",
    "video",
    "vídeo",
    "assista",
    "mira",
    "regardez",
    "guarda",
    "tonton",
    "смотрите",
];

/// Longest label of [`VIDEO_LABELS`] in bytes, with room for spaces around it.
const VIDEO_LABEL_BYTES: usize = 20;

/// A teaser of a video: a label of [`VIDEO_LABELS`], a colon, then a headline of three words
/// or more ("Watch: Drone footage shows flooded farmland"). The colon tells it from a story's
/// line that opens with the verb ("Watch the trailer below").
fn video_teaser(text: &str) -> bool {
    let Some((label, rest)) = text.split_once(':') else {
        return false;
    };
    // Every line with a colon comes here: only a label as short as these is lower-cased.
    if label.len() > VIDEO_LABEL_BYTES {
        return false;
    }
    let label = label.trim().to_lowercase();
    VIDEO_LABELS.contains(&label.as_str()) && rest.split_whitespace().count() >= 3
}

/// A teaser cut off mid-sentence: it ends in an ellipsis after a comma or a word that cannot
/// end a sentence ("…with the plague,...").
fn truncated(text: &str) -> bool {
    let t = text.trim_end();
    let Some(rest) = t.strip_suffix("...").or_else(|| t.strip_suffix('…')) else {
        return false;
    };
    rest.trim_end().ends_with(',')
}

/// A line that can be part of an uncued run of headlines: headline-like (title case, capitals
/// or few stopwords: sentence-case lines in a run are as often a product's feature list), and
/// not a list item, product line or date line (those come in runs in the body too). A script
/// without capitals has no title case to tell a headline by, and some (Thai) no full stop
/// either, so its lines join no run without a cue.
fn run_member(l: &Line) -> bool {
    let first = l.text.chars().next().unwrap_or(' ');
    l.upper > 0
        && l.headline_like()
        && l.words >= RUN_WORDS
        && !first.is_ascii_digit()
        && !matches!(first, '•' | '-' | '*' | '–' | '—' | '(' | '“' | '"')
        && !l.text.contains(CURRENCY_SIGNS)
        && !l.text.contains(['@', '|'])
        && l.text.matches(',').count() < 2
        && !l.ends_sentence()
        && !has_score(l.text)
        && !has_change(l.text)
        && !timed_or_figured(l.text)
}

/// A line with a time of day ("Kl. 05.30: E16 closed") or a label and a figure after it
/// ("Rain in May so far: 8 mm"): a timeline's or a fact box's row, which stories list too.
fn timed_or_figured(text: &str) -> bool {
    has_clock(text)
        || text.rsplit_once(": ").is_some_and(|(_, value)| {
            value.starts_with(|c: char| c.is_ascii_digit()) && value.split_whitespace().count() <= 2
        })
}

/// A signed change between figures ("+14.2%", "-6.8%", "▲0.45%"): a list of market movers
/// or results is the story's, even when each line reads like a headline.
fn has_change(text: &str) -> bool {
    text.split_whitespace()
        .any(|t| super::shape::signed_figure(t.trim_start_matches(['(', '['])))
}

/// A result or score between figures ("Rivers United 1-0 Remo Stars", "3:2"): a list of
/// results is the story's, even when each reads like a headline.
fn has_score(text: &str) -> bool {
    text.split_whitespace().any(|t| {
        t.split_once(['-', '–', ':']).is_some_and(|(a, b)| {
            (1..=3).contains(&a.len())
                && (1..=3).contains(&b.len())
                && a.bytes().all(|c| c.is_ascii_digit())
                && b.bytes().all(|c| c.is_ascii_digit())
        })
    })
}

/// A whole line in brackets that opens with a label and a colon: an editor's link or graphic
/// note ("(Graphic: Global assets in 2019 - here)", "[Related: …]").
fn bracketed_label(l: &Line) -> bool {
    let t = l.text.trim();
    let inner = match (t.chars().next(), t.chars().last()) {
        (Some('('), Some(')')) | (Some('['), Some(']')) => &t[1..t.len() - 1],
        _ => return false,
    };
    let Some((label, rest)) = inner.split_once(':') else {
        return false;
    };
    (1..=3).contains(&label.split_whitespace().count())
        && !label.chars().any(|c| c.is_ascii_digit())
        && rest.split_whitespace().count() >= 2
        && l.words <= 20
}

/// "READ: headline", "ALSO READ: …", "BREAKING: …": a link or ticker label set in capitals, a
/// colon, then a headline of three or more words with no closing full stop; and "More:" so.
fn caps_label(l: &Line) -> bool {
    // "More: headline", as a chain of papers sets its links between a story's paragraphs.
    if let Some(rest) = l.text.strip_prefix("More: ") {
        return l.words <= PREFIX_WORDS
            && rest.split_whitespace().count() >= 3
            && rest.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            && !rest.trim_end().ends_with('.');
    }
    // Every line comes here: a label in capitals opens with two of them.
    let mut head = l.text.chars();
    if l.words > PREFIX_WORDS
        || !head.next().is_some_and(char::is_uppercase)
        || !head.next().is_some_and(char::is_uppercase)
    {
        return false;
    }
    // A ticker sets its label apart by a colon or by a run of spaces ("SON DAKİKA  …").
    let Some((label, rest)) = l.text.split_once(':').or_else(|| l.text.split_once("  ")) else {
        return false;
    };
    CAPS_LABELS.contains(&label.trim())
        && rest.split_whitespace().count() >= 3
        && !rest.trim_end().ends_with('.')
}

/// Link and ticker labels set in capitals before a headline.
const CAPS_LABELS: [&str; 28] = [
    "MORE",
    "READ NEXT",
    "DON'T MISS",
    "DON’T MISS",
    "MUST READ",
    "TRENDING",
    "RECOMMENDED",
    "PHOTOS",
    "READ",
    "ALSO READ",
    "READ ALSO",
    "READ MORE",
    "RELATED",
    "SEE ALSO",
    "WATCH",
    "LEIA",
    "LEA",
    "LIRE",
    "LEGGI",
    "BACA",
    "BREAKING",
    "BREAKING NEWS",
    "JUST IN",
    "ÚLTIMA HORA",
    "ULTIMA ORA",
    "EILMELDUNG",
    "SON DAKİKA",
    "HABARI ZA HIVI PUNDE",
];

/// "On Example.com: headline": a label naming a site, a colon, then the headline.
fn domain_label(text: &str) -> bool {
    let Some((label, rest)) = text.split_once(':') else {
        return false;
    };
    let toks: Vec<&str> = label.split_whitespace().collect();
    (1..=3).contains(&toks.len())
        && toks.iter().any(|t| {
            t.rsplit_once('.').is_some_and(|(name, tld)| {
                name.len() >= 2
                    && (2..=4).contains(&tld.len())
                    && tld.bytes().all(|b| b.is_ascii_lowercase())
            })
        })
        && rest.split_whitespace().count() >= 3
        && !rest.trim_end().ends_with('.')
}

/// A headline ending in a section tag in capitals: `… [VIDEO]`, `… [PICS]`.
fn tagged(l: &Line) -> bool {
    let t = l.text.trim_end();
    let Some(inner) = t.strip_suffix(']') else {
        return false;
    };
    let Some(open) = inner.rfind('[') else {
        return false;
    };
    let tag = &inner[open + 1..];
    inner[..open].split_whitespace().count() >= 3
        && !closes_sentence(&inner[..open])
        && l.words <= 30
        && (2..=15).contains(&tag.chars().count())
        && tag.chars().all(|c| c.is_uppercase() || c == ' ')
}

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::fired_all;

    fn related(lines: &[&str]) -> Vec<bool> {
        fired_all(lines)
            .iter()
            .map(|s| s & sig::RELATED_LINKS != 0)
            .collect()
    }

    #[test]
    fn video_teasers_and_unspaced_headlines_after_a_cue_are_links() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        let page = [
            body,
            "Watch: Drone footage shows the flooded farmland near the river",
            body,
            "Watch the trailer for the second series below:",
        ];
        assert_eq!(related(&page), [false, true, false, false]);
        let zh = [
            "市政府周二宣布，将在未来三年内投资五十亿元改造老旧小区，涉及全市两百多个住宅区。",
            "相关阅读",
            "地铁五号线将于年底开通",
            "不少居民表示欢迎，但也有人担心施工期间会影响日常生活。",
        ];
        assert_eq!(related(&zh), [false, true, true, false]);
    }

    #[test]
    fn a_list_of_market_movers_is_no_run_of_headlines() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        let movers = [
            body,
            "Biggest movers this week",
            "Harbour Foods (HBF.N) +14.2%",
            "Ridge Health (RDH.N) +9.7%",
            "Brightline Chips (BLC.O) -6.8%",
            body,
        ];
        assert_eq!(related(&movers), [false; 6]);
        let facts = [
            body,
            "Drought Hits The North Two Months Early",
            "Rain In May So Far: 8 mm",
            "Normal Rain In May: 46 mm",
            "Kl. 05.30: Mountain Pass Closed At Summit",
            body,
        ];
        assert_eq!(related(&facts), [false; 6]);
    }

    #[test]
    fn previous_and_next_article_labels_take_the_headline_after_them() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        let page = [
            body,
            body,
            "Previous article",
            "City pool to open early this summer",
            "Next article",
            "Farmers market adds Sunday hours",
        ];
        assert_eq!(related(&page), [false, false, true, true, true, true]);
    }

    #[test]
    fn lone_headlines_after_the_story_and_its_furniture_are_links() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        let page = [
            body,
            body,
            "Tags: Transport, Council, Bridges",
            "Rail Corridor Plan Back Before Regional Board",
            "Council Approves New Shelter Site On Terminal Avenue",
        ];
        assert_eq!(related(&page), [false, false, false, true, true]);
        // Before the story's last prose, or after a line of the story, a headline is a subhead.
        let subheads = [
            body,
            "Tags: Transport, Council, Bridges",
            "What happens next for the bridge project",
            body,
            "Officials Will Report Back To The Board In March",
        ];
        assert_eq!(related(&subheads), [false; 5]);
    }

    #[test]
    fn feeds_of_stamped_headlines_are_links_whatever_their_case() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        let feed = [
            body,
            "Historic win has the club set up well for the finals",
            "13 hours ago",
            "Visitors beat the hosts 3-1 to advance to the quarterfinals",
            "15 hours ago",
            "Full standings, schedule and results from the first week",
            "The organisers published the draw for the last eight on Sunday.",
            "2d ago",
            "Local players upset the favourites to take a 1-0 lead",
            "1 day ago",
        ];
        let got = fired_all(&feed);
        let links: Vec<bool> = got.iter().map(|s| s & sig::RELATED_LINKS != 0).collect();
        let meta: Vec<bool> = got.iter().map(|s| s & sig::PAGE_META != 0).collect();
        assert_eq!(
            links,
            [
                false, true, false, true, false, true, true, false, true, false
            ]
        );
        assert_eq!(
            meta,
            [
                false, false, true, false, true, false, false, true, false, true
            ]
        );
        // A live report stamps its own updates with clock times: they stay.
        let live = [
            body,
            "10:15 GMT",
            "Rescue teams reached the valley after the road reopened",
            "10:40 GMT",
            "The mayor said the shelters would stay open overnight",
            "11:05 GMT",
            "Power returned to most homes in the north of the town",
            "11:30 GMT",
        ];
        assert!(!related(&live).into_iter().any(|r| r), "{live:?}");
        // Two stamped items are not yet a feed.
        assert!(!related(&feed[..6]).into_iter().any(|r| r));
    }

    #[test]
    fn read_also_lines_in_several_languages() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        for t in [
            "Zobacz też: Drogowcy kończą remont ulicy Armii Krajowej",
            "Čtěte také: Lipno čeká rekordní sezonu",
            "Citește și: Primăria anunță noi lucrări",
            "READ: City names new project manager for the bus line",
            "MORE: Storm knocks out power to thousands",
            "More: Riverside council backs $42M road bond for November ballot",
            "DON'T MISS: The best parks in the city this summer",
            "Mirá también: Cómo sigue el cuadro de la copa después del sorteo",
            "Ezek is érdekelhetik: Lezárják a hidat a hétvégén",
            "İLGİLİ HABERLER Valilik yeni trafik düzenlemesini açıkladı",
            "بیشتر بخوانید: شهرداری طرح تازه‌ای برای پارک‌ها دارد",
            "עוד בנושא: העירייה מאשרת את תוכנית הגשר",
            "ये भी पढ़ें - नगर निगम ने नई बस सेवा शुरू की",
            "আরও পড়ুন: সিটি করপোরেশনের নতুন বাজেট ঘোষণা",
            "อ่านเพิ่มเติม: กรุงเทพฯ เปิดสะพานใหม่",
            "相关新闻：市政府公布新的公交线路",
            "관련 기사 시의회, 새 다리 예산 승인",
            // A labelled headline that runs on into a second sentence.
            "Read more: Pilots are retiring faster than airlines can hire. Here's what it means.",
            "BASAHIN: NFA rice, muling ibebenta sa mga Kadiwa store.",
        ] {
            assert_eq!(related(&[body, t]), [false, true], "{t}");
        }
        // A single word in lower case points to what the story cites.
        let cites = "Read: the department's field study of heat pumps, which tracked 63 homes.";
        assert_eq!(related(&[body, cites]), [false, false]);
    }

    #[test]
    fn lists_after_cues_in_several_languages() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        for cue in [
            "You may also like...",
            "Leggi anche",
            "Baca juga",
            "Читайте также",
            "Meistgelesen",
            "Lo más leído",
            "Najczęściej czytane",
            "More in Minnesota Wild",
            "Next Up In Science & Health",
        ] {
            let got = related(&[
                body,
                cue,
                "Mayor Unveils Plan For New Waterfront Park",
                "Storm Damage Closes Coastal Road",
            ]);
            assert_eq!(got, [false, true, true, true], "{cue}");
        }
        assert_eq!(
            related(&[
                body,
                "Read more: Alibaba poised to launch record Hong Kong listing"
            ]),
            [false, true]
        );
        assert_eq!(
            related(&[body, "Plane passengers quarantined after outbreak [NEWS]"]),
            [false, true]
        );
        assert_eq!(
            related(&[body, "On Example.com: Car sales plunge nearly 17 percent"]),
            [false, true]
        );
        let fused = "Most read in sport STUNNER Striker scores from his own half in cup upset \
             HOME AT LAST Veteran keeper signs new deal with boyhood club after ten years away \
             FURY Fans react as derby is moved to a Monday night for television \
             RECORD Sprinter breaks national mark twice in one afternoon at the indoor meet";
        assert_eq!(related(&[body, fused]), [false, true]);
        let prose = "Read more about the plan in the council's report, which runs to 300 pages \
             and sets out the costs of the bridge, the schools and the roads for each of the \
             next ten years. The mayor said it would be published in full on Monday.";
        assert_eq!(related(&[body, prose]), [false, false]);
    }

    #[test]
    fn section_headings_take_the_list_under_them() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        for heading in [
            "More Business News",
            "Other Local News",
            "More Nation & World",
        ] {
            assert_eq!(
                related(&[
                    body,
                    heading,
                    "Storms knock out power across the county",
                    "School board delays vote on new calendar",
                    body
                ]),
                [false, true, true, true, false],
                "{heading}"
            );
        }
        // A subhead that opens with the same word names no section.
        assert_eq!(
            related(&[body, "More rain expected", body]),
            [false, false, false]
        );
    }

    #[test]
    fn subheads_and_lists_stay_body() {
        let body = "The council approved the budget on Tuesday after a long debate about the cost of the new bridge and the schools.";
        assert_eq!(
            related(&[body, "Why the bridge costs so much", body]),
            [false, false, false]
        );
        assert_eq!(
            related(&[
                body,
                "June 9 – West Palm Beach, FL @ Coral Sky",
                "June 10 – Tampa, FL @ MidFlorida",
                "June 12 – Atlanta, GA @ Lakewood"
            ]),
            [false, false, false, false]
        );
        assert_eq!(
            related(&[body, "LOOK WHAT YOU MADE ME DO", body]),
            [false, false, false]
        );
        // A sentence that opens with "More:" closes like one.
        assert_eq!(
            related(&[body, "More: the council will vote again next week.", body]),
            [false, false, false]
        );
        // A list after a cue ends at the first line closed by a full stop, in any script.
        assert_eq!(
            related(&[
                "杭州地铁集团相关负责人表示，试运行将持续3个月左右，之后还需通过安全评估。",
                "【相关阅读】",
                "杭州地铁三期建设规划获批 新增线路5条",
                "沿线居民对新线开通充满期待。",
            ]),
            [false, true, true, false]
        );
        // A list the story announces with a colon stays, and so does a story's line that
        // closes a sentence before a bracketed source or tag.
        assert_eq!(
            related(&[
                "The round was led by Horizon Ventures, with participation from:",
                "Singapore family office Lantern Bay Capital",
                "The venture arm of Japan's Mizuka Bank",
                "Existing investors Jungle Road and Monk's Hill",
            ]),
            [false, false, false, false]
        );
        assert_eq!(
            related(&[
                body,
                "Treasury yields edged higher as talks went on. [CNBC]"
            ]),
            [false, false]
        );
        // Where no line closes with a full stop (Thai), a cue takes only the line after it.
        assert_eq!(
            related(&[
                "ดาวเทียมตรวจพบจุดความร้อนในภาคเหนือกว่า 1,800 จุด ส่วนใหญ่อยู่ในพื้นที่ป่าอนุรักษ์",
                "ข่าวที่เกี่ยวข้อง",
                "กรมควบคุมมลพิษเตือน 17 จังหวัดภาคเหนือ ฝุ่นพุ่งสูง",
                "เจ้าหน้าที่ได้ส่งชุดดับไฟป่าเข้าพื้นที่กว่า 300 นาย พร้อมเฮลิคอปเตอร์ 2 ลำ",
            ]),
            [false, true, true, false]
        );
        // Lines of a script without capitals form no run of headlines on their look alone.
        assert_eq!(
            related(&[
                "ดาวเทียมตรวจพบจุดความร้อนในภาคเหนือกว่า 1,800 จุด ส่วนใหญ่อยู่ในพื้นที่ป่าอนุรักษ์",
                "เจ้าหน้าที่ได้ส่งชุดดับไฟป่าเข้าพื้นที่กว่า 300 นาย พร้อมเฮลิคอปเตอร์ 2 ลำ",
                "ท่าอากาศยานเชียงใหม่แจ้งว่า เที่ยวบินบางเที่ยวล่าช้าเนื่องจากทัศนวิสัยต่ำ",
                "นักท่องเที่ยวบางส่วนยกเลิกการเดินทางมายังเชียงใหม่ในช่วงนี้ ตามที่หน่วยงานแจ้ง",
            ]),
            [false, false, false, false]
        );
    }
}
