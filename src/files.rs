//! The temporary file beside a destination that a whole-or-nothing write goes through
//! (exports, backups). It knows nothing of what is written.

use std::io;
use std::path::Path;

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_missing_folder_is_named_without_the_temporary_file() {
        let err = temp_beside(Path::new("/nonexistent-touchbase/dir/b.db"), ".touchbase-backup-")
            .expect_err("no such folder")
            .to_string();
        assert_eq!(err, "the folder '/nonexistent-touchbase/dir' does not exist");
    }
}
