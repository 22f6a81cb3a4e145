//! Reminders outside the app, in SQLite: delivered digests in `remind_runs` (the last one
//! by the `delivered_at` index) and named values in `book_settings`.

use anyhow::Context as _;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension as _, Row, params};

use super::SqliteBook;
use super::sql::{Lenient, ts};
use crate::store::{RemindRun, Reminders, Setting};

fn run_from_row(row: &Row<'_>) -> rusqlite::Result<RemindRun> {
    let r = Lenient::new(row, "remind_runs", 0)?;
    let words = |i: usize, sep: char| -> rusqlite::Result<Vec<String>> {
        Ok(r.text(i)?
            .split(sep)
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect())
    };
    Ok(RemindRun {
        id: r.id(),
        delivered_at: r.instant(1)?,
        day: r.day(2)?,
        channels: words(3, ',')?,
        items: words(4, ' ')?,
        scheduled: row.get::<_, i64>(5)? != 0,
    })
}

impl Reminders for SqliteBook {
    fn record_remind_run(&mut self, run: &RemindRun) -> anyhow::Result<i64> {
        self.write("record the delivered digest", |tx| {
            tx.prepare_cached(
                "INSERT INTO remind_runs (delivered_at, day, channels, items, scheduled)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                ts(run.delivered_at),
                run.day,
                run.channels.join(","),
                run.items.join(" "),
                i64::from(run.scheduled)
            ])
            .context("recording the delivered digest")?;
            Ok(tx.last_insert_rowid())
        })
    }

    fn last_remind_run(&self) -> anyhow::Result<Option<RemindRun>> {
        self.conn
            .prepare_cached(
                "SELECT id, delivered_at, day, channels, items, scheduled FROM remind_runs
                 ORDER BY delivered_at DESC, id DESC LIMIT 1",
            )?
            .query_row([], run_from_row)
            .optional()
            .context("loading the last delivered digest")
    }

    fn setting(&self, setting: Setting) -> anyhow::Result<Option<String>> {
        self.conn
            .prepare_cached("SELECT value FROM book_settings WHERE key = ?1")?
            .query_row([setting.key()], |r| r.get(0))
            .optional()
            .with_context(|| format!("loading the setting {}", setting.key()))
    }

    fn set_setting(
        &mut self,
        setting: Setting,
        value: Option<&str>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        self.write("save a setting", |tx| {
            match value {
                Some(v) => tx
                    .prepare_cached(
                        "INSERT INTO book_settings (key, value, updated_at) VALUES (?1, ?2, ?3)
                         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
                    )?
                    .execute(params![setting.key(), v, ts(now)]),
                None => tx
                    .prepare_cached("DELETE FROM book_settings WHERE key = ?1")?
                    .execute([setting.key()]),
            }
            .with_context(|| format!("saving the setting {}", setting.key()))?;
            Ok(())
        })
    }
}
