//! Crash test: while writes are running, the server is killed with SIGKILL and restarted.
//! Afterwards every committed write's event has been dispatched, exactly once, none lost.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::process::{self, ServerProcess};
use crate::support::{ADMIN_PASSWORD, fresh_database};
use rustok_outbox::entities::sys_events;
use rustok_server::models::{audit_log, users};
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};

fn start(data_dir: &std::path::Path, database_url: &str) -> ServerProcess {
    process::spawn(
        data_dir,
        database_url,
        &[
            ("RUSTOK_ADMIN_PASSWORD", ADMIN_PASSWORD),
            ("RUST_LOG", "error"),
        ],
    )
}

async fn request(port: u16, method: &str, path: &str, body: &str) -> std::io::Result<u16> {
    process::request(port, method, path, &[], body)
        .await
        .map(|(status, _)| status)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_under_load_loses_and_duplicates_no_event() {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, _guard) = fresh_database(dir.path()).await;
    let mut server = start(dir.path(), &database_url);
    server.wait_ready().await;

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
    server.stop(); // SIGKILL
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
    server.wait_ready().await;
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
    server.stop();

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
