//! Files written whole or not at all: built under a temporary name beside the target and
//! renamed into place, so a reader never sees half of one.

use std::fs::OpenOptions;
use std::io::{BufWriter, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::error::refuse;

/// `path` with `suffix` appended to its file name.
pub fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The temporary name `path` is built under before it is renamed into place.
pub fn partial_path(path: &Path) -> PathBuf {
    sibling(path, &format!(".partial-{}", std::process::id()))
}

/// Builds `path` under its partial name with `build`, then renames it into place. When
/// `build` fails, `discard` removes what it left behind and the error is returned.
pub fn build_atomically<T>(
    path: &Path,
    build: impl FnOnce(&Path) -> anyhow::Result<T>,
    discard: impl FnOnce(&Path) -> anyhow::Result<()>,
) -> anyhow::Result<T> {
    let _uninterrupted = crate::interrupt::Guard::new();
    let partial = partial_path(path);
    match build(&partial) {
        Ok(value) => {
            std::fs::rename(&partial, path)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(value)
        }
        Err(err) => {
            discard(&partial)?;
            Err(err)
        }
    }
}

/// Writes `path` through a temporary file beside it (mode 0600), renamed when complete.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<std::fs::File>) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    build_atomically(
        path,
        |partial| {
            let file = OpenOptions::new()
                .write(true)
                .create_new(true)
                .mode(0o600)
                .open(partial)
                .with_context(|| format!("cannot create {}", partial.display()))?;
            let mut out = BufWriter::new(file);
            let written = write(&mut out).and_then(|()| {
                out.flush()?;
                Ok(out.get_ref().sync_all()?)
            });
            written.with_context(|| format!("cannot write {}", path.display()))
        },
        |partial| {
            let _ = std::fs::remove_file(partial);
            Ok(())
        },
    )
}

/// Refuses `output` when writing it would replace the database `db` or one of the files
/// beside it, however it is named: through a symlink, a relative path, `..`, or another
/// hard link to the same file.
pub fn refuse_overwriting_database(output: &Path, db: &Path) -> anyhow::Result<()> {
    let kinds = [
        ("", "the database"),
        ("-wal", "the database's write-ahead log"),
        ("-shm", "the database's shared-memory file"),
        ("-journal", "the database's rollback journal"),
    ];
    let mut guarded: Vec<(PathBuf, &str)> = Vec::new();
    for base in [Some(absolute(db)), std::fs::canonicalize(db).ok()]
        .into_iter()
        .flatten()
    {
        let base = located(&base);
        guarded.extend(
            kinds
                .iter()
                .map(|(suffix, what)| (sibling(&base, suffix), *what)),
        );
    }
    let target = located(&absolute(output));
    let followed = std::fs::canonicalize(output).ok();
    let same_file = |other: &Path| {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(output), std::fs::metadata(other)) {
            (Ok(x), Ok(y)) => x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    };
    let hit = guarded
        .iter()
        .find(|(path, _)| *path == target || followed.as_ref() == Some(path) || same_file(path));
    match hit {
        Some((path, what)) => Err(refuse(format!(
            "{} is {what} ({}): writing there would destroy it; nothing was written",
            output.display(),
            path.display()
        ))
        .hint("write to another file, e.g. -o report.csv")
        .into()),
        None => Ok(()),
    }
}

/// `path` made absolute against the current folder (without touching the file system).
fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// `path` with its folder resolved (symlinks, `..`) and its own name kept as given.
fn located(path: &Path) -> PathBuf {
    match (path.parent(), path.file_name()) {
        (Some(parent), Some(name)) => std::fs::canonicalize(parent)
            .map(|p| p.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

/// Whether a file can be created in `dir` (tried, and removed again): what SQLite needs to
/// keep a journal beside a database.
pub fn folder_is_writable(dir: &Path) -> bool {
    let probe = dir.join(format!(".amb-probe-{}", std::process::id()));
    let created = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(&probe)
        .is_ok();
    if created {
        let _ = std::fs::remove_file(&probe);
    }
    created
}

/// Writes a folder whole or not at all: `build` fills a new private folder (mode 0700)
/// beside `dir`, which then becomes `dir`. When `dir` already exists, the files built move
/// into it (each replaced whole) and its other files stay. A failure leaves no trace.
pub fn write_folder_atomically<T>(
    dir: &Path,
    build: impl FnOnce(&Path) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    use std::os::unix::fs::DirBuilderExt;
    let existing = match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => true,
        Ok(_) => {
            return Err(
                refuse(format!("{} exists and is not a folder", dir.display()))
                    .hint("give a new or existing folder with -o DIR")
                    .into(),
            );
        }
        Err(_) => false,
    };
    if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create folder {}", parent.display()))?;
    }
    let _uninterrupted = crate::interrupt::Guard::new();
    let partial = partial_path(dir);
    std::fs::DirBuilder::new()
        .mode(0o700)
        .create(&partial)
        .with_context(|| format!("cannot create folder {}", partial.display()))?;
    let built = build(&partial).and_then(|value| {
        if existing {
            let built: Vec<PathBuf> = std::fs::read_dir(&partial)?
                .map(|entry| Ok(entry?.path()))
                .collect::<std::io::Result<_>>()?;
            // Everything is checked before anything moves: all of it lands, or none.
            for file in &built {
                let target = dir.join(file.file_name().unwrap_or_default());
                if std::fs::symlink_metadata(&target).is_ok_and(|m| !m.is_file()) {
                    return Err(refuse(format!(
                        "{} exists and is not a file; nothing was written",
                        target.display()
                    ))
                    .hint("move it away, or export into another folder")
                    .into());
                }
            }
            for file in &built {
                let target = dir.join(file.file_name().unwrap_or_default());
                std::fs::rename(file, &target)
                    .with_context(|| format!("cannot write {}", target.display()))?;
            }
            std::fs::remove_dir(&partial)?;
        } else {
            std::fs::rename(&partial, dir)
                .with_context(|| format!("cannot write {}", dir.display()))?;
        }
        Ok(value)
    });
    if built.is_err() {
        let _ = std::fs::remove_dir_all(&partial);
    }
    built
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn a_written_file_is_private_and_a_failed_one_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomically(&path, |out| Ok(out.write_all(b"a,b\n")?)).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n");
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);

        let failed = dir.path().join("failed.csv");
        let result = write_atomically(&failed, |out| {
            out.write_all(b"half")?;
            Err(anyhow::anyhow!("broken"))
        });
        assert!(result.is_err());
        let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(left.len(), 1, "only out.csv remains");
    }

    #[test]
    fn the_database_and_its_journals_are_never_an_output_however_named() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("amb.sqlite");
        std::fs::write(&db, b"db").unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink(&db, &link).unwrap();
        let hard = dir.path().join("hard.csv");
        std::fs::hard_link(&db, &hard).unwrap();
        for output in [
            db.clone(),
            dir.path().join("sub/../amb.sqlite"),
            link,
            hard,
            sibling(&db, "-wal"),
            sibling(&db, "-journal"),
            sibling(&db, "-shm"),
        ] {
            let err = refuse_overwriting_database(&output, &db).unwrap_err();
            assert!(
                err.to_string().contains("destroy"),
                "{}: {err}",
                output.display()
            );
        }
        refuse_overwriting_database(&dir.path().join("people.csv"), &db).unwrap();
        refuse_overwriting_database(&dir.path().join("amb.sqlite.csv"), &db).unwrap();
    }

    #[test]
    fn a_folder_is_written_whole_private_or_not_at_all() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("export");
        write_folder_atomically(&out, |tmp| Ok(std::fs::write(tmp.join("a.csv"), "a")?)).unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"a");
        let mode = std::fs::metadata(&out).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o700);

        let failed = dir.path().join("failed");
        let result: anyhow::Result<()> = write_folder_atomically(&failed, |tmp| {
            std::fs::write(tmp.join("a.csv"), "a")?;
            anyhow::bail!("disk full")
        });
        assert!(result.is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(
            names,
            vec![std::ffi::OsString::from("export")],
            "no half folder"
        );

        // An existing folder keeps its other files; the built ones replace theirs.
        std::fs::write(out.join("notes.txt"), "mine").unwrap();
        write_folder_atomically(&out, |tmp| Ok(std::fs::write(tmp.join("a.csv"), "b")?)).unwrap();
        assert_eq!(std::fs::read(out.join("a.csv")).unwrap(), b"b");
        assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
    }
}
