//! `export customers`: the whole book, for a spreadsheet, a phone or another CRM, in the
//! formats `import` reads back. A file is written under a temporary name beside its
//! destination and renamed into place, so a failed export never leaves half a book.

use std::io::{BufWriter, Write as _};
use std::path::Path;

use anyhow::Context as _;

use super::Ctx;
use crate::cli::ExportCustomersArgs;
use crate::import::Format;
use crate::import::write::BookWriter;
use crate::store::Store;

pub fn export(cx: &mut Ctx, args: &ExportCustomersArgs) -> anyhow::Result<()> {
    let format = match (&args.format, &args.output) {
        (Some(f), _) => Format::parse(f)?,
        (None, Some(path)) => Format::from_path(path).unwrap_or(Format::Csv),
        (None, None) => Format::Csv,
    };
    let Some(path) = &args.output else {
        write_book(&cx.store, format, &mut cx.out)?;
        return Ok(());
    };
    if path.is_dir() {
        anyhow::bail!(
            "cannot write '{}': it is a directory — name a file",
            path.display()
        );
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let tmp = tempfile::Builder::new()
        .prefix(".touchbase-export-")
        .tempfile_in(dir)
        .with_context(|| format!("creating a file in '{}'", dir.display()))?;
    let mut file = BufWriter::new(tmp);
    let n = write_book(&cx.store, format, &mut file)?;
    let tmp = file
        .into_inner()
        .map_err(|e| anyhow::anyhow!("writing '{}': {}", path.display(), e.error()))?;
    let saving = || format!("saving '{}'", path.display());
    tmp.as_file().sync_all().with_context(saving)?;
    // A temporary file is private (0600); an export is an ordinary file, like the one it
    // replaces.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        let mode = std::fs::metadata(path).map_or(0o644, |m| m.permissions().mode() & 0o777);
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .with_context(saving)?;
    }
    // On error the temporary file is removed as `tmp` drops.
    tmp.persist(path).map_err(|e| e.error).with_context(saving)?;
    writeln!(
        cx.out,
        "Wrote {n} {} ({}) to '{}'.",
        if n == 1 { "customer" } else { "customers" },
        format.as_str(),
        path.display()
    )?;
    Ok(())
}

/// Streams every active customer to `out`; returns how many.
fn write_book(store: &Store, format: Format, out: &mut impl std::io::Write) -> anyhow::Result<usize> {
    let mut w = BookWriter::new(format, out)?;
    let mut n = 0;
    store.each_customer_by_id(|c| {
        n += 1;
        w.write(&c)
    })?;
    w.finish()?;
    Ok(n)
}
