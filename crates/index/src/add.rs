//! Adding articles: their texts (new ones with their words), names, articles and outlet
//! frequencies, and excerpts of the texts that now recur, in one write.

use crate::codec::{ParaEntry, encode_paras, encode_quoted, encode_words};
use crate::lookup::IdMap;
use crate::{
    AddReport, ArticleRow, EDGE_PARAS, EXCERPT_MIN, FreqRow, Index, IndexStore, Names, ReadTexts,
    TextRef, encode_credits, excerpt,
};
use reprint_core::error::Result;
use reprint_core::model::Location;
use reprint_core::{CorpusStore, Para, TextId};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The texts the added articles use.
struct AddTexts {
    /// The index's id of each text of the store (`u32::MAX` for texts not used).
    index_id: Vec<u32>,
    /// The used texts the index does not hold yet, ascending.
    new: Vec<TextId>,
    /// Texts the index held before the add.
    n_old: u64,
}

/// One occurrence of a text in an article of a known outlet: (text, outlet, near an edge).
type Occurrence = (u32, u32, bool);

impl<S: IndexStore> Index<S> {
    /// Adds articles `range` of a filled store. `files[f]` names input file `f` (as given:
    /// the index stores it so that it resolves from anywhere); `read_texts`
    /// reads the texts of some articles again (for the excerpts of frequent paragraphs).
    /// Articles whose id the index holds are skipped and listed. Call within
    /// [`Index::begin_write`] / [`Index::commit`].
    pub fn add(
        &mut self,
        cs: &CorpusStore,
        range: Range<usize>,
        files: &[String],
        read_texts: &mut ReadTexts<'_>,
    ) -> Result<AddReport> {
        self.begin_write()?;
        let mut report = AddReport::default();
        let mut kept = Vec::new();
        for a in range {
            let id = &cs.articles[a].meta.id;
            if self.store.has_article(id)? {
                report.skipped.push(id.clone());
            } else {
                kept.push(a);
            }
        }
        let (n_articles, n_texts) = self.store.counts()?;
        let texts = self.text_ids(cs, &kept, n_texts)?;
        report.new_texts = texts.new.len() as u64;
        let (word_id, new_words) = self.add_words(cs, &texts.new)?;
        report.new_words = new_words;
        let first_carrier = self.add_texts(cs, &kept, &texts, &word_id)?;
        let files: Vec<String> = files.iter().map(|f| self.paths.stored(f)).collect();
        let occurrences = self.add_articles(cs, &kept, &files, &texts.index_id, n_articles)?;
        report.paragraphs = kept.iter().map(|&a| cs.articles[a].n_paras as u64).sum();
        report.added = kept.len() as u64;
        let recurring = self.add_frequencies(occurrences, n_texts)?;
        self.store_excerpts(cs, &recurring, &first_carrier, read_texts)?;
        Ok(report)
    }

    /// The index's id of each text the `kept` articles use: the stored text's id, or the next
    /// free ids for new texts.
    fn text_ids(&self, cs: &CorpusStore, kept: &[usize], n_texts: u64) -> Result<AddTexts> {
        let mut index_id: Vec<u32> = vec![u32::MAX; cs.texts.len()];
        let mut used: Vec<TextId> = kept
            .iter()
            .flat_map(|&a| cs.articles[a].paras().map(|p| cs.paras[p].text))
            .collect();
        used.sort_unstable();
        used.dedup();
        if n_texts > 0 && !used.is_empty() {
            let by_key: IdMap<u64, TextId> = used
                .iter()
                .map(|&t| (cs.texts.keys[t as usize], t))
                .collect();
            self.store.scan_texts(&mut |row| {
                if let Some(&t) = by_key.get(&row.key) {
                    index_id[t as usize] = row.id;
                }
                Ok(())
            })?;
        }
        let new: Vec<TextId> = used
            .iter()
            .copied()
            .filter(|&t| index_id[t as usize] == u32::MAX)
            .collect();
        for (id, &t) in (n_texts as u32..).zip(&new) {
            index_id[t as usize] = id;
        }
        Ok(AddTexts {
            index_id,
            new,
            n_old: n_texts,
        })
    }

    /// Gives the words of the `new` texts that the vocabulary lacks an id, by descending
    /// frequency (so common words get short ids). Returns every word's id and how many are new.
    fn add_words(&mut self, cs: &CorpusStore, new: &[TextId]) -> Result<(IdMap<u32, u32>, u64)> {
        let vocab = self.store.vocab()?;
        let mut word_id: IdMap<u32, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, &w)| (w, i as u32))
            .collect();
        let mut counts: IdMap<u32, u64> = IdMap::default();
        for &t in new {
            for &w in cs.texts.words(t) {
                if !word_id.contains_key(&w) {
                    *counts.entry(w).or_default() += 1;
                }
            }
        }
        let mut fresh: Vec<(u64, u32)> = counts.into_iter().map(|(w, n)| (n, w)).collect();
        fresh.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        for (i, &(_, w)) in fresh.iter().enumerate() {
            let id = (vocab.len() + i) as u32;
            self.store.add_vocab(id, w)?;
            word_id.insert(w, id);
        }
        Ok((word_id, fresh.len() as u64))
    }

    /// Counts the paragraphs carrying each text in this add, stores the new texts, and
    /// returns the first paragraph carrying each text (by index id; `u32::MAX` for none).
    fn add_texts(
        &mut self,
        cs: &CorpusStore,
        kept: &[usize],
        texts: &AddTexts,
        word_id: &IdMap<u32, u32>,
    ) -> Result<Vec<u32>> {
        let all_texts = texts.n_old as usize + texts.new.len();
        let mut uses = vec![0u32; all_texts];
        let mut first_carrier = vec![u32::MAX; all_texts];
        let mut line_quoted = vec![false; all_texts];
        for &a in kept {
            for p in cs.articles[a].paras() {
                let id = texts.index_id[cs.paras[p].text as usize] as usize;
                uses[id] += 1;
                if first_carrier[id] == u32::MAX {
                    first_carrier[id] = p as u32;
                }
                line_quoted[id] |= cs.paras[p].has(Para::LINE_QUOTED);
            }
        }
        for (id, &n) in uses[..texts.n_old as usize].iter().enumerate() {
            if n > 0 {
                self.store.count_text(id as u32, n)?;
            }
        }
        let mut blob = Vec::new();
        for &t in &texts.new {
            // Every word of a new text was just given an id.
            encode_words(
                cs.texts
                    .words(t)
                    .iter()
                    .map(|w| word_id.get(w).copied().unwrap_or(u32::MAX)),
                &mut blob,
            );
            let id = texts.index_id[t as usize];
            let n_words = cs.texts.words(t).len();
            let quoted = encode_quoted((0..n_words).map(|i| cs.texts.is_quoted(t, i)));
            self.store.add_text(TextRef {
                id,
                key: cs.texts.keys[t as usize],
                masked: cs.texts.masked[t as usize],
                n: uses[id as usize],
                line_quoted: line_quoted[id as usize],
                words: &blob,
                quoted: quoted.as_deref(),
            })?;
        }
        Ok(first_carrier)
    }

    /// Stores the `kept` articles (with their outlets and files, by name) and returns each
    /// occurrence of a text in a known outlet.
    fn add_articles(
        &mut self,
        cs: &CorpusStore,
        kept: &[usize],
        files: &[String],
        index_id: &[u32],
        n_articles: u64,
    ) -> Result<Vec<Occurrence>> {
        let outlet_ids = self.intern_names(
            Names::Outlets,
            kept.iter()
                .filter_map(|&a| cs.outlets.names[cs.articles[a].outlet as usize].as_deref()),
        )?;
        let file_ids = self.intern_names(
            Names::Files,
            kept.iter()
                .filter_map(|&a| files.get(cs.articles[a].location.file as usize))
                .map(String::as_str),
        )?;
        let mut occurrences: Vec<Occurrence> = Vec::new();
        for (i, &a) in kept.iter().enumerate() {
            let art = &cs.articles[a];
            let outlet = cs.outlets.names[art.outlet as usize]
                .as_deref()
                .and_then(|n| outlet_ids.get(&n.trim().to_lowercase()).copied());
            let entries: Vec<ParaEntry> = art
                .paras()
                .map(|p| ParaEntry {
                    text: index_id[cs.paras[p].text as usize],
                    span: cs.paras[p].span,
                    flags: cs.paras[p].flags,
                })
                .collect();
            let first = usize::from(art.title_first);
            let n = entries.len();
            if let Some(o) = outlet {
                for (j, e) in entries.iter().enumerate() {
                    let edge = j >= first && (j - first < EDGE_PARAS || n - j <= EDGE_PARAS);
                    occurrences.push((e.text, o, edge));
                }
            }
            let file = files
                .get(art.location.file as usize)
                .and_then(|f| file_ids.get(f.as_str()).copied());
            self.store.add_article(&ArticleRow {
                id: (n_articles as usize + i) as u32,
                ext_id: art.meta.id.clone(),
                outlet,
                date: art.meta.date.clone(),
                date_key: art.date_key,
                url: art.meta.url.clone(),
                file,
                line: art.location.line,
                text_len: art.text_len,
                title_first: art.title_first,
                n_paras: n as u32,
                paras: encode_paras(&entries),
                credits: encode_credits(&art.declared),
            })?;
        }
        Ok(occurrences)
    }

    /// Adds the occurrences to the outlet frequencies, in key order, and returns the texts
    /// that now recur in an outlet and have no excerpt yet.
    fn add_frequencies(
        &mut self,
        mut occurrences: Vec<Occurrence>,
        n_texts: u64,
    ) -> Result<Vec<u32>> {
        occurrences.sort_unstable();
        let rows: Vec<FreqRow> = occurrences
            .chunk_by(|x, y| (x.0, x.1) == (y.0, y.1))
            .map(|run| FreqRow {
                text: run[0].0,
                outlet: run[0].1,
                n: run.len() as u32,
                edge: run.iter().filter(|o| o.2).count() as u32,
            })
            .collect();
        drop(occurrences);
        let old_texts: Vec<u32> = {
            let mut v: Vec<u32> = rows
                .iter()
                .map(|r| r.text)
                .filter(|&t| t < n_texts as u32)
                .collect();
            v.dedup();
            v
        };
        let old: HashMap<(u32, u32), u32> = self
            .store
            .freq(&old_texts)?
            .into_iter()
            .map(|r| ((r.text, r.outlet), r.n))
            .collect();
        let mut recurring: Vec<u32> = Vec::new();
        for r in &rows {
            self.store.add_freq(r)?;
            let before = old.get(&(r.text, r.outlet)).copied().unwrap_or(0);
            if before < EXCERPT_MIN && before + r.n >= EXCERPT_MIN {
                recurring.push(r.text);
            }
        }
        recurring.dedup();
        let have: HashSet<u32> = self
            .store
            .excerpts(&recurring)?
            .into_iter()
            .map(|(t, _)| t)
            .collect();
        recurring.retain(|t| !have.contains(t));
        Ok(recurring)
    }

    /// Ids of names, appending the new ones; keys are lower-cased for outlets.
    fn intern_names<'n>(
        &mut self,
        kind: Names,
        names: impl Iterator<Item = &'n str>,
    ) -> Result<HashMap<String, u32>> {
        let norm = |n: &str| match kind {
            Names::Outlets => n.trim().to_lowercase(),
            Names::Files => n.to_string(),
        };
        let stored = self.store.names(kind)?;
        let mut ids: HashMap<String, u32> = stored
            .iter()
            .enumerate()
            .map(|(i, n)| (norm(n), i as u32))
            .collect();
        let mut next = stored.len() as u32;
        for n in names {
            if let std::collections::hash_map::Entry::Vacant(slot) = ids.entry(norm(n)) {
                let shown = if kind == Names::Outlets { n.trim() } else { n };
                self.store.add_name(kind, next, shown)?;
                slot.insert(next);
                next += 1;
            }
        }
        Ok(ids)
    }

    /// Stores the excerpts of `texts`, read again from the first paragraph carrying each.
    fn store_excerpts(
        &mut self,
        cs: &CorpusStore,
        texts: &[u32],
        first_carrier: &[u32],
        read_texts: &mut ReadTexts<'_>,
    ) -> Result<()> {
        let wanted: Vec<(u32, usize)> = texts
            .iter()
            .filter_map(|&t| {
                let p = *first_carrier.get(t as usize)?;
                (p != u32::MAX).then_some((t, p as usize))
            })
            .collect();
        let mut locs: Vec<(usize, Location)> = wanted
            .iter()
            .map(|&(_, p)| {
                let a = cs.article_of(p);
                (a, cs.articles[a].location.clone())
            })
            .collect();
        locs.sort_by_key(|l| l.0);
        locs.dedup_by_key(|l| l.0);
        if locs.is_empty() {
            return Ok(());
        }
        let loaded = read_texts(&locs);
        for (t, p) in wanted {
            let a = cs.article_of(p);
            if let Some(text) = loaded.get(&a).and_then(|s| cs.paras[p].span.slice(s)) {
                self.store.set_excerpt(t, &excerpt(text))?;
            }
        }
        Ok(())
    }
}
