//! The kernels under a simulated distributed engine: plan rows hash-partitioned over 1, 2, 3 or
//! 7 `prepare` processes run in random order, their rows shuffled into random partitions
//! arriving in random order, then `finish`, must give the very bytes of `reprint audit`, on the
//! seeds, on a generated corpus of a few hundred articles and on pathological ones. In half
//! the runs the matching stages run apart too: `texts` per partition, the texts merged by key,
//! their bucket rows grouped by bucket for `buckets`, the pairs deduplicated and joined with
//! both texts' words for `verify`, and `finish --matches`; in some of those, the engine links
//! the pairs into components itself, after `owners`, `outlets` and `templates` tell it which
//! pairs are one site template filled in twice.

use crate::common::{Rng, TempCorpus, reprint, root};
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use proptest::prelude::*;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::OnceLock;

/// Runs `reprint [--config C | --isolated] ARGS` with `stdin`, and returns stdout and the exit
/// code; stderr must not hold a panic.
fn reprint_with(config: Option<&Path>, args: &[&str], stdin: &[u8]) -> (Vec<u8>, i32) {
    let mut cmd = reprint();
    match config {
        Some(c) => cmd.arg("--config").arg(c),
        None => cmd.arg("--isolated"),
    };
    let mut child = cmd
        .args(args)
        .arg("--no-progress")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("reprint runs");
    let mut input = child.stdin.take().expect("stdin");
    let data = stdin.to_vec();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&data);
    });
    let out = child.wait_with_output().expect("reprint ends");
    writer.join().expect("stdin written");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    let code = out.status.code().expect("an exit code");
    assert!(code == 0 || code == 2, "{args:?} exited {code}: {stderr}");
    (out.stdout, code)
}

fn read_stream(bytes: &[u8]) -> (SchemaRef, Vec<RecordBatch>) {
    let r = arrow_ipc::reader::StreamReader::try_new(bytes, None).expect("an Arrow IPC stream");
    let schema = r.schema();
    (schema, r.map(|b| b.expect("a batch")).collect())
}

fn write_stream(schema: &SchemaRef, batches: &[RecordBatch]) -> Vec<u8> {
    let mut w = arrow_ipc::writer::StreamWriter::try_new(Vec::new(), schema).expect("a writer");
    for b in batches {
        w.write(b).expect("a batch written");
    }
    w.into_inner().expect("the stream")
}

/// Every row of `batches` as a batch of its own, with its key (the values of `keys`).
fn rows(batches: &[RecordBatch], keys: &[&str]) -> Vec<(Vec<u64>, RecordBatch)> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{UInt32Type, UInt64Type};
    let mut out = Vec::new();
    for b in batches {
        for i in 0..b.num_rows() {
            let key = keys
                .iter()
                .map(|k| {
                    let c = b.column_by_name(k).expect("a key column");
                    match c.data_type() {
                        arrow_schema::DataType::UInt64 => c.as_primitive::<UInt64Type>().value(i),
                        _ => u64::from(c.as_primitive::<UInt32Type>().value(i)),
                    }
                })
                .collect();
            out.push((key, b.slice(i, 1)));
        }
    }
    out
}

/// A key's partition under a seeded hash, as an engine's hash partitioner places rows.
fn partition_of(key: &[u64], seed: u64, n: usize) -> usize {
    let mut h = seed ^ 0x9E37_79B9_7F4A_7C15;
    for &k in key {
        h = (h ^ k).wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^= h >> 33;
    }
    (h % n as u64) as usize
}

/// Shuffles `v` with a seeded generator.
fn shuffle<T>(v: &mut [T], rng: &mut Rng) {
    for i in (1..v.len()).rev() {
        v.swap(i, rng.below(i + 1));
    }
}

/// `rows` hash-partitioned into `n` partitions, each in random order.
fn shuffled_partitions(
    rows: Vec<(Vec<u64>, RecordBatch)>,
    n: usize,
    rng: &mut Rng,
) -> Vec<Vec<RecordBatch>> {
    let seed = rng.next();
    let mut parts: Vec<Vec<RecordBatch>> = vec![Vec::new(); n];
    for (key, row) in rows {
        parts[partition_of(&key, seed, n)].push(row);
    }
    for p in &mut parts {
        shuffle(p, rng);
    }
    parts
}

/// Where the simulated engine matches texts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Matching {
    /// In `finish`, on the driver.
    InFinish,
    /// Apart, the verified pairs given to `finish`.
    Pairs,
    /// Apart, the pairs linked into components by the engine (site templates dropped by the
    /// `owners`, `outlets` and `templates` kernels), and the components given to `finish`.
    Components,
}

/// The audit the simulated engine makes of `paths`: what `reprint kernel finish` writes, and
/// its exit code.
fn simulated(
    paths: &[&str],
    config: Option<&Path>,
    prepare_parts: usize,
    shuffle_parts: usize,
    seed: u64,
    matching: Matching,
) -> (Vec<u8>, i32) {
    let mut rng = Rng::new(seed);
    // Whole files, or large JSONL files in pieces of a few kilobytes.
    let piece_bytes = ["0", "3000", "20000"][rng.below(3)];
    let mut args = vec!["kernel", "plan", "--piece-bytes", piece_bytes];
    args.extend_from_slice(paths);
    let (plan, _) = reprint_with(config, &args, b"");
    let (plan_schema, plan_batches) = read_stream(&plan);
    let mut parts = shuffled_partitions(
        rows(&plan_batches, &["file", "start"]),
        prepare_parts,
        &mut rng,
    );
    // Tasks run in any order.
    shuffle(&mut parts, &mut rng);
    let mut prepared = Vec::new();
    let mut event_schema = None;
    for p in parts {
        let (out, code) = reprint_with(
            config,
            &["kernel", "prepare"],
            &write_stream(&plan_schema, &p),
        );
        assert_eq!(code, 0);
        let (s, b) = read_stream(&out);
        event_schema = Some(s);
        prepared.extend(b);
    }
    let event_schema = event_schema.expect("at least one partition");
    let matches = (matching != Matching::InFinish).then(|| {
        simulated_matches(
            &prepared,
            &event_schema,
            config,
            shuffle_parts,
            matching == Matching::Components,
            &mut rng,
        )
    });
    let mut shuffled = shuffled_partitions(
        rows(&prepared, &["file", "start", "seq"]),
        shuffle_parts,
        &mut rng,
    );
    shuffle(&mut shuffled, &mut rng);
    let all: Vec<RecordBatch> = shuffled.into_iter().flatten().collect();
    let mut args = vec!["kernel", "finish", "--format", "json"];
    let m = matches
        .as_ref()
        .map(|f| f.path().to_str().unwrap().to_string());
    if let Some(m) = &m {
        args.extend(["--matches", m]);
    }
    args.extend_from_slice(paths);
    reprint_with(config, &args, &write_stream(&event_schema, &all))
}

/// A distinct text as the `texts` kernel writes it.
#[derive(Clone)]
struct Text {
    key: i64,
    place: (u32, u64, u32, u32),
    masked: i64,
    bands: Option<Vec<i64>>,
    words: Vec<u8>,
}

/// Runs `kernel NAME` on each partition (in random order) and returns every row it wrote.
fn run_partitions(
    name: &str,
    config: Option<&Path>,
    schema: &SchemaRef,
    mut parts: Vec<Vec<RecordBatch>>,
    rng: &mut Rng,
) -> Vec<RecordBatch> {
    shuffle(&mut parts, rng);
    let mut out = Vec::new();
    for p in parts {
        let (bytes, code) = reprint_with(config, &["kernel", name], &write_stream(schema, &p));
        assert_eq!(code, 0, "kernel {name}");
        out.extend(read_stream(&bytes).1);
    }
    out
}

/// One row per batch, keyed by a hash of `key` for partitioning.
fn keyed<T>(
    items: Vec<(Vec<u64>, T)>,
    to_batch: impl Fn(&[T]) -> RecordBatch,
) -> Vec<(Vec<u64>, RecordBatch)> {
    items
        .into_iter()
        .map(|(k, item)| (k, to_batch(std::slice::from_ref(&item))))
        .collect()
}

/// The matching stages as an engine runs them over the prepared rows: what `finish
/// --matches` takes, written to a file.
fn simulated_matches(
    prepared: &[RecordBatch],
    event_schema: &SchemaRef,
    config: Option<&Path>,
    n: usize,
    components: bool,
    rng: &mut Rng,
) -> tempfile::NamedTempFile {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Int32Type, Int64Type, UInt8Type, UInt32Type, UInt64Type};
    use arrow_array::{
        ArrayRef, BinaryArray, Int32Array, Int64Array, UInt8Array, UInt32Array, UInt64Array,
    };
    use arrow_schema::{DataType, Field, Schema};
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::Arc;
    let meta = event_schema.metadata().clone();
    let with_meta = |fields: Vec<Field>| Arc::new(Schema::new_with_metadata(fields, meta.clone()));
    // texts: per partition of prepared rows, then merged by key at the earliest place.
    let parts = shuffled_partitions(rows(prepared, &["file", "start", "seq"]), n, rng);
    let mut texts: BTreeMap<i64, Text> = BTreeMap::new();
    for b in run_partitions("texts", config, event_schema, parts, rng) {
        let col = |name: &str| b.column_by_name(name).expect(name).clone();
        let (key, file, start) = (col("key"), col("file"), col("start"));
        let (seq, para, masked) = (col("seq"), col("para"), col("masked"));
        let (bands, words) = (col("bands"), col("words"));
        for i in 0..b.num_rows() {
            let t = Text {
                key: key.as_primitive::<Int64Type>().value(i),
                place: (
                    file.as_primitive::<UInt32Type>().value(i),
                    start.as_primitive::<UInt64Type>().value(i),
                    seq.as_primitive::<UInt32Type>().value(i),
                    para.as_primitive::<UInt32Type>().value(i),
                ),
                masked: masked.as_primitive::<Int64Type>().value(i),
                bands: (!bands.is_null(i)).then(|| {
                    bands
                        .as_list::<i32>()
                        .value(i)
                        .as_primitive::<Int64Type>()
                        .values()
                        .to_vec()
                }),
                words: words.as_binary::<i32>().value(i).to_vec(),
            };
            let e = texts.entry(t.key).or_insert_with(|| t.clone());
            if t.place < e.place {
                *e = t;
            }
        }
    }
    // buckets: every band key and masked key a narrow row, grouped by family and bucket; the
    // rows of crowded buckets given back, joined with their texts' places and grouped again.
    let narrow_schema = with_meta(vec![
        Field::new("family", DataType::Int32, false),
        Field::new("bucket", DataType::Int64, false),
        Field::new("key", DataType::Int64, false),
    ]);
    let placed_schema = with_meta(vec![
        Field::new("family", DataType::Int32, false),
        Field::new("bucket", DataType::Int64, false),
        Field::new("file", DataType::UInt32, false),
        Field::new("start", DataType::UInt64, false),
        Field::new("seq", DataType::UInt32, false),
        Field::new("para", DataType::UInt32, false),
        Field::new("key", DataType::Int64, false),
    ]);
    let mut bucket_rows: Vec<(Vec<u64>, (i32, i64, i64))> = Vec::new();
    for t in texts.values() {
        for (b, &k) in t.bands.iter().flatten().enumerate() {
            bucket_rows.push((vec![b as u64, k as u64], (b as i32, k, t.key)));
        }
        if t.masked != 0 {
            bucket_rows.push((vec![u64::MAX, t.masked as u64], (-1, t.masked, t.key)));
        }
    }
    let to_narrow_batch = |r: &[(i32, i64, i64)]| {
        let r = &r[0];
        RecordBatch::try_new(
            narrow_schema.clone(),
            vec![
                Arc::new(Int32Array::from(vec![r.0])) as ArrayRef,
                Arc::new(Int64Array::from(vec![r.1])),
                Arc::new(Int64Array::from(vec![r.2])),
            ],
        )
        .unwrap()
    };
    let to_placed_batch = |r: &[(i32, i64, i64)]| {
        let (family, bucket, key) = r[0];
        let t = &texts[&key];
        RecordBatch::try_new(
            placed_schema.clone(),
            vec![
                Arc::new(Int32Array::from(vec![family])) as ArrayRef,
                Arc::new(Int64Array::from(vec![bucket])),
                Arc::new(UInt32Array::from(vec![t.place.0])),
                Arc::new(UInt64Array::from(vec![t.place.1])),
                Arc::new(UInt32Array::from(vec![t.place.2])),
                Arc::new(UInt32Array::from(vec![t.place.3])),
                Arc::new(Int64Array::from(vec![key])),
            ],
        )
        .unwrap()
    };
    let (mut lsh, mut masked, mut capped) = (BTreeSet::new(), BTreeSet::new(), 0i64);
    let mut crowded: Vec<(Vec<u64>, (i32, i64, i64))> = Vec::new();
    let parts = shuffled_partitions(keyed(bucket_rows, to_narrow_batch), n, rng);
    let mut out = run_partitions("buckets", config, &narrow_schema, parts, rng);
    let mut second = false;
    loop {
        for b in &out {
            let col = |name: &str| b.column_by_name(name).expect(name).clone();
            let (kind, a, bb, family) = (col("kind"), col("a"), col("b"), col("family"));
            let (a, bb) = (
                a.as_primitive::<Int64Type>(),
                bb.as_primitive::<Int64Type>(),
            );
            for i in 0..b.num_rows() {
                // A pair's order is settled when it is resolved.
                let pair = (a.value(i).min(bb.value(i)), a.value(i).max(bb.value(i)));
                match kind.as_primitive::<UInt8Type>().value(i) {
                    0 => {
                        lsh.insert(pair);
                    }
                    1 => {
                        masked.insert(pair);
                    }
                    2 => capped += a.value(i),
                    _ => {
                        let f = family.as_primitive::<Int32Type>().value(i);
                        let row = (f, bb.value(i), a.value(i));
                        crowded.push((vec![f as u64, row.1 as u64], row));
                    }
                }
            }
        }
        if second || crowded.is_empty() {
            break;
        }
        second = true;
        let rows = std::mem::take(&mut crowded);
        let parts = shuffled_partitions(keyed(rows, to_placed_batch), n, rng);
        out = run_partitions("buckets", config, &placed_schema, parts, rng);
    }
    assert!(
        crowded.is_empty(),
        "a bucket with places gives no crowded rows"
    );
    // verify: each distinct band pair joined with both texts' words.
    let pair_schema = with_meta(vec![
        Field::new("a", DataType::Int64, false),
        Field::new("b", DataType::Int64, false),
        Field::new("words_a", DataType::Binary, false),
        Field::new("words_b", DataType::Binary, false),
    ]);
    let to_pair_batch = |p: &[(i64, i64)]| {
        let (a, b) = p[0];
        RecordBatch::try_new(
            pair_schema.clone(),
            vec![
                Arc::new(Int64Array::from(vec![a])) as ArrayRef,
                Arc::new(Int64Array::from(vec![b])),
                Arc::new(BinaryArray::from_vec(vec![&texts[&a].words])),
                Arc::new(BinaryArray::from_vec(vec![&texts[&b].words])),
            ],
        )
        .unwrap()
    };
    let pairs: Vec<(Vec<u64>, (i64, i64))> = lsh
        .iter()
        .map(|&(a, b)| (vec![a as u64, b as u64], (a, b)))
        .collect();
    let parts = shuffled_partitions(keyed(pairs, to_pair_batch), n, rng);
    let verified = run_partitions("verify", config, &pair_schema, parts, rng);
    let match_schema = with_meta(match_fields());
    if components {
        let links = Links {
            texts: &texts,
            verified: &verified,
            masked: &masked,
            capped,
        };
        return component_matches(prepared, event_schema, config, n, &links, rng);
    }
    // matches: the verified pairs, the masked pairs and the capped count, in any order.
    let mut out: Vec<RecordBatch> = Vec::new();
    for v in &verified {
        let k = Arc::new(UInt8Array::from(vec![0u8; v.num_rows()])) as ArrayRef;
        let mut cols = vec![k];
        cols.extend(v.columns().iter().cloned());
        out.push(RecordBatch::try_new(match_schema.clone(), cols).unwrap());
    }
    let other: Vec<(u8, i64, i64)> = masked
        .iter()
        .map(|&(a, b)| (1, a, b))
        .chain((capped > 0).then_some((2, capped, 0)))
        .collect();
    out.push(unverified_matches(&match_schema, &other));
    let mut rows: Vec<RecordBatch> = out
        .iter()
        .flat_map(|b| (0..b.num_rows()).map(move |i| b.slice(i, 1)))
        .collect();
    shuffle(&mut rows, rng);
    let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
    f.write_all(&write_stream(&match_schema, &rows))
        .expect("matches written");
    f
}

/// What the matching stages found, for an engine to link into components.
struct Links<'a> {
    texts: &'a std::collections::BTreeMap<i64, Text>,
    verified: &'a [RecordBatch],
    masked: &'a std::collections::BTreeSet<(i64, i64)>,
    capped: i64,
}

/// The verified near-duplicate pairs but site templates, and the masked pairs, linked into
/// components as an engine does it: each article's outlet and each text's outlets from
/// `owners` per partition, each outlet's own words from `outlets` over the articles grouped
/// by outlet, the near pairs joined with both texts' words and outlets' own words for
/// `templates`; then components (labelled by their smallest key), their weakest links and
/// the counts, written as the `matches` stream `finish` takes.
fn component_matches(
    prepared: &[RecordBatch],
    event_schema: &SchemaRef,
    config: Option<&Path>,
    n: usize,
    links: &Links<'_>,
    rng: &mut Rng,
) -> tempfile::NamedTempFile {
    use arrow_array::cast::AsArray;
    use arrow_array::types::{Float32Type, Int64Type, UInt8Type};
    use arrow_array::{
        Array, ArrayRef, BinaryArray, BooleanArray, Float32Array, Int64Array, UInt8Array,
    };
    use arrow_schema::{DataType, Field, Schema};
    use std::collections::{BTreeMap, BTreeSet};
    use std::sync::Arc;
    let meta = event_schema.metadata().clone();
    let with_meta = |fields: Vec<Field>| Arc::new(Schema::new_with_metadata(fields, meta.clone()));
    // owners, per partition of prepared rows.
    let parts = shuffled_partitions(rows(prepared, &["file", "start", "seq"]), n, rng);
    let owned = run_partitions("owners", config, event_schema, parts, rng);
    let mut articles: Vec<(Vec<u64>, RecordBatch)> = Vec::new();
    let mut carried: BTreeSet<(i64, String)> = BTreeSet::new();
    let mut outlet_ids: BTreeMap<String, u64> = BTreeMap::new();
    for b in &owned {
        let kind = b
            .column_by_name("kind")
            .unwrap()
            .as_primitive::<UInt8Type>();
        let outlet = b.column_by_name("outlet").unwrap().as_string::<i32>();
        let key = b.column_by_name("key").unwrap().as_primitive::<Int64Type>();
        for i in 0..b.num_rows() {
            let o = outlet.value(i).to_string();
            let next = outlet_ids.len() as u64;
            let id = *outlet_ids.entry(o.clone()).or_insert(next);
            if kind.value(i) == 0 {
                // The article rows grouped by outlet, without the kind and key columns.
                let row = b.slice(i, 1);
                let row = row.project(&[1, 2, 3, 4, 5, 6]).unwrap();
                articles.push((vec![id], row));
            } else {
                carried.insert((key.value(i), o));
            }
        }
    }
    let article_schema = articles[0].1.schema();
    let parts = shuffled_partitions(articles, n, rng);
    let mut own: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for b in run_partitions("outlets", config, &article_schema, parts, rng) {
        let outlet = b.column_by_name("outlet").unwrap().as_string::<i32>();
        let words = b.column_by_name("words").unwrap().as_binary::<i32>();
        for i in 0..b.num_rows() {
            let fresh = own.insert(outlet.value(i).to_string(), words.value(i).to_vec());
            assert!(fresh.is_none(), "an outlet's words are written once");
        }
    }
    // Each text's outlets' own words, in any order.
    let mut own_of: BTreeMap<i64, Vec<Vec<u8>>> = BTreeMap::new();
    for (key, outlet) in &carried {
        own_of.entry(*key).or_default().push(own[outlet].clone());
    }
    for v in own_of.values_mut() {
        shuffle(v, rng);
    }
    // The near pairs, with their comparisons, and the counts over every verified pair.
    let mut near: BTreeMap<(i64, i64), (f32, Option<f32>)> = BTreeMap::new();
    let mut counts = [0i64; 5];
    for v in links.verified {
        let col = |name: &str| v.column_by_name(name).expect(name).clone();
        let (a, b) = (col("a"), col("b"));
        let (nr, j, e, c) = (col("near"), col("jaccard"), col("edit"), col("capped"));
        for i in 0..v.num_rows() {
            counts[0] += 1;
            counts[2] += i64::from(!e.is_null(i));
            counts[3] += i64::from(c.as_boolean().value(i));
            if nr.as_boolean().value(i) {
                counts[1] += 1;
                let edit = (!e.is_null(i)).then(|| e.as_primitive::<Float32Type>().value(i));
                let pair = (
                    a.as_primitive::<Int64Type>().value(i),
                    b.as_primitive::<Int64Type>().value(i),
                );
                near.insert(pair, (j.as_primitive::<Float32Type>().value(i), edit));
            }
        }
    }
    counts[4] = links.masked.len() as i64;
    // templates: each near pair with both texts' words and outlets' own words.
    let list = || DataType::List(Arc::new(Field::new_list_field(DataType::Binary, true)));
    let template_schema = with_meta(vec![
        Field::new("a", DataType::Int64, false),
        Field::new("b", DataType::Int64, false),
        Field::new("words_a", DataType::Binary, false),
        Field::new("words_b", DataType::Binary, false),
        Field::new("own_a", list(), true),
        Field::new("own_b", list(), true),
    ]);
    let own_list = |key: i64| {
        let mut b =
            arrow_array::builder::ListBuilder::new(arrow_array::builder::BinaryBuilder::new());
        for w in own_of.get(&key).into_iter().flatten() {
            b.values().append_value(w);
        }
        b.append(true);
        Arc::new(b.finish()) as ArrayRef
    };
    let to_template_batch = |p: &[(i64, i64)]| {
        let (a, b) = p[0];
        RecordBatch::try_new(
            template_schema.clone(),
            vec![
                Arc::new(Int64Array::from(vec![a])) as ArrayRef,
                Arc::new(Int64Array::from(vec![b])),
                Arc::new(BinaryArray::from_vec(vec![&links.texts[&a].words])),
                Arc::new(BinaryArray::from_vec(vec![&links.texts[&b].words])),
                own_list(a),
                own_list(b),
            ],
        )
        .unwrap()
    };
    let pairs: Vec<(Vec<u64>, (i64, i64))> = near
        .keys()
        .map(|&(a, b)| (vec![a as u64, b as u64], (a, b)))
        .collect();
    let parts = shuffled_partitions(keyed(pairs, to_template_batch), n, rng);
    let mut templates: BTreeSet<(i64, i64)> = BTreeSet::new();
    for b in run_partitions("templates", config, &template_schema, parts, rng) {
        let (a, bb) = (
            b.column_by_name("a").unwrap().as_primitive::<Int64Type>(),
            b.column_by_name("b").unwrap().as_primitive::<Int64Type>(),
        );
        let t = b.column_by_name("template").unwrap().as_boolean();
        for i in 0..b.num_rows() {
            if t.value(i) {
                templates.insert((a.value(i), bb.value(i)));
            }
        }
    }
    near.retain(|p, _| !templates.contains(p));
    // Components of the kept pairs and the masked pairs, labelled by their smallest key.
    let mut parent: BTreeMap<i64, i64> = BTreeMap::new();
    fn find(parent: &mut BTreeMap<i64, i64>, x: i64) -> i64 {
        let p = *parent.entry(x).or_insert(x);
        if p == x {
            return x;
        }
        let r = find(parent, p);
        parent.insert(x, r);
        r
    }
    for &(a, b) in near.keys().chain(links.masked.iter()) {
        let (ra, rb) = (find(&mut parent, a), find(&mut parent, b));
        parent.insert(ra.max(rb), ra.min(rb));
    }
    let nodes: Vec<i64> = parent.keys().copied().collect();
    let members: Vec<(i64, i64)> = nodes.iter().map(|&x| (x, find(&mut parent, x))).collect();
    let mut scores: BTreeMap<i64, (f32, Option<f32>)> = BTreeMap::new();
    for (&(a, _), &(j, e)) in &near {
        let label = find(&mut parent, a);
        scores
            .entry(label)
            .and_modify(|s| {
                s.0 = s.0.min(j);
                s.1 = match (s.1, e) {
                    (Some(x), Some(y)) => Some(x.min(y)),
                    _ => None,
                };
            })
            .or_insert((j, e));
    }
    // The rows: members, scores, counts and the capped buckets, in any order.
    // (kind, a, b, jaccard, edit)
    type Row = (u8, i64, i64, Option<f32>, Option<f32>);
    let mut out: Vec<Row> = Vec::new();
    out.extend(members.iter().map(|&(x, l)| (4, x, l, None, None)));
    out.extend(scores.iter().map(|(&l, s)| (5, l, 0, Some(s.0), s.1)));
    out.extend(
        counts
            .iter()
            .enumerate()
            .map(|(i, &c)| (6, i as i64, c, None, None)),
    );
    if links.capped > 0 {
        out.push((2, links.capped, 0, None, None));
    }
    shuffle(&mut out, rng);
    let match_schema = with_meta(match_fields());
    let batch = RecordBatch::try_new(
        match_schema.clone(),
        vec![
            Arc::new(UInt8Array::from_iter_values(out.iter().map(|r| r.0))) as ArrayRef,
            Arc::new(Int64Array::from_iter_values(out.iter().map(|r| r.1))),
            Arc::new(Int64Array::from_iter_values(out.iter().map(|r| r.2))),
            Arc::new(BooleanArray::from(vec![None::<bool>; out.len()])),
            Arc::new(Float32Array::from_iter(out.iter().map(|r| r.3))),
            Arc::new(Float32Array::from_iter(out.iter().map(|r| r.4))),
            Arc::new(BooleanArray::from(vec![None::<bool>; out.len()])),
        ],
    )
    .unwrap();
    let mut f = tempfile::NamedTempFile::new().expect("a temporary file");
    f.write_all(&write_stream(&match_schema, &[batch]))
        .expect("matches written");
    f
}

/// The columns of a `matches` stream (what `finish --matches` reads).
fn match_fields() -> Vec<arrow_schema::Field> {
    use arrow_schema::{DataType, Field};
    vec![
        Field::new("kind", DataType::UInt8, false),
        Field::new("a", DataType::Int64, false),
        Field::new("b", DataType::Int64, false),
        Field::new("near", DataType::Boolean, true),
        Field::new("jaccard", DataType::Float32, true),
        Field::new("edit", DataType::Float32, true),
        Field::new("capped", DataType::Boolean, true),
    ]
}

/// Match rows without a comparison (masked pairs, capped counts): `(kind, a, b)`.
fn unverified_matches(schema: &SchemaRef, rows: &[(u8, i64, i64)]) -> RecordBatch {
    use arrow_array::{ArrayRef, BooleanArray, Float32Array, Int64Array, UInt8Array};
    use std::sync::Arc;
    let nulls = || Arc::new(BooleanArray::from(vec![None::<bool>; rows.len()])) as ArrayRef;
    let no_floats = || Arc::new(Float32Array::from(vec![None::<f32>; rows.len()])) as ArrayRef;
    RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(UInt8Array::from_iter_values(rows.iter().map(|r| r.0))),
            Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.1))),
            Arc::new(Int64Array::from_iter_values(rows.iter().map(|r| r.2))),
            nulls(),
            no_floats(),
            no_floats(),
            nulls(),
        ],
    )
    .unwrap()
}

/// What `reprint audit PATHS --format json` writes, and its exit code.
fn single_machine(paths: &[&str], config: Option<&Path>) -> (Vec<u8>, i32) {
    let mut args = vec!["audit", "--format", "json"];
    args.extend_from_slice(paths);
    reprint_with(config, &args, b"")
}

/// A corpus of a few hundred articles over several files and layouts: wire copy reused with
/// edits across outlets, a site footer, quoted lines, a `.txt` folder per outlet, a gzipped
/// file and a JSON array.
fn generated() -> &'static TempCorpus {
    static CORPUS: OnceLock<TempCorpus> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let t = TempCorpus::new();
        let mut rng = Rng::new(7);
        let wire: Vec<String> = (0..40).map(|_| rng.paragraph(45)).collect();
        let footer = "Subscribe to our newsletter for the morning briefing. Follow us on social media and share this story.";
        let mut files: Vec<String> = vec![String::new(); 4];
        let mut array = Vec::new();
        for i in 0..320 {
            let outlet = format!("outlet{}", i % 9);
            let mut paras = vec![rng.paragraph(12)];
            for _ in 0..(2 + rng.below(4)) {
                if rng.below(3) == 0 {
                    let mut w: Vec<String> = wire[rng.below(wire.len())]
                        .split(' ')
                        .map(str::to_string)
                        .collect();
                    let at = rng.below(w.len());
                    w[at] = rng.word();
                    paras.push(w.join(" "));
                } else {
                    let n = 30 + rng.below(40);
                    paras.push(rng.paragraph(n));
                }
            }
            if i % 9 == 3 {
                paras.push(footer.to_string());
            }
            let text = paras.join("\n\n");
            let date = format!("2024-03-{:02}", 1 + i % 28);
            match i % 6 {
                0 => {
                    t.write(&format!("sites/{outlet}/story{i}.txt"), format!("Title {i}\n\n{text}\n"));
                }
                1 => array.push(serde_json::json!({"id": format!("j{i}"), "source": outlet, "date": date, "text": text})),
                k => {
                    let rec = serde_json::json!({"id": format!("n{i}"), "source": outlet, "date": date, "text": text});
                    files[k - 2].push_str(&rec.to_string());
                    files[k - 2].push('\n');
                }
            }
        }
        for (k, f) in files.iter().enumerate() {
            if k == 3 {
                let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
                gz.write_all(f.as_bytes()).unwrap();
                t.write(&format!("dump/part{k}.jsonl.gz"), gz.finish().unwrap());
            } else {
                t.write(&format!("dump/part{k}.jsonl"), f);
            }
        }
        t.write("dump/array.json", serde_json::to_string(&array).unwrap());
        t
    })
}

/// Pathological cases: a candidate bucket over `max_bucket_pairs` (the config given), ids
/// repeated across files and an `a~2` that collides with a renamed `a`, undated members of a
/// cluster, outlets from folders, a long chain of near-duplicates for connected components,
/// bad lines and an empty file.
fn pathological() -> &'static (TempCorpus, PathBuf) {
    static CORPUS: OnceLock<(TempCorpus, PathBuf)> = OnceLock::new();
    CORPUS.get_or_init(|| {
        let t = TempCorpus::new();
        let mut rng = Rng::new(11);
        let config = t.write("reprint.toml", "[verify]\nmax_bucket_pairs = 6\n");
        let line = |id: &str, source: Option<&str>, date: Option<&str>, text: &str| {
            let mut v = serde_json::json!({"id": id, "text": text});
            if let Some(s) = source {
                v["source"] = s.into();
            }
            if let Some(d) = date {
                v["date"] = d.into();
            }
            format!("{v}\n")
        };
        // A crowded bucket: 40 variants of one paragraph.
        let base: Vec<String> = (0..30).map(|_| rng.word()).collect();
        let mut crowded = String::new();
        for i in 0..40 {
            let mut w = base.clone();
            w[i % 30] = format!("v{i}");
            let text = format!("{}\n\n{}", rng.paragraph(20), w.join(" "));
            let date = (i % 3 != 0).then(|| format!("2023-0{}-1{}", 1 + i % 9, i % 10));
            crowded.push_str(&line(
                &format!("b{i}"),
                Some(&format!("s{}", i % 7)),
                date.as_deref(),
                &text,
            ));
        }
        t.write("c/crowded.jsonl", crowded);
        // A long chain: each link differs from the next by one more word.
        let mut w: Vec<String> = (0..60).map(|_| rng.word()).collect();
        let mut chain = String::new();
        for i in 0..60 {
            w[i] = format!("k{i}");
            chain.push_str(&line(
                &format!("chain{i}"),
                Some(&format!("c{}", i % 5)),
                None,
                &format!("{}\n\n{}", rng.paragraph(15), w.join(" ")),
            ));
        }
        t.write("c/chain.jsonl", chain);
        // Repeated ids: `a` twice (the second kept as `a~2`), then a real `a~2`.
        let shared = rng.paragraph(50);
        t.write(
            "c/ids1.jsonl",
            line(
                "a",
                Some("x"),
                Some("2024-01-01"),
                &format!("{shared}\n\n{}", rng.paragraph(20)),
            ),
        );
        t.write(
            "c/ids2.jsonl",
            format!(
                "{}not json at all\n\n{}{}",
                line(
                    "a",
                    Some("y"),
                    None,
                    &format!("{shared}\n\n{}", rng.paragraph(20))
                ),
                line("a~2", Some("z"), Some("not a date"), &shared),
                line("q", None, None, "")
            ),
        );
        t.write("c/empty.jsonl", "");
        // One site template filled in by several outlets (named in any case, or by a host
        // alone), and another that more outlets carry than the rule takes as one site's.
        let tails: Vec<String> = (0..2)
            .map(|_| (0..36).map(|_| rng.word()).collect::<Vec<_>>().join(" "))
            .collect();
        let mut templates = String::new();
        let sites = [
            (Some("Harbor Ledger"), "harborledger", "Harbor Ledger", 0),
            (Some("harbor ledger"), "harborledger", "Harbor Ledger", 0),
            (Some("Capital Tribune"), "capitaltribune", "Capital Tribune", 0),
            (None, "riverdispatch", "Riverdispatch", 0),
            (Some("Harbor Ledger"), "harborledger", "Harbor Ledger", 1),
            (Some("Metro Wire"), "metrowire", "Metro Wire", 1),
        ];
        for (i, (name, host, named, tail)) in sites.iter().enumerate() {
            let mut v = serde_json::json!({
                "id": format!("t{i}"),
                "url": format!("https://www.{host}.example/story/{i}"),
                "text": format!("{}\n\nSign up for the {named} newsletter {}", rng.paragraph(20), tails[*tail]),
            });
            if let Some(n) = name {
                v["source"] = (*n).into();
            }
            templates.push_str(&format!("{v}\n"));
        }
        for i in 0..5 {
            templates.push_str(&line(
                &format!("m{i}"),
                Some(&format!("relay{i}")),
                None,
                &format!("{}\n\nSign up for the Metro Wire newsletter {}", rng.paragraph(20), tails[1]),
            ));
        }
        t.write("c/templates.jsonl", templates);
        // Outlets from folders.
        for (site, n) in [("alpha", 3), ("beta", 2)] {
            for i in 0..n {
                t.write(
                    &format!("c/sites/{site}/s{i}.txt"),
                    format!(
                        "Story {i}\n\n{}\n\n{shared}\n\nRead more from {site}.\n",
                        rng.paragraph(25)
                    ),
                );
            }
        }
        (t, config)
    })
}

fn reference(
    cache: &'static OnceLock<(Vec<u8>, i32)>,
    paths: &[&str],
    config: Option<&Path>,
) -> &'static (Vec<u8>, i32) {
    cache.get_or_init(|| single_machine(paths, config))
}

fn assert_same(name: &str, got: &(Vec<u8>, i32), want: &(Vec<u8>, i32)) {
    assert_eq!(got.1, want.1, "{name}: exit codes differ");
    assert!(
        got.0 == want.0,
        "{name}: the distributed audit differs from the single-machine one ({} vs {} bytes)",
        got.0.len(),
        want.0.len()
    );
}

fn seeds_path() -> String {
    root().join("seeds").to_str().expect("utf-8").to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn any_partitioning_gives_the_single_machine_bytes(
        seed in any::<u64>(),
        prepare_parts in prop::sample::select(vec![1usize, 2, 3, 7]),
        shuffle_parts in prop::sample::select(vec![1usize, 2, 3, 7]),
        matching in prop::sample::select(vec![Matching::InFinish, Matching::Pairs, Matching::Components]),
    ) {
        static SEEDS: OnceLock<(Vec<u8>, i32)> = OnceLock::new();
        static GENERATED: OnceLock<(Vec<u8>, i32)> = OnceLock::new();
        static PATHOLOGICAL: OnceLock<(Vec<u8>, i32)> = OnceLock::new();
        let seeds = seeds_path();
        let want = reference(&SEEDS, &[&seeds], None);
        assert_same("seeds", &simulated(&[&seeds], None, prepare_parts, shuffle_parts, seed, matching), want);

        let g = generated().path().to_str().unwrap().to_string();
        let want = reference(&GENERATED, &[&g], None);
        assert_same("generated", &simulated(&[&g], None, prepare_parts, shuffle_parts, seed, matching), want);

        let (t, config) = pathological();
        let p = t.join("c");
        let p = p.to_str().unwrap();
        let want = reference(&PATHOLOGICAL, &[p], Some(config));
        assert_same("pathological", &simulated(&[p], Some(config), prepare_parts, shuffle_parts, seed, matching), want);
    }
}

#[test]
fn matching_apart_gives_the_single_machine_bytes_on_the_crowded_fixture() {
    let (t, config) = pathological();
    let p = t.join("c");
    let p = p.to_str().unwrap();
    // The fixture's config, and the same with 64-bit fingerprint keys.
    let wide = t.write(
        "wide.toml",
        format!(
            "{}\n[fingerprint]\nkey_bits = 64\n",
            std::fs::read_to_string(config).unwrap()
        ),
    );
    for (config, parts, seed) in [(config, 1, 3), (config, 3, 4), (&wide, 2, 5)] {
        let want = single_machine(&[p], Some(config));
        for matching in [Matching::Pairs, Matching::Components] {
            assert_same(
                &format!("pathological, matched apart ({matching:?})"),
                &simulated(&[p], Some(config), parts, parts, seed, matching),
                &want,
            );
        }
    }
}

#[test]
fn the_fixtures_hold_what_they_are_for() {
    let (t, config) = pathological();
    let p = t.join("c");
    let (out, code) = single_machine(&[p.to_str().unwrap()], Some(config));
    assert_eq!(code, 2, "the bad line and the empty file are reported");
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let ids: Vec<&str> = v["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"a~2") && ids.iter().any(|i| i.starts_with("a~2~")),
        "{ids:?}"
    );
    assert!(
        v["summary"]["counters"]["capped_buckets"].as_u64().unwrap() > 0,
        "{}",
        v["summary"]
    );
    // The template filled in by each site links no two sites; the one that six outlets
    // carry is linked to the site that filled it in.
    let clustered = |x: &str, y: &str| {
        v["clusters"].as_array().unwrap().iter().any(|c| {
            let ids: Vec<&str> = c["members"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["article"].as_str().unwrap())
                .collect();
            ids.contains(&x) && ids.contains(&y)
        })
    };
    assert!(clustered("t0", "t1"), "one outlet, spelled two ways");
    assert!(!clustered("t0", "t2") && !clustered("t0", "t3") && !clustered("t2", "t3"));
    assert!(clustered("t4", "m0") && clustered("t5", "m0"));
    let g = generated().path();
    let (out, _) = single_machine(&[g.to_str().unwrap()], None);
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert!(v["articles"].as_array().unwrap().len() >= 300);
    assert!(v["findings"].as_array().unwrap().len() >= 10);
}

#[test]
fn parts_assemble_into_the_document_and_the_jsonl() {
    let seeds = seeds_path();
    let t = TempCorpus::new();
    let (plan, _) = reprint_with(None, &["kernel", "plan", &seeds], b"");
    let (prepared, _) = reprint_with(None, &["kernel", "prepare"], &plan);
    let parts = t.join("parts");
    let parts_s = parts.to_str().unwrap();
    reprint_with(
        None,
        &[
            "kernel",
            "finish",
            "--parts",
            parts_s,
            "--part-findings",
            "2",
            &seeds,
        ],
        &prepared,
    );
    let (doc, _) = reprint_with(None, &["dist", "assemble", parts_s], b"");
    assert!(doc == single_machine(&[&seeds], None).0);
    let mut names: Vec<_> = std::fs::read_dir(&parts)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.starts_with("findings-"))
        .collect();
    names.sort();
    assert!(names.len() > 1, "{names:?}");
    let jsonl: Vec<u8> = names
        .iter()
        .flat_map(|n| std::fs::read(parts.join(n)).unwrap())
        .collect();
    let (want, _) = reprint_with(None, &["audit", "--format", "jsonl", &seeds], b"");
    assert!(jsonl == want);
    // A lost part is an error, not a shorter document.
    std::fs::remove_file(parts.join(&names[1])).unwrap();
    let out = reprint()
        .args(["--isolated", "dist", "assemble", parts_s])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("findings-00001.jsonl"));
    // A folder reprint did not write is not taken for parts, nor replaced by them.
    let mine = t.join("mine");
    std::fs::create_dir(&mine).unwrap();
    std::fs::write(mine.join("notes.txt"), "mine").unwrap();
    let mine_s = mine.to_str().unwrap();
    let args = ["--isolated", "kernel", "finish", "--parts", mine_s, &seeds];
    refused(&t, args, &prepared);
    assert_eq!(std::fs::read(mine.join("notes.txt")).unwrap(), b"mine");
}

/// Runs reprint with `args`, `stdin` fed from a file of `t`, and expects it refused (exit 2).
fn refused<S: AsRef<std::ffi::OsStr>>(
    t: &TempCorpus,
    args: impl IntoIterator<Item = S>,
    stdin: &[u8],
) -> std::process::Output {
    let input = t.write("prepared.arrow", stdin);
    let out = reprint()
        .args(args)
        .stdin(Stdio::from(std::fs::File::open(input).unwrap()))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    out
}

#[test]
fn rows_made_with_other_parameters_are_refused() {
    let seeds = seeds_path();
    let t = TempCorpus::new();
    let config = t.write("reprint.toml", "[fingerprint]\nbands = 12\n");
    let (plan, _) = reprint_with(None, &["kernel", "plan", &seeds], b"");
    let args = ["--config", config.to_str().unwrap(), "kernel", "prepare"];
    let out = refused(&t, args, &plan);
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(e.contains("bands: rows have 25, this run 12"), "{e}");
}

#[test]
fn matches_of_another_corpus_are_refused_and_nothing_is_written() {
    let seeds = seeds_path();
    let t = TempCorpus::new();
    let (plan, _) = reprint_with(None, &["kernel", "plan", &seeds], b"");
    let (prepared, _) = reprint_with(None, &["kernel", "prepare"], &plan);
    let schema = std::sync::Arc::new(arrow_schema::Schema::new(match_fields()));
    // The rows of each stream `(kind, a, b)`, and what the refusal says.
    type Case<'a> = (&'a [(u8, i64, i64)], &'a str);
    let cases: [Case<'_>; 3] = [
        // A masked pair of two texts no seed holds.
        (&[(1, 1, 2)], "which the corpus does not hold"),
        // A text of a component no seed holds.
        (&[(4, 1, 1), (6, 0, 3)], "which the corpus does not hold"),
        // Pairs and components at once: two engines' results mixed.
        (&[(1, 1, 2), (4, 1, 1)], "both pairs and components"),
    ];
    for (rows, message) in cases {
        let batch = unverified_matches(&schema, rows);
        let matches = t.write("matches.arrow", write_stream(&schema, &[batch]));
        let report = t.path().join("audit.json");
        let args = ["--isolated", "kernel", "finish", "--format", "json", "-o"]
            .map(std::ffi::OsString::from)
            .into_iter()
            .chain([report.clone().into(), "--matches".into(), matches.into()])
            .chain([std::ffi::OsString::from(&seeds)]);
        let out = refused(&t, args, &prepared);
        let e = String::from_utf8_lossy(&out.stderr);
        assert!(e.contains(message), "{e}");
        assert!(!report.exists(), "nothing is written of a run that failed");
    }
}

#[test]
fn sorted_rows_are_taken_as_they_come_and_disorder_is_refused() {
    let seeds = seeds_path();
    let t = TempCorpus::new();
    let (plan, _) = reprint_with(None, &["kernel", "plan", &seeds], b"");
    let (prepared, _) = reprint_with(None, &["kernel", "prepare"], &plan);
    // As prepared: in order, so `--sorted` streams them to the same document.
    let (doc, _) = reprint_with(
        None,
        &["kernel", "finish", "--sorted", "--format", "json", &seeds],
        &prepared,
    );
    assert!(doc == single_machine(&[&seeds], None).0);
    // Reversed: `--sorted` refuses, naming the rows.
    let (schema, batches) = read_stream(&prepared);
    let mut rows: Vec<RecordBatch> = rows(&batches, &["file", "start", "seq"])
        .into_iter()
        .map(|r| r.1)
        .collect();
    rows.reverse();
    let args = ["--isolated", "kernel", "finish", "--sorted", &seeds];
    let out = refused(&t, args, &write_stream(&schema, &rows));
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("--sorted: file") && e.contains("not in order"),
        "{e}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn large_jsonl_files_are_planned_in_pieces_of_whole_lines() {
    let (t, _) = pathological();
    let chain = t.join("c/chain.jsonl");
    let (plan, _) = reprint_with(
        None,
        &[
            "kernel",
            "plan",
            "--piece-bytes",
            "2000",
            chain.to_str().unwrap(),
        ],
        b"",
    );
    let (_, batches) = read_stream(&plan);
    let rows = rows(&batches, &["start", "end", "first_line"]);
    assert!(rows.len() > 3, "{}", rows.len());
    let bytes = std::fs::read(&chain).unwrap();
    let mut line = 1;
    let mut at = 0;
    for (k, _) in &rows {
        let (start, end, first) = (k[0] as usize, k[1] as usize, k[2]);
        assert_eq!((start, first), (at, line), "pieces follow one another");
        assert!(end - start >= 2000 || end == bytes.len());
        assert_eq!(bytes[end - 1], b'\n', "a piece ends at a line's end");
        line += bytes[start..end].iter().filter(|&&b| b == b'\n').count() as u64;
        at = end;
    }
    assert_eq!(at, bytes.len());
}

#[test]
fn files_fetched_from_an_object_store_are_named_by_their_urls() {
    // An engine that copied `s3a://news/seeds` into a local folder reads it there and names
    // its files by the URL: the audit is the local one with the URL in place of the folder.
    let seeds = seeds_path();
    let url = "s3a://news/seeds/";
    let (plan, _) = reprint_with(None, &["kernel", "plan", "--shown-as", url, &seeds], b"");
    let (_, batches) = read_stream(&plan);
    let shown: Vec<String> = batches
        .iter()
        .flat_map(|b| {
            let c = b.column_by_name("display").unwrap();
            let c = c
                .as_any()
                .downcast_ref::<arrow_array::StringArray>()
                .unwrap();
            c.iter().map(|s| s.unwrap().to_string()).collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(shown.len(), 5);
    assert!(
        shown.iter().all(|s| s.starts_with("s3a://news/seeds/0")),
        "{shown:?}"
    );
    let (events, code) = reprint_with(None, &["kernel", "prepare"], &plan);
    assert_eq!(code, 0);
    let finish = [
        "kernel",
        "finish",
        "--format",
        "json",
        "--shown-as",
        url,
        &seeds,
    ];
    let (got, code) = reprint_with(None, &finish, &events);
    let (want, want_code) = single_machine(&[&seeds], None);
    let want = String::from_utf8(want)
        .unwrap()
        .replace(&format!("{seeds}/"), url);
    assert_eq!((String::from_utf8(got).unwrap(), code), (want, want_code));

    // One name per path, or none.
    let t = TempCorpus::new();
    let args = ["kernel", "plan", "--shown-as", url, &seeds, &seeds];
    let out = refused(&t, args, b"");
    let e = String::from_utf8_lossy(&out.stderr);
    assert!(
        e.contains("--shown-as is given 1 time(s) for 2 path(s)"),
        "{e}"
    );
}
