//! Where commands write: [`Output`], standard output or a file (`-` is standard output), is the
//! one destination every command's report goes through, chosen by `--out` or a command's own
//! file flag (`clean`, which writes two files side by side, holds two [`AtomicFile`]s;
//! `report`'s multi-page folders use [`write_folder_atomically`] and [`FolderPages`]; `check`
//! adds to GitHub's step summary with [`append`]).
//!
//! Writing output files atomically: into a temporary file in the same folder, then renamed over
//! the target, so a reader (or a crash) sees the old file or the new one, never half of one.
//! Folders (multi-page reports) are written the same way: filled under a temporary name, then
//! renamed into place. A killed run can leave a `.reprint-*` temporary behind in the target's
//! folder, never a partial target.
//!
//! A target that exists and is not a regular file (`/dev/null`, `/dev/stdout`, a named pipe)
//! is written in place instead: renaming a file over a device would replace the device.
//!
//! A target that is a symbolic link is followed: the file it points to is written (atomically,
//! in that file's folder) and the link stays a link. Renaming over the link itself would have
//! replaced it with a regular file and left its target unwritten. A link that leads into
//! `/proc` (`/dev/stdout` is `/proc/self/fd/1`) is written in place: what it names is an open
//! descriptor of this process, not a file that may be renamed over.
//!
//! A file named `*.gz` or `*.zst` is written compressed (gzip or zstd), as inputs of those
//! names are read; standard output is never compressed.

use reprint_core::Compression;
use reprint_core::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Asks for the permissions an ordinary new file or folder gets (`mode` less the umask), not
/// the owner-only ones of a temporary file: the output outlives its temporary name.
fn readable<'a, 'b>(
    b: &'b mut tempfile::Builder<'a, 'a>,
    mode: u32,
) -> &'b mut tempfile::Builder<'a, 'a> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        b.permissions(std::fs::Permissions::from_mode(mode))
    }
    #[cfg(not(unix))]
    {
        let _ = mode;
        b
    }
}

/// Symbolic links followed at most before giving up (as the kernel's `ELOOP` limit).
const MAX_LINKS: usize = 40;

/// Where writing `path` really lands: `path` itself, or the end of its chain of symbolic
/// links (which need not exist yet). Relative links are resolved from the link's folder.
fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut at = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = std::fs::read_link(&at).map_err(|e| Error::io(&at, e))?;
                at = match at.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(at),
        }
    }
    Err(Error::Input(format!(
        "{}: more than {MAX_LINKS} symbolic links in a row; not writing through them",
        path.display()
    )))
}

/// Whether `path` is to be written in place rather than replaced (see the module's
/// documentation): it exists and is neither a regular file nor a folder (a device, a pipe),
/// or its links lead into `/proc` (an open descriptor such as `/dev/stdout`).
fn is_special(path: &Path, resolved: &Path) -> bool {
    std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir())
        || (resolved != path && resolved.starts_with("/proc"))
}

/// Opens a device, pipe or descriptor for writing in place; one that is a regular file (a
/// redirection behind `/dev/stdout`) is emptied first, as the shell's `>` would.
fn open_special(path: &Path) -> Result<std::fs::File> {
    let regular = std::fs::metadata(path).is_ok_and(|m| m.is_file());
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(regular)
        .open(path)
        .map_err(|e| Error::io(path, e))
}

/// Where a command writes its report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Output<'p> {
    /// Standard output, buffered and flushed at the end.
    Stdout,
    /// A file, replaced atomically once the report is complete.
    File(&'p Path),
}

impl<'p> Output<'p> {
    /// The file `--out` names, else (no `--out`, or `-`) standard output.
    pub fn of(out: Option<&'p Path>) -> Output<'p> {
        match out {
            Some(path) if path.as_os_str() != "-" => Output::File(path),
            _ => Output::Stdout,
        }
    }

    /// The file a command's own flag names (`-` is standard output).
    pub fn to(path: &'p Path) -> Output<'p> {
        Output::of(Some(path))
    }

    /// Writes the report `render` makes. A failed write is an error here, not lost when the
    /// process exits; a file that could not be written whole is left as it was.
    pub fn write(
        self,
        render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        match self {
            Output::Stdout => write_buffered(std::io::stdout().lock(), render)?,
            Output::File(path) => write_atomically(path, render)?,
        }
        Ok(())
    }

    /// Writes a report holding ANSI styles: standard output keeps them when `color` (through
    /// a stream that translates them where the terminal needs it), a file only when `color`.
    pub fn write_styled(
        self,
        color: bool,
        render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> anyhow::Result<()> {
        let choice = if color {
            anstream::ColorChoice::Always
        } else {
            anstream::ColorChoice::Never
        };
        match self {
            Output::Stdout => {
                let stdout = anstream::AutoStream::new(std::io::stdout().lock(), choice);
                write_buffered(stdout, render)?;
            }
            Output::File(path) if color => write_atomically(path, render)?,
            Output::File(path) => write_atomically(path, |w| {
                let mut plain = anstream::StripStream::new(Vec::new());
                render(&mut plain)?;
                w.write_all(&plain.into_inner())
            })?,
        }
        Ok(())
    }
}

/// Appends what `render` makes to `path` (created when missing) in one write: a file that other
/// programs add to as well, such as GitHub's step summary, is extended, never replaced. `what`
/// names the file in messages.
pub fn append(
    path: &Path,
    what: &str,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> anyhow::Result<()> {
    use anyhow::Context;
    let mut f = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .with_context(|| format!("opening {what} {}", path.display()))?;
    let mut buf = Vec::new();
    render(&mut buf)?;
    f.write_all(&buf)
        .with_context(|| format!("writing {what} {}", path.display()))
}

/// Writes through `render` into `w`, buffered, then flushes (for standard output, and for a
/// terminal stream that strips colour when it should).
pub fn write_buffered(
    w: impl Write,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> std::io::Result<()> {
    let mut w = BufWriter::with_capacity(1 << 16, w);
    render(&mut w)?;
    w.flush()
}

/// Writes `path` through `fill`; the file appears only once `fill` succeeded and was flushed
/// (an [`AtomicFile`] filled by one closure).
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut file = AtomicFile::create(path)?;
    fill(file.writer()).map_err(|e| Error::io(path, e))?;
    file.commit()
}

/// An output file being written: a temporary file next to the target that replaces it on
/// [`AtomicFile::commit`]. Dropped without a commit, it is removed and the target is left as
/// it was. For writing several files in one pass (`clean` writes the cleaned corpus and its
/// removal log side by side), where [`write_atomically`]'s single closure does not fit.
pub struct AtomicFile {
    /// The path as given, for messages.
    path: PathBuf,
    /// The file renamed over: `path`, or where its symbolic links lead.
    target: PathBuf,
    writer: Encoder,
}

/// How an output file is encoded, chosen by its name ([`Encoder::for_name`]).
enum Encoder {
    /// As written.
    Plain(BufWriter<Target>),
    /// gzip (no file name or time in the header, so the same output gives the same bytes).
    Gzip(flate2::write::GzEncoder<BufWriter<Target>>),
    /// zstd at its default level.
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<Target>>),
}

impl Encoder {
    /// The encoder a file named `path` (as given, not where its links lead) gets: gzip for
    /// `.gz`, zstd for `.zst`, as [`Compression`] reads input names; else none.
    fn for_name(path: &Path, w: BufWriter<Target>) -> std::io::Result<Encoder> {
        Ok(match Compression::of_path(path) {
            Compression::Gzip => Encoder::Gzip(flate2::write::GzEncoder::new(
                w,
                flate2::Compression::default(),
            )),
            Compression::Zstd => Encoder::Zstd(zstd::stream::write::Encoder::new(w, 0)?),
            Compression::None => Encoder::Plain(w),
        })
    }

    /// Ends the compressed stream (its trailer written) and gives back the buffered target.
    fn finish(self) -> std::io::Result<BufWriter<Target>> {
        match self {
            Encoder::Plain(w) => Ok(w),
            Encoder::Gzip(e) => e.finish(),
            Encoder::Zstd(e) => e.finish(),
        }
    }
}

/// Reads back a file written through an [`AtomicFile`], decoded as its name says.
pub fn read_back(path: &Path) -> std::io::Result<Box<dyn std::io::BufRead>> {
    let file = std::fs::File::open(path)?;
    let decoded = Compression::of_path(path).reader(file)?;
    Ok(Box::new(std::io::BufReader::with_capacity(
        1 << 20,
        decoded,
    )))
}

impl Write for Encoder {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Encoder::Plain(w) => w.write(buf),
            Encoder::Gzip(e) => e.write(buf),
            Encoder::Zstd(e) => e.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Encoder::Plain(w) => w.flush(),
            Encoder::Gzip(e) => e.flush(),
            Encoder::Zstd(e) => e.flush(),
        }
    }
}

/// Where an [`AtomicFile`] writes.
enum Target {
    /// A temporary file, renamed over the target on commit.
    Temporary(tempfile::NamedTempFile),
    /// A device or pipe, written in place.
    Special(std::fs::File),
    /// Standard output (`-`).
    Stdout(std::io::Stdout),
}

impl Write for Target {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Target::Temporary(f) => f.write(buf),
            Target::Special(f) => f.write(buf),
            Target::Stdout(f) => f.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Target::Temporary(f) => f.flush(),
            Target::Special(f) => f.flush(),
            Target::Stdout(f) => f.flush(),
        }
    }
}

/// The operating system's error without the temporary file's name that the temporary-file
/// crate appends to it: the user's message names the output they asked for, once, not a hidden
/// name they never chose (and not the same error twice).
fn bare(e: std::io::Error) -> std::io::Error {
    if e.raw_os_error().is_some() {
        return e;
    }
    let message = e.to_string();
    match message.rfind(" at path \"") {
        Some(cut) => std::io::Error::new(e.kind(), &message[..cut]),
        None => e,
    }
}

impl AtomicFile {
    /// Starts writing `path` (a temporary file in the same folder, so the rename is atomic).
    pub fn create(path: &Path) -> Result<AtomicFile> {
        // `-` is standard output, as for the inputs; a file named `-` is `./-`.
        if path.as_os_str() == "-" {
            return Ok(AtomicFile {
                path: path.to_path_buf(),
                target: path.to_path_buf(),
                writer: Encoder::Plain(BufWriter::with_capacity(
                    1 << 16,
                    Target::Stdout(std::io::stdout()),
                )),
            });
        }
        let target = resolve_links(path)?;
        if is_special(path, &target) {
            let w = BufWriter::with_capacity(1 << 20, Target::Special(open_special(path)?));
            return Ok(AtomicFile {
                path: path.to_path_buf(),
                writer: Encoder::for_name(path, w).map_err(|e| Error::io(path, e))?,
                target,
            });
        }
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let tmp = readable(
            tempfile::Builder::new().prefix(".reprint-").suffix(".tmp"),
            0o666,
        )
        .tempfile_in(dir)
        .map_err(|e| Error::io(path, bare(e)))?;
        let w = BufWriter::with_capacity(1 << 20, Target::Temporary(tmp));
        Ok(AtomicFile {
            path: path.to_path_buf(),
            writer: Encoder::for_name(path, w).map_err(|e| Error::io(path, e))?,
            target,
        })
    }

    /// The writer to fill the file through.
    pub fn writer(&mut self) -> &mut dyn Write {
        &mut self.writer
    }

    /// Flushes and syncs the temporary file, then renames it over the target.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        let to = self.target;
        let target = self
            .writer
            .finish()
            .map_err(|e| Error::io(&path, e))?
            .into_inner()
            .map_err(|e| Error::io(&path, e.into_error()))?;
        if let Target::Temporary(tmp) = target {
            tmp.as_file().sync_all().map_err(|e| Error::io(&path, e))?;
            tmp.persist(&to)
                .map_err(|e| Error::io(&path, bare(e.error)))?;
        }
        Ok(())
    }
}

/// Writes a folder at `path` through `fill`, which gets an empty temporary folder next to
/// `path` to fill; only once `fill` succeeded is it renamed to `path`, with a file named
/// `marker` in it. A failed `fill` leaves nothing behind and `path` as it was.
///
/// Something already at `path` is replaced only when it is a folder holding `marker` (one this
/// function wrote before). Anything else there (a folder of the user's, a file, a symbolic
/// link) is refused, so nothing this program did not write is ever removed. The old folder is
/// moved aside before the new one is renamed in, then deleted.
pub fn write_folder_atomically(
    path: &Path,
    marker: &str,
    fill: impl FnOnce(&Path) -> std::io::Result<()>,
) -> Result<()> {
    let parent = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let existing = std::fs::symlink_metadata(path).ok();
    match &existing {
        Some(m) if m.is_dir() && !path.join(marker).is_file() => {
            return Err(Error::Input(format!(
                "{}: a folder that this program did not write (no {marker} in it); not replacing it",
                path.display()
            )));
        }
        Some(m) if !m.is_dir() => {
            let what = if m.file_type().is_symlink() {
                "a symbolic link"
            } else {
                "a file"
            };
            return Err(Error::Input(format!(
                "{}: {what} is there, and a folder was to be written; not replacing it (remove it or choose another name)",
                path.display()
            )));
        }
        _ => {}
    }
    let tmp = readable(tempfile::Builder::new().prefix(".reprint-"), 0o777)
        .tempdir_in(parent)
        .map_err(|e| Error::io(path, bare(e)))?;
    fill(tmp.path()).map_err(|e| Error::io(path, e))?;
    std::fs::write(tmp.path().join(marker), b"").map_err(|e| Error::io(path, e))?;
    let aside = existing.map(|_| {
        let mut name = tmp.path().as_os_str().to_owned();
        name.push("-old");
        std::path::PathBuf::from(name)
    });
    if let Some(old) = &aside {
        std::fs::rename(path, old).map_err(|e| Error::io(path, e))?;
    }
    if let Err(e) = std::fs::rename(tmp.path(), path) {
        if let Some(old) = &aside {
            let _ = std::fs::rename(old, path);
        }
        return Err(Error::io(path, e));
    }
    let _ = tmp.keep();
    if let Some(old) = aside {
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(old, e))?;
    }
    Ok(())
}

/// The pages of a multi-page report, each a file in the folder [`write_folder_atomically`]
/// is filling.
pub struct FolderPages<'p>(pub &'p Path);

impl reprint_report::Pages for FolderPages<'_> {
    fn page(&mut self, name: &str) -> std::io::Result<Box<dyn Write>> {
        let f = std::fs::File::create(self.0.join(name))?;
        Ok(Box::new(BufWriter::with_capacity(1 << 16, f)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn out_names_a_file_else_standard_output() {
        assert_eq!(Output::of(None), Output::Stdout);
        let p = Path::new("report.json");
        assert_eq!(Output::of(Some(p)), Output::File(p));
        assert_eq!(Output::to(Path::new("-")), Output::Stdout);
        assert_eq!(Output::to(Path::new("./-")), Output::File(Path::new("./-")));
        let d = tempfile::tempdir().unwrap();
        for (color, want) in [(true, "\x1b[1mbold\x1b[0m"), (false, "bold")] {
            let p = d.path().join("styled.txt");
            Output::to(&p)
                .write_styled(color, |w| w.write_all(b"\x1b[1mbold\x1b[0m"))
                .unwrap();
            assert_eq!(std::fs::read_to_string(&p).unwrap(), want);
        }
        let mut v = Vec::new();
        write_buffered(&mut v, |w| w.write_all(b"all of it")).unwrap();
        assert_eq!(v, b"all of it");
    }

    /// A named pipe stands for a device such as `/dev/null`: written in place, it stays a
    /// pipe (a rename over it would have replaced it with a regular file).
    #[cfg(unix)]
    #[test]
    fn a_pipe_or_device_is_written_in_place_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let d = tempfile::tempdir().unwrap();
        let fifo = d.path().join("out.fifo");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            return; // no mkfifo here: nothing to test with
        }
        for round in 0..2 {
            let reader = {
                let fifo = fifo.clone();
                std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
            };
            if round == 0 {
                write_atomically(&fifo, |w| w.write_all(b"through write_atomically")).unwrap();
            } else {
                let mut f = AtomicFile::create(&fifo).unwrap();
                f.writer().write_all(b"through AtomicFile").unwrap();
                f.commit().unwrap();
            }
            let got = reader.join().unwrap();
            assert!(got.starts_with("through"), "{got}");
            assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
        }
        // Nothing was left next to it.
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("out.json");
        std::fs::write(&p, "old").unwrap();
        let r = write_atomically(&p, |w| {
            w.write_all(b"partial")?;
            Err(std::io::Error::other("boom"))
        });
        assert!(r.is_err());
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        write_atomically(&p, |w| w.write_all(b"new")).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
        let leftovers = std::fs::read_dir(d.path()).unwrap().count();
        assert_eq!(leftovers, 1);
    }

    #[test]
    fn an_uncommitted_file_leaves_the_old_one_and_no_temporary() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("clean.jsonl");
        std::fs::write(&p, "old").unwrap();
        let mut f = AtomicFile::create(&p).unwrap();
        f.writer().write_all(&[b'x'; 3 << 20]).unwrap();
        drop(f);
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "old");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
        let mut f = AtomicFile::create(&p).unwrap();
        f.writer().write_all(b"new").unwrap();
        f.commit().unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "new");
    }

    #[test]
    fn a_folder_appears_whole_and_replaces_only_its_own_kind() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("report");
        let r = write_folder_atomically(&p, ".mark", |dir| {
            std::fs::write(dir.join("index.html"), "half")?;
            Err(std::io::Error::other("boom"))
        });
        assert!(r.is_err());
        assert!(!p.exists());
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 0);
        write_folder_atomically(&p, ".mark", |dir| std::fs::write(dir.join("a.html"), "1"))
            .unwrap();
        write_folder_atomically(&p, ".mark", |dir| std::fs::write(dir.join("b.html"), "2"))
            .unwrap();
        assert!(!p.join("a.html").exists());
        assert_eq!(std::fs::read_to_string(p.join("b.html")).unwrap(), "2");
        assert_eq!(std::fs::read_dir(d.path()).unwrap().count(), 1);
        let mine = d.path().join("mine");
        std::fs::create_dir(&mine).unwrap();
        std::fs::write(mine.join("notes.txt"), "keep").unwrap();
        let r = write_folder_atomically(&mine, ".mark", |_| Ok(()));
        assert!(r.is_err());
        assert_eq!(
            std::fs::read_to_string(mine.join("notes.txt")).unwrap(),
            "keep"
        );
    }

    #[cfg(unix)]
    #[test]
    fn outputs_get_the_permissions_of_ordinary_files() {
        use std::os::unix::fs::PermissionsExt;
        let d = tempfile::tempdir().unwrap();
        let plain = d.path().join("plain");
        std::fs::write(&plain, "x").unwrap();
        let want = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        let p = d.path().join("out.html");
        write_atomically(&p, |w| w.write_all(b"x")).unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            want
        );
        let dir = d.path().join("pages");
        write_folder_atomically(&dir, ".m", |_| Ok(())).unwrap();
        let plain_dir = d.path().join("plain-dir");
        std::fs::create_dir(&plain_dir).unwrap();
        let want_dir = std::fs::metadata(&plain_dir).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            std::fs::metadata(&dir).unwrap().permissions().mode() & 0o777,
            want_dir
        );
    }
}
