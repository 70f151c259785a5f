//! Criterion benches per stage and end to end, with byte throughput, on the seeds and on a
//! synthetic corpus generated here (deterministic, with copies, wire paragraphs, quotes and
//! boilerplate). See `benches/README.md` for how to run them and how to time `reprint audit`
//! against the peer tools on large corpora.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use reprint_core::Corpus;
use reprint_core::Engine;
use reprint_core::NoProgress;
use reprint_core::config::Config;
use reprint_core::ingest;
use reprint_core::{MinHasher, SimhashAccumulator, exact_key};
use reprint_core::{WordHash, for_each_shingle, hash_words, short_word};
use reprint_core::{analyze, analyze_store, attach_spans};
use reprint_report::Summary;
use reprint_report::write_json;
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn seed_texts() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(seeds_dir())
        .expect("seeds/")
        .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("utf-8"))
        .collect();
    v.sort();
    v
}

/// A synthetic JSONL corpus of about `articles` articles: originals built from the seeds'
/// sentences shuffled by a fixed generator, some copied by other outlets with a word changed,
/// each with an outlet footer.
fn synthetic_corpus(dir: &Path, articles: usize) -> PathBuf {
    let sentences: Vec<String> = seed_texts()
        .iter()
        .flat_map(|t| t.split(". ").map(str::to_string).collect::<Vec<_>>())
        .filter(|s| s.split_whitespace().count() > 6)
        .collect();
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut lines = Vec::with_capacity(articles);
    let mut originals: Vec<Vec<String>> = Vec::new();
    for i in 0..articles {
        let outlet = format!("Outlet {}", next() % 12);
        let body: Vec<String> = if i % 6 == 5 && !originals.is_empty() {
            let mut b = originals[(next() % originals.len() as u64) as usize].clone();
            b[0] = b[0].replacen(" the ", " a ", 1);
            b
        } else {
            let b: Vec<String> = (0..8)
                .map(|_| {
                    (0..3)
                        .map(|_| sentences[(next() % sentences.len() as u64) as usize].as_str())
                        .collect::<Vec<_>>()
                        .join(". ")
                })
                .collect();
            originals.push(b.clone());
            b
        };
        let text = format!(
            "{}\n\nFollow {outlet} for more stories like this one every day.",
            body.join("\n\n")
        );
        lines.push(
            serde_json::json!({"id": format!("b{i}"), "source": outlet, "date": format!("2024-{:02}-{:02}", 1 + i % 12, 1 + i % 28), "text": text})
                .to_string(),
        );
    }
    let path = dir.join("corpus.jsonl");
    std::fs::write(&path, lines.join("\n") + "\n").expect("write the corpus");
    path
}

fn bench_words(c: &mut Criterion) {
    let texts = seed_texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut g = c.benchmark_group("normalize+shingle");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("word hashes (reprint)", |b| {
        let mut buf = String::new();
        let mut out: Vec<WordHash> = Vec::new();
        b.iter(|| {
            out.clear();
            for t in &texts {
                hash_words(t, &mut buf, &mut out);
            }
            black_box(out.len())
        })
    });
    g.bench_function("unicode_words + lowercase (baseline)", |b| {
        use unicode_segmentation::UnicodeSegmentation;
        b.iter(|| {
            let mut n = 0usize;
            for t in &texts {
                for w in t.unicode_words() {
                    n += w.to_lowercase().len();
                }
            }
            black_box(n)
        })
    });
    g.finish();
}

fn bench_fingerprints(c: &mut Criterion) {
    let texts = seed_texts();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut buf = String::new();
    let paras: Vec<Vec<u32>> = texts
        .iter()
        .flat_map(|t| t.split('\n').map(str::to_string).collect::<Vec<_>>())
        .map(|p| {
            let mut w = Vec::new();
            hash_words(&p, &mut buf, &mut w);
            w.into_iter()
                .map(|x| short_word(x.hash, x.numeric))
                .collect()
        })
        .filter(|w: &Vec<u32>| !w.is_empty())
        .collect();
    let mut g = c.benchmark_group("fingerprint");
    g.throughput(Throughput::Bytes(bytes as u64));
    let mh = MinHasher::new(25, 4, 3);
    g.bench_function("minhash band keys 25x4", |b| {
        let (mut sig, mut keys) = (Vec::new(), Vec::<u32>::new());
        b.iter(|| {
            let mut n = 0u64;
            for p in &paras {
                mh.band_keys(p, &mut sig, &mut keys);
                n = n.wrapping_add(keys[0] as u64);
            }
            black_box(n)
        })
    });
    g.bench_function("simhash: own accumulator over shingles", |b| {
        b.iter(|| {
            let mut n = 0u64;
            for p in &paras {
                let mut acc = SimhashAccumulator::default();
                for_each_shingle(p, 3, |h| acc.add(h));
                n ^= acc.finish();
            }
            black_box(n)
        })
    });
    g.bench_function(
        "simhash: the simhash crate over whitespace words (baseline)",
        |b| {
            b.iter(|| {
                let mut n = 0u64;
                for t in &texts {
                    for p in t.split('\n') {
                        n ^= simhash::simhash(p);
                    }
                }
                black_box(n)
            })
        },
    );
    g.bench_function("exact keys", |b| {
        let long: Vec<Vec<u64>> = paras
            .iter()
            .map(|p| p.iter().map(|&w| w as u64).collect())
            .collect();
        b.iter(|| black_box(long.iter().map(|p| exact_key(p)).fold(0u64, |a, k| a ^ k)))
    });
    g.finish();
}

fn bench_end_to_end(c: &mut Criterion) {
    let engine = Engine::new(Config::default()).expect("default engine");
    let mut g = c.benchmark_group("audit");
    g.sample_size(10);
    let seeds = seeds_dir();
    let seed_bytes: u64 = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().metadata().unwrap().len())
        .sum();
    g.throughput(Throughput::Bytes(seed_bytes));
    g.bench_function("seeds", |b| {
        let corpus =
            Corpus::discover(std::slice::from_ref(&seeds), &mut Vec::new()).expect("seeds corpus");
        b.iter(|| {
            black_box(
                analyze(&corpus, &engine, &NoProgress)
                    .classification
                    .findings
                    .len(),
            )
        })
    });
    let dir = tempfile::tempdir().expect("temp dir");
    for n in [500usize, 2_000] {
        let path = synthetic_corpus(dir.path(), n);
        let bytes = std::fs::metadata(&path).unwrap().len();
        g.throughput(Throughput::Bytes(bytes));
        let corpus = Corpus::discover(&[path], &mut Vec::new()).expect("synthetic corpus");
        g.bench_with_input(
            BenchmarkId::new("synthetic", format!("{n} articles")),
            &corpus,
            |b, corpus| {
                b.iter(|| {
                    black_box(
                        analyze(corpus, &engine, &NoProgress)
                            .classification
                            .findings
                            .len(),
                    )
                })
            },
        );
    }
    g.finish();
}

/// The stages after the word-level ones, each timed alone on the same synthetic corpus (the
/// input of each is built outside the timed part): reading with segmenting, hashing and
/// fingerprinting; candidates to classification; spans; the JSON report.
/// The per-paragraph reading done while an article is decoded: site-junk lines (language,
/// stopwords, shape, cues, neighbours) and declared provenance (datelines, credits, sign-offs),
/// on the synthetic corpus's texts.
fn bench_lines(c: &mut Criterion) {
    let engine = Engine::new(Config::default()).expect("default engine");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = synthetic_corpus(dir.path(), 2_000);
    let texts: Vec<String> = std::fs::read_to_string(&path)
        .expect("the corpus")
        .lines()
        .filter_map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).ok()?;
            Some(v["text"].as_str()?.to_string())
        })
        .chain(seed_texts())
        .collect();
    let articles: Vec<(String, Vec<reprint_core::model::ByteSpan>)> = texts
        .into_iter()
        .map(|t| {
            let spans = reprint_core::segment(&t, 0);
            (t, spans)
        })
        .collect();
    let bytes: usize = articles.iter().map(|(t, _)| t.len()).sum();
    let mut g = c.benchmark_group("lines");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("junk lines", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|(t, s)| {
                    engine
                        .junk
                        .detect(t, s, 1, Some("Outlet 1"), None, reprint_core::Markup::Plain)
                        .len()
                })
                .sum::<usize>()
        })
    });
    g.bench_function("declared provenance", |b| {
        b.iter(|| {
            articles
                .iter()
                .map(|(t, s)| engine.outlets.declared(t, s, &[], 1, &[], None).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

fn bench_stages(c: &mut Criterion) {
    let engine = Engine::new(Config::default()).expect("default engine");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = synthetic_corpus(dir.path(), 2_000);
    let bytes = std::fs::metadata(&path).unwrap().len();
    let corpus = Corpus::discover(&[path], &mut Vec::new()).expect("synthetic corpus");
    let mut g = c.benchmark_group("stages");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("read + fingerprint", |b| {
        b.iter(|| black_box(ingest(&corpus, &engine, &NoProgress).0.paras.len()))
    });
    g.bench_function("candidates + verify + cluster + classify", |b| {
        b.iter_batched(
            || ingest(&corpus, &engine, &NoProgress),
            |(store, errors)| {
                black_box(
                    analyze_store(store, errors, &engine, &NoProgress)
                        .classification
                        .findings
                        .len(),
                )
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("spans", |b| {
        b.iter_batched(
            || {
                let (store, errors) = ingest(&corpus, &engine, &NoProgress);
                analyze_store(store, errors, &engine, &NoProgress)
            },
            |mut a| {
                attach_spans(&mut a, &corpus, &engine);
                black_box(a.classification.findings.len())
            },
            criterion::BatchSize::LargeInput,
        )
    });
    g.bench_function("align", |b| {
        b.iter_batched(
            || {
                let (store, errors) = ingest(&corpus, &engine, &NoProgress);
                let mut a = analyze_store(store, errors, &engine, &NoProgress);
                attach_spans(&mut a, &corpus, &engine);
                a
            },
            |mut a| {
                let stats = reprint_core::attach_passages(&mut a, &corpus, &engine);
                black_box(stats.passages)
            },
            criterion::BatchSize::LargeInput,
        )
    });
    let a = analyze(&corpus, &engine, &NoProgress);
    let summary = Summary::of(&a);
    let paths = vec!["corpus.jsonl".to_string()];
    g.bench_function("json report", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(1 << 20);
            write_json(&mut out, &a, &summary, &paths).expect("render");
            black_box(out.len())
        })
    });
    g.finish();
}

criterion_group!(
    benches,
    bench_words,
    bench_fingerprints,
    bench_lines,
    bench_stages,
    bench_end_to_end
);
criterion_main!(benches);
