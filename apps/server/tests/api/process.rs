//! The real `rustok-server` binary as a child process, for tests that need what only a process
//! shows: its log output, a kill -9, its start-up.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub struct ServerProcess {
    pub child: Child,
    pub port: u16,
    /// Standard output and standard error, together.
    pub log: PathBuf,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

/// Starts `rustok-server start` with the shipped config folder, a data directory, a database and
/// `env` on top (later entries win). Output goes to `<data_dir>/server-<port>.log`.
pub fn spawn(data_dir: &Path, database_url: &str, env: &[(&str, &str)]) -> ServerProcess {
    let port = free_port();
    let log = data_dir.join(format!("server-{port}.log"));
    let out = std::fs::File::create(&log).expect("log file");
    let err = out.try_clone().expect("log file");
    let mut command = Command::new(env!("CARGO_BIN_EXE_rustok-server"));
    command
        .arg("start")
        .env(
            "LOCO_CONFIG_FOLDER",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../config"),
        )
        .env("RUSTOK_DATA_DIR", data_dir)
        .env("DATABASE_URL", database_url)
        .env("PORT", port.to_string())
        .env_remove("RUST_LOG")
        .env_remove("LOCO_ENV")
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err);
    for (name, value) in env {
        command.env(name, value);
    }
    let child = command.spawn().expect("server starts");
    ServerProcess { child, port, log }
}

impl ServerProcess {
    pub async fn wait_ready(&mut self) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok((200, _)) = request(self.port, "GET", "/health", &[], "").await {
                return;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("server exited with {status}: {}", self.output());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        panic!("server on port {} did not become ready", self.port);
    }

    pub fn output(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }

    /// Waits until a line of the output contains every one of `needles` (or gives up after
    /// `secs`), and returns the whole output.
    pub async fn wait_for_line(&self, needles: &[&str], secs: u64) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let output = self.output();
            let found = output
                .lines()
                .any(|line| needles.iter().all(|n| line.contains(n)));
            if found || Instant::now() > deadline {
                return output;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A bare HTTP/1.1 request; returns the status code and the body.
pub async fn request(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &str,
) -> std::io::Result<(u16, String)> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let extra: String = headers
        .iter()
        .map(|(name, value)| format!("{name}: {value}\r\n"))
        .collect();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         {extra}Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let text = String::from_utf8_lossy(&response).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))?;
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, body)| body.to_string())
        .unwrap_or_default();
    Ok((status, body))
}
