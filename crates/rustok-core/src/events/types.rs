use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::EventError;

/// Everything that can happen in RusToK. Serialized as `{"type": "...", "data": {...}}`.
///
/// `event_type()` strings and payload shapes are a public contract (outbox rows, Iggy messages,
/// webhooks): a breaking change to a variant needs a new `schema_version` and an upcaster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "data")]
pub enum DomainEvent {
    TenantCreated {
        tenant_id: Uuid,
        slug: String,
    },
    TenantUpdated {
        tenant_id: Uuid,
    },
    TenantDeactivated {
        tenant_id: Uuid,
    },
    TenantDomainAdded {
        tenant_id: Uuid,
        host: String,
    },
    TenantDomainRemoved {
        tenant_id: Uuid,
        host: String,
    },
    ModuleToggled {
        module_slug: String,
        enabled: bool,
    },
    UserRegistered {
        user_id: Uuid,
        email: String,
        role: String,
    },
    UserLoggedIn {
        user_id: Uuid,
    },
    RolePermissionsChanged {
        role: String,
        permissions: Vec<String>,
    },
    NodeCreated {
        node_id: Uuid,
        kind: String,
        author_id: Option<Uuid>,
    },
    NodeUpdated {
        node_id: Uuid,
        kind: String,
        version: i32,
    },
    NodePublished {
        node_id: Uuid,
        kind: String,
    },
    NodeUnpublished {
        node_id: Uuid,
        kind: String,
        status: String,
    },
    NodeDeleted {
        node_id: Uuid,
        kind: String,
    },
    NodeTranslationUpdated {
        node_id: Uuid,
        kind: String,
        locale: String,
    },
    CategoryCreated {
        category_id: Uuid,
    },
    CategoryUpdated {
        category_id: Uuid,
    },
    CategoryDeleted {
        category_id: Uuid,
    },
    /// A tag was created (by the first node that used it).
    TagCreated {
        tag_id: Uuid,
        slug: String,
    },
    /// A navigation menu (owned by the pages module) was created.
    MenuCreated {
        menu_id: Uuid,
        handle: String,
    },
    /// A menu or any of its items changed.
    MenuUpdated {
        menu_id: Uuid,
        handle: String,
    },
    MenuDeleted {
        menu_id: Uuid,
        handle: String,
    },
    ProductCreated {
        product_id: Uuid,
        handle: String,
    },
    ProductUpdated {
        product_id: Uuid,
    },
    ProductPublished {
        product_id: Uuid,
    },
    ProductDeleted {
        product_id: Uuid,
    },
    /// Products loaded in bulk (a seed or an import), each whole with its variants, prices and
    /// stock, announced by one event per batch of at most [`MAX_IMPORTED`] instead of one
    /// `ProductCreated` each: a consumer refreshes the batch in one go.
    ProductsImported {
        product_ids: Vec<Uuid>,
    },
    VariantUpdated {
        product_id: Uuid,
        variant_id: Uuid,
    },
    /// Amounts are integer minor units of `currency` (ISO 4217).
    PriceUpdated {
        variant_id: Uuid,
        currency: String,
        amount: i64,
    },
    StockChanged {
        variant_id: Uuid,
        /// On hand minus reserved, after the change.
        available: i64,
        delta: i64,
    },
    CartCheckedOut {
        cart_id: Uuid,
        order_id: Uuid,
    },
    OrderPlaced {
        order_id: Uuid,
        display_id: i64,
        currency: String,
        total: i64,
    },
    OrderStatusChanged {
        order_id: Uuid,
        from: String,
        to: String,
    },
    PaymentCaptured {
        order_id: Uuid,
        payment_id: Uuid,
        currency: String,
        amount: i64,
    },
    OrderRefunded {
        order_id: Uuid,
        payment_id: Uuid,
        currency: String,
        amount: i64,
    },
    /// A piece of the shop's setup changed: `entity` is `collection`, `category`, `price_list`,
    /// `region` or `shipping_option`; `change` is `created`, `updated` or `deleted`.
    CatalogChanged {
        entity: String,
        entity_id: Uuid,
        change: String,
    },
}

const MAX_SHORT_TEXT: usize = 255;
const MAX_PERMISSIONS: usize = 256;
/// Products one [`DomainEvent::ProductsImported`] may name.
pub const MAX_IMPORTED: usize = 1000;

impl DomainEvent {
    /// Stable dotted name used for routing, storage and metrics.
    pub fn event_type(&self) -> &'static str {
        match self {
            Self::TenantCreated { .. } => "tenant.created",
            Self::TenantUpdated { .. } => "tenant.updated",
            Self::TenantDeactivated { .. } => "tenant.deactivated",
            Self::TenantDomainAdded { .. } => "tenant.domain_added",
            Self::TenantDomainRemoved { .. } => "tenant.domain_removed",
            Self::ModuleToggled { .. } => "module.toggled",
            Self::UserRegistered { .. } => "user.registered",
            Self::UserLoggedIn { .. } => "user.logged_in",
            Self::RolePermissionsChanged { .. } => "rbac.role_permissions_changed",
            Self::NodeCreated { .. } => "content.node_created",
            Self::NodeUpdated { .. } => "content.node_updated",
            Self::NodePublished { .. } => "content.node_published",
            Self::NodeUnpublished { .. } => "content.node_unpublished",
            Self::NodeDeleted { .. } => "content.node_deleted",
            Self::NodeTranslationUpdated { .. } => "content.node_translation_updated",
            Self::CategoryCreated { .. } => "content.category_created",
            Self::CategoryUpdated { .. } => "content.category_updated",
            Self::CategoryDeleted { .. } => "content.category_deleted",
            Self::TagCreated { .. } => "content.tag_created",
            Self::MenuCreated { .. } => "pages.menu_created",
            Self::MenuUpdated { .. } => "pages.menu_updated",
            Self::MenuDeleted { .. } => "pages.menu_deleted",
            Self::ProductCreated { .. } => "commerce.product_created",
            Self::ProductUpdated { .. } => "commerce.product_updated",
            Self::ProductPublished { .. } => "commerce.product_published",
            Self::ProductDeleted { .. } => "commerce.product_deleted",
            Self::ProductsImported { .. } => "commerce.products_imported",
            Self::VariantUpdated { .. } => "commerce.variant_updated",
            Self::PriceUpdated { .. } => "commerce.price_updated",
            Self::StockChanged { .. } => "commerce.stock_changed",
            Self::CartCheckedOut { .. } => "commerce.cart_checked_out",
            Self::OrderPlaced { .. } => "commerce.order_placed",
            Self::OrderStatusChanged { .. } => "commerce.order_status_changed",
            Self::PaymentCaptured { .. } => "commerce.payment_captured",
            Self::OrderRefunded { .. } => "commerce.order_refunded",
            Self::CatalogChanged { .. } => "commerce.catalog_changed",
        }
    }

    /// Version of this event type's payload schema. Bump it (and teach [`Self::from_stored`] to
    /// upcast the previous shape) whenever a payload changes incompatibly.
    pub fn schema_version(&self) -> u16 {
        1
    }

    /// Every event type, for catalogues and the schema fixture test.
    pub const EVENT_TYPES: &'static [&'static str] = &[
        "tenant.created",
        "tenant.updated",
        "tenant.deactivated",
        "tenant.domain_added",
        "tenant.domain_removed",
        "module.toggled",
        "user.registered",
        "user.logged_in",
        "rbac.role_permissions_changed",
        "content.node_created",
        "content.node_updated",
        "content.node_published",
        "content.node_unpublished",
        "content.node_deleted",
        "content.node_translation_updated",
        "content.category_created",
        "content.category_updated",
        "content.category_deleted",
        "content.tag_created",
        "pages.menu_created",
        "pages.menu_updated",
        "pages.menu_deleted",
        "commerce.product_created",
        "commerce.product_updated",
        "commerce.product_published",
        "commerce.product_deleted",
        "commerce.products_imported",
        "commerce.variant_updated",
        "commerce.price_updated",
        "commerce.stock_changed",
        "commerce.cart_checked_out",
        "commerce.order_placed",
        "commerce.order_status_changed",
        "commerce.payment_captured",
        "commerce.order_refunded",
        "commerce.catalog_changed",
    ];

    /// Reads a payload stored with `schema_version` (outbox rows, replays), upcasting older
    /// versions to the current shape. Unknown future versions are refused rather than guessed.
    pub fn from_stored(
        event_type: &str,
        schema_version: u16,
        payload: serde_json::Value,
    ) -> Result<Self, EventError> {
        let event: Self = serde_json::from_value(payload)
            .map_err(|err| EventError::Invalid(format!("stored `{event_type}` payload: {err}")))?;
        if event.event_type() != event_type {
            return Err(EventError::Invalid(format!(
                "stored payload is `{}`, row says `{event_type}`",
                event.event_type()
            )));
        }
        // Every type is at version 1 so far: nothing to upcast yet. The first upcaster goes
        // before the deserialisation at the top of this function, rewriting the older JSON,
        // keyed by (event_type, schema_version).
        if schema_version > event.schema_version() {
            return Err(EventError::Invalid(format!(
                "`{event_type}` schema version {schema_version} is newer than this build understands"
            )));
        }
        Ok(event)
    }

    /// Checks the payload before it is published.
    pub fn validate(&self) -> Result<(), EventError> {
        match self {
            Self::TenantCreated { tenant_id, slug } => {
                non_nil("tenant_id", tenant_id)?;
                short_text("slug", slug)
            }
            Self::TenantUpdated { tenant_id } | Self::TenantDeactivated { tenant_id } => {
                non_nil("tenant_id", tenant_id)
            }
            Self::TenantDomainAdded { tenant_id, host }
            | Self::TenantDomainRemoved { tenant_id, host } => {
                non_nil("tenant_id", tenant_id)?;
                short_text("host", host)
            }
            Self::ModuleToggled { module_slug, .. } => short_text("module_slug", module_slug),
            Self::UserRegistered {
                user_id,
                email,
                role,
            } => {
                non_nil("user_id", user_id)?;
                short_text("email", email)?;
                if !email.contains('@') {
                    return Err(EventError::Invalid("email: not an email address".into()));
                }
                short_text("role", role)
            }
            Self::UserLoggedIn { user_id } => non_nil("user_id", user_id),
            Self::RolePermissionsChanged { role, permissions } => {
                short_text("role", role)?;
                if permissions.len() > MAX_PERMISSIONS {
                    return Err(EventError::Invalid("permissions: too many entries".into()));
                }
                permissions
                    .iter()
                    .try_for_each(|p| short_text("permissions", p))
            }
            Self::NodeCreated { node_id, kind, .. }
            | Self::NodeUpdated { node_id, kind, .. }
            | Self::NodePublished { node_id, kind }
            | Self::NodeDeleted { node_id, kind } => {
                non_nil("node_id", node_id)?;
                short_text("kind", kind)
            }
            Self::NodeUnpublished {
                node_id,
                kind,
                status,
            } => {
                non_nil("node_id", node_id)?;
                short_text("kind", kind)?;
                short_text("status", status)
            }
            Self::NodeTranslationUpdated {
                node_id,
                kind,
                locale,
            } => {
                non_nil("node_id", node_id)?;
                short_text("kind", kind)?;
                short_text("locale", locale)
            }
            Self::CategoryCreated { category_id }
            | Self::CategoryUpdated { category_id }
            | Self::CategoryDeleted { category_id } => non_nil("category_id", category_id),
            Self::TagCreated { tag_id, slug } => {
                non_nil("tag_id", tag_id)?;
                short_text("slug", slug)
            }
            Self::MenuCreated { menu_id, handle }
            | Self::MenuUpdated { menu_id, handle }
            | Self::MenuDeleted { menu_id, handle } => {
                non_nil("menu_id", menu_id)?;
                short_text("handle", handle)
            }
            Self::ProductCreated { product_id, handle } => {
                non_nil("product_id", product_id)?;
                short_text("handle", handle)
            }
            Self::ProductUpdated { product_id }
            | Self::ProductPublished { product_id }
            | Self::ProductDeleted { product_id } => non_nil("product_id", product_id),
            Self::ProductsImported { product_ids } => {
                if product_ids.is_empty() || product_ids.len() > MAX_IMPORTED {
                    return Err(EventError::Invalid(format!(
                        "product_ids: must name 1..={MAX_IMPORTED} products"
                    )));
                }
                product_ids
                    .iter()
                    .try_for_each(|id| non_nil("product_ids", id))
            }
            Self::VariantUpdated {
                product_id,
                variant_id,
            } => {
                non_nil("product_id", product_id)?;
                non_nil("variant_id", variant_id)
            }
            Self::PriceUpdated {
                variant_id,
                currency,
                ..
            } => {
                non_nil("variant_id", variant_id)?;
                currency_code(currency)
            }
            Self::StockChanged { variant_id, .. } => non_nil("variant_id", variant_id),
            Self::CartCheckedOut { cart_id, order_id } => {
                non_nil("cart_id", cart_id)?;
                non_nil("order_id", order_id)
            }
            Self::OrderPlaced {
                order_id, currency, ..
            } => {
                non_nil("order_id", order_id)?;
                currency_code(currency)
            }
            Self::OrderStatusChanged { order_id, from, to } => {
                non_nil("order_id", order_id)?;
                short_text("from", from)?;
                short_text("to", to)
            }
            Self::PaymentCaptured {
                order_id,
                payment_id,
                currency,
                ..
            }
            | Self::OrderRefunded {
                order_id,
                payment_id,
                currency,
                ..
            } => {
                non_nil("order_id", order_id)?;
                non_nil("payment_id", payment_id)?;
                currency_code(currency)
            }
            Self::CatalogChanged {
                entity,
                entity_id,
                change,
            } => {
                non_nil("entity_id", entity_id)?;
                short_text("entity", entity)?;
                short_text("change", change)
            }
        }
    }
}

fn currency_code(code: &str) -> Result<(), EventError> {
    if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) {
        Ok(())
    } else {
        Err(EventError::Invalid(format!(
            "currency: `{code}` is not an ISO 4217 code"
        )))
    }
}

fn non_nil(field: &str, id: &Uuid) -> Result<(), EventError> {
    if id.is_nil() {
        return Err(EventError::Invalid(format!("{field}: nil id")));
    }
    Ok(())
}

fn short_text(field: &str, text: &str) -> Result<(), EventError> {
    if text.is_empty() || text.len() > MAX_SHORT_TEXT {
        return Err(EventError::Invalid(format!(
            "{field}: must be 1..={MAX_SHORT_TEXT} bytes"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serializes_with_type_and_data() {
        let id = Uuid::from_u128(7);
        let json = serde_json::to_value(DomainEvent::TenantUpdated { tenant_id: id }).unwrap();
        assert_eq!(json["type"], "TenantUpdated");
        assert_eq!(json["data"]["tenant_id"], id.to_string());
    }

    #[test]
    fn invalid_payloads_are_refused() {
        assert!(
            DomainEvent::TenantUpdated {
                tenant_id: Uuid::nil()
            }
            .validate()
            .is_err()
        );
        let bad_email = DomainEvent::UserRegistered {
            user_id: Uuid::from_u128(1),
            email: "nope".into(),
            role: "customer".into(),
        };
        assert!(bad_email.validate().is_err());
        let long = DomainEvent::ModuleToggled {
            module_slug: "x".repeat(300),
            enabled: true,
        };
        assert!(long.validate().is_err());
    }
}
