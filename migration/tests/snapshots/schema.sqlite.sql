-- table audit_log on audit_log
CREATE TABLE "audit_log" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "event_id" uuid_text NOT NULL UNIQUE, "event_type" varchar(128) NOT NULL, "actor_id" uuid_text NULL, "payload" jsonb_text NOT NULL, "occurred_at" timestamp_with_timezone_text NOT NULL, "recorded_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_audit_log_tenant_event on audit_log
CREATE INDEX "idx_audit_log_tenant_event" ON "audit_log" ("tenant_id", "event_id");

-- index idx_audit_log_tenant_occurred on audit_log
CREATE INDEX "idx_audit_log_tenant_occurred" ON "audit_log" ("tenant_id", "occurred_at");

-- table bodies on bodies
CREATE TABLE "bodies" ( "id" uuid_text NOT NULL PRIMARY KEY, "node_id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "locale" varchar(35) NOT NULL, "format" varchar(16) NOT NULL, "source" text NOT NULL, "html" text NOT NULL, "blocks" jsonb_text NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("node_id") REFERENCES "nodes" ("id") ON DELETE CASCADE );

-- index uq_bodies_node_locale on bodies
CREATE UNIQUE INDEX "uq_bodies_node_locale" ON "bodies" ("node_id", "locale");

-- table categories on categories
CREATE TABLE "categories" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "parent_id" uuid_text NULL, "position" integer NOT NULL DEFAULT 0, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("parent_id") REFERENCES "categories" ("id") ON DELETE CASCADE );

-- index idx_categories_tenant on categories
CREATE INDEX "idx_categories_tenant" ON "categories" ("tenant_id", "parent_id");

-- table category_translations on category_translations
CREATE TABLE "category_translations" ( "id" uuid_text NOT NULL PRIMARY KEY, "category_id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "locale" varchar(35) NOT NULL, "name" varchar(255) NOT NULL, "slug" varchar(200) NOT NULL, "description" text NULL, FOREIGN KEY ("category_id") REFERENCES "categories" ("id") ON DELETE CASCADE );

-- index uq_category_translations_locale on category_translations
CREATE UNIQUE INDEX "uq_category_translations_locale" ON "category_translations" ("category_id", "locale");

-- index uq_category_translations_slug on category_translations
CREATE UNIQUE INDEX "uq_category_translations_slug" ON "category_translations" ("tenant_id", "locale", "slug");

-- table commerce_cart_items on commerce_cart_items
CREATE TABLE "commerce_cart_items" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "cart_id" uuid_text NOT NULL, "variant_id" uuid_text NOT NULL, "quantity" integer NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("cart_id") REFERENCES "commerce_carts" ("id") ON DELETE CASCADE, FOREIGN KEY ("variant_id") REFERENCES "commerce_variants" ("id") ON DELETE CASCADE );

-- index uq_commerce_cart_items_variant on commerce_cart_items
CREATE UNIQUE INDEX "uq_commerce_cart_items_variant" ON "commerce_cart_items" ("cart_id", "variant_id");

-- table commerce_carts on commerce_carts
CREATE TABLE "commerce_carts" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "customer_id" uuid_text NULL, "region_id" uuid_text NOT NULL, "currency_code" varchar(3) NOT NULL, "email" varchar(255) NULL, "status" varchar(32) NOT NULL DEFAULT 'open', "shipping_option_id" uuid_text NULL, "shipping_address" jsonb_text NULL, "order_id" uuid_text NULL, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("region_id") REFERENCES "commerce_regions" ("id") ON DELETE CASCADE );

-- index idx_commerce_carts_customer on commerce_carts
CREATE INDEX "idx_commerce_carts_customer" ON "commerce_carts" ("tenant_id", "customer_id");

-- table commerce_categories on commerce_categories
CREATE TABLE "commerce_categories" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "parent_id" uuid_text NULL, "handle" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "position" integer NOT NULL DEFAULT 0, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("parent_id") REFERENCES "commerce_categories" ("id") ON DELETE CASCADE );

-- index uq_commerce_categories_handle on commerce_categories
CREATE UNIQUE INDEX "uq_commerce_categories_handle" ON "commerce_categories" ("tenant_id", "handle");

-- table commerce_collections on commerce_collections
CREATE TABLE "commerce_collections" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "handle" varchar(255) NOT NULL, "title" varchar(255) NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index uq_commerce_collections_handle on commerce_collections
CREATE UNIQUE INDEX "uq_commerce_collections_handle" ON "commerce_collections" ("tenant_id", "handle");

-- table commerce_inventory_levels on commerce_inventory_levels
CREATE TABLE "commerce_inventory_levels" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "variant_id" uuid_text NOT NULL, "location" varchar(64) NOT NULL DEFAULT 'default', "on_hand" integer NOT NULL DEFAULT 0, "reserved" integer NOT NULL DEFAULT 0, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("variant_id") REFERENCES "commerce_variants" ("id") ON DELETE CASCADE );

-- index uq_commerce_inventory_levels_location on commerce_inventory_levels
CREATE UNIQUE INDEX "uq_commerce_inventory_levels_location" ON "commerce_inventory_levels" ("variant_id", "location");

-- table commerce_order_counters on commerce_order_counters
CREATE TABLE "commerce_order_counters" ( "tenant_id" uuid_text NOT NULL PRIMARY KEY, "last_display_id" integer NOT NULL DEFAULT 0, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- table commerce_order_items on commerce_order_items
CREATE TABLE "commerce_order_items" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "order_id" uuid_text NOT NULL, "product_id" uuid_text NOT NULL, "variant_id" uuid_text NOT NULL, "title" varchar(255) NOT NULL, "sku" varchar(64) NULL, "quantity" integer NOT NULL, "unit_price" integer NOT NULL, "subtotal" integer NOT NULL, "tax_total" integer NOT NULL, "total" integer NOT NULL, FOREIGN KEY ("order_id") REFERENCES "commerce_orders" ("id") ON DELETE CASCADE );

-- index idx_commerce_order_items_order on commerce_order_items
CREATE INDEX "idx_commerce_order_items_order" ON "commerce_order_items" ("order_id");

-- table commerce_order_notes on commerce_order_notes
CREATE TABLE "commerce_order_notes" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "order_id" uuid_text NOT NULL, "author_id" uuid_text NULL, "body" text NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("order_id") REFERENCES "commerce_orders" ("id") ON DELETE CASCADE );

-- index idx_commerce_order_notes_order on commerce_order_notes
CREATE INDEX "idx_commerce_order_notes_order" ON "commerce_order_notes" ("order_id");

-- table commerce_orders on commerce_orders
CREATE TABLE "commerce_orders" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "display_id" integer NOT NULL, "customer_id" uuid_text NULL, "cart_id" uuid_text NULL, "region_id" uuid_text NULL, "email" varchar(255) NULL, "status" varchar(32) NOT NULL DEFAULT 'pending', "currency_code" varchar(3) NOT NULL, "subtotal" integer NOT NULL, "tax_total" integer NOT NULL DEFAULT 0, "shipping_total" integer NOT NULL DEFAULT 0, "discount_total" integer NOT NULL DEFAULT 0, "total" integer NOT NULL, "tax_rate_bp" integer NOT NULL DEFAULT 0, "tax_inclusive" boolean NOT NULL DEFAULT FALSE, "shipping_address" jsonb_text NULL, "billing_address" jsonb_text NULL, "idempotency_key" varchar(255) NULL, "metadata" jsonb_text NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_commerce_orders_customer on commerce_orders
CREATE INDEX "idx_commerce_orders_customer" ON "commerce_orders" ("tenant_id", "customer_id", "id");

-- index idx_commerce_orders_status on commerce_orders
CREATE INDEX "idx_commerce_orders_status" ON "commerce_orders" ("tenant_id", "status", "id");

-- index uq_commerce_orders_cart on commerce_orders
CREATE UNIQUE INDEX "uq_commerce_orders_cart" ON "commerce_orders" ("tenant_id", "cart_id");

-- index uq_commerce_orders_display_id on commerce_orders
CREATE UNIQUE INDEX "uq_commerce_orders_display_id" ON "commerce_orders" ("tenant_id", "display_id");

-- index uq_commerce_orders_idempotency_key on commerce_orders
CREATE UNIQUE INDEX "uq_commerce_orders_idempotency_key" ON "commerce_orders" ("tenant_id", "idempotency_key");

-- table commerce_payments on commerce_payments
CREATE TABLE "commerce_payments" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "order_id" uuid_text NOT NULL, "provider" varchar(64) NOT NULL, "kind" varchar(32) NOT NULL, "amount" integer NOT NULL, "currency_code" varchar(3) NOT NULL, "reference" varchar(255) NULL, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("order_id") REFERENCES "commerce_orders" ("id") ON DELETE CASCADE );

-- index idx_commerce_payments_order on commerce_payments
CREATE INDEX "idx_commerce_payments_order" ON "commerce_payments" ("order_id");

-- table commerce_price_lists on commerce_price_lists
CREATE TABLE "commerce_price_lists" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "title" varchar(255) NOT NULL, "starts_at" timestamp_with_timezone_text NULL, "ends_at" timestamp_with_timezone_text NULL, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- table commerce_prices on commerce_prices
CREATE TABLE "commerce_prices" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "variant_id" uuid_text NOT NULL, "currency_code" varchar(3) NOT NULL, "amount" integer NOT NULL, "price_list_id" uuid_text NULL, "min_quantity" integer NOT NULL DEFAULT 1, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("variant_id") REFERENCES "commerce_variants" ("id") ON DELETE CASCADE, FOREIGN KEY ("price_list_id") REFERENCES "commerce_price_lists" ("id") ON DELETE CASCADE );

-- index uq_commerce_prices_key on commerce_prices
CREATE UNIQUE INDEX uq_commerce_prices_key ON commerce_prices (variant_id, currency_code, (COALESCE(price_list_id, '00000000-0000-0000-0000-000000000000')), min_quantity);

-- table commerce_product_categories on commerce_product_categories
CREATE TABLE "commerce_product_categories" ( "product_id" uuid_text NOT NULL, "category_id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, PRIMARY KEY ("product_id", "category_id"), FOREIGN KEY ("product_id") REFERENCES "commerce_products" ("id") ON DELETE CASCADE, FOREIGN KEY ("category_id") REFERENCES "commerce_categories" ("id") ON DELETE CASCADE );

-- index idx_commerce_product_categories_category on commerce_product_categories
CREATE INDEX "idx_commerce_product_categories_category" ON "commerce_product_categories" ("tenant_id", "category_id");

-- table commerce_product_images on commerce_product_images
CREATE TABLE "commerce_product_images" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "product_id" uuid_text NOT NULL, "url" varchar(2048) NOT NULL, "alt" varchar(255) NULL, "position" integer NOT NULL DEFAULT 0, FOREIGN KEY ("product_id") REFERENCES "commerce_products" ("id") ON DELETE CASCADE );

-- index idx_commerce_product_images_product on commerce_product_images
CREATE INDEX "idx_commerce_product_images_product" ON "commerce_product_images" ("product_id", "position");

-- table commerce_product_options on commerce_product_options
CREATE TABLE "commerce_product_options" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "product_id" uuid_text NOT NULL, "title" varchar(255) NOT NULL, "values" jsonb_text NOT NULL, "position" integer NOT NULL DEFAULT 0, FOREIGN KEY ("product_id") REFERENCES "commerce_products" ("id") ON DELETE CASCADE );

-- index idx_commerce_product_options_product on commerce_product_options
CREATE INDEX "idx_commerce_product_options_product" ON "commerce_product_options" ("product_id");

-- table commerce_product_tags on commerce_product_tags
CREATE TABLE "commerce_product_tags" ( "product_id" uuid_text NOT NULL, "tag" varchar(100) NOT NULL, "tenant_id" uuid_text NOT NULL, PRIMARY KEY ("product_id", "tag"), FOREIGN KEY ("product_id") REFERENCES "commerce_products" ("id") ON DELETE CASCADE );

-- index idx_commerce_product_tags_tag on commerce_product_tags
CREATE INDEX "idx_commerce_product_tags_tag" ON "commerce_product_tags" ("tenant_id", "tag");

-- table commerce_product_translations on commerce_product_translations
CREATE TABLE "commerce_product_translations" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "product_id" uuid_text NOT NULL, "locale" varchar(35) NOT NULL, "title" varchar(255) NOT NULL, "subtitle" varchar(255) NULL, "description" text NULL, FOREIGN KEY ("product_id") REFERENCES "commerce_products" ("id") ON DELETE CASCADE );

-- index uq_commerce_product_translations_locale on commerce_product_translations
CREATE UNIQUE INDEX "uq_commerce_product_translations_locale" ON "commerce_product_translations" ("product_id", "locale");

-- table commerce_products on commerce_products
CREATE TABLE "commerce_products" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "handle" varchar(255) NOT NULL, "status" varchar(32) NOT NULL DEFAULT 'draft', "discountable" boolean NOT NULL DEFAULT TRUE, "collection_id" uuid_text NULL, "metadata" jsonb_text NOT NULL, "published_at" timestamp_with_timezone_text NULL, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("collection_id") REFERENCES "commerce_collections" ("id") ON DELETE SET NULL );

-- index idx_commerce_products_status on commerce_products
CREATE INDEX "idx_commerce_products_status" ON "commerce_products" ("tenant_id", "status", "id");

-- index uq_commerce_products_handle on commerce_products
CREATE UNIQUE INDEX "uq_commerce_products_handle" ON "commerce_products" ("tenant_id", "handle");

-- table commerce_regions on commerce_regions
CREATE TABLE "commerce_regions" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "name" varchar(255) NOT NULL, "currency_code" varchar(3) NOT NULL, "countries" jsonb_text NOT NULL, "tax_rate_bp" integer NOT NULL DEFAULT 0, "tax_inclusive" boolean NOT NULL DEFAULT FALSE, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_commerce_regions_tenant on commerce_regions
CREATE INDEX "idx_commerce_regions_tenant" ON "commerce_regions" ("tenant_id");

-- table commerce_reservations on commerce_reservations
CREATE TABLE "commerce_reservations" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "order_id" uuid_text NOT NULL, "variant_id" uuid_text NOT NULL, "location" varchar(64) NOT NULL, "quantity" integer NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("variant_id") REFERENCES "commerce_variants" ("id") ON DELETE CASCADE );

-- index idx_commerce_reservations_order on commerce_reservations
CREATE INDEX "idx_commerce_reservations_order" ON "commerce_reservations" ("tenant_id", "order_id");

-- table commerce_shipping_options on commerce_shipping_options
CREATE TABLE "commerce_shipping_options" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "region_id" uuid_text NOT NULL, "name" varchar(255) NOT NULL, "amount" integer NOT NULL, FOREIGN KEY ("region_id") REFERENCES "commerce_regions" ("id") ON DELETE CASCADE );

-- index idx_commerce_shipping_options_region on commerce_shipping_options
CREATE INDEX "idx_commerce_shipping_options_region" ON "commerce_shipping_options" ("tenant_id", "region_id");

-- table commerce_variant_translations on commerce_variant_translations
CREATE TABLE "commerce_variant_translations" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "variant_id" uuid_text NOT NULL, "locale" varchar(35) NOT NULL, "title" varchar(255) NOT NULL, FOREIGN KEY ("variant_id") REFERENCES "commerce_variants" ("id") ON DELETE CASCADE );

-- index uq_commerce_variant_translations_locale on commerce_variant_translations
CREATE UNIQUE INDEX "uq_commerce_variant_translations_locale" ON "commerce_variant_translations" ("variant_id", "locale");

-- table commerce_variants on commerce_variants
CREATE TABLE "commerce_variants" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "product_id" uuid_text NOT NULL, "title" varchar(255) NOT NULL, "sku" varchar(64) NULL, "barcode" varchar(64) NULL, "manage_inventory" boolean NOT NULL DEFAULT TRUE, "allow_backorder" boolean NOT NULL DEFAULT FALSE, "weight" integer NULL, "length" integer NULL, "height" integer NULL, "width" integer NULL, "position" integer NOT NULL DEFAULT 0, "options" jsonb_text NOT NULL, "metadata" jsonb_text NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("product_id") REFERENCES "commerce_products" ("id") ON DELETE CASCADE );

-- index idx_commerce_variants_product on commerce_variants
CREATE INDEX "idx_commerce_variants_product" ON "commerce_variants" ("product_id", "position");

-- index uq_commerce_variants_sku on commerce_variants
CREATE UNIQUE INDEX "uq_commerce_variants_sku" ON "commerce_variants" ("tenant_id", "sku");

-- table index_builds on index_builds
CREATE TABLE "index_builds" ( "tenant_id" uuid_text NOT NULL, "kind" varchar(16) NOT NULL, "status" varchar(16) NOT NULL, "cursor" uuid_text NULL, "done" integer NOT NULL DEFAULT 0, "errors" integer NOT NULL DEFAULT 0, "last_error" text NULL, "started_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, PRIMARY KEY ("tenant_id", "kind"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- table index_content on index_content
CREATE TABLE "index_content" ( "tenant_id" uuid_text NOT NULL, "node_id" uuid_text NOT NULL, "locale" varchar(35) NOT NULL, "kind" varchar(32) NOT NULL, "parent_id" uuid_text NULL, "author_id" uuid_text NULL, "category_id" uuid_text NULL, "slug" varchar(255) NOT NULL, "pinned" boolean NOT NULL, "position" integer NOT NULL, "published_at" timestamp_with_timezone_text NULL, "last_activity_at" timestamp_with_timezone_text NOT NULL, "title" varchar(255) NOT NULL, "search_text" text NOT NULL, "document" jsonb_text NOT NULL, "indexed_at" timestamp_with_timezone_text NOT NULL, PRIMARY KEY ("tenant_id", "locale", "node_id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_index_content_id on index_content
CREATE INDEX "idx_index_content_id" ON "index_content" ("tenant_id", "node_id");

-- index idx_index_content_kind on index_content
CREATE INDEX "idx_index_content_kind" ON "index_content" ("tenant_id", "locale", "kind", "node_id");

-- index idx_index_content_parent on index_content
CREATE INDEX "idx_index_content_parent" ON "index_content" ("tenant_id", "locale", "parent_id", "node_id");

-- index idx_index_content_published on index_content
CREATE INDEX "idx_index_content_published" ON "index_content" ("tenant_id", "locale", "kind", "pinned", "published_at", "node_id");

-- trigger index_content_search_delete on index_content
CREATE TRIGGER index_content_search_delete AFTER DELETE ON index_content BEGIN DELETE FROM index_content_fts WHERE rowid = old.rowid; DELETE FROM index_content_trgm WHERE rowid = old.rowid; END;

-- trigger index_content_search_insert on index_content
CREATE TRIGGER index_content_search_insert AFTER INSERT ON index_content BEGIN INSERT INTO index_content_fts (rowid, scope, title, body) VALUES (new.rowid, hex(new.tenant_id) || 'X' || hex(new.locale), new.title, new.search_text); INSERT INTO index_content_trgm (rowid, fuzzy) VALUES (new.rowid, replace(replace(replace(replace(replace(replace(replace(new.title || ' ' || new.slug, '-', ''), '_', ''), '.', ''), '/', ''), '@', ''), ':', ''), '+', '')); END;

-- trigger index_content_search_update on index_content
CREATE TRIGGER index_content_search_update AFTER UPDATE ON index_content BEGIN DELETE FROM index_content_fts WHERE rowid = old.rowid; DELETE FROM index_content_trgm WHERE rowid = old.rowid; INSERT INTO index_content_fts (rowid, scope, title, body) VALUES (new.rowid, hex(new.tenant_id) || 'X' || hex(new.locale), new.title, new.search_text); INSERT INTO index_content_trgm (rowid, fuzzy) VALUES (new.rowid, replace(replace(replace(replace(replace(replace(replace(new.title || ' ' || new.slug, '-', ''), '_', ''), '.', ''), '/', ''), '@', ''), ':', ''), '+', '')); END;

-- table index_content_fts on index_content_fts
CREATE VIRTUAL TABLE index_content_fts USING fts5(scope, title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');

-- table index_content_fts_config on index_content_fts_config
CREATE TABLE 'index_content_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table index_content_fts_content on index_content_fts_content
CREATE TABLE 'index_content_fts_content'(id INTEGER PRIMARY KEY, c0, c1, c2);

-- table index_content_fts_data on index_content_fts_data
CREATE TABLE 'index_content_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table index_content_fts_docsize on index_content_fts_docsize
CREATE TABLE 'index_content_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table index_content_fts_idx on index_content_fts_idx
CREATE TABLE 'index_content_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table index_content_slugs on index_content_slugs
CREATE TABLE "index_content_slugs" ( "tenant_id" uuid_text NOT NULL, "node_id" uuid_text NOT NULL, "kind" varchar(32) NOT NULL, "locale" varchar(35) NOT NULL, "slug" varchar(255) NOT NULL, PRIMARY KEY ("tenant_id", "node_id", "locale"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_index_content_slugs_slug on index_content_slugs
CREATE INDEX "idx_index_content_slugs_slug" ON "index_content_slugs" ("tenant_id", "kind", "slug", "locale");

-- table index_content_terms on index_content_terms
CREATE TABLE "index_content_terms" ( "tenant_id" uuid_text NOT NULL, "node_id" uuid_text NOT NULL, "facet" varchar(16) NOT NULL, "term" varchar(255) NOT NULL, PRIMARY KEY ("tenant_id", "node_id", "facet", "term"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_index_content_terms_term on index_content_terms
CREATE INDEX "idx_index_content_terms_term" ON "index_content_terms" ("tenant_id", "facet", "term", "node_id");

-- table index_content_trgm on index_content_trgm
CREATE VIRTUAL TABLE index_content_trgm USING fts5(fuzzy, tokenize = 'trigram');

-- table index_content_trgm_config on index_content_trgm_config
CREATE TABLE 'index_content_trgm_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table index_content_trgm_content on index_content_trgm_content
CREATE TABLE 'index_content_trgm_content'(id INTEGER PRIMARY KEY, c0);

-- table index_content_trgm_data on index_content_trgm_data
CREATE TABLE 'index_content_trgm_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table index_content_trgm_docsize on index_content_trgm_docsize
CREATE TABLE 'index_content_trgm_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table index_content_trgm_idx on index_content_trgm_idx
CREATE TABLE 'index_content_trgm_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table index_product_prices on index_product_prices
CREATE TABLE "index_product_prices" ( "tenant_id" uuid_text NOT NULL, "product_id" uuid_text NOT NULL, "currency" varchar(3) NOT NULL, "amount" integer NOT NULL, PRIMARY KEY ("tenant_id", "product_id", "currency", "amount"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_index_product_prices_amount on index_product_prices
CREATE INDEX "idx_index_product_prices_amount" ON "index_product_prices" ("tenant_id", "currency", "amount", "product_id");

-- table index_product_terms on index_product_terms
CREATE TABLE "index_product_terms" ( "tenant_id" uuid_text NOT NULL, "product_id" uuid_text NOT NULL, "facet" varchar(16) NOT NULL, "term" varchar(255) NOT NULL, PRIMARY KEY ("tenant_id", "product_id", "facet", "term"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_index_product_terms_term on index_product_terms
CREATE INDEX "idx_index_product_terms_term" ON "index_product_terms" ("tenant_id", "facet", "term", "product_id");

-- table index_products on index_products
CREATE TABLE "index_products" ( "tenant_id" uuid_text NOT NULL, "product_id" uuid_text NOT NULL, "locale" varchar(35) NOT NULL, "handle" varchar(255) NOT NULL, "collection_id" uuid_text NULL, "in_stock" boolean NOT NULL, "published_at" timestamp_with_timezone_text NULL, "title" varchar(255) NOT NULL, "search_text" text NOT NULL, "document" jsonb_text NOT NULL, "pricing" jsonb_text NOT NULL, "indexed_at" timestamp_with_timezone_text NOT NULL, PRIMARY KEY ("tenant_id", "locale", "product_id"), FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_index_products_collection on index_products
CREATE INDEX "idx_index_products_collection" ON "index_products" ("tenant_id", "locale", "collection_id", "product_id");

-- index idx_index_products_id on index_products
CREATE INDEX "idx_index_products_id" ON "index_products" ("tenant_id", "product_id");

-- index uq_index_products_handle on index_products
CREATE UNIQUE INDEX "uq_index_products_handle" ON "index_products" ("tenant_id", "locale", "handle");

-- trigger index_products_search_delete on index_products
CREATE TRIGGER index_products_search_delete AFTER DELETE ON index_products BEGIN DELETE FROM index_products_fts WHERE rowid = old.rowid; DELETE FROM index_products_trgm WHERE rowid = old.rowid; END;

-- trigger index_products_search_insert on index_products
CREATE TRIGGER index_products_search_insert AFTER INSERT ON index_products BEGIN INSERT INTO index_products_fts (rowid, scope, title, body) VALUES (new.rowid, hex(new.tenant_id) || 'X' || hex(new.locale), new.title, new.search_text); INSERT INTO index_products_trgm (rowid, fuzzy) VALUES (new.rowid, replace(replace(replace(replace(replace(replace(replace(new.title || ' ' || new.handle, '-', ''), '_', ''), '.', ''), '/', ''), '@', ''), ':', ''), '+', '')); END;

-- trigger index_products_search_update on index_products
CREATE TRIGGER index_products_search_update AFTER UPDATE ON index_products BEGIN DELETE FROM index_products_fts WHERE rowid = old.rowid; DELETE FROM index_products_trgm WHERE rowid = old.rowid; INSERT INTO index_products_fts (rowid, scope, title, body) VALUES (new.rowid, hex(new.tenant_id) || 'X' || hex(new.locale), new.title, new.search_text); INSERT INTO index_products_trgm (rowid, fuzzy) VALUES (new.rowid, replace(replace(replace(replace(replace(replace(replace(new.title || ' ' || new.handle, '-', ''), '_', ''), '.', ''), '/', ''), '@', ''), ':', ''), '+', '')); END;

-- table index_products_fts on index_products_fts
CREATE VIRTUAL TABLE index_products_fts USING fts5(scope, title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3 4');

-- table index_products_fts_config on index_products_fts_config
CREATE TABLE 'index_products_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table index_products_fts_content on index_products_fts_content
CREATE TABLE 'index_products_fts_content'(id INTEGER PRIMARY KEY, c0, c1, c2);

-- table index_products_fts_data on index_products_fts_data
CREATE TABLE 'index_products_fts_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table index_products_fts_docsize on index_products_fts_docsize
CREATE TABLE 'index_products_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table index_products_fts_idx on index_products_fts_idx
CREATE TABLE 'index_products_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table index_products_trgm on index_products_trgm
CREATE VIRTUAL TABLE index_products_trgm USING fts5(fuzzy, tokenize = 'trigram');

-- table index_products_trgm_config on index_products_trgm_config
CREATE TABLE 'index_products_trgm_config'(k PRIMARY KEY, v) WITHOUT ROWID;

-- table index_products_trgm_content on index_products_trgm_content
CREATE TABLE 'index_products_trgm_content'(id INTEGER PRIMARY KEY, c0);

-- table index_products_trgm_data on index_products_trgm_data
CREATE TABLE 'index_products_trgm_data'(id INTEGER PRIMARY KEY, block BLOB);

-- table index_products_trgm_docsize on index_products_trgm_docsize
CREATE TABLE 'index_products_trgm_docsize'(id INTEGER PRIMARY KEY, sz BLOB);

-- table index_products_trgm_idx on index_products_trgm_idx
CREATE TABLE 'index_products_trgm_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;

-- table menu_item_translations on menu_item_translations
CREATE TABLE "menu_item_translations" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "item_id" uuid_text NOT NULL, "locale" varchar(35) NOT NULL, "label" varchar(255) NOT NULL, FOREIGN KEY ("item_id") REFERENCES "menu_items" ("id") ON DELETE CASCADE );

-- index uq_menu_item_translations_locale on menu_item_translations
CREATE UNIQUE INDEX "uq_menu_item_translations_locale" ON "menu_item_translations" ("item_id", "locale");

-- table menu_items on menu_items
CREATE TABLE "menu_items" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "menu_id" uuid_text NOT NULL, "parent_id" uuid_text NULL, "position" integer NOT NULL DEFAULT 0, "page_id" uuid_text NULL, "url" varchar(2048) NULL, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("menu_id") REFERENCES "menus" ("id") ON DELETE CASCADE, FOREIGN KEY ("parent_id") REFERENCES "menu_items" ("id") ON DELETE CASCADE );

-- index idx_menu_items_menu on menu_items
CREATE INDEX "idx_menu_items_menu" ON "menu_items" ("tenant_id", "menu_id");

-- table menus on menus
CREATE TABLE "menus" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "handle" varchar(64) NOT NULL, "name" varchar(255) NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index uq_menus_tenant_handle on menus
CREATE UNIQUE INDEX "uq_menus_tenant_handle" ON "menus" ("tenant_id", "handle");

-- table node_revisions on node_revisions
CREATE TABLE "node_revisions" ( "id" uuid_text NOT NULL PRIMARY KEY, "node_id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "version" integer NOT NULL, "snapshot" jsonb_text NOT NULL, "author_id" uuid_text NULL, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("node_id") REFERENCES "nodes" ("id") ON DELETE CASCADE );

-- index uq_node_revisions_version on node_revisions
CREATE UNIQUE INDEX "uq_node_revisions_version" ON "node_revisions" ("node_id", "version");

-- table node_tags on node_tags
CREATE TABLE "node_tags" ( "node_id" uuid_text NOT NULL, "tag_id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, PRIMARY KEY ("node_id", "tag_id"), FOREIGN KEY ("node_id") REFERENCES "nodes" ("id") ON DELETE CASCADE, FOREIGN KEY ("tag_id") REFERENCES "tags" ("id") ON DELETE CASCADE );

-- index idx_node_tags_tag on node_tags
CREATE INDEX "idx_node_tags_tag" ON "node_tags" ("tenant_id", "tag_id");

-- table node_translations on node_translations
CREATE TABLE "node_translations" ( "id" uuid_text NOT NULL PRIMARY KEY, "node_id" uuid_text NOT NULL, "tenant_id" uuid_text NOT NULL, "kind" varchar(32) NOT NULL, "locale" varchar(35) NOT NULL, "title" varchar(255) NOT NULL, "slug" varchar(255) NOT NULL, "excerpt" text NULL, "seo_title" varchar(255) NULL, "seo_description" varchar(500) NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("node_id") REFERENCES "nodes" ("id") ON DELETE CASCADE );

-- index idx_node_translations_slug_lookup on node_translations
CREATE INDEX "idx_node_translations_slug_lookup" ON "node_translations" ("tenant_id", "kind", "slug");

-- index uq_node_translations_node_locale on node_translations
CREATE UNIQUE INDEX "uq_node_translations_node_locale" ON "node_translations" ("node_id", "locale");

-- index uq_node_translations_slug on node_translations
CREATE UNIQUE INDEX "uq_node_translations_slug" ON "node_translations" ("tenant_id", "kind", "locale", "slug");

-- table nodes on nodes
CREATE TABLE "nodes" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "kind" varchar(32) NOT NULL, "parent_id" uuid_text NULL, "author_id" uuid_text NULL, "category_id" uuid_text NULL, "status" varchar(16) NOT NULL, "position" integer NOT NULL DEFAULT 0, "depth" integer NOT NULL DEFAULT 0, "reply_count" integer NOT NULL DEFAULT 0, "metadata" jsonb_text NOT NULL, "publish_at" timestamp_with_timezone_text NULL, "published_at" timestamp_with_timezone_text NULL, "last_activity_at" timestamp_with_timezone_text NOT NULL, "version" integer NOT NULL DEFAULT 1, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, "pinned" boolean NOT NULL DEFAULT FALSE, "locked" boolean NOT NULL DEFAULT FALSE, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("parent_id") REFERENCES "nodes" ("id") ON DELETE CASCADE );

-- index idx_nodes_author on nodes
CREATE INDEX "idx_nodes_author" ON "nodes" ("tenant_id", "author_id");

-- index idx_nodes_category on nodes
CREATE INDEX "idx_nodes_category" ON "nodes" ("tenant_id", "category_id");

-- index idx_nodes_kind_id on nodes
CREATE INDEX "idx_nodes_kind_id" ON "nodes" ("tenant_id", "kind", "id");

-- index idx_nodes_listing on nodes
CREATE INDEX "idx_nodes_listing" ON "nodes" ("tenant_id", "kind", "status", "published_at");

-- index idx_nodes_parent on nodes
CREATE INDEX "idx_nodes_parent" ON "nodes" ("tenant_id", "parent_id");

-- index idx_nodes_schedule on nodes
CREATE INDEX "idx_nodes_schedule" ON "nodes" ("status", "publish_at");

-- index idx_nodes_tenant_kind_activity on nodes
CREATE INDEX "idx_nodes_tenant_kind_activity" ON "nodes" ("tenant_id", "kind", "last_activity_at");

-- table refresh_tokens on refresh_tokens
CREATE TABLE "refresh_tokens" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "user_id" uuid_text NOT NULL, "family_id" uuid_text NOT NULL, "token_hash" varchar(64) NOT NULL UNIQUE, "expires_at" timestamp_with_timezone_text NOT NULL, "revoked_at" timestamp_with_timezone_text NULL, "replaced_by" uuid_text NULL, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE, FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE );

-- index idx_refresh_tokens_expires on refresh_tokens
CREATE INDEX "idx_refresh_tokens_expires" ON "refresh_tokens" ("expires_at");

-- index idx_refresh_tokens_family on refresh_tokens
CREATE INDEX "idx_refresh_tokens_family" ON "refresh_tokens" ("family_id");

-- table role_permissions on role_permissions
CREATE TABLE "role_permissions" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "role" varchar(32) NOT NULL, "permissions" jsonb_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index uq_role_permissions_tenant_role on role_permissions
CREATE UNIQUE INDEX "uq_role_permissions_tenant_role" ON "role_permissions" ("tenant_id", "role");

-- table seaql_migrations on seaql_migrations
CREATE TABLE "seaql_migrations" ( "version" varchar NOT NULL PRIMARY KEY, "applied_at" integer NOT NULL );

-- table sys_event_consumptions on sys_event_consumptions
CREATE TABLE "sys_event_consumptions" ( "consumer" varchar(64) NOT NULL, "event_id" uuid_text NOT NULL, "processed_at" timestamp_with_timezone_text NOT NULL, PRIMARY KEY ("consumer", "event_id") );

-- table sys_events on sys_events
CREATE TABLE "sys_events" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "event_type" varchar(128) NOT NULL, "schema_version" integer NOT NULL, "payload" jsonb_text NOT NULL, "actor_id" uuid_text NULL, "correlation_id" uuid_text NOT NULL, "causation_id" uuid_text NULL, "trace_id" varchar(128) NULL, "status" varchar(16) NOT NULL, "attempts" integer NOT NULL DEFAULT 0, "next_attempt_at" timestamp_with_timezone_text NOT NULL, "last_error" text NULL, "created_at" timestamp_with_timezone_text NOT NULL, "dispatched_at" timestamp_with_timezone_text NULL );

-- index idx_sys_events_created on sys_events
CREATE INDEX "idx_sys_events_created" ON "sys_events" ("created_at");

-- index idx_sys_events_due on sys_events
CREATE INDEX "idx_sys_events_due" ON "sys_events" ("status", "next_attempt_at");

-- index idx_sys_events_tenant_created on sys_events
CREATE INDEX "idx_sys_events_tenant_created" ON "sys_events" ("tenant_id", "created_at");

-- table sys_relay_leases on sys_relay_leases
CREATE TABLE "sys_relay_leases" ( "name" varchar(64) NOT NULL PRIMARY KEY, "holder" varchar(128) NOT NULL, "expires_at" timestamp_with_timezone_text NOT NULL );

-- table tags on tags
CREATE TABLE "tags" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "slug" varchar(100) NOT NULL, "name" varchar(100) NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index uq_tags_tenant_slug on tags
CREATE UNIQUE INDEX "uq_tags_tenant_slug" ON "tags" ("tenant_id", "slug");

-- table tenant_domains on tenant_domains
CREATE TABLE "tenant_domains" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "host" varchar(253) NOT NULL UNIQUE, "is_primary" boolean NOT NULL DEFAULT FALSE, "created_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index idx_tenant_domains_tenant on tenant_domains
CREATE INDEX "idx_tenant_domains_tenant" ON "tenant_domains" ("tenant_id");

-- index uq_tenant_domains_one_primary on tenant_domains
CREATE UNIQUE INDEX "uq_tenant_domains_one_primary" ON "tenant_domains" ("tenant_id") WHERE "is_primary" = TRUE;

-- table tenant_modules on tenant_modules
CREATE TABLE "tenant_modules" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "module_slug" varchar(64) NOT NULL, "enabled" boolean NOT NULL DEFAULT TRUE, "settings" jsonb_text NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index uq_tenant_modules_tenant_slug on tenant_modules
CREATE UNIQUE INDEX "uq_tenant_modules_tenant_slug" ON "tenant_modules" ("tenant_id", "module_slug");

-- table tenants on tenants
CREATE TABLE "tenants" ( "id" uuid_text NOT NULL PRIMARY KEY, "name" varchar(255) NOT NULL, "slug" varchar(64) NOT NULL UNIQUE, "settings" jsonb_text NOT NULL, "is_active" boolean NOT NULL DEFAULT TRUE, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL );

-- table users on users
CREATE TABLE "users" ( "id" uuid_text NOT NULL PRIMARY KEY, "tenant_id" uuid_text NOT NULL, "email" varchar(255) NOT NULL, "password_hash" varchar(255) NOT NULL, "name" varchar(255) NULL, "role" varchar(32) NOT NULL DEFAULT 'customer', "status" varchar(32) NOT NULL DEFAULT 'active', "metadata" jsonb_text NOT NULL, "created_at" timestamp_with_timezone_text NOT NULL, "updated_at" timestamp_with_timezone_text NOT NULL, FOREIGN KEY ("tenant_id") REFERENCES "tenants" ("id") ON DELETE CASCADE );

-- index uq_users_tenant_email on users
CREATE UNIQUE INDEX "uq_users_tenant_email" ON "users" ("tenant_id", "email");
