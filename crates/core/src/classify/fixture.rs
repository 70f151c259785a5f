//! Small made-up corpora for the rules' tests.

use super::cues::Lexicon;
use crate::cluster::Clusters;
use crate::model::{ArticleMeta, ByteSpan, Location};
use crate::store::{ArticleRecord, CorpusStore, Para, TextId};

/// A store of articles given as `(outlet, paragraphs)`, each paragraph as its word ids (odd
/// ids are numbers). Equal paragraphs share a text; article `i` is dated `i` days after 1970,
/// so earlier articles come first.
pub(crate) fn store(articles: &[(u32, &[&[u32]])]) -> CorpusStore {
    let mut s = CorpusStore::new(0);
    let outlets = articles.iter().map(|a| a.0).max().map_or(0, |m| m + 1);
    for o in 0..outlets {
        s.outlets.intern(Some(&format!("outlet{o}")));
    }
    for (i, (outlet, paras)) in articles.iter().enumerate() {
        let first_para = s.paras.len() as u32;
        let mut at = 0usize;
        for words in paras.iter() {
            let key =
                crate::fingerprint::exact_key(&words.iter().map(|&w| w as u64).collect::<Vec<_>>());
            let text: TextId = match s.texts.find(key) {
                Some(t) => t,
                None => s.texts.push(key, 0, words),
            };
            let len = words.len() * 5;
            s.paras.push(Para {
                span: ByteSpan::new(at, at + len),
                text,
                words: words.len() as u32,
                flags: 0,
                junk: 0,
            });
            at += len + 2;
        }
        s.articles.push(ArticleRecord {
            meta: ArticleMeta {
                id: format!("a{i}"),
                ..ArticleMeta::default()
            },
            location: Location { file: 0, line: 0 },
            outlet: *outlet,
            date_key: Some(i as i64 * 86_400),
            text_len: at as u32,
            first_para,
            n_paras: paras.len() as u32,
            words: paras.iter().map(|p| p.len() as u32).sum(),
            title_first: false,
            declared: Vec::new(),
        });
        s.index_last_article();
    }
    s
}

/// The clusters of equal paragraphs.
pub(crate) fn clusters(store: &CorpusStore) -> Clusters {
    clusters_linking(store, &[])
}

/// The clusters of equal paragraphs and of the texts `links` joins.
pub(crate) fn clusters_linking(store: &CorpusStore, links: &[(TextId, TextId)]) -> Clusters {
    Clusters::build(&store.paras, store.texts.len(), links.iter().copied())
}

/// The built-in cue lexicon.
pub(crate) fn lexicon() -> Lexicon {
    Lexicon::builtin()
}
