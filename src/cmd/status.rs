//! `touchbase status`: the prompt line.

use super::Ctx;
use crate::cli::StatusArgs;

pub(super) fn run(cx: &mut Ctx, args: &StatusArgs) -> anyhow::Result<()> {
    let _ = (cx, args);
    anyhow::bail!("not built yet")
}
