//! The temporary file beside a destination that a whole-or-nothing write goes through
//! (exports, backups), and a path typed where no shell expands `~`. It knows nothing of
//! what is written.

use std::io;
use std::path::{Path, PathBuf};

use tempfile::NamedTempFile;

/// A private (0600) temporary file in the folder of `dest`, to be renamed over it once
/// complete. Its error names the folder, never the temporary name a person did not choose.
pub fn temp_beside(dest: &Path, prefix: &str) -> anyhow::Result<NamedTempFile> {
    let dir = match dest.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(prefix)
        .tempfile_in(dir)
        .map_err(|e| {
            let why = match e.kind() {
                io::ErrorKind::NotFound => "does not exist".to_string(),
                io::ErrorKind::PermissionDenied => "is not writable".to_string(),
                io::ErrorKind::NotADirectory => "is not a folder".to_string(),
                // tempfile adds the temporary path to its message: keep only the cause.
                _ => io::Error::from(e.kind()).to_string(),
            };
            anyhow::anyhow!("the folder '{}' {why}", crate::domain::text::shown_path(dir))
        })
}

/// A path as typed into the terminal app, with `~` and `~/…` read as the home folder (a
/// shell does that for the command line; the app has no shell). `~user` stays as typed.
pub fn expand_home(typed: &str, home: Option<&Path>) -> PathBuf {
    match (typed.strip_prefix('~'), home) {
        (Some(""), Some(home)) => home.to_path_buf(),
        (Some(rest), Some(home)) if rest.starts_with(std::path::MAIN_SEPARATOR) || rest.starts_with('/') => {
            home.join(rest.trim_start_matches(['/', std::path::MAIN_SEPARATOR]))
        }
        _ => PathBuf::from(typed),
    }
}

/// The user's home folder, if the platform knows one.
pub fn home() -> Option<PathBuf> {
    directories::BaseDirs::new().map(|d| d.home_dir().to_path_buf())
}

/// `path` as a full path (from the current folder when relative), to say where a file
/// went; as given when there is no current folder.
pub fn full(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tilde_is_the_home_folder() {
        let home = Path::new("/home/jan");
        assert_eq!(expand_home("~", Some(home)), home);
        assert_eq!(expand_home("~/week.md", Some(home)), home.join("week.md"));
        assert_eq!(expand_home("~/out/w.csv", Some(home)), home.join("out/w.csv"));
        assert_eq!(expand_home("~jan/w.md", Some(home)), Path::new("~jan/w.md"));
        assert_eq!(expand_home("w~.md", Some(home)), Path::new("w~.md"));
        assert_eq!(expand_home("~/w.md", None), Path::new("~/w.md"));
        assert_eq!(full(Path::new("/tmp/w.md")), Path::new("/tmp/w.md"));
        assert!(full(Path::new("w.md")).is_absolute());
    }

    #[test]
    fn a_missing_folder_is_named_without_the_temporary_file() {
        let err = temp_beside(Path::new("/nonexistent-touchbase/dir/b.db"), ".touchbase-backup-")
            .expect_err("no such folder")
            .to_string();
        assert_eq!(err, "the folder '/nonexistent-touchbase/dir' does not exist");
    }
}
