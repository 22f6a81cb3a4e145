//! `export week`.

use anyhow::bail;

use super::Ctx;
use crate::cli::ExportWeekArgs;

pub fn week(_cx: &mut Ctx, _args: &ExportWeekArgs) -> anyhow::Result<()> {
    bail!("export week is not built yet")
}
