//! Reading ahead on a thread of its own: inflating a `.gz` or `.zst` dump and decoding parquet
//! pages cost more than parsing the records they hold, and a corpus is read on one thread
//! while its records are decoded in batches. Done beside the record parsing, that work costs
//! wall time only where it is the slower of the two. A bounded channel keeps memory flat:
//! at most a few chunks or row batches wait.

use std::io::{self, Read};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex, PoisonError};

/// Bytes of decompressed input handed over at a time.
const CHUNK: usize = 1 << 20;

/// The items of `iter`, produced on another thread up to `depth` ahead of the caller. When no
/// thread can be started, `iter` is read on the caller's thread instead, as it would be
/// without this. The thread stops when the caller drops what this returns.
pub(super) fn ahead<T, I>(iter: I, depth: usize) -> Box<dyn Iterator<Item = T>>
where
    T: Send + 'static,
    I: Iterator<Item = T> + Send + 'static,
{
    let (tx, rx) = sync_channel(depth);
    let slot = Arc::new(Mutex::new(Some(iter)));
    let theirs = Arc::clone(&slot);
    let started = std::thread::Builder::new()
        .name("reprint-read-ahead".into())
        .spawn(move || {
            let taken = theirs.lock().unwrap_or_else(PoisonError::into_inner).take();
            if let Some(iter) = taken {
                for item in iter {
                    if tx.send(item).is_err() {
                        break;
                    }
                }
            }
        });
    if started.is_ok() {
        return Box::new(rx.into_iter());
    }
    match slot.lock().unwrap_or_else(PoisonError::into_inner).take() {
        Some(iter) => Box::new(iter),
        None => Box::new(std::iter::empty()),
    }
}

/// `inner`, read on another thread a few chunks ahead of the caller. Read errors come in
/// order, after the bytes read before them.
pub(super) fn read_ahead(inner: Box<dyn Read + Send>) -> Box<dyn Read> {
    // Spent chunks go back to be filled again: a fresh megabyte per chunk is a fresh mapping
    // of zeroed pages, whose faults cost as much as parsing the records in it.
    let (give_back, spare) = sync_channel(SPARE);
    let chunks = Chunks {
        inner,
        spare,
        pending: None,
        done: false,
    };
    Box::new(ChunkReader {
        chunks: ahead(chunks, 4),
        give_back,
        cur: Chunk::default(),
        pos: 0,
    })
}

/// Chunks kept for reuse: the ones in the channel and the one being read, so that no chunk
/// is allocated once the reader is going.
const SPARE: usize = 6;

/// A buffer of [`CHUNK`] bytes of which the first `len` hold input.
#[derive(Default)]
struct Chunk {
    buf: Vec<u8>,
    len: usize,
}

/// A reader as a sequence of chunks of up to [`CHUNK`] bytes.
struct Chunks {
    inner: Box<dyn Read + Send>,
    /// Chunks the reader is done with.
    spare: Receiver<Vec<u8>>,
    /// An error met after some bytes of a chunk, handed over after them.
    pending: Option<io::Error>,
    done: bool,
}

impl Iterator for Chunks {
    type Item = io::Result<Chunk>;

    fn next(&mut self) -> Option<io::Result<Chunk>> {
        if let Some(e) = self.pending.take() {
            self.done = true;
            return Some(Err(e));
        }
        if self.done {
            return None;
        }
        let mut buf = self.spare.try_recv().unwrap_or_default();
        buf.resize(CHUNK, 0);
        let mut n = 0;
        while n < buf.len() {
            match self.inner.read(&mut buf[n..]) {
                Ok(0) => {
                    self.done = true;
                    break;
                }
                Ok(k) => n += k,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if n == 0 => {
                    self.done = true;
                    return Some(Err(e));
                }
                Err(e) => {
                    self.pending = Some(e);
                    break;
                }
            }
        }
        if n == 0 {
            return None;
        }
        Some(Ok(Chunk { buf, len: n }))
    }
}

/// Reads the chunks back as one stream.
struct ChunkReader {
    chunks: Box<dyn Iterator<Item = io::Result<Chunk>>>,
    /// Where spent chunks go back to [`Chunks`].
    give_back: SyncSender<Vec<u8>>,
    cur: Chunk,
    pos: usize,
}

impl Read for ChunkReader {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.pos == self.cur.len {
            match self.chunks.next() {
                None => return Ok(0),
                Some(Err(e)) => return Err(e),
                Some(Ok(c)) => {
                    let spent = std::mem::replace(&mut self.cur, c);
                    // A full channel or a finished reader: the chunk is simply freed.
                    let _ = self.give_back.try_send(spent.buf);
                    self.pos = 0;
                }
            }
        }
        let n = out.len().min(self.cur.len - self.pos);
        out[..n].copy_from_slice(&self.cur.buf[self.pos..self.pos + n]);
        self.pos += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Yields `data` in small reads, then an error.
    struct Flaky {
        data: Vec<u8>,
        at: usize,
    }

    impl Read for Flaky {
        fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
            if self.at == self.data.len() {
                return Err(io::Error::other("broken"));
            }
            let n = out.len().min(7).min(self.data.len() - self.at);
            out[..n].copy_from_slice(&self.data[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    #[test]
    fn bytes_then_the_error_come_through_in_order() {
        let data: Vec<u8> = (0..3 * CHUNK + 5).map(|i| (i % 251) as u8).collect();
        let mut r = read_ahead(Box::new(Flaky {
            data: data.clone(),
            at: 0,
        }));
        let mut got = Vec::new();
        let e = r.read_to_end(&mut got).unwrap_err();
        assert_eq!(e.to_string(), "broken");
        assert_eq!(got, data);
        let items: Vec<u32> = ahead(0..1000u32, 2).collect();
        assert_eq!(items, (0..1000).collect::<Vec<_>>());
    }
}
