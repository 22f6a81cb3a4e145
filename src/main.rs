//! The `touchbase` binary: nothing but the library's `main`, so that tests, benches and the
//! binary run the same code.

use std::process::ExitCode;

fn main() -> ExitCode {
    touchbase::main()
}
