//! `export customers`: the whole book, for a spreadsheet, a phone or another CRM, in the
//! formats `import` reads back. A file is written whole or not at all (see
//! `export::write_atomically`).

use std::io::Write as _;

use super::Ctx;
use crate::app::export;
use crate::cli::ExportCustomersArgs;
use crate::domain::text::shown_path;

pub fn export(cx: &mut Ctx, args: &ExportCustomersArgs) -> anyhow::Result<()> {
    let format = export::book_format(args.format.as_deref(), args.output.as_deref())?;
    let Some(path) = &args.output else {
        export::write_book(&*cx.store, format, &mut cx.out)?;
        return Ok(());
    };
    let n = export::save_book(&*cx.store, format, path)?;
    writeln!(
        cx.out,
        "Wrote {n} {} ({}) to '{}'.",
        if n == 1 { "customer" } else { "customers" },
        format.as_str(),
        shown_path(path)
    )?;
    Ok(())
}
