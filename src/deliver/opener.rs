//! The system's opener: hands a `mailto:` or `tel:` URI to the program the desktop opens
//! links with (xdg-open on Linux and the BSDs, `open` on macOS, `cmd /c start` on
//! Windows), which starts the mail or phone app. The command is made by a pure function;
//! starting it goes through a [`Spawn`], so a test can see what would run. The program is
//! started and not waited for, its output going nowhere: the terminal app's screen stays
//! its own.

use std::io;
use std::process::{Command, Stdio};

use super::DeliveryError;

/// The systems whose opener differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Os {
    /// Linux and the other Unix desktops: xdg-open.
    Unix,
    MacOs,
    Windows,
}

impl Os {
    /// The system this was built for.
    pub fn current() -> Os {
        if cfg!(target_os = "macos") {
            Os::MacOs
        } else if cfg!(windows) {
            Os::Windows
        } else {
            Os::Unix
        }
    }
}

/// A program and its arguments.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opener {
    pub program: String,
    pub args: Vec<String>,
}

/// The command that opens `uri` on `os`.
pub fn command(os: Os, uri: &str) -> Opener {
    let (program, args): (&str, Vec<&str>) = match os {
        Os::Unix => ("xdg-open", vec![uri]),
        Os::MacOs => ("open", vec![uri]),
        // `start` takes its first quoted argument as a window title: an empty one first.
        Os::Windows => ("cmd", vec!["/c", "start", "", uri]),
    };
    Opener {
        program: program.to_string(),
        args: args.into_iter().map(str::to_string).collect(),
    }
}

/// Starts a program without waiting for it.
pub trait Spawn {
    fn spawn(&mut self, opener: &Opener) -> io::Result<()>;
}

/// The real thing: the program started with no input and its output going nowhere; a
/// thread waits for it, so it leaves no zombie behind.
pub struct System;

impl Spawn for System {
    fn spawn(&mut self, opener: &Opener) -> io::Result<()> {
        let mut child = Command::new(&opener.program)
            .args(&opener.args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?;
        std::thread::Builder::new()
            .name("opener".to_string())
            .spawn(move || child.wait())?;
        Ok(())
    }
}

/// Opens `uri` with the system's opener through `spawner`; says which program was
/// missing when there is none.
pub fn open(spawner: &mut dyn Spawn, os: Os, uri: &str) -> Result<Opener, DeliveryError> {
    let opener = command(os, uri);
    let scheme = uri.split(':').next().unwrap_or(uri);
    spawner.spawn(&opener).map_err(|e| {
        if e.kind() == io::ErrorKind::NotFound {
            let hint = match os {
                Os::Unix => " (it comes with xdg-utils)",
                Os::MacOs | Os::Windows => "",
            };
            DeliveryError(format!(
                "Cannot open {scheme}: links: {} was not found{hint}",
                opener.program
            ))
        } else {
            DeliveryError(format!("Cannot open {uri} with {}: {e}", opener.program))
        }
    })?;
    Ok(opener)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_system_has_its_opener() {
        let uri = "tel:+31205550101";
        let args = |os| {
            let o = command(os, uri);
            (o.program, o.args)
        };
        assert_eq!(args(Os::Unix), ("xdg-open".into(), vec![uri.to_string()]));
        assert_eq!(args(Os::MacOs), ("open".into(), vec![uri.to_string()]));
        assert_eq!(
            args(Os::Windows),
            ("cmd".into(), ["/c", "start", "", uri].map(String::from).to_vec())
        );
    }

    struct Missing;

    impl Spawn for Missing {
        fn spawn(&mut self, _: &Opener) -> io::Result<()> {
            Err(io::ErrorKind::NotFound.into())
        }
    }

    #[test]
    fn a_missing_opener_is_named() {
        let e = open(&mut Missing, Os::Unix, "mailto:anna@acme.example").unwrap_err();
        assert_eq!(
            e.to_string(),
            "Cannot open mailto: links: xdg-open was not found (it comes with xdg-utils)"
        );
    }

    #[test]
    fn the_real_spawner_reports_a_program_that_is_not_there() {
        let opener = Opener {
            program: "/nonexistent/touchbase-opener".into(),
            args: vec![],
        };
        let e = System.spawn(&opener).unwrap_err();
        assert_eq!(e.kind(), io::ErrorKind::NotFound);
    }
}
