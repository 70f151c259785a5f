//! Where the stages meet: read → segment → normalize → shingle → fingerprint → candidates →
//! verify → cluster → classify → provenance → spans → aligned passages. Each call below is one stage, timed; the
//! stages themselves live in their modules, and nothing here decides anything about text.

use crate::analysis::{Analysis, RunStats, TextTables, Timings};
use crate::candidates::{lsh_pairs_counted, masked_pairs_counted};
use crate::classify::{ClusterScore, classify};
use crate::cluster::Clusters;
use crate::corpus::{Corpus, FieldNames, for_each_text};
use crate::engine::Engine;
use crate::error::{Error, RecordError};
use crate::ingest::{ReadEvent, ingest_events, ingest_timed};
use crate::matching::{Links, Matches, Resolved, resolve};
use crate::model::FindingKind;
use crate::progress::Progress;
use crate::provenance::credits::shared_credit_findings;
use crate::site_template::drop_site_templates;
use crate::spans::place::run_findings;
use crate::store::{CorpusStore, TextId, TextParas};
use crate::verify::{Edge, verify};

/// The whole audit: read, fingerprint, match, cluster, classify, place shared spans.
pub fn analyze(corpus: &Corpus, engine: &Engine, progress: &dyn Progress) -> Analysis {
    let read = ingest_timed(corpus, engine, progress);
    analyze_read(read, None, corpus, engine, progress)
}

/// The whole audit of a corpus whose records were read and prepared elsewhere
/// ([`crate::prepare_events`], in parts): the events of every file, in input order. The
/// corpus is still read again to place shared spans in bytes. Gives the same analysis as
/// [`analyze`] on the corpus the events came from.
pub fn analyze_events(
    corpus: &Corpus,
    engine: &Engine,
    events: impl IntoIterator<Item = ReadEvent>,
    progress: &dyn Progress,
) -> Analysis {
    let read = ingest_events(corpus, engine, events, true, progress);
    analyze_read(read, None, corpus, engine, progress)
}

/// [`analyze_events`] with the matching stages run elsewhere too ([`crate::matching`]): the
/// candidate pairs, their verification and the masked pairs are taken from `matches` instead
/// of being found in the store. Gives the same analysis when `matches` holds what those
/// stages find in the corpus; a match naming a text the corpus does not hold is an error.
pub fn analyze_events_matched(
    corpus: &Corpus,
    engine: &Engine,
    events: impl IntoIterator<Item = ReadEvent>,
    matches: Matches,
    progress: &dyn Progress,
) -> Result<Analysis, Error> {
    // The band keys served the matching stages, which ran elsewhere.
    let read = ingest_events(corpus, engine, events, false, progress);
    let matched = resolve(&read.0, matches)?;
    Ok(analyze_read(read, Some(matched), corpus, engine, progress))
}

/// The stages after reading (matching among them unless `matched` holds its results).
fn analyze_read(
    (store, errors, read_timings): (CorpusStore, Vec<RecordError>, Timings),
    matched: Option<Resolved>,
    corpus: &Corpus,
    engine: &Engine,
    progress: &dyn Progress,
) -> Analysis {
    let mut a = analyze_matched(store, errors, matched, engine, progress);
    let t0 = std::time::Instant::now();
    progress.stage("spans", None);
    attach_spans(&mut a, corpus, engine);
    a.stats.timings.add("spans", t0);
    let t0 = std::time::Instant::now();
    progress.stage("align", None);
    a.stats.align = crate::passages::attach_passages(&mut a, corpus, engine);
    crate::quoted_lines::attach(&mut a);
    settle_findings(&mut a);
    a.stats.timings.add("align", t0);
    // Nothing after alignment needs the text tables.
    a.tables = TextTables::default();
    let mut all = read_timings;
    all.stages
        .extend(std::mem::take(&mut a.stats.timings.stages));
    a.stats.timings = all;
    a
}

/// Runs the stages after reading on a filled store (the audit's, or a drop with the history
/// an index brought in).
pub fn analyze_store(
    store: CorpusStore,
    errors: Vec<RecordError>,
    engine: &Engine,
    progress: &dyn Progress,
) -> Analysis {
    analyze_matched(store, errors, None, engine, progress)
}

/// [`analyze_store`], with the matching stages' results taken from `matched` when given.
fn analyze_matched(
    mut store: CorpusStore,
    errors: Vec<RecordError>,
    matched: Option<Resolved>,
    engine: &Engine,
    progress: &dyn Progress,
) -> Analysis {
    let config = &engine.config;
    progress.stage("match", None);
    let mut stats = RunStats {
        distinct_texts: store.texts.len() as u64,
        store_bytes: store.texts.heap_bytes() as u64,
        ..RunStats::default()
    };
    let matched = match matched {
        Some(m) => {
            store.texts.drop_bands();
            m
        }
        None => match_store(&mut store, engine, &mut stats),
    };
    stats.big_buckets = matched.capped;
    stats.masked_pairs = matched.masked_pairs;
    stats.verify = matched.verify;

    let t0 = std::time::Instant::now();
    let text_paras = TextParas::build(&store.paras, store.texts.len());
    let mut links = matched.links;
    if let Links::Pairs { edges, .. } = &mut links {
        drop_site_templates(&store, &text_paras, edges);
    }
    stats.timings.add("verify", t0);

    let t0 = std::time::Instant::now();
    let clusters = Clusters::build(&store.paras, store.texts.len(), links.pairs());
    let tables = TextTables::with_paras(text_paras, &store, &clusters);
    let scores = match &links {
        Links::Pairs { edges, .. } => cluster_scores(edges, &tables.cluster, clusters.len()),
        Links::Components { scores, .. } => {
            component_scores(scores, &tables.cluster, clusters.len())
        }
    };
    stats.timings.add("cluster", t0);

    let t0 = std::time::Instant::now();
    progress.stage("classify", None);
    store.leave_mail_alone();
    let classification = classify(&store, &clusters, &scores, config, &engine.cues);
    let provenance = crate::provenance::derive::derive(&store, &classification.links);
    stats.timings.add("classify", t0);
    Analysis {
        store,
        clusters,
        classification,
        provenance,
        errors,
        stats,
        tables,
    }
}

/// The matching stages on the store: candidate pairs from band keys and masked keys, and the
/// verification of the band pairs. The band keys are dropped once the candidates are found.
fn match_store(store: &mut CorpusStore, engine: &Engine, stats: &mut RunStats) -> Resolved {
    let config = &engine.config;
    let t0 = std::time::Instant::now();
    let (lsh, big_buckets) = lsh_pairs_counted(&store.texts, config.verify.max_bucket_pairs);
    let (masked, big_groups) = masked_pairs_counted(&store.texts, config.verify.max_bucket_pairs);
    store.texts.drop_bands();
    stats.timings.add("candidates", t0);
    let t0 = std::time::Instant::now();
    let (edges, verify) = verify(
        &store.texts,
        &lsh,
        config.fingerprint.shingle,
        &config.verify,
    );
    stats.timings.add("verify", t0);
    Resolved {
        masked_pairs: masked.len() as u64,
        links: Links::Pairs { edges, masked },
        verify,
        capped: big_buckets + big_groups,
    }
}

/// Settles what the final findings decide: the origins that quoting rules out, then who copies
/// whom. Run after each stage that adds findings.
fn settle_findings(a: &mut Analysis) {
    crate::quoted_lines::unquoted_origins(&a.store, &mut a.classification.findings);
    a.provenance.flows = crate::provenance::flows::copy_flows(&a.store, &a.classification.findings);
}

/// The weakest link of each cluster, for its findings' evidence.
fn cluster_scores(edges: &[Edge], text_cluster: &[u32], n_clusters: usize) -> Vec<ClusterScore> {
    let mut scores = vec![ClusterScore::default(); n_clusters];
    for e in edges {
        let c = text_cluster[e.a as usize];
        if c != u32::MAX {
            let s = &mut scores[c as usize];
            s.jaccard = s.jaccard.min(e.jaccard);
            s.edit = match (s.edit, e.edit) {
                (Some(a), Some(b)) => Some(a.min(b)),
                _ => None,
            };
        }
    }
    scores
}

/// The weakest link of each cluster, from the weakest link of each component an engine made
/// (`scores` by the component's label text): a component without one keeps the default.
fn component_scores(
    scores: &[(TextId, ClusterScore)],
    text_cluster: &[u32],
    n_clusters: usize,
) -> Vec<ClusterScore> {
    let mut out = vec![ClusterScore::default(); n_clusters];
    for &(label, score) in scores {
        let c = text_cluster[label as usize];
        if c != u32::MAX {
            out[c as usize] = score;
        }
    }
    out
}

/// Adds the `reused_wording` findings of shared runs (placed in bytes by reading the texts of
/// the articles involved again from `corpus`) and of shared photo credits.
pub fn attach_spans(a: &mut Analysis, corpus: &Corpus, engine: &Engine) {
    let names = FieldNames::from(&engine.config.input);
    let runs = run_findings(
        &a.store,
        &a.classification.para_kinds,
        &a.tables.paras,
        &a.tables.cluster,
        &engine.config.spans,
        &mut |wanted, f| for_each_text(corpus, &names, wanted, f),
    );
    let (credits, credit_paras) = shared_credit_findings(&a.store);
    let c = &mut a.classification;
    for p in runs.paras.into_iter().chain(credit_paras) {
        c.para_kinds[p].insert(FindingKind::ReusedWording);
    }
    c.findings.extend(runs.findings);
    c.findings.extend(credits);
    crate::classify::sort_findings(&mut c.findings);
    a.stats.span_pairs_capped = runs.capped_pairs;
    a.stats.span_candidates = runs.candidate_pairs;
    settle_findings(a);
}
