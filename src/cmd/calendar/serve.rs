//! `calendar --serve ADDR`: the feed over HTTP for calendar apps to subscribe to. It binds
//! exactly ADDR, answers GET and HEAD at `/calendar/<token>.ics` (or `/<token>.ics`) only,
//! with the feed read from the book again for every request (what another touchbase wrote
//! a moment ago is in it), and nothing anywhere else: 404 for any other path, the same
//! whether the token was wrong or the path was, and 405 for other methods. Read-only: a
//! request never writes the book. Ctrl-C (or SIGTERM) stops it between requests.
//!
//! The token is 128 bits from the operating system's random source (`/dev/urandom`), not
//! `fastrand`, whose 64-bit state is not a secret anyone cannot guess; hex, so it is safe in
//! any URL. It is made on the first serve and kept in the book (`Setting::CalendarToken`),
//! so a subscription survives restarts; `--rotate-token` replaces it, also for a server
//! already running (it reads the token with every request).

use std::io::Write as _;
use std::net::{SocketAddr, TcpListener};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use tiny_http::{Header, Method, Request, Response, Server};

use super::{Ctx, render};
use crate::app::calendar as feeds;
use crate::cli::CalendarArgs;

/// How long a wait for the next request lasts before Ctrl-C is looked at again.
const POLL: Duration = Duration::from_millis(200);

pub(super) fn run(cx: &mut Ctx, addr: &str, args: &CalendarArgs) -> anyhow::Result<()> {
    let wanted = parse_addr(addr)?;
    // Bound before the token is made: a port in use changes nothing in the book.
    let listener = TcpListener::bind(wanted).map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "cannot serve on {wanted}: the port is in use by another program — pick another port, or stop the other program"
        ),
        std::io::ErrorKind::AddrNotAvailable => anyhow::anyhow!(
            "cannot serve on {wanted}: this machine has no such address — use 127.0.0.1 (this machine only) or one of its own addresses"
        ),
        std::io::ErrorKind::PermissionDenied => anyhow::anyhow!(
            "cannot serve on {wanted}: ports below 1024 need privileges — pick a port from 1024 up, like 8765"
        ),
        _ => anyhow::anyhow!("cannot serve on {wanted}: {e}"),
    })?;
    let bound = listener.local_addr().context("reading the address served on")?;
    let token = feeds::token(&mut *cx.store, cx.now, args.rotate_token, new_token)?;
    let server =
        Server::from_listener(listener, None).map_err(|e| anyhow::anyhow!("cannot serve on {bound}: {e}"))?;
    if !bound.ip().is_loopback() {
        eprintln!(
            "touchbase: warning: {bound} can be reached from other machines — anyone who can reach it and knows the token can read your follow-ups and customers' phone numbers"
        );
    }
    let url = format!("http://{bound}{}", path(&token.token));
    if token.new || args.show_url {
        writeln!(cx.out, "Serving the calendar feed at {url}")?;
        writeln!(
            cx.out,
            "Subscribe to that address in your calendar app. It is a secret: anyone who has it can read the feed."
        )?;
    } else {
        writeln!(
            cx.out,
            "Serving the calendar feed on http://{bound}/calendar/….ics"
        )?;
        writeln!(
            cx.out,
            "The full address holds a secret token: add --show-url to print it, --rotate-token to make a new one."
        )?;
    }
    if bound.ip().is_unspecified() {
        writeln!(
            cx.out,
            "From another machine, put this machine's name or address in place of {}.",
            bound.ip()
        )?;
    }
    writeln!(cx.out, "Ctrl-C stops it.")?;
    cx.out.flush()?;

    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGINT, signal_hook::consts::SIGTERM] {
        // A second Ctrl-C while a request is still being answered ends it there and then.
        signal_hook::flag::register_conditional_shutdown(signal, 130, Arc::clone(&stop))
            .context("listening for Ctrl-C")?;
        signal_hook::flag::register(signal, Arc::clone(&stop)).context("listening for Ctrl-C")?;
    }
    while !stop.load(Ordering::Relaxed) {
        let Some(request) = server.recv_timeout(POLL).context("waiting for a request")? else {
            continue;
        };
        let response = answer(cx, &request, args.with_notes);
        // A client that hung up before the answer was sent is its own business.
        let _ = request.respond(response);
    }
    writeln!(cx.out, "Stopped.")?;
    Ok(())
}

/// `--show-url` or `--rotate-token` without `--serve`: the path, for an address not known.
pub(super) fn token_only(cx: &mut Ctx, rotate: bool) -> anyhow::Result<()> {
    let token = if rotate {
        feeds::token(&mut *cx.store, cx.now, true, new_token)?.token
    } else {
        feeds::stored_token(&*cx.store)?.ok_or_else(|| {
            anyhow::anyhow!(
                "the feed has no address yet — `touchbase calendar --serve 127.0.0.1:8765` makes one and prints it"
            )
        })?
    };
    if rotate {
        writeln!(cx.out, "Made a new token: the old address no longer works.")?;
    }
    writeln!(cx.out, "The feed's address: http://ADDR{}", path(&token))?;
    writeln!(cx.out, "with ADDR what you pass to --serve, like 127.0.0.1:8765.")?;
    Ok(())
}

/// The path the feed is served at.
fn path(token: &str) -> String {
    format!("/calendar/{token}.ics")
}

/// An IP address and port, exactly: a host name could stand for several addresses, and the
/// server must bind only the one the user named.
fn parse_addr(addr: &str) -> anyhow::Result<SocketAddr> {
    addr.trim().parse().map_err(|_| {
        anyhow::anyhow!(
            "'{addr}' is not an address to serve on — give an IP address and a port, like 127.0.0.1:8765 (this machine only) or [::1]:8765"
        )
    })
}

/// What a request to the server is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Route {
    Feed,
    NotFound,
    NotAllowed,
}

fn route(method: &Method, url: &str, token: &str) -> Route {
    if !matches!(method, Method::Get | Method::Head) {
        return Route::NotAllowed;
    }
    // A calendar app may add a query string of its own; the path alone names the feed.
    let path = url.split(['?', '#']).next().unwrap_or("");
    if token.is_empty() {
        return Route::NotFound;
    }
    let asked = path
        .strip_prefix("/calendar/")
        .or_else(|| path.strip_prefix('/'))
        .and_then(|p| p.strip_suffix(".ics"));
    match asked {
        Some(asked) if same(asked.as_bytes(), token.as_bytes()) => Route::Feed,
        _ => Route::NotFound,
    }
}

/// Compares in a time that does not tell how much of a guess was right.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The answer to `request`. The token is read from the book each time too, so a
/// `--rotate-token` run by another touchbase retires the old address at once.
fn answer(cx: &Ctx, request: &Request, with_notes: bool) -> Response<std::io::Cursor<Vec<u8>>> {
    let token = match feeds::stored_token(&*cx.store) {
        Ok(token) => token.unwrap_or_default(),
        Err(e) => {
            eprintln!("touchbase: the feed's token could not be read: {e:#}");
            return text(500, "The book could not be read\n");
        }
    };
    match route(request.method(), request.url(), &token) {
        Route::NotFound => text(404, "Not found\n"),
        Route::NotAllowed => text(405, "Only GET and HEAD\n").with_header(header("Allow", "GET, HEAD")),
        Route::Feed => {
            // Read again for every request, at the clock's time now: the server runs for days.
            let now = cx.now.ticked().unwrap_or(cx.now);
            match feeds::feed(&*cx.store, now, &cx.config, with_notes) {
                Ok(feed) => Response::from_data(render(cx, &feed, now).into_bytes())
                    .with_header(header("Content-Type", "text/calendar; charset=utf-8"))
                    .with_header(header("Cache-Control", "no-cache")),
                Err(e) => {
                    eprintln!("touchbase: the feed could not be read: {e:#}");
                    text(500, "The book could not be read\n")
                }
            }
        }
    }
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

fn header(name: &str, value: &str) -> Header {
    // Both are fixed ASCII strings written here.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| unreachable!("{name}: {value}"))
}

const HEX: &[u8; 16] = b"0123456789abcdef";

/// 128 bits from the operating system's random source, as 32 hex digits.
fn new_token() -> anyhow::Result<String> {
    let mut bytes = [0u8; 16];
    random_bytes(&mut bytes).context("reading the system's random source for the feed's token")?;
    Ok(bytes.iter().fold(String::with_capacity(32), |mut hex, b| {
        hex.push(char::from(HEX[usize::from(b >> 4)]));
        hex.push(char::from(HEX[usize::from(b & 0xf)]));
        hex
    }))
}

#[cfg(unix)]
fn random_bytes(buf: &mut [u8]) -> std::io::Result<()> {
    use std::io::Read as _;
    std::fs::File::open("/dev/urandom")?.read_exact(buf)
}

/// Elsewhere, std's hasher keys: drawn from the system's random source once per thread.
#[cfg(not(unix))]
fn random_bytes(buf: &mut [u8]) -> std::io::Result<()> {
    use std::hash::{BuildHasher as _, Hasher as _};
    let keys = std::collections::hash_map::RandomState::new();
    for (i, chunk) in buf.chunks_mut(8).enumerate() {
        let mut h = keys.build_hasher();
        h.write_usize(i);
        chunk.copy_from_slice(&h.finish().to_le_bytes()[..chunk.len()]);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "0123456789abcdef0123456789abcdef";

    #[test]
    fn only_the_token_path_is_the_feed() {
        let get = |url: &str| route(&Method::Get, url, TOKEN);
        assert_eq!(get(&format!("/calendar/{TOKEN}.ics")), Route::Feed);
        assert_eq!(get(&format!("/{TOKEN}.ics")), Route::Feed);
        assert_eq!(get(&format!("/calendar/{TOKEN}.ics?refresh=1")), Route::Feed);
        assert_eq!(route(&Method::Head, &format!("/{TOKEN}.ics"), TOKEN), Route::Feed);
        for wrong in [
            "/",
            "/calendar/",
            "/calendar/.ics",
            &format!("/calendar/{TOKEN}"),
            &format!("/calendar/{}.ics", &TOKEN[1..]),
            &format!("/calendar/{TOKEN}0.ics"),
            &format!("/other/{TOKEN}.ics"),
            &format!("/calendar/calendar/{TOKEN}.ics"),
        ] {
            assert_eq!(get(wrong), Route::NotFound, "{wrong}");
        }
        assert_eq!(
            route(&Method::Post, &format!("/{TOKEN}.ics"), TOKEN),
            Route::NotAllowed
        );
        assert_eq!(route(&Method::Put, "/", TOKEN), Route::NotAllowed);
        // No token (removed from the book): nothing is the feed.
        assert_eq!(route(&Method::Get, "/calendar/.ics", ""), Route::NotFound);
        assert_eq!(route(&Method::Get, "/.ics", ""), Route::NotFound);
    }

    #[test]
    fn tokens_are_128_bits_of_hex_and_differ() {
        let a = new_token().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|b| b.is_ascii_hexdigit()));
        assert_ne!(a, new_token().unwrap());
    }

    #[test]
    fn an_address_is_an_ip_and_a_port() {
        assert_eq!(parse_addr("127.0.0.1:8765").unwrap().port(), 8765);
        assert!(parse_addr("[::1]:0").is_ok());
        let err = parse_addr("localhost:8765").unwrap_err().to_string();
        assert!(
            err.contains("'localhost:8765'") && err.contains("127.0.0.1:8765"),
            "{err}"
        );
        assert!(parse_addr("8765").is_err());
    }
}
