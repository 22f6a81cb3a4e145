//! `export week`: the weekly to-do list to stdout, or to a file (`-o`) that is replaced
//! only once the whole export is written.

use std::io::Write as _;

use super::Ctx;
use crate::app::export as exports;
use crate::cli::ExportWeekArgs;
use crate::domain::text::{sanitize_lines, shown_path};
use crate::domain::week::WeekPlan;
use crate::export::{self, BadWeekFormat, WeekFormat};
use crate::human::items;

pub fn week(cx: &mut Ctx, args: &ExportWeekArgs) -> anyhow::Result<()> {
    let exports::Week { plan, format } = exports::week(
        &*cx.store,
        cx.now,
        &cx.config,
        args.week.as_deref(),
        args.format.as_deref(),
        args.output.as_deref(),
    )
    .map_err(|e| match e.downcast_ref::<BadWeekFormat>() {
        // Only the command line has a flag to name the format by.
        Some(BadWeekFormat::Extension(_)) => anyhow::anyhow!("{e}, or pass --format"),
        _ => e,
    })?;
    match &args.output {
        // Markdown and todo.txt on stdout are read by a person (through `less` too), and
        // neither format can escape a character: hidden ones are shown as placeholders.
        // The other formats are for programs and stay exact unless stdout is a terminal.
        None => {
            let text = export::render(&plan, format, cx.now);
            let text = if matches!(format, WeekFormat::Md | WeekFormat::TodoTxt) {
                sanitize_lines(&text)
            } else {
                text.as_str().into()
            };
            cx.out.write_all(text.as_bytes())?;
        }
        Some(path) => {
            writeln!(
                cx.out,
                "Wrote {} for {} ({format}) to '{}'.",
                items(plan.items.len()),
                plan.week,
                shown_path(path)
            )?;
        }
    }
    warn_left_out(&plan, format);
    Ok(())
}

/// Markdown and JSON say what `[week] limit` left out; the other formats have no place
/// for it, so stderr does.
fn warn_left_out(plan: &WeekPlan, format: WeekFormat) {
    if matches!(format, WeekFormat::Md | WeekFormat::Json) {
        return;
    }
    for (kind, n) in plan.left_out.by_kind() {
        eprintln!(
            "touchbase: {n} more {} are not in the export (raise [week] limit in config.toml)",
            kind.plural()
        );
    }
}
