//! Writing output files atomically: into a temporary file in the same folder, then renamed over
//! the target, so a reader (or a crash) sees the old file or the new one, never half of one.
//! Folders (multi-page reports) are written the same way: filled under a temporary name, then
//! renamed into place.

use crate::error::{Error, Result};
use std::io::{BufWriter, Write};
use std::path::Path;

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

/// Writes `path` through `fill`; the file appears only once `fill` succeeded and was flushed.
pub fn write_atomically(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = readable(
        tempfile::Builder::new().prefix(".reprint-").suffix(".tmp"),
        0o666,
    )
    .tempfile_in(dir)
    .map_err(|e| Error::io(dir, e))?;
    {
        let mut w = BufWriter::with_capacity(1 << 20, tmp.as_file());
        fill(&mut w).map_err(|e| Error::io(path, e))?;
        w.flush().map_err(|e| Error::io(path, e))?;
    }
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}

/// Writes a folder at `path` through `fill`, which gets an empty temporary folder next to
/// `path` to fill; only once `fill` succeeded is it renamed to `path`, with a file named
/// `marker` in it. A failed `fill` leaves nothing behind and `path` as it was.
///
/// Something already at `path` is replaced: a file, or a folder holding `marker` (one this
/// function wrote before). Any other folder is refused, so a folder of the user's is never
/// removed. The old folder is moved aside before the new one is renamed in, then deleted.
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
    if existing.as_ref().is_some_and(|m| m.is_dir()) && !path.join(marker).is_file() {
        return Err(Error::Input(format!(
            "{}: a folder that this program did not write (no {marker} in it); not replacing it",
            path.display()
        )));
    }
    let tmp = readable(tempfile::Builder::new().prefix(".reprint-"), 0o777)
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    fill(tmp.path()).map_err(|e| Error::io(path, e))?;
    std::fs::write(tmp.path().join(marker), b"").map_err(|e| Error::io(path, e))?;
    let aside = existing.map(|m| {
        let mut name = tmp.path().as_os_str().to_owned();
        name.push("-old");
        (std::path::PathBuf::from(name), m.is_dir())
    });
    if let Some((old, _)) = &aside {
        std::fs::rename(path, old).map_err(|e| Error::io(path, e))?;
    }
    if let Err(e) = std::fs::rename(tmp.path(), path) {
        if let Some((old, _)) = &aside {
            let _ = std::fs::rename(old, path);
        }
        return Err(Error::io(path, e));
    }
    let _ = tmp.keep();
    if let Some((old, is_dir)) = aside {
        let removed = if is_dir {
            std::fs::remove_dir_all(&old)
        } else {
            std::fs::remove_file(&old)
        };
        removed.map_err(|e| Error::io(old, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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
