//! `touchbase remind --setup [--write] [--at HH:MM]`: the daily timer that runs the
//! digest, for the platform this runs on (a systemd user timer on Linux, a launchd agent
//! on macOS, and always the crontab line as the other way). Printed, or with `--write`
//! installed where it belongs and the book marked as set up, from which day on a workday
//! without a digest is warned about. The text is `app::setup`'s.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;
use chrono::NaiveTime;

use super::Ctx;
use crate::app::setup::{Existing, Job, LABEL, MARK, PLIST_MARK, UNIT};
use crate::cli::SetupArgs;
use crate::config::Channel;

/// The timer this platform has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Platform {
    Systemd,
    Launchd,
    /// Neither: the crontab line alone.
    Cron,
}

impl Platform {
    fn here() -> Platform {
        if cfg!(target_os = "macos") {
            Platform::Launchd
        } else if cfg!(target_os = "linux") {
            Platform::Systemd
        } else {
            Platform::Cron
        }
    }
}

/// One file to install: where, and what it holds.
struct File {
    path: PathBuf,
    text: String,
}

pub(super) fn run(cx: &mut Ctx, db: &Path, args: &SetupArgs) -> anyhow::Result<()> {
    let at = match args.at.as_deref() {
        Some(text) => parse_at(text)?,
        None => cx.config.remind.at,
    };
    let job = Job {
        exe: std::env::current_exe()
            .and_then(|p| p.canonicalize())
            .context("finding the path of this touchbase, for the timer to run")?,
        db: absolute(db)?,
        at,
        env: environment()?,
    };
    job.check()?;
    if cx.config.remind.channels.iter().all(|c| *c == Channel::Stdout) {
        // Not a refusal: a timer writing to the journal still records its runs. But the
        // digest would reach nobody, and that is what a person setting this up must know.
        let _ = writeln!(
            std::io::stderr(),
            "touchbase: note — [remind] channels in config.toml is only \"stdout\": a scheduled digest lands in the journal (or cron's mail), not in front of you; set channels = [\"desktop\"] or [\"email\"] (with [remind.smtp]) to have it reach you"
        );
    }
    let platform = Platform::here();
    let files = files(platform, &job)?;
    if args.write {
        return write(cx, platform, &files);
    }
    let out = &mut cx.out;
    writeln!(
        out,
        "# touchbase remind --scheduled every day at {} (it sends nothing on a day off, one not in [week] workdays).",
        at.format("%H:%M")
    )?;
    match platform {
        Platform::Systemd => writeln!(
            out,
            "# A systemd user timer: save these two files, or run this again with --write.\n\
             # A laptop asleep at {} runs it when it wakes (Persistent=true).",
            at.format("%H:%M")
        )?,
        Platform::Launchd => writeln!(
            out,
            "# A launchd agent: save this file, or run this again with --write. A Mac asleep at {} runs it when it wakes.",
            at.format("%H:%M")
        )?,
        Platform::Cron => {}
    }
    for f in &files {
        writeln!(out, "\n# {}", f.path.display())?;
        write!(out, "{}", f.text)?;
    }
    if let Some(enable) = enable(platform, &files) {
        writeln!(out, "\n# Then: {enable}")?;
    }
    let other = if platform == Platform::Cron {
        "# This line in your crontab (crontab -e); cron runs it only if the machine is up at that minute:"
    } else {
        "# Or, without it, this line in your crontab (crontab -e); cron runs it only if the machine is up at that minute:"
    };
    writeln!(out, "\n{other}\n{}", job.crontab()?)?;
    Ok(())
}

/// `--at`: a time of day on the 24-hour clock.
fn parse_at(text: &str) -> anyhow::Result<NaiveTime> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M").map_err(|_| {
        anyhow::anyhow!("--at '{text}' is not a time of day — write hours and minutes on the 24-hour clock, like 08:30 or 17:45")
    })
}

/// `p` from the root: a timer runs in another directory than this shell's.
fn absolute(p: &Path) -> anyhow::Result<PathBuf> {
    p.canonicalize()
        .or_else(|_| std::path::absolute(p))
        .with_context(|| format!("finding where '{}' is", p.display()))
}

/// The variables the timer's run needs to read the book as this shell does.
fn environment() -> anyhow::Result<Vec<(&'static str, String)>> {
    let mut env = Vec::new();
    if let Some(config) = std::env::var_os("TOUCHBASE_CONFIG").filter(|v| !v.is_empty()) {
        let path = absolute(Path::new(&config))?;
        let text = path.to_str().ok_or_else(|| {
            anyhow::anyhow!(
                "TOUCHBASE_CONFIG='{}' is not UTF-8, so it cannot go into a timer — move the file",
                path.display()
            )
        })?;
        env.push(("TOUCHBASE_CONFIG", text.to_string()));
    }
    if let Ok(zone) = std::env::var("TOUCHBASE_TZ")
        && !zone.trim().is_empty()
    {
        env.push(("TOUCHBASE_TZ", zone));
    }
    Ok(env)
}

/// The files `platform` installs, where they go.
fn files(platform: Platform, job: &Job) -> anyhow::Result<Vec<File>> {
    let dirs = || {
        directories::BaseDirs::new().ok_or_else(|| {
            anyhow::anyhow!("cannot find a home directory to install the timer in (HOME is not set)")
        })
    };
    Ok(match platform {
        Platform::Systemd => {
            let dir = dirs()?.config_dir().join("systemd").join("user");
            vec![
                File {
                    path: dir.join(format!("{UNIT}.service")),
                    text: job.service()?,
                },
                File {
                    path: dir.join(format!("{UNIT}.timer")),
                    text: job.timer(),
                },
            ]
        }
        Platform::Launchd => vec![File {
            path: dirs()?
                .home_dir()
                .join("Library")
                .join("LaunchAgents")
                .join(format!("{LABEL}.plist")),
            text: job.plist()?,
        }],
        Platform::Cron => Vec::new(),
    })
}

/// The one command that starts what was installed.
fn enable(platform: Platform, files: &[File]) -> Option<String> {
    match platform {
        Platform::Systemd => Some(format!(
            "systemctl --user daemon-reload && systemctl --user enable --now {UNIT}.timer"
        )),
        Platform::Launchd => files.first().map(|f| {
            format!(
                "launchctl bootout gui/$(id -u)/{LABEL} 2>/dev/null; launchctl bootstrap gui/$(id -u) '{}'",
                f.path.display()
            )
        }),
        Platform::Cron => None,
    }
}

/// `--write`: every file checked first, so a file someone else wrote stops it before
/// anything is written; then the files, then the book marked as set up.
fn write(cx: &mut Ctx, platform: Platform, files: &[File]) -> anyhow::Result<()> {
    if platform == Platform::Cron {
        anyhow::bail!(
            "--write installs a systemd or launchd timer, and this system has neither — run `touchbase remind --setup` and add its crontab line with crontab -e"
        );
    }
    let mut plan = Vec::new();
    for f in files {
        let found = match fs::read_to_string(&f.path) {
            Ok(text) => Some(text),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
            Err(e) => return Err(e).with_context(|| format!("reading '{}'", f.path.display())),
        };
        let existing = Existing::of(found.as_deref(), &f.text);
        if existing == Existing::Theirs {
            anyhow::bail!(
                "'{}' is already there and touchbase did not write it (its first lines do not say \"{}\") — nothing was written; move it away and run this again, or leave out --write and merge the printed units by hand",
                f.path.display(),
                if platform == Platform::Launchd {
                    PLIST_MARK
                } else {
                    MARK
                }
            );
        }
        plan.push((f, existing));
    }
    for (f, existing) in &plan {
        if *existing == Existing::Same {
            continue;
        }
        if let Some(dir) = f.path.parent() {
            fs::create_dir_all(dir).with_context(|| format!("making the directory '{}'", dir.display()))?;
        }
        fs::write(&f.path, &f.text).with_context(|| format!("writing '{}'", f.path.display()))?;
    }
    crate::app::status::record_set_up(&mut *cx.store, cx.now.utc)?;
    for (f, existing) in &plan {
        let said = match existing {
            Existing::None => "wrote",
            Existing::Ours => "replaced (touchbase wrote it before)",
            Existing::Same | Existing::Theirs => "unchanged",
        };
        writeln!(cx.out, "{said} {}", f.path.display())?;
    }
    if let Some(enable) = enable(platform, files) {
        writeln!(cx.out, "Now start it:\n  {enable}")?;
    }
    writeln!(
        cx.out,
        "From the next workday on, the agenda and `touchbase status` say so when no digest went out."
    )?;
    Ok(())
}
