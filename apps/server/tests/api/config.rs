//! Configuration fails fast: the real binary, started with a bad setting, exits non-zero within
//! seconds and names the setting.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn run_server(env: &[(&str, &str)]) -> (i32, String, Duration) {
    let data_dir = tempfile::tempdir().unwrap();
    run(&["start"], data_dir.path(), env)
}

/// Runs the binary with `args` to completion in `data_dir`; (exit code, output, duration).
fn run(args: &[&str], data_dir: &std::path::Path, env: &[(&str, &str)]) -> (i32, String, Duration) {
    let mut command = Command::new(env!("CARGO_BIN_EXE_rustok-server"));
    command
        .args(args)
        .current_dir(data_dir)
        .env(
            "LOCO_CONFIG_FOLDER",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../config"),
        )
        .env("RUSTOK_DATA_DIR", data_dir)
        .env("PORT", "0")
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (name, value) in env {
        command.env(name, value);
    }
    let started = Instant::now();
    let output = command.output().unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (output.status.code().unwrap_or(-1), text, started.elapsed())
}

#[test]
fn bogus_event_transport_stops_the_server_naming_the_setting() {
    let (code, output, took) = run_server(&[("RUSTOK_EVENT_TRANSPORT", "bogus")]);
    assert_ne!(code, 0, "{output}");
    assert!(
        output.contains("settings.rustok.events.transport"),
        "{output}"
    );
    assert!(output.contains("RUSTOK_EVENT_TRANSPORT"), "{output}");
    assert!(
        output.contains("memory") && output.contains("outbox") && output.contains("iggy"),
        "{output}"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn production_without_a_jwt_secret_refuses_to_start() {
    let (code, output, _) = run_server(&[("LOCO_ENV", "production")]);
    assert_ne!(code, 0, "{output}");
    assert!(output.contains("auth.jwt_secret"), "{output}");
}

#[test]
fn malformed_numbers_and_ports_are_refused() {
    let (code, output, _) = run_server(&[("RUSTOK_BODY_LIMIT_BYTES", "lots")]);
    assert_ne!(code, 0);
    assert!(
        output.contains("settings.rustok.http.body_limit_bytes"),
        "{output}"
    );
    let (code, output, _) = run_server(&[("PORT", "eighty")]);
    assert_ne!(code, 0);
    assert!(output.contains("PORT"), "{output}");
}

#[test]
fn an_environment_without_a_config_file_is_named() {
    let (code, output, _) = run_server(&[("LOCO_ENV", "staging")]);
    assert_ne!(code, 0, "{output}");
    assert!(output.contains("`staging`"), "{output}");
    assert!(output.contains("staging.yaml"), "{output}");
    assert!(output.contains("development, production, test"), "{output}");
}

#[test]
fn a_missing_config_folder_is_named() {
    let (code, output, _) = run_server(&[("LOCO_CONFIG_FOLDER", "/nonexistent/rustok-config")]);
    assert_ne!(code, 0, "{output}");
    assert!(
        output.contains("no configuration folder at `/nonexistent/rustok-config`"),
        "{output}"
    );
    assert!(output.contains("LOCO_CONFIG_FOLDER"), "{output}");
}

#[test]
fn a_short_admin_password_is_refused_before_anything_is_migrated() {
    let data_dir = tempfile::tempdir().unwrap();
    let (code, output, _) = run(
        &["start"],
        data_dir.path(),
        &[("RUSTOK_ADMIN_PASSWORD", "short")],
    );
    assert_ne!(code, 0, "{output}");
    assert!(
        output.contains("settings.rustok.seed.admin_password"),
        "{output}"
    );
    assert!(output.contains("RUSTOK_ADMIN_PASSWORD"), "{output}");
    assert!(
        !data_dir.path().join("rustok.sqlite").exists(),
        "no database was created or migrated"
    );
}

#[test]
fn an_unreachable_database_is_named_with_the_cause() {
    // Nothing listens on port 1; the password must not be printed.
    let url = "postgres://rustok:hunter2@127.0.0.1:1/rustok";
    let (code, output, took) = run_server(&[("DATABASE_URL", url)]);
    assert_ne!(code, 0, "{output}");
    assert!(
        output
            .contains("cannot connect to the database `postgres://rustok:***@127.0.0.1:1/rustok`"),
        "{output}"
    );
    assert!(!output.contains("hunter2"), "{output}");
    assert!(output.to_lowercase().contains("refused"), "{output}");
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn tasks_name_their_missing_arguments() {
    let data_dir = tempfile::tempdir().unwrap();
    let (code, output, _) = run(
        &["task", "create_tenant", "slug:acme"],
        data_dir.path(),
        &[],
    );
    assert_ne!(code, 0, "{output}");
    assert!(
        output.contains("create_tenant needs name:, admin_email:"),
        "{output}"
    );
    assert!(
        output.contains("usage: rustok-server task create_tenant slug:<slug>"),
        "{output}"
    );

    let (code, output, _) = run(&["task", "seed_catalog"], data_dir.path(), &[]);
    assert_ne!(code, 0, "{output}");
    assert!(output.contains("seed_catalog needs products:"), "{output}");
    assert!(!output.contains("product(s) created"), "{output}");
}
