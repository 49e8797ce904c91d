//! Crash test: while writes are running, the server is killed with SIGKILL and restarted.
//! Afterwards every committed write's event has been dispatched, exactly once, none lost.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rustok_outbox::entities::sys_events;
use rustok_server::models::{audit_log, users};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{ADMIN_PASSWORD, fresh_database};

struct Server {
    child: Child,
    port: u16,
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

fn start(data_dir: &std::path::Path, database_url: &str) -> Server {
    let port = free_port();
    let child = Command::new(env!("CARGO_BIN_EXE_rustok-server"))
        .args(["start", "--no-banner"])
        .env(
            "LOCO_CONFIG_FOLDER",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../config"),
        )
        .env("RUSTOK_DATA_DIR", data_dir)
        .env("DATABASE_URL", database_url)
        .env("RUSTOK_ADMIN_PASSWORD", ADMIN_PASSWORD)
        .env("PORT", port.to_string())
        .env("RUST_LOG", "error")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("server starts");
    Server { child, port }
}

async fn wait_ready(port: u16) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if let Ok(200) = request(port, "GET", "/health", "").await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("server on port {port} did not become ready");
}

/// A bare HTTP/1.1 request; returns the status code.
async fn request(port: u16, method: &str, path: &str, body: &str) -> std::io::Result<u16> {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).await?;
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).await?;
    stream.write_all(body.as_bytes()).await?;
    let mut response = Vec::new();
    stream.read_to_end(&mut response).await?;
    let text = String::from_utf8_lossy(&response);
    text.split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .ok_or_else(|| std::io::Error::other("no status line"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_under_load_loses_and_duplicates_no_event() {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, _guard) = fresh_database(dir.path()).await;
    let mut server = start(dir.path(), &database_url);
    wait_ready(server.port).await;

    // Writers register customers as fast as they can; each 201 is a committed write.
    let running = Arc::new(AtomicBool::new(true));
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut writers = Vec::new();
    for writer in 0..6 {
        let running = running.clone();
        let acknowledged = acknowledged.clone();
        let port = server.port;
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while running.load(Ordering::Relaxed) {
                n += 1;
                let email = format!("w{writer}-{n}@crash.test");
                let body = format!(r#"{{"email":"{email}","password":"crash-test-pass"}}"#);
                if let Ok(201) = request(port, "POST", "/api/v1/auth/register", &body).await {
                    acknowledged.lock().unwrap().push(email);
                }
            }
        }));
    }
    // Let the load build up, then pull the plug mid-flight.
    let deadline = Instant::now() + Duration::from_secs(20);
    while acknowledged.lock().unwrap().len() < 40 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.child.kill().unwrap(); // SIGKILL
    server.child.wait().unwrap();
    running.store(false, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(
        acknowledged.len() >= 40,
        "load did not build up: {}",
        acknowledged.len()
    );

    let mut server = start(dir.path(), &database_url);
    wait_ready(server.port).await;
    let db = sea_orm::Database::connect(&database_url).await.unwrap();
    let undelivered = || {
        sys_events::Entity::find()
            .filter(sys_events::Column::Status.ne("dispatched"))
            .count(&db)
    };
    let deadline = Instant::now() + Duration::from_secs(30);
    while undelivered().await.unwrap() > 0 {
        assert!(
            Instant::now() < deadline,
            "relay did not catch up after restart"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    server.child.kill().unwrap();
    server.child.wait().unwrap();

    // Every acknowledged write is there...
    let customers = users::Entity::find()
        .filter(users::Column::Role.eq("customer"))
        .all(&db)
        .await
        .unwrap();
    let emails: std::collections::HashSet<&str> =
        customers.iter().map(|u| u.email.as_str()).collect();
    for email in &acknowledged {
        assert!(
            emails.contains(email.as_str()),
            "acknowledged {email} is missing"
        );
    }
    // ...every committed write (acknowledged or cut off in flight) has exactly one event...
    let registered = sys_events::Entity::find()
        .filter(sys_events::Column::EventType.eq("user.registered"))
        .count(&db)
        .await
        .unwrap();
    assert_eq!(
        registered,
        customers.len() as u64 + 1,
        "one event per user (+ the seeded admin)"
    );
    // ...and every event reached the consumer exactly once (event_id is unique in audit_log).
    let events = sys_events::Entity::find().count(&db).await.unwrap();
    let audited = audit_log::Entity::find().count(&db).await.unwrap();
    assert_eq!(audited, events, "each event has exactly one effect");
}
