//! How a database file may be opened: read-write, or read-only when its file or its
//! directory cannot be written, and with what permissions a new one is created. Files
//! only: no SQL.
//!
//! SQLite opens a WAL database read-only only if the `-wal` and `-shm` files exist, or can
//! be created beside it, or the connection says the file is immutable
//! (<https://sqlite.org/wal.html#readonly>). Creating them beside a read-only file is what
//! a reader must not do, and in a read-only directory it cannot, so a database without a
//! `-wal` is opened `immutable=1`: with no `-wal` every committed write is in the file
//! itself (SQLite checkpoints and removes it when the last writer closes), and nobody can
//! add one while the file or directory stays read-only. A database whose `-wal` exists
//! is being written or was left by a crash: that one is read through the `-wal`, so no
//! committed write is missed.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use super::OpenError;

/// How the store opens a database.
pub enum Access {
    ReadWrite,
    /// Read-only through the existing `-wal` and `-shm`.
    ReadOnly(ReadOnlyWhy),
    /// Read-only straight from the file: no locks and nothing created beside it.
    Immutable(ReadOnlyWhy),
}

impl Access {
    pub fn read_only(&self) -> Option<ReadOnlyWhy> {
        match self {
            Access::ReadWrite => None,
            Access::ReadOnly(why) | Access::Immutable(why) => Some(*why),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnlyWhy {
    File,
    Directory,
}

impl ReadOnlyWhy {
    pub fn said(self) -> &'static str {
        match self {
            ReadOnlyWhy::File => "the file is not writable",
            ReadOnlyWhy::Directory => "its directory is not writable",
        }
    }

    pub fn fix(self, path: &Path) -> String {
        match self {
            ReadOnlyWhy::File => format!("chmod u+w '{}'", path.display()),
            ReadOnlyWhy::Directory => format!("chmod u+w '{}'", dir_of(path).display()),
        }
    }
}

fn dir_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

pub fn beside(path: &Path, suffix: &str) -> PathBuf {
    let mut p = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// How the existing database at `path` can be opened.
pub fn of(path: &Path) -> Access {
    let why = if !writable(path) {
        ReadOnlyWhy::File
    } else if !writable(&dir_of(path)) {
        ReadOnlyWhy::Directory
    } else {
        return Access::ReadWrite;
    };
    if beside(path, "-wal").exists() {
        Access::ReadOnly(why)
    } else {
        Access::Immutable(why)
    }
}

/// Whether this process may write `path`. The permission bits count even for root, who
/// may write anything: a file or directory nobody may write was made read-only on
/// purpose, and is treated so.
#[cfg(unix)]
fn writable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt as _;
    let Ok(meta) = fs::metadata(path) else {
        return false;
    };
    meta.permissions().mode() & 0o222 != 0 && rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

#[cfg(not(unix))]
fn writable(path: &Path) -> bool {
    fs::metadata(path).is_ok_and(|m| !m.permissions().readonly())
}

/// The permission bits of `path` when users other than its owner may read or write it.
#[cfg(unix)]
pub fn loose_mode(path: &Path) -> Option<u32> {
    use std::os::unix::fs::PermissionsExt as _;
    let mode = fs::metadata(path).ok()?.permissions().mode() & 0o777;
    (mode & 0o077 != 0).then_some(mode)
}

#[cfg(not(unix))]
pub fn loose_mode(_path: &Path) -> Option<u32> {
    None
}

/// Creates the directories and the empty database file at `path`, readable by the owner
/// only (0700, 0600) whatever the umask. SQLite gives the `-wal` and `-shm` the mode of
/// the database file, so they are private too. Another process creating the same file at
/// the same moment is fine: both then open it. `true` when this call created the file.
pub fn create(path: &Path) -> Result<bool, OpenError> {
    let dir = dir_of(path);
    let mut builder = fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        builder.mode(0o700);
    }
    builder
        .create(&dir)
        .map_err(|source| OpenError::CannotCreateDir {
            path: dir.clone(),
            source,
        })?;
    let cannot = |source| OpenError::CannotCreateFile {
        path: path.to_path_buf(),
        source,
    };
    let mut options = fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(file) => {
            // The umask can only take bits away; this makes the mode exactly 0600.
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt as _;
                file.set_permissions(fs::Permissions::from_mode(0o600))
                    .map_err(cannot)?;
            }
            drop(file);
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(cannot(e)),
    }
}

/// `file:/the/path?immutable=1`, with every byte of the path that could end it or be
/// read as an escape percent-encoded.
pub fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in absolute.as_os_str().as_encoded_bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(b) {
            uri.push(char::from(*b));
        } else {
            let _ = write!(uri, "%{b:02X}");
        }
    }
    uri.push_str("?immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_immutable_uri_escapes_what_sqlite_would_read() {
        assert_eq!(
            immutable_uri(Path::new("/tmp/a b/x?y#z%.db")),
            "file:/tmp/a%20b/x%3Fy%23z%25.db?immutable=1"
        );
    }
}
