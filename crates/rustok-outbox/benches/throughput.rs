//! Outbox throughput and latency: `cargo bench -p rustok-outbox`.
//!
//! Runs on SQLite (a temp file) and, when `BENCH_DATABASE_URL` (or `TEST_DATABASE_URL`) names a
//! PostgreSQL server, on a fresh database there too. Reports:
//! - write: events/s committed, one event per transaction, 4 concurrent writers;
//! - relay: events/s drained by one relay (claim, consumer record + no-op handler, mark);
//! - latency: commit → dispatch p50/p99 with the relay running while events trickle in.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

use std::sync::Arc;
use std::time::{Duration, Instant};

use async_trait::async_trait;
use migration::{Migrator, MigratorTrait};
use rustok_core::{
    DomainEvent, EventEnvelope, EventError, EventHandler, EventTransport, TenantId, generate_id,
};
use rustok_outbox::entities::sys_events;
use rustok_outbox::{OutboxStats, OutboxTransport, Relay, RelayConfig, claim_strategy_for};
use sea_orm::{
    ColumnTrait, ConnectionTrait, Database, DatabaseConnection, EntityTrait, QueryFilter,
    TransactionTrait,
};
use tokio::sync::Notify;

const WRITES: usize = 4_000;
const WRITERS: usize = 4;
const LATENCY_EVENTS: usize = 1_000;

struct NoOp;

#[async_trait]
impl EventHandler for NoOp {
    fn name(&self) -> &'static str {
        "bench_noop"
    }
    fn handles(&self, _event: &DomainEvent) -> bool {
        true
    }
    async fn handle(&self, _envelope: &EventEnvelope) -> Result<(), EventError> {
        Ok(())
    }
}

struct Setup {
    db: DatabaseConnection,
    transport: OutboxTransport,
    relay: Relay,
}

async fn setup(url: &str) -> Setup {
    let db = Database::connect(url).await.expect("database");
    Migrator::up(&db, None).await.expect("migrations");
    let stats = Arc::new(OutboxStats::default());
    let wake = Arc::new(Notify::new());
    let transport = OutboxTransport::new(db.clone(), stats.clone(), wake.clone());
    let relay = Relay::new(
        db.clone(),
        claim_strategy_for(&db, generate_id().to_string()),
        vec![Arc::new(NoOp)],
        RelayConfig {
            batch_size: 200,
            interval: Duration::from_millis(5),
            ..RelayConfig::default()
        },
        stats,
        wake,
    );
    Setup {
        db,
        transport,
        relay,
    }
}

async fn write_one(db: &DatabaseConnection, transport: &OutboxTransport, tenant: TenantId) {
    let txn = db.begin().await.expect("begin");
    let event = DomainEvent::TenantUpdated {
        tenant_id: tenant.as_uuid(),
    };
    transport
        .publish_in_tx(&txn, EventEnvelope::new(tenant, None, event))
        .await
        .expect("publish");
    txn.commit().await.expect("commit");
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    let index = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

async fn run(label: &str, url: &str) {
    let setup = setup(url).await;
    let tenants: Vec<TenantId> = (0..8).map(|_| TenantId::new()).collect();

    let started = Instant::now();
    let mut writers = Vec::new();
    for w in 0..WRITERS {
        let db = setup.db.clone();
        let transport = setup.transport.clone();
        let tenants = tenants.clone();
        writers.push(tokio::spawn(async move {
            for i in 0..WRITES / WRITERS {
                write_one(&db, &transport, tenants[(w + i) % tenants.len()]).await;
            }
        }));
    }
    for writer in writers {
        writer.await.expect("writer");
    }
    let write_rate = WRITES as f64 / started.elapsed().as_secs_f64();

    let started = Instant::now();
    let mut relayed = 0;
    loop {
        let n = setup.relay.relay_pending_events().await.expect("relay");
        if n == 0 {
            break;
        }
        relayed += n;
    }
    let relay_rate = relayed as f64 / started.elapsed().as_secs_f64();

    // Latency: the relay runs in the background while events arrive one by one.
    let handle = setup.relay.clone().spawn();
    let first = Instant::now();
    let mut ids = Vec::with_capacity(LATENCY_EVENTS);
    for i in 0..LATENCY_EVENTS {
        let txn = setup.db.begin().await.expect("begin");
        let tenant = tenants[i % tenants.len()];
        let envelope = EventEnvelope::new(
            tenant,
            None,
            DomainEvent::TenantUpdated {
                tenant_id: tenant.as_uuid(),
            },
        );
        ids.push(envelope.id);
        setup
            .transport
            .publish_in_tx(&txn, envelope)
            .await
            .expect("publish");
        txn.commit().await.expect("commit");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let deadline = Instant::now() + Duration::from_secs(60);
    let rows = loop {
        let rows = sys_events::Entity::find()
            .filter(sys_events::Column::Id.is_in(ids.clone()))
            .filter(sys_events::Column::Status.eq("dispatched"))
            .all(&setup.db)
            .await
            .expect("rows");
        if rows.len() == ids.len() || Instant::now() > deadline {
            break rows;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    handle.abort();
    let mut lags: Vec<f64> = rows
        .iter()
        .filter_map(|r| {
            r.dispatched_at
                .map(|d| (d - r.created_at).num_microseconds().unwrap_or(0) as f64 / 1000.0)
        })
        .collect();
    lags.sort_by(|a, b| a.total_cmp(b));
    println!(
        "{label:<10} write {write_rate:>8.0} events/s | relay {relay_rate:>8.0} events/s | \
         commit->dispatch p50 {:.2} ms, p99 {:.2} ms ({} events over {:.1} s)",
        percentile(&lags, 0.50),
        percentile(&lags, 0.99),
        lags.len(),
        first.elapsed().as_secs_f64(),
    );
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    // `cargo test` runs benches with `--bench` absent only when asked; keep it cheap there.
    if std::env::args().any(|a| a == "--list") {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let sqlite = format!("sqlite://{}/bench.sqlite?mode=rwc", dir.path().display());
    run("sqlite", &sqlite).await;

    let admin = std::env::var("BENCH_DATABASE_URL")
        .or_else(|_| std::env::var("TEST_DATABASE_URL"))
        .ok()
        .filter(|u| u.starts_with("postgres"));
    if let Some(admin) = admin {
        let name = format!("rustok_bench_{}", generate_id().simple());
        let server = Database::connect(&admin).await.expect("postgres");
        server
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create database");
        let base = admin
            .split('?')
            .next()
            .and_then(|u| u.rsplit_once('/'))
            .map(|(b, _)| b)
            .unwrap_or(&admin);
        run("postgres", &format!("{base}/{name}")).await;
        let _ = server
            .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .await;
    }
}
