//! The SQLite implementation of [`IndexStore`]: one file in WAL mode, opened read-only by
//! `check` and read-write (with the write lock taken for the whole add) by `index add`.
//!
//! Crash safety comes from SQLite: an add is one transaction, so a process killed at any moment
//! leaves the file as it was before the add (the uncommitted WAL frames are ignored on the next
//! open). A second writer waits [`LOCK_WAIT`] for the lock, then fails. The file carries an
//! `application_id` so that another SQLite database is refused before any table is read.
//!
//! Unsigned 64-bit keys are stored bit-cast to SQLite's signed integers.

use super::{
    ArticleRef, ArticleRow, FreqRow, IndexStore, Names, OutletCount, TextRef, TextRow, Totals,
};
use reprint_core::error::{Error, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another process's lock before giving up.
pub(crate) const LOCK_WAIT: Duration = Duration::from_secs(3);
/// The `application_id` in the file header ("RPRI").
pub(crate) const APPLICATION_ID: i32 = 0x5250_5249;
/// Page size of new index files: fewer, fuller pages than the default 4096 for rows of this size.
const PAGE_SIZE: u32 = 8192;

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE vocab (id INTEGER PRIMARY KEY, word INTEGER NOT NULL);
CREATE TABLE outlets (id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE files (id INTEGER PRIMARY KEY, path TEXT NOT NULL);
CREATE TABLE texts (
    id INTEGER PRIMARY KEY, key INTEGER NOT NULL, masked INTEGER, n INTEGER NOT NULL,
    line_quoted INTEGER NOT NULL, words BLOB NOT NULL, quoted BLOB);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY, ext_id TEXT NOT NULL UNIQUE, outlet INTEGER, date TEXT,
    date_key INTEGER, url TEXT, file INTEGER, line INTEGER NOT NULL, text_len INTEGER NOT NULL,
    title_first INTEGER NOT NULL, n_paras INTEGER NOT NULL, paras BLOB NOT NULL, credits TEXT);
CREATE TABLE freq (
    text INTEGER NOT NULL, outlet INTEGER NOT NULL, n INTEGER NOT NULL, edge INTEGER NOT NULL,
    PRIMARY KEY (text, outlet)) WITHOUT ROWID;
CREATE TABLE excerpts (text INTEGER PRIMARY KEY, excerpt TEXT NOT NULL);
";

/// An index file opened through SQLite.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    place: String,
    in_write: bool,
}

fn is_code(e: &rusqlite::Error, code: ErrorCode) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _) if f.code == code)
}

impl SqliteStore {
    /// Opens an existing index file for reading only.
    pub fn open_read_only(path: &Path) -> Result<SqliteStore> {
        let place = path.display().to_string();
        refuse_folder(path, &place)?;
        if !path.exists() {
            return Err(Error::Index {
                place,
                message: "no such index; create it with `reprint index add --index FILE PATH...`"
                    .into(),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(&place, e))?;
        let conn = match conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(())) {
            Err(e) if is_code(&e, ErrorCode::ReadOnly) => {
                drop(conn);
                recover_journal(path, &place)?;
                Connection::open_with_flags(path, flags).map_err(|e| open_error(&place, e))?
            }
            _ => conn,
        };
        let store = SqliteStore::configure(conn, path, place)?;
        store.check_header()?;
        Ok(store)
    }

    /// Opens an index file for writing, creating an empty one when it does not exist.
    pub fn open_read_write(path: &Path) -> Result<SqliteStore> {
        let place = path.display().to_string();
        refuse_folder(path, &place)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(&place, e))?;
        let store = SqliteStore::configure(conn, path, place)?;
        store.check_header()?;
        store
            .conn
            .pragma_update(None, "page_size", PAGE_SIZE)
            .map_err(|e| store.err(e))?;
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| store.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(store.fail(format!("cannot switch the index to WAL mode (got {mode})")));
        }
        store
            .conn
            .execute_batch("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;")
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    fn configure(conn: Connection, path: &Path, place: String) -> Result<SqliteStore> {
        conn.busy_timeout(LOCK_WAIT)
            .map_err(|e| open_error(&place, e))?;
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
            place,
            in_write: false,
        })
    }

    /// Refuses a file that is not SQLite, or an SQLite database that is not an index.
    fn check_header(&self) -> Result<()> {
        let app: i32 = self
            .conn
            .query_row("PRAGMA application_id", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        if app != APPLICATION_ID && (app != 0 || tables > 0) {
            return Err(self.fail("not a reprint index (an SQLite database of another kind)"));
        }
        Ok(())
    }

    fn err(&self, e: rusqlite::Error) -> Error {
        db_error(&self.place, e)
    }

    fn fail(&self, message: impl Into<String>) -> Error {
        Error::Index {
            place: self.place.clone(),
            message: message.into(),
        }
    }

    fn u32_at(&self, row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<u32> {
        let v: i64 = row.get(i)?;
        u32::try_from(v).map_err(|_| rusqlite::Error::IntegralValueOutOfRange(i, v))
    }
}

/// Lets SQLite roll back what a killed writer left in the write-ahead log: only a connection
/// that may write can, and until it has, a read-only one cannot read the index at all. Nothing
/// committed is changed.
fn recover_journal(path: &Path, place: &str) -> Result<()> {
    let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(place, e))?;
    conn.busy_timeout(LOCK_WAIT)
        .map_err(|e| open_error(place, e))?;
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |_| Ok(()))
        .map_err(|e| db_error(place, e))?;
    Ok(())
}

/// A folder given as the index: SQLite would only say "disk I/O error" or "unable to open".
fn refuse_folder(path: &Path, place: &str) -> Result<()> {
    if path.is_dir() {
        return Err(Error::Index {
            place: place.to_string(),
            message: "is a folder, not an index file; give the index's file name (e.g. history.db)"
                .into(),
        });
    }
    Ok(())
}

fn open_error(place: &str, e: rusqlite::Error) -> Error {
    db_error(place, e)
}

/// Turns an SQLite error into a message a user can act on.
fn db_error(place: &str, e: rusqlite::Error) -> Error {
    let message = if is_code(&e, ErrorCode::NotADatabase) {
        "not a reprint index (the file is not an SQLite database)".to_string()
    } else if is_code(&e, ErrorCode::DatabaseCorrupt) {
        format!("the index is damaged ({e}); rebuild it with `reprint index add`")
    } else if is_code(&e, ErrorCode::DatabaseBusy) || is_code(&e, ErrorCode::DatabaseLocked) {
        format!(
            "index is locked by another process (waited {} s)",
            LOCK_WAIT.as_secs()
        )
    } else if is_code(&e, ErrorCode::ReadOnly) {
        format!("the index cannot be written ({e})")
    } else {
        format!("index error: {e}")
    };
    Error::Index {
        place: place.to_string(),
        message,
    }
}

fn key_in(v: u64) -> i64 {
    v as i64
}

fn key_out(v: i64) -> u64 {
    v as u64
}

fn table(kind: Names) -> &'static str {
    match kind {
        Names::Outlets => "outlets",
        Names::Files => "files",
    }
}

fn column(kind: Names) -> &'static str {
    match kind {
        Names::Outlets => "name",
        Names::Files => "path",
    }
}

impl IndexStore for SqliteStore {
    fn place(&self) -> &str {
        &self.place
    }

    fn file(&self) -> &Path {
        &self.path
    }

    fn has_schema(&self) -> Result<bool> {
        let n: i64 = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    fn create_schema(&mut self) -> Result<()> {
        self.conn.execute_batch(SCHEMA).map_err(|e| self.err(e))?;
        self.conn
            .pragma_update(None, "application_id", APPLICATION_ID)
            .map_err(|e| self.err(e))?;
        self.conn
            .pragma_update(None, "user_version", super::SCHEMA_VERSION)
            .map_err(|e| self.err(e))
    }

    fn begin_write(&mut self) -> Result<()> {
        self.conn
            .execute_batch("BEGIN IMMEDIATE")
            .map_err(|e| self.err(e))?;
        self.in_write = true;
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
        self.in_write = false;
        // Move the transaction into the main file so it stands alone; a reader in another
        // process may prevent this, which is harmless.
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
        Ok(())
    }

    fn meta(&self) -> Result<Vec<(String, String)>> {
        let mut st = self
            .conn
            .prepare("SELECT key, value FROM meta ORDER BY key")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    fn set_meta(&mut self, key: &str, value: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute(params![key, value]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn names(&self, kind: Names) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT id, {} FROM {} ORDER BY id",
            column(kind),
            table(kind)
        );
        let mut st = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let id = self.u32_at(r, 0).map_err(|e| self.err(e))?;
            if id as usize != out.len() {
                return Err(self.fail(format!("{} ids are not dense", table(kind))));
            }
            out.push(r.get(1).map_err(|e| self.err(e))?);
        }
        Ok(out)
    }

    fn add_name(&mut self, kind: Names, id: u32, name: &str) -> Result<()> {
        let sql = format!(
            "INSERT INTO {} (id, {}) VALUES (?1, ?2)",
            table(kind),
            column(kind)
        );
        self.conn
            .prepare_cached(&sql)
            .and_then(|mut st| st.execute(params![id, name]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn vocab(&self) -> Result<Vec<u32>> {
        let mut st = self
            .conn
            .prepare("SELECT id, word FROM vocab ORDER BY id")
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let id = self.u32_at(r, 0).map_err(|e| self.err(e))?;
            if id as usize != out.len() {
                return Err(self.fail("vocabulary ids are not dense"));
            }
            out.push(self.u32_at(r, 1).map_err(|e| self.err(e))?);
        }
        Ok(out)
    }

    fn add_vocab(&mut self, id: u32, word: u32) -> Result<()> {
        self.conn
            .prepare_cached("INSERT INTO vocab (id, word) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute(params![id, word]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn has_article(&self, ext_id: &str) -> Result<bool> {
        self.conn
            .prepare_cached("SELECT 1 FROM articles WHERE ext_id = ?1")
            .and_then(|mut st| st.exists([ext_id]))
            .map_err(|e| self.err(e))
    }

    fn article_place(&self, ext_id: &str) -> Result<Option<(Option<u32>, u32)>> {
        self.conn
            .prepare_cached("SELECT file, line FROM articles WHERE ext_id = ?1")
            .and_then(|mut st| {
                st.query_row([ext_id], |r| {
                    Ok((r.get::<_, Option<u32>>(0)?, r.get::<_, u32>(1)?))
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    fn add_article(&mut self, a: &ArticleRow) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO articles (id, ext_id, outlet, date, date_key, url, file, line, \
                 text_len, title_first, n_paras, paras, credits) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    a.id,
                    a.ext_id,
                    a.outlet,
                    a.date,
                    a.date_key,
                    a.url,
                    a.file,
                    a.line,
                    a.text_len,
                    a.title_first,
                    a.n_paras,
                    a.paras,
                    a.credits
                ])
            })
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn articles(&self, ids: &[u32]) -> Result<Vec<ArticleRow>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT id, ext_id, outlet, date, date_key, url, file, line, text_len, \
                 title_first, n_paras, paras, credits FROM articles WHERE id = ?1",
            )
            .map_err(|e| self.err(e))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let row = st
                .query_row([id], |r| {
                    Ok(ArticleRow {
                        id: self.u32_at(r, 0)?,
                        ext_id: r.get(1)?,
                        outlet: r.get(2)?,
                        date: r.get(3)?,
                        date_key: r.get(4)?,
                        url: r.get(5)?,
                        file: r.get(6)?,
                        line: r.get(7)?,
                        text_len: r.get(8)?,
                        title_first: r.get(9)?,
                        n_paras: r.get(10)?,
                        paras: r.get(11)?,
                        credits: r.get(12)?,
                    })
                })
                .optional()
                .map_err(|e| self.err(e))?;
            match row {
                Some(r) => out.push(r),
                None => return Err(self.fail(format!("article {id} is missing"))),
            }
        }
        Ok(out)
    }

    fn scan_articles(&self, f: &mut dyn FnMut(ArticleRef<'_>) -> Result<()>) -> Result<()> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, ext_id, outlet, date_key, paras, credits FROM articles ORDER BY id",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = || -> rusqlite::Result<ArticleRef<'_>> {
                Ok(ArticleRef {
                    id: self.u32_at(r, 0)?,
                    ext_id: r.get_ref(1)?.as_str()?,
                    outlet: r.get(2)?,
                    date_key: r.get(3)?,
                    paras: r.get_ref(4)?.as_blob()?,
                    credits: r.get_ref(5)?.as_str_or_null()?,
                })
            };
            f(get().map_err(|e| self.err(e))?)?;
        }
        Ok(())
    }

    fn add_text(&mut self, t: TextRef<'_>) -> Result<()> {
        let masked = (t.masked != 0).then(|| key_in(t.masked));
        self.conn
            .prepare_cached(
                "INSERT INTO texts (id, key, masked, n, line_quoted, words, quoted) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    t.id,
                    key_in(t.key),
                    masked,
                    t.n,
                    t.line_quoted,
                    t.words,
                    t.quoted
                ])
            })
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn count_text(&mut self, id: u32, n: u32) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE texts SET n = n + ?2 WHERE id = ?1")
            .and_then(|mut st| st.execute(params![id, n]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn texts(&self, ids: &[u32]) -> Result<Vec<TextRow>> {
        let mut st = self
            .conn
            .prepare_cached(
                "SELECT key, masked, n, line_quoted, words, quoted FROM texts WHERE id = ?1",
            )
            .map_err(|e| self.err(e))?;
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            let row = st
                .query_row([id], |r| {
                    Ok(TextRow {
                        id,
                        key: key_out(r.get(0)?),
                        masked: r.get::<_, Option<i64>>(1)?.map_or(0, key_out),
                        n: self.u32_at(r, 2)?,
                        line_quoted: r.get(3)?,
                        words: r.get(4)?,
                        quoted: r.get(5)?,
                    })
                })
                .optional()
                .map_err(|e| self.err(e))?;
            match row {
                Some(r) => out.push(r),
                None => return Err(self.fail(format!("paragraph text {id} is missing"))),
            }
        }
        Ok(out)
    }

    fn scan_texts(&self, f: &mut dyn FnMut(TextRef<'_>) -> Result<()>) -> Result<()> {
        let mut st = self
            .conn
            .prepare("SELECT id, key, masked, n, line_quoted, words, quoted FROM texts ORDER BY id")
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let get = || -> rusqlite::Result<TextRef<'_>> {
                Ok(TextRef {
                    id: self.u32_at(r, 0)?,
                    key: key_out(r.get(1)?),
                    masked: r.get::<_, Option<i64>>(2)?.map_or(0, key_out),
                    n: self.u32_at(r, 3)?,
                    line_quoted: r.get(4)?,
                    words: r.get_ref(5)?.as_blob()?,
                    quoted: r.get_ref(6)?.as_blob_or_null()?,
                })
            };
            f(get().map_err(|e| self.err(e))?)?;
        }
        Ok(())
    }

    fn add_freq(&mut self, row: &FreqRow) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO freq (text, outlet, n, edge) VALUES (?1, ?2, ?3, ?4) \
                 ON CONFLICT (text, outlet) DO UPDATE SET n = n + excluded.n, edge = edge + excluded.edge",
            )
            .and_then(|mut st| st.execute(params![row.text, row.outlet, row.n, row.edge]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn freq(&self, texts: &[u32]) -> Result<Vec<FreqRow>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT outlet, n, edge FROM freq WHERE text = ?1 ORDER BY outlet")
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for &text in texts {
            let mut rows = st.query([text]).map_err(|e| self.err(e))?;
            while let Some(r) = rows.next().map_err(|e| self.err(e))? {
                out.push(FreqRow {
                    text,
                    outlet: self.u32_at(r, 0).map_err(|e| self.err(e))?,
                    n: self.u32_at(r, 1).map_err(|e| self.err(e))?,
                    edge: self.u32_at(r, 2).map_err(|e| self.err(e))?,
                });
            }
        }
        Ok(out)
    }

    fn top_freq(&self, min_n: u32, edge_share: f64, limit: usize) -> Result<Vec<FreqRow>> {
        let mut st = self
            .conn
            .prepare(
                "SELECT text, outlet, n, edge FROM freq WHERE n >= ?1 AND edge >= n * ?2 \
                 ORDER BY n DESC, text, outlet LIMIT ?3",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map(params![min_n, edge_share, limit as i64], |r| {
                Ok(FreqRow {
                    text: self.u32_at(r, 0)?,
                    outlet: self.u32_at(r, 1)?,
                    n: self.u32_at(r, 2)?,
                    edge: self.u32_at(r, 3)?,
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<rusqlite::Result<_>>()
            .map_err(|e| self.err(e))
    }

    fn excerpts(&self, texts: &[u32]) -> Result<Vec<(u32, String)>> {
        let mut st = self
            .conn
            .prepare_cached("SELECT excerpt FROM excerpts WHERE text = ?1")
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for &t in texts {
            let e: Option<String> = st
                .query_row([t], |r| r.get(0))
                .optional()
                .map_err(|e| self.err(e))?;
            if let Some(e) = e {
                out.push((t, e));
            }
        }
        Ok(out)
    }

    fn set_excerpt(&mut self, text: u32, excerpt: &str) -> Result<()> {
        self.conn
            .prepare_cached("INSERT OR REPLACE INTO excerpts (text, excerpt) VALUES (?1, ?2)")
            .and_then(|mut st| st.execute(params![text, excerpt]))
            .map(|_| ())
            .map_err(|e| self.err(e))
    }

    fn counts(&self) -> Result<(u64, u64)> {
        let next = |sql: &str| -> Result<u64> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|v| v as u64)
                .map_err(|e| self.err(e))
        };
        Ok((
            next("SELECT coalesce(max(id) + 1, 0) FROM articles")?,
            next("SELECT coalesce(max(id) + 1, 0) FROM texts")?,
        ))
    }

    fn totals(&self) -> Result<Totals> {
        let c = &self.conn;
        let one = |sql: &str| -> Result<i64> {
            c.query_row(sql, [], |r| r.get::<_, Option<i64>>(0))
                .map(|v| v.unwrap_or(0))
                .map_err(|e| self.err(e))
        };
        let date_at = |key: Option<i64>| -> Result<Option<String>> {
            match key {
                None => Ok(None),
                Some(k) => c
                    .query_row(
                        "SELECT date FROM articles WHERE date_key = ?1 ORDER BY id LIMIT 1",
                        [k],
                        |r| r.get(0),
                    )
                    .map_err(|e| self.err(e)),
            }
        };
        let (first_key, last_key): (Option<i64>, Option<i64>) = c
            .query_row(
                "SELECT min(date_key), max(date_key) FROM articles",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .map_err(|e| self.err(e))?;
        let mut st = c
            .prepare("SELECT outlet, count(*) FROM articles GROUP BY outlet ORDER BY outlet")
            .map_err(|e| self.err(e))?;
        let outlets = st
            .query_map([], |r| {
                Ok(OutletCount {
                    outlet: r.get(0)?,
                    articles: r.get::<_, i64>(1)? as u64,
                })
            })
            .map_err(|e| self.err(e))?
            .collect::<rusqlite::Result<Vec<_>>>()
            .map_err(|e| self.err(e))?;
        let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        Ok(Totals {
            articles: one("SELECT count(*) FROM articles")? as u64,
            paragraphs: one("SELECT sum(n_paras) FROM articles")? as u64,
            texts: one("SELECT coalesce(max(id) + 1, 0) FROM texts")? as u64,
            vocab: one("SELECT count(*) FROM vocab")? as u64,
            undated: one("SELECT count(*) FROM articles WHERE date_key IS NULL")? as u64,
            first_date: date_at(first_key)?,
            last_date: date_at(last_key)?,
            outlets,
            bytes: size(&self.path) + size(Path::new(&wal)),
        })
    }
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        if self.in_write {
            let _ = self.conn.execute_batch("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_files_are_refused_with_a_clear_message() {
        let d = tempfile::tempdir().unwrap();
        let junk = d.path().join("junk.db");
        std::fs::write(&junk, vec![b'x'; 5000]).unwrap();
        let e = SqliteStore::open_read_only(&junk)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("not a reprint index"), "{e}");
        let e = SqliteStore::open_read_write(&junk)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("not a reprint index"), "{e}");

        let other = d.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let e = SqliteStore::open_read_only(&other)
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("another kind"), "{e}");

        let e = SqliteStore::open_read_only(&d.path().join("missing.db"))
            .err()
            .unwrap()
            .to_string();
        assert!(e.contains("no such index"), "{e}");
    }

    #[test]
    fn a_second_writer_is_told_the_index_is_locked() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("i.db");
        let mut a = SqliteStore::open_read_write(&p).unwrap();
        a.begin_write().unwrap();
        a.create_schema().unwrap();
        let mut b = SqliteStore::open_read_write(&p).unwrap();
        b.conn.busy_timeout(Duration::from_millis(50)).unwrap();
        let e = b.begin_write().err().unwrap().to_string();
        assert!(e.contains("index is locked by another process"), "{e}");
        a.commit().unwrap();
        b.begin_write().unwrap();
    }
}
