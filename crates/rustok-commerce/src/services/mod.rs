//! The services: the only writers of the commerce tables. Every query filters by the
//! context's tenant; every write emits its event through the outbox in the same transaction.
//!
//! The catalogue ([`CatalogService`]) is one service over several files, one per
//! responsibility: `products.rs` (products, their texts and images, listings), `variants.rs`
//! (variants, prices, price lists), `options.rs` (options and the variant rules), `taxonomy.rs`
//! (collections, categories, tags) and `product_views.rs` (what every product read returns).

mod carts;
mod checkout;
mod documents;
mod inventory;
mod options;
mod orders;
mod pricing;
mod product_views;
mod products;
mod regions;
mod retention;
mod scoped;
mod seed;
mod taxonomy;
mod variants;

use chrono::Utc;
use rustok_core::{DomainEvent, EventBus, LocalePolicy, TenantId};
use sea_orm::DatabaseTransaction;
use sea_orm::prelude::DateTimeWithTimeZone;
use uuid::Uuid;

pub(crate) use options::{MAX_TEXT as MAX_OPTION_TEXT, MAX_VALUES as MAX_OPTION_VALUES};
pub(crate) use taxonomy::{MAX_TAG_CHARS, MAX_TAGS};
// For the tests that compare the OpenAPI document's limits with these.
#[cfg(test)]
pub(crate) use {
    options::MAX_OPTIONS, products::MAX_IMAGES, regions::MAX_TAX_RATE_BP, variants::MAX_VARIANTS,
};

pub use carts::CartService;
pub use checkout::CheckoutService;
pub use documents::{StorefrontCatalog, priced_document, visitor_view};
pub use inventory::InventoryService;
pub use orders::OrderFilter;
pub use orders::{OrderAction, OrderService, OrderStatus};
pub use products::{CatalogService, PriceMode};
pub use regions::RegionService;
pub use retention::purge_abandoned_carts;
pub use seed::{seed_catalog, seed_demo_shop};

use crate::CommerceError;

/// The largest quantity of one line: far below anything that could overflow a total.
pub const MAX_QUANTITY: i64 = 10_000;
/// The largest single amount accepted (10^15 minor units): sums of many stay far from `i64::MAX`.
pub const MAX_AMOUNT: i64 = 1_000_000_000_000_000;
/// The one stock location until multi-location inventory exists.
pub const DEFAULT_LOCATION: &str = "default";

/// Who acts, for which tenant, in which languages. Built by the API layer per request.
#[derive(Debug, Clone)]
pub struct CommerceContext {
    pub tenant: TenantId,
    /// The signed-in user (staff or customer), if any.
    pub actor: Option<Uuid>,
    pub locales: LocalePolicy,
}

impl CommerceContext {
    pub(crate) fn tenant_id(&self) -> Uuid {
        self.tenant.as_uuid()
    }
}

/// Writes `events` through the outbox in the change's transaction, then commits it: the change
/// and its events are stored together or not at all.
pub(crate) async fn commit_with(
    bus: &EventBus,
    txn: DatabaseTransaction,
    ctx: &CommerceContext,
    events: Vec<DomainEvent>,
) -> Result<(), CommerceError> {
    bus.emit_all_in_tx(&txn, ctx.tenant, ctx.actor, events)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// `commerce.catalog_changed` for a change of the shop's setup (a collection, category, price
/// list, region or shipping option `created`, `updated` or `deleted`).
pub(crate) fn catalog_changed(entity: &str, entity_id: Uuid, change: &str) -> DomainEvent {
    DomainEvent::CatalogChanged {
        entity: entity.to_string(),
        entity_id,
        change: change.to_string(),
    }
}

pub(crate) fn now() -> DateTimeWithTimeZone {
    Utc::now().fixed_offset()
}

/// A required, trimmed text of at most `max` characters.
pub(crate) fn required_text(
    field: &'static str,
    value: &str,
    max: usize,
) -> Result<String, CommerceError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(CommerceError::invalid(field, "must not be empty"));
    }
    optional_text(field, Some(value), max).map(|v| v.unwrap_or_default())
}

pub(crate) fn optional_text(
    field: &'static str,
    value: Option<&str>,
    max: usize,
) -> Result<Option<String>, CommerceError> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if v.chars().count() > max => Err(CommerceError::invalid(
            field,
            format!("must be at most {max} characters"),
        )),
        Some(v) => Ok(Some(v.to_string())),
    }
}

/// A list of at most `max` entries.
pub(crate) fn check_at_most(
    field: &'static str,
    count: usize,
    max: usize,
) -> Result<(), CommerceError> {
    if count > max {
        return Err(CommerceError::invalid(field, format!("at most {max}")));
    }
    Ok(())
}

/// Handles are URL keys: `a-z`, `0-9` and single dashes, 1..=200 characters.
pub(crate) fn validate_handle(field: &'static str, handle: &str) -> Result<String, CommerceError> {
    let handle = handle.trim();
    let ok = !handle.is_empty()
        && handle.len() <= 200
        && handle
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !handle.starts_with('-')
        && !handle.ends_with('-')
        && !handle.contains("--");
    if ok {
        Ok(handle.to_string())
    } else {
        Err(CommerceError::invalid(
            field,
            "use lower-case letters, digits and single dashes (at most 200)",
        ))
    }
}

pub(crate) fn validate_quantity(quantity: i64) -> Result<i64, CommerceError> {
    if (1..=MAX_QUANTITY).contains(&quantity) {
        Ok(quantity)
    } else {
        Err(CommerceError::invalid(
            "quantity",
            format!("must be between 1 and {MAX_QUANTITY}"),
        ))
    }
}

pub(crate) fn validate_amount(field: &'static str, amount: i64) -> Result<i64, CommerceError> {
    if (0..=MAX_AMOUNT).contains(&amount) {
        Ok(amount)
    } else {
        Err(CommerceError::invalid(
            field,
            format!("must be between 0 and {MAX_AMOUNT} minor units"),
        ))
    }
}

pub(crate) fn validate_email(email: Option<&str>) -> Result<Option<String>, CommerceError> {
    let Some(email) = optional_text("email", email, 255)? else {
        return Ok(None);
    };
    let valid = email
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && domain.contains('.'))
        && !email.contains(char::is_whitespace);
    if valid {
        Ok(Some(email))
    } else {
        Err(CommerceError::invalid("email", "is not an email address"))
    }
}

pub(crate) fn validate_metadata(
    value: Option<serde_json::Value>,
) -> Result<serde_json::Value, CommerceError> {
    match value {
        None => Ok(serde_json::json!({})),
        Some(v @ serde_json::Value::Object(_)) => {
            if v.to_string().len() > 16 * 1024 {
                Err(CommerceError::invalid("metadata", "must be at most 16 KiB"))
            } else {
                Ok(v)
            }
        }
        Some(_) => Err(CommerceError::invalid("metadata", "must be a JSON object")),
    }
}

/// Maps a unique-index violation to `Taken`, anything else to a database error.
pub(crate) fn taken(err: sea_orm::DbErr, what: &'static str, value: &str) -> CommerceError {
    match err.sql_err() {
        Some(sea_orm::SqlErr::UniqueConstraintViolation(_)) => CommerceError::Taken {
            what,
            value: value.to_string(),
        },
        _ => CommerceError::Database(err),
    }
}
