//! Splits an article's text into paragraphs, each a byte range into the original text.
//!
//! Scraped text puts one paragraph on a line; hard-wrapped text (mail, Usenet, some wire feeds)
//! breaks lines at ~72 columns and separates paragraphs by blank lines. [`detect_layout`] tells
//! the two apart from the line lengths, and [`segment`] cuts accordingly. Ranges are trimmed of
//! surrounding whitespace and always fall on character boundaries. Nothing here normalizes.
//!
//! A line ends at a line feed, a CR LF pair, or a carriage return alone: old Mac exports end
//! their lines with CR only, and read as one line such a file would be one giant paragraph in
//! which nothing is ever found.

use crate::model::ByteSpan;

/// How an article's text marks paragraphs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// Every non-empty line is a paragraph.
    Lines,
    /// Blocks of lines separated by blank lines are paragraphs (hard-wrapped text).
    Blocks,
}

/// The lines of `text`, each with its byte offset, without their line breaks (LF, CR LF, or a
/// lone CR). Like `str::split('\n')`, the text after the last break is a line even when empty.
pub(crate) fn lines(text: &str) -> Lines<'_> {
    Lines {
        text,
        pos: 0,
        done: false,
    }
}

/// The iterator of [`lines`].
#[derive(Clone, Debug)]
pub(crate) struct Lines<'a> {
    text: &'a str,
    pos: usize,
    done: bool,
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        if self.done {
            return None;
        }
        let start = self.pos;
        let rest = &self.text.as_bytes()[start..];
        match memchr::memchr2(b'\n', b'\r', rest) {
            Some(i) => {
                let brk = if rest[i] == b'\r' && rest.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
                self.pos = start + i + brk;
                Some((start, &self.text[start..start + i]))
            }
            None => {
                self.done = true;
                Some((start, &self.text[start..]))
            }
        }
    }
}

/// The 1-based line of byte `at` of `bytes`, counting the line breaks `lines` counts.
pub fn line_number(bytes: &[u8], at: usize) -> u32 {
    let head = &bytes[..at.min(bytes.len())];
    let mut n = 1usize;
    for i in memchr::memchr2_iter(b'\n', b'\r', head) {
        // A CR followed by LF is one break, counted at the LF.
        if head[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
            n += 1;
        }
    }
    n.min(u32::MAX as usize) as u32
}

/// Longest line, in bytes, still typical of hard-wrapped text.
const WRAP_WIDTH: usize = 100;

/// Shortest line, in bytes, that fills a hard-wrapped line: wrapping at 60 to 80 columns leaves
/// every line of a block but its last about that long, where a list of menu items, names or
/// links (what a whole-page text dump is full of) has lines of a few words.
const FILL_WIDTH: usize = 40;

/// Decides the layout of `text`: hard-wrapped when nearly every line fits the wrap width, most
/// lines sit in blocks of two or more lines, and at least one in five of the lines that a block
/// continues after is filled. Hard-wrapped mail keeps some short lines (a signature, a table,
/// commands), while the blocks of a whole-page dump are lists, one short item a line (about
/// one line in a hundred filled).
pub fn detect_layout(text: &str) -> Layout {
    let mut count = 0usize;
    let mut long = 0usize;
    let mut in_blocks = 0usize;
    let mut run = 0usize;
    // Lines followed by another line of their block, and how many of them are filled.
    let (mut continued, mut filled) = (0usize, 0usize);
    let mut previous = 0usize;
    for (_, line) in lines(text) {
        let t = line.trim();
        if t.is_empty() {
            if run >= 2 {
                in_blocks += run;
            }
            run = 0;
            continue;
        }
        if run > 0 {
            continued += 1;
            filled += usize::from(previous >= FILL_WIDTH);
        }
        previous = t.len();
        count += 1;
        run += 1;
        if t.len() > WRAP_WIDTH {
            long += 1;
        }
    }
    if run >= 2 {
        in_blocks += run;
    }
    if count >= 3 && long * 20 <= count && in_blocks * 2 >= count && filled * 5 >= continued {
        Layout::Blocks
    } else {
        Layout::Lines
    }
}

/// The paragraphs of `text[from..]` under `layout`, as byte ranges into `text`.
pub fn segment_with(text: &str, from: usize, layout: Layout) -> Vec<ByteSpan> {
    let mut out = Vec::new();
    // (start, end) of the current block in Blocks layout.
    let mut block: Option<(usize, usize)> = None;
    for (at, line) in lines(&text[from..]) {
        let line_start = from + at;
        let lead = line.len() - line.trim_start().len();
        let t = line.trim();
        if t.is_empty() {
            if let Some((s, e)) = block.take() {
                out.push(ByteSpan::new(s, e));
            }
            continue;
        }
        let (s, e) = (line_start + lead, line_start + lead + t.len());
        // A signature delimiter ("-- ") always opens a paragraph of its own.
        if layout == Layout::Blocks && is_signature_delimiter(line) {
            if let Some((bs, be)) = block.take() {
                out.push(ByteSpan::new(bs, be));
            }
        }
        match layout {
            Layout::Lines => out.push(ByteSpan::new(s, e)),
            Layout::Blocks => {
                block = Some(match block {
                    Some((bs, _)) => (bs, e),
                    None => (s, e),
                })
            }
        }
    }
    if let Some((s, e)) = block {
        out.push(ByteSpan::new(s, e));
    }
    out
}

/// Whether a line is a signature delimiter: `--` alone on its line (RFC 3676 writes `-- `).
pub(crate) fn is_signature_delimiter(line: &str) -> bool {
    line.trim_end_matches(['\r', ' ']) == "--"
}

/// The paragraphs of `text[from..]`, with the layout detected from that part of the text.
pub fn segment(text: &str, from: usize) -> Vec<ByteSpan> {
    segment_with(text, from, detect_layout(&text[from..]))
}

/// Whether a line quotes another message, mail and Usenet style (`> text`, up to two leading
/// spaces). A television caption's change of speaker (`>> WE'VE BEEN WITHOUT WATER`), which
/// stations' pages keep from their broadcast, quotes no message.
pub(crate) fn is_quoted_line(line: &str) -> bool {
    let t = line
        .strip_prefix("  ")
        .or_else(|| line.strip_prefix(' '))
        .unwrap_or(line);
    t.starts_with('>') && !caption_line(t)
}

/// Fewest letters of a caption line ([`caption_line`]).
const CAPTION_LETTERS: usize = 12;

/// A broadcast caption's line: `>>` and a space, then words in capitals, as closed captions
/// are set (the video player's text, left in a station's page). A nested mail quote
/// (`>> text`) is in the writer's own case.
pub(crate) fn caption_line(t: &str) -> bool {
    let Some(rest) = t.strip_prefix(">> ") else {
        return false;
    };
    let (mut letters, mut lower) = (0usize, 0usize);
    for c in rest.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        lower += usize::from(c.is_lowercase());
    }
    letters >= CAPTION_LETTERS && lower == 0
}

/// Fewest links in Markdown's form (`[text](target)`) that make a text a page converted to
/// Markdown: one may be pasted into a post.
const MARKDOWN_LINKS: usize = 2;

/// Whether a text is a page converted to Markdown (its links kept as `[text](https://…)`,
/// `[text](/path)` or `[text](#anchor)`), as converters that keep a page's markup write it. Its
/// `>` lines are blockquotes (a pull quote, an embedded post), not a reply quoting a message.
pub(crate) fn markdown_page(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, b"](")
        .filter(|&i| {
            let target = &bytes[i + 2..];
            target.starts_with(b"http") || target.starts_with(b"/") || target.starts_with(b"#")
        })
        .take(MARKDOWN_LINKS)
        .count()
        == MARKDOWN_LINKS
}

/// How a page's links were kept, when they were: the rules read such a page as its reader saw
/// it, and what it declares with its marks blanked out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Markup {
    /// Plain text: no links kept.
    Plain,
    /// Converted to Markdown: its links kept as `[text](https://…)`.
    Markdown,
    /// Dumped as text by a browser that numbers its links (`[1]Home [2]News`).
    Numbered,
}

impl Markup {
    /// The markup of `text`.
    pub(crate) fn of(text: &str) -> Self {
        if markdown_page(text) {
            Markup::Markdown
        } else if numbered_page(text) {
            Markup::Numbered
        } else {
            Markup::Plain
        }
    }

    /// `text` with this markup's marks blanked out in place ([`markdown_blanked`],
    /// [`numbered_blanked`]); `None` for plain text.
    pub(crate) fn blanked(self, text: &str) -> Option<String> {
        match self {
            Markup::Plain => None,
            Markup::Markdown => Some(markdown_blanked(text)),
            Markup::Numbered => Some(numbered_blanked(text)),
        }
    }
}

/// Fewest numbered link marks that make a text a page dumped by a text browser: a story may
/// cite a note or two as `[1]`.
const NUMBERED_LINKS: usize = 3;

/// Where the link mark opening `s` ends: `[12]` right before a link's text (`[12]Politics`), as
/// text browsers (lynx, w3m) number the links of a page they dump. A note's number (`found.[3]
/// The`) is followed by a space, not by its text.
pub(crate) fn link_mark(s: &str) -> Option<usize> {
    let digits = s.strip_prefix('[')?;
    let n = digits.bytes().take_while(u8::is_ascii_digit).count();
    if n == 0 || n > 4 || digits.as_bytes().get(n) != Some(&b']') {
        return None;
    }
    let end = n + 2;
    let next = s[end..].chars().next()?;
    (!next.is_whitespace() && next != '[' && next != '(').then_some(end)
}

/// Whether a text is a page dumped by a text browser that numbers its links (`[1]Home
/// [2]News`): its lines are read as the page showed them, their numbers dropped.
pub(crate) fn numbered_page(text: &str) -> bool {
    memchr::memchr_iter(b'[', text.as_bytes())
        .filter(|&i| link_mark(&text[i..]).is_some())
        .take(NUMBERED_LINKS)
        .count()
        == NUMBERED_LINKS
}

/// A text browser's picture placeholder opening `s` (`[IMG]`, `[image]`, `[image: caption]`):
/// the length of its opening mark (through the colon, or all but the closing bracket) and
/// where its closing bracket is.
pub(crate) fn picture_marks(s: &str) -> Option<(usize, usize)> {
    let close = s.find(']')?;
    let inner = &s[1..close];
    let (word, mark) = match inner.split_once(':') {
        Some((w, _)) => (w, w.len() + 2),
        None => (inner, close),
    };
    ["img", "image", "inline"]
        .iter()
        .any(|p| word.trim().eq_ignore_ascii_case(p))
        .then_some((mark, close))
}

/// `text` with the link numbers of a text browser's dump (`[12]`) blanked out in place, so
/// that `[5]AP` reads as `AP`, and its picture placeholders too (`[IMG]`, the marks of
/// `[image: caption]`, whose caption stays), so that a logo's `[image: The Daily Post]` reads
/// as no picture's credit.
pub(crate) fn numbered_blanked(text: &str) -> String {
    let mut b = text.as_bytes().to_vec();
    for i in memchr::memchr_iter(b'[', text.as_bytes()) {
        let s = &text[i..];
        if let Some(end) = link_mark(s) {
            b[i..i + end].fill(b' ');
        } else if let Some((mark, close)) = picture_marks(s) {
            b[i..i + mark].fill(b' ');
            b[i + close] = b' ';
        }
    }
    String::from_utf8(b).unwrap_or_else(|_| text.to_string())
}

/// The end of the bracketed run opening `s` (which starts with `open`), matched with nesting.
fn closing(s: &str, open: char, close: char) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in s.char_indices() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth == 0 {
                return Some(i);
            }
        }
    }
    None
}

/// A link in Markdown's form opening `s` (which starts with `[`): where its text's closing
/// bracket is and where the link ends, after its target's closing parenthesis. Brackets in
/// the text and parentheses in the target nest (`[a [b]](javascript:void(0))`).
pub(crate) fn markdown_link(s: &str) -> Option<(usize, usize)> {
    let close = closing(s, '[', ']')?;
    let target = s[close + 1..].strip_prefix('(')?;
    let end = closing(&s[close + 1..], '(', ')')?;
    (!target.starts_with(' ')).then_some((close, close + 1 + end + 1))
}

/// `text` with the marks of a Markdown page blanked out (replaced by spaces, so that every
/// byte stays where it was): a link's brackets and parentheses (its text and target stay),
/// a picture's marks and address (its text alternative stays), marks of emphasis and code, and the marks opening a heading, a
/// blockquote or a list item. What a page declares about its sources is read in it as it is
/// in plain text (`_Reuters contributed to this report._`, `Fonte: [Agência Brasil](…)`).
pub(crate) fn markdown_blanked(text: &str) -> String {
    let mut b = text.as_bytes().to_vec();
    let mut from = 0;
    while let Some(i) = text[from..].find('[') {
        let at = from + i;
        from = at + 1;
        let Some((close, end)) = markdown_link(&text[at..]) else {
            continue;
        };
        if at > 0 && b[at - 1] == b'!' {
            // A picture keeps its text alternative, which may hold its caption and credit.
            b[at - 1..=at].fill(b' ');
            b[at + close..at + end].fill(b' ');
            from = at + end;
        } else {
            b[at] = b' ';
            b[at + close..at + close + 2].fill(b' ');
            b[at + end - 1] = b' ';
        }
    }
    // Marks of emphasis and code: not a mark between two letters or figures (`snake_case`),
    // nor one in a web address (from its scheme to the end of its word).
    let mut in_url = vec![false; b.len()];
    for (at, word) in words_at(text) {
        if let Some(scheme) = word.find("://") {
            let from = word[..scheme]
                .rfind(|c: char| !c.is_ascii_alphabetic())
                .map_or(0, |i| i + 1);
            in_url[at + from..at + word.len()].fill(true);
        }
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        let alnum = |j: Option<&(usize, char)>| j.is_some_and(|&(_, c)| c.is_alphanumeric());
        let inner = k > 0 && alnum(chars.get(k - 1)) && alnum(chars.get(k + 1));
        if !in_url[i] && (c == '`' || (matches!(c, '*' | '_') && !inner)) {
            b[i] = b' ';
        }
    }
    // The marks opening a line.
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let t = line.trim_start();
        let lead = start + line.len() - t.len();
        let marks = t.len() - t.trim_start_matches(['#', '>', '-', '+']).len();
        let spaced = t[marks..].starts_with(' ') || marks == t.trim_end().len();
        if marks > 0 && spaced && !t.starts_with("--") {
            b[lead..lead + marks].fill(b' ');
        }
        start += line.len();
    }
    String::from_utf8(b).unwrap_or_else(|_| text.to_string())
}

/// The words of `s` (split at white space) with the byte at which each starts.
pub(crate) fn words_at(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// A quoted line that quotes something: a `>` with nothing after it is a breadcrumb's
/// separator ("Home", ">", "News") as often as an empty line of a reply.
pub(crate) fn quotes_text(line: &str) -> bool {
    is_quoted_line(line) && line.chars().any(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn pages_in_markdown_are_told_by_their_links() {
        let page = "> The bridge will open in May.\n[Home](https://example.org/) \
                    [Local](/local/)\nThe council voted.";
        assert!(markdown_page(page));
        // One link pasted into a reply, or a bracket in prose, is no page.
        assert!(!markdown_page(
            "> I think so.\nSee [the spec](https://example.org/spec) for more."
        ));
        assert!(!markdown_page(
            "He said [sic] (twice) that [it] (the plan) works."
        ));
    }

    #[test]
    fn a_markdown_pages_marks_are_blanked_in_place() {
        let page = "_Reuters contributed to this report._\n\
                    Fonte: [Agência Brasil](https://agenciabrasil.example/a_(b))\n\
                    ![A jet](https://example.org/jet.jpg) A jet. (Photo: Ann Lee)\n\
                    ## What happens next\n-- \nsnake_case stays";
        let blanked = markdown_blanked(page);
        assert_eq!(blanked.len(), page.len());
        let lines: Vec<String> = blanked
            .lines()
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        assert_eq!(lines[0], "Reuters contributed to this report.");
        assert_eq!(
            lines[1],
            "Fonte: Agência Brasil https://agenciabrasil.example/a_(b)"
        );
        assert_eq!(lines[2], "A jet A jet. (Photo: Ann Lee)");
        assert_eq!(lines[3], "What happens next");
        assert_eq!(lines[4], "--");
        assert_eq!(lines[5], "snake_case stays");
    }

    #[test]
    fn broadcast_captions_quote_no_message() {
        assert!(!is_quoted_line(
            ">> WE'VE BEEN WITHOUT WATER SINCE ABOUT MIDNIGHT."
        ));
        assert!(!quotes_text(
            ">> CREWS SAY THE COLD IS MAKING THE JOB TAKE TWICE AS LONG."
        ));
        // Nested mail quotes keep their writer's case; a short shout is still a quote.
        assert!(is_quoted_line(">> I think the patch is wrong."));
        assert!(is_quoted_line(">> AGREED."));
        assert!(is_quoted_line("> WHY NOT ASK THE LIST FIRST?"));
    }

    #[test]
    fn lone_carriage_returns_end_lines() {
        let t = "Title\rFirst paragraph.\r\rSecond one.\r\nThird\nlast";
        let got: Vec<&str> = lines(t).map(|(_, l)| l).collect();
        assert_eq!(
            got,
            [
                "Title",
                "First paragraph.",
                "",
                "Second one.",
                "Third",
                "last"
            ]
        );
        assert_eq!(
            texts(t, &segment_with(t, 0, Layout::Lines)),
            ["Title", "First paragraph.", "Second one.", "Third", "last"]
        );
        assert_eq!(
            texts(t, &segment_with(t, 0, Layout::Blocks)),
            ["Title\rFirst paragraph.", "Second one.\r\nThird\nlast"]
        );
        assert_eq!(line_number(t.as_bytes(), 6), 2);
        assert_eq!(line_number(t.as_bytes(), t.find("Third").unwrap()), 5);
        let split: Vec<&str> = lines("a\n").map(|(_, l)| l).collect();
        assert_eq!(split, "a\n".split('\n').collect::<Vec<_>>());
    }

    fn texts<'a>(t: &'a str, spans: &[ByteSpan]) -> Vec<&'a str> {
        spans.iter().map(|s| &t[s.range()]).collect()
    }

    #[test]
    fn scraped_text_is_one_paragraph_per_line() {
        let long = "A first paragraph that runs on for well over a hundred bytes, as scraped paragraphs do when a site puts each on one line.";
        let t = format!("Title line\n\n{long}\nCaption right below\n\n  \nLast one ");
        let s = segment(&t, 0);
        assert_eq!(
            texts(&t, &s),
            ["Title line", long, "Caption right below", "Last one"]
        );
    }

    #[test]
    fn hard_wrapped_text_is_blocks() {
        let t = "This is a hard wrapped paragraph that goes on\nfor a few lines of text as mail does\nand ends here.\n\n\
                 A second paragraph, also\nwrapped at the margin.\n\n-- \nJohn Doe\n";
        assert_eq!(detect_layout(t), Layout::Blocks);
        let s = segment(t, 0);
        assert_eq!(s.len(), 3);
        assert!(texts(t, &s)[0].ends_with("ends here."));
        assert_eq!(texts(t, &s)[2], "-- \nJohn Doe");
        // A delimiter right under the text still opens the signature's own paragraph.
        let t = "Some wrapped text that goes on for a while, as mail does\nwhen it is wrapped at the margin, for a second line here\nand a third.\n-- \nJane Roe\njane@example.org\n";
        let s = segment(t, 0);
        assert_eq!(
            texts(t, &s),
            [
                "Some wrapped text that goes on for a while, as mail does\nwhen it is wrapped at the margin, for a second line here\nand a third.",
                "-- \nJane Roe\njane@example.org"
            ]
        );
    }

    #[test]
    fn blocks_of_short_lines_are_lists_not_wrapped_text() {
        // A whole-page dump: menus in blocks, one short item a line, and a few paragraphs.
        let story =
            "The council approved the budget on Tuesday after a long debate about the bridge.";
        let t = format!(
            "Home\nWorld\nPolitics\nBusiness\n\nAfrica\nAsia\nEurope\n\n{story}\n\n\
             Contact us\nPrivacy policy\nTerms of use\n"
        );
        assert_eq!(detect_layout(&t), Layout::Lines);
        let s = segment(&t, 0);
        assert_eq!(texts(&t, &s)[..2], ["Home", "World"]);
        assert_eq!(s.len(), 11);
    }

    #[test]
    fn crlf_and_unicode_space_are_trimmed() {
        let t = "One\r\nTwo\u{a0}\r\n";
        assert_eq!(texts(t, &segment(t, 0)), ["One", "Two"]);
    }

    #[test]
    fn segmenting_from_an_offset_keeps_absolute_ranges() {
        let t = "---\nsource: x\n---\nTitle\nBody";
        let s = segment(t, 17);
        assert_eq!(texts(t, &s), ["Title", "Body"]);
    }

    proptest! {
        #[test]
        fn spans_are_ordered_and_on_char_boundaries(t in "[a-zé \n\r\t\u{a0}—]{0,80}") {
            for layout in [Layout::Lines, Layout::Blocks] {
                let s = segment_with(&t, 0, layout);
                let mut last = 0;
                for sp in &s {
                    prop_assert!(sp.start as usize >= last && sp.start < sp.end);
                    prop_assert!(t.is_char_boundary(sp.start as usize) && t.is_char_boundary(sp.end as usize));
                    let p = &t[sp.range()];
                    prop_assert_eq!(p.trim(), p);
                    last = sp.end as usize;
                }
            }
        }
    }
}
