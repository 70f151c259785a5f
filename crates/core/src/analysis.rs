//! The outcome of an audit ([`Analysis`]) and what the run measured about itself
//! ([`RunStats`], [`Timings`]): what the renderers, `clean`, `check` and eval read. Built by
//! [`crate::pipeline`].

use crate::classify::Classification;
use crate::cluster::Clusters;
use crate::config::Config;
use crate::error::RecordError;
use crate::model::{FindingKind, PerKind};
use crate::provenance::derive::CorpusProvenance;
use crate::store::{CorpusStore, TextParas};
use crate::verify::VerifyStats;

/// Wall time per stage, in seconds, in the order the stages first ran, with the process's
/// peak resident memory when the stage last ended. While reading, each batch's `merge` and
/// `minhash` run during the next batch's `decode+hash`, whose time includes them.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// `(stage, seconds, peak resident MiB)`.
    pub stages: Vec<(&'static str, f64, u64)>,
}

impl Timings {
    /// Adds time to a stage.
    pub fn add(&mut self, stage: &'static str, since: std::time::Instant) {
        let secs = since.elapsed().as_secs_f64();
        let rss = resident_mib();
        match self.stages.iter_mut().find(|s| s.0 == stage) {
            Some(s) => {
                s.1 += secs;
                s.2 = rss;
            }
            None => self.stages.push((stage, secs, rss)),
        }
    }
}

/// Peak resident memory of this process so far in MiB (Linux; 0 elsewhere), for `--timings`:
/// the stage during which it grows is the one that needs the memory.
pub(crate) fn resident_mib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmHWM:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        })
        .map_or(0, |kib| kib >> 10)
}

/// Counts and diagnostics of a run.
#[derive(Clone, Debug, Default)]
pub struct RunStats {
    /// Where the time went.
    pub timings: Timings,
    /// Distinct paragraph texts.
    pub distinct_texts: u64,
    /// Pairs of short texts equal up to numbers.
    pub masked_pairs: u64,
    /// What verification did.
    pub verify: VerifyStats,
    /// Approximate bytes held by the fingerprint store.
    pub store_bytes: u64,
    /// Candidate buckets larger than `verify.max_bucket_pairs`, linked as a chain and a star
    /// instead of all their pairs.
    pub big_buckets: u64,
    /// Text pairs whose shared-run search was capped on a much repeated shingle
    /// ([`crate::spans::MAX_SEEDS`]).
    pub span_pairs_capped: u64,
    /// What passage alignment did.
    pub align: crate::align::AlignStats,
    /// Text pairs the shared-run search compared.
    pub span_candidates: u64,
}

/// The work each stage did, counted in what its cost grows with: measured on a sample, they
/// project the cost of a larger corpus. Every count is a sum, the same whatever `--jobs`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counters {
    /// Text pairs sharing an LSH band key.
    pub lsh_candidate_pairs: u64,
    /// Pairs of short texts equal up to numbers.
    pub masked_pairs: u64,
    /// Candidate pairs verified as near-duplicates: the edges of the cluster graph.
    pub verified_edges: u64,
    /// Text pairs compared by the shared-run search.
    pub span_candidate_pairs: u64,
    /// Candidate buckets over `verify.max_bucket_pairs`, linked as a chain.
    pub capped_buckets: u64,
}

impl RunStats {
    /// The work counters of the run.
    pub fn counters(&self) -> Counters {
        Counters {
            lsh_candidate_pairs: self.verify.candidates,
            masked_pairs: self.masked_pairs,
            verified_edges: self.verify.accepted,
            span_candidate_pairs: self.span_candidates,
            capped_buckets: self.big_buckets,
        }
    }

    /// One sentence per cap that was hit during the run, for the user to see: a cap keeps
    /// time bounded on pathological input, and the results may be less complete because of it.
    pub fn cap_warnings(&self, config: &Config) -> Vec<String> {
        let mut out = Vec::new();
        if self.verify.edit_capped > 0 {
            out.push(format!(
                "{} candidate pairs longer than {} words were judged on shingle Jaccard alone, \
                 without the word edit similarity (verify.max_edit_words)",
                self.verify.edit_capped, config.verify.max_edit_words
            ));
        }
        if self.big_buckets > 0 {
            out.push(format!(
                "{} candidate buckets held more than {} distinct texts and were linked as a \
                 chain instead of all their pairs; some near-duplicate pairs inside them may \
                 be missed (verify.max_bucket_pairs)",
                self.big_buckets, config.verify.max_bucket_pairs
            ));
        }
        if self.span_pairs_capped > 0 {
            out.push(format!(
                "{} paragraph pairs with a word sequence repeated more than {} times were \
                 searched for shared runs from its first and last occurrences only",
                self.span_pairs_capped,
                crate::spans::MAX_SEEDS
            ));
        }
        if self.align.capped_pairs > 0 {
            out.push(format!(
                "{} paragraph pairs needed more than {} cells of alignment work and were \
                 aligned in part; passages in the rest of them may be missed (align.max_cells)",
                self.align.capped_pairs, config.align.max_cells
            ));
        }
        out
    }
}

/// The outcome of an audit.
#[derive(Debug)]
pub struct Analysis {
    /// Articles, paragraphs and fingerprints.
    pub store: CorpusStore,
    /// Paragraph clusters.
    pub clusters: Clusters,
    /// Kinds, findings, article links.
    pub classification: Classification,
    /// Copied-from lists, aggregator outlets, contradictions.
    pub provenance: CorpusProvenance,
    /// Files and records that could not be read.
    pub errors: Vec<RecordError>,
    /// Diagnostics.
    pub stats: RunStats,
    /// Which paragraphs carry each distinct text, and its cluster: built once after
    /// clustering for the stages that follow (spans, aligned passages), and emptied after them.
    pub tables: TextTables,
}

/// Per distinct text: the paragraphs carrying it and its near-duplicate cluster.
#[derive(Debug, Default)]
pub struct TextTables {
    /// The paragraphs carrying each text.
    pub paras: TextParas,
    /// The cluster of each text (`u32::MAX` for none).
    pub cluster: Vec<u32>,
}

impl TextTables {
    /// The tables of `store` clustered as `clusters`, given its text → paragraphs index.
    pub fn with_paras(paras: TextParas, store: &CorpusStore, clusters: &Clusters) -> TextTables {
        let mut cluster = vec![u32::MAX; store.texts.len()];
        for (p, para) in store.paras.iter().enumerate() {
            if let Some(c) = clusters.of(p) {
                cluster[para.text as usize] = c;
            }
        }
        TextTables { paras, cluster }
    }
}

impl Analysis {
    /// Words per kind, over paragraphs carrying it.
    pub fn words_by_kind(&self) -> PerKind<u64> {
        let mut out = PerKind::default();
        for (p, k) in self.classification.para_kinds.iter().enumerate() {
            for kind in k.iter() {
                out[kind] += self.store.paras[p].words as u64;
            }
        }
        out
    }

    /// Paragraphs per kind.
    pub fn paragraphs_by_kind(&self) -> PerKind<u64> {
        let mut out = PerKind::default();
        for k in &self.classification.para_kinds {
            for kind in k.iter() {
                out[kind] += 1;
            }
        }
        out
    }

    /// Findings per kind.
    pub fn findings_by_kind(&self) -> PerKind<u64> {
        let mut out = PerKind::default();
        for f in &self.classification.findings {
            out[f.kind] += 1;
        }
        out
    }

    /// Words in paragraphs carrying any kind.
    pub fn flagged_words(&self) -> u64 {
        self.classification
            .para_kinds
            .iter()
            .zip(&self.store.paras)
            .filter(|(k, _)| !k.is_empty())
            .map(|(_, p)| p.words as u64)
            .sum()
    }

    /// Total words.
    pub fn total_words(&self) -> u64 {
        self.store.paras.iter().map(|p| p.words as u64).sum()
    }

    /// The outlet name of an article (`None` when unknown).
    pub fn outlet_name(&self, article: usize) -> Option<&str> {
        self.store.outlets.names[self.store.articles[article].outlet as usize].as_deref()
    }

    /// Whether any paragraph carries `kind`.
    pub fn has(&self, kind: FindingKind) -> bool {
        self.classification.findings.iter().any(|f| f.kind == kind)
    }
}
