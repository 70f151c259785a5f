//! What a line looks like: the shallow features jusText and Boilerpipe judge blocks by.
//!
//! Plain scraped text has no tags or links left, but a line still has a length, a share of
//! stopwords, capitals and digits, link-like tokens (URLs, e-mail addresses, handles) and
//! closing punctuation. The rules read these; none of them is decisive alone.

use super::lang::Stopwords;

/// Lines longer than this (in words) are prose for every rule: their stopwords are not counted
/// and contained cues are not looked for, which keeps the cost of long paragraphs at one pass.
pub(crate) const LONG_WORDS: usize = 80;

/// Currency signs that mark a figure as a price ("$2.99", "1 €", "₦500").
pub(crate) const CURRENCY_SIGNS: [char; 9] = ['$', '€', '£', '¥', '₹', '₦', '₽', '₺', '₩'];

/// Whether `text` closes a sentence: a full stop, `!`, `?` or `…`, perhaps inside closing
/// quotes. A bracketed tag or source after such a text ends a story's sentence ("… before the
/// bell. [Reuters]"), not a headline.
pub(crate) fn closes_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', '»'])
        .ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// First code points of the Unicode blocks of decimal digits 0 to 9 that news is written
/// with besides ASCII (general category Nd): Arabic-Indic, Extended Arabic-Indic (Persian,
/// Urdu), Devanagari, Bengali, Gurmukhi, Gujarati, Oriya, Tamil, Telugu, Kannada, Malayalam,
/// Sinhala, Thai, Lao, Tibetan, Myanmar, Khmer, Mongolian and full-width forms.
const DIGIT_ZEROS: [u32; 19] = [
    0x0660, 0x06F0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66, 0x0DE6,
    0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x17E0, 0x1810, 0xFF10,
];

/// The ASCII digit a digit of another script stands for, if `c` is one of [`DIGIT_ZEROS`]'s.
fn ascii_digit(c: char) -> Option<char> {
    let v = u32::from(c);
    // Most characters are below the first block or no digit at all: two cheap tests first.
    if v < DIGIT_ZEROS[0] || !c.is_numeric() {
        return None;
    }
    DIGIT_ZEROS
        .iter()
        .find(|&&zero| (zero..zero + 10).contains(&v))
        .and_then(|&zero| char::from_digit(v - zero, 10))
}

/// `text` with the digits of other scripts written as ASCII digits ("২০২৩" → "2023", "۱۰:۴۵"
/// → "10:45"), so that a Bengali or Persian page's stamps, counters and figures have the
/// shapes the rules read in ASCII; borrowed unchanged when it has none. Called only for lines
/// whose measure saw such a figure ([`Line::other_digits`]).
pub(crate) fn ascii_digits(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| ascii_digit(c).is_some()) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(text.chars().map(|c| ascii_digit(c).unwrap_or(c)).collect())
}

/// Signs a change is written with before its figure: plus, hyphen and minus, and the up and
/// down arrows of market widgets.
pub(crate) const CHANGE_SIGNS: [char; 5] = ['+', '-', '−', '▲', '▼'];

/// A token that is a signed change: one of [`CHANGE_SIGNS`], then a digit ("+14.2%", "-6.8",
/// "▲0.45%").
pub(crate) fn signed_figure(token: &str) -> bool {
    token
        .strip_prefix(CHANGE_SIGNS)
        .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
}

/// Most words of a short line: the `short` signal, and what an edge of page furniture is made
/// of.
pub(crate) const SHORT_WORDS: usize = 8;

/// Letters that count as a word, for scripts written without spaces ([`Line::size`]).
pub(crate) const LETTERS_PER_WORD: usize = 5;

/// Fewest words of a line of prose ([`Line::is_prose`]).
pub(crate) const PROSE_WORDS: usize = 12;

/// Bytes of normalized text kept per line: the words after them are counted but not kept,
/// which bounds the cue scan of a very long paragraph.
const NORM_BYTES: usize = 2048;

/// Whether `c` is a letter of a script written without spaces between words: CJK ideographs,
/// kana, Thai, Lao, Burmese, Khmer.
pub(crate) fn unspaced_script(c: char) -> bool {
    matches!(c,
        '\u{3040}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{0E00}'..='\u{0EFF}'
        | '\u{1000}'..='\u{109F}'
        | '\u{1780}'..='\u{17FF}')
}

/// The features of one line (paragraph).
#[derive(Clone, Debug, Default)]
pub(crate) struct Line<'a> {
    /// The paragraph, trimmed.
    pub text: &'a str,
    /// Lower-case words joined by single spaces (punctuation dropped), padded with a space at
    /// each end so that phrases match on word boundaries.
    pub norm: String,
    /// Words.
    pub words: usize,
    /// Words on the language's stopword list (0 for long lines and unknown languages).
    pub stopwords: usize,
    /// Words starting with an upper-case letter.
    pub capitalized: usize,
    /// Letters, and how many of them are upper case.
    pub letters: usize,
    /// See [`Line::letters`].
    pub upper: usize,
    /// Letters of scripts written without spaces between words (Chinese, Japanese, Thai, Lao,
    /// Khmer, Burmese), whose lines hold few "words" however long they run.
    pub unspaced: usize,
    /// ASCII digits.
    pub digits: usize,
    /// A URL, `www.` address, e-mail address or `@handle` is in it.
    pub link_like: bool,
    /// Every word is a URL, e-mail address or handle.
    pub only_links: bool,
    /// A word holds a capital after five or more lower-case letters: a headline glued to its
    /// teaser ("DetroitHoodline"), as extractors leave link cards. Measured here, in the one
    /// pass over the characters, because the link-card rule asks it of nearly every line.
    pub fused: bool,
    /// A block rather than a line: it spans several lines (code, a table, a mail header) or is
    /// quoted with `>` as mail and Usenet replies quote. The junk rules judge single lines of
    /// scraped pages and leave blocks alone.
    pub block: bool,
    /// The line holds a figure that is not an ASCII digit (a digit of another script, or a
    /// number sign such as "½"): [`ascii_digits`] may give it the shapes of ASCII figures.
    pub other_digits: bool,
    /// Share of its letters inside links, in a page kept as Markdown (see [`super::markdown`];
    /// 0 elsewhere).
    pub link_share: f32,
}

impl<'a> Line<'a> {
    /// Measures `text` with the article's stopword list, in one pass over its characters.
    pub(crate) fn new(text: &'a str, stop: Option<&Stopwords>) -> Line<'a> {
        let text = text.trim();
        let mut line = Line {
            text,
            block: text.contains('\n') || crate::segment::quotes_text(text),
            // Room for the whole normalized text (at most the text and its padding, but for
            // the rare letter whose lower case is longer), so that it is not grown as it is built.
            norm: String::with_capacity(text.len().min(NORM_BYTES + 64) + 2),
            ..Line::default()
        };
        line.norm.push(' ');
        if text.is_ascii() {
            AsciiMeasure::default().run(&mut line, stop);
        } else {
            Measure::run(&mut line, stop);
        }
        if line.norm.len() == 1 {
            line.norm.push(' ');
        }
        line
    }

    /// At most [`SHORT_WORDS`] words, the letters of a script written without spaces counted
    /// [`LETTERS_PER_WORD`] to a word (a paragraph of Japanese is no short line).
    pub(crate) fn is_short(&self) -> bool {
        self.size() <= SHORT_WORDS
    }

    /// The line's size in words; a line in a script written without spaces (Chinese,
    /// Japanese, Thai) counts those letters in words, [`LETTERS_PER_WORD`] to a word.
    pub(crate) fn size(&self) -> usize {
        self.words.max(self.unspaced / LETTERS_PER_WORD)
    }

    /// Share of the words that are stopwords.
    pub(crate) fn stopword_share(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f32 / self.words as f32
        }
    }

    /// The last character that is not a closing quote or bracket.
    pub(crate) fn last_char(&self) -> Option<char> {
        self.text
            .trim_end_matches(['"', '”', '’', '\'', '»', ')', ']', ' '])
            .chars()
            .last()
    }

    /// Ends like a sentence (`.`, `!`, `?`, `…`, or the full stops and marks of other
    /// scripts).
    pub(crate) fn ends_sentence(&self) -> bool {
        self.ends_full_stop()
            || matches!(self.last_char(), Some('!' | '?' | '…' | '！' | '？' | '؟'))
    }

    /// Ends in a full stop: the Latin one, or the CJK (`。`, `．`), Indic danda (`।`, `॥`),
    /// Urdu (`۔`), Ethiopic (`።`) or Burmese (`။`) one.
    pub(crate) fn ends_full_stop(&self) -> bool {
        matches!(
            self.last_char(),
            Some('.' | '。' | '．' | '।' | '॥' | '۔' | '።' | '။')
        )
    }

    /// A line of prose: [`PROSE_WORDS`] words or more, closed like a sentence. The story's
    /// first and last such lines bound the page's edges.
    pub(crate) fn is_prose(&self) -> bool {
        !self.block && self.size() >= PROSE_WORDS && self.ends_sentence()
    }

    /// Most letters are capitals (and there are enough letters to tell).
    pub(crate) fn all_caps(&self) -> bool {
        self.letters >= 4 && self.upper * 10 >= self.letters * 9
    }

    /// Most words start with a capital, as headlines in title case do.
    pub(crate) fn title_case(&self) -> bool {
        self.words >= 2 && self.capitalized * 10 >= self.words * 6
    }

    /// No letters and no digits: a separator or stray punctuation.
    pub(crate) fn no_words(&self) -> bool {
        self.words == 0 && !self.text.is_empty()
    }

    /// Reads like a headline of another article: a few words, no closing full stop, and not
    /// prose by its stopwords (or in title case or capitals, as headlines are set).
    pub(crate) fn headline_like(&self) -> bool {
        !self.block
            && (4..=24).contains(&self.words)
            && !self.ends_full_stop()
            && !matches!(self.last_char(), Some(':' | ';' | ','))
            && !self.only_links
            && (self.all_caps() || self.title_case() || self.stopword_share() < 0.3)
    }

    /// Whether the normalized line is exactly `phrase` (lower case, single spaces).
    #[cfg(test)]
    pub(crate) fn is(&self, phrase: &str) -> bool {
        self.norm.len() == phrase.len() + 2 && self.norm[1..self.norm.len() - 1] == *phrase
    }
}

/// The running state of [`Line::new`]'s pass: the word being read, the whitespace token being
/// read (for links), and the watch for a fused capital.
#[derive(Default)]
struct Measure<'s> {
    stop: Option<&'s Stopwords>,
    word: String,
    prev_alnum: bool,
    tokens: Tokens,
    case: CaseRun,
}

/// The whitespace-separated tokens of a line as its pass reads them, and the links among them.
#[derive(Default)]
struct Tokens {
    /// Byte offset where the current token began, when one is being read.
    start: Option<usize>,
    /// The current token holds `@`, `.` or `:`, which every link form needs.
    marked: bool,
    count: usize,
    links: usize,
}

impl Tokens {
    /// A character of a token at `at`: starts one if none is being read.
    #[inline]
    fn inside(&mut self, at: usize, link_mark: bool) {
        if self.start.is_none() {
            self.start = Some(at);
            self.marked = false;
        }
        self.marked |= link_mark;
    }

    /// Whitespace at `at`: ends the token being read, counting it and whether it is a link.
    #[inline]
    fn end(&mut self, line: &mut Line<'_>, at: usize) {
        if let Some(start) = self.start.take() {
            // A list's number before a web address ("15. https://…", as a text browser lists
            // a page's links) is no word of its own.
            if self.count == 0 && list_number(&line.text[start..at]) {
                return;
            }
            self.count += 1;
            if self.marked && is_link_token(&line.text[start..at]) {
                self.links += 1;
                line.link_like = true;
            }
        }
        line.only_links = self.count > 0 && self.links == self.count;
    }
}

/// A list item's number: a few digits and a full stop ("15.").
fn list_number(token: &str) -> bool {
    token
        .strip_suffix('.')
        .is_some_and(|d| (1..=3).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))
}

/// The watch for a fused capital: a capital after five or more lower-case letters in one run
/// of cased letters (anything else, whitespace included, ends the run).
#[derive(Default)]
struct CaseRun {
    /// Lower-case letters since the last capital of the current run.
    lower: usize,
    seen_upper: bool,
}

impl CaseRun {
    #[inline]
    fn lower(&mut self) {
        self.lower += 1;
    }

    #[inline]
    fn upper(&mut self, line: &mut Line<'_>) {
        line.fused |= self.seen_upper && self.lower >= 5;
        self.seen_upper = true;
        self.lower = 0;
    }

    #[inline]
    fn other(&mut self) {
        self.lower = 0;
        self.seen_upper = false;
    }
}

impl<'s> Measure<'s> {
    /// Measures `line.text` character by character (any script).
    fn run(line: &mut Line<'_>, stop: Option<&'s Stopwords>) {
        let text = line.text;
        let mut m = Measure {
            stop,
            ..Measure::default()
        };
        for (at, c) in text.char_indices() {
            if c.is_ascii_lowercase() && m.tokens.start.is_some() {
                // Inside a token, a lower-case letter only extends the word and the run of
                // lower case: the commonest character, handled without the three steps.
                m.case.lower();
                line.letters += 1;
                m.word.push(c);
                m.prev_alnum = true;
                continue;
            }
            if c.is_whitespace() {
                m.tokens.end(line, at);
            } else {
                m.tokens.inside(at, matches!(c, '@' | '.' | ':'));
            }
            if c.is_lowercase() {
                m.case.lower();
            } else if c.is_uppercase() {
                m.case.upper(line);
            } else {
                m.case.other();
            }
            m.word(line, c);
        }
        m.tokens.end(line, text.len());
        m.end_word(line);
    }

    /// Adds a character to the words: letters and digits, lower case, with the apostrophes of
    /// contractions ("don't", as the stopword lists write them).
    fn word(&mut self, line: &mut Line, c: char) {
        if c.is_ascii() {
            // The common case, without the Unicode tables.
            if c.is_ascii_alphanumeric() {
                if c.is_ascii_alphabetic() {
                    line.letters += 1;
                    if c.is_ascii_uppercase() {
                        line.upper += 1;
                        if !self.prev_alnum {
                            line.capitalized += 1;
                        }
                    }
                } else {
                    line.digits += 1;
                }
                self.word.push(c.to_ascii_lowercase());
                self.prev_alnum = true;
                return;
            }
            if c != '\'' {
                self.end_word(line);
                return;
            }
        }
        if c.is_alphanumeric() {
            if c.is_alphabetic() {
                line.letters += 1;
                line.unspaced += usize::from(unspaced_script(c));
                if c.is_uppercase() {
                    line.upper += 1;
                    if !self.prev_alnum {
                        line.capitalized += 1;
                    }
                }
            } else if c.is_ascii_digit() {
                line.digits += 1;
            } else {
                line.other_digits = true;
            }
            // Turkish's dotted capital I lower-cases to a plain i (not `i` and a combining
            // dot, which would match no cue or stopword).
            if c == 'İ' {
                self.word.push('i');
            } else {
                self.word.extend(c.to_lowercase());
            }
            self.prev_alnum = true;
        } else if c == '\'' || c == '’' {
            if self.prev_alnum {
                self.word.push('\'');
            }
        } else if crate::normalize::joins_word(c) {
            self.word.push(c);
            self.prev_alnum = true;
        } else {
            self.end_word(line);
        }
    }

    /// Ends the current word: counts it, checks the stopword list (for all but long lines'
    /// later words), and appends it to the normalized text.
    fn end_word(&mut self, line: &mut Line) {
        if self.word.ends_with('\'') {
            self.word.pop();
        }
        self.prev_alnum = false;
        if self.word.is_empty() {
            return;
        }
        let long = line.words >= LONG_WORDS;
        line.words += 1;
        if !long && self.stop.is_some_and(|s| s.contains(self.word.as_str())) {
            line.stopwords += 1;
        }
        if line.norm.len() < NORM_BYTES {
            line.norm.push_str(&self.word);
            line.norm.push(' ');
        }
        self.word.clear();
    }
}

/// [`Measure`] for ASCII text, byte by byte: the same features (the tests hold the two to
/// each other), without decoding characters. In ASCII a word is one run of the text (letters
/// and digits, with the apostrophes after its first one), so it is lower-cased straight into
/// the normalized text as it is read, and looked up on the stopword list there.
#[derive(Default)]
struct AsciiMeasure {
    /// Where the current word began in the text, when one is being read.
    word_start: Option<usize>,
    /// Where the current word began in the normalized text; `None` when the normalized text
    /// was full as it began (the word is then not added to it).
    norm_start: Option<usize>,
    tokens: Tokens,
    case: CaseRun,
}

impl AsciiMeasure {
    fn run(mut self, line: &mut Line<'_>, stop: Option<&Stopwords>) {
        let text = line.text;
        let bytes = text.as_bytes();
        for (at, &b) in bytes.iter().enumerate() {
            if matches!(b, b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r' | b' ') {
                self.tokens.end(line, at);
            } else {
                self.tokens.inside(at, matches!(b, b'@' | b'.' | b':'));
            }
            match b {
                b'a'..=b'z' => {
                    line.letters += 1;
                    self.case.lower();
                    self.word_byte(line, at, b);
                }
                b'A'..=b'Z' => {
                    line.letters += 1;
                    line.upper += 1;
                    if self.word_start.is_none() {
                        line.capitalized += 1;
                    }
                    self.case.upper(line);
                    self.word_byte(line, at, b.to_ascii_lowercase());
                }
                b'0'..=b'9' => {
                    line.digits += 1;
                    self.case.other();
                    self.word_byte(line, at, b);
                }
                b'\'' => {
                    // Part of the word when it follows one of its letters or digits.
                    self.case.other();
                    if self.word_start.is_some() && self.norm_start.is_some() {
                        line.norm.push('\'');
                    }
                }
                _ => {
                    self.case.other();
                    self.end_word(line, at, stop);
                }
            }
        }
        self.tokens.end(line, bytes.len());
        self.end_word(line, bytes.len(), stop);
    }

    /// Adds a letter or digit (lower case) to the word being read, starting one if none is.
    fn word_byte(&mut self, line: &mut Line<'_>, at: usize, lower: u8) {
        if self.word_start.is_none() {
            self.word_start = Some(at);
            self.norm_start = (line.norm.len() < NORM_BYTES).then_some(line.norm.len());
        }
        if self.norm_start.is_some() {
            line.norm.push(char::from(lower));
        }
    }

    /// Ends the word being read at `at` (one trailing apostrophe is not part of it), as
    /// [`Measure::end_word`] does.
    fn end_word(&mut self, line: &mut Line<'_>, at: usize, stop: Option<&Stopwords>) {
        let Some(start) = self.word_start.take() else {
            return;
        };
        let long = line.words >= LONG_WORDS;
        line.words += 1;
        let check = |w: &str| !long && stop.is_some_and(|s| s.contains(w));
        match self.norm_start.take() {
            Some(from) => {
                if line.norm.ends_with('\'') {
                    line.norm.pop();
                }
                if check(&line.norm[from..]) {
                    line.stopwords += 1;
                }
                line.norm.push(' ');
            }
            None => {
                let word = line.text[start..at]
                    .strip_suffix('\'')
                    .unwrap_or(&line.text[start..at]);
                if check(&word.to_ascii_lowercase()) {
                    line.stopwords += 1;
                }
            }
        }
    }
}

/// A URL, `www.` address, e-mail address, `@handle` or bare domain path.
pub(crate) fn is_link_token(tok: &str) -> bool {
    // Every form below holds `@` or `/`, or opens with `www.`; most words hold none (a word
    // ending a sentence holds a full stop, so that alone says little).
    let www = tok
        .trim_start_matches(['(', ')', '[', ']', ',', '<', '>'])
        .get(..4)
        .is_some_and(|p| p.eq_ignore_ascii_case("www."));
    if !www && !tok.bytes().any(|b| matches!(b, b'@' | b'/')) {
        return false;
    }
    let t = tok.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | '<' | '>'));
    let opens =
        |p: &str| t.len() >= p.len() && t.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    opens("http://")
        || opens("https://")
        || opens("www.")
        || (t.len() > 1
            && t.starts_with('@')
            && t[1..].chars().all(|c| c.is_alphanumeric() || c == '_'))
        || {
            // An address closing a sentence keeps its full stop ("… at jo@example.com.").
            let a = t.trim_end_matches(['.', ';', ':']);
            a.contains('@') && a.contains('.') && !a.starts_with('@')
        }
        || (t.contains(".com/") || t.contains(".org/") || t.contains(".net/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_a_line() {
        let stop: Stopwords = ["the", "of", "on", "to"].into_iter().collect();
        let l = Line::new(
            "  Read more: The 15 Weirdest Galaxies on Earth ",
            Some(&stop),
        );
        assert_eq!(l.norm, " read more the 15 weirdest galaxies on earth ");
        assert_eq!(l.words, 8);
        assert_eq!(l.stopwords, 2);
        assert!(!l.ends_sentence() && l.title_case());
        assert!(Line::new("___", None).no_words());
        assert!(Line::new("paul.takahashi@chron.com", None).only_links);
        assert!(Line::new("He didn't.", Some(&stop)).ends_sentence());
        assert!(Line::new("Advertisement", None).is("advertisement"));
        assert_eq!(Line::new("İlgili Haberler", None).norm, " ilgili haberler ");
    }

    #[test]
    fn digits_of_other_scripts_read_as_ascii() {
        assert_eq!(ascii_digits("প্রকাশিত: ১৫:৩২, ২০২৩"), "প্রকাশিত: 15:32, 2023");
        assert_eq!(ascii_digits("۲۰ اسفند ۱۳۹۹، ۱۰:۴۵"), "20 اسفند 1399، 10:45");
        assert_eq!(ascii_digits("२०८२ असार १९ गते"), "2082 असार 19 गते");
        assert_eq!(ascii_digits("現職が３選"), "現職が3選");
        assert!(matches!(
            ascii_digits("No digits here, 2024"),
            std::borrow::Cow::Borrowed(_)
        ));
    }

    #[test]
    fn marks_and_joiners_stay_inside_words() {
        // A virama and a nukta (Hindi), a zero-width non-joiner (Persian), a Thai tone mark
        // and a decomposed accent: each inside one word, as the stopword lists write it.
        let stop: Stopwords = ["क्या", "می\u{200C}شود"].into_iter().collect();
        let hi = Line::new("क्या हिन्दी पढ़ें", Some(&stop));
        assert_eq!((hi.words, hi.stopwords), (3, 1));
        assert_eq!(hi.norm, " क्या हिन्दी पढ़ें ");
        let fa = Line::new("این کار انجام می\u{200C}شود", Some(&stop));
        assert_eq!((fa.words, fa.stopwords), (4, 1));
        assert_eq!(Line::new("ข่าว", None).norm, " ข่าว ");
        assert_eq!(Line::new("Tie\u{0302}\u{0301}ng", None).words, 1);
    }

    /// Both measures of a line, as text, to compare.
    fn both(text: &str, stop: &Stopwords) -> (String, String) {
        let measure = |ascii: bool| {
            let mut line = Line {
                text,
                block: false,
                norm: String::from(" "),
                ..Line::default()
            };
            if ascii {
                AsciiMeasure::default().run(&mut line, Some(stop));
            } else {
                Measure::run(&mut line, Some(stop));
            }
            format!("{line:?}")
        };
        (measure(true), measure(false))
    }

    #[test]
    fn ascii_measure_matches_the_general_one_on_edge_cases() {
        let stop: Stopwords = ["the", "of", "don't", "it's"].into_iter().collect();
        for text in [
            "",
            "'",
            "''a''",
            "Don't stop: it's 'quoted' text''",
            "See https://x.com/a and bob@example.org or @handle.",
            "DetroitHoodline SomeWordsHere 4th 5G H1",
            "tab\tvt\x0bff\x0ccr\rend",
            "a.b:c@d e..f",
        ] {
            let (fast, general) = both(text, &stop);
            assert_eq!(fast, general, "{text:?}");
        }
        let long = "Word ".repeat(600);
        let (fast, general) = both(&long, &stop);
        assert_eq!(fast, general);
    }

    proptest::proptest! {
        #[test]
        fn ascii_measure_matches_the_general_one(
            text in "[a-zA-Z0-9 '.:@/_\\-\t\n(),]{0,200}"
        ) {
            let stop: Stopwords = ["the", "of", "a", "don't"].into_iter().collect();
            let (fast, general) = both(&text, &stop);
            proptest::prop_assert_eq!(fast, general);
        }
    }
}
