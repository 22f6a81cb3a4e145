//! `touchbase remind`: today's digest.

use super::Ctx;
use crate::cli::RemindArgs;

pub(super) fn run(cx: &mut Ctx, args: &RemindArgs) -> anyhow::Result<()> {
    let _ = (cx, args);
    anyhow::bail!("not built yet")
}
