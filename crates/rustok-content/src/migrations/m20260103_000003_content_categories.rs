//! A tree of categories per tenant, translated like nodes.

use rustok_core::schema::{
    TableShapes, create_tables, index, table, tenant_id, tenant_table, unique,
};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260103_000003_content_categories", || {
        vec![
            tenant_table("categories")
                .col(uuid_null("parent_id"))
                .col(integer("position").default(0))
                .timestamps()
                .belongs_to("parent_id", "categories")
                .indexed([index("idx_categories_tenant", ["tenant_id", "parent_id"])]),
            table("category_translations")
                .col(pk_uuid("id"))
                .col(uuid("category_id"))
                .col(tenant_id())
                .col(string_len("locale", 35))
                .col(string_len("name", 255))
                .col(string_len("slug", 200))
                .col(text_null("description"))
                .belongs_to("category_id", "categories")
                .indexed([
                    unique("uq_category_translations_locale", ["category_id", "locale"]),
                    unique(
                        "uq_category_translations_slug",
                        ["tenant_id", "locale", "slug"],
                    ),
                ]),
        ]
    })
}
