//! Waiting for the terminal ourselves before asking crossterm for a key. crossterm 0.29
//! spins forever inside `event::poll` once its terminal has hung up (a read that fails
//! with EIO is retried without end), so the loop would never see the SIGHUP of a closed
//! window; `poll(2)` on the same descriptor tells a hang-up apart first.

use std::fs::File;
use std::io::{self, IsTerminal as _};
use std::os::fd::{AsRawFd as _, RawFd};
use std::time::Duration;

/// What the terminal has for us.
#[derive(Debug, PartialEq, Eq)]
pub enum Input {
    Ready,
    Timeout,
    /// The terminal is gone: its window closed, or its connection dropped.
    HungUp,
}

/// The descriptor crossterm reads keys from: stdin when it is a terminal, else `/dev/tty`.
pub struct Tty {
    /// Kept open for `fd` when stdin is not the terminal.
    _file: Option<File>,
    fd: RawFd,
}

impl Tty {
    pub fn open() -> io::Result<Tty> {
        if io::stdin().is_terminal() {
            return Ok(Tty {
                _file: None,
                fd: io::stdin().as_raw_fd(),
            });
        }
        let file = File::open("/dev/tty")?;
        let fd = file.as_raw_fd();
        Ok(Tty {
            _file: Some(file),
            fd,
        })
    }

    /// Waits up to `timeout` for the terminal to have input or to hang up.
    pub fn wait(&self, timeout: Duration) -> io::Result<Input> {
        let mut fds = libc::pollfd {
            fd: self.fd,
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = libc::c_int::try_from(timeout.as_millis()).unwrap_or(libc::c_int::MAX);
        // SAFETY: `fds` is one valid pollfd for the duration of the call, and the count
        // passed says one.
        let n = unsafe { libc::poll(&raw mut fds, 1, ms) };
        if n < 0 {
            let e = io::Error::last_os_error();
            // A signal arrived: the caller looks at its signals next.
            return if e.kind() == io::ErrorKind::Interrupted {
                Ok(Input::Timeout)
            } else {
                Err(e)
            };
        }
        Ok(
            if fds.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0 {
                Input::HungUp
            } else if fds.revents & libc::POLLIN != 0 {
                Input::Ready
            } else {
                Input::Timeout
            },
        )
    }
}
