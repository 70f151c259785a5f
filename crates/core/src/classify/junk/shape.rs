//! What a line looks like: the shallow features jusText and Boilerpipe judge blocks by.
//!
//! Plain scraped text has no tags or links left, but a line still has a length, a share of
//! stopwords, capitals and digits, link-like tokens (URLs, e-mail addresses, handles) and
//! closing punctuation. The rules read these; none of them is decisive alone.

use super::lang::Stopwords;

/// Lines longer than this (in words) are prose for every rule: their stopwords are not counted
/// and contained cues are not looked for, which keeps the cost of long paragraphs at one pass.
pub const LONG_WORDS: usize = 80;

/// The features of one line (paragraph).
#[derive(Clone, Debug, Default)]
pub struct Line<'a> {
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
    /// ASCII digits.
    pub digits: usize,
    /// A URL, `www.` address, e-mail address or `@handle` is in it.
    pub link_like: bool,
    /// Every word is a URL, e-mail address or handle.
    pub only_links: bool,
    /// A block rather than a line: it spans several lines (code, a table, a mail header) or is
    /// quoted with `>` as mail and Usenet replies quote. The junk rules judge single lines of
    /// scraped pages and leave blocks alone.
    pub block: bool,
}

impl<'a> Line<'a> {
    /// Measures `text` with the article's stopword list.
    pub fn new(text: &'a str, stop: Option<&Stopwords>) -> Line<'a> {
        let text = text.trim();
        let mut line = Line {
            text,
            block: text.contains('\n') || text.starts_with('>'),
            norm: String::with_capacity(text.len().min(512) + 2),
            ..Line::default()
        };
        line.norm.push(' ');
        let mut tokens = 0usize;
        let mut links = 0usize;
        for tok in text.split_whitespace() {
            tokens += 1;
            let link = is_link_token(tok);
            links += usize::from(link);
            line.link_like |= link;
        }
        line.only_links = tokens > 0 && links == tokens;
        let mut word = String::new();
        let flush = |word: &mut String, line: &mut Line, long: bool| {
            if word.is_empty() {
                return;
            }
            line.words += 1;
            if !long && stop.is_some_and(|s| s.contains(word.as_str())) {
                line.stopwords += 1;
            }
            if line.norm.len() < 2048 {
                line.norm.push_str(word);
                line.norm.push(' ');
            }
            word.clear();
        };
        let mut prev_alnum = false;
        for c in text.chars() {
            if c.is_ascii() {
                // The common case, without the Unicode tables.
                if c.is_ascii_alphanumeric() {
                    if c.is_ascii_alphabetic() {
                        line.letters += 1;
                        if c.is_ascii_uppercase() {
                            line.upper += 1;
                            if !prev_alnum {
                                line.capitalized += 1;
                            }
                        }
                    } else {
                        line.digits += 1;
                    }
                    word.push(c.to_ascii_lowercase());
                    prev_alnum = true;
                    continue;
                }
                if c != '\'' {
                    if word.ends_with('\'') {
                        word.pop();
                    }
                    let long = line.words >= LONG_WORDS;
                    flush(&mut word, &mut line, long);
                    prev_alnum = false;
                    continue;
                }
            }
            if c.is_alphanumeric() {
                if c.is_alphabetic() {
                    line.letters += 1;
                    if c.is_uppercase() {
                        line.upper += 1;
                        if !prev_alnum {
                            line.capitalized += 1;
                        }
                    }
                } else if c.is_ascii_digit() {
                    line.digits += 1;
                }
                word.extend(c.to_lowercase());
                prev_alnum = true;
            } else if c == '\'' || c == '’' {
                // Keep contractions in one word ("don't"), as the stopword lists write them.
                if prev_alnum {
                    word.push('\'');
                }
            } else {
                if word.ends_with('\'') {
                    word.pop();
                }
                let long = line.words >= LONG_WORDS;
                flush(&mut word, &mut line, long);
                prev_alnum = false;
            }
        }
        if word.ends_with('\'') {
            word.pop();
        }
        let long = line.words >= LONG_WORDS;
        flush(&mut word, &mut line, long);
        if line.norm.len() == 1 {
            line.norm.push(' ');
        }
        line
    }

    /// Share of the words that are stopwords.
    pub fn stopword_share(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            self.stopwords as f32 / self.words as f32
        }
    }

    /// The last character that is not a closing quote or bracket.
    pub fn last_char(&self) -> Option<char> {
        self.text
            .trim_end_matches(['"', '”', '’', '\'', '»', ')', ']', ' '])
            .chars()
            .last()
    }

    /// Ends like a sentence (`.`, `!`, `?`, `…`, or the CJK full stop).
    pub fn ends_sentence(&self) -> bool {
        matches!(
            self.last_char(),
            Some('.' | '!' | '?' | '…' | '。' | '！' | '？' | '؟')
        )
    }

    /// Most letters are capitals (and there are enough letters to tell).
    pub fn all_caps(&self) -> bool {
        self.letters >= 4 && self.upper * 10 >= self.letters * 9
    }

    /// Most words start with a capital, as headlines in title case do.
    pub fn title_case(&self) -> bool {
        self.words >= 2 && self.capitalized * 10 >= self.words * 6
    }

    /// No letters and no digits: a separator or stray punctuation.
    pub fn no_words(&self) -> bool {
        self.words == 0 && !self.text.is_empty()
    }

    /// Reads like a headline of another article: a few words, no closing full stop, and not
    /// prose by its stopwords (or in title case or capitals, as headlines are set).
    pub fn headline_like(&self) -> bool {
        !self.block
            && (4..=24).contains(&self.words)
            && !matches!(self.last_char(), Some('.' | ':' | ';' | ','))
            && !self.only_links
            && (self.all_caps() || self.title_case() || self.stopword_share() < 0.3)
    }

    /// Whether the normalized line is exactly `phrase` (lower case, single spaces).
    pub fn is(&self, phrase: &str) -> bool {
        self.norm.len() == phrase.len() + 2 && self.norm[1..self.norm.len() - 1] == *phrase
    }
}

/// A URL, `www.` address, e-mail address, `@handle` or bare domain path.
pub fn is_link_token(tok: &str) -> bool {
    // Every form below holds `@`, `.` or `:`; most words hold none.
    if !tok.bytes().any(|b| matches!(b, b'@' | b'.' | b':')) {
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
        || (t.contains('@') && t.contains('.') && !t.starts_with('@') && !t.ends_with('.'))
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
    }
}
