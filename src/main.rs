use std::process::ExitCode;

fn main() -> ExitCode {
    touchbase::main()
}
