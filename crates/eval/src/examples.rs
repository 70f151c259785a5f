//! Examples of misses and false positives: picking a few per score, spread evenly over the
//! candidates (deterministic), and pointing at the paragraphs, articles or ranges involved. The
//! text is filled in by the caller.

use super::{Example, ExampleItem};
use reprint_core::Analysis;
use reprint_core::model::{ByteSpan, ParaIdx};

/// Picks up to `n` items spread evenly over `v` (deterministic).
pub(super) fn spread<T: Clone>(v: &[T], n: usize) -> Vec<T> {
    if v.len() <= n {
        return v.to_vec();
    }
    (0..n).map(|i| v[i * v.len() / n].clone()).collect()
}

/// Builds example items.
pub(super) struct Items<'a> {
    pub(super) a: &'a Analysis,
}

impl Items<'_> {
    pub(super) fn para(&self, p: usize, note: impl Into<String>) -> ExampleItem {
        let store = &self.a.store;
        let (art, j) = store.locate(ParaIdx(p as u32));
        let rec = &store.articles[art.get()];
        let span = store.paras[p].span;
        ExampleItem {
            article: rec.meta.id.clone(),
            article_index: art.0,
            paragraph: Some(j),
            start: span.start,
            end: span.end,
            note: note.into(),
            excerpt: None,
        }
    }

    pub(super) fn article(&self, art: u32, note: impl Into<String>) -> ExampleItem {
        let rec = &self.a.store.articles[art as usize];
        ExampleItem {
            article: rec.meta.id.clone(),
            article_index: art,
            paragraph: None,
            start: 0,
            end: rec.text_len,
            note: note.into(),
            excerpt: None,
        }
    }

    pub(super) fn span(&self, art: u32, span: ByteSpan, note: impl Into<String>) -> ExampleItem {
        let rec = &self.a.store.articles[art as usize];
        let paragraph = rec.paras().position(|p| {
            let s = self.a.store.paras[p].span;
            s.start <= span.start && span.start < s.end.max(s.start + 1)
        });
        ExampleItem {
            article: rec.meta.id.clone(),
            article_index: art,
            paragraph: paragraph.map(|p| p as u32),
            start: span.start,
            end: span.end,
            note: note.into(),
            excerpt: None,
        }
    }

    pub(super) fn kinds_of(&self, p: usize) -> String {
        let k: Vec<&str> = self.a.classification.para_kinds[p]
            .iter()
            .map(|k| k.name())
            .collect();
        if k.is_empty() {
            "no kind".into()
        } else {
            k.join(",")
        }
    }
}

/// Collects examples, a few per score and kind of error.
pub(super) struct Examples {
    pub(super) n: usize,
    pub(super) out: Vec<Example>,
}

impl Examples {
    pub(super) fn add(&mut self, score: &str, what: &'static str, all: Vec<Vec<ExampleItem>>) {
        for items in spread(&all, self.n) {
            self.out.push(Example {
                score: score.to_string(),
                what,
                items,
            });
        }
    }

    /// Adds the first `n` of examples already ranked.
    pub(super) fn add_top(
        &mut self,
        score: &str,
        what: &'static str,
        ranked: Vec<Vec<ExampleItem>>,
    ) {
        for items in ranked.into_iter().take(self.n) {
            self.out.push(Example {
                score: score.to_string(),
                what,
                items,
            });
        }
    }

    /// Like [`Examples::add`], but builds items only for the picked candidates.
    pub(super) fn add_with<T: Clone>(
        &mut self,
        score: &str,
        what: &'static str,
        candidates: &[T],
        build: impl Fn(&T) -> Vec<ExampleItem>,
    ) {
        for c in spread(candidates, self.n) {
            self.out.push(Example {
                score: score.to_string(),
                what,
                items: build(&c),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spread_picks_evenly() {
        let v: Vec<u32> = (0..10).collect();
        assert_eq!(spread(&v, 3), vec![0, 3, 6]);
        assert_eq!(spread(&v[..2], 3), vec![0, 1]);
    }
}
