//! `touchbase calendar`: the calendar feed.

use super::Ctx;
use crate::cli::CalendarArgs;

pub(super) fn run(cx: &mut Ctx, args: &CalendarArgs) -> anyhow::Result<()> {
    let _ = (cx, args);
    anyhow::bail!("not built yet")
}
