//! `export customers`: the whole book, for a spreadsheet, a phone or another CRM, in the
//! formats `import` reads back. A file is written whole or not at all (see
//! `export::write_atomically`).

use std::io::Write as _;

use super::Ctx;
use crate::cli::ExportCustomersArgs;
use crate::domain::text::shown_path;
use crate::export;
use crate::import::Format;
use crate::import::write::BookWriter;
use crate::store::Book;

pub fn export(cx: &mut Ctx, args: &ExportCustomersArgs) -> anyhow::Result<()> {
    let format = match (&args.format, &args.output) {
        (Some(f), _) => Format::parse(f)?,
        (None, Some(path)) => Format::from_path(path).unwrap_or(Format::Csv),
        (None, None) => Format::Csv,
    };
    let Some(path) = &args.output else {
        write_book(&*cx.store, format, &mut cx.out)?;
        return Ok(());
    };
    let store = &*cx.store;
    let n = export::write_atomically(path, |out| write_book(store, format, out))?;
    writeln!(
        cx.out,
        "Wrote {n} {} ({}) to '{}'.",
        if n == 1 { "customer" } else { "customers" },
        format.as_str(),
        shown_path(path)
    )?;
    Ok(())
}

/// Streams every active customer to `out`; returns how many.
fn write_book(store: &dyn Book, format: Format, out: &mut impl std::io::Write) -> anyhow::Result<usize> {
    let mut w = BookWriter::new(format, out)?;
    let mut n = 0;
    store.each_customer_by_id(&mut |c| {
        n += 1;
        w.write(&c)
    })?;
    w.finish()?;
    Ok(n)
}
