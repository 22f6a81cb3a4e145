//! `touchbase remind`: today's digest (`app::remind`) to the channels the flags or
//! `[remind] channels` name, and recorded as delivered only when every one took it. How
//! the digest reads is `letter`'s; how a channel delivers, `deliver`'s.

mod letter;

use std::io::Write as _;

use anyhow::Context as _;

use super::json::DigestJson;
use super::{Ctx, print_json};
use crate::app::remind::{self, Digest};
use crate::cli::RemindArgs;
use crate::config::Channel;
use crate::deliver::{desktop, email};

/// A channel to deliver to, with its address.
#[derive(Debug, Clone, PartialEq, Eq)]
enum To {
    Stdout,
    Desktop,
    Email(String),
}

impl To {
    fn name(&self) -> &'static str {
        match self {
            To::Stdout => "stdout",
            To::Desktop => "desktop",
            To::Email(_) => "email",
        }
    }
}

pub(super) fn run(cx: &mut Ctx, args: &RemindArgs) -> anyhow::Result<()> {
    let today = cx.now.today();
    let channels = channels(cx, args)?;
    if !args.anyway && !remind::is_workday(&cx.config, today) {
        // Said on stderr: a timer's stdout may be mailed, and a day off mails nothing.
        let _ = writeln!(
            std::io::stderr(),
            "touchbase: no digest today — {} is not one of [week] workdays in config.toml; `touchbase remind --anyway` sends one",
            today.format("%A %-d %b")
        );
        return Ok(());
    }
    let digest = remind::digest(&*cx.store, cx.now, &cx.config, args.since_last)?;
    // An empty digest is not sent anywhere but stdout unless `[remind] send_empty` asks;
    // it still counts as run.
    let send = !digest.is_empty() || cx.config.remind.send_empty;
    // Every channel is tried, so one that fails keeps none of the others from their digest;
    // but the run is recorded only when all took it: nothing half-delivered counts as
    // delivered, and the next `--since-last` lists it all again.
    let mut failed = Vec::new();
    for to in &channels {
        let delivered = match to {
            To::Stdout => {
                print(cx, &digest, args.json)?;
                continue;
            }
            To::Desktop if send => desktop::show(&letter::notice(&digest, cx.now))
                .context("the digest did not reach the desktop"),
            To::Email(address) if send => {
                email::send(&cx.config.remind.smtp, &letter::letter(&digest, cx.now, address))
                    .with_context(|| format!("the digest was not e-mailed to {address}"))
            }
            To::Desktop | To::Email(_) => Ok(()),
        };
        failed.extend(delivered.err());
    }
    // What stdout could not take was not delivered either.
    cx.out.flush()?;
    if !failed.is_empty() {
        let said: Vec<String> = failed.iter().map(|e| format!("{e:#}")).collect();
        anyhow::bail!(
            "{}; so the digest is not recorded as delivered, and the next `touchbase remind --since-last` lists it all again",
            said.join("; and ")
        );
    }
    let names: Vec<String> = channels.iter().map(|to| to.name().to_string()).collect();
    remind::record(&mut *cx.store, cx.now, &digest, &names, args.scheduled)?;
    confirm(cx, &channels, &digest, send)
}

/// A person at a terminal who sent the digest elsewhere is told where it went. A timer
/// (no terminal) is told nothing: cron mails whatever a job prints.
fn confirm(cx: &mut Ctx, channels: &[To], digest: &Digest, sent: bool) -> anyhow::Result<()> {
    if channels.contains(&To::Stdout) || !cx.out.get_ref().is_on() {
        return Ok(());
    }
    if !sent {
        writeln!(
            cx.out,
            "Nothing due today — nothing sent ([remind] send_empty is off)."
        )?;
        return Ok(());
    }
    let places: Vec<String> = channels
        .iter()
        .map(|to| match to {
            To::Email(address) => crate::domain::text::sanitize(address).into_owned(),
            _ => "the desktop".to_string(),
        })
        .collect();
    writeln!(
        cx.out,
        "Sent the digest ({}) to {}.",
        letter::counted(digest),
        places.join(" and ")
    )?;
    Ok(())
}

fn print(cx: &mut Ctx, digest: &Digest, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&mut cx.out, &DigestJson::from(digest));
    }
    write!(cx.out, "{}", letter::text(digest, cx.now))?;
    Ok(())
}

/// The channels the flags name (`--json` is stdout), or else `[remind] channels`; an
/// e-mail channel needs an address.
fn channels(cx: &Ctx, args: &RemindArgs) -> anyhow::Result<Vec<To>> {
    let mut out = Vec::new();
    if args.stdout || args.json {
        out.push(To::Stdout);
    }
    if args.notify {
        out.push(To::Desktop);
    }
    if let Some(address) = &args.email {
        out.push(To::Email(address.trim().to_string()));
    }
    if out.is_empty() {
        let config = &cx.config.remind;
        for channel in &config.channels {
            let to = match channel {
                Channel::Stdout => To::Stdout,
                Channel::Desktop => To::Desktop,
                Channel::Email if config.email.trim().is_empty() => anyhow::bail!(
                    "[remind] channels in config.toml names \"email\" but [remind] email is empty — set the address there, or pass --email ADDRESS"
                ),
                Channel::Email => To::Email(config.email.trim().to_string()),
            };
            if !out.contains(&to) {
                out.push(to);
            }
        }
    }
    if out.is_empty() {
        out.push(To::Stdout);
    }
    for to in &out {
        if let To::Email(address) = to {
            crate::domain::email::check(address).map_err(crate::app::Refused::from)?;
        }
    }
    Ok(out)
}
