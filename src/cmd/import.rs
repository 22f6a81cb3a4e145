//! `import FILE`.

use anyhow::bail;

use super::Ctx;
use crate::cli::ImportArgs;

pub fn run(_cx: &mut Ctx, _args: &ImportArgs) -> anyhow::Result<()> {
    bail!("import is not built yet")
}
