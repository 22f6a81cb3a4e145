//! `export customers`: the whole book, for a spreadsheet, a phone or another CRM.

use anyhow::bail;

use super::Ctx;
use crate::cli::ExportCustomersArgs;

pub fn export(_cx: &mut Ctx, _args: &ExportCustomersArgs) -> anyhow::Result<()> {
    bail!("export customers is not built yet")
}
