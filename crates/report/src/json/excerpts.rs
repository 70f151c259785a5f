//! Short quotes of what each finding covers, for `--format jsonl`: a line read on its own (in
//! a log, a queue, a `grep`) then says which text it is about without the corpus at hand. The
//! JSON document leaves them out (its readers have `articles[]` and the corpus to quote from),
//! and `reprint dist assemble` drops them from the lines it joins into that document
//! ([`without_excerpts`]).

use reprint_core::Analysis;
use reprint_core::model::Location;

/// Bytes of a member's text quoted in its excerpt, at most.
const EXCERPT_BYTES: usize = 120;

/// `text[start..end]`, at most `max` bytes of it, cut on character boundaries, with line
/// breaks shown as ` ⏎ ` and `…` after a cut.
pub fn excerpt(text: &str, start: u32, end: u32, max: usize) -> String {
    let (s, e) = (start as usize, (end as usize).min(text.len()));
    let mut from = s.min(e);
    while !text.is_char_boundary(from) {
        from -= 1;
    }
    let mut to = e.min(from + max);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    let mut x: String = text[from..to].replace('\n', " ⏎ ");
    if to < e {
        x.push('…');
    }
    x
}

/// Hands the texts of the articles asked for (`(article index, location)`, ascending) to the
/// callback, one at a time; an article that can no longer be read is left out.
pub type ReadTexts<'a> = dyn FnMut(&[(usize, Location)], &mut dyn FnMut(usize, String)) + 'a;

/// The excerpt of every member of every finding of an analysis.
#[derive(Debug, Default)]
pub struct Excerpts {
    /// Where each finding's excerpts start in `texts`; one more entry than findings.
    first: Vec<usize>,
    /// The excerpts, finding after finding, member after member.
    texts: Vec<Box<str>>,
}

impl Excerpts {
    /// Quotes every member of `a`'s findings from the texts `read` gives (each article read
    /// once, in input order). A member whose article can no longer be read gets an empty
    /// excerpt.
    pub fn read(a: &Analysis, read: &mut ReadTexts<'_>) -> Excerpts {
        let findings = &a.classification.findings;
        let mut first = Vec::with_capacity(findings.len() + 1);
        first.push(0);
        // (article, member's place in `texts`, its bytes), sorted by article.
        let mut by_article: Vec<(usize, usize, u32, u32)> = Vec::new();
        for f in findings {
            let base = by_article.len();
            by_article.extend(
                f.members
                    .iter()
                    .enumerate()
                    .map(|(j, m)| (m.article.get(), base + j, m.span.start, m.span.end)),
            );
            first.push(by_article.len());
        }
        let mut texts: Vec<Box<str>> = vec![Box::from(""); by_article.len()];
        by_article.sort_unstable();
        let mut wanted: Vec<(usize, Location)> = Vec::new();
        for &(article, ..) in &by_article {
            if wanted.last().is_none_or(|w| w.0 != article) {
                wanted.push((article, a.store.articles[article].location.clone()));
            }
        }
        read(&wanted, &mut |article, text| {
            let from = by_article.partition_point(|x| x.0 < article);
            for &(_, k, s, e) in by_article[from..].iter().take_while(|x| x.0 == article) {
                texts[k] = excerpt(&text, s, e, EXCERPT_BYTES).into_boxed_str();
            }
        });
        Excerpts { first, texts }
    }

    /// The excerpts of finding `i`'s members, in order.
    pub fn of(&self, i: usize) -> &[Box<str>] {
        &self.texts[self.first[i]..self.first[i + 1]]
    }
}

/// What precedes a member's excerpt in a line of `--format jsonl`. Inside a JSON string every
/// quotation mark is escaped, so this can only be the field itself.
const FIELD: &[u8] = b",\"excerpt\":\"";

/// Appends `line` (a finding as `--format jsonl` writes it) to `out` without its members'
/// excerpts: the finding as the JSON document holds it.
pub fn without_excerpts(line: &[u8], out: &mut Vec<u8>) {
    let mut rest = line;
    while let Some(at) = rest.windows(FIELD.len()).position(|w| w == FIELD) {
        out.extend_from_slice(&rest[..at]);
        // Skip the string: up to its closing quotation mark, stepping over escapes.
        let mut i = at + FIELD.len();
        while i < rest.len() {
            match rest[i] {
                b'\\' => i += 2,
                b'"' => break,
                _ => i += 1,
            }
        }
        rest = &rest[(i + 1).min(rest.len())..];
    }
    out.extend_from_slice(rest);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_stay_on_characters_and_lines() {
        let t = "añb\nc";
        assert_eq!(excerpt(t, 0, 6, 240), "añb ⏎ c");
        assert_eq!(excerpt(t, 2, 3, 240), "ñ");
        let long = "x".repeat(300);
        assert!(excerpt(&long, 0, 300, 240).ends_with('…'));
        assert_eq!(excerpt("aé", 0, 3, 2), "a…");
    }

    #[test]
    fn excerpts_are_dropped_whatever_they_quote() {
        let plain = br#"{"id":0,"members":[{"article":"a","paragraph":1,"start":0,"end":9},{"article":"b\",\"excerpt\":\"","paragraph":null,"start":3,"end":4}],"score":1}"#;
        let with = br#"{"id":0,"members":[{"article":"a","paragraph":1,"start":0,"end":9,"excerpt":"say \"hi\" \\"},{"article":"b\",\"excerpt\":\"","paragraph":null,"start":3,"end":4,"excerpt":",\"excerpt\":\""}],"score":1}"#;
        let mut out = Vec::new();
        without_excerpts(with, &mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            String::from_utf8(plain.to_vec()).unwrap()
        );
        let mut same = Vec::new();
        without_excerpts(plain, &mut same);
        assert_eq!(same, plain.to_vec());
    }
}
