//! One test of this binary run again in a child process with an environment of its own.
//! Edition 2024 makes `set_var` unsafe once threads run, and the test harness runs tests on
//! threads; a child gets its variables from `Command::env` instead. Knows nothing of what
//! the test does.

use std::process::Command;

/// Set in the child, so the test knows to do its work rather than start another child.
const MARK: &str = "TOUCHBASE_TEST_CHILD";

/// Whether this process is a child [`rerun`] started.
pub fn in_child() -> bool {
    std::env::var_os(MARK).is_some()
}

/// Runs the test `name` (its function name) again in a child process, with the environment
/// `env` sets, and fails unless it ran and passed there. What the child printed is printed
/// again (seen with `--nocapture`).
pub fn rerun(name: &str, env: impl FnOnce(&mut Command) -> &mut Command) {
    let exe = std::env::current_exe().expect("the test binary's path");
    let mut cmd = Command::new(exe);
    cmd.args([name, "--exact", "--nocapture", "--quiet", "--test-threads=1"])
        .env(MARK, "1");
    env(&mut cmd);
    let out = cmd.output().expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && stdout.contains("1 passed"),
        "{name} failed in its child process:\n{stdout}\n{stderr}"
    );
    let said = stdout.lines().filter(|line| {
        !(line.is_empty() || *line == "." || line.starts_with("running ") || line.starts_with("test result"))
    });
    for line in said {
        println!("{line}");
    }
}
