//! The byte layout of what reading prepares ([`Prepared`] articles and [`RecordError`]s), for
//! passing it between processes that read parts of one corpus and the one that merges them.
//! Integers are LEB128 varints except hashes and keys (fixed little-endian: they are random, a
//! varint would only grow them); strings are a length and UTF-8 bytes. Pure functions;
//! decoding checks every length, so damaged bytes give an error, never a panic or a wrong
//! article.

use crate::error::RecordError;
use crate::ingest::{Prepared, PreparedPara};
use crate::model::declared::DeclKind;
use crate::model::{ArticleMeta, ByteSpan, Declaration, Location};

/// Why bytes could not be read back.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("damaged prepared record: {0}")]
pub struct WireError(&'static str);

type Result<T> = std::result::Result<T, WireError>;

/// Appends the bytes of a prepared article.
pub fn encode_article(a: &Prepared, out: &mut Vec<u8>) {
    let m = &a.meta;
    put_str(out, &m.id);
    for f in [&m.outlet, &m.date, &m.title, &m.url] {
        put_opt_str(out, f.as_deref());
    }
    put_varint(out, u64::from(a.location.file));
    put_varint(out, u64::from(a.location.line));
    put_varint(out, u64::from(a.text_len));
    out.push(u8::from(a.title_first));
    put_varint(out, a.paras.len() as u64);
    for p in &a.paras {
        put_span(out, p.span);
        out.push(p.flags);
        put_varint(out, u64::from(p.junk));
        out.extend_from_slice(&p.key.to_le_bytes());
        out.extend_from_slice(&p.masked.to_le_bytes());
        put_varint(out, p.words.len() as u64);
        for w in &p.words {
            out.extend_from_slice(&w.to_le_bytes());
        }
        // Quoted words: none (the common case) or one bit per word.
        if p.quoted.is_empty() {
            out.push(0);
        } else {
            out.push(1);
            for chunk in p.quoted.chunks(8) {
                out.push(
                    chunk
                        .iter()
                        .enumerate()
                        .fold(0u8, |b, (i, &q)| b | (u8::from(q) << i)),
                );
            }
        }
    }
    put_varint(out, a.declared.len() as u64);
    for d in &a.declared {
        out.push(kind_code(d.kind));
        put_str(out, &d.outlet);
        put_span(out, d.span);
        put_str(out, &d.text);
        put_opt_str(out, d.detail.as_deref());
    }
}

/// Reads back a prepared article written by [`encode_article`].
pub fn decode_article(bytes: &[u8]) -> Result<Prepared> {
    let mut r = Reader { b: bytes, pos: 0 };
    let meta = ArticleMeta {
        id: r.string()?,
        outlet: r.opt_string()?,
        date: r.opt_string()?,
        title: r.opt_string()?,
        url: r.opt_string()?,
    };
    let location = Location {
        file: r.u32()?,
        line: r.u32()?,
    };
    let text_len = r.u32()?;
    let title_first = r.flag()?;
    let n = r.count()?;
    let mut paras = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        let span = r.span()?;
        let flags = r.byte()?;
        let junk = r.u32()?;
        let key = r.u64_le()?;
        let masked = r.u64_le()?;
        let n_words = r.count()?;
        let words = r
            .take(n_words.checked_mul(4).ok_or(WireError("word count"))?)?
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect::<Vec<u32>>();
        let quoted = if r.flag()? {
            let bits = r.take(n_words.div_ceil(8))?;
            (0..n_words)
                .map(|i| bits[i / 8] >> (i % 8) & 1 == 1)
                .collect()
        } else {
            Vec::new()
        };
        paras.push(PreparedPara {
            span,
            flags,
            junk,
            key,
            masked,
            words,
            quoted,
        });
    }
    let n = r.count()?;
    let mut declared = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        declared.push(Declaration {
            kind: kind_of(r.byte()?)?,
            outlet: r.string()?,
            span: r.span()?,
            text: r.string()?,
            detail: r.opt_string()?,
        });
    }
    if r.pos != bytes.len() {
        return Err(WireError("bytes after the article"));
    }
    Ok(Prepared {
        meta,
        location,
        text_len,
        title_first,
        paras,
        declared,
    })
}

/// Appends the bytes of a list of problems.
pub fn encode_errors(errors: &[RecordError], out: &mut Vec<u8>) {
    put_varint(out, errors.len() as u64);
    for e in errors {
        put_str(out, &e.place);
        put_str(out, &e.message);
    }
}

/// Reads back a list of problems written by [`encode_errors`].
pub fn decode_errors(bytes: &[u8]) -> Result<Vec<RecordError>> {
    let mut r = Reader { b: bytes, pos: 0 };
    let n = r.count()?;
    let mut out = Vec::with_capacity(n.min(bytes.len()));
    for _ in 0..n {
        out.push(RecordError {
            place: r.string()?,
            message: r.string()?,
        });
    }
    if r.pos != bytes.len() {
        return Err(WireError("bytes after the problems"));
    }
    Ok(out)
}

const KINDS: [DeclKind; 6] = [
    DeclKind::Dateline,
    DeclKind::PhotoCredit,
    DeclKind::SourceLink,
    DeclKind::Attribution,
    DeclKind::Aggregator,
    DeclKind::Mention,
];

fn kind_code(k: DeclKind) -> u8 {
    KINDS.iter().position(|&x| x == k).unwrap_or(0) as u8
}

fn kind_of(code: u8) -> Result<DeclKind> {
    KINDS
        .get(code as usize)
        .copied()
        .ok_or(WireError("declaration kind"))
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// An absent string is 0; a present one is its length plus one, then its bytes.
fn put_opt_str(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        None => out.push(0),
        Some(s) => {
            put_varint(out, s.len() as u64 + 1);
            out.extend_from_slice(s.as_bytes());
        }
    }
}

fn put_span(out: &mut Vec<u8>, s: ByteSpan) {
    put_varint(out, u64::from(s.start));
    put_varint(out, u64::from(s.end - s.start));
}

/// A cursor over bytes being decoded.
struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn varint(&mut self) -> Result<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            v |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Ok(v);
            }
        }
        Err(WireError("varint too long"))
    }

    fn byte(&mut self) -> Result<u8> {
        let b = *self.b.get(self.pos).ok_or(WireError("ends early"))?;
        self.pos += 1;
        Ok(b)
    }

    fn flag(&mut self) -> Result<bool> {
        match self.byte()? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(WireError("flag not 0 or 1")),
        }
    }

    fn take(&mut self, n: usize) -> Result<&'a [u8]> {
        let end = self.pos.checked_add(n).ok_or(WireError("length"))?;
        let s = self.b.get(self.pos..end).ok_or(WireError("ends early"))?;
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32> {
        u32::try_from(self.varint()?).map_err(|_| WireError("number too large"))
    }

    /// A count of items that each take at least one byte: never more than the bytes left.
    fn count(&mut self) -> Result<usize> {
        let n = usize::try_from(self.varint()?).map_err(|_| WireError("count"))?;
        if n > self.b.len() - self.pos {
            return Err(WireError("count beyond the end"));
        }
        Ok(n)
    }

    fn u64_le(&mut self) -> Result<u64> {
        let s = self.take(8)?;
        Ok(u64::from_le_bytes(s.try_into().expect("8 bytes")))
    }

    fn span(&mut self) -> Result<ByteSpan> {
        let start = self.u32()?;
        let len = self.u32()?;
        let end = start.checked_add(len).ok_or(WireError("span"))?;
        Ok(ByteSpan { start, end })
    }

    fn string(&mut self) -> Result<String> {
        let n = self.count()?;
        let s = self.take(n)?;
        String::from_utf8(s.to_vec()).map_err(|_| WireError("string not UTF-8"))
    }

    fn opt_string(&mut self) -> Result<Option<String>> {
        match self.varint()? {
            0 => Ok(None),
            n => {
                let n = usize::try_from(n - 1).map_err(|_| WireError("length"))?;
                let s = self.take(n)?;
                String::from_utf8(s.to_vec())
                    .map(Some)
                    .map_err(|_| WireError("string not UTF-8"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn article(words: Vec<u32>, quoted: Vec<bool>, outlet: Option<String>) -> Prepared {
        Prepared {
            meta: ArticleMeta {
                id: "a~2".into(),
                outlet,
                date: Some("2024-05-01".into()),
                title: None,
                url: Some("https://example.org/x".into()),
            },
            location: Location { file: 3, line: 17 },
            text_len: 900,
            title_first: true,
            paras: vec![PreparedPara {
                span: ByteSpan { start: 10, end: 80 },
                flags: 5,
                junk: 1 << 20,
                key: u64::MAX - 7,
                masked: 0,
                words,
                quoted,
            }],
            declared: vec![Declaration {
                kind: DeclKind::SourceLink,
                outlet: "Reuters".into(),
                span: ByteSpan { start: 0, end: 9 },
                text: "via Reuters — «é»".into(),
                detail: None,
            }],
        }
    }

    fn same(a: &Prepared, b: &Prepared) -> bool {
        format!("{a:?}") == format!("{b:?}")
    }

    proptest! {
        #[test]
        fn articles_come_back_as_written(
            words in proptest::collection::vec(any::<u32>(), 0..40),
            quote in any::<bool>(),
            outlet in proptest::option::of(".{0,12}"),
        ) {
            let quoted = if quote { words.iter().map(|w| w % 3 == 0).collect() } else { Vec::new() };
            let a = article(words, quoted, outlet);
            let mut bytes = Vec::new();
            encode_article(&a, &mut bytes);
            prop_assert!(same(&decode_article(&bytes).unwrap(), &a));
        }

        #[test]
        fn damaged_bytes_are_an_error_not_a_panic(cut in 0usize..200, flip in any::<u8>()) {
            let a = article(vec![1, 2, 3, 4, 5, 6, 7, 8, 9], vec![true; 9], Some("X".into()));
            let mut bytes = Vec::new();
            encode_article(&a, &mut bytes);
            let cut = cut.min(bytes.len() - 1);
            prop_assert!(decode_article(&bytes[..cut]).is_err());
            bytes[cut] ^= flip | 1;
            let _ = decode_article(&bytes);
        }
    }

    #[test]
    fn problems_come_back_as_written() {
        let e = vec![
            RecordError::line("a.jsonl", 3, "not JSON"),
            RecordError::file("b.txt", "empty"),
        ];
        let mut bytes = Vec::new();
        encode_errors(&e, &mut bytes);
        assert_eq!(decode_errors(&bytes).unwrap(), e);
        assert!(decode_errors(&bytes[..bytes.len() - 1]).is_err());
    }
}
