//! What operators see: with the shipped configuration, a 5xx and a dead-lettered event each log
//! their documented `ERROR` line, from whichever crate raised them; production logs are JSON lines
//! only (no banner, no colour codes); production seeds nothing unless asked.

use sea_orm::{ConnectionTrait, EntityTrait, PaginatorTrait};
use serde_json::Value;

use crate::process::{self, ServerProcess, request};
use crate::support::{ADMIN_EMAIL, ADMIN_PASSWORD, fresh_database};

const JWT_SECRET: &str = "a-test-secret-that-is-long-enough-0123456789";

/// Breaks the audit trail under a running server: reading it answers 500, and the audit consumer
/// fails on every event, which (with one attempt allowed) parks the event in the DLQ.
async fn break_the_audit_log(server: &mut ServerProcess, database_url: &str) {
    server.wait_ready().await;
    let db = sea_orm::Database::connect(database_url).await.unwrap();
    db.execute_unprepared("DROP TABLE audit_log").await.unwrap();
    let login = format!(r#"{{"email":"{ADMIN_EMAIL}","password":"{ADMIN_PASSWORD}"}}"#);
    let (status, body) = request(server.port, "POST", "/api/v1/auth/login", &[], &login)
        .await
        .unwrap();
    assert_eq!(status, 200, "{body}");
    let token: Value = serde_json::from_str(&body).unwrap();
    let bearer = format!("Bearer {}", token["access_token"].as_str().unwrap());
    let (status, body) = request(
        server.port,
        "GET",
        "/api/v1/audit",
        &[("Authorization", &bearer)],
        "",
    )
    .await
    .unwrap();
    assert_eq!(status, 500, "{body}");
    assert!(body.contains("database_error"), "{body}");
}

fn env<'a>(extra: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a str)> {
    let mut env = vec![
        ("RUSTOK_ADMIN_PASSWORD", ADMIN_PASSWORD),
        // The suite runs on SQLite too; production refuses it unless allowed.
        ("RUSTOK_ALLOW_SQLITE_IN_PRODUCTION", "true"),
        ("RUSTOK_OUTBOX_MAX_ATTEMPTS", "1"),
        ("RUSTOK_SEED_DEMO_SHOP", "false"),
    ];
    env.extend_from_slice(extra);
    env
}

/// Starts a server on a fresh database with `env`, breaks its audit trail and returns its output
/// once the dead-lettered login event is logged (or after 20 seconds).
async fn output_of_a_broken_audit_log(env: &[(&str, &str)]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, _guard) = fresh_database(dir.path()).await;
    let mut server = process::spawn(dir.path(), &database_url, env);
    break_the_audit_log(&mut server, &database_url).await;
    let output = server
        .wait_for_line(
            &["event parked in the dead-letter queue", "user.logged_in"],
            20,
        )
        .await;
    server.stop();
    output
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_logs_errors_as_json_lines_only() {
    let output = output_of_a_broken_audit_log(&env(&[
        ("LOCO_ENV", "production"),
        ("RUSTOK_JWT_SECRET", JWT_SECRET),
        ("RUSTOK_SEED_DEMO", "true"),
    ]))
    .await;

    assert!(!output.contains('\u{1b}'), "colour codes in: {output}");
    let lines: Vec<Value> = output
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|_| panic!("not a JSON line: {l}")))
        .collect();
    let error = |message: &str, field: &str, value: &str| {
        lines.iter().find(|l| {
            l["level"] == "ERROR"
                && l["fields"]["message"].as_str() == Some(message)
                && l["fields"][field].as_str() == Some(value)
        })
    };
    let failed = error("request failed", "code", "database_error")
        .unwrap_or_else(|| panic!("no 5xx line: {output}"));
    assert!(failed["target"].as_str().unwrap().starts_with("rustok_api"));
    let parked = error(
        "event parked in the dead-letter queue",
        "event_type",
        "user.logged_in",
    )
    .unwrap_or_else(|| panic!("no DLQ line: {output}"));
    assert!(
        parked["target"]
            .as_str()
            .unwrap()
            .starts_with("rustok_outbox")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn development_logs_errors_without_colour_codes_when_piped() {
    let output = output_of_a_broken_audit_log(&env(&[])).await;

    assert!(!output.contains('\u{1b}'), "colour codes in: {output}");
    let line = |needle: &str| {
        output
            .lines()
            .find(|l| l.contains("ERROR") && l.contains(needle))
            .unwrap_or_else(|| panic!("no ERROR line with {needle}: {output}"))
            .to_string()
    };
    assert!(line("request failed").contains("database_error"));
    assert!(
        output.lines().any(|l| l.contains("ERROR")
            && l.contains("dead-letter")
            && l.contains("user.logged_in")),
        "no DLQ line: {output}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn production_seeds_nothing_unless_asked() {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, _guard) = fresh_database(dir.path()).await;
    let env = env(&[
        ("LOCO_ENV", "production"),
        ("RUSTOK_JWT_SECRET", JWT_SECRET),
    ]);
    let mut server = process::spawn(dir.path(), &database_url, &env);
    server.wait_ready().await;
    let (status, _) = request(server.port, "GET", "/health/ready", &[], "")
        .await
        .unwrap();
    server.stop();
    assert_eq!(status, 200, "{}", server.output());

    let db = sea_orm::Database::connect(&database_url).await.unwrap();
    let tenants = rustok_tenant::entities::tenants::Entity::find()
        .count(&db)
        .await
        .unwrap();
    let users = rustok_server::models::users::Entity::find()
        .count(&db)
        .await
        .unwrap();
    assert_eq!((tenants, users), (0, 0), "{}", server.output());
    assert!(!dir.path().join("admin-password.txt").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_generated_jwt_secret_is_announced_as_this_process_alone() {
    let dir = tempfile::tempdir().unwrap();
    let (database_url, _guard) = fresh_database(dir.path()).await;
    let mut server = process::spawn(dir.path(), &database_url, &env(&[]));
    server.wait_ready().await;
    let output = server
        .wait_for_line(&["WARN", "RUSTOK_JWT_SECRET"], 10)
        .await;
    server.stop();
    assert!(
        output
            .lines()
            .any(|l| l.contains("WARN") && l.contains("every server process must share one secret")),
        "{output}"
    );
}
