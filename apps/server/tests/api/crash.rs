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
            // One load generator on one address: what is under test is the crash, not the limits.
            ("RUSTOK_RATE_LIMIT_ENABLED", "false"),
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

async fn call(
    port: u16,
    method: &str,
    path: &str,
    token: &str,
    body: &str,
) -> std::io::Result<(u16, serde_json::Value)> {
    let bearer = format!("Bearer {token}");
    let headers: Vec<(&str, &str)> = if token.is_empty() {
        Vec::new()
    } else {
        vec![("Authorization", bearer.as_str())]
    };
    let (status, body) = process::request(port, method, path, &headers, body).await?;
    Ok((status, serde_json::from_str(&body).unwrap_or_default()))
}

async fn admin_token(port: u16) -> String {
    let body = format!(
        r#"{{"email":"{}","password":"{ADMIN_PASSWORD}"}}"#,
        crate::support::ADMIN_EMAIL
    );
    let (status, tokens) = call(port, "POST", "/api/v1/auth/login", "", &body)
        .await
        .unwrap();
    assert_eq!(status, 200, "{tokens}");
    tokens["access_token"].as_str().unwrap().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sigkill_between_commit_and_indexing_loses_no_index_row() {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, _guard) = fresh_database(dir.path()).await;
    let mut server = start(dir.path(), &database_url);
    server.wait_ready().await;
    let token = admin_token(server.port).await;

    // Writers create published products and rename each right after; every 2xx is committed,
    // and the index consumer runs behind them.
    let running = Arc::new(AtomicBool::new(true));
    let acknowledged = Arc::new(std::sync::Mutex::new(Vec::new()));
    let mut writers = Vec::new();
    for writer in 0..4 {
        let (running, acknowledged, token) = (running.clone(), acknowledged.clone(), token.clone());
        let port = server.port;
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while running.load(Ordering::Relaxed) {
                n += 1;
                let handle = format!("crash-{writer}-{n}");
                let product = serde_json::json!({
                    "handle": handle,
                    "status": "published",
                    "translations": [{"locale": "en", "title": format!("Created {handle}")}],
                    "variants": [{"title": "One", "stock": 3,
                                  "prices": [{"currency": "EUR", "amount": 100 + n}]}],
                });
                let path = "/api/v1/commerce/products";
                let Ok((201, created)) =
                    call(port, "POST", path, &token, &product.to_string()).await
                else {
                    continue;
                };
                acknowledged.lock().unwrap().push(handle.clone());
                let id = created["id"].as_str().unwrap_or_default().to_string();
                let rename = serde_json::json!({
                    "translations": [{"locale": "en", "title": format!("Renamed {handle}")}]
                });
                let path = format!("/api/v1/commerce/products/{id}");
                let _ = call(port, "PATCH", &path, &token, &rename.to_string()).await;
            }
        }));
    }
    let deadline = Instant::now() + Duration::from_secs(30);
    while acknowledged.lock().unwrap().len() < 30 && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    server.stop(); // SIGKILL, with products committed but not yet indexed
    running.store(false, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    let acknowledged = acknowledged.lock().unwrap().clone();
    assert!(acknowledged.len() >= 30, "load did not build up");
    let db = sea_orm::Database::connect(&database_url).await.unwrap();
    let cut_off = sys_events::Entity::find()
        .filter(sys_events::Column::Status.ne("dispatched"))
        .count(&db)
        .await
        .unwrap();
    eprintln!("events committed but not delivered at the kill: {cut_off}");
    drop(db);

    let mut server = start(dir.path(), &database_url);
    server.wait_ready().await;
    let db = sea_orm::Database::connect(&database_url).await.unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let pending = sys_events::Entity::find()
            .filter(sys_events::Column::Status.ne("dispatched"))
            .count(&db)
            .await
            .unwrap();
        if pending == 0 {
            break;
        }
        assert!(Instant::now() < deadline, "relay did not catch up");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let token = admin_token(server.port).await;
    let (status, index) = call(server.port, "GET", "/api/v1/index/status", &token, "")
        .await
        .unwrap();
    assert_eq!(status, 200, "{index}");
    assert!(index.to_string().contains("ready"), "{index}");

    // Every committed product, acknowledged or cut off in flight, is in the index as the write
    // model has it now: the index row holds the title staff read.
    let rows = rustok_index::entities::index_products::Entity::find()
        .filter(rustok_index::entities::index_products::Column::Locale.eq("en"))
        .all(&db)
        .await
        .unwrap();
    let indexed: std::collections::HashMap<String, String> = rows
        .into_iter()
        .map(|row| (row.handle, row.title))
        .collect();
    let mut after = String::new();
    let mut staff_seen = 0;
    loop {
        let path = format!("/api/v1/commerce/products?limit=100{after}");
        let (status, page) = call(server.port, "GET", &path, &token, "").await.unwrap();
        assert_eq!(status, 200, "{page}");
        for product in page["items"].as_array().unwrap() {
            if product["status"] != "published" {
                continue;
            }
            let handle = product["handle"].as_str().unwrap();
            staff_seen += 1;
            assert_eq!(
                indexed.get(handle).map(String::as_str),
                product["title"].as_str(),
                "{handle}: the index lags the write model after restart"
            );
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => after = format!("&after={cursor}"),
            None => break,
        }
    }
    assert_eq!(staff_seen, indexed.len(), "no extra or missing rows");
    for handle in &acknowledged {
        assert!(
            indexed.contains_key(handle),
            "acknowledged {handle} is not indexed"
        );
    }
    // And visitors get them.
    let path = format!("/api/v1/commerce/products/{}", acknowledged[0]);
    let (status, _) = call(server.port, "GET", &path, "", "").await.unwrap();
    assert_eq!(status, 200);
    server.stop();
}
