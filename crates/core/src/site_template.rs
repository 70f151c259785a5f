//! The site-template rule: two texts that differ only in words naming each one's own outlet
//! ("Sign up for the Harbor Ledger newsletter" beside "Sign up for the Capital Tribune
//! newsletter") are each site's own furniture, filled in from one template, not one copied
//! from the other, so the link verification found between them is dropped.
//!
//! A text's own words are those of the outlets carrying it: each outlet's name and the hosts
//! of its articles' URLs. The pieces are small pure functions of what an engine can group
//! (an outlet's articles in input order, a text's outlets), so a run spread over many
//! machines applies the rule exactly as the single-machine pipeline does.

use crate::store::{CorpusStore, TextId, TextParas};
use crate::verify::Edge;
use rayon::prelude::*;

/// Most outlets a text may be carried by for its outlets' names to say whose template it is:
/// a text more outlets carry is shared furniture of no one site.
pub const TEMPLATE_MAX_OUTLETS: usize = 4;

/// Words an outlet collects from its articles' hosts until it holds this many (counted with
/// repeats, its name's words included): a few hosts name a site; more only cost time.
const OWN_WORDS_CAP: usize = 64;

/// The words naming one outlet, gathered from its name and then from the hosts of its
/// articles' URLs in input order.
#[derive(Clone, Debug, Default)]
pub struct OutletWords {
    words: Vec<u32>,
    buf: String,
}

impl OutletWords {
    /// An outlet of this name (`None`: an unknown outlet, named by its host alone).
    pub fn named(name: Option<&str>) -> OutletWords {
        let mut w = OutletWords::default();
        if let Some(n) = name {
            w.add(n);
        }
        w
    }

    /// Whether the host of the next article is still wanted.
    pub fn wants_host(&self) -> bool {
        self.words.len() < OWN_WORDS_CAP
    }

    /// Adds the words of an article's host (`www.harborledger.example`), and of the host
    /// without its last label, when [`Self::wants_host`].
    pub fn add_host(&mut self, host: &str) {
        if !self.wants_host() {
            return;
        }
        self.add(host);
        if let Some((stem, _)) = host.rsplit_once('.') {
            self.add(stem);
        }
    }

    fn add(&mut self, s: &str) {
        let (words, buf) = (&mut self.words, &mut self.buf);
        crate::normalize::for_each_word(s, |_, w| {
            let numeric = crate::normalize::is_number(w);
            words.push(crate::shingle::short_word(
                crate::shingle::word_hash(w, buf),
                numeric,
            ))
        });
    }

    /// The outlet's own words, sorted, each once.
    pub fn finish(mut self) -> Vec<u32> {
        self.words.sort_unstable();
        self.words.dedup();
        self.words
    }
}

/// The own words of a text carried by the outlets whose own words are `outlets` (each outlet
/// once): all their words, sorted, each once; none when more than [`TEMPLATE_MAX_OUTLETS`]
/// carry it.
pub fn text_own_words(outlets: &[&[u32]]) -> Vec<u32> {
    if outlets.len() > TEMPLATE_MAX_OUTLETS {
        return Vec::new();
    }
    let mut v: Vec<u32> = outlets.iter().flat_map(|w| w.iter().copied()).collect();
    v.sort_unstable();
    v.dedup();
    v
}

/// Whether two word sequences differ only in words that name each one's own outlet: the same
/// site template ("Sign up for the X newsletter") filled in by two sites. Such lines are each
/// site's own furniture, not one copied from the other. `own_a` and `own_b` are the sorted
/// word hashes of the outlet names and hosts of the articles carrying each text.
pub fn differs_only_by_own_names(a: &[u32], b: &[u32], own_a: &[u32], own_b: &[u32]) -> bool {
    if own_a.is_empty() || own_b.is_empty() {
        return false;
    }
    let (mut sa, mut sb) = (a.to_vec(), b.to_vec());
    sa.sort_unstable();
    sb.sort_unstable();
    let (mut i, mut j) = (0, 0);
    let (mut only_a, mut only_b) = (Vec::new(), Vec::new());
    while i < sa.len() || j < sb.len() {
        match (sa.get(i), sb.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
            }
            (Some(x), Some(y)) if x < y => {
                only_a.push(*x);
                i += 1;
            }
            (Some(_), Some(y)) => {
                only_b.push(*y);
                j += 1;
            }
            (Some(x), None) => {
                only_a.push(*x);
                i += 1;
            }
            (None, Some(y)) => {
                only_b.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    // Every differing word names the text's own outlet or is a number (a year in a copyright
    // line), and at least one names an outlet.
    let own = |w: &u32, set: &[u32]| set.binary_search(w).is_ok();
    let named = only_a.iter().any(|w| own(w, own_a)) || only_b.iter().any(|w| own(w, own_b));
    let number = |w: &u32| crate::shingle::is_numeric_word(*w);
    named
        && only_a.iter().all(|w| own(w, own_a) || number(w))
        && only_b.iter().all(|w| own(w, own_b) || number(w))
}

/// Removes links between texts that differ only in naming their own outlets (see
/// [`differs_only_by_own_names`]).
pub(crate) fn drop_site_templates(
    store: &CorpusStore,
    text_paras: &TextParas,
    edges: &mut Vec<Edge>,
) {
    if edges.is_empty() {
        return;
    }
    let mut outlets: Vec<OutletWords> = store
        .outlets
        .names
        .iter()
        .map(|n| OutletWords::named(n.as_deref()))
        .collect();
    for art in &store.articles {
        let o = &mut outlets[art.outlet as usize];
        if o.wants_host()
            && let Some(host) = art.meta.url.as_deref().and_then(crate::model::url_host)
        {
            o.add_host(&host);
        }
    }
    let own_words: Vec<Vec<u32>> = outlets.into_iter().map(OutletWords::finish).collect();
    let own_of = |t: TextId| -> Vec<u32> {
        let mut carriers: Vec<u32> = text_paras
            .of(t)
            .iter()
            .map(|&p| store.articles[store.article_of(p as usize)].outlet)
            .collect();
        carriers.sort_unstable();
        carriers.dedup();
        let words: Vec<&[u32]> = carriers
            .iter()
            .take(TEMPLATE_MAX_OUTLETS + 1)
            .map(|&o| own_words[o as usize].as_slice())
            .collect();
        text_own_words(&words)
    };
    let keep: Vec<bool> = edges
        .par_iter()
        .map(|e| {
            let (own_a, own_b) = (own_of(e.a), own_of(e.b));
            !differs_only_by_own_names(
                store.texts.words(e.a),
                store.texts.words(e.b),
                &own_a,
                &own_b,
            )
        })
        .collect();
    let mut i = 0;
    edges.retain(|_| {
        i += 1;
        keep[i - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_templates_are_told_apart_from_copies() {
        // "sign up for the harbor ledger newsletter" vs "sign up for the capital tribune newsletter"
        let a = [2, 4, 6, 8, 10, 12, 14];
        let b = [2, 4, 6, 8, 20, 22, 14];
        assert!(differs_only_by_own_names(&a, &b, &[10, 12], &[20, 22]));
        // A changed word that is not a name: an edit, not a template.
        let c = [2, 4, 6, 16, 20, 22, 14];
        assert!(!differs_only_by_own_names(&a, &c, &[10, 12], &[20, 22]));
        assert!(!differs_only_by_own_names(&a, &a, &[10, 12], &[10, 12]));
    }

    #[test]
    fn an_outlet_names_itself_by_its_name_and_first_hosts() {
        let mut w = OutletWords::named(Some("Harbor Ledger"));
        w.add_host("www.harborledger.example");
        let words = w.finish();
        let named = OutletWords::named(Some("harbor ledger")).finish();
        assert!(named.iter().all(|x| words.binary_search(x).is_ok()));
        assert!(words.len() > named.len());
        assert!(words.windows(2).all(|p| p[0] < p[1]));
        // Hosts stop being read once the cap is reached.
        let mut w = OutletWords::named(None);
        for i in 0..100 {
            w.add_host(&format!("site{i}.example"));
        }
        assert!(!w.wants_host());
        assert!(w.finish().len() <= OWN_WORDS_CAP + 2);
    }

    #[test]
    fn a_text_many_outlets_carry_has_no_own_words() {
        let (a, b): (&[u32], &[u32]) = (&[1, 5], &[2, 5]);
        assert_eq!(text_own_words(&[a, b]), vec![1, 2, 5]);
        let five = vec![a; TEMPLATE_MAX_OUTLETS + 1];
        assert!(text_own_words(&five).is_empty());
    }
}
