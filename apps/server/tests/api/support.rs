//! Boots the real application (same config loading, migrations, seed and router as the binary)
//! on a fresh database per test (`rustok_testkit::fresh_database`): a SQLite file in a temp dir,
//! or, when `TEST_DATABASE_URL` names a PostgreSQL server, a new database there that is dropped
//! afterwards. Here too: requests and the answers' assertions (`problem`, `expect_status`,
//! `expect_json`, `each_problem`, `all_at_once`).
//!
//! What a test does as a user lives next door, by concern: `client` (requests as one caller:
//! a tenant's member or visitor, a guest, the operator), `accounts` (sign-in, registration,
//! roles, and `TestApp::with_admin`/`with_customer`/`with_operator` to start a test with its
//! caller), `tenants` (tenant ids, languages, the module switch), `content` (posts, nodes,
//! categories, listings), `graphql` (queries that must succeed or fail with a code) and `outbox`
//! (stored events, the audit log).

pub mod accounts;
pub mod client;
pub mod content;
pub mod graphql;
pub mod outbox;
pub mod shop;
pub mod tenants;

use std::sync::Arc;

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
use rustok_testkit::ScratchDatabase;
use serde_json::Value;
use tower::ServiceExt;

pub const ADMIN_EMAIL: &str = "admin@demo.local";
pub const ADMIN_PASSWORD: &str = "demo-admin-password";

/// The booted application; clones share it (its database goes with the last clone).
#[derive(Clone)]
pub struct TestApp {
    pub router: Router,
    pub database_url: String,
    pub state: SharedState,
    pub ctx: AppContext,
    _storage: Arc<(tempfile::TempDir, Option<ScratchDatabase>)>,
}

/// Which database this run uses, for assertion messages.
pub fn backend() -> &'static str {
    if rustok_testkit::postgres_admin_url().is_some() {
        "postgres"
    } else {
        "sqlite"
    }
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(&[]).await
    }

    /// `env` entries act like environment variables for this app only.
    pub async fn spawn_with(env: &[(&str, &str)]) -> Self {
        let data_dir = tempfile::tempdir().expect("temp dir");
        let (database_url, postgres) = fresh_database(data_dir.path()).await;
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
            _storage: Arc::new((data_dir, postgres)),
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

/// Whether a request may read content, which visitors get from the index (filled by the relay
/// shortly after each commit): content, blog, forum and pages reads, and GraphQL.
fn reads_content(request: &Request<Body>) -> bool {
    let path = request.uri().path();
    path == "/api/graphql"
        || (request.method() == Method::GET
            && [
                "/api/v1/content",
                "/api/v1/blog",
                "/api/v1/forum",
                "/api/v1/pages",
            ]
            .iter()
            .any(|prefix| path.starts_with(prefix)))
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

    /// Sent from `peer` (`ip:port`), the address a served request's connection has; without it
    /// a request has no client address (as one made inside the process).
    pub fn peer(mut self, peer: &str) -> Self {
        let addr: std::net::SocketAddr = peer.parse().expect("ip:port");
        self.builder = self.builder.extension(axum::extract::ConnectInfo(addr));
        self
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
        if reads_content(&request) {
            self.app.delivered().await;
        }
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

    /// Sends the request; returns the answer and how many SQL statements the app ran for it
    /// (its pool counts them per task: `rustok_core::count_statements`).
    pub async fn count_statements(self) -> (TestResponse, u64) {
        rustok_core::count_statements(self.send()).await
    }

    /// Sends the request and asserts the answer's status; returns the answer.
    pub async fn expect_status(self, status: StatusCode) -> TestResponse {
        self.send().await.assert_status(status)
    }

    /// Sends the request, asserts the answer's status and returns its JSON body.
    pub async fn expect_json(self, status: StatusCode) -> Value {
        self.expect_status(status).await.json()
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

/// Sends the requests one after the other and asserts that each answers the problem `code`
/// with `status`: the same refusal, whoever asks and however.
pub async fn each_problem<'a>(calls: impl IntoIterator<Item = Call<'a>>, status: u16, code: &str) {
    for call in calls {
        call.problem(status, code).await;
    }
}

/// Sends the requests all at once (concurrently); the answers in the order of the requests.
pub async fn all_at_once<'a>(calls: impl IntoIterator<Item = Call<'a>>) -> Vec<TestResponse> {
    futures::future::join_all(calls.into_iter().map(Call::send)).await
}

/// How many of `answers` have `status`.
pub fn count_status(answers: &[TestResponse], status: StatusCode) -> usize {
    answers.iter().filter(|a| a.status == status).count()
}

/// The text `field` of every element of the array `list`, in order.
pub fn texts<'v>(list: &'v Value, field: &str) -> Vec<&'v str> {
    list.as_array()
        .unwrap_or_else(|| panic!("not an array: {list}"))
        .iter()
        .map(|item| {
            item[field]
                .as_str()
                .unwrap_or_else(|| panic!("no text `{field}` in {item}"))
        })
        .collect()
}

/// A fresh database for a test that manages its own server processes: a SQLite file under
/// `dir`, or a new PostgreSQL database when `TEST_DATABASE_URL` is set (dropped with the guard).
pub async fn fresh_database(dir: &std::path::Path) -> (String, Option<ScratchDatabase>) {
    rustok_testkit::fresh_database(dir, "rustok").await
}
