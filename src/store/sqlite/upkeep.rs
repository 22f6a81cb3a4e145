//! Upkeep of an SQLite book: `check` and `--repair` (in `check/`), the damage the lenient
//! reader met, and backups with SQLite's online backup. How the CLI shows them is cmd's.

use std::path::Path;

use anyhow::Context as _;
use rusqlite::Connection;

use super::SqliteBook;
use crate::store::{CheckReport, Damage, Upkeep};

impl Upkeep for SqliteBook {
    fn check(&self) -> anyhow::Result<CheckReport> {
        Ok(self.findings()?.report())
    }

    fn repair(&mut self) -> anyhow::Result<Vec<String>> {
        let findings = self.findings()?;
        self.repair_findings(&findings)
    }

    fn take_damage(&self) -> Vec<Damage> {
        super::sql::take_damage()
    }

    /// Copies the whole database to `dest` with SQLite's online backup, which gives a
    /// consistent copy even while another process writes. The copy is made in a private
    /// temporary file beside `dest` and renamed into place only when whole, and never over
    /// an existing file: a failed backup leaves nothing behind.
    fn backup_to(&self, dest: &Path) -> anyhow::Result<()> {
        let cannot = || format!("cannot write the backup '{}'", dest.display());
        let tmp = crate::files::temp_beside(dest, ".touchbase-backup-").with_context(cannot)?;
        {
            let mut copy = Connection::open(tmp.path()).with_context(cannot)?;
            // No journal beside the copy: a half-made copy is thrown away whole, and a
            // journal is what a failure (a full disk) would otherwise leave behind.
            copy.pragma_update(None, "journal_mode", "OFF")
                .with_context(cannot)?;
            // All pages in one step: a copy made in several would start over each time
            // another process writes in between.
            rusqlite::backup::Backup::new(&self.conn, &mut copy)
                .and_then(|b| b.run_to_completion(i32::MAX, std::time::Duration::ZERO, None))
                .with_context(cannot)?;
        }
        tmp.as_file().sync_all().with_context(cannot)?;
        // On error the temporary file is removed when it drops.
        tmp.persist_noclobber(dest)
            .map_err(|e| e.error)
            .with_context(cannot)?;
        Ok(())
    }
}
