//! Saving an export to a file without ever leaving half of one: the bytes go to a
//! temporary file next to the destination, which is renamed into place only when whole.
//! Used by `touchbase export week -o` and the TUI's Week screen.

use std::fs;
use std::io::{BufWriter, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use tempfile::NamedTempFile;

use super::{WeekFormat, render};
use crate::clock::Now;
use crate::domain::week::WeekPlan;

/// `touchbase-2026-W48.md`: the name the Week screen offers.
pub fn default_file_name(plan: &WeekPlan, format: WeekFormat) -> PathBuf {
    PathBuf::from(format!("touchbase-{}.{}", plan.week, format.extension()))
}

/// Writes `plan` in `format` to `path`. On any error the file at `path` is as it was
/// (absent, or the previous export) and no temporary file is left.
pub fn save(plan: &WeekPlan, format: WeekFormat, now: Now, path: &Path) -> anyhow::Result<()> {
    write_atomically(path, |out| {
        Ok(out.write_all(render(plan, format, now).as_bytes())?)
    })
}

/// Writes `path` through `write`, whole or not at all: the bytes go to a temporary file
/// beside it, which replaces `path` only when `write` succeeded and the data is on disk.
pub fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<NamedTempFile>) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let cannot = || format!("cannot write '{}'", path.display());
    if path.is_dir() {
        anyhow::bail!(
            "cannot write '{}': it is a directory — name a file",
            path.display()
        );
    }
    let tmp = crate::files::temp_beside(path, ".touchbase-export-").with_context(cannot)?;
    let mut out = BufWriter::new(tmp);
    let written = write(&mut out).with_context(cannot)?;
    let tmp = out
        .into_inner()
        .map_err(|e| anyhow::anyhow!("{}: {}", cannot(), e.error()))?;
    tmp.as_file().sync_all().with_context(cannot)?;
    // An export holds the customers' personal data, so a new one is private (0600, as the
    // temporary file already is, whatever the umask); one that replaces another keeps the
    // permissions its owner gave it.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = fs::metadata(path).map_or(0o600, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(fs::Permissions::from_mode(mode))
            .with_context(cannot)?;
    }
    // On error the temporary file is removed when `tmp` drops.
    tmp.persist(path).map_err(|e| e.error).with_context(cannot)?;
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::week::{LeftOut, Span, WeekStart};

    fn empty_plan() -> WeekPlan {
        let span = Span::of_week("2026-W48".parse().unwrap(), WeekStart::default());
        WeekPlan {
            week: span.week,
            start: span.start,
            end: span.end,
            items: Vec::new(),
            left_out: LeftOut::default(),
        }
    }

    #[test]
    fn the_default_name_carries_week_and_extension() {
        let p = empty_plan();
        assert_eq!(
            default_file_name(&p, WeekFormat::Md),
            Path::new("touchbase-2026-W48.md")
        );
        assert_eq!(
            default_file_name(&p, WeekFormat::TodoTxt),
            Path::new("touchbase-2026-W48.txt")
        );
    }

    #[test]
    fn saving_replaces_the_file_and_leaves_no_temporary_one() {
        let dir = tempfile::TempDir::new().unwrap();
        let path = dir.path().join("w.md");
        fs::write(&path, "old").unwrap();
        let now = Now::parse("2026-11-23T09:00:00Z").unwrap();
        save(&empty_plan(), WeekFormat::Md, now, &path).unwrap();
        assert!(fs::read_to_string(&path).unwrap().starts_with("# Week 2026-W48"));
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
