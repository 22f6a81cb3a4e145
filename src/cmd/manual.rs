//! `completions SHELL` and `man`: the shell completion script and the manual page, both
//! generated from the same clap definitions as the command line itself, so they never
//! drift from it. Neither opens a book.

use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use clap::CommandFactory as _;
use clap_complete::Shell;

use crate::cli::Args;
use crate::domain::text::shown_path;

/// The script for `shell`. Made in memory first: the generator panics on a write that
/// fails, and a script piped into `head` must end quietly like any other output.
pub fn completions(shell: Shell) -> anyhow::Result<()> {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Args::command(), "touchbase", &mut script);
    let mut out = io::stdout().lock();
    out.write_all(&script)?;
    out.flush()?;
    Ok(())
}

/// The manual: without `dir`, the page for `touchbase` to stdout; with it, that page and
/// one for every command (`touchbase-log.1`, `touchbase-edit-customer.1`, …), which the
/// first one's SUBCOMMANDS section names, written into `dir` (made if missing).
pub fn man_pages(dir: Option<&Path>) -> anyhow::Result<()> {
    let mut command = Args::command();
    command.build();
    let Some(dir) = dir else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        let mut out = io::stdout().lock();
        out.write_all(&page)?;
        out.flush()?;
        return Ok(());
    };
    fs::create_dir_all(dir).with_context(|| format!("making the directory {}", shown_path(dir)))?;
    let mut written = Vec::new();
    write_pages(&command, "touchbase", dir, &mut written)?;
    let mut out = io::stdout().lock();
    writeln!(out, "Wrote {} manual pages to {}", written.len(), shown_path(dir))?;
    writeln!(
        out,
        "Read them with: man {}",
        shown_path(&dir.join("touchbase.1"))
    )?;
    out.flush()?;
    Ok(())
}

/// Writes the page of `command`, named `name`, and those of its commands.
fn write_pages(
    command: &clap::Command,
    name: &str,
    dir: &Path,
    written: &mut Vec<PathBuf>,
) -> anyhow::Result<()> {
    let path = dir.join(format!("{name}.1"));
    let page = clap_mangen::Man::new(command.clone().name(name.to_string()));
    let mut text = Vec::new();
    page.render(&mut text)?;
    fs::write(&path, text).with_context(|| format!("writing {}", shown_path(&path)))?;
    written.push(path);
    for sub in command
        .get_subcommands()
        .filter(|s| !s.is_hide_set() && s.get_name() != "help")
    {
        write_pages(sub, &format!("{name}-{}", sub.get_name()), dir, written)?;
    }
    Ok(())
}
