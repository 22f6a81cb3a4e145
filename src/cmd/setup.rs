//! `touchbase remind --setup`: the daily timer that runs the digest.

use super::Ctx;
use crate::cli::SetupArgs;

pub(super) fn run(cx: &mut Ctx, args: &SetupArgs) -> anyhow::Result<()> {
    let _ = (cx, args);
    anyhow::bail!("not built yet")
}
