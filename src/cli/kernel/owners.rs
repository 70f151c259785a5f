//! The kernels of the site-template rule, for an engine that links texts into components
//! itself: `owners` (each article's outlet and host, and the outlets carrying each text),
//! `outlets` (each outlet's own words, from its articles grouped by outlet) and `templates`
//! (whether a near-duplicate pair differs only in naming each text's own outlets, with both
//! texts' words and their outlets' own words joined in). Between them the engine groups the
//! article rows by outlet, joins each text's outlets to their own words, and gathers them by
//! text (see `reprint_core::site_template`).

use super::matching::{bits, decoded_records, refuse_repeated_pairs, words_of};
use super::{blobs, check_params, column, ints, read_stdin, schema, strings, write_stream};
use anyhow::{Context, Result, bail};
use arrow_array::builder::{BinaryBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::{
    Array, ArrayRef, BooleanArray, Int64Array, RecordBatch, StringArray, UInt8Array, UInt32Array,
    UInt64Array,
};
use arrow_schema::{DataType, Field};
use rayon::prelude::*;
use reprint_core::config::Config;
use reprint_core::matching::{ArticleOwner, outlet_words, owner_rows};
use reprint_core::site_template::{differs_only_by_own_names, text_own_words};
use std::sync::Arc;

/// Rows per output batch.
const BATCH_ROWS: usize = 8192;

/// The kinds of rows `owners` writes.
pub(super) const ARTICLE_OWNER: u8 = 0;
pub(super) const CARRIED_TEXT: u8 = 1;

/// What `owners` writes: an article's outlet (`kind` 0: `outlet`, its record's place, the
/// outlet's `name` as it spells it, its URL's `host`) or a text an outlet carries (`kind` 1:
/// `key`, `outlet`).
pub(super) fn owner_fields() -> Vec<Field> {
    vec![
        Field::new("kind", DataType::UInt8, false),
        Field::new("outlet", DataType::Utf8, false),
        Field::new("file", DataType::UInt32, true),
        Field::new("start", DataType::UInt64, true),
        Field::new("seq", DataType::UInt32, true),
        Field::new("name", DataType::Utf8, true),
        Field::new("host", DataType::Utf8, true),
        Field::new("key", DataType::Int64, true),
    ]
}

/// What `outlets` writes: each outlet's own words (little-endian 32-bit hashes, sorted).
pub(super) fn outlet_fields() -> Vec<Field> {
    vec![
        Field::new("outlet", DataType::Utf8, false),
        Field::new("words", DataType::Binary, false),
    ]
}

/// What `templates` writes: whether each pair is one site template filled in twice.
pub(super) fn template_fields() -> Vec<Field> {
    vec![
        Field::new("a", DataType::Int64, false),
        Field::new("b", DataType::Int64, false),
        Field::new("template", DataType::Boolean, false),
    ]
}

/// `kernel owners`: prepared rows in, their articles' outlets and the texts each carries out.
pub(super) fn owners(config: &Config) -> Result<()> {
    let (in_schema, batches) = read_stdin()?;
    check_params(&in_schema, config)?;
    let records = decoded_records(&batches)?;
    drop(batches);
    let (articles, carried) = owner_rows(&records);
    drop(records);
    let schema = schema("owners", config, owner_fields());
    let article_batches = articles.chunks(BATCH_ROWS).map(|c| {
        let mut outlet = StringBuilder::new();
        let (mut name, mut host) = (StringBuilder::new(), StringBuilder::new());
        for r in c {
            outlet.append_value(&r.outlet);
            name.append_option(r.name.as_deref());
            host.append_option(r.host.as_deref());
        }
        Ok(RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(UInt8Array::from(vec![ARTICLE_OWNER; c.len()])) as ArrayRef,
                Arc::new(outlet.finish()),
                Arc::new(UInt32Array::from_iter(c.iter().map(|r| Some(r.place.0)))),
                Arc::new(UInt64Array::from_iter(c.iter().map(|r| Some(r.place.1)))),
                Arc::new(UInt32Array::from_iter(c.iter().map(|r| Some(r.place.2)))),
                Arc::new(name.finish()),
                Arc::new(host.finish()),
                Arc::new(Int64Array::new_null(c.len())),
            ],
        )?)
    });
    let carried_batches = carried.chunks(BATCH_ROWS).map(|c| {
        let mut outlet = StringBuilder::new();
        for (_, o) in c {
            outlet.append_value(o);
        }
        Ok(RecordBatch::try_new(
            schema.clone(),
            vec![
                Arc::new(UInt8Array::from(vec![CARRIED_TEXT; c.len()])) as ArrayRef,
                Arc::new(outlet.finish()),
                Arc::new(UInt32Array::new_null(c.len())),
                Arc::new(UInt64Array::new_null(c.len())),
                Arc::new(UInt32Array::new_null(c.len())),
                Arc::new(StringArray::new_null(c.len())),
                Arc::new(StringArray::new_null(c.len())),
                Arc::new(Int64Array::from_iter_values(c.iter().map(|r| r.0 as i64))),
            ],
        )?)
    });
    write_stream(&schema, article_batches.chain(carried_batches))
}

/// `kernel outlets`: the article rows of whole outlets in (`outlet`, `file`, `start`, `seq`,
/// `name`, `host`), each outlet's own words out.
pub(super) fn outlets(config: &Config) -> Result<()> {
    let (in_schema, batches) = read_stdin()?;
    check_params(&in_schema, config)?;
    let mut rows = Vec::new();
    for b in &batches {
        let (outlet, name, host) = (
            strings(b, "outlet")?,
            strings(b, "name")?,
            strings(b, "host")?,
        );
        let (file, start, seq) = (ints(b, "file")?, ints(b, "start")?, ints(b, "seq")?);
        for i in 0..b.num_rows() {
            let narrow =
                |v: u64, what: &str| u32::try_from(v).with_context(|| format!("row {i}: {what}"));
            rows.push(ArticleOwner {
                outlet: outlet[i]
                    .clone()
                    .with_context(|| format!("outlet row {i}: no outlet"))?,
                place: (narrow(file[i], "file")?, start[i], narrow(seq[i], "seq")?),
                name: name[i].clone(),
                host: host[i].clone(),
            });
        }
    }
    drop(batches);
    let words = outlet_words(rows)?;
    let schema = schema("outlets", config, outlet_fields());
    write_stream(
        &schema,
        words.chunks(BATCH_ROWS).map(|c| {
            let (mut outlet, mut bytes) = (StringBuilder::new(), BinaryBuilder::new());
            for (o, w) in c {
                outlet.append_value(o);
                bytes.append_value(w.iter().flat_map(|x| x.to_le_bytes()).collect::<Vec<u8>>());
            }
            Ok(RecordBatch::try_new(
                schema.clone(),
                vec![
                    Arc::new(outlet.finish()) as ArrayRef,
                    Arc::new(bytes.finish()),
                ],
            )?)
        }),
    )
}

/// A column of lists of byte strings (each outlet's own words), nulls as empty lists.
fn blob_lists(b: &RecordBatch, name: &str) -> Result<Vec<Vec<Vec<u32>>>> {
    let c = column(b, name)?;
    let lists: Vec<Option<ArrayRef>> = match c.data_type() {
        DataType::List(_) => c.as_list::<i32>().iter().collect(),
        DataType::LargeList(_) => c.as_list::<i64>().iter().collect(),
        t => bail!("column {name:?} holds {t}, not lists"),
    };
    lists
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let Some(l) = l else { return Ok(Vec::new()) };
            let items: Vec<Option<&[u8]>> = match l.data_type() {
                DataType::Binary => l.as_binary::<i32>().iter().collect(),
                DataType::LargeBinary => l.as_binary::<i64>().iter().collect(),
                t => bail!("column {name:?} holds lists of {t}, not of bytes"),
            };
            items
                .into_iter()
                .map(|w| words_of(w.with_context(|| format!("row {i}: a null in {name:?}"))?))
                .collect()
        })
        .collect()
}

/// `kernel templates`: near-duplicate pairs with both texts' words and the own words of the
/// outlets carrying each (`own_a`, `own_b`: a list, one per outlet) in, whether each pair is a
/// site template out, in pair order.
pub(super) fn templates(config: &Config) -> Result<()> {
    let (in_schema, batches) = read_stdin()?;
    check_params(&in_schema, config)?;
    type Row = (u64, u64, bool);
    let mut decided: Vec<Row> = Vec::new();
    for b in &batches {
        let (a, bb) = (bits(b, "a")?, bits(b, "b")?);
        let (wa, wb) = (blobs(b, "words_a")?, blobs(b, "words_b")?);
        let (oa, ob) = (blob_lists(b, "own_a")?, blob_lists(b, "own_b")?);
        let rows: Result<Vec<Row>> = (0..b.num_rows())
            .into_par_iter()
            .map(|i| {
                let words = |w: Option<&[u8]>, side: &str| {
                    words_of(w.with_context(|| format!("pair row {i}: no words of text {side}"))?)
                };
                let own = |o: &[Vec<u32>]| {
                    let o: Vec<&[u32]> = o.iter().map(Vec::as_slice).collect();
                    text_own_words(&o)
                };
                let template = differs_only_by_own_names(
                    &words(wa[i], "a")?,
                    &words(wb[i], "b")?,
                    &own(&oa[i]),
                    &own(&ob[i]),
                );
                Ok((a[i], bb[i], template))
            })
            .collect();
        decided.extend(rows?);
    }
    drop(batches);
    decided.sort_unstable();
    refuse_repeated_pairs(decided.iter().map(|p| (p.0, p.1)))?;
    let schema = schema("templates", config, template_fields());
    write_stream(
        &schema,
        decided.chunks(BATCH_ROWS).map(|c| {
            Ok(RecordBatch::try_new(
                schema.clone(),
                vec![
                    Arc::new(Int64Array::from_iter_values(c.iter().map(|r| r.0 as i64)))
                        as ArrayRef,
                    Arc::new(Int64Array::from_iter_values(c.iter().map(|r| r.1 as i64))),
                    Arc::new(BooleanArray::from_iter(c.iter().map(|r| Some(r.2)))),
                ],
            )?)
        }),
    )
}
