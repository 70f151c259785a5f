//! `--format attributes`: what reprint flags, as the attribute files of dolma's toolkit, so
//! that a dolma mix (or a datatrove pipeline) can drop it.
//!
//! One line per article read, in input order, with the article's id as its record holds it:
//!
//! ```text
//! {"id":"d1","attributes":{"reprint__aggregator_footer":[],"reprint__boilerplate":[[1032,1047,1.0]],
//!  "reprint__duplicate_article":[],"reprint__internal_duplicate":[],"reprint__reused_wording":[],
//!  "reprint__syndicated_article":[]}}
//! ```
//!
//! * One attribute per finding kind, named `reprint__<kind>` (dolma's `<experiment>__<name>`),
//!   each a list of `[start, end, score]`: every paragraph of the article that carries the kind
//!   (its `kinds` in `--format json`), in text order. An article with nothing flagged has a
//!   line of empty lists: dolma reads attribute files row by row beside their documents.
//! * `start` and `end` count **characters** (Unicode scalar values) of the text, from 0, end
//!   exclusive, as dolma's taggers and mixer and Python's `text[start:end]` do; the JSON
//!   report's offsets are bytes of the same text.
//! * `score` is the highest score (`findings[].score`) of the findings of that kind covering
//!   the paragraph, a similarity or confidence in `[0, 1]`, rounded to four decimals; `1.0`
//!   where a kind has no graded score (a cue-matched boilerplate line, an aggregator footer, a
//!   shared run of words).
//! * `id` is the record's id field as the input holds it (a number stays a number, a repeated
//!   id is not renamed); a `.txt` article or a record without one gets the id reprint gives it,
//!   as in `--format json`.
//!
//! Writing offsets in characters needs each article's text: [`write_attributes`] reads the
//! corpus again through an [`ArticleSource`], one article at a time.

use reprint_core::model::{ByteSpan, FindingKind, KindSet};
use reprint_core::{Analysis, InputArticle};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::io::{self, Write};

/// What every attribute name starts with: dolma names an attribute
/// `<experiment>__<tagger>__<name>`, and mixers select a tool's attributes by this prefix.
pub const ATTRIBUTE_PREFIX: &str = "reprint__";

/// One flagged span: `[start, end, score]`, start and end in characters of the text.
pub type Span = (u64, u64, f64);

/// One line of `--format attributes`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AttributesLine {
    /// The article's id as its record holds it (a string or a number).
    pub id: serde_json::Value,
    /// `reprint__<kind>` for every finding kind, in alphabetical order, each with the spans
    /// of the article's paragraphs that carry the kind.
    pub attributes: BTreeMap<String, Vec<Span>>,
}

/// The articles of an analysis read again, with their texts and input ids.
pub trait ArticleSource {
    /// Calls `f(article index, article)` for each article whose record can still be read, in
    /// ascending order of index.
    fn each(&mut self, f: &mut dyn FnMut(usize, InputArticle));
}

/// The attribute name of a kind: `reprint__boilerplate`.
pub fn attribute_name(kind: FindingKind) -> String {
    format!("{ATTRIBUTE_PREFIX}{}", kind.name())
}

/// Writes one [`AttributesLine`] per article of `a`, in input order, reading the texts from
/// `source`. An article that `source` no longer yields (its file changed since it was read)
/// is an error naming it, not a missing line: dolma pairs attribute rows with documents by
/// position.
pub fn write_attributes(
    out: &mut dyn Write,
    a: &Analysis,
    source: &mut dyn ArticleSource,
) -> io::Result<()> {
    let scores = Scores::of(a);
    let mut next = 0usize;
    let mut failed: Option<io::Error> = None;
    source.each(&mut |i, article| {
        if failed.is_some() {
            return;
        }
        let written = if i == next {
            next += 1;
            line_of(a, &scores, i, article).and_then(|line| put_line(out, &line))
        } else {
            Err(unread(a, next))
        };
        if let Err(e) = written {
            failed = Some(e);
        }
    });
    match failed {
        Some(e) => Err(e),
        None if next < a.store.articles.len() => Err(unread(a, next)),
        None => Ok(()),
    }
}

/// The error for article `i`, which could not be read again.
fn unread(a: &Analysis, i: usize) -> io::Error {
    io::Error::other(format!(
        "article \"{}\" could not be read again (did its file change during the run?); the attributes would no longer line up with the documents",
        a.store.articles[i].meta.id
    ))
}

/// Writes a line as compact JSON, escaped as every JSON output is (DEL and the C1 controls of
/// an id too), and its line feed.
fn put_line(out: &mut dyn Write, line: &AttributesLine) -> io::Result<()> {
    crate::safe::write_json_with(&mut *out, line, serde_json::ser::CompactFormatter)?;
    out.write_all(b"\n")
}

/// The line of article `i`, whose text and input id are `article`.
fn line_of(
    a: &Analysis,
    scores: &Scores,
    i: usize,
    article: InputArticle,
) -> io::Result<AttributesLine> {
    let art = &a.store.articles[i];
    // The flagged paragraphs, by number in the article, with their bytes and kinds.
    let flagged: Vec<(u32, ByteSpan, KindSet)> = art
        .paras()
        .enumerate()
        .map(|(j, p)| {
            (
                j as u32,
                a.store.paras[p].span,
                a.classification.para_kinds[p],
            )
        })
        .filter(|(_, _, kinds)| !kinds.is_empty())
        .collect();
    let chars = char_ranges(&article.text, flagged.iter().map(|f| (f.1.start, f.1.end)))
        .ok_or_else(|| {
            io::Error::other(format!(
                "article \"{}\": its text no longer has the paragraphs read from it (did its file change during the run?)",
                art.meta.id
            ))
        })?;
    let mut attributes: BTreeMap<String, Vec<Span>> = FindingKind::ALL
        .iter()
        .map(|&k| (attribute_name(k), Vec::new()))
        .collect();
    for (&(j, _, kinds), &(start, end)) in flagged.iter().zip(&chars) {
        for kind in kinds.iter() {
            let score = scores.get(i as u32, j, kind);
            if let Some(spans) = attributes.get_mut(&attribute_name(kind)) {
                spans.push((start, end, score));
            }
        }
    }
    Ok(AttributesLine {
        id: article
            .id
            .unwrap_or_else(|| serde_json::Value::String(art.meta.id.clone())),
        attributes,
    })
}

/// The byte ranges `ranges` of `text` (ascending and not overlapping, as an article's
/// paragraphs are) as character ranges; `None` when one does not fit the text or splits a
/// character. The text is walked once.
fn char_ranges(
    text: &str,
    ranges: impl IntoIterator<Item = (u32, u32)>,
) -> Option<Vec<(u64, u64)>> {
    let mut at_byte = 0usize;
    let mut at_char = 0u64;
    let mut to_char = |byte: usize| -> Option<u64> {
        let piece = text.get(at_byte..byte)?;
        at_char += piece.chars().count() as u64;
        at_byte = byte;
        Some(at_char)
    };
    ranges
        .into_iter()
        .map(|(s, e)| Some((to_char(s as usize)?, to_char(e as usize)?)))
        .collect()
}

/// The score of each flagged paragraph per kind: the highest score of the findings of that
/// kind with the paragraph, or its whole article, as a member.
struct Scores {
    /// `(article, paragraph or WHOLE, kind, score)`, sorted, one entry per key (the highest).
    entries: Vec<(u32, u32, u8, f64)>,
}

/// The paragraph number that stands for a whole-article member.
const WHOLE: u32 = u32::MAX;

impl Scores {
    /// The scores of every finding of `a`.
    fn of(a: &Analysis) -> Scores {
        let mut entries: Vec<(u32, u32, u8, f64)> = a
            .classification
            .findings
            .iter()
            .flat_map(|f| {
                let score = round4(f64::from(f.score));
                f.members.iter().map(move |m| {
                    let para = m.paragraph.unwrap_or(WHOLE);
                    (m.article.0, para, f.kind as u8, score)
                })
            })
            .collect();
        // The highest score of a key first, then the others of the key dropped.
        entries.sort_by(|x, y| {
            (x.0, x.1, x.2)
                .cmp(&(y.0, y.1, y.2))
                .then(y.3.total_cmp(&x.3))
        });
        entries.dedup_by_key(|e| (e.0, e.1, e.2));
        Scores { entries }
    }

    /// The score of paragraph `paragraph` of article `article` for `kind`: `1.0` when no
    /// finding of the kind has it (or its article) as a member.
    fn get(&self, article: u32, paragraph: u32, kind: FindingKind) -> f64 {
        let find = |p: u32| {
            self.entries
                .binary_search_by(|e| (e.0, e.1, e.2).cmp(&(article, p, kind as u8)))
                .ok()
                .map(|at| self.entries[at].3)
        };
        match (find(paragraph), find(WHOLE)) {
            (Some(x), Some(y)) => x.max(y),
            (Some(x), None) | (None, Some(x)) => x,
            (None, None) => 1.0,
        }
    }
}

/// A score as every report writes it: rounded to four decimals.
fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

#[cfg(test)]
mod tests {
    use super::*;
    use reprint_core::config::Config;
    use reprint_core::{Corpus, Engine, FieldNames, NoProgress, analyze, for_each_input_article};
    use std::path::PathBuf;

    /// Every article of a corpus, read again as `audit` reads it.
    struct Reread<'c> {
        corpus: &'c Corpus,
        a: &'c Analysis,
        /// An article to leave out, as a file changed during the run would.
        skip: Option<usize>,
    }

    impl ArticleSource for Reread<'_> {
        fn each(&mut self, f: &mut dyn FnMut(usize, InputArticle)) {
            let locs: Vec<_> = (0..self.a.store.articles.len())
                .filter(|&i| Some(i) != self.skip)
                .map(|i| (i, self.a.store.articles[i].location.clone()))
                .collect();
            for_each_input_article(self.corpus, &FieldNames::default(), &locs, f);
        }
    }

    /// The analysis of `paths` and its attribute lines, parsed.
    fn render(paths: &[PathBuf]) -> (Analysis, Vec<AttributesLine>, Vec<String>) {
        let corpus = Corpus::discover(paths, &mut Vec::new()).unwrap();
        let a = analyze(
            &corpus,
            &Engine::new(Config::default()).unwrap(),
            &NoProgress,
        );
        let mut out = Vec::new();
        let mut source = Reread {
            corpus: &corpus,
            a: &a,
            skip: None,
        };
        write_attributes(&mut out, &a, &mut source).unwrap();
        let text = String::from_utf8(out).unwrap();
        let lines = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        let mut texts = Vec::new();
        reprint_core::for_each_text(
            &corpus,
            &FieldNames::default(),
            &(0..a.store.articles.len())
                .map(|i| (i, a.store.articles[i].location.clone()))
                .collect::<Vec<_>>(),
            &mut |_, t| texts.push(t),
        );
        (a, lines, texts)
    }

    /// The characters `start..end` of `text`.
    fn chars(text: &str, start: u64, end: u64) -> String {
        text.chars()
            .skip(start as usize)
            .take((end - start) as usize)
            .collect()
    }

    #[test]
    fn each_article_lists_the_paragraphs_of_each_kind_it_carries() {
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let (a, lines, texts) = render(&[seeds]);
        assert_eq!(lines.len(), a.store.articles.len());
        let mut flagged = 0;
        for (i, line) in lines.iter().enumerate() {
            let art = &a.store.articles[i];
            assert_eq!(line.id, art.meta.id.as_str());
            let names: Vec<&String> = line.attributes.keys().collect();
            assert_eq!(names.len(), FindingKind::ALL.len());
            for kind in FindingKind::ALL {
                let spans = &line.attributes[&attribute_name(kind)];
                let want: Vec<&str> = art
                    .paras()
                    .filter(|&p| a.classification.para_kinds[p].contains(kind))
                    .map(|p| &texts[i][a.store.paras[p].span.range()])
                    .collect();
                let got: Vec<String> = spans
                    .iter()
                    .map(|&(s, e, _)| chars(&texts[i], s, e))
                    .collect();
                assert_eq!(got, want, "{} {}", art.meta.id, kind.name());
                assert!(spans.iter().all(|s| (0.0..=1.0).contains(&s.2)));
                flagged += spans.len();
            }
        }
        assert!(flagged > 10, "the seeds flag paragraphs: {flagged}");
    }

    #[test]
    fn ids_are_the_inputs_and_offsets_count_characters() {
        let d = tempfile::tempdir().unwrap();
        let body = "Le conseil a voté mardi la prolongation de l’horaire du traversier pendant deux semaines après les plaintes des usagers.";
        let records = [
            serde_json::json!({"id": 7, "text": format!("Café crème\n\n{body}\n\nLeave a Comment")}),
            serde_json::json!({"id": "x", "text": format!("Über alles\n\n{body}\n\nLeave a Comment")}),
            serde_json::json!({"id": "x", "text": "Nothing here is flagged at all, not one word of it."}),
        ];
        let lines: String = records.iter().map(|r| format!("{r}\n")).collect();
        std::fs::write(d.path().join("c.jsonl"), lines).unwrap();
        let (a, lines, texts) = render(&[d.path().join("c.jsonl")]);
        let ids: Vec<&serde_json::Value> = lines.iter().map(|l| &l.id).collect();
        assert_eq!(ids, [&serde_json::json!(7), &"x".into(), &"x".into()]);
        // reprint itself renamed the repeated id; the attributes name the record as it is.
        assert_eq!(a.store.articles[2].meta.id, "x~2");
        for i in 0..2 {
            let spans = &lines[i].attributes["reprint__boilerplate"];
            assert_eq!(spans.len(), 1, "{:?}", lines[i]);
            let (s, e, score) = spans[0];
            assert_eq!(chars(&texts[i], s, e), "Leave a Comment");
            assert!(e < texts[i].len() as u64, "characters, not bytes");
            assert_eq!(score, 1.0);
        }
        assert!(lines[2].attributes.values().all(Vec::is_empty));
        let one = serde_json::to_string(&lines[2]).unwrap();
        assert_eq!(
            one,
            r#"{"id":"x","attributes":{"reprint__aggregator_footer":[],"reprint__boilerplate":[],"reprint__duplicate_article":[],"reprint__internal_duplicate":[],"reprint__reused_wording":[],"reprint__syndicated_article":[]}}"#
        );
    }

    #[test]
    fn an_article_that_cannot_be_read_again_is_an_error_naming_it() {
        let seeds = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let corpus = Corpus::discover(&[seeds], &mut Vec::new()).unwrap();
        let a = analyze(
            &corpus,
            &Engine::new(Config::default()).unwrap(),
            &NoProgress,
        );
        for skip in [0, a.store.articles.len() - 1] {
            let mut source = Reread {
                corpus: &corpus,
                a: &a,
                skip: Some(skip),
            };
            let e = write_attributes(&mut Vec::new(), &a, &mut source).unwrap_err();
            let id = &a.store.articles[skip].meta.id;
            assert!(
                e.to_string()
                    .contains(&format!("\"{id}\" could not be read again")),
                "{e}"
            );
        }
    }

    #[test]
    fn byte_ranges_become_character_ranges() {
        let text = "é1\n\n€ two\n\n𝄞 three";
        let b = |s: &str| text.find(s).unwrap() as u32;
        let ranges = [(0, 3), (b("€"), b("€") + 7), (b("𝄞"), text.len() as u32)];
        let chars = char_ranges(text, ranges).unwrap();
        assert_eq!(chars, [(0, 2), (4, 9), (11, 18)]);
        let back: Vec<String> = chars
            .iter()
            .map(|&(s, e)| {
                text.chars()
                    .skip(s as usize)
                    .take((e - s) as usize)
                    .collect()
            })
            .collect();
        assert_eq!(back, ["é1", "€ two", "𝄞 three"]);
        // A range inside a character, or past the end, does not fit.
        assert_eq!(char_ranges(text, [(1, 2)]), None);
        assert_eq!(char_ranges(text, [(0, 99)]), None);
    }
}
