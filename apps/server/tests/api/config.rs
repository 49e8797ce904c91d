//! Configuration fails fast: the real binary, started with a bad setting, exits non-zero within
//! seconds and names the setting.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn run_server(env: &[(&str, &str)]) -> (i32, String, Duration) {
    let data_dir = tempfile::tempdir().unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_rustok-server"));
    command
        .arg("start")
        .current_dir(data_dir.path())
        .env(
            "LOCO_CONFIG_FOLDER",
            concat!(env!("CARGO_MANIFEST_DIR"), "/../../config"),
        )
        .env("RUSTOK_DATA_DIR", data_dir.path())
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
