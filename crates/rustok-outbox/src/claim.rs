//! How a relay takes due events. The one place where PostgreSQL and SQLite differ.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use chrono::Utc;
use sea_orm::sea_query::{ExprTrait, OnConflict};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set, Statement, TransactionTrait,
};

use crate::entities::{sys_events, sys_relay_leases};
use crate::status;

/// Events a relay may deliver now. On PostgreSQL the batch holds the transaction whose row locks
/// (and per-tenant advisory locks) keep other relays away until [`ClaimedBatch::finish`].
pub struct ClaimedBatch {
    pub events: Vec<sys_events::Model>,
    txn: Option<DatabaseTransaction>,
}

impl ClaimedBatch {
    pub fn empty() -> Self {
        Self {
            events: Vec::new(),
            txn: None,
        }
    }

    /// Runs an update of a claimed row where the claim lives: inside the claim transaction when
    /// there is one, otherwise on the pool.
    pub(crate) async fn update(
        &self,
        db: &DatabaseConnection,
        update: sea_orm::UpdateMany<sys_events::Entity>,
    ) -> Result<(), DbErr> {
        match &self.txn {
            Some(txn) => update.exec(txn).await.map(|_| ()),
            None => update.exec(db).await.map(|_| ()),
        }
    }

    /// Commits the claim: marks become visible and locks are released.
    pub async fn finish(self) -> Result<(), DbErr> {
        match self.txn {
            Some(txn) => txn.commit().await,
            None => Ok(()),
        }
    }
}

#[async_trait]
pub trait ClaimStrategy: Send + Sync {
    /// Up to `limit` due events, oldest first; empty when another relay holds the work.
    async fn claim(&self, db: &DatabaseConnection, limit: u64) -> Result<ClaimedBatch, DbErr>;

    /// Asked by the relay before each event of a batch: `false` when this relay may no longer go
    /// on (its SQLite lease was lost), so it stops and leaves the rest of the batch pending. A
    /// long batch keeps its lease this way. The default (row locks held by a transaction) is
    /// always `true`.
    async fn keep_claim(&self, _db: &DatabaseConnection) -> Result<bool, DbErr> {
        Ok(true)
    }
}

/// The strategy for the connected database.
pub fn claim_strategy_for(db: &DatabaseConnection, holder: String) -> Arc<dyn ClaimStrategy> {
    match db.get_database_backend() {
        DbBackend::Postgres => Arc::new(SkipLockedClaim),
        _ => Arc::new(LeasedClaim::new(holder, LEASE_TTL)),
    }
}

/// PostgreSQL: many relays side by side. `FOR UPDATE SKIP LOCKED` stops two relays taking one
/// row; the transaction-scoped advisory lock per tenant stops a second relay taking a tenant's
/// later events while the first still works on earlier ones, so each tenant's events are
/// delivered in order.
pub struct SkipLockedClaim;

const CLAIM_SQL: &str = r#"
SELECT * FROM sys_events
WHERE status IN ('pending', 'failed')
  AND next_attempt_at <= $1
  AND pg_try_advisory_xact_lock(hashtextextended(tenant_id::text, 7243))
ORDER BY created_at, id
LIMIT $2
FOR UPDATE SKIP LOCKED
"#;

#[async_trait]
impl ClaimStrategy for SkipLockedClaim {
    async fn claim(&self, db: &DatabaseConnection, limit: u64) -> Result<ClaimedBatch, DbErr> {
        let txn = db.begin().await?;
        let statement = Statement::from_sql_and_values(
            DbBackend::Postgres,
            CLAIM_SQL,
            [Utc::now().fixed_offset().into(), (limit as i64).into()],
        );
        let events = sys_events::Entity::find()
            .from_raw_sql(statement)
            .all(&txn)
            .await?;
        if events.is_empty() {
            txn.rollback().await?;
            return Ok(ClaimedBatch::empty());
        }
        Ok(ClaimedBatch {
            events,
            txn: Some(txn),
        })
    }
}

/// SQLite: one database file, one relay. Relays in other processes on the same file (a CLI task,
/// a second server) wait for the lease to expire before taking over.
pub struct LeasedClaim {
    holder: String,
    ttl: Duration,
    /// When this relay last wrote its lease; idle polls within a third of the TTL are read-only.
    renewed_at: std::sync::Mutex<Option<std::time::Instant>>,
}

const LEASE_NAME: &str = "outbox-relay";

/// How long a silent relay keeps the SQLite lease. The holder renews it on every poll, so this
/// only matters after a crash: a restarted server relays again after at most this long.
pub const LEASE_TTL: Duration = Duration::from_secs(3);

impl LeasedClaim {
    pub fn new(holder: String, ttl: Duration) -> Self {
        Self {
            holder,
            ttl,
            renewed_at: std::sync::Mutex::new(None),
        }
    }

    async fn hold_lease(&self, db: &DatabaseConnection) -> Result<bool, DbErr> {
        let fresh = self
            .renewed_at
            .lock()
            .ok()
            .and_then(|at| *at)
            .is_some_and(|at| at.elapsed() < self.ttl / 3);
        if fresh {
            return Ok(true);
        }
        let held = self.write_lease(db).await?;
        if let Ok(mut at) = self.renewed_at.lock() {
            *at = held.then(std::time::Instant::now);
        }
        Ok(held)
    }

    async fn write_lease(&self, db: &DatabaseConnection) -> Result<bool, DbErr> {
        let now = Utc::now().fixed_offset();
        let expires = now + chrono::Duration::from_std(self.ttl).unwrap_or_default();
        let renewed = sys_relay_leases::Entity::update_many()
            .col_expr(sys_relay_leases::Column::Holder, self.holder.clone().into())
            .col_expr(sys_relay_leases::Column::ExpiresAt, expires.into())
            .filter(sys_relay_leases::Column::Name.eq(LEASE_NAME))
            .filter(
                sys_relay_leases::Column::Holder
                    .eq(self.holder.as_str())
                    .or(sys_relay_leases::Column::ExpiresAt.lt(now)),
            )
            .exec(db)
            .await?;
        if renewed.rows_affected == 1 {
            return Ok(true);
        }
        let inserted = sys_relay_leases::Entity::insert(sys_relay_leases::ActiveModel {
            name: Set(LEASE_NAME.to_string()),
            holder: Set(self.holder.clone()),
            expires_at: Set(expires),
        })
        .on_conflict(
            OnConflict::column(sys_relay_leases::Column::Name)
                .do_nothing()
                .to_owned(),
        )
        .exec_without_returning(db)
        .await?;
        Ok(inserted == 1)
    }
}

#[async_trait]
impl ClaimStrategy for LeasedClaim {
    /// Renews the lease when a third of its TTL has passed since the last write.
    async fn keep_claim(&self, db: &DatabaseConnection) -> Result<bool, DbErr> {
        self.hold_lease(db).await
    }

    async fn claim(&self, db: &DatabaseConnection, limit: u64) -> Result<ClaimedBatch, DbErr> {
        if !self.hold_lease(db).await? {
            return Ok(ClaimedBatch::empty());
        }
        let events = sys_events::Entity::find()
            .filter(sys_events::Column::Status.is_in([status::PENDING, status::FAILED]))
            .filter(sys_events::Column::NextAttemptAt.lte(Utc::now().fixed_offset()))
            .order_by_asc(sys_events::Column::CreatedAt)
            .order_by_asc(sys_events::Column::Id)
            .limit(limit)
            .all(db)
            .await?;
        Ok(ClaimedBatch { events, txn: None })
    }
}

/// Rows in any of `statuses` (backlog: pending + failed; DLQ: dead).
pub async fn count_by_status(db: &impl ConnectionTrait, statuses: &[&str]) -> Result<u64, DbErr> {
    use sea_orm::PaginatorTrait;
    sys_events::Entity::find()
        .filter(sys_events::Column::Status.is_in(statuses.iter().copied()))
        .count(db)
        .await
}
