//! Event payloads are a stored, public contract (outbox rows, replays, integrations). Each event
//! type has a JSON fixture of its current schema; changing a payload shape fails here until the
//! fixture is updated on purpose (with a `schema_version` bump and an upcaster when old rows must
//! still be read). Regenerate with `UPDATE_EVENT_FIXTURES=1 cargo test -p rustok-core`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests and benchmarks fail loudly

use std::collections::BTreeSet;
use std::path::PathBuf;

use rustok_core::DomainEvent;
use serde_json::Value;
use uuid::Uuid;

fn id(n: u128) -> Uuid {
    Uuid::from_u128(n)
}

/// One sample per variant. The match in `covers_every_variant` makes a new variant a compile
/// error until it gets a sample here.
fn samples() -> Vec<DomainEvent> {
    vec![
        DomainEvent::TenantCreated {
            tenant_id: id(1),
            slug: "acme".into(),
        },
        DomainEvent::TenantUpdated { tenant_id: id(1) },
        DomainEvent::TenantDeactivated { tenant_id: id(1) },
        DomainEvent::TenantDomainAdded {
            tenant_id: id(1),
            host: "shop.acme.test".into(),
        },
        DomainEvent::TenantDomainRemoved {
            tenant_id: id(1),
            host: "shop.acme.test".into(),
        },
        DomainEvent::ModuleToggled {
            module_slug: "blog".into(),
            enabled: false,
        },
        DomainEvent::UserRegistered {
            user_id: id(2),
            email: "ann@acme.test".into(),
            role: "customer".into(),
        },
        DomainEvent::UserLoggedIn { user_id: id(2) },
        DomainEvent::RolePermissionsChanged {
            role: "editor".into(),
            permissions: vec!["content:*".into()],
        },
        DomainEvent::NodeCreated {
            node_id: id(3),
            kind: "post".into(),
            author_id: Some(id(2)),
        },
        DomainEvent::NodeUpdated {
            node_id: id(3),
            kind: "post".into(),
            version: 2,
        },
        DomainEvent::NodePublished {
            node_id: id(3),
            kind: "post".into(),
        },
        DomainEvent::NodeUnpublished {
            node_id: id(3),
            kind: "post".into(),
            status: "archived".into(),
        },
        DomainEvent::NodeDeleted {
            node_id: id(3),
            kind: "post".into(),
        },
        DomainEvent::NodeTranslationUpdated {
            node_id: id(3),
            kind: "post".into(),
            locale: "de".into(),
        },
        DomainEvent::CategoryCreated { category_id: id(4) },
        DomainEvent::CategoryUpdated { category_id: id(4) },
        DomainEvent::CategoryDeleted { category_id: id(4) },
        DomainEvent::TagCreated {
            tag_id: id(11),
            slug: "news".into(),
        },
        DomainEvent::MenuCreated {
            menu_id: id(5),
            handle: "main".into(),
        },
        DomainEvent::MenuUpdated {
            menu_id: id(5),
            handle: "main".into(),
        },
        DomainEvent::MenuDeleted {
            menu_id: id(5),
            handle: "main".into(),
        },
        DomainEvent::ProductCreated {
            product_id: id(6),
            handle: "t-shirt".into(),
        },
        DomainEvent::ProductUpdated { product_id: id(6) },
        DomainEvent::ProductPublished { product_id: id(6) },
        DomainEvent::ProductsImported {
            product_ids: vec![id(6), id(7)],
        },
        DomainEvent::ProductDeleted { product_id: id(6) },
        DomainEvent::VariantUpdated {
            product_id: id(6),
            variant_id: id(7),
        },
        DomainEvent::PriceUpdated {
            variant_id: id(7),
            currency: "EUR".into(),
            amount: 1999,
        },
        DomainEvent::StockChanged {
            variant_id: id(7),
            available: 4,
            delta: -1,
        },
        DomainEvent::CartCheckedOut {
            cart_id: id(8),
            order_id: id(9),
        },
        DomainEvent::OrderPlaced {
            order_id: id(9),
            display_id: 1001,
            currency: "EUR".into(),
            total: 2499,
        },
        DomainEvent::OrderStatusChanged {
            order_id: id(9),
            from: "pending".into(),
            to: "paid".into(),
        },
        DomainEvent::PaymentCaptured {
            order_id: id(9),
            payment_id: id(10),
            currency: "EUR".into(),
            amount: 2499,
        },
        DomainEvent::OrderRefunded {
            order_id: id(9),
            payment_id: id(10),
            currency: "EUR".into(),
            amount: 2499,
        },
        DomainEvent::CatalogChanged {
            entity: "collection".into(),
            entity_id: id(12),
            change: "created".into(),
        },
    ]
}

#[allow(dead_code)]
fn covers_every_variant(event: &DomainEvent) {
    match event {
        DomainEvent::TenantCreated { .. }
        | DomainEvent::TenantUpdated { .. }
        | DomainEvent::TenantDeactivated { .. }
        | DomainEvent::TenantDomainAdded { .. }
        | DomainEvent::TenantDomainRemoved { .. }
        | DomainEvent::ModuleToggled { .. }
        | DomainEvent::UserRegistered { .. }
        | DomainEvent::UserLoggedIn { .. }
        | DomainEvent::RolePermissionsChanged { .. }
        | DomainEvent::NodeCreated { .. }
        | DomainEvent::NodeUpdated { .. }
        | DomainEvent::NodePublished { .. }
        | DomainEvent::NodeUnpublished { .. }
        | DomainEvent::NodeDeleted { .. }
        | DomainEvent::NodeTranslationUpdated { .. }
        | DomainEvent::CategoryCreated { .. }
        | DomainEvent::CategoryUpdated { .. }
        | DomainEvent::CategoryDeleted { .. }
        | DomainEvent::TagCreated { .. }
        | DomainEvent::MenuCreated { .. }
        | DomainEvent::MenuUpdated { .. }
        | DomainEvent::MenuDeleted { .. }
        | DomainEvent::ProductCreated { .. }
        | DomainEvent::ProductUpdated { .. }
        | DomainEvent::ProductPublished { .. }
        | DomainEvent::ProductDeleted { .. }
        | DomainEvent::ProductsImported { .. }
        | DomainEvent::VariantUpdated { .. }
        | DomainEvent::PriceUpdated { .. }
        | DomainEvent::StockChanged { .. }
        | DomainEvent::CartCheckedOut { .. }
        | DomainEvent::OrderPlaced { .. }
        | DomainEvent::OrderStatusChanged { .. }
        | DomainEvent::PaymentCaptured { .. }
        | DomainEvent::OrderRefunded { .. }
        | DomainEvent::CatalogChanged { .. } => {}
    }
}

fn fixture_path(event_type: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/events")
        .join(format!("{event_type}.v{}.json", 1))
}

#[test]
fn every_event_type_matches_its_fixture() {
    let update = std::env::var_os("UPDATE_EVENT_FIXTURES").is_some();
    let samples = samples();
    let types: BTreeSet<&str> = samples.iter().map(DomainEvent::event_type).collect();
    let declared: BTreeSet<&str> = DomainEvent::EVENT_TYPES.iter().copied().collect();
    assert_eq!(types, declared, "EVENT_TYPES and the samples disagree");

    for sample in samples {
        let path = fixture_path(sample.event_type());
        let current = serde_json::to_value(&sample).unwrap();
        if update {
            std::fs::write(
                &path,
                serde_json::to_string_pretty(&current).unwrap() + "\n",
            )
            .unwrap();
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap_or_else(|_| {
            panic!(
                "missing fixture {}; run with UPDATE_EVENT_FIXTURES=1",
                path.display()
            )
        });
        let stored: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            current,
            stored,
            "payload of `{}` changed: bump schema_version and add an upcaster",
            sample.event_type()
        );
        // Stored payloads of this version still read back to the same event.
        let read =
            DomainEvent::from_stored(sample.event_type(), sample.schema_version(), stored).unwrap();
        assert_eq!(read, sample);
    }
}
