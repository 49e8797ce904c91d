//! Configuration fails fast: the real binary, started with a bad setting, exits non-zero within
//! seconds and names the setting.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sea_orm::EntityTrait;

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

/// Asserts that a run failed (a non-zero exit) and that its output names each of `named`;
/// returns the output and how long the run took.
fn assert_refused(run: (i32, String, Duration), named: &[&str]) -> (String, Duration) {
    let (code, output, took) = run;
    assert_ne!(code, 0, "{output}");
    for text in named {
        assert!(output.contains(text), "{output}");
    }
    (output, took)
}

#[test]
fn bogus_event_transport_stops_the_server_naming_the_setting() {
    let (output, took) = assert_refused(
        run_server(&[("RUSTOK_EVENT_TRANSPORT", "bogus")]),
        &["settings.rustok.events.transport", "RUSTOK_EVENT_TRANSPORT"],
    );
    assert!(
        output.contains("memory") && output.contains("outbox") && output.contains("iggy"),
        "{output}"
    );
    assert!(took < Duration::from_secs(10), "took {took:?}");
}

#[test]
fn production_without_a_jwt_secret_refuses_to_start() {
    assert_refused(
        run_server(&[("LOCO_ENV", "production")]),
        &["auth.jwt_secret"],
    );
}

#[test]
fn malformed_numbers_and_ports_are_refused() {
    assert_refused(
        run_server(&[("RUSTOK_BODY_LIMIT_BYTES", "lots")]),
        &["settings.rustok.http.body_limit_bytes"],
    );
    assert_refused(run_server(&[("PORT", "eighty")]), &["PORT"]);
}

#[test]
fn an_environment_without_a_config_file_is_named() {
    assert_refused(
        run_server(&[("LOCO_ENV", "staging")]),
        &["`staging`", "staging.yaml", "development, production, test"],
    );
}

#[test]
fn a_missing_config_folder_is_named() {
    assert_refused(
        run_server(&[("LOCO_CONFIG_FOLDER", "/nonexistent/rustok-config")]),
        &[
            "no configuration folder at `/nonexistent/rustok-config`",
            "LOCO_CONFIG_FOLDER",
        ],
    );
}

#[test]
fn a_short_admin_password_is_refused_before_anything_is_migrated() {
    let data_dir = tempfile::tempdir().unwrap();
    assert_refused(
        run(
            &["start"],
            data_dir.path(),
            &[("RUSTOK_ADMIN_PASSWORD", "short")],
        ),
        &[
            "settings.rustok.seed.admin_password",
            "RUSTOK_ADMIN_PASSWORD",
        ],
    );
    assert!(
        !data_dir.path().join("rustok.sqlite").exists(),
        "no database was created or migrated"
    );
}

#[test]
fn an_unreachable_database_is_named_with_the_cause() {
    // Nothing listens on port 1; the password must not be printed.
    let url = "postgres://rustok:hunter2@127.0.0.1:1/rustok";
    let (output, took) = assert_refused(
        run_server(&[("DATABASE_URL", url)]),
        &["cannot connect to the database `postgres://rustok:***@127.0.0.1:1/rustok`"],
    );
    assert!(!output.contains("hunter2"), "{output}");
    assert!(output.to_lowercase().contains("refused"), "{output}");
    assert!(took < Duration::from_secs(30), "took {took:?}");
}

#[test]
fn tasks_name_their_missing_arguments() {
    let data_dir = tempfile::tempdir().unwrap();
    assert_refused(
        run(
            &["task", "create_tenant", "slug:acme"],
            data_dir.path(),
            &[],
        ),
        &[
            "create_tenant needs name:, admin_email:",
            "usage: rustok-server task create_tenant slug:<slug>",
        ],
    );

    let (output, _) = assert_refused(
        run(&["task", "seed_catalog"], data_dir.path(), &[]),
        &["seed_catalog needs products:"],
    );
    assert!(!output.contains("product(s) created"), "{output}");
}

/// A random-looking secret (production refuses placeholders).
const PRODUCTION_SECRET: &str = "3f9c1a7e5b2d4f6a8c0e1b3d5f7a9c2e4b6d8f0a1c3e5b7d9f2a4c6e8b0d2f4a";

#[test]
fn production_refuses_sqlite_and_placeholder_secrets() {
    assert_refused(
        run_server(&[
            ("LOCO_ENV", "production"),
            ("RUSTOK_JWT_SECRET", PRODUCTION_SECRET),
        ]),
        &[
            "SQLite",
            "DATABASE_URL",
            "RUSTOK_ALLOW_SQLITE_IN_PRODUCTION",
        ],
    );
    let placeholder = "x".repeat(40);
    assert_refused(
        run_server(&[
            ("LOCO_ENV", "production"),
            ("RUSTOK_JWT_SECRET", &placeholder),
        ]),
        &["auth.jwt_secret", "placeholder"],
    );
    assert_refused(
        run_server(&[
            ("LOCO_ENV", "production"),
            ("RUSTOK_JWT_SECRET", PRODUCTION_SECRET),
            ("RUSTOK_ADMIN_PASSWORD", "password1"),
        ]),
        &["seed.admin_password", "at least 12"],
    );
}

/// A production database without demo content gets its first operator from a task, with the
/// password from the environment (or stdin), never from an argument.
#[tokio::test]
async fn a_production_database_gets_its_first_super_admin_from_a_task() {
    let data_dir = tempfile::tempdir().unwrap();
    let mut env = vec![
        ("LOCO_ENV", "production"),
        ("RUSTOK_JWT_SECRET", PRODUCTION_SECRET),
        ("RUSTOK_ALLOW_SQLITE_IN_PRODUCTION", "true"),
        ("RUSTOK_ADMIN_PASSWORD", ""),
    ];
    let task = ["task", "create_super_admin", "email:ops@example.com"];
    // No password in the environment and none on stdin: refused, nothing created.
    assert_refused(
        run(&task, data_dir.path(), &env),
        &["needs a password", "RUSTOK_ADMIN_PASSWORD"],
    );
    env.retain(|(name, _)| *name != "RUSTOK_ADMIN_PASSWORD");
    env.push(("RUSTOK_ADMIN_PASSWORD", "a long operator passphrase"));
    let (code, output, _) = run(&task, data_dir.path(), &env);
    assert_eq!(code, 0, "{output}");
    assert!(output.contains("tenant demo created"), "{output}");
    assert!(
        output.contains("super admin ops@example.com created in tenant demo"),
        "{output}"
    );
    assert!(!output.contains("a long operator passphrase"), "{output}");
    // The tenant exists now: a second operator joins it; the same email again is refused.
    let second = ["task", "create_super_admin", "email:ops2@example.com"];
    let (code, output, _) = run(&second, data_dir.path(), &env);
    assert_eq!(code, 0, "{output}");
    assert!(!output.contains("tenant demo created"), "{output}");
    assert_refused(run(&task, data_dir.path(), &env), &["already exists"]);

    let url = format!(
        "sqlite://{}?mode=rwc",
        data_dir.path().join("rustok.sqlite").display()
    );
    let db = sea_orm::Database::connect(&url).await.unwrap();
    let mut roles: Vec<(String, String)> = rustok_server::models::users::Entity::find()
        .all(&db)
        .await
        .unwrap()
        .into_iter()
        .map(|user| (user.email, user.role))
        .collect();
    roles.sort();
    assert_eq!(
        roles,
        [
            ("ops2@example.com".to_string(), "super_admin".to_string()),
            ("ops@example.com".to_string(), "super_admin".to_string())
        ]
    );
}
