//! Files written whole or not at all: built under a temporary name beside the target and
//! renamed into place, so a reader never sees half of one.

use std::fs::OpenOptions;
use std::io::{BufWriter, Write};
use std::os::unix::fs::OpenOptionsExt;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

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
            write(&mut out)?;
            out.flush()?;
            out.get_ref().sync_all()?;
            Ok(())
        },
        |partial| {
            let _ = std::fs::remove_file(partial);
            Ok(())
        },
    )
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
}
