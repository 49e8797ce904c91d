//! A database of its own for one test: a SQLite file in a directory the test owns, or, when
//! `TEST_DATABASE_URL` names a PostgreSQL server, a new database there that is dropped with its
//! guard. The service tests ([`crate::TestDb`]), the server's API tests and the schema test all
//! take their databases from here.

use sea_orm::{ConnectionTrait, Database};

/// The PostgreSQL admin database named by `TEST_DATABASE_URL`; `None` means the tests run on
/// SQLite.
pub fn postgres_admin_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|url| url.starts_with("postgres"))
}

/// The URL of a fresh database named `name`: a file `<dir>/<name>.sqlite`, or a new PostgreSQL
/// database `<name>_<ulid>` when `TEST_DATABASE_URL` names a server. Keep the guard as long as
/// the database is used: dropping it drops the PostgreSQL database.
pub async fn fresh_database(
    dir: &std::path::Path,
    name: &str,
) -> (String, Option<ScratchDatabase>) {
    match postgres_admin_url() {
        Some(admin) => {
            let scratch = ScratchDatabase::create(&admin, name).await;
            (scratch.url.clone(), Some(scratch))
        }
        None => (sqlite_url(dir, name), None),
    }
}

/// A SQLite file `<dir>/<name>.sqlite`, created on first connect.
pub fn sqlite_url(dir: &std::path::Path, name: &str) -> String {
    format!("sqlite://{}/{name}.sqlite?mode=rwc", dir.display())
}

/// A PostgreSQL database that lives as long as this value (it is dropped, `WITH (FORCE)`, also
/// when the test fails).
pub struct ScratchDatabase {
    admin_url: String,
    name: String,
    url: String,
}

impl ScratchDatabase {
    /// Creates `<prefix>_<ulid>` on the server of `admin_url`.
    pub async fn create(admin_url: &str, prefix: &str) -> Self {
        let name = format!(
            "{prefix}_{}",
            ulid::Ulid::generate().to_string().to_lowercase()
        );
        let server = Database::connect(admin_url)
            .await
            .expect("PostgreSQL admin database reachable");
        server
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("CREATE DATABASE");
        let _ = server.close().await;
        let base = admin_url
            .split('?')
            .next()
            .and_then(|url| url.rsplit_once('/'))
            .map(|(base, _)| base.to_string())
            .expect("TEST_DATABASE_URL names a database");
        Self {
            admin_url: admin_url.to_string(),
            url: format!("{base}/{name}"),
            name,
        }
    }

    /// The URL to connect to this database.
    pub fn url(&self) -> &str {
        &self.url
    }
}

impl Drop for ScratchDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // A thread and a runtime of its own: the test's runtime may be shutting down.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .ok()?;
            runtime.block_on(async {
                let server = Database::connect(&admin_url).await.ok()?;
                server
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await
                    .ok()?;
                server.close().await.ok()
            })
        })
        .join();
    }
}
