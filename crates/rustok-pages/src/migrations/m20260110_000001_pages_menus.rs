//! Menus, their items (a tree) and the items' labels per locale.

use rustok_core::schema::{
    TableShapes, create_tables, index, tenant_child_table, tenant_table, unique,
};
use sea_orm_migration::{prelude::*, schema::*};

pub(super) fn migration() -> Box<dyn MigrationTrait> {
    create_tables("m20260110_000001_pages_menus", || {
        vec![
            tenant_table("menus")
                .col(string_len("handle", 64))
                .col(string_len("name", 255))
                .timestamps()
                .indexed([unique("uq_menus_tenant_handle", ["tenant_id", "handle"])]),
            // A link to a page is not a foreign key into content's tables (the module boundary):
            // readers skip items whose page is gone.
            tenant_child_table("menu_items")
                .col(uuid("menu_id"))
                .col(uuid_null("parent_id"))
                .col(integer("position").default(0))
                .col(uuid_null("page_id"))
                .col(string_len_null("url", 2048))
                .timestamps()
                .belongs_to("menu_id", "menus")
                .belongs_to("parent_id", "menu_items")
                .indexed([index("idx_menu_items_menu", ["tenant_id", "menu_id"])]),
            tenant_child_table("menu_item_translations")
                .col(uuid("item_id"))
                .col(string_len("locale", 35))
                .col(string_len("label", 255))
                .belongs_to("item_id", "menu_items")
                .indexed([unique(
                    "uq_menu_item_translations_locale",
                    ["item_id", "locale"],
                )]),
        ]
    })
}
