//! `touchbase calendar`: the feed of follow-ups and decision moments as iCalendar, to
//! stdout, to a file (`-o`, replaced only once whole), or served over HTTP for calendar
//! apps to subscribe to (`--serve`, in `serve`).

mod serve;

use std::io::Write as _;
use std::path::Path;

use super::Ctx;
use crate::app::calendar as feeds;
use crate::cli::CalendarArgs;
use crate::clock::Now;
use crate::domain::feed::{Feed, LeftOut};
use crate::domain::text::shown_path;
use crate::export::{feed, write_atomically};
use crate::human::items;

pub(super) fn run(cx: &mut Ctx, args: &CalendarArgs) -> anyhow::Result<()> {
    if let Some(addr) = &args.serve {
        return serve::run(cx, addr, args);
    }
    if args.show_url || args.rotate_token {
        return serve::token_only(cx, args.rotate_token);
    }
    let feed = feeds::feed(&*cx.store, cx.now, &cx.config, args.with_notes)?;
    let text = render(cx, &feed, cx.now);
    match args.output.as_deref().filter(|p| *p != Path::new("-")) {
        None => cx.out.write_all(text.as_bytes())?,
        Some(path) => {
            write_atomically(path, |out| Ok(out.write_all(text.as_bytes())?))?;
            writeln!(
                cx.out,
                "Wrote {} (overdue, and due through {}) to '{}'.",
                items(feed.items.len()),
                feed.through.format("%a %-d %b %Y"),
                shown_path(path)
            )?;
        }
    }
    warn_left_out(feed.left_out);
    Ok(())
}

/// The feed as iCalendar, written at `now`.
fn render(cx: &Ctx, feed: &Feed, now: Now) -> String {
    feed::render(feed, cx.config.calendar.alarm, now)
}

/// A calendar has no place to say what `[calendar] limit` left out, so stderr does.
fn warn_left_out(left_out: LeftOut) {
    for said in left_out.said() {
        eprintln!("touchbase: the feed leaves out {said} (raise [calendar] limit in config.toml)");
    }
}
