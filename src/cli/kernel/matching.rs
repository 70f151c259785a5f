//! The matching kernels: `texts` (the distinct texts of some prepared rows, with their band
//! keys), `buckets` (the candidate pairs of whole buckets) and `verify` (the comparison of
//! candidate pairs with both texts' words joined in), and the `matches` stream that `finish
//! --matches` takes in their place. The engine does the grouping and joining between them:
//! the texts of all partitions merged by key (earliest place), their band and masked keys
//! exploded into bucket rows and grouped by bucket, the pairs deduplicated and joined with
//! the words of both texts.
//!
//! Texts are named by their exact keys, carried in 64-bit signed columns (the bits as they
//! are: Spark has no unsigned type), and ordered by the place of their first paragraph.

use super::{blobs, check_params, column, ints, read_stdin, schema, sorted_rows_of, write_stream};
use anyhow::{Context, Result, bail};
use arrow_array::builder::{BinaryBuilder, Int64Builder, ListBuilder};
use arrow_array::cast::AsArray;
use arrow_array::types::{Float32Type, Int32Type, Int64Type, UInt64Type};
use arrow_array::{
    Array, ArrayRef, BooleanArray, Float32Array, Int32Array, Int64Array, RecordBatch, UInt8Array,
    UInt32Array, UInt64Array,
};
use arrow_schema::{DataType, Field, SchemaRef};
use rayon::prelude::*;
use reprint_core::Prepared;
use reprint_core::config::Config;
use reprint_core::matching::{
    BucketRow, Components, MASKED_FAMILY, Matches, NarrowBucketRow, RecordPlace, TextRow,
    bucket_rows, narrow_bucket_rows, text_rows,
};
use reprint_core::{Comparison, compare_texts, wire};
use std::sync::Arc;

/// Rows per output batch.
const BATCH_ROWS: usize = 8192;

/// The kinds of rows in the `buckets` output and the `matches` stream.
pub(super) const LSH_PAIR: u8 = 0;
pub(super) const MASKED_PAIR: u8 = 1;
pub(super) const CAPPED_BUCKETS: u8 = 2;
/// A text of a bucket over the cap (`a` its key, `b` the bucket, with its `family`), from
/// narrow bucket rows: its place is to be joined in, and the bucket given again.
pub(super) const CROWDED_MEMBER: u8 = 3;
/// In a `matches` stream of an engine that linked the texts itself: a linked text (`a`) and
/// its component's label (`b`).
pub(super) const COMPONENT_MEMBER: u8 = 4;
/// ... the weakest link of a component (`a` its label; `jaccard`, `edit`).
pub(super) const COMPONENT_SCORE: u8 = 5;
/// ... a count summed over the pairs (`b` how many; `a` which: 0 band pairs compared, 1 found
/// near-duplicates, 2 with an edit similarity, 3 too long for one, 4 masked pairs).
pub(super) const PAIR_COUNT: u8 = 6;

pub(super) fn text_fields() -> Vec<Field> {
    vec![
        Field::new("key", DataType::Int64, false),
        Field::new("file", DataType::UInt32, false),
        Field::new("start", DataType::UInt64, false),
        Field::new("seq", DataType::UInt32, false),
        Field::new("para", DataType::UInt32, false),
        Field::new("masked", DataType::Int64, false),
        Field::new(
            "bands",
            DataType::List(Arc::new(Field::new_list_field(DataType::Int64, true))),
            true,
        ),
        Field::new("words", DataType::Binary, false),
    ]
}

pub(super) fn pair_fields() -> Vec<Field> {
    vec![
        Field::new("kind", DataType::UInt8, false),
        Field::new("a", DataType::Int64, false),
        Field::new("b", DataType::Int64, false),
        Field::new("family", DataType::Int32, false),
    ]
}

pub(super) fn verified_fields() -> Vec<Field> {
    vec![
        Field::new("a", DataType::Int64, false),
        Field::new("b", DataType::Int64, false),
        Field::new("near", DataType::Boolean, false),
        Field::new("jaccard", DataType::Float32, false),
        Field::new("edit", DataType::Float32, true),
        Field::new("capped", DataType::Boolean, false),
    ]
}

/// A column of 64-bit values, signed or not, as the bits they hold; a null is an error.
pub(super) fn bits(batch: &RecordBatch, name: &str) -> Result<Vec<u64>> {
    let c = column(batch, name)?;
    let v: Option<Vec<u64>> = match c.data_type() {
        DataType::Int64 => c
            .as_primitive::<Int64Type>()
            .iter()
            .map(|v| v.map(|v| v as u64))
            .collect(),
        DataType::UInt64 => c.as_primitive::<UInt64Type>().iter().collect(),
        t => bail!("column {name:?} holds {t}, not 64-bit keys"),
    };
    v.with_context(|| format!("column {name:?} holds a null value"))
}

/// A column of 32-bit values, in whatever integer type an engine gave it.
fn u32s(batch: &RecordBatch, name: &str) -> Result<Vec<u32>> {
    ints(batch, name)?
        .into_iter()
        .map(|v| u32::try_from(v).with_context(|| format!("column {name:?}: {v} beyond 2^32")))
        .collect()
}

/// Word hashes from the bytes of a `words` value.
pub(super) fn words_of(b: &[u8]) -> Result<Vec<u32>> {
    if b.len() % 4 != 0 {
        bail!("a words value of {} bytes (not whole words)", b.len());
    }
    Ok(b.chunks_exact(4)
        .map(|w| u32::from_le_bytes([w[0], w[1], w[2], w[3]]))
        .collect())
}

/// The articles of prepared rows, decoded, each with the place of its record.
pub(super) fn decoded_records(batches: &[RecordBatch]) -> Result<Vec<(RecordPlace, Prepared)>> {
    let mut records = Vec::new();
    for b in batches {
        for r in sorted_rows_of(b)? {
            if let Some(blob) = r.article {
                let a = wire::decode_article(blob)
                    .with_context(|| format!("file {} prepared row {}", r.file, r.seq))?;
                records.push(((r.file, r.start, r.seq), a));
            }
        }
    }
    Ok(records)
}

/// `kernel texts`: prepared rows in, their distinct texts out.
pub(super) fn texts(engine: &reprint_core::Engine) -> Result<()> {
    let (in_schema, batches) = read_stdin()?;
    check_params(&in_schema, &engine.config)?;
    let records = decoded_records(&batches)?;
    drop(batches);
    let rows = text_rows(engine, records);
    let schema = schema("texts", &engine.config, text_fields());
    write_stream(
        &schema,
        rows.chunks(BATCH_ROWS).map(|c| text_batch(&schema, c)),
    )
}

fn text_batch(schema: &SchemaRef, rows: &[TextRow]) -> Result<RecordBatch> {
    let mut bands = ListBuilder::new(Int64Builder::new());
    let mut words = BinaryBuilder::new();
    let mut bytes = Vec::new();
    for r in rows {
        match &r.bands {
            Some(b) => {
                bands.values().extend(b.iter().map(|&k| Some(k as i64)));
                bands.append(true);
            }
            None => bands.append(false),
        }
        bytes.clear();
        bytes.extend(r.words.iter().flat_map(|w| w.to_le_bytes()));
        words.append_value(&bytes);
    }
    Ok(RecordBatch::try_new(
        schema.clone(),
        vec![
            Arc::new(Int64Array::from_iter_values(
                rows.iter().map(|r| r.key as i64),
            )),
            Arc::new(UInt32Array::from_iter_values(
                rows.iter().map(|r| r.place.0),
            )),
            Arc::new(UInt64Array::from_iter_values(
                rows.iter().map(|r| r.place.1),
            )),
            Arc::new(UInt32Array::from_iter_values(
                rows.iter().map(|r| r.place.2),
            )),
            Arc::new(UInt32Array::from_iter_values(
                rows.iter().map(|r| r.place.3),
            )),
            Arc::new(Int64Array::from_iter_values(
                rows.iter().map(|r| r.masked as i64),
            )),
            Arc::new(bands.finish()) as ArrayRef,
            Arc::new(words.finish()),
        ],
    )?)
}

/// `kernel buckets`: the rows of whole buckets in, their candidate pairs out. Narrow rows
/// (`family, bucket, key`): the pairs of each bucket within the cap, and the rows of each
/// crowded one ([`CROWDED_MEMBER`]), for the engine to join their places in. Rows with places
/// (`file, start, seq, para` as well): the chain and star of each bucket over the cap, in the
/// order of its places, and a row counting those buckets.
pub(super) fn buckets(config: &Config) -> Result<()> {
    let (in_schema, batches) = read_stdin()?;
    check_params(&in_schema, config)?;
    let placed = in_schema.column_with_name("file").is_some();
    let (mut narrow, mut rows) = (Vec::new(), Vec::new());
    for b in &batches {
        let family = families(b)?;
        let (bucket, key) = (bits(b, "bucket")?, bits(b, "key")?);
        if !placed {
            narrow.extend((0..b.num_rows()).map(|i| NarrowBucketRow {
                family: family[i],
                bucket: bucket[i],
                key: key[i],
            }));
            continue;
        }
        let (file, start, seq, para) = (
            u32s(b, "file")?,
            ints(b, "start")?,
            u32s(b, "seq")?,
            u32s(b, "para")?,
        );
        rows.extend((0..b.num_rows()).map(|i| BucketRow {
            family: family[i],
            bucket: bucket[i],
            place: (file[i], start[i], seq[i], para[i]),
            key: key[i],
        }));
    }
    drop(batches);
    let max = config.verify.max_bucket_pairs;
    let (pairs, crowded) = if placed {
        (bucket_rows(rows, max)?, Vec::new())
    } else {
        narrow_bucket_rows(narrow, max)?
    };
    let mut out: Vec<(u8, u64, u64, i32)> = Vec::new();
    out.extend(pairs.lsh.iter().map(|&(a, b)| (LSH_PAIR, a, b, 0)));
    out.extend(pairs.masked.iter().map(|&(a, b)| (MASKED_PAIR, a, b, 0)));
    if pairs.capped > 0 {
        out.push((CAPPED_BUCKETS, pairs.capped, 0, 0));
    }
    out.extend(
        crowded
            .iter()
            .map(|r| (CROWDED_MEMBER, r.key, r.bucket, r.family)),
    );
    let schema = schema("buckets", config, pair_fields());
    write_stream(
        &schema,
        out.chunks(BATCH_ROWS).map(|c| {
            Ok(RecordBatch::try_new(
                schema.clone(),
                vec![
                    Arc::new(UInt8Array::from_iter_values(c.iter().map(|r| r.0))),
                    Arc::new(Int64Array::from_iter_values(c.iter().map(|r| r.1 as i64))),
                    Arc::new(Int64Array::from_iter_values(c.iter().map(|r| r.2 as i64))),
                    Arc::new(Int32Array::from_iter_values(c.iter().map(|r| r.3))),
                ],
            )?)
        }),
    )
}

/// The `family` column: a band, or [`MASKED_FAMILY`].
fn families(b: &RecordBatch) -> Result<Vec<i32>> {
    let family = column(b, "family")?;
    let family: Vec<i32> = match family.data_type() {
        DataType::Int32 => family
            .as_primitive::<Int32Type>()
            .iter()
            .collect::<Vec<_>>(),
        DataType::Int64 => family
            .as_primitive::<Int64Type>()
            .iter()
            .map(|v| v.and_then(|v| i32::try_from(v).ok()))
            .collect(),
        t => bail!("column \"family\" holds {t}, not integers"),
    }
    .into_iter()
    .collect::<Option<Vec<i32>>>()
    .context("column \"family\" holds a null or a value beyond 32 bits")?;
    if let Some((i, f)) = family.iter().enumerate().find(|(_, f)| **f < MASKED_FAMILY) {
        bail!("bucket row {i}: unknown family {f}");
    }
    Ok(family)
}

/// An error for the first pair of texts given twice in `sorted` (pairs in order): an engine
/// that repeats a pair has repeated a part of its work.
pub(super) fn refuse_repeated_pairs(sorted: impl Iterator<Item = (u64, u64)>) -> Result<()> {
    let mut last = None;
    for p in sorted {
        if last == Some(p) {
            bail!(
                "the pair of texts {:016x} and {:016x} is given twice",
                p.0,
                p.1
            );
        }
        last = Some(p);
    }
    Ok(())
}

/// `kernel verify`: candidate pairs with the words of both texts in, each pair's comparison
/// out, in pair order.
pub(super) fn verify(config: &Config) -> Result<()> {
    let (in_schema, batches) = read_stdin()?;
    check_params(&in_schema, config)?;
    let mut pairs: Vec<(u64, u64, Vec<u32>, Vec<u32>)> = Vec::new();
    for b in &batches {
        let (a, bb) = (bits(b, "a")?, bits(b, "b")?);
        let (wa, wb) = (blobs(b, "words_a")?, blobs(b, "words_b")?);
        for i in 0..b.num_rows() {
            let words = |w: Option<&[u8]>, side: &str| {
                words_of(w.with_context(|| format!("pair row {i}: no words of text {side}"))?)
            };
            pairs.push((a[i], bb[i], words(wa[i], "a")?, words(wb[i], "b")?));
        }
    }
    drop(batches);
    pairs.sort_unstable_by_key(|p| (p.0, p.1));
    refuse_repeated_pairs(pairs.iter().map(|p| (p.0, p.1)))?;
    let shingle = config.fingerprint.shingle;
    let compared: Vec<Comparison> = pairs
        .par_iter()
        .with_min_len(256)
        .map(|p| compare_texts(&p.2, &p.3, shingle, &config.verify))
        .collect();
    let schema = schema("verify", config, verified_fields());
    write_stream(
        &schema,
        pairs
            .chunks(BATCH_ROWS)
            .zip(compared.chunks(BATCH_ROWS))
            .map(|(p, c)| {
                Ok(RecordBatch::try_new(
                    schema.clone(),
                    vec![
                        Arc::new(Int64Array::from_iter_values(p.iter().map(|r| r.0 as i64))),
                        Arc::new(Int64Array::from_iter_values(p.iter().map(|r| r.1 as i64))),
                        Arc::new(BooleanArray::from_iter(c.iter().map(|c| Some(c.near)))),
                        Arc::new(Float32Array::from_iter_values(c.iter().map(|c| c.jaccard))),
                        Arc::new(Float32Array::from_iter(c.iter().map(|c| c.edit))),
                        Arc::new(BooleanArray::from_iter(c.iter().map(|c| Some(c.capped)))),
                    ],
                )?)
            }),
    )
}

/// The fields of a `matches` stream: `kind` ([`LSH_PAIR`] with its comparison,
/// [`MASKED_PAIR`], or [`CAPPED_BUCKETS`] counting in `a`), `a`, `b`, and the comparison's
/// columns (null but for band pairs).
#[cfg(test)]
fn match_fields() -> Vec<Field> {
    let mut f = vec![Field::new("kind", DataType::UInt8, false)];
    f.extend(
        verified_fields()
            .into_iter()
            .map(|x| x.clone().with_nullable(true)),
    );
    f
}

/// Reads a `matches` stream (what `finish --matches` takes).
pub(super) fn read_matches(path: &std::path::Path, config: &Config) -> Result<Matches> {
    let place = || path.display().to_string();
    let file = std::fs::File::open(path).with_context(place)?;
    let reader = arrow_ipc::reader::StreamReader::try_new(std::io::BufReader::new(file), None)
        .with_context(|| format!("{}: not an Arrow IPC stream", place()))?;
    check_params(&reader.schema(), config).with_context(place)?;
    let mut m = Matches::default();
    for b in reader {
        let b = b.with_context(|| format!("{}: a damaged Arrow IPC stream", place()))?;
        add_matches(&b, &mut m).with_context(place)?;
    }
    Ok(m)
}

/// The components of `m`, begun when the first row of them is read.
fn components(m: &mut Matches) -> &mut Components {
    m.components.get_or_insert_with(Components::default)
}

/// Adds the rows of one batch of a `matches` stream to `m`.
fn add_matches(b: &RecordBatch, m: &mut Matches) -> Result<()> {
    let kind = ints(b, "kind")?;
    let (a, bb) = (bits(b, "a")?, bits(b, "b")?);
    let bools = |name: &str| -> Result<Vec<Option<bool>>> {
        let c = column(b, name)?;
        match c.data_type() {
            DataType::Boolean => Ok(c.as_boolean().iter().collect()),
            t => bail!("column {name:?} holds {t}, not booleans"),
        }
    };
    let floats = |name: &str| -> Result<Vec<Option<f32>>> {
        let c = column(b, name)?;
        match c.data_type() {
            DataType::Float32 => Ok(c.as_primitive::<Float32Type>().iter().collect()),
            t => bail!("column {name:?} holds {t}, not 32-bit floats"),
        }
    };
    let (near, capped) = (bools("near")?, bools("capped")?);
    let (jaccard, edit) = (floats("jaccard")?, floats("edit")?);
    for i in 0..b.num_rows() {
        match u8::try_from(kind[i]).unwrap_or(u8::MAX) {
            LSH_PAIR => {
                let (Some(near), Some(jaccard), Some(capped)) = (near[i], jaccard[i], capped[i])
                else {
                    bail!("match row {i}: a band pair without its comparison");
                };
                m.lsh.push((
                    a[i],
                    bb[i],
                    Comparison {
                        jaccard,
                        edit: edit[i],
                        near,
                        capped,
                    },
                ));
            }
            MASKED_PAIR => m.masked.push((a[i], bb[i])),
            CAPPED_BUCKETS => m.capped_buckets += a[i],
            COMPONENT_MEMBER => components(m).members.push((a[i], bb[i])),
            COMPONENT_SCORE => {
                let Some(jaccard) = jaccard[i] else {
                    bail!("match row {i}: a component score without its Jaccard");
                };
                components(m).scores.push((a[i], jaccard, edit[i]));
            }
            PAIR_COUNT => {
                let n = &mut components(m).counts;
                let count = match a[i] {
                    0 => &mut n.verify.candidates,
                    1 => &mut n.verify.accepted,
                    2 => &mut n.verify.edit_computed,
                    3 => &mut n.verify.edit_capped,
                    4 => &mut n.masked,
                    c => bail!("match row {i}: unknown count {c}"),
                };
                *count += bb[i];
            }
            k => bail!("match row {i}: unknown kind {k}"),
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_round_trip_through_bytes() {
        let w = [1u32, 0xdead_beef, 7];
        let b: Vec<u8> = w.iter().flat_map(|x| x.to_le_bytes()).collect();
        assert_eq!(words_of(&b).unwrap(), w);
        assert!(words_of(&b[..5]).is_err());
    }

    #[test]
    fn a_match_row_of_unknown_kind_is_refused() {
        let s = Arc::new(arrow_schema::Schema::new(match_fields()));
        let b = RecordBatch::try_new(
            s,
            vec![
                Arc::new(UInt8Array::from(vec![9])),
                Arc::new(Int64Array::from(vec![1])),
                Arc::new(Int64Array::from(vec![2])),
                Arc::new(BooleanArray::from(vec![None::<bool>])),
                Arc::new(Float32Array::from(vec![None::<f32>])),
                Arc::new(Float32Array::from(vec![None::<f32>])),
                Arc::new(BooleanArray::from(vec![None::<bool>])),
            ],
        )
        .unwrap();
        let e = add_matches(&b, &mut Matches::default()).unwrap_err();
        assert!(e.to_string().contains("unknown kind 9"), "{e}");
    }
}
