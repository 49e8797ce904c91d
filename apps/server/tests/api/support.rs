//! Boots the real application (same config loading, migrations, seed and router as the binary)
//! on a fresh database per test: a SQLite file in a temp dir, or, when `TEST_DATABASE_URL` names a
//! PostgreSQL server, a new database there that is dropped afterwards.
//!
//! What a test does as a user lives next door, by concern: `client` (requests as one caller of
//! one tenant), `accounts` (sign-in, registration, roles), `tenants` (tenant ids, languages, the
//! module switch), `content` (posts, nodes, categories, listings), `graphql` (queries that must
//! succeed or fail with a code) and `outbox` (counting stored events).

pub mod accounts;
pub mod client;
pub mod content;
pub mod graphql;
pub mod outbox;
pub mod tenants;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::http::{HeaderMap, Method, Request, StatusCode, header};
use http_body_util::BodyExt;
use loco_rs::app::AppContext;
use loco_rs::boot::{StartMode, create_app};
use loco_rs::environment::Environment;
use migration::Migrator;
use rustok_server::app::{App, load_config, shared_state};
use rustok_server::state::SharedState;
use serde_json::Value;
use tower::ServiceExt;

pub const ADMIN_EMAIL: &str = "admin@demo.local";
pub const ADMIN_PASSWORD: &str = "demo-admin-password";

pub struct TestApp {
    pub router: Router,
    pub database_url: String,
    pub state: SharedState,
    pub ctx: AppContext,
    _data_dir: tempfile::TempDir,
    _postgres: Option<PostgresDatabase>,
}

/// Which database this run uses, for assertion messages.
pub fn backend() -> &'static str {
    if postgres_admin_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    }
}

fn postgres_admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    /// `env` entries act like environment variables for this app only.
    pub async fn spawn_with(env: &[(&str, &str)]) -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let postgres = match postgres_admin_url() {
            Some(admin) => Some(PostgresDatabase::create(&admin).await),
            None => None,
        };
        let database_url = match &postgres {
            Some(pg) => pg.url.clone(),
            None => format!(
                "sqlite://{}/rustok.sqlite?mode=rwc",
                data_dir.path().display()
            ),
        };
        let config_dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../config").to_string();
        let data_path = data_dir.path().display().to_string();
        let mut vars: Vec<(String, String)> = vec![
            ("LOCO_CONFIG_FOLDER".into(), config_dir),
            ("RUSTOK_DATA_DIR".into(), data_path),
            ("DATABASE_URL".into(), database_url),
            ("RUSTOK_ADMIN_PASSWORD".into(), ADMIN_PASSWORD.into()),
        ];
        for (name, value) in env {
            vars.retain(|(n, _)| n != name);
            vars.push(((*name).into(), (*value).into()));
        }
        let lookup = |name: &str| vars.iter().find(|(n, _)| n == name).map(|(_, v)| v.clone());
        let config = load_config(&Environment::Test, lookup).expect("test config");
        let database_url = config.database.uri.clone();
        let boot = create_app::<App, Migrator>(StartMode::ServerOnly, &Environment::Test, config)
            .await
            .expect("app boots");
        let state = shared_state(&boot.app_context).expect("state");
        Self {
            router: boot.router.expect("router"),
            database_url,
            state,
            ctx: boot.app_context,
            _data_dir: data_dir,
            _postgres: postgres,
        }
    }

    pub fn call(&self, method: Method, path: &str) -> Call<'_> {
        Call {
            app: self,
            builder: Request::builder().method(method).uri(path),
            body: Body::empty(),
        }
    }

    pub fn get(&self, path: &str) -> Call<'_> {
        self.call(Method::GET, path)
    }

    pub fn post(&self, path: &str, body: Value) -> Call<'_> {
        self.call(Method::POST, path).json(body)
    }

    pub fn patch(&self, path: &str, body: Value) -> Call<'_> {
        self.call(Method::PATCH, path).json(body)
    }

    pub fn put(&self, path: &str, body: Value) -> Call<'_> {
        self.call(Method::PUT, path).json(body)
    }

    pub fn delete(&self, path: &str) -> Call<'_> {
        self.call(Method::DELETE, path)
    }
}

pub struct Call<'a> {
    app: &'a TestApp,
    builder: axum::http::request::Builder,
    body: Body,
}

impl Call<'_> {
    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.builder = self.builder.header(name, value);
        self
    }

    pub fn tenant(self, tenant: &str) -> Self {
        self.header("X-Tenant-ID", tenant)
    }

    pub fn bearer(self, token: &str) -> Self {
        self.header("Authorization", &format!("Bearer {token}"))
    }

    pub fn json(mut self, body: Value) -> Self {
        self.builder = self
            .builder
            .header(header::CONTENT_TYPE, "application/json");
        self.body = Body::from(body.to_string());
        self
    }

    pub fn raw(mut self, content_type: &str, body: impl Into<Bytes>) -> Self {
        self.builder = self.builder.header(header::CONTENT_TYPE, content_type);
        self.body = Body::from(body.into());
        self
    }

    /// A body without a Content-Length (as a chunked upload would arrive).
    pub fn streamed(mut self, content_type: &str, body: Vec<u8>) -> Self {
        self.builder = self.builder.header(header::CONTENT_TYPE, content_type);
        let chunks = body
            .chunks(64 * 1024)
            .map(|c| Ok::<_, std::io::Error>(Bytes::copy_from_slice(c)))
            .collect::<Vec<_>>();
        self.body = Body::from_stream(futures::stream::iter(chunks));
        self
    }

    pub async fn send(self) -> TestResponse {
        let request = self.builder.body(self.body).expect("request");
        let response = self
            .app
            .router
            .clone()
            .oneshot(request)
            .await
            .expect("infallible");
        let status = response.status();
        let headers = response.headers().clone();
        let body = response
            .into_body()
            .collect()
            .await
            .expect("body")
            .to_bytes();
        TestResponse {
            status,
            headers,
            body,
        }
    }

    /// Sends the request and asserts the answer is the problem `code` with `status`; returns the
    /// problem body.
    pub async fn problem(self, status: u16, code: &str) -> Value {
        self.send().await.assert_problem(status, code)
    }
}

pub struct TestResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
}

impl TestResponse {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|err| panic!("not JSON ({err}): {}", self.text()))
    }

    /// Asserts the status (the body is in the message when it differs); returns the response.
    pub fn assert_status(self, status: StatusCode) -> Self {
        assert_eq!(self.status, status, "[{}] body: {}", backend(), self.text());
        self
    }

    /// Asserts an RFC 7807 problem with the given status and stable code; returns the body.
    pub fn assert_problem(&self, status: u16, code: &str) -> Value {
        assert_eq!(
            self.status.as_u16(),
            status,
            "[{}] body: {}",
            backend(),
            self.text()
        );
        assert_eq!(
            self.headers
                .get(header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok()),
            Some("application/problem+json"),
            "content type of {}",
            self.text()
        );
        let body = self.json();
        assert_eq!(body["code"], code, "[{}] body: {body}", backend());
        assert_eq!(body["status"], status);
        assert!(body["type"].as_str().is_some_and(|t| t.ends_with(code)));
        assert!(body["title"].is_string() && body["detail"].is_string());
        body
    }
}

/// A fresh database for a test that manages its own server processes: a SQLite file under
/// `dir`, or a new PostgreSQL database when `TEST_DATABASE_URL` is set (dropped with the guard).
pub async fn fresh_database(dir: &std::path::Path) -> (String, Option<PostgresDatabase>) {
    match postgres_admin_url() {
        Some(admin) => {
            let pg = PostgresDatabase::create(&admin).await;
            (pg.url.clone(), Some(pg))
        }
        None => (
            format!("sqlite://{}/rustok.sqlite?mode=rwc", dir.display()),
            None,
        ),
    }
}

/// A PostgreSQL database that lives as long as the test.
pub struct PostgresDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl PostgresDatabase {
    async fn create(admin_url: &str) -> Self {
        use sea_orm::ConnectionTrait;
        let name = format!(
            "rustok_test_{}",
            ulid::Ulid::generate().to_string().to_lowercase()
        );
        let admin = sea_orm::Database::connect(admin_url)
            .await
            .expect("postgres reachable");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        let _ = admin.close().await;
        let base = admin_url
            .split('?')
            .next()
            .and_then(|u| u.rsplit_once('/'))
            .map(|(base, _)| base)
            .expect("database url has a path");
        Self {
            admin_url: admin_url.to_string(),
            url: format!("{base}/{name}"),
            name,
        }
    }
}

impl Drop for PostgresDatabase {
    fn drop(&mut self) {
        let admin_url = self.admin_url.clone();
        let name = self.name.clone();
        // Drop runs inside the test's runtime; a fresh thread may build its own.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                use sea_orm::ConnectionTrait;
                let admin = sea_orm::Database::connect(&admin_url).await.ok()?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok()?;
                admin.close().await.ok()
            })
        })
        .join();
    }
}
