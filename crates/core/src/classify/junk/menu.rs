//! Navigation menus and link bars at the page's edges.
//!
//! **What it flags**: what an extractor that keeps the whole page leaves above the story and
//! below it: a run of three or more menu items, each a line of at most three words with no
//! closing punctuation and no figures, one of them a navigation word of the cue file or junk
//! by another rule ("Home", "World", "Sign in" …; "About us", "Contact", "Privacy policy" …),
//! and a bar of four or more such items on one line, set apart by `|`,
//! `•` or `·` ("Home | World | Politics | Sport"). Only before the article's first line of
//! prose or after its last one.
//!
//! An edge that is a page's furniture as a whole, as a whole-page text dump leaves it (dozens of
//! lines above the story and below it, nearly all of them short), is a menu line for line: its
//! short lines are flagged whatever they hold (section names, a publisher's list of titles, a
//! date, "Subscribe Sign In", the page's headline: the story's text, as its reader would cut
//! it from the page, starts under the headline), and only its longer lines are left to the
//! other rules.
//!
//! **Evidence**: the line's shape (a few words, no closing punctuation); its neighbours (a run
//! of such lines, one of them a cue); its position (outside the prose).
//!
//! **Example**: `Home`, `World`, `Politics`, `Business` above the headline.
//!
//! **Known misses**: menus between paragraphs of the story (a short list there reads as a
//! list of the story's own); short menus without a navigation word (section names alone, which
//! a list of fixtures or names at the story's end resembles); items longer than three words
//! outside a furniture edge.

use super::lexicon::{CueHits, JunkLexicon, Rule};
use super::shape::Line;
use super::sig;

/// Most words of a menu item.
const ITEM_WORDS: usize = 3;
/// Fewest menu items in a run of lines.
const MIN_RUN: usize = 3;
/// Fewest items of a bar on one line.
const MIN_BAR_ITEMS: usize = 4;
/// What sets a bar's items apart: bars and dots, and the full-width bar and the ideographic
/// space of Chinese and Japanese pages ("ニュース｜天気｜特集", "ポスト　シェア　LINEで送る").
pub(super) const BAR_SEPARATORS: [char; 5] = ['|', '•', '·', '｜', '\u{3000}'];
/// Most words of a line of navigation phrases alone.
const MENU_LINE_WORDS: usize = 8;
/// Fewest lines of an edge that is furniture as a whole: more than an extractor that keeps only
/// the story leaves around it (a title, a credit, a few related links).
const FURNITURE_EDGE_LINES: usize = 12;

/// Marks menus in an article's lines before its first line of prose and after its last.
/// `out` holds the signals so far; `first` is the first line that may be flagged.
pub(crate) fn mark(
    lex: &JunkLexicon,
    lines: &[Line],
    hits: &[CueHits],
    first: usize,
    out: &mut [u32],
) {
    let n = lines.len();
    let prose = |i: &usize| is_story_prose(lines, out, *i);
    // With no prose there are no edges to tell from a story of short lines.
    let (Some(head_end), Some(tail_start)) = ((first..n).find(prose), (first..n).rfind(prose))
    else {
        return;
    };
    for (edge, head) in [(first..head_end, true), (tail_start + 1..n, false)] {
        mark_edge(lex, lines, hits, edge, head, out);
    }
    mark_furniture_edge(lines, hits, first..head_end, out);
    mark_furniture_edge(lines, hits, tail_start + 1..n, out);
}

/// Lines from the article's top that the headline is looked for in.
const HEADLINE_SEARCH_LINES: usize = 15;
/// Most words of a line above the headline taken for the page's header.
const HEADER_WORDS: usize = 6;

/// Fewest words of a title, or of a line, that the other may extend and still be the
/// headline ([`headline`]).
const HEADLINE_PREFIX_WORDS: usize = 4;

/// The line that repeats the article's title (its record's `title`), among its first lines:
/// the headline as the page printed it. Failing a line equal to the title, one that the title
/// extends ("Floods cut off villages | The Daily Star": a site's name after it) or that
/// extends the title (the page's headline runs on past a shortened title), in words.
pub(crate) fn headline(lines: &[Line], first: usize, title: &str) -> Option<usize> {
    let title = Line::new(title, None);
    if title.words == 0 {
        return None;
    }
    let search = first..lines.len().min(first + HEADLINE_SEARCH_LINES);
    search
        .clone()
        .find(|&i| lines[i].norm == title.norm)
        .or_else(|| {
            search.into_iter().find(|&i| {
                let l = &lines[i];
                !l.block
                    && ((l.words >= HEADLINE_PREFIX_WORDS && title.norm.starts_with(&l.norm))
                        || (title.words >= HEADLINE_PREFIX_WORDS
                            && l.norm.starts_with(&title.norm)))
            })
        })
}

/// Marks the page's header above the headline: a page prints the site's name, the section's
/// label and its menus there, and the story starts under the headline. Only short lines that
/// do not close like a sentence are taken (a picture's caption above the headline stays).
pub(crate) fn mark_above_headline(lines: &[Line], first: usize, headline: usize, out: &mut [u32]) {
    for i in first..headline {
        let l = &lines[i];
        if !l.block && l.size() <= HEADER_WORDS && !l.ends_sentence() {
            out[i] |= sig::MENU | sig::ABOVE_HEADLINE;
        }
    }
}

/// A line of prose that no rule flagged. One that another rule flagged (a cookie banner, a
/// copyright notice) is the page's, not the story's: the edges run past it.
fn is_story_prose(lines: &[Line], out: &[u32], i: usize) -> bool {
    lines[i].is_prose() && out[i] & sig::RULES == 0
}

/// Marks the short lines of an edge that is furniture as a whole: at least
/// [`FURNITURE_EDGE_LINES`] lines, nine in ten of them short ([`Line::is_short`]) or junk by
/// another rule (the headlines of a related-links list are longer than menu items), half of
/// them menu items, and one of them a navigation word of the cue file or junk by another rule
/// ("Sign in", "Privacy policy", "Advertisement": no page's furniture goes without one). A list
/// of the story's own that ends it ("Norway (Pool B): 4th title", one line a team; a list of
/// names) is short lines too, but carries figures and punctuation that menu items lack, or no
/// such cue.
fn mark_furniture_edge(
    lines: &[Line],
    hits: &[CueHits],
    range: std::ops::Range<usize>,
    out: &mut [u32],
) {
    let short = |i: &usize| is_short(&lines[*i]);
    let furniture = range
        .clone()
        .filter(|i| short(i) || out[*i] & sig::RULES != 0)
        .count();
    let items = range.clone().filter(|&i| is_item(&lines[i])).count();
    let cued = range
        .clone()
        .any(|j| hits[j].line(Rule::Menu) || out[j] & sig::RULES != 0);
    if range.len() < FURNITURE_EDGE_LINES
        || furniture * 10 < range.len() * 9
        || items * 2 < range.len()
        || !cued
    {
        return;
    }
    for i in range.filter(short) {
        out[i] |= sig::MENU | sig::SHAPE;
    }
}

/// A short line ([`Line::is_short`]) that is not a block.
fn is_short(l: &Line) -> bool {
    !l.block && l.is_short()
}

/// Marks the runs of menu items and the bars among `range` of the lines; `head` says the range
/// is above the story, where a section's name alone is its label ("NATIONAL", "UK News").
fn mark_edge(
    lex: &JunkLexicon,
    lines: &[Line],
    hits: &[CueHits],
    range: std::ops::Range<usize>,
    head: bool,
    out: &mut [u32],
) {
    let mut run_start = range.start;
    for i in range.clone() {
        if is_bar(&lines[i]) {
            out[i] |= sig::MENU | sig::SHAPE;
        } else if menu_words_only(lex, &lines[i], if head { 1 } else { 2 })
            || language_picker(lines[i].text)
            || sections_bar(lex, &lines[i])
            || section_trail(&lines[i])
        {
            out[i] |= sig::MENU;
        }
        if !is_item(&lines[i]) {
            run_start = i + 1;
            continue;
        }
        let run_end = i + 1;
        let ends_here = run_end == range.end || !is_item(&lines[run_end]);
        let cued = |j: usize| hits[j].line(Rule::Menu) || out[j] & sig::RULES != 0;
        if ends_here && run_end - run_start >= MIN_RUN && (run_start..run_end).any(cued) {
            for s in &mut out[run_start..run_end] {
                *s |= sig::MENU;
            }
        }
    }
}

/// A line of two to [`MENU_LINE_WORDS`] words that are navigation phrases of the cue file and
/// nothing else, whatever sets them apart: "Sign in | Subscribe", "Iniciar sesión", "Giriş Yap
/// | Üye Ol"; of at least `min_words` words.
fn menu_words_only(lex: &JunkLexicon, l: &Line, min_words: usize) -> bool {
    if l.block
        || !(min_words..=MENU_LINE_WORDS).contains(&l.words)
        || l.digits != 0
        || l.ends_sentence()
    {
        return false;
    }
    let words: Vec<&str> = l.norm.split_whitespace().collect();
    lex.only_line_phrases(Rule::Menu, &words)
}

/// A language picker: two or more language codes in capitals set apart by bars or slashes
/// ("DE | EN", "RO / HU").
fn language_picker(text: &str) -> bool {
    let items: Vec<&str> = text.split(['|', '/', '·']).map(str::trim).collect();
    items.len() >= 2
        && items
            .iter()
            .all(|c| (2..=3).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_uppercase()))
}

/// A menu item: one to three words (a script written without spaces counted by its letters),
/// no closing punctuation of any script, no figures, no link.
fn is_item(l: &Line) -> bool {
    !l.block
        && (1..=ITEM_WORDS).contains(&l.size())
        && l.digits == 0
        && !l.link_like
        && !l.ends_full_stop()
        && !matches!(
            l.last_char(),
            Some('!' | '?' | ':' | ';' | ',' | '！' | '？' | '：' | '、')
        )
}

/// A bar: four or more items of at most three words on one line, set apart by one separator
/// (or by runs of two spaces, as a page dump joins a menu's links).
fn is_bar(l: &Line) -> bool {
    if l.block || l.ends_sentence() {
        return false;
    }
    // A table's header sets single letters among its columns ("Team | P | W | L | Pts"); a
    // menu's items are words, or codes of two letters at least ("EN | FR | DE").
    let letters = |items: &[&str]| items.iter().filter(|i| i.chars().count() == 1).count();
    let bar = |items: Vec<&str>| {
        items.len() >= MIN_BAR_ITEMS
            && letters(&items) < 2
            && items.iter().all(|item| {
                // "Terms & Conditions" is a two-word item.
                let words = item.split_whitespace().filter(|w| *w != "&").count();
                // A name with a figure is an item ("F1", "7News"); a figure alone is a
                // table's cell.
                (1..=ITEM_WORDS).contains(&words)
                    && (!item.contains(|c: char| c.is_ascii_digit())
                        || (item.contains(char::is_alphabetic) && !item.contains(['.', ','])))
            })
    };
    BAR_SEPARATORS
        .iter()
        .any(|&sep| l.text.contains(sep) && bar(l.text.split(sep).map(str::trim).collect()))
        || (l.text.contains("  ")
            && bar(l
                .text
                .split("  ")
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .collect()))
}

/// A bar of section names set apart by single spaces only, as a whole-page dump leaves a
/// navigation bar: five or more words, every one capitalized, no punctuation, and at least
/// three navigation phrases of the cue file covering half its words ("Home News Politics
/// Business Sports Entertainment Opinion Contact Us").
fn sections_bar(lex: &JunkLexicon, l: &Line) -> bool {
    if l.block
        || !(SECTIONS_BAR_MIN..=SECTIONS_BAR_MAX).contains(&l.words)
        || l.capitalized + l.digits.min(1) < l.words
        || l.text.contains(['.', ',', ':', ';', '!', '?', '"'])
    {
        return false;
    }
    let words: Vec<&str> = l.norm.split_whitespace().collect();
    let (mut phrases, mut covered, mut i) = (0, 0, 0);
    while i < words.len() {
        match (1..=3.min(words.len() - i))
            .rev()
            .find(|&n| lex.only_line_phrases(Rule::Menu, &words[i..i + n]))
        {
            Some(n) => {
                phrases += 1;
                covered += n;
                i += n;
            }
            None => i += 1,
        }
    }
    phrases >= 3 && covered * 2 >= words.len()
}

/// Separators of a section trail at a page's edge ("Opinion | Letters", "AFL · Match Report",
/// "Sport > Soccer").
const TRAIL_SEPARATORS: [&str; 7] = [" | ", " · ", " • ", " › ", " > ", " » ", " / "];

/// A section and its subsection (or three levels) at a page's edge, set apart by one
/// separator: every item one to three words, each opening with a capital or a figure, and no
/// sentence. Two items are too few for a bar, but at an edge above or below the story they
/// name where the page sits, not what it says.
fn section_trail(l: &Line) -> bool {
    if l.block
        || l.ends_sentence()
        || l.words > 3 * ITEM_WORDS
        || l.link_like
        || !l.text.contains(['|', '·', '•', '›', '>', '»', '/'])
    {
        return false;
    }
    let text = l.text.replace("  ", " ");
    TRAIL_SEPARATORS.iter().any(|sep| {
        let items: Vec<&str> = text.split(sep).map(str::trim).collect();
        // A range of dates ("29 November 2018 | 20 January 2019") is the story's.
        (2..=3).contains(&items.len())
            && items[0].starts_with(char::is_uppercase)
            && items.iter().all(|item| {
                (1..=ITEM_WORDS).contains(&item.split_whitespace().count())
                    && item.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                    && !item.contains([':', ',', '.', '?', '!'])
                    && !item.split_whitespace().any(crate::normalize::is_year)
            })
    })
}

/// Fewest words of a bar of section names set apart by spaces.
const SECTIONS_BAR_MIN: usize = 5;
/// Most words of such a bar.
const SECTIONS_BAR_MAX: usize = 16;

#[cfg(test)]
mod tests {
    use super::super::sig;
    use super::super::tests::fired_all;

    const PROSE: &str = "Dock workers at the main harbour voted on Sunday to end a six-week strike after the port authority offered a pay rise.";
    const MORE: &str = "Le conseil municipal a approuvé mardi le budget de la ville après un long débat sur le coût du nouveau pont.";

    fn menu(got: &[u32]) -> Vec<bool> {
        got.iter().map(|s| s & sig::MENU != 0).collect()
    }

    #[test]
    fn the_page_header_above_the_headline_is_furniture() {
        use super::super::shape::Line;
        let text = [
            "Lakeview Observer",
            "UK News",
            "A view of the harbour from the old lighthouse, where the strike began in March.",
            "DOCK WORKERS END SIX-WEEK STRIKE",
            "Harbour Desk",
            PROSE,
            MORE,
        ];
        let lines: Vec<Line> = text.iter().map(|t| Line::new(t, None)).collect();
        // The title as the record gives it, in its own case.
        let h = super::headline(&lines, 0, "Dock workers end six-week strike");
        assert_eq!(h, Some(3));
        let mut out = vec![0; lines.len()];
        super::mark_above_headline(&lines, 0, 3, &mut out);
        // The site's name and the section's label go; the caption and the headline stay, and
        // so does what is under the headline.
        assert_eq!(menu(&out), [true, true, false, false, false, false, false]);
        assert_eq!(super::headline(&lines, 0, "Another story"), None);
        // A title with the site's name after it, and one the page's headline runs past.
        let h = super::headline(
            &lines,
            0,
            "Dock workers end six-week strike | Lakeview Observer",
        );
        assert_eq!(h, Some(3));
        let h = super::headline(&lines, 0, "Dock workers end six-week");
        assert_eq!(h, Some(3));
        assert_eq!(super::headline(&lines, 0, "Dock workers"), None);
    }

    #[test]
    fn a_bar_item_may_hold_a_figure_beside_its_name() {
        let got = fired_all(&[
            "Football | Cricket | Rugby | F1 | Tennis | Golf",
            PROSE,
            MORE,
            "Arsenal | 38 | 26 | 84",
        ]);
        assert_eq!(menu(&got), [true, false, false, false]);
    }

    #[test]
    fn full_width_bars_and_ideographic_spaces_set_items_apart() {
        let got = fired_all(&[
            "HCT NEWS｜ニュース｜天気｜特集｜番組情報｜会社案内",
            "ポスト\u{3000}シェア\u{3000}LINEで送る\u{3000}はてブ",
            PROSE,
            MORE,
        ]);
        assert_eq!(menu(&got), [true, true, false, false]);
    }

    #[test]
    fn a_section_label_alone_above_the_story() {
        let got = fired_all(&["NATIONAL", PROSE, MORE, "Politics"]);
        assert_eq!(menu(&got), [true, false, false, false]);
    }

    #[test]
    fn runs_of_menu_items_at_the_edges_are_menus() {
        let got = fired_all(&[
            "Inicio",
            "Mundo",
            "Política",
            "Deportes",
            PROSE,
            MORE,
            "About us",
            "Contact",
            "Privacy policy",
        ]);
        assert_eq!(
            menu(&got),
            [true, true, true, true, false, false, true, true, true]
        );
    }

    #[test]
    fn a_bar_of_items_on_one_line_is_a_menu() {
        let got = fired_all(&["Startseite | Politik | Wirtschaft | Sport", PROSE]);
        assert!(got[0] & sig::MENU != 0);
        let got = fired_all(&[
            PROSE,
            "About Us | Terms & Conditions | Ethics & Annual Report | Contact",
        ]);
        assert!(got[1] & sig::MENU != 0);
        // Two levels of sections at an edge are a trail; between paragraphs they stay.
        for trail in [
            "Opinion  |  Letters",
            "AFL · Match Report",
            "Sport > Soccer",
        ] {
            let got = fired_all(&[trail, PROSE, MORE]);
            assert!(got[0] & sig::MENU != 0, "{trail}");
            let got = fired_all(&[PROSE, trail, MORE]);
            assert_eq!(got[1] & sig::MENU, 0, "{trail}");
        }
        for line in ["Either way: yes | no", "29 November 2018 | 20 January 2019"] {
            let got = fired_all(&[PROSE, MORE, line]);
            assert_eq!(got[2] & sig::MENU, 0, "{line}");
        }
        let got = fired_all(&[
            PROSE,
            "Population 1,200 | Area 14 km | Founded 1820 | Mayor",
        ]);
        assert_eq!(got[1] & sig::MENU, 0);
        let got = fired_all(&[PROSE, "Club | P | W | D | L | Pts"]);
        assert_eq!(got[1] & sig::MENU, 0);
        let got = fired_all(&[PROSE, "EN | FR | DE | ES"]);
        assert!(got[1] & sig::MENU != 0);
    }

    #[test]
    fn sign_in_lines_language_pickers_and_spaced_bars_at_the_edges_are_menus() {
        for line in [
            "Sign in | Subscribe",
            "Zaloguj się",
            "Giriş Yap | Üye Ol",
            "RO | HU",
            "Portada  Local  Comarca  Deportes  Opinión",
        ] {
            let got = fired_all(&[line, PROSE, MORE]);
            assert!(got[0] & sig::MENU != 0, "{line}");
        }
        // Between paragraphs of the story the same lines are left to the other rules.
        let got = fired_all(&[PROSE, "US | UK", MORE]);
        assert_eq!(got[1] & sig::MENU, 0);
    }

    #[test]
    fn an_edge_of_short_lines_is_furniture_as_a_whole() {
        let head = [
            "Harbour Gazette",
            "Evening Ledger",
            "Shop24",
            "Valley Weekly",
            "The Ledger, a Northgate Media title",
            "March 3, 2031",
            "Regions",
            "Oceania",
            "Andes",
            "Northern Plains",
            "Sign In",
            "Science",
        ];
        let mut all: Vec<&str> = head.to_vec();
        all.extend([PROSE, MORE]);
        let got = menu(&fired_all(&all));
        assert_eq!(got, [vec![true; 12], vec![false; 2]].concat());
        // Fewer lines, or prose-length lines among them, leave the edge to the item rules.
        let mut few: Vec<&str> = head[..6].to_vec();
        few.extend([PROSE, MORE]);
        assert_eq!(menu(&fired_all(&few)), [false; 8]);
        // A list that ends the story is not a menu.
        let mut list = vec![PROSE, MORE, "Teams through to the final round"];
        list.extend([
            "Norway (Pool B): 4th title",
            "Chile (Pool A): First title",
            "Kenya (Pool C): Second title",
            "Japan (Pool D): 9th title",
            "Peru (Pool A): Third title",
            "Ghana (Pool C): 6th title",
            "Iceland (Pool B): First title",
            "Vietnam (Pool D): 5th title",
            "Morocco (Pool C): Seventh title",
            "Canada (Pool A): 11th title",
            "Nepal (Pool D): No title yet",
            "Estonia (Pool B): Second title",
        ]);
        assert!(menu(&fired_all(&list)).iter().all(|&m| !m));
        // Nor is a list of names with no navigation word or junk among them.
        let mut names = vec![PROSE, MORE];
        names.extend([
            "Ada Brennan",
            "Tomas Okafor",
            "Lena Marsh",
            "Ravi Dunmore",
            "Ines Calloway",
            "Piotr Haldane",
            "Mina Osei",
            "Jonah Pryce",
            "Clara Vantongeren",
            "Yusuf Ambler",
            "Greta Solberg",
            "Hugo Ferreira",
        ]);
        assert!(menu(&fired_all(&names)).iter().all(|&m| !m));
        let long = "Our correspondents in the region report on the talks as they unfold this week";
        let mut mixed: Vec<&str> = head.to_vec();
        mixed.extend([long, long]);
        mixed.extend([PROSE, MORE]);
        // Only the run of items around "Sign In" is a menu then, by the item rule.
        let got = menu(&fired_all(&mixed));
        assert_eq!(got[..6], [false; 6]);
        assert!(got[6..12].iter().all(|&m| m));
    }

    #[test]
    fn a_whole_pages_edges_run_past_a_banner() {
        let page = [
            "Skip to main content",
            "Menu",
            "Search",
            "Home",
            "Harbour",
            "Schools",
            "Weather",
            "Opinion",
            "Subscribe",
            "Log In",
            "Harbour board backs dredging plan after long dispute",
            PROSE,
            MORE,
            "About Us",
            "Contact Us",
            "Privacy Policy",
            "We use cookies to improve your experience on our site. By continuing to browse, you agree to our use of cookies.",
            "Accept",
        ];
        let got = fired_all(&page);
        let menus = menu(&got);
        assert!(menus[1..10].iter().all(|&m| m), "{menus:?}");
        // The cookie banner is prose in shape, but junk: the edge below the story runs on
        // past it, to the links above it.
        assert!(got[16] != 0);
        assert!(menus[13..16].iter().all(|&m| m), "{menus:?}");
    }

    #[test]
    fn a_headline_under_a_trending_bar_goes_with_the_page() {
        let mut page = vec![
            "Harbour Gazette",
            "Subscribe",
            "Sign In",
            "Local",
            "Politics",
            "Business",
            "Sports",
            "Obituaries",
            "Trending:",
            "Budget vote",
            "Fall festival",
            "School closures",
            "Harbour approves plan to rebuild its aging water plant",
            "Facebook",
            "Email",
        ];
        page.extend([PROSE, MORE]);
        let got = fired_all(&page);
        assert!(got[..13].iter().all(|&s| s != 0));
        assert!(got[13..15].iter().all(|&s| s != 0));
    }

    #[test]
    fn short_lines_inside_the_story_and_short_runs_stay_body() {
        let got = fired_all(&[
            PROSE,
            "Ingredients",
            "Two eggs",
            "Flour",
            "Sugar",
            MORE,
            "Share",
            "Print",
        ]);
        assert_eq!(menu(&got), [false; 8]);
        // A story made only of short lines has no edges to read.
        let got = fired_all(&["Home", "World", "Politics"]);
        assert_eq!(menu(&got), [false; 3]);
    }

    #[test]
    fn a_story_in_a_script_without_spaces_is_measured_by_its_letters() {
        // A paragraph of Japanese is one or two "words" but no short line: between an ad
        // label and a picture credit it stays the story's; the story's last short sentences,
        // closed by a full stop, are no menu items beside the share bar that ends the page.
        let para = "市議会は二十一日、新しい市庁舎の建設費を盛り込んだ補正予算案を賛成多数で可決した。工事は来年春に始まる予定で、完成は三年後を見込んでいる。";
        let got = menu(&fired_all(&[
            para,
            "広告",
            para,
            "写真：共同",
            "関連記事",
            para,
            para,
            "家賃は世帯の収入に応じて決まる。",
            "工期が遅れる懸念もある。",
            "（共同）",
            "シェア\u{3000}ポスト\u{3000}ブックマーク",
        ]));
        assert_eq!(got[..9], [false; 9]);
    }
}
