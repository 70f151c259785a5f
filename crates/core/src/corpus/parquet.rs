//! Streams the rows of a parquet file as records: each row becomes one JSON object of its
//! columns, so that it is decoded by the same field rules as a JSONL line (aliases, configured
//! names, dotted paths into struct columns such as `metadata.url`) and written back by `clean`
//! with its other columns, and a bad row is reported with its number while the others are read.
//!
//! Row groups are read a batch of rows at a time, never the whole file, on a thread of their
//! own ([`super::ahead`]). A sink that only decodes records gets each row as a reference into
//! its batch ([`ParquetRow`]), whose JSON values are built from the arrow arrays where the
//! record is decoded, in parallel: the object its JSON text would parse to, without writing
//! and parsing that text. A sink that reads records as bytes gets each row's JSON text, written
//! on the reading thread. Columns of a type that has no JSON form here (maps, decimals,
//! intervals, ...) are left out of the records.

use super::InputFile;
use super::read::{RawRecord, RecordSink};
use crate::error::{RecordError, Unit};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use arrow_array::{Array, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
use serde_json::{Map, Value};
use std::io::Write;
use std::sync::Arc;

/// Rows decoded at a time: about a megabyte of news text, so memory stays flat whatever the
/// file's size, and the reading thread hands batches over often enough to keep the decoding
/// busy.
const BATCH_ROWS: usize = 256;

/// Streams the rows of `f` (file number `file`) as records numbered from 1.
pub(super) fn stream_parquet(
    file: u32,
    f: &InputFile,
    want: &dyn Fn(u32, u32) -> bool,
    sink: &mut dyn RecordSink,
) {
    let display = f.display.as_str();
    let opened = match std::fs::File::open(&f.path) {
        Ok(o) => o,
        Err(e) => {
            sink.error(RecordError::file(display, e.to_string()));
            return;
        }
    };
    let size = opened.metadata().map_or(0, |m| m.len());
    let builder = match ParquetRecordBatchReaderBuilder::try_new(opened) {
        Ok(b) => b,
        Err(e) => {
            sink.error(RecordError::file(
                display,
                format!("not a readable parquet file ({e}); skipped"),
            ));
            return;
        }
    };
    let total_rows = builder.metadata().file_metadata().num_rows().max(0) as u64;
    if total_rows == 0 {
        sink.error(RecordError::file(display, "no rows: no records in it"));
        return;
    }
    let reader = match builder.with_batch_size(BATCH_ROWS).build() {
        Ok(r) => r,
        Err(e) => {
            sink.error(RecordError::file(
                display,
                format!("cannot read its row groups ({e}); skipped"),
            ));
            return;
        }
    };
    let mut row = 0u32;
    let mut reported = 0u64;
    let as_values = sink.takes_rows();
    // Pages are decompressed and decoded a batch or two ahead on a thread of their own. Rows
    // given as values are only sized there: building their JSON values is left to whoever
    // decodes the records (the pipeline does so in parallel), so that this one thread does
    // no more than reading JSON lines does.
    let batches = reader.map(move |b| b.map(|batch| Rows::of(batch, as_values)));
    for batch in super::ahead::ahead(batches, 2) {
        let rows = match batch {
            Ok(rows) => rows,
            Err(e) => {
                sink.error(RecordError::at(
                    display,
                    Unit::Row,
                    row.saturating_add(1),
                    format!("corrupt parquet data: {e}; rest of the file skipped"),
                ));
                return;
            }
        };
        for (bytes, values) in rows.records() {
            row = row.saturating_add(1);
            if want(file, row) {
                sink.record(RawRecord {
                    file,
                    line: row,
                    bytes,
                    row: values,
                });
            }
        }
        // Progress in the file's own (compressed) bytes, as it is measured for other files.
        let done = size.saturating_mul(u64::from(row)) / total_rows;
        sink.progress(done.saturating_sub(reported));
        reported = reported.max(done);
    }
}

/// A batch's rows as they leave the reading thread.
enum Rows {
    /// Each row's JSON text, for a sink that reads records as bytes.
    Text(Vec<Vec<u8>>),
    /// The batch itself and each row's size, for a sink that takes rows as values.
    Batch(Arc<RecordBatch>, Vec<usize>),
}

impl Rows {
    /// The rows of `batch`: as JSON text, or (`as_values`) sized only.
    fn of(batch: RecordBatch, as_values: bool) -> Rows {
        if as_values {
            let sizes = row_sizes(&batch);
            Rows::Batch(Arc::new(batch), sizes)
        } else {
            let columns = Columns::of(&batch);
            Rows::Text((0..batch.num_rows()).map(|i| columns.row_json(i)).collect())
        }
    }

    /// Each row as a record's bytes and row.
    fn records(self) -> Box<dyn Iterator<Item = (Vec<u8>, Option<ParquetRow>)>> {
        match self {
            Rows::Text(texts) => Box::new(texts.into_iter().map(|t| (t, None))),
            Rows::Batch(batch, sizes) => {
                Box::new(sizes.into_iter().enumerate().map(move |(index, size)| {
                    let row = ParquetRow {
                        batch: Arc::clone(&batch),
                        index,
                        size,
                    };
                    (Vec::new(), Some(row))
                }))
            }
        }
    }
}

/// A parquet row not yet turned into JSON values: its batch and its number in it. Records are
/// decoded in parallel, so the values are built there ([`ParquetRow::fields`]) rather than on
/// the one thread that reads the file.
#[derive(Debug)]
pub struct ParquetRow {
    batch: Arc<RecordBatch>,
    index: usize,
    /// Bytes of the strings it holds, as the size of its JSON text would be counted.
    pub(crate) size: usize,
}

impl ParquetRow {
    /// The row as the JSON object of its columns, by name: the object its JSON text (as a
    /// sink that reads records as bytes gets it) would parse to, without writing and parsing
    /// that text.
    pub fn fields(&self) -> Map<String, Value> {
        let schema = self.batch.schema_ref();
        let mut fields = Map::new();
        for (field, col) in schema.fields().iter().zip(self.batch.columns()) {
            if has_json_form(field.data_type()) {
                fields.insert(field.name().clone(), value_of(col.as_ref(), self.index));
            }
        }
        fields
    }
}

/// Each row's size in a batch: the bytes its strings take (what sizes a batch of records)
/// and a few per other value, approximately, without building its values.
fn row_sizes(batch: &RecordBatch) -> Vec<usize> {
    let mut sizes = vec![0; batch.num_rows()];
    let schema = batch.schema_ref();
    for (field, col) in schema.fields().iter().zip(batch.columns()) {
        if !has_json_form(field.data_type()) {
            continue;
        }
        let col = col.as_ref();
        let key = field.name().len() + 3;
        for (i, size) in sizes.iter_mut().enumerate() {
            *size += key + value_size(col, i);
        }
    }
    sizes
}

/// Roughly the bytes of value `i` of `a` as JSON: a string's bytes and its quotes, else 8.
fn value_size(a: &dyn Array, i: usize) -> usize {
    if a.is_null(i) {
        return 8;
    }
    match a.data_type() {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => string_len(a, i) + 2,
        _ => 8,
    }
}

/// Value `i` of `a` as JSON: the value [`write_value`] writes, as JSON parsing reads it back
/// (a float through its text, as parsing would read that text).
// Stays long: one arm per arrow type, as in `write_value`.
fn value_of(a: &dyn Array, i: usize) -> Value {
    if a.is_null(i) {
        return Value::Null;
    }
    match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().value(i).into(),
        DataType::LargeUtf8 => a.as_string::<i64>().value(i).into(),
        DataType::Utf8View => a.as_string_view().value(i).into(),
        DataType::Binary => bytes_value(a.as_binary::<i32>().value(i)),
        DataType::LargeBinary => bytes_value(a.as_binary::<i64>().value(i)),
        DataType::BinaryView => bytes_value(a.as_binary_view().value(i)),
        DataType::Boolean => a.as_boolean().value(i).into(),
        DataType::Int8 => a.as_primitive::<Int8Type>().value(i).into(),
        DataType::Int16 => a.as_primitive::<Int16Type>().value(i).into(),
        DataType::Int32 => a.as_primitive::<Int32Type>().value(i).into(),
        DataType::Int64 => a.as_primitive::<Int64Type>().value(i).into(),
        DataType::UInt8 => a.as_primitive::<UInt8Type>().value(i).into(),
        DataType::UInt16 => a.as_primitive::<UInt16Type>().value(i).into(),
        DataType::UInt32 => a.as_primitive::<UInt32Type>().value(i).into(),
        DataType::UInt64 => a.as_primitive::<UInt64Type>().value(i).into(),
        DataType::Float32 => float_value(f64::from(a.as_primitive::<Float32Type>().value(i))),
        DataType::Float64 => float_value(a.as_primitive::<Float64Type>().value(i)),
        DataType::Date32
        | DataType::Date64
        | DataType::Timestamp(_, _)
        | DataType::List(_)
        | DataType::LargeList(_)
        | DataType::FixedSizeList(_, _) => {
            // Dates and lists are rare in news records: their JSON text is written as for a
            // record and parsed, so both ways agree by construction.
            let mut text = Vec::new();
            write_value(&mut text, a, i);
            serde_json::from_slice(&text).unwrap_or(Value::Null)
        }
        DataType::Struct(fields) => {
            let s = a.as_struct();
            let mut map = Map::new();
            for (field, col) in fields.iter().zip(s.columns()) {
                if has_json_form(field.data_type()) {
                    map.insert(field.name().clone(), value_of(col.as_ref(), i));
                }
            }
            Value::Object(map)
        }
        DataType::Dictionary(_, _) => {
            let d = a.as_any_dictionary();
            match dict_key(d.keys(), i) {
                Some(k) if k < d.values().len() => value_of(d.values().as_ref(), k),
                _ => Value::Null,
            }
        }
        _ => Value::Null,
    }
}

/// A float as JSON parsing reads the text [`write_float`] writes (`3` for 3.0, an integer).
fn float_value(v: f64) -> Value {
    let mut text = Vec::new();
    write_float(&mut text, v);
    serde_json::from_slice(&text).unwrap_or(Value::Null)
}

/// Binary as a JSON string when it is UTF-8, else null (as [`write_bytes`]).
fn bytes_value(b: &[u8]) -> Value {
    std::str::from_utf8(b).map_or(Value::Null, |s| s.into())
}

/// The columns of a batch that have a JSON form, each with its key already written as JSON.
struct Columns<'a> {
    cols: Vec<(Vec<u8>, &'a dyn Array)>,
    /// Bytes of a row's JSON beyond its strings, to size the buffer once.
    guess: usize,
}

impl<'a> Columns<'a> {
    fn of(batch: &'a RecordBatch) -> Columns<'a> {
        let schema = batch.schema_ref();
        let mut cols = Vec::new();
        for (field, col) in schema.fields().iter().zip(batch.columns()) {
            if has_json_form(field.data_type()) {
                let mut key = Vec::with_capacity(field.name().len() + 3);
                write_str(&mut key, field.name());
                key.push(b':');
                cols.push((key, col.as_ref()));
            }
        }
        let guess = 64 + cols.iter().map(|c| c.0.len() + 8).sum::<usize>();
        Columns { cols, guess }
    }

    /// Row `i` as one JSON object.
    fn row_json(&self, i: usize) -> Vec<u8> {
        let strings: usize = self.cols.iter().map(|(_, a)| string_len(*a, i)).sum();
        let mut out = Vec::with_capacity(self.guess + strings + strings / 16);
        out.push(b'{');
        for (n, (key, a)) in self.cols.iter().enumerate() {
            if n > 0 {
                out.push(b',');
            }
            out.extend_from_slice(key);
            write_value(&mut out, *a, i);
        }
        out.push(b'}');
        out
    }
}

/// The bytes of a string value at row `i` (0 for other types), to size a row's buffer.
fn string_len(a: &dyn Array, i: usize) -> usize {
    if a.is_null(i) {
        return 0;
    }
    match a.data_type() {
        DataType::Utf8 => a.as_string::<i32>().value(i).len(),
        DataType::LargeUtf8 => a.as_string::<i64>().value(i).len(),
        DataType::Utf8View => a.as_string_view().value(i).len(),
        _ => 0,
    }
}

/// Whether values of type `t` are written into records (else the column is left out).
fn has_json_form(t: &DataType) -> bool {
    match t {
        DataType::Null
        | DataType::Boolean
        | DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::UInt8
        | DataType::UInt16
        | DataType::UInt32
        | DataType::UInt64
        | DataType::Float32
        | DataType::Float64
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::Date32
        | DataType::Date64
        | DataType::Timestamp(_, _) => true,
        DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) => {
            has_json_form(f.data_type())
        }
        DataType::Struct(fields) => fields.iter().any(|f| has_json_form(f.data_type())),
        DataType::Dictionary(_, v) => has_json_form(v),
        _ => false,
    }
}

/// Writes value `i` of `a` as JSON. Binary that is UTF-8 is written as a string (some writers
/// store text without marking it as such); other binary, non-finite floats and values of a
/// type with no JSON form are null.
// Stays long: one arm per arrow type.
fn write_value(out: &mut Vec<u8>, a: &dyn Array, i: usize) {
    if a.is_null(i) {
        out.extend_from_slice(b"null");
        return;
    }
    match a.data_type() {
        DataType::Utf8 => write_str(out, a.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => write_str(out, a.as_string::<i64>().value(i)),
        DataType::Utf8View => write_str(out, a.as_string_view().value(i)),
        DataType::Binary => write_bytes(out, a.as_binary::<i32>().value(i)),
        DataType::LargeBinary => write_bytes(out, a.as_binary::<i64>().value(i)),
        DataType::BinaryView => write_bytes(out, a.as_binary_view().value(i)),
        DataType::Boolean => {
            let v: &[u8] = if a.as_boolean().value(i) {
                b"true"
            } else {
                b"false"
            };
            out.extend_from_slice(v);
        }
        DataType::Int8 => write_num(out, a.as_primitive::<Int8Type>().value(i)),
        DataType::Int16 => write_num(out, a.as_primitive::<Int16Type>().value(i)),
        DataType::Int32 => write_num(out, a.as_primitive::<Int32Type>().value(i)),
        DataType::Int64 => write_num(out, a.as_primitive::<Int64Type>().value(i)),
        DataType::UInt8 => write_num(out, a.as_primitive::<UInt8Type>().value(i)),
        DataType::UInt16 => write_num(out, a.as_primitive::<UInt16Type>().value(i)),
        DataType::UInt32 => write_num(out, a.as_primitive::<UInt32Type>().value(i)),
        DataType::UInt64 => write_num(out, a.as_primitive::<UInt64Type>().value(i)),
        DataType::Float32 => write_float(out, f64::from(a.as_primitive::<Float32Type>().value(i))),
        DataType::Float64 => write_float(out, a.as_primitive::<Float64Type>().value(i)),
        DataType::Date32 => {
            let days = a.as_primitive::<arrow_array::types::Date32Type>().value(i);
            write_date(out, i64::from(days) * 86_400);
        }
        DataType::Date64 => {
            let ms = a.as_primitive::<arrow_array::types::Date64Type>().value(i);
            write_date(out, ms.div_euclid(1000));
        }
        DataType::Timestamp(unit, zone) => write_timestamp(out, a, i, *unit, zone.is_some()),
        DataType::Struct(fields) => {
            let s = a.as_struct();
            out.push(b'{');
            let mut first = true;
            for (field, col) in fields.iter().zip(s.columns()) {
                if !has_json_form(field.data_type()) {
                    continue;
                }
                if !first {
                    out.push(b',');
                }
                first = false;
                write_str(out, field.name());
                out.push(b':');
                write_value(out, col.as_ref(), i);
            }
            out.push(b'}');
        }
        DataType::List(_) => {
            let l = a.as_list::<i32>();
            let o = l.value_offsets();
            write_items(out, l.values().as_ref(), o[i] as usize, o[i + 1] as usize);
        }
        DataType::LargeList(_) => {
            let l = a.as_list::<i64>();
            let o = l.value_offsets();
            write_items(out, l.values().as_ref(), o[i] as usize, o[i + 1] as usize);
        }
        DataType::FixedSizeList(_, n) => {
            let l = a.as_fixed_size_list();
            let n = (*n).max(0) as usize;
            write_items(out, l.values().as_ref(), i * n, (i + 1) * n);
        }
        DataType::Dictionary(_, _) => {
            let d = a.as_any_dictionary();
            match dict_key(d.keys(), i) {
                Some(k) if k < d.values().len() => write_value(out, d.values().as_ref(), k),
                _ => out.extend_from_slice(b"null"),
            }
        }
        _ => out.extend_from_slice(b"null"),
    }
}

/// Writes values `from..to` of `values` as a JSON array.
fn write_items(out: &mut Vec<u8>, values: &dyn Array, from: usize, to: usize) {
    out.push(b'[');
    for j in from..to.min(values.len()) {
        if j > from {
            out.push(b',');
        }
        write_value(out, values, j);
    }
    out.push(b']');
}

/// The dictionary key at row `i`, whatever the key's integer type.
fn dict_key(keys: &dyn Array, i: usize) -> Option<usize> {
    let k = match keys.data_type() {
        DataType::Int8 => keys.as_primitive::<Int8Type>().value(i) as i64,
        DataType::Int16 => keys.as_primitive::<Int16Type>().value(i) as i64,
        DataType::Int32 => keys.as_primitive::<Int32Type>().value(i) as i64,
        DataType::Int64 => keys.as_primitive::<Int64Type>().value(i),
        DataType::UInt8 => keys.as_primitive::<UInt8Type>().value(i) as i64,
        DataType::UInt16 => keys.as_primitive::<UInt16Type>().value(i) as i64,
        DataType::UInt32 => keys.as_primitive::<UInt32Type>().value(i) as i64,
        DataType::UInt64 => keys.as_primitive::<UInt64Type>().value(i) as i64,
        _ => return None,
    };
    usize::try_from(k).ok()
}

/// A float as a JSON number; NaN and infinities, which JSON has no form for, as null.
fn write_float(out: &mut Vec<u8>, v: f64) {
    if v.is_finite() {
        let _ = write!(out, "{v}");
    } else {
        out.extend_from_slice(b"null");
    }
}

/// A timestamp as `YYYY-MM-DDTHH:MM:SS[.fraction]`, with `Z` when the column has a time zone
/// (arrow then stores the instant in UTC), so that dates read from parquet are read as dates.
fn write_timestamp(out: &mut Vec<u8>, a: &dyn Array, i: usize, unit: TimeUnit, utc: bool) {
    use arrow_array::types::{
        TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
        TimestampSecondType,
    };
    let (v, per_second) = match unit {
        TimeUnit::Second => (a.as_primitive::<TimestampSecondType>().value(i), 1),
        TimeUnit::Millisecond => (a.as_primitive::<TimestampMillisecondType>().value(i), 1_000),
        TimeUnit::Microsecond => (
            a.as_primitive::<TimestampMicrosecondType>().value(i),
            1_000_000,
        ),
        TimeUnit::Nanosecond => (
            a.as_primitive::<TimestampNanosecondType>().value(i),
            1_000_000_000,
        ),
    };
    let secs = v.div_euclid(per_second);
    let frac = v.rem_euclid(per_second);
    // The fraction as nanoseconds, so that one width serves every unit.
    let nanos = frac * (1_000_000_000 / per_second);
    out.push(b'"');
    write_civil(out, secs, true);
    if nanos > 0 {
        let digits = format!("{nanos:09}");
        let _ = write!(out, ".{}", digits.trim_end_matches('0'));
    }
    if utc {
        out.push(b'Z');
    }
    out.push(b'"');
}

/// The date of `secs` since 1970 as a JSON string.
fn write_date(out: &mut Vec<u8>, secs: i64) {
    out.push(b'"');
    write_civil(out, secs, false);
    out.push(b'"');
}

/// An integer as a JSON number.
fn write_num(out: &mut Vec<u8>, v: impl std::fmt::Display) {
    // Writing into a Vec cannot fail.
    let _ = write!(out, "{v}");
}

/// `YYYY-MM-DD`, and `THH:MM:SS` when `time`, of `secs` seconds since 1970-01-01 UTC (the
/// civil-from-days conversion of the proleptic Gregorian calendar).
fn write_civil(out: &mut Vec<u8>, secs: i64, time: bool) {
    let days = secs.div_euclid(86_400);
    let s = secs.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    let _ = write!(out, "{y:04}-{m:02}-{d:02}");
    if time {
        let _ = write!(out, "T{:02}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60);
    }
}

/// Binary as a JSON string when it is UTF-8, else null.
fn write_bytes(out: &mut Vec<u8>, b: &[u8]) {
    match std::str::from_utf8(b) {
        Ok(s) => write_str(out, s),
        Err(_) => out.extend_from_slice(b"null"),
    }
}

/// `s` as a JSON string. Runs of bytes that need no escape are found eight bytes at a time and
/// copied whole: texts are long and mostly plain, and this is on the path of every parquet
/// article (a byte-at-a-time loop made it the slowest step of reading parquet).
fn write_str(out: &mut Vec<u8>, s: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    out.push(b'"');
    let bytes = s.as_bytes();
    let mut from = 0;
    let mut i = 0;
    while let Some(at) = next_escape(bytes, i) {
        let b = bytes[at];
        out.extend_from_slice(&bytes[from..at]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            _ => {
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xf)]);
            }
        }
        from = at + 1;
        i = at + 1;
    }
    out.extend_from_slice(&bytes[from..]);
    out.push(b'"');
}

/// The first byte at or after `from` that JSON needs escaped: `"`, `\`, or a control byte.
fn next_escape(bytes: &[u8], from: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // A byte of `v` is zero: the classic test, exact for the first such byte.
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let needs = |b: u8| b < 0x20 || b == b'"' || b == b'\\';
    let mut i = from;
    while i + 8 <= bytes.len() {
        let mut word = [0u8; 8];
        word.copy_from_slice(&bytes[i..i + 8]);
        let w = u64::from_le_bytes(word);
        // Bytes below 0x20 (for bytes under 0x80; others cannot be), `"` and `\`.
        let control = w.wrapping_sub(ONES * 0x20) & !w & HIGH;
        let hit =
            control | zero(w ^ (ONES * u64::from(b'"'))) | zero(w ^ (ONES * u64::from(b'\\')));
        // The flags may over-report after a true hit, never without one; the bytes decide.
        if hit != 0 {
            if let Some(p) = bytes[i..i + 8].iter().position(|&b| needs(b)) {
                return Some(i + p);
            }
        }
        i += 8;
    }
    bytes[i..].iter().position(|&b| needs(b)).map(|p| i + p)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::builder::{Int32Builder, ListBuilder};
    use arrow_array::types::Int32Type as I32;
    use arrow_array::{
        ArrayRef, BinaryArray, BooleanArray, Date32Array, Date64Array, DictionaryArray,
        Float32Array, Float64Array, Int8Array, Int64Array, LargeStringArray, StringArray,
        StringViewArray, StructArray, TimestampMillisecondArray, TimestampNanosecondArray,
        UInt64Array,
    };
    use arrow_schema::Field;
    use std::sync::Arc;

    /// A batch with a column of every type records are built from, nulls and edge values in
    /// each.
    fn every_type() -> RecordBatch {
        let n: i32 = 6;
        let text: ArrayRef = Arc::new(StringArray::from(vec![
            Some("plain"),
            Some("q \"x\" \\ \n\r\t\u{1} é ✓"),
            None,
            Some(""),
            Some("\u{feff}bom"),
            Some("last"),
        ]));
        let large: ArrayRef = Arc::new(LargeStringArray::from(vec!["a", "b", "c", "d", "e", "f"]));
        let view: ArrayRef = Arc::new(StringViewArray::from(vec![
            Some("a view that is longer than twelve bytes"),
            None,
            Some("short"),
            Some(""),
            Some("x"),
            Some("y"),
        ]));
        let bin: ArrayRef = Arc::new(BinaryArray::from(vec![
            Some(&b"utf-8"[..]),
            Some(&[0xff, 0xfe][..]),
            None,
            Some(&b""[..]),
            Some(&b"\n"[..]),
            Some(&b"z"[..]),
        ]));
        let flags: ArrayRef = Arc::new(BooleanArray::from(vec![
            Some(true),
            Some(false),
            None,
            Some(true),
            Some(false),
            Some(true),
        ]));
        let small: ArrayRef = Arc::new(Int8Array::from(vec![-128, 127, 0, -1, 1, 5]));
        let big: ArrayRef = Arc::new(Int64Array::from(vec![i64::MIN, i64::MAX, 0, -7, 7, 1]));
        let unsigned: ArrayRef = Arc::new(UInt64Array::from(vec![u64::MAX, 0, 1, 2, 3, 4]));
        let f32s: ArrayRef = Arc::new(Float32Array::from(vec![0.1, 3.0, -0.0, 1e-7, 1e30, 2.5]));
        let f64s: ArrayRef = Arc::new(Float64Array::from(vec![
            Some(0.1),
            Some(3.0),
            Some(f64::NAN),
            Some(f64::INFINITY),
            Some(1e300),
            None,
        ]));
        let d32: ArrayRef = Arc::new(Date32Array::from(vec![0, 19_000, -1, 1, 2, 3]));
        let d64: ArrayRef = Arc::new(Date64Array::from(vec![0, 1_700_000_000_123, -1, 1, 2, 3]));
        let ts: ArrayRef = Arc::new(
            TimestampMillisecondArray::from(vec![0, 1_709_294_400_250, -1, 1, 2, 3])
                .with_timezone("UTC"),
        );
        let ts_ns: ArrayRef = Arc::new(TimestampNanosecondArray::from(vec![
            1,
            2,
            3,
            4,
            5,
            1_000_000_000,
        ]));
        let mut list = ListBuilder::new(Int32Builder::new());
        for i in 0..n {
            if i == 2 {
                list.append_null();
            } else {
                list.append_value((0..i).map(Some));
            }
        }
        let list: ArrayRef = Arc::new(list.finish());
        let dict: ArrayRef = Arc::new(
            vec!["cc-news", "wire", "cc-news", "x", "wire", "x"]
                .into_iter()
                .collect::<DictionaryArray<I32>>(),
        );
        let url: ArrayRef = Arc::new(StringArray::from(vec![
            Some("https://a.example/1"),
            None,
            Some("u"),
            Some("v"),
            Some("w"),
            Some("x"),
        ]));
        let metadata: ArrayRef = Arc::new(StructArray::from(vec![
            (Arc::new(Field::new("url", DataType::Utf8, true)), url),
            (
                Arc::new(Field::new("when", d32.data_type().clone(), false)),
                d32.clone(),
            ),
        ]));
        RecordBatch::try_from_iter([
            ("text", text),
            ("large", large),
            ("view", view),
            ("bin", bin),
            ("flag", flags),
            ("small", small),
            ("big", big),
            ("unsigned", unsigned),
            ("f32", f32s),
            ("f64", f64s),
            ("d32", d32),
            ("d64", d64),
            ("ts", ts),
            ("ts_ns", ts_ns),
            ("list", list),
            ("dict", dict),
            ("metadata", metadata),
        ])
        .unwrap()
    }

    #[test]
    fn rows_as_values_are_what_their_json_text_parses_to() {
        let batch = every_type();
        let columns = Columns::of(&batch);
        let rows: Vec<_> = Rows::of(batch.clone(), true).records().collect();
        assert_eq!(rows.len(), batch.num_rows());
        for (i, (bytes, row)) in rows.into_iter().enumerate() {
            let row = row.unwrap();
            assert!(bytes.is_empty());
            let parsed: Value = serde_json::from_slice(&columns.row_json(i)).unwrap();
            assert_eq!(parsed, Value::Object(row.fields()), "row {i}");
            assert!(row.size > 0);
        }
    }

    fn json_str(s: &str) -> String {
        let mut out = Vec::new();
        write_str(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_round_trip_through_json() {
        for s in [
            "plain",
            "a \"q\" \\ b\nc\r\t\u{1}\u{1f} é ✓",
            "",
            "eight by\"eight by\\tes and more plain text\u{7f}\u{80}ÿ\n",
        ] {
            let back: String = serde_json::from_str(&json_str(s)).unwrap();
            assert_eq!(back, s);
        }
    }

    #[test]
    fn escapes_are_found_at_every_offset() {
        for b in 0u8..=0x7f {
            for at in 0..20 {
                let mut v = vec![b'a'; 20];
                v[at] = b;
                let naive = v.iter().position(|&c| c < 0x20 || c == b'"' || c == b'\\');
                assert_eq!(next_escape(&v, 0), naive, "byte {b:#x} at {at}");
            }
        }
    }

    #[test]
    fn dates_and_times() {
        let mut out = Vec::new();
        write_date(&mut out, 0);
        write_civil(&mut out, 951_782_400 + 3_723, true); // 2000-02-29 01:02:03
        write_civil(&mut out, -86_400, false);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "\"1970-01-01\"2000-02-29T01:02:031969-12-31"
        );
    }
}
