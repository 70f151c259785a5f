//! The compact, in-memory record of a corpus that the stages after fingerprinting work on.
//!
//! Memory is bounded by fingerprints, not text: each *distinct* normalized paragraph text is
//! kept once, as 32-bit word hashes plus its keys and band keys; each paragraph keeps only its
//! byte range, word count and which distinct text it is. Article texts are not kept: reports
//! that quote text read it again from the corpus.

use crate::config::KeyBits;
use crate::keys::{BandKeys, FingerprintKey};
use crate::model::dates::order_key;
use crate::model::{ArticleIdx, ArticleMeta, ByteSpan, Location, Member, ParaIdx};
use std::collections::HashMap;

/// A hasher for keys that are already uniformly distributed 64-bit hashes (exact keys): it
/// passes them through instead of hashing them again. In-memory only, never persisted.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct PrehashedHasher(u64);

impl std::hash::Hasher for PrehashedHasher {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
    /// 32-bit word hashes: spread over all 64 bits with one multiply (the table indexes by the
    /// low bits and tags by the high ones).
    fn write_u32(&mut self, x: u32) {
        self.0 = (x as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by 64-bit hashes.
pub(crate) type PrehashedMap<V> = HashMap<u64, V, std::hash::BuildHasherDefault<PrehashedHasher>>;

/// Index of a distinct normalized paragraph text.
pub type TextId = u32;

/// Distinct normalized paragraph texts, their words and fingerprints.
#[derive(Debug, Default)]
pub struct TextStore {
    /// Exact key per text.
    pub keys: Vec<u64>,
    /// Masked key per text (0 when the text is not short enough to be matched that way).
    pub masked: Vec<u64>,
    /// Simhash per text.
    pub simhash: Vec<u64>,
    /// Start of each text's words in `arena`; one more entry than texts.
    word_start: Vec<u64>,
    /// Word hashes (upper 32 bits of the 64-bit word hash) of all texts, back to back.
    arena: Vec<u32>,
    /// LSH band keys, `bands` per text (texts without bands hold zeros and `has_bands` false),
    /// at the configured width.
    band_keys: BandKeys,
    /// Whether a text has band keys (long enough for MinHash).
    pub has_bands: Vec<bool>,
    /// Bands per text.
    pub bands: usize,
    /// One bit per word of `arena`: whether the word sits between quotation marks.
    quoted: Vec<u64>,
    by_key: PrehashedMap<TextId>,
}

impl TextStore {
    /// An empty store for `bands` 32-bit band keys per text.
    pub fn new(bands: usize) -> TextStore {
        TextStore::with_key_bits(bands, KeyBits::B32)
    }

    /// An empty store for `bands` band keys per text of width `key_bits`.
    pub fn with_key_bits(bands: usize, key_bits: KeyBits) -> TextStore {
        TextStore {
            word_start: vec![0],
            bands,
            band_keys: BandKeys::empty(key_bits),
            ..TextStore::default()
        }
    }

    /// The width of the store's fingerprint keys: its band keys, and the span fingerprints
    /// made from its texts.
    pub fn key_bits(&self) -> KeyBits {
        self.band_keys.bits()
    }

    /// All band keys, `bands` per text.
    pub fn band_keys(&self) -> &BandKeys {
        &self.band_keys
    }

    /// Number of distinct texts.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The text with this exact key, if stored.
    pub fn find(&self, key: u64) -> Option<TextId> {
        self.by_key.get(&key).copied()
    }

    /// Stores a new text (the caller has checked [`TextStore::find`]) and returns its id.
    pub fn push(&mut self, key: u64, masked: u64, words: &[u32]) -> TextId {
        self.push_with_quotes(key, masked, words, &[])
    }

    /// Like [`TextStore::push`], with whether each word sits between quotation marks
    /// (`quoted` may be empty: none does).
    pub fn push_with_quotes(
        &mut self,
        key: u64,
        masked: u64,
        words: &[u32],
        quoted: &[bool],
    ) -> TextId {
        let base = self.arena.len();
        for (i, &q) in quoted.iter().enumerate() {
            if q {
                let bit = base + i;
                if self.quoted.len() <= bit / 64 {
                    self.quoted.resize(bit / 64 + 1, 0);
                }
                self.quoted[bit / 64] |= 1 << (bit % 64);
            }
        }
        let id = self.keys.len() as TextId;
        self.keys.push(key);
        self.masked.push(masked);
        self.simhash.push(0);
        self.arena.extend_from_slice(words);
        self.word_start.push(self.arena.len() as u64);
        self.band_keys.grow(self.bands);
        self.has_bands.push(false);
        self.by_key.insert(key, id);
        id
    }

    /// The words of a text.
    pub fn words(&self, id: TextId) -> &[u32] {
        let i = id as usize;
        &self.arena[self.word_start[i] as usize..self.word_start[i + 1] as usize]
    }

    /// Whether word `i` of a text sits between quotation marks.
    pub fn is_quoted(&self, id: TextId, i: usize) -> bool {
        let bit = self.word_start[id as usize] as usize + i;
        self.quoted
            .get(bit / 64)
            .is_some_and(|w| w >> (bit % 64) & 1 == 1)
    }

    /// The band keys of a text; `K` is the store's width ([`TextStore::key_bits`]).
    ///
    /// # Panics
    ///
    /// When `K` is not the store's width.
    pub fn bands_of<K: FingerprintKey>(&self, id: TextId) -> &[K] {
        let i = id as usize * self.bands;
        &self.keys_of_width::<K>()[i..i + self.bands]
    }

    /// The band keys as `K`, which must be the store's width.
    fn keys_of_width<K: FingerprintKey>(&self) -> &[K] {
        K::of_band_keys(&self.band_keys).unwrap_or_else(|| {
            panic!(
                "{}-bit band keys asked of a store of {}-bit keys",
                K::BITS,
                self.key_bits()
            )
        })
    }

    /// Sets a text's fingerprints once computed; `K` is the store's width.
    ///
    /// # Panics
    ///
    /// When `K` is not the store's width.
    pub fn set_fingerprints<K: FingerprintKey>(
        &mut self,
        id: TextId,
        simhash: u64,
        bands: Option<&[K]>,
    ) {
        let i = id as usize;
        self.simhash[i] = simhash;
        if let Some(b) = bands {
            let width = self.key_bits();
            let keys = K::of_band_keys_mut(&mut self.band_keys).unwrap_or_else(|| {
                panic!(
                    "{}-bit band keys given to a store of {width}-bit keys",
                    K::BITS
                )
            });
            keys[i * self.bands..(i + 1) * self.bands].copy_from_slice(b);
            self.has_bands[i] = true;
        }
    }

    /// Frees the band keys once candidates are generated: at a million texts they are a
    /// hundred megabytes no later stage reads. Texts added afterwards get none. The width
    /// stays: span fingerprints are made at it.
    pub fn drop_bands(&mut self) {
        self.band_keys = BandKeys::empty(self.key_bits());
        self.bands = 0;
        self.has_bands.iter_mut().for_each(|b| *b = false);
    }

    /// Drops the key index (not needed once the corpus is read).
    pub fn seal(&mut self) {
        self.by_key = PrehashedMap::default();
        self.arena.shrink_to_fit();
    }

    /// Rebuilds the key index dropped by [`TextStore::seal`], so that more texts can be added.
    pub fn unseal(&mut self) {
        if self.by_key.len() != self.keys.len() {
            self.by_key = self
                .keys
                .iter()
                .enumerate()
                .map(|(i, &k)| (k, i as TextId))
                .collect();
        }
    }

    /// Approximate heap bytes held, for diagnostics.
    pub fn heap_bytes(&self) -> usize {
        self.keys.capacity() * 8 * 3
            + self.word_start.capacity() * 8
            + self.arena.capacity() * 4
            + self.band_keys.heap_bytes()
            + self.has_bands.capacity()
            + self.by_key.capacity() * 16
    }
}

/// The paragraphs carrying each distinct text (a compressed index: offsets into one list).
#[derive(Debug, Default)]
pub struct TextParas {
    offsets: Vec<u32>,
    paras: Vec<u32>,
}

impl TextParas {
    /// Builds the index from the paragraph list.
    pub fn build(paras: &[Para], n_texts: usize) -> TextParas {
        let mut offsets = vec![0u32; n_texts + 1];
        for p in paras {
            offsets[p.text as usize + 1] += 1;
        }
        for i in 0..n_texts {
            offsets[i + 1] += offsets[i];
        }
        let mut fill = offsets.clone();
        let mut list = vec![0u32; paras.len()];
        for (i, p) in paras.iter().enumerate() {
            let slot = &mut fill[p.text as usize];
            list[*slot as usize] = i as u32;
            *slot += 1;
        }
        TextParas {
            offsets,
            paras: list,
        }
    }

    /// The paragraphs carrying text `t`, ascending.
    pub fn of(&self, t: TextId) -> &[u32] {
        &self.paras[self.offsets[t as usize] as usize..self.offsets[t as usize + 1] as usize]
    }
}

/// One paragraph of the corpus.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Para {
    /// Its bytes in the article's text.
    pub span: ByteSpan,
    /// Its normalized text.
    pub text: TextId,
    /// Words in it.
    pub words: u32,
    /// Layout facts about it ([`Para::SIGNATURE`], [`Para::LINE_QUOTED`]).
    pub flags: u8,
    /// Site-junk signals found in its text when it was read (names:
    /// [`crate::junk_signal_names`]; 0 when none fired or the text was not read).
    pub junk: u32,
}

impl Para {
    /// The paragraph opens with a signature delimiter line (`-- `), as mail and Usenet posts
    /// mark the sender's signature.
    pub const SIGNATURE: u8 = 1;
    /// At least half of the paragraph's lines are quoted with `>` (a reply quoting another
    /// post, often after its attribution line).
    pub const LINE_QUOTED: u8 = 2;
    /// The paragraph opens with a reply's attribution line naming a mail address ("In article
    /// <…@…>, bob@example.org (Bob) writes:", "Ann <ann@example.org> wrote:").
    pub const ATTRIBUTION: u8 = 4;

    /// Whether a flag is set.
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Paragraphs from the end of an article among which a signature delimiter makes it a post.
const SIGNATURE_TAIL: usize = 4;

/// Whether an article, given its paragraphs' flags in order, is shaped as a mail or Usenet
/// post rather than a scraped page: it quotes with `>`, has a reply's attribution line, or
/// ends in a signature (a delimiter among its last paragraphs). The site-junk rules judge the
/// lines of scraped pages and leave posts alone: a post's separators, bare addresses and
/// sign-offs are the poster's, and its signature is found as a signature.
pub(crate) fn mail_shaped(flags: impl ExactSizeIterator<Item = u8>) -> bool {
    let n = flags.len();
    flags.enumerate().any(|(i, f)| {
        f & (Para::LINE_QUOTED | Para::ATTRIBUTION) != 0
            || (f & Para::SIGNATURE != 0 && i + SIGNATURE_TAIL >= n)
    })
}

/// One article of the corpus, without its text.
#[derive(Clone, Debug)]
pub struct ArticleRecord {
    /// Id, outlet, date, title, URL as read.
    pub meta: ArticleMeta,
    /// Where to read it again.
    pub location: Location,
    /// Its outlet (articles of unknown outlet get one of their own).
    pub outlet: u32,
    /// Seconds since 1970 of its date, when the date parses.
    pub date_key: Option<i64>,
    /// Bytes of its text.
    pub text_len: u32,
    /// Index of its first paragraph in [`CorpusStore`]'s paragraph list.
    pub first_para: u32,
    /// Number of paragraphs.
    pub n_paras: u32,
    /// Words in all its paragraphs.
    pub words: u32,
    /// Whether paragraph 0 is the title line (`.txt` input).
    pub title_first: bool,
    /// Provenance the article declares about itself.
    pub declared: Vec<crate::model::Declaration>,
}

impl ArticleRecord {
    /// The range of its paragraphs in the paragraph list.
    pub fn paras(&self) -> std::ops::Range<usize> {
        self.first_para as usize..(self.first_para + self.n_paras) as usize
    }

    /// Its paragraph number `j` (from 0) as a corpus-wide index.
    pub fn para(&self, j: u32) -> ParaIdx {
        ParaIdx(self.first_para + j)
    }
}

/// Outlet names, interned; an article of unknown outlet gets a private outlet id.
#[derive(Debug, Default)]
pub struct Outlets {
    /// Name per outlet id (`None` for an unknown outlet).
    pub names: Vec<Option<String>>,
    by_name: HashMap<String, u32>,
}

impl Outlets {
    /// The id of a named outlet, or a fresh id for an unknown one.
    pub fn intern(&mut self, name: Option<&str>) -> u32 {
        match name {
            Some(n) => {
                let key = Outlets::key(n);
                if let Some(&id) = self.by_name.get(&key) {
                    return id;
                }
                let id = self.names.len() as u32;
                self.names.push(Some(n.trim().to_string()));
                self.by_name.insert(key, id);
                id
            }
            None => {
                self.names.push(None);
                (self.names.len() - 1) as u32
            }
        }
    }

    /// What names one outlet: every spelling of a name that differs only in case and in
    /// the spaces around it is the same outlet.
    pub fn key(name: &str) -> String {
        name.trim().to_lowercase()
    }

    /// Number of outlets.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// Everything the pass over the corpus records.
#[derive(Debug)]
pub struct CorpusStore {
    /// Articles in input order.
    pub articles: Vec<ArticleRecord>,
    /// All paragraphs, article after article.
    pub paras: Vec<Para>,
    /// Distinct paragraph texts.
    pub texts: TextStore,
    /// Outlets.
    pub outlets: Outlets,
    /// Span fingerprints (see [`crate::Winnowing`]) counted outside the store, with how many
    /// paragraphs there carry them (e.g. in an index's history): a phrase common there is a
    /// common phrase here too. Empty for a plain audit.
    /// Keyed by the fingerprint zero-extended to 64 bits (see
    /// [`crate::FingerprintKey::widen`]), whatever the width.
    pub outside_phrases: HashMap<u64, u32>,
    /// The article of each paragraph: the later stages ask for millions of paragraphs, and a
    /// binary search over the articles is a chain of cache misses on a large corpus.
    para_article: Vec<u32>,
}

impl CorpusStore {
    /// An empty store of 32-bit fingerprint keys.
    pub fn new(bands: usize) -> CorpusStore {
        CorpusStore::with_key_bits(bands, KeyBits::B32)
    }

    /// An empty store of fingerprint keys of width `key_bits`.
    pub fn with_key_bits(bands: usize, key_bits: KeyBits) -> CorpusStore {
        CorpusStore {
            articles: Vec::new(),
            paras: Vec::new(),
            texts: TextStore::with_key_bits(bands, key_bits),
            outlets: Outlets::default(),
            outside_phrases: HashMap::new(),
            para_article: Vec::new(),
        }
    }

    /// Whether article `x` comes before `y` in provenance order: dated before undated, then
    /// by date, id and input order.
    pub fn earlier(&self, x: u32, y: u32) -> bool {
        let (ax, ay) = (&self.articles[x as usize], &self.articles[y as usize]);
        (order_key(ax.date_key, &ax.meta.id), x) < (order_key(ay.date_key, &ay.meta.id), y)
    }

    /// A finding member for bytes `span` of corpus-wide paragraph `p`, with the paragraph
    /// numbered within its article.
    pub fn member(&self, p: usize, span: ByteSpan) -> Member {
        let (article, j) = self.locate(ParaIdx(p as u32));
        Member {
            article,
            paragraph: Some(j),
            span,
        }
    }

    /// The article of corpus-wide paragraph `p` and the paragraph's number within it: the one
    /// conversion from the corpus-wide index to what reports print.
    pub fn locate(&self, p: ParaIdx) -> (ArticleIdx, u32) {
        let art = self.article_of(p.get());
        (ArticleIdx(art as u32), p.0 - self.articles[art].first_para)
    }

    /// Leaves a mail corpus alone: when a third or more of its articles are shaped as mail or
    /// Usenet posts (`mail_shaped`), it is an archive of posts, not of scraped pages, and the
    /// site-junk signals of all its paragraphs are dropped (its posts without quotes or a
    /// signature are posts too). Returns whether it did.
    pub fn leave_mail_alone(&mut self) -> bool {
        let posts = self
            .articles
            .iter()
            .filter(|a| mail_shaped(self.paras[a.paras()].iter().map(|p| p.flags)))
            .count();
        let mail = posts > 0 && posts * 3 >= self.articles.len();
        if mail {
            self.paras.iter_mut().for_each(|p| p.junk = 0);
        }
        mail
    }

    /// Words of each article, counting only the paragraphs `keep` accepts.
    pub fn article_words(&self, keep: impl Fn(usize) -> bool) -> Vec<u32> {
        self.articles
            .iter()
            .map(|a| {
                a.paras()
                    .filter(|&p| keep(p))
                    .map(|p| self.paras[p].words)
                    .sum()
            })
            .collect()
    }

    /// The article a paragraph belongs to.
    pub fn article_of(&self, para: usize) -> usize {
        match self.para_article.get(para) {
            Some(&a) if self.para_article.len() == self.paras.len() => a as usize,
            _ => {
                self.articles
                    .partition_point(|a| a.first_para as usize <= para)
                    - 1
            }
        }
    }

    /// Ends reading: drops the text key index and the spare capacity of the vectors that grew
    /// while reading.
    pub fn seal(&mut self) {
        self.texts.seal();
        self.paras.shrink_to_fit();
        self.articles.shrink_to_fit();
        self.para_article.shrink_to_fit();
    }

    /// Records that the paragraphs added since the last call belong to the last article
    /// (called after each article is pushed).
    pub fn index_last_article(&mut self) {
        let a = self.articles.len().saturating_sub(1) as u32;
        self.para_article.resize(self.paras.len(), a);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of `n` paragraphs from `first_para`, a word each.
    fn record(first_para: u32, n: u32) -> ArticleRecord {
        ArticleRecord {
            meta: crate::model::ArticleMeta::default(),
            location: crate::model::Location { file: 0, line: 0 },
            outlet: 0,
            date_key: None,
            text_len: 1,
            first_para,
            n_paras: n,
            words: n,
            title_first: false,
            declared: Vec::new(),
        }
    }

    #[test]
    fn texts_are_stored_once_with_their_words() {
        let mut s = TextStore::new(2);
        let a = s.push(11, 0, &[1, 2, 3]);
        let b = s.push(22, 5, &[4]);
        assert_eq!(s.find(11), Some(a));
        assert_eq!(s.words(a), &[1, 2, 3]);
        assert_eq!(s.words(b), &[4]);
        s.set_fingerprints(b, 9, Some(&[7u32, 8]));
        assert_eq!(s.bands_of::<u32>(b), &[7, 8]);
        assert!(!s.has_bands[a as usize] && s.has_bands[b as usize]);
        s.seal();
        assert_eq!(s.find(22), None);
        s.unseal();
        assert_eq!(s.find(22), Some(b));
    }

    #[test]
    fn paragraphs_know_their_article_with_or_without_the_table() {
        let mut s = CorpusStore::new(2);
        let para = Para {
            span: crate::model::ByteSpan::new(0, 1),
            text: 0,
            words: 1,
            flags: 0,
            junk: 0,
        };
        // Three articles of 2, 0 and 3 paragraphs.
        for n in [2u32, 0, 3] {
            let first_para = s.paras.len() as u32;
            s.paras.extend(std::iter::repeat_n(para, n as usize));
            s.articles.push(record(first_para, n));
            s.index_last_article();
        }
        let by_table: Vec<usize> = (0..5).map(|p| s.article_of(p)).collect();
        assert_eq!(by_table, [0, 0, 2, 2, 2]);
        // A paragraph pushed without indexing falls back to the binary search.
        s.paras.push(para);
        s.articles.last_mut().unwrap().n_paras += 1;
        assert_eq!(s.article_of(5), 2);
        assert_eq!(s.article_of(1), 0);
    }

    #[test]
    fn unknown_outlets_are_their_own() {
        let mut o = Outlets::default();
        let a = o.intern(Some("CNN"));
        assert_eq!(o.intern(Some(" cnn ")), a);
        assert_ne!(o.intern(None), o.intern(None));
    }

    #[test]
    fn posts_are_told_from_pages_by_their_shape() {
        let (q, a, sig) = (Para::LINE_QUOTED, Para::ATTRIBUTION, Para::SIGNATURE);
        assert!(mail_shaped([a, q, 0, 0].into_iter()));
        assert!(mail_shaped([0, 0, 0, sig, 0].into_iter()));
        // A lone "--" early in a long page is a separator, not a signature.
        assert!(!mail_shaped([0, sig, 0, 0, 0, 0, 0].into_iter()));
        assert!(!mail_shaped([0, 0, 0].into_iter()));
    }

    #[test]
    fn a_corpus_of_posts_drops_its_junk_signals() {
        let para = |flags: u8| Para {
            span: crate::model::ByteSpan::new(0, 1),
            text: 0,
            words: 1,
            flags,
            junk: 1,
        };
        let build = |articles: &[&[u8]]| {
            let mut s = CorpusStore::new(2);
            for flags in articles {
                let first_para = s.paras.len() as u32;
                s.paras.extend(flags.iter().map(|&f| para(f)));
                s.articles.push(record(first_para, flags.len() as u32));
                s.index_last_article();
            }
            s
        };
        // Two posts (a reply, a signed post) and an unsigned post: a mail archive.
        let mut s = build(&[
            &[Para::ATTRIBUTION, Para::LINE_QUOTED, 0],
            &[0, Para::SIGNATURE],
            &[0, 0],
        ]);
        assert!(s.leave_mail_alone());
        assert!(s.paras.iter().all(|p| p.junk == 0));
        // One reply among five scraped pages: the pages keep their signals.
        let mut s = build(&[&[Para::LINE_QUOTED], &[0], &[0], &[0], &[0], &[0]]);
        assert!(!s.leave_mail_alone());
        assert!(s.paras.iter().all(|p| p.junk == 1));
    }
}
