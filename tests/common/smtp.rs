//! A real SMTP server on loopback (mailin-embedded) that a test starts and reads back: every
//! message it took, with its envelope. `plain()` speaks no TLS and takes mail without a
//! login; `starttls(user, password, mechanisms)` offers STARTTLS with the certificate in
//! tests/fixtures/smtp/ (trust it with `SSL_CERT_FILE=`[`certificate`]) and those AUTH
//! mechanisms, accepting only that login (its refusal repeats the password it was given);
//! `implicit_tls()` is `plain()` behind TLS from the first byte (port 465's way), with the
//! same certificate. The server lives until the test process ends.

use std::io::{self, Read as _, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mailin_embedded::{AuthMechanism, Handler, Response, Server, SslConfig, response};
use rustls::pki_types::pem::PemObject as _;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use rustls::{ServerConfig, ServerConnection, StreamOwned};

/// One message as the server received it.
#[derive(Debug, Clone, Default)]
pub struct Received {
    pub from: String,
    pub to: Vec<String>,
    /// The message as sent after DATA: headers, a blank line, the body.
    pub data: String,
}

/// A running server: where it listens and what it has received.
pub struct MailServer {
    pub port: u16,
    inbox: Arc<Mutex<Vec<Received>>>,
}

/// The certificate the STARTTLS server shows (for `localhost` and `127.0.0.1`).
pub fn certificate() -> PathBuf {
    fixtures().join("localhost.pem")
}

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/smtp")
}

impl MailServer {
    /// No TLS, no login: the set-up `security = "none"` to 127.0.0.1 is for.
    pub fn plain() -> MailServer {
        MailServer::start(None, SslConfig::None, &[])
    }

    /// STARTTLS with the fixture certificate; AUTH with `mechanisms` for `user`/`password` only.
    pub fn starttls(user: &str, password: &str, mechanisms: &[AuthMechanism]) -> MailServer {
        // mailin-embedded builds its TLS config with the process's default provider, and
        // rustls will not pick one when both ring and aws-lc-rs are compiled in.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let ssl = SslConfig::SelfSigned {
            cert_path: certificate().display().to_string(),
            key_path: fixtures().join("localhost.key").display().to_string(),
        };
        MailServer::start(Some((user.to_string(), password.to_string())), ssl, mechanisms)
    }

    /// TLS from the first byte in front of a [`MailServer::plain`] (mailin-embedded speaks
    /// only STARTTLS): each connection's handshake is done here, then bytes are relayed.
    pub fn implicit_tls() -> MailServer {
        let inner = MailServer::plain();
        let _ = rustls::crypto::ring::default_provider().install_default();
        let certs = CertificateDer::pem_file_iter(certificate())
            .expect("the certificate")
            .collect::<Result<Vec<_>, _>>()
            .expect("the certificate parses");
        let key = PrivateKeyDer::from_pem_file(fixtures().join("localhost.key")).expect("the key");
        let config = Arc::new(
            ServerConfig::builder()
                .with_no_client_auth()
                .with_single_cert(certs, key)
                .expect("a TLS config"),
        );
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("its address").port();
        let upstream = inner.port;
        std::thread::spawn(move || {
            for client in listener.incoming().flatten() {
                let config = Arc::clone(&config);
                std::thread::spawn(move || relay(client, upstream, config));
            }
        });
        MailServer {
            port,
            inbox: inner.inbox,
        }
    }

    fn start(login: Option<(String, String)>, ssl: SslConfig, mechanisms: &[AuthMechanism]) -> MailServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let port = listener.local_addr().expect("its address").port();
        let inbox = Arc::new(Mutex::new(Vec::new()));
        let handler = Inbox {
            inbox: Arc::clone(&inbox),
            login: login.clone(),
            current: Received::default(),
        };
        let mut server = Server::new(handler);
        server
            .with_name("mail.test")
            .with_ssl(ssl)
            .expect("the certificate loads")
            .with_tcp_listener(listener);
        for mechanism in mechanisms {
            server.with_auth(mechanism.clone());
        }
        std::thread::spawn(move || {
            let _ = server.serve();
        });
        MailServer { port, inbox }
    }

    /// Every message received so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        self.inbox.lock().expect("the inbox").clone()
    }
}

/// One client's TLS connection relayed to the plain server on `upstream`, until either side
/// closes.
fn relay(client: TcpStream, upstream: u16, config: Arc<ServerConfig>) -> io::Result<()> {
    let mut server = TcpStream::connect(("127.0.0.1", upstream))?;
    let mut tls = StreamOwned::new(ServerConnection::new(config).map_err(io::Error::other)?, client);
    while tls.conn.is_handshaking() {
        tls.conn.complete_io(&mut tls.sock)?;
    }
    // Both sides are polled in turn, each read waiting a moment at most.
    let tick = Some(Duration::from_millis(5));
    tls.sock.set_read_timeout(tick)?;
    server.set_read_timeout(tick)?;
    let mut buf = [0_u8; 16 * 1024];
    loop {
        match server.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => {
                tls.write_all(&buf[..n])?;
                tls.flush()?;
            }
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {}
            Err(e) => return Err(e),
        }
        match tls.read(&mut buf) {
            Ok(0) => return Ok(()),
            Ok(n) => server.write_all(&buf[..n])?,
            Err(e) if matches!(e.kind(), io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut) => {}
            Err(e) => return Err(e),
        }
    }
}

#[derive(Clone)]
struct Inbox {
    inbox: Arc<Mutex<Vec<Received>>>,
    login: Option<(String, String)>,
    current: Received,
}

impl Inbox {
    fn check(&self, user: &str, password: &str) -> Response {
        match &self.login {
            Some((u, p)) if u == user && p == password => response::AUTH_OK,
            // As a careless server might: the refusal repeats what it was given, so a test
            // can check the password is never passed on.
            _ => Response::custom(535, format!("5.7.8 Invalid credentials for {user}: {password}")),
        }
    }
}

impl Handler for Inbox {
    fn data_start(&mut self, _domain: &str, from: &str, _is8bit: bool, to: &[String]) -> Response {
        self.current = Received {
            from: from.to_string(),
            to: to.to_vec(),
            data: String::new(),
        };
        response::OK
    }

    fn data(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.current.data.push_str(&String::from_utf8_lossy(buf));
        Ok(())
    }

    fn data_end(&mut self) -> Response {
        self.inbox
            .lock()
            .expect("the inbox")
            .push(std::mem::take(&mut self.current));
        response::OK
    }

    fn auth_plain(&mut self, _authorization_id: &str, authentication_id: &str, password: &str) -> Response {
        self.check(authentication_id, password)
    }

    fn auth_login(&mut self, username: &str, password: &str) -> Response {
        self.check(username, password)
    }
}
