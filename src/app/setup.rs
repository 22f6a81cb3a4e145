//! `remind --setup`'s text: the systemd user service and timer, the launchd agent and
//! the crontab line that run the digest once a day, and the one rule for files already
//! where they would go (ours are replaced, anyone else's are left alone). Pure text from
//! a [`Job`]: which platform, where the files go and the writing itself are the command
//! line's (`cmd::setup`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::{NaiveTime, Timelike as _};

/// The first line of every unit file we write: a file that starts with it is ours to
/// replace.
pub const MARK: &str = "Written by `touchbase remind --setup`";

/// The same in a plist, whose XML comments cannot hold "--".
pub const PLIST_MARK: &str = "Written by touchbase remind setup";

/// The timer's name (`systemctl --user … touchbase-remind.timer`).
pub const UNIT: &str = "touchbase-remind";

/// The launchd agent's label, and its file's name without `.plist`.
pub const LABEL: &str = "org.touchbase.remind";

/// What runs, and when: `<exe> --db <db> remind --scheduled` at `at` every day, with the
/// environment that says which config and time zone to read. Every path is absolute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub exe: PathBuf,
    pub db: PathBuf,
    pub at: NaiveTime,
    /// `TOUCHBASE_CONFIG`, `TOUCHBASE_TZ`, as they were set where `--setup` ran.
    pub env: Vec<(&'static str, String)>,
}

/// A path that cannot be written into a unit, plist or crontab line.
#[derive(Debug, thiserror::Error)]
#[error(
    "the path '{0}' cannot go into a timer: it is not UTF-8 or holds a line break — move it, or pass --db a plain path"
)]
pub struct UnwritablePath(pub String);

impl Job {
    fn args(&self) -> Result<[String; 2], UnwritablePath> {
        Ok([plain(&self.exe)?, plain(&self.db)?])
    }

    /// Checks that every path and value can be written.
    pub fn check(&self) -> Result<(), UnwritablePath> {
        self.args()?;
        match self.env.iter().find(|(_, v)| v.contains(['\n', '\r'])) {
            Some((_, v)) => Err(UnwritablePath(v.clone())),
            None => Ok(()),
        }
    }

    /// `touchbase-remind.service`: runs the digest once.
    pub fn service(&self) -> Result<String, UnwritablePath> {
        let [exe, db] = self.args()?;
        let mut env = String::new();
        for (name, value) in &self.env {
            let _ = writeln!(
                env,
                "Environment={}",
                systemd_word(&format!("{name}={value}"), false)
            );
        }
        Ok(format!(
            "# {MARK}; run it again to change it.\n\
             [Unit]\n\
             Description=touchbase: the daily digest of follow-ups, moments and nudges\n\
             \n\
             [Service]\n\
             Type=oneshot\n\
             {env}\
             ExecStart={} --db {} remind --scheduled\n",
            systemd_word(&exe, true),
            systemd_word(&db, true)
        ))
    }

    /// `touchbase-remind.timer`: every day at `at`; `Persistent=true` runs a time missed
    /// while the machine was off or asleep as soon as it is back.
    pub fn timer(&self) -> String {
        format!(
            "# {MARK}; run it again to change it.\n\
             [Unit]\n\
             Description=touchbase: the daily digest at {at}\n\
             \n\
             [Timer]\n\
             OnCalendar=*-*-* {at}:00\n\
             Persistent=true\n\
             \n\
             [Install]\n\
             WantedBy=timers.target\n",
            at = self.at.format("%H:%M")
        )
    }

    /// `org.touchbase.remind.plist`, a launchd agent: launchd runs a time missed while the
    /// Mac was asleep when it wakes.
    pub fn plist(&self) -> Result<String, UnwritablePath> {
        let [exe, db] = self.args()?;
        let string = |s: &str| format!("<string>{}</string>", xml(s));
        let mut args = String::new();
        for arg in [exe.as_str(), "--db", db.as_str(), "remind", "--scheduled"] {
            let _ = writeln!(args, "    {}", string(arg));
        }
        let env = if self.env.is_empty() {
            String::new()
        } else {
            let mut pairs = String::new();
            for (name, value) in &self.env {
                let _ = writeln!(pairs, "    <key>{name}</key>\n    {}", string(value));
            }
            format!("  <key>EnvironmentVariables</key>\n  <dict>\n{pairs}  </dict>\n")
        };
        Ok(format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
             <!-- {PLIST_MARK}; run it again to change it. -->\n\
             <!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n\
             <plist version=\"1.0\">\n\
             <dict>\n\
             \x20 <key>Label</key>\n\
             \x20 <string>{LABEL}</string>\n\
             \x20 <key>ProgramArguments</key>\n\
             \x20 <array>\n\
             {args}\
             \x20 </array>\n\
             {env}\
             \x20 <key>StartCalendarInterval</key>\n\
             \x20 <dict>\n\
             \x20   <key>Hour</key>\n\
             \x20   <integer>{hour}</integer>\n\
             \x20   <key>Minute</key>\n\
             \x20   <integer>{minute}</integer>\n\
             \x20 </dict>\n\
             </dict>\n\
             </plist>\n",
            hour = self.at.hour(),
            minute = self.at.minute()
        ))
    }

    /// The crontab line (`crontab -e`), for a machine with neither: cron runs it only
    /// when the machine is up at that minute.
    pub fn crontab(&self) -> Result<String, UnwritablePath> {
        let [exe, db] = self.args()?;
        let mut env = String::new();
        for (name, value) in &self.env {
            let _ = write!(env, "{name}={} ", cron_word(value));
        }
        Ok(format!(
            "{} {} * * * {env}{} --db {} remind --scheduled",
            self.at.minute(),
            self.at.hour(),
            cron_word(&exe),
            cron_word(&db)
        ))
    }
}

/// What to do with a file already where one of ours goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Existing {
    /// Nothing there: write it.
    None,
    /// Ours, as it would be written: leave it.
    Same,
    /// Ours (it starts with [`MARK`] or [`PLIST_MARK`]), another time or path: replace
    /// it.
    Ours,
    /// Someone else's: leave it, and say so.
    Theirs,
}

impl Existing {
    /// `found` is what the file holds now, `None` when there is no file.
    pub fn of(found: Option<&str>, wanted: &str) -> Existing {
        match found {
            None => Existing::None,
            Some(f) if f == wanted => Existing::Same,
            Some(f)
                if f.lines()
                    .take(2)
                    .any(|l| l.contains(MARK) || l.contains(PLIST_MARK)) =>
            {
                Existing::Ours
            }
            Some(_) => Existing::Theirs,
        }
    }
}

/// A path as UTF-8 text without line breaks, or why not.
fn plain(p: &Path) -> Result<String, UnwritablePath> {
    match p.to_str() {
        Some(s) if !s.contains(['\n', '\r']) => Ok(s.to_string()),
        _ => Err(UnwritablePath(p.display().to_string())),
    }
}

/// One word of a unit file's command line (`command`) or an assignment: double-quoted
/// when it holds a space or a quote, `%` (systemd's specifiers) doubled, and on a command
/// line `$` (its variables) too.
fn systemd_word(s: &str, command: bool) -> String {
    let escaped = s.replace('%', "%%");
    let escaped = if command {
        escaped.replace('$', "$$")
    } else {
        escaped
    };
    if escaped.contains([' ', '\t', '"', '\'', '\\', ';']) {
        format!("\"{}\"", escaped.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        escaped
    }
}

/// One word of a crontab line: single-quoted for the shell when it needs it, `%` escaped
/// (cron reads a bare `%` as a line break).
fn cron_word(s: &str) -> String {
    let word = if s
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-+:,=@".contains(c))
    {
        s.to_string()
    } else {
        format!("'{}'", s.replace('\'', r"'\''"))
    };
    word.replace('%', r"\%")
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(exe: &str, db: &str, env: &[(&'static str, &str)]) -> Job {
        Job {
            exe: exe.into(),
            db: db.into(),
            at: NaiveTime::from_hms_opt(8, 30, 0).unwrap(),
            env: env.iter().map(|(k, v)| (*k, (*v).to_string())).collect(),
        }
    }

    fn all(j: &Job) -> String {
        format!(
            "--- service\n{}--- timer\n{}--- plist\n{}--- crontab\n{}\n",
            j.service().unwrap(),
            j.timer(),
            j.plist().unwrap(),
            j.crontab().unwrap()
        )
    }

    #[test]
    fn the_units_run_the_scheduled_digest_at_the_time() {
        let j = job(
            "/usr/local/bin/touchbase",
            "/home/anna/.local/share/touchbase/touchbase.db",
            &[],
        );
        insta::assert_snapshot!(all(&j));
    }

    #[test]
    fn odd_paths_and_the_config_are_quoted_for_each_reader() {
        let j = job(
            "/opt/touch base/touchbase",
            "/home/anna/100% 'sales'/book.db",
            &[("TOUCHBASE_CONFIG", "/home/anna/my config/tb & co.toml")],
        );
        insta::assert_snapshot!(all(&j));
    }

    #[test]
    fn a_path_with_a_line_break_is_refused() {
        let j = job("/usr/bin/touchbase", "/tmp/a\nb.db", &[]);
        assert!(j.service().is_err() && j.plist().is_err() && j.crontab().is_err());
        assert!(
            j.check()
                .unwrap_err()
                .to_string()
                .contains("cannot go into a timer")
        );
    }

    #[test]
    fn ours_is_replaced_theirs_is_left_alone() {
        let wanted = job("/usr/bin/touchbase", "/tmp/b.db", &[]).timer();
        assert_eq!(Existing::of(None, &wanted), Existing::None);
        assert_eq!(Existing::of(Some(&wanted), &wanted), Existing::Same);
        let older = wanted.replace("08:30", "07:00");
        assert_eq!(Existing::of(Some(&older), &wanted), Existing::Ours);
        assert_eq!(
            Existing::of(Some("[Timer]\nOnCalendar=daily\n"), &wanted),
            Existing::Theirs
        );
    }
}
