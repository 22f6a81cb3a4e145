//! The clipboard, through the terminal: the OSC 52 escape sequence that asks the terminal
//! to put text on the clipboard of the machine the user sits at, so it works over SSH and
//! inside tmux. Only the bytes are made here; the terminal app writes them on its own
//! output. There is no answer: a terminal that does not take OSC 52 ignores it.
//!
//! Inside tmux (`$TMUX` set) the sequence goes twice: as it is, which tmux takes when
//! `set -g set-clipboard on` (it keeps a paste buffer and passes the text on to the outer
//! terminal), and wrapped in tmux's passthrough (`ESC P tmux; …ESC \`, every ESC inside
//! doubled), which tmux 3.3+ hands to the outer terminal unchanged when `set -g
//! allow-passthrough on`. With neither set, tmux drops both and nothing is copied.

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

/// What the terminal app runs in, as far as the clipboard's escape cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Host {
    /// A terminal, directly (or over SSH).
    Terminal,
    Tmux,
}

impl Host {
    /// Inside tmux when `$TMUX` is set (tmux sets it for what runs in its panes).
    pub fn from_env() -> Host {
        if std::env::var_os("TMUX").is_some_and(|v| !v.is_empty()) {
            Host::Tmux
        } else {
            Host::Terminal
        }
    }
}

/// The bytes that copy `text`: `ESC ] 52 ; c ; BASE64 BEL`, and inside tmux the same again
/// in its passthrough.
pub fn osc52(text: &str, host: Host) -> String {
    let plain = format!("\x1b]52;c;{}\x07", STANDARD.encode(text));
    if host == Host::Tmux {
        let doubled = plain.replace('\x1b', "\x1b\x1b");
        format!("{plain}\x1bPtmux;{doubled}\x1b\\")
    } else {
        plain
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_goes_base64_in_osc_52() {
        // "anna@acme.example" in base64.
        assert_eq!(
            osc52("anna@acme.example", Host::Terminal),
            "\x1b]52;c;YW5uYUBhY21lLmV4YW1wbGU=\x07"
        );
        assert_eq!(osc52("€", Host::Terminal), "\x1b]52;c;4oKs\x07", "UTF-8, padded");
    }

    #[test]
    fn inside_tmux_it_goes_plain_and_in_the_passthrough() {
        assert_eq!(
            osc52("+31", Host::Tmux),
            "\x1b]52;c;KzMx\x07\x1bPtmux;\x1b\x1b]52;c;KzMx\x07\x1b\\"
        );
    }
}
