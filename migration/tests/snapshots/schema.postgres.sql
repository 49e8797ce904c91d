column audit_log.id uuid NOT NULL
column audit_log.tenant_id uuid NOT NULL
column audit_log.event_id uuid NOT NULL
column audit_log.event_type character varying(128) NOT NULL
column audit_log.actor_id uuid
column audit_log.payload jsonb NOT NULL
column audit_log.occurred_at timestamp with time zone NOT NULL
column audit_log.recorded_at timestamp with time zone NOT NULL
column bodies.id uuid NOT NULL
column bodies.node_id uuid NOT NULL
column bodies.tenant_id uuid NOT NULL
column bodies.locale character varying(35) NOT NULL
column bodies.format character varying(16) NOT NULL
column bodies.source text NOT NULL
column bodies.html text NOT NULL
column bodies.blocks jsonb
column bodies.updated_at timestamp with time zone NOT NULL
column categories.id uuid NOT NULL
column categories.tenant_id uuid NOT NULL
column categories.parent_id uuid
column categories.position integer NOT NULL DEFAULT 0
column categories.created_at timestamp with time zone NOT NULL
column categories.updated_at timestamp with time zone NOT NULL
column category_translations.id uuid NOT NULL
column category_translations.category_id uuid NOT NULL
column category_translations.tenant_id uuid NOT NULL
column category_translations.locale character varying(35) NOT NULL
column category_translations.name character varying(255) NOT NULL
column category_translations.slug character varying(200) NOT NULL
column category_translations.description text
column commerce_cart_items.id uuid NOT NULL
column commerce_cart_items.tenant_id uuid NOT NULL
column commerce_cart_items.cart_id uuid NOT NULL
column commerce_cart_items.variant_id uuid NOT NULL
column commerce_cart_items.quantity bigint NOT NULL
column commerce_cart_items.created_at timestamp with time zone NOT NULL
column commerce_carts.id uuid NOT NULL
column commerce_carts.tenant_id uuid NOT NULL
column commerce_carts.customer_id uuid
column commerce_carts.region_id uuid NOT NULL
column commerce_carts.currency_code character varying(3) NOT NULL
column commerce_carts.email character varying(255)
column commerce_carts.status character varying(32) NOT NULL DEFAULT 'open'::character varying
column commerce_carts.shipping_option_id uuid
column commerce_carts.shipping_address jsonb
column commerce_carts.order_id uuid
column commerce_carts.created_at timestamp with time zone NOT NULL
column commerce_carts.updated_at timestamp with time zone NOT NULL
column commerce_categories.id uuid NOT NULL
column commerce_categories.tenant_id uuid NOT NULL
column commerce_categories.parent_id uuid
column commerce_categories.handle character varying(255) NOT NULL
column commerce_categories.name character varying(255) NOT NULL
column commerce_categories.position integer NOT NULL DEFAULT 0
column commerce_categories.created_at timestamp with time zone NOT NULL
column commerce_collections.id uuid NOT NULL
column commerce_collections.tenant_id uuid NOT NULL
column commerce_collections.handle character varying(255) NOT NULL
column commerce_collections.title character varying(255) NOT NULL
column commerce_collections.created_at timestamp with time zone NOT NULL
column commerce_inventory_levels.id uuid NOT NULL
column commerce_inventory_levels.tenant_id uuid NOT NULL
column commerce_inventory_levels.variant_id uuid NOT NULL
column commerce_inventory_levels.location character varying(64) NOT NULL DEFAULT 'default'::character varying
column commerce_inventory_levels.on_hand bigint NOT NULL DEFAULT 0
column commerce_inventory_levels.reserved bigint NOT NULL DEFAULT 0
column commerce_inventory_levels.updated_at timestamp with time zone NOT NULL
column commerce_order_counters.tenant_id uuid NOT NULL
column commerce_order_counters.last_display_id bigint NOT NULL DEFAULT 0
column commerce_order_items.id uuid NOT NULL
column commerce_order_items.tenant_id uuid NOT NULL
column commerce_order_items.order_id uuid NOT NULL
column commerce_order_items.product_id uuid NOT NULL
column commerce_order_items.variant_id uuid NOT NULL
column commerce_order_items.title character varying(255) NOT NULL
column commerce_order_items.sku character varying(64)
column commerce_order_items.quantity bigint NOT NULL
column commerce_order_items.unit_price bigint NOT NULL
column commerce_order_items.subtotal bigint NOT NULL
column commerce_order_items.tax_total bigint NOT NULL
column commerce_order_items.total bigint NOT NULL
column commerce_order_notes.id uuid NOT NULL
column commerce_order_notes.tenant_id uuid NOT NULL
column commerce_order_notes.order_id uuid NOT NULL
column commerce_order_notes.author_id uuid
column commerce_order_notes.body text NOT NULL
column commerce_order_notes.created_at timestamp with time zone NOT NULL
column commerce_orders.id uuid NOT NULL
column commerce_orders.tenant_id uuid NOT NULL
column commerce_orders.display_id bigint NOT NULL
column commerce_orders.customer_id uuid
column commerce_orders.cart_id uuid
column commerce_orders.region_id uuid
column commerce_orders.email character varying(255)
column commerce_orders.status character varying(32) NOT NULL DEFAULT 'pending'::character varying
column commerce_orders.currency_code character varying(3) NOT NULL
column commerce_orders.subtotal bigint NOT NULL
column commerce_orders.tax_total bigint NOT NULL DEFAULT 0
column commerce_orders.shipping_total bigint NOT NULL DEFAULT 0
column commerce_orders.discount_total bigint NOT NULL DEFAULT 0
column commerce_orders.total bigint NOT NULL
column commerce_orders.tax_rate_bp integer NOT NULL DEFAULT 0
column commerce_orders.tax_inclusive boolean NOT NULL DEFAULT false
column commerce_orders.shipping_address jsonb
column commerce_orders.billing_address jsonb
column commerce_orders.idempotency_key character varying(255)
column commerce_orders.metadata jsonb NOT NULL
column commerce_orders.created_at timestamp with time zone NOT NULL
column commerce_orders.updated_at timestamp with time zone NOT NULL
column commerce_payments.id uuid NOT NULL
column commerce_payments.tenant_id uuid NOT NULL
column commerce_payments.order_id uuid NOT NULL
column commerce_payments.provider character varying(64) NOT NULL
column commerce_payments.kind character varying(32) NOT NULL
column commerce_payments.amount bigint NOT NULL
column commerce_payments.currency_code character varying(3) NOT NULL
column commerce_payments.reference character varying(255)
column commerce_payments.created_at timestamp with time zone NOT NULL
column commerce_price_lists.id uuid NOT NULL
column commerce_price_lists.tenant_id uuid NOT NULL
column commerce_price_lists.title character varying(255) NOT NULL
column commerce_price_lists.starts_at timestamp with time zone
column commerce_price_lists.ends_at timestamp with time zone
column commerce_price_lists.created_at timestamp with time zone NOT NULL
column commerce_prices.id uuid NOT NULL
column commerce_prices.tenant_id uuid NOT NULL
column commerce_prices.variant_id uuid NOT NULL
column commerce_prices.currency_code character varying(3) NOT NULL
column commerce_prices.amount bigint NOT NULL
column commerce_prices.price_list_id uuid
column commerce_prices.min_quantity integer NOT NULL DEFAULT 1
column commerce_prices.created_at timestamp with time zone NOT NULL
column commerce_product_categories.product_id uuid NOT NULL
column commerce_product_categories.category_id uuid NOT NULL
column commerce_product_categories.tenant_id uuid NOT NULL
column commerce_product_images.id uuid NOT NULL
column commerce_product_images.tenant_id uuid NOT NULL
column commerce_product_images.product_id uuid NOT NULL
column commerce_product_images.url character varying(2048) NOT NULL
column commerce_product_images.alt character varying(255)
column commerce_product_images.position integer NOT NULL DEFAULT 0
column commerce_product_options.id uuid NOT NULL
column commerce_product_options.tenant_id uuid NOT NULL
column commerce_product_options.product_id uuid NOT NULL
column commerce_product_options.title character varying(255) NOT NULL
column commerce_product_options.values jsonb NOT NULL
column commerce_product_options.position integer NOT NULL DEFAULT 0
column commerce_product_tags.product_id uuid NOT NULL
column commerce_product_tags.tag character varying(100) NOT NULL
column commerce_product_tags.tenant_id uuid NOT NULL
column commerce_product_translations.id uuid NOT NULL
column commerce_product_translations.tenant_id uuid NOT NULL
column commerce_product_translations.product_id uuid NOT NULL
column commerce_product_translations.locale character varying(35) NOT NULL
column commerce_product_translations.title character varying(255) NOT NULL
column commerce_product_translations.subtitle character varying(255)
column commerce_product_translations.description text
column commerce_products.id uuid NOT NULL
column commerce_products.tenant_id uuid NOT NULL
column commerce_products.handle character varying(255) NOT NULL
column commerce_products.status character varying(32) NOT NULL DEFAULT 'draft'::character varying
column commerce_products.discountable boolean NOT NULL DEFAULT true
column commerce_products.collection_id uuid
column commerce_products.metadata jsonb NOT NULL
column commerce_products.published_at timestamp with time zone
column commerce_products.created_at timestamp with time zone NOT NULL
column commerce_products.updated_at timestamp with time zone NOT NULL
column commerce_regions.id uuid NOT NULL
column commerce_regions.tenant_id uuid NOT NULL
column commerce_regions.name character varying(255) NOT NULL
column commerce_regions.currency_code character varying(3) NOT NULL
column commerce_regions.countries jsonb NOT NULL
column commerce_regions.tax_rate_bp integer NOT NULL DEFAULT 0
column commerce_regions.tax_inclusive boolean NOT NULL DEFAULT false
column commerce_regions.created_at timestamp with time zone NOT NULL
column commerce_reservations.id uuid NOT NULL
column commerce_reservations.tenant_id uuid NOT NULL
column commerce_reservations.order_id uuid NOT NULL
column commerce_reservations.variant_id uuid NOT NULL
column commerce_reservations.location character varying(64) NOT NULL
column commerce_reservations.quantity bigint NOT NULL
column commerce_reservations.created_at timestamp with time zone NOT NULL
column commerce_shipping_options.id uuid NOT NULL
column commerce_shipping_options.tenant_id uuid NOT NULL
column commerce_shipping_options.region_id uuid NOT NULL
column commerce_shipping_options.name character varying(255) NOT NULL
column commerce_shipping_options.amount bigint NOT NULL
column commerce_variant_translations.id uuid NOT NULL
column commerce_variant_translations.tenant_id uuid NOT NULL
column commerce_variant_translations.variant_id uuid NOT NULL
column commerce_variant_translations.locale character varying(35) NOT NULL
column commerce_variant_translations.title character varying(255) NOT NULL
column commerce_variants.id uuid NOT NULL
column commerce_variants.tenant_id uuid NOT NULL
column commerce_variants.product_id uuid NOT NULL
column commerce_variants.title character varying(255) NOT NULL
column commerce_variants.sku character varying(64)
column commerce_variants.barcode character varying(64)
column commerce_variants.manage_inventory boolean NOT NULL DEFAULT true
column commerce_variants.allow_backorder boolean NOT NULL DEFAULT false
column commerce_variants.weight integer
column commerce_variants.length integer
column commerce_variants.height integer
column commerce_variants.width integer
column commerce_variants.position integer NOT NULL DEFAULT 0
column commerce_variants.options jsonb NOT NULL
column commerce_variants.metadata jsonb NOT NULL
column commerce_variants.created_at timestamp with time zone NOT NULL
column commerce_variants.updated_at timestamp with time zone NOT NULL
column index_builds.tenant_id uuid NOT NULL
column index_builds.kind character varying(16) NOT NULL
column index_builds.status character varying(16) NOT NULL
column index_builds.cursor uuid
column index_builds.done bigint NOT NULL DEFAULT 0
column index_builds.errors bigint NOT NULL DEFAULT 0
column index_builds.last_error text
column index_builds.started_at timestamp with time zone NOT NULL
column index_builds.updated_at timestamp with time zone NOT NULL
column index_content.tenant_id uuid NOT NULL
column index_content.node_id uuid NOT NULL
column index_content.locale character varying(35) NOT NULL
column index_content.kind character varying(32) NOT NULL
column index_content.parent_id uuid
column index_content.author_id uuid
column index_content.category_id uuid
column index_content.slug character varying(255) NOT NULL
column index_content.pinned boolean NOT NULL
column index_content.position integer NOT NULL
column index_content.published_at timestamp with time zone
column index_content.last_activity_at timestamp with time zone NOT NULL
column index_content.title character varying(255) NOT NULL
column index_content.search_text text NOT NULL
column index_content.document jsonb NOT NULL
column index_content.indexed_at timestamp with time zone NOT NULL
column index_content.search_vector tsvector DEFAULT (setweight(to_tsvector(
CASE lower(split_part(translate((locale)::text, '_'::text, '-'::text), '-'::text, 1))
    WHEN 'ar'::text THEN 'arabic'::regconfig
    WHEN 'da'::text THEN 'danish'::regconfig
    WHEN 'de'::text THEN 'german'::regconfig
    WHEN 'el'::text THEN 'greek'::regconfig
    WHEN 'en'::text THEN 'english'::regconfig
    WHEN 'es'::text THEN 'spanish'::regconfig
    WHEN 'fi'::text THEN 'finnish'::regconfig
    WHEN 'fr'::text THEN 'french'::regconfig
    WHEN 'ga'::text THEN 'irish'::regconfig
    WHEN 'hu'::text THEN 'hungarian'::regconfig
    WHEN 'id'::text THEN 'indonesian'::regconfig
    WHEN 'it'::text THEN 'italian'::regconfig
    WHEN 'lt'::text THEN 'lithuanian'::regconfig
    WHEN 'nb'::text THEN 'norwegian'::regconfig
    WHEN 'ne'::text THEN 'nepali'::regconfig
    WHEN 'nl'::text THEN 'dutch'::regconfig
    WHEN 'nn'::text THEN 'norwegian'::regconfig
    WHEN 'no'::text THEN 'norwegian'::regconfig
    WHEN 'pt'::text THEN 'portuguese'::regconfig
    WHEN 'ro'::text THEN 'romanian'::regconfig
    WHEN 'ru'::text THEN 'russian'::regconfig
    WHEN 'sv'::text THEN 'swedish'::regconfig
    WHEN 'ta'::text THEN 'tamil'::regconfig
    WHEN 'tr'::text THEN 'turkish'::regconfig
    ELSE 'simple'::regconfig
END, translate((title)::text, '-_./@:+'::text, '       '::text)), 'A'::"char") || setweight(to_tsvector(
CASE lower(split_part(translate((locale)::text, '_'::text, '-'::text), '-'::text, 1))
    WHEN 'ar'::text THEN 'arabic'::regconfig
    WHEN 'da'::text THEN 'danish'::regconfig
    WHEN 'de'::text THEN 'german'::regconfig
    WHEN 'el'::text THEN 'greek'::regconfig
    WHEN 'en'::text THEN 'english'::regconfig
    WHEN 'es'::text THEN 'spanish'::regconfig
    WHEN 'fi'::text THEN 'finnish'::regconfig
    WHEN 'fr'::text THEN 'french'::regconfig
    WHEN 'ga'::text THEN 'irish'::regconfig
    WHEN 'hu'::text THEN 'hungarian'::regconfig
    WHEN 'id'::text THEN 'indonesian'::regconfig
    WHEN 'it'::text THEN 'italian'::regconfig
    WHEN 'lt'::text THEN 'lithuanian'::regconfig
    WHEN 'nb'::text THEN 'norwegian'::regconfig
    WHEN 'ne'::text THEN 'nepali'::regconfig
    WHEN 'nl'::text THEN 'dutch'::regconfig
    WHEN 'nn'::text THEN 'norwegian'::regconfig
    WHEN 'no'::text THEN 'norwegian'::regconfig
    WHEN 'pt'::text THEN 'portuguese'::regconfig
    WHEN 'ro'::text THEN 'romanian'::regconfig
    WHEN 'ru'::text THEN 'russian'::regconfig
    WHEN 'sv'::text THEN 'swedish'::regconfig
    WHEN 'ta'::text THEN 'tamil'::regconfig
    WHEN 'tr'::text THEN 'turkish'::regconfig
    ELSE 'simple'::regconfig
END, translate(search_text, '-_./@:+'::text, '       '::text)), 'B'::"char"))
column index_content_slugs.tenant_id uuid NOT NULL
column index_content_slugs.node_id uuid NOT NULL
column index_content_slugs.kind character varying(32) NOT NULL
column index_content_slugs.locale character varying(35) NOT NULL
column index_content_slugs.slug character varying(255) NOT NULL
column index_content_terms.tenant_id uuid NOT NULL
column index_content_terms.node_id uuid NOT NULL
column index_content_terms.facet character varying(16) NOT NULL
column index_content_terms.term character varying(255) NOT NULL
column index_product_prices.tenant_id uuid NOT NULL
column index_product_prices.product_id uuid NOT NULL
column index_product_prices.currency character varying(3) NOT NULL
column index_product_prices.amount bigint NOT NULL
column index_product_terms.tenant_id uuid NOT NULL
column index_product_terms.product_id uuid NOT NULL
column index_product_terms.facet character varying(16) NOT NULL
column index_product_terms.term character varying(255) NOT NULL
column index_products.tenant_id uuid NOT NULL
column index_products.product_id uuid NOT NULL
column index_products.locale character varying(35) NOT NULL
column index_products.handle character varying(255) NOT NULL
column index_products.collection_id uuid
column index_products.in_stock boolean NOT NULL
column index_products.published_at timestamp with time zone
column index_products.title character varying(255) NOT NULL
column index_products.search_text text NOT NULL
column index_products.document jsonb NOT NULL
column index_products.pricing jsonb NOT NULL
column index_products.indexed_at timestamp with time zone NOT NULL
column index_products.search_vector tsvector DEFAULT (setweight(to_tsvector(
CASE lower(split_part(translate((locale)::text, '_'::text, '-'::text), '-'::text, 1))
    WHEN 'ar'::text THEN 'arabic'::regconfig
    WHEN 'da'::text THEN 'danish'::regconfig
    WHEN 'de'::text THEN 'german'::regconfig
    WHEN 'el'::text THEN 'greek'::regconfig
    WHEN 'en'::text THEN 'english'::regconfig
    WHEN 'es'::text THEN 'spanish'::regconfig
    WHEN 'fi'::text THEN 'finnish'::regconfig
    WHEN 'fr'::text THEN 'french'::regconfig
    WHEN 'ga'::text THEN 'irish'::regconfig
    WHEN 'hu'::text THEN 'hungarian'::regconfig
    WHEN 'id'::text THEN 'indonesian'::regconfig
    WHEN 'it'::text THEN 'italian'::regconfig
    WHEN 'lt'::text THEN 'lithuanian'::regconfig
    WHEN 'nb'::text THEN 'norwegian'::regconfig
    WHEN 'ne'::text THEN 'nepali'::regconfig
    WHEN 'nl'::text THEN 'dutch'::regconfig
    WHEN 'nn'::text THEN 'norwegian'::regconfig
    WHEN 'no'::text THEN 'norwegian'::regconfig
    WHEN 'pt'::text THEN 'portuguese'::regconfig
    WHEN 'ro'::text THEN 'romanian'::regconfig
    WHEN 'ru'::text THEN 'russian'::regconfig
    WHEN 'sv'::text THEN 'swedish'::regconfig
    WHEN 'ta'::text THEN 'tamil'::regconfig
    WHEN 'tr'::text THEN 'turkish'::regconfig
    ELSE 'simple'::regconfig
END, translate((title)::text, '-_./@:+'::text, '       '::text)), 'A'::"char") || setweight(to_tsvector(
CASE lower(split_part(translate((locale)::text, '_'::text, '-'::text), '-'::text, 1))
    WHEN 'ar'::text THEN 'arabic'::regconfig
    WHEN 'da'::text THEN 'danish'::regconfig
    WHEN 'de'::text THEN 'german'::regconfig
    WHEN 'el'::text THEN 'greek'::regconfig
    WHEN 'en'::text THEN 'english'::regconfig
    WHEN 'es'::text THEN 'spanish'::regconfig
    WHEN 'fi'::text THEN 'finnish'::regconfig
    WHEN 'fr'::text THEN 'french'::regconfig
    WHEN 'ga'::text THEN 'irish'::regconfig
    WHEN 'hu'::text THEN 'hungarian'::regconfig
    WHEN 'id'::text THEN 'indonesian'::regconfig
    WHEN 'it'::text THEN 'italian'::regconfig
    WHEN 'lt'::text THEN 'lithuanian'::regconfig
    WHEN 'nb'::text THEN 'norwegian'::regconfig
    WHEN 'ne'::text THEN 'nepali'::regconfig
    WHEN 'nl'::text THEN 'dutch'::regconfig
    WHEN 'nn'::text THEN 'norwegian'::regconfig
    WHEN 'no'::text THEN 'norwegian'::regconfig
    WHEN 'pt'::text THEN 'portuguese'::regconfig
    WHEN 'ro'::text THEN 'romanian'::regconfig
    WHEN 'ru'::text THEN 'russian'::regconfig
    WHEN 'sv'::text THEN 'swedish'::regconfig
    WHEN 'ta'::text THEN 'tamil'::regconfig
    WHEN 'tr'::text THEN 'turkish'::regconfig
    ELSE 'simple'::regconfig
END, translate(search_text, '-_./@:+'::text, '       '::text)), 'B'::"char"))
column menu_item_translations.id uuid NOT NULL
column menu_item_translations.tenant_id uuid NOT NULL
column menu_item_translations.item_id uuid NOT NULL
column menu_item_translations.locale character varying(35) NOT NULL
column menu_item_translations.label character varying(255) NOT NULL
column menu_items.id uuid NOT NULL
column menu_items.tenant_id uuid NOT NULL
column menu_items.menu_id uuid NOT NULL
column menu_items.parent_id uuid
column menu_items.position integer NOT NULL DEFAULT 0
column menu_items.page_id uuid
column menu_items.url character varying(2048)
column menu_items.created_at timestamp with time zone NOT NULL
column menu_items.updated_at timestamp with time zone NOT NULL
column menus.id uuid NOT NULL
column menus.tenant_id uuid NOT NULL
column menus.handle character varying(64) NOT NULL
column menus.name character varying(255) NOT NULL
column menus.created_at timestamp with time zone NOT NULL
column menus.updated_at timestamp with time zone NOT NULL
column node_revisions.id uuid NOT NULL
column node_revisions.node_id uuid NOT NULL
column node_revisions.tenant_id uuid NOT NULL
column node_revisions.version integer NOT NULL
column node_revisions.snapshot jsonb NOT NULL
column node_revisions.author_id uuid
column node_revisions.created_at timestamp with time zone NOT NULL
column node_tags.node_id uuid NOT NULL
column node_tags.tag_id uuid NOT NULL
column node_tags.tenant_id uuid NOT NULL
column node_translations.id uuid NOT NULL
column node_translations.node_id uuid NOT NULL
column node_translations.tenant_id uuid NOT NULL
column node_translations.kind character varying(32) NOT NULL
column node_translations.locale character varying(35) NOT NULL
column node_translations.title character varying(255) NOT NULL
column node_translations.slug character varying(255) NOT NULL
column node_translations.excerpt text
column node_translations.seo_title character varying(255)
column node_translations.seo_description character varying(500)
column node_translations.updated_at timestamp with time zone NOT NULL
column nodes.id uuid NOT NULL
column nodes.tenant_id uuid NOT NULL
column nodes.kind character varying(32) NOT NULL
column nodes.parent_id uuid
column nodes.author_id uuid
column nodes.category_id uuid
column nodes.status character varying(16) NOT NULL
column nodes.position integer NOT NULL DEFAULT 0
column nodes.depth integer NOT NULL DEFAULT 0
column nodes.reply_count integer NOT NULL DEFAULT 0
column nodes.metadata jsonb NOT NULL
column nodes.publish_at timestamp with time zone
column nodes.published_at timestamp with time zone
column nodes.last_activity_at timestamp with time zone NOT NULL
column nodes.version integer NOT NULL DEFAULT 1
column nodes.created_at timestamp with time zone NOT NULL
column nodes.updated_at timestamp with time zone NOT NULL
column nodes.pinned boolean NOT NULL DEFAULT false
column nodes.locked boolean NOT NULL DEFAULT false
column refresh_tokens.id uuid NOT NULL
column refresh_tokens.tenant_id uuid NOT NULL
column refresh_tokens.user_id uuid NOT NULL
column refresh_tokens.family_id uuid NOT NULL
column refresh_tokens.token_hash character varying(64) NOT NULL
column refresh_tokens.expires_at timestamp with time zone NOT NULL
column refresh_tokens.revoked_at timestamp with time zone
column refresh_tokens.replaced_by uuid
column refresh_tokens.created_at timestamp with time zone NOT NULL
column role_permissions.id uuid NOT NULL
column role_permissions.tenant_id uuid NOT NULL
column role_permissions.role character varying(32) NOT NULL
column role_permissions.permissions jsonb NOT NULL
column role_permissions.updated_at timestamp with time zone NOT NULL
column seaql_migrations.version character varying NOT NULL
column seaql_migrations.applied_at bigint NOT NULL
column sys_event_consumptions.consumer character varying(64) NOT NULL
column sys_event_consumptions.event_id uuid NOT NULL
column sys_event_consumptions.processed_at timestamp with time zone NOT NULL
column sys_events.id uuid NOT NULL
column sys_events.tenant_id uuid NOT NULL
column sys_events.event_type character varying(128) NOT NULL
column sys_events.schema_version integer NOT NULL
column sys_events.payload jsonb NOT NULL
column sys_events.actor_id uuid
column sys_events.correlation_id uuid NOT NULL
column sys_events.causation_id uuid
column sys_events.trace_id character varying(128)
column sys_events.status character varying(16) NOT NULL
column sys_events.attempts integer NOT NULL DEFAULT 0
column sys_events.next_attempt_at timestamp with time zone NOT NULL
column sys_events.last_error text
column sys_events.created_at timestamp with time zone NOT NULL
column sys_events.dispatched_at timestamp with time zone
column sys_relay_leases.name character varying(64) NOT NULL
column sys_relay_leases.holder character varying(128) NOT NULL
column sys_relay_leases.expires_at timestamp with time zone NOT NULL
column tags.id uuid NOT NULL
column tags.tenant_id uuid NOT NULL
column tags.slug character varying(100) NOT NULL
column tags.name character varying(100) NOT NULL
column tags.created_at timestamp with time zone NOT NULL
column tenant_domains.id uuid NOT NULL
column tenant_domains.tenant_id uuid NOT NULL
column tenant_domains.host character varying(253) NOT NULL
column tenant_domains.is_primary boolean NOT NULL DEFAULT false
column tenant_domains.created_at timestamp with time zone NOT NULL
column tenant_modules.id uuid NOT NULL
column tenant_modules.tenant_id uuid NOT NULL
column tenant_modules.module_slug character varying(64) NOT NULL
column tenant_modules.enabled boolean NOT NULL DEFAULT true
column tenant_modules.settings jsonb NOT NULL
column tenant_modules.created_at timestamp with time zone NOT NULL
column tenant_modules.updated_at timestamp with time zone NOT NULL
column tenants.id uuid NOT NULL
column tenants.name character varying(255) NOT NULL
column tenants.slug character varying(64) NOT NULL
column tenants.settings jsonb NOT NULL
column tenants.is_active boolean NOT NULL DEFAULT true
column tenants.created_at timestamp with time zone NOT NULL
column tenants.updated_at timestamp with time zone NOT NULL
column users.id uuid NOT NULL
column users.tenant_id uuid NOT NULL
column users.email character varying(255) NOT NULL
column users.password_hash character varying(255) NOT NULL
column users.name character varying(255)
column users.role character varying(32) NOT NULL DEFAULT 'customer'::character varying
column users.status character varying(32) NOT NULL DEFAULT 'active'::character varying
column users.metadata jsonb NOT NULL
column users.created_at timestamp with time zone NOT NULL
column users.updated_at timestamp with time zone NOT NULL

index audit_log audit_log_event_id_key: CREATE UNIQUE INDEX audit_log_event_id_key ON public.audit_log USING btree (event_id)
index audit_log audit_log_pkey: CREATE UNIQUE INDEX audit_log_pkey ON public.audit_log USING btree (id)
index audit_log idx_audit_log_tenant_event: CREATE INDEX idx_audit_log_tenant_event ON public.audit_log USING btree (tenant_id, event_id)
index audit_log idx_audit_log_tenant_occurred: CREATE INDEX idx_audit_log_tenant_occurred ON public.audit_log USING btree (tenant_id, occurred_at)
index bodies bodies_pkey: CREATE UNIQUE INDEX bodies_pkey ON public.bodies USING btree (id)
index bodies uq_bodies_node_locale: CREATE UNIQUE INDEX uq_bodies_node_locale ON public.bodies USING btree (node_id, locale)
index categories categories_pkey: CREATE UNIQUE INDEX categories_pkey ON public.categories USING btree (id)
index categories idx_categories_tenant: CREATE INDEX idx_categories_tenant ON public.categories USING btree (tenant_id, parent_id)
index category_translations category_translations_pkey: CREATE UNIQUE INDEX category_translations_pkey ON public.category_translations USING btree (id)
index category_translations uq_category_translations_locale: CREATE UNIQUE INDEX uq_category_translations_locale ON public.category_translations USING btree (category_id, locale)
index category_translations uq_category_translations_slug: CREATE UNIQUE INDEX uq_category_translations_slug ON public.category_translations USING btree (tenant_id, locale, slug)
index commerce_cart_items commerce_cart_items_pkey: CREATE UNIQUE INDEX commerce_cart_items_pkey ON public.commerce_cart_items USING btree (id)
index commerce_cart_items uq_commerce_cart_items_variant: CREATE UNIQUE INDEX uq_commerce_cart_items_variant ON public.commerce_cart_items USING btree (cart_id, variant_id)
index commerce_carts commerce_carts_pkey: CREATE UNIQUE INDEX commerce_carts_pkey ON public.commerce_carts USING btree (id)
index commerce_carts idx_commerce_carts_customer: CREATE INDEX idx_commerce_carts_customer ON public.commerce_carts USING btree (tenant_id, customer_id)
index commerce_categories commerce_categories_pkey: CREATE UNIQUE INDEX commerce_categories_pkey ON public.commerce_categories USING btree (id)
index commerce_categories uq_commerce_categories_handle: CREATE UNIQUE INDEX uq_commerce_categories_handle ON public.commerce_categories USING btree (tenant_id, handle)
index commerce_collections commerce_collections_pkey: CREATE UNIQUE INDEX commerce_collections_pkey ON public.commerce_collections USING btree (id)
index commerce_collections uq_commerce_collections_handle: CREATE UNIQUE INDEX uq_commerce_collections_handle ON public.commerce_collections USING btree (tenant_id, handle)
index commerce_inventory_levels commerce_inventory_levels_pkey: CREATE UNIQUE INDEX commerce_inventory_levels_pkey ON public.commerce_inventory_levels USING btree (id)
index commerce_inventory_levels uq_commerce_inventory_levels_location: CREATE UNIQUE INDEX uq_commerce_inventory_levels_location ON public.commerce_inventory_levels USING btree (variant_id, location)
index commerce_order_counters commerce_order_counters_pkey: CREATE UNIQUE INDEX commerce_order_counters_pkey ON public.commerce_order_counters USING btree (tenant_id)
index commerce_order_items commerce_order_items_pkey: CREATE UNIQUE INDEX commerce_order_items_pkey ON public.commerce_order_items USING btree (id)
index commerce_order_items idx_commerce_order_items_order: CREATE INDEX idx_commerce_order_items_order ON public.commerce_order_items USING btree (order_id)
index commerce_order_notes commerce_order_notes_pkey: CREATE UNIQUE INDEX commerce_order_notes_pkey ON public.commerce_order_notes USING btree (id)
index commerce_order_notes idx_commerce_order_notes_order: CREATE INDEX idx_commerce_order_notes_order ON public.commerce_order_notes USING btree (order_id)
index commerce_orders commerce_orders_pkey: CREATE UNIQUE INDEX commerce_orders_pkey ON public.commerce_orders USING btree (id)
index commerce_orders idx_commerce_orders_customer: CREATE INDEX idx_commerce_orders_customer ON public.commerce_orders USING btree (tenant_id, customer_id, id)
index commerce_orders idx_commerce_orders_status: CREATE INDEX idx_commerce_orders_status ON public.commerce_orders USING btree (tenant_id, status, id)
index commerce_orders uq_commerce_orders_cart: CREATE UNIQUE INDEX uq_commerce_orders_cart ON public.commerce_orders USING btree (tenant_id, cart_id)
index commerce_orders uq_commerce_orders_display_id: CREATE UNIQUE INDEX uq_commerce_orders_display_id ON public.commerce_orders USING btree (tenant_id, display_id)
index commerce_orders uq_commerce_orders_idempotency_key: CREATE UNIQUE INDEX uq_commerce_orders_idempotency_key ON public.commerce_orders USING btree (tenant_id, idempotency_key)
index commerce_payments commerce_payments_pkey: CREATE UNIQUE INDEX commerce_payments_pkey ON public.commerce_payments USING btree (id)
index commerce_payments idx_commerce_payments_order: CREATE INDEX idx_commerce_payments_order ON public.commerce_payments USING btree (order_id)
index commerce_price_lists commerce_price_lists_pkey: CREATE UNIQUE INDEX commerce_price_lists_pkey ON public.commerce_price_lists USING btree (id)
index commerce_prices commerce_prices_pkey: CREATE UNIQUE INDEX commerce_prices_pkey ON public.commerce_prices USING btree (id)
index commerce_prices uq_commerce_prices_key: CREATE UNIQUE INDEX uq_commerce_prices_key ON public.commerce_prices USING btree (variant_id, currency_code, COALESCE(price_list_id, '00000000-0000-0000-0000-000000000000'::uuid), min_quantity)
index commerce_product_categories commerce_product_categories_pkey: CREATE UNIQUE INDEX commerce_product_categories_pkey ON public.commerce_product_categories USING btree (product_id, category_id)
index commerce_product_categories idx_commerce_product_categories_category: CREATE INDEX idx_commerce_product_categories_category ON public.commerce_product_categories USING btree (tenant_id, category_id)
index commerce_product_images commerce_product_images_pkey: CREATE UNIQUE INDEX commerce_product_images_pkey ON public.commerce_product_images USING btree (id)
index commerce_product_images idx_commerce_product_images_product: CREATE INDEX idx_commerce_product_images_product ON public.commerce_product_images USING btree (product_id, "position")
index commerce_product_options commerce_product_options_pkey: CREATE UNIQUE INDEX commerce_product_options_pkey ON public.commerce_product_options USING btree (id)
index commerce_product_options idx_commerce_product_options_product: CREATE INDEX idx_commerce_product_options_product ON public.commerce_product_options USING btree (product_id)
index commerce_product_tags commerce_product_tags_pkey: CREATE UNIQUE INDEX commerce_product_tags_pkey ON public.commerce_product_tags USING btree (product_id, tag)
index commerce_product_tags idx_commerce_product_tags_tag: CREATE INDEX idx_commerce_product_tags_tag ON public.commerce_product_tags USING btree (tenant_id, tag)
index commerce_product_translations commerce_product_translations_pkey: CREATE UNIQUE INDEX commerce_product_translations_pkey ON public.commerce_product_translations USING btree (id)
index commerce_product_translations uq_commerce_product_translations_locale: CREATE UNIQUE INDEX uq_commerce_product_translations_locale ON public.commerce_product_translations USING btree (product_id, locale)
index commerce_products commerce_products_pkey: CREATE UNIQUE INDEX commerce_products_pkey ON public.commerce_products USING btree (id)
index commerce_products idx_commerce_products_status: CREATE INDEX idx_commerce_products_status ON public.commerce_products USING btree (tenant_id, status, id)
index commerce_products uq_commerce_products_handle: CREATE UNIQUE INDEX uq_commerce_products_handle ON public.commerce_products USING btree (tenant_id, handle)
index commerce_regions commerce_regions_pkey: CREATE UNIQUE INDEX commerce_regions_pkey ON public.commerce_regions USING btree (id)
index commerce_regions idx_commerce_regions_tenant: CREATE INDEX idx_commerce_regions_tenant ON public.commerce_regions USING btree (tenant_id)
index commerce_reservations commerce_reservations_pkey: CREATE UNIQUE INDEX commerce_reservations_pkey ON public.commerce_reservations USING btree (id)
index commerce_reservations idx_commerce_reservations_order: CREATE INDEX idx_commerce_reservations_order ON public.commerce_reservations USING btree (tenant_id, order_id)
index commerce_shipping_options commerce_shipping_options_pkey: CREATE UNIQUE INDEX commerce_shipping_options_pkey ON public.commerce_shipping_options USING btree (id)
index commerce_shipping_options idx_commerce_shipping_options_region: CREATE INDEX idx_commerce_shipping_options_region ON public.commerce_shipping_options USING btree (tenant_id, region_id)
index commerce_variant_translations commerce_variant_translations_pkey: CREATE UNIQUE INDEX commerce_variant_translations_pkey ON public.commerce_variant_translations USING btree (id)
index commerce_variant_translations uq_commerce_variant_translations_locale: CREATE UNIQUE INDEX uq_commerce_variant_translations_locale ON public.commerce_variant_translations USING btree (variant_id, locale)
index commerce_variants commerce_variants_pkey: CREATE UNIQUE INDEX commerce_variants_pkey ON public.commerce_variants USING btree (id)
index commerce_variants idx_commerce_variants_product: CREATE INDEX idx_commerce_variants_product ON public.commerce_variants USING btree (product_id, "position")
index commerce_variants uq_commerce_variants_sku: CREATE UNIQUE INDEX uq_commerce_variants_sku ON public.commerce_variants USING btree (tenant_id, sku)
index index_builds index_builds_pkey: CREATE UNIQUE INDEX index_builds_pkey ON public.index_builds USING btree (tenant_id, kind)
index index_content idx_index_content_fuzzy: CREATE INDEX idx_index_content_fuzzy ON public.index_content USING gin (translate((((title)::text || ' '::text) || (slug)::text), '-_./@:+'::text, ''::text) gin_trgm_ops) WITH (fastupdate=off)
index index_content idx_index_content_id: CREATE INDEX idx_index_content_id ON public.index_content USING btree (tenant_id, node_id)
index index_content idx_index_content_kind: CREATE INDEX idx_index_content_kind ON public.index_content USING btree (tenant_id, locale, kind, node_id)
index index_content idx_index_content_parent: CREATE INDEX idx_index_content_parent ON public.index_content USING btree (tenant_id, locale, parent_id, node_id)
index index_content idx_index_content_published: CREATE INDEX idx_index_content_published ON public.index_content USING btree (tenant_id, locale, kind, pinned, published_at, node_id)
index index_content idx_index_content_search: CREATE INDEX idx_index_content_search ON public.index_content USING gin (search_vector) WITH (fastupdate=off)
index index_content index_content_pkey: CREATE UNIQUE INDEX index_content_pkey ON public.index_content USING btree (tenant_id, locale, node_id)
index index_content_slugs idx_index_content_slugs_slug: CREATE INDEX idx_index_content_slugs_slug ON public.index_content_slugs USING btree (tenant_id, kind, slug, locale)
index index_content_slugs index_content_slugs_pkey: CREATE UNIQUE INDEX index_content_slugs_pkey ON public.index_content_slugs USING btree (tenant_id, node_id, locale)
index index_content_terms idx_index_content_terms_term: CREATE INDEX idx_index_content_terms_term ON public.index_content_terms USING btree (tenant_id, facet, term, node_id)
index index_content_terms index_content_terms_pkey: CREATE UNIQUE INDEX index_content_terms_pkey ON public.index_content_terms USING btree (tenant_id, node_id, facet, term)
index index_product_prices idx_index_product_prices_amount: CREATE INDEX idx_index_product_prices_amount ON public.index_product_prices USING btree (tenant_id, currency, amount, product_id)
index index_product_prices index_product_prices_pkey: CREATE UNIQUE INDEX index_product_prices_pkey ON public.index_product_prices USING btree (tenant_id, product_id, currency, amount)
index index_product_terms idx_index_product_terms_term: CREATE INDEX idx_index_product_terms_term ON public.index_product_terms USING btree (tenant_id, facet, term, product_id)
index index_product_terms index_product_terms_pkey: CREATE UNIQUE INDEX index_product_terms_pkey ON public.index_product_terms USING btree (tenant_id, product_id, facet, term)
index index_products idx_index_products_collection: CREATE INDEX idx_index_products_collection ON public.index_products USING btree (tenant_id, locale, collection_id, product_id)
index index_products idx_index_products_fuzzy: CREATE INDEX idx_index_products_fuzzy ON public.index_products USING gin (translate((((title)::text || ' '::text) || (handle)::text), '-_./@:+'::text, ''::text) gin_trgm_ops) WITH (fastupdate=off)
index index_products idx_index_products_id: CREATE INDEX idx_index_products_id ON public.index_products USING btree (tenant_id, product_id)
index index_products idx_index_products_search: CREATE INDEX idx_index_products_search ON public.index_products USING gin (search_vector) WITH (fastupdate=off)
index index_products index_products_pkey: CREATE UNIQUE INDEX index_products_pkey ON public.index_products USING btree (tenant_id, locale, product_id)
index index_products uq_index_products_handle: CREATE UNIQUE INDEX uq_index_products_handle ON public.index_products USING btree (tenant_id, locale, handle)
index menu_item_translations menu_item_translations_pkey: CREATE UNIQUE INDEX menu_item_translations_pkey ON public.menu_item_translations USING btree (id)
index menu_item_translations uq_menu_item_translations_locale: CREATE UNIQUE INDEX uq_menu_item_translations_locale ON public.menu_item_translations USING btree (item_id, locale)
index menu_items idx_menu_items_menu: CREATE INDEX idx_menu_items_menu ON public.menu_items USING btree (tenant_id, menu_id)
index menu_items menu_items_pkey: CREATE UNIQUE INDEX menu_items_pkey ON public.menu_items USING btree (id)
index menus menus_pkey: CREATE UNIQUE INDEX menus_pkey ON public.menus USING btree (id)
index menus uq_menus_tenant_handle: CREATE UNIQUE INDEX uq_menus_tenant_handle ON public.menus USING btree (tenant_id, handle)
index node_revisions node_revisions_pkey: CREATE UNIQUE INDEX node_revisions_pkey ON public.node_revisions USING btree (id)
index node_revisions uq_node_revisions_version: CREATE UNIQUE INDEX uq_node_revisions_version ON public.node_revisions USING btree (node_id, version)
index node_tags idx_node_tags_tag: CREATE INDEX idx_node_tags_tag ON public.node_tags USING btree (tenant_id, tag_id)
index node_tags node_tags_pkey: CREATE UNIQUE INDEX node_tags_pkey ON public.node_tags USING btree (node_id, tag_id)
index node_translations idx_node_translations_slug_lookup: CREATE INDEX idx_node_translations_slug_lookup ON public.node_translations USING btree (tenant_id, kind, slug)
index node_translations node_translations_pkey: CREATE UNIQUE INDEX node_translations_pkey ON public.node_translations USING btree (id)
index node_translations uq_node_translations_node_locale: CREATE UNIQUE INDEX uq_node_translations_node_locale ON public.node_translations USING btree (node_id, locale)
index node_translations uq_node_translations_slug: CREATE UNIQUE INDEX uq_node_translations_slug ON public.node_translations USING btree (tenant_id, kind, locale, slug)
index nodes idx_nodes_author: CREATE INDEX idx_nodes_author ON public.nodes USING btree (tenant_id, author_id)
index nodes idx_nodes_category: CREATE INDEX idx_nodes_category ON public.nodes USING btree (tenant_id, category_id)
index nodes idx_nodes_kind_id: CREATE INDEX idx_nodes_kind_id ON public.nodes USING btree (tenant_id, kind, id)
index nodes idx_nodes_listing: CREATE INDEX idx_nodes_listing ON public.nodes USING btree (tenant_id, kind, status, published_at)
index nodes idx_nodes_parent: CREATE INDEX idx_nodes_parent ON public.nodes USING btree (tenant_id, parent_id)
index nodes idx_nodes_schedule: CREATE INDEX idx_nodes_schedule ON public.nodes USING btree (status, publish_at)
index nodes idx_nodes_tenant_kind_activity: CREATE INDEX idx_nodes_tenant_kind_activity ON public.nodes USING btree (tenant_id, kind, last_activity_at)
index nodes nodes_pkey: CREATE UNIQUE INDEX nodes_pkey ON public.nodes USING btree (id)
index refresh_tokens idx_refresh_tokens_expires: CREATE INDEX idx_refresh_tokens_expires ON public.refresh_tokens USING btree (expires_at)
index refresh_tokens idx_refresh_tokens_family: CREATE INDEX idx_refresh_tokens_family ON public.refresh_tokens USING btree (family_id)
index refresh_tokens refresh_tokens_pkey: CREATE UNIQUE INDEX refresh_tokens_pkey ON public.refresh_tokens USING btree (id)
index refresh_tokens refresh_tokens_token_hash_key: CREATE UNIQUE INDEX refresh_tokens_token_hash_key ON public.refresh_tokens USING btree (token_hash)
index role_permissions role_permissions_pkey: CREATE UNIQUE INDEX role_permissions_pkey ON public.role_permissions USING btree (id)
index role_permissions uq_role_permissions_tenant_role: CREATE UNIQUE INDEX uq_role_permissions_tenant_role ON public.role_permissions USING btree (tenant_id, role)
index seaql_migrations seaql_migrations_pkey: CREATE UNIQUE INDEX seaql_migrations_pkey ON public.seaql_migrations USING btree (version)
index sys_event_consumptions sys_event_consumptions_pkey: CREATE UNIQUE INDEX sys_event_consumptions_pkey ON public.sys_event_consumptions USING btree (consumer, event_id)
index sys_events idx_sys_events_created: CREATE INDEX idx_sys_events_created ON public.sys_events USING btree (created_at)
index sys_events idx_sys_events_due: CREATE INDEX idx_sys_events_due ON public.sys_events USING btree (status, next_attempt_at)
index sys_events idx_sys_events_tenant_created: CREATE INDEX idx_sys_events_tenant_created ON public.sys_events USING btree (tenant_id, created_at)
index sys_events sys_events_pkey: CREATE UNIQUE INDEX sys_events_pkey ON public.sys_events USING btree (id)
index sys_relay_leases sys_relay_leases_pkey: CREATE UNIQUE INDEX sys_relay_leases_pkey ON public.sys_relay_leases USING btree (name)
index tags tags_pkey: CREATE UNIQUE INDEX tags_pkey ON public.tags USING btree (id)
index tags uq_tags_tenant_slug: CREATE UNIQUE INDEX uq_tags_tenant_slug ON public.tags USING btree (tenant_id, slug)
index tenant_domains idx_tenant_domains_tenant: CREATE INDEX idx_tenant_domains_tenant ON public.tenant_domains USING btree (tenant_id)
index tenant_domains tenant_domains_host_key: CREATE UNIQUE INDEX tenant_domains_host_key ON public.tenant_domains USING btree (host)
index tenant_domains tenant_domains_pkey: CREATE UNIQUE INDEX tenant_domains_pkey ON public.tenant_domains USING btree (id)
index tenant_domains uq_tenant_domains_one_primary: CREATE UNIQUE INDEX uq_tenant_domains_one_primary ON public.tenant_domains USING btree (tenant_id) WHERE (is_primary = true)
index tenant_modules tenant_modules_pkey: CREATE UNIQUE INDEX tenant_modules_pkey ON public.tenant_modules USING btree (id)
index tenant_modules uq_tenant_modules_tenant_slug: CREATE UNIQUE INDEX uq_tenant_modules_tenant_slug ON public.tenant_modules USING btree (tenant_id, module_slug)
index tenants tenants_pkey: CREATE UNIQUE INDEX tenants_pkey ON public.tenants USING btree (id)
index tenants tenants_slug_key: CREATE UNIQUE INDEX tenants_slug_key ON public.tenants USING btree (slug)
index users uq_users_tenant_email: CREATE UNIQUE INDEX uq_users_tenant_email ON public.users USING btree (tenant_id, email)
index users users_pkey: CREATE UNIQUE INDEX users_pkey ON public.users USING btree (id)

constraint audit_log audit_log_event_id_key: UNIQUE (event_id)
constraint audit_log audit_log_pkey: PRIMARY KEY (id)
constraint audit_log audit_log_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint bodies bodies_node_id_fkey: FOREIGN KEY (node_id) REFERENCES nodes(id) ON DELETE CASCADE
constraint bodies bodies_pkey: PRIMARY KEY (id)
constraint categories categories_parent_id_fkey: FOREIGN KEY (parent_id) REFERENCES categories(id) ON DELETE CASCADE
constraint categories categories_pkey: PRIMARY KEY (id)
constraint categories categories_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint category_translations category_translations_category_id_fkey: FOREIGN KEY (category_id) REFERENCES categories(id) ON DELETE CASCADE
constraint category_translations category_translations_pkey: PRIMARY KEY (id)
constraint commerce_cart_items commerce_cart_items_cart_id_fkey: FOREIGN KEY (cart_id) REFERENCES commerce_carts(id) ON DELETE CASCADE
constraint commerce_cart_items commerce_cart_items_pkey: PRIMARY KEY (id)
constraint commerce_cart_items commerce_cart_items_variant_id_fkey: FOREIGN KEY (variant_id) REFERENCES commerce_variants(id) ON DELETE CASCADE
constraint commerce_carts commerce_carts_pkey: PRIMARY KEY (id)
constraint commerce_carts commerce_carts_region_id_fkey: FOREIGN KEY (region_id) REFERENCES commerce_regions(id) ON DELETE CASCADE
constraint commerce_carts commerce_carts_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint commerce_categories commerce_categories_parent_id_fkey: FOREIGN KEY (parent_id) REFERENCES commerce_categories(id) ON DELETE CASCADE
constraint commerce_categories commerce_categories_pkey: PRIMARY KEY (id)
constraint commerce_categories commerce_categories_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint commerce_collections commerce_collections_pkey: PRIMARY KEY (id)
constraint commerce_collections commerce_collections_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint commerce_inventory_levels commerce_inventory_levels_pkey: PRIMARY KEY (id)
constraint commerce_inventory_levels commerce_inventory_levels_variant_id_fkey: FOREIGN KEY (variant_id) REFERENCES commerce_variants(id) ON DELETE CASCADE
constraint commerce_order_counters commerce_order_counters_pkey: PRIMARY KEY (tenant_id)
constraint commerce_order_counters commerce_order_counters_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint commerce_order_items commerce_order_items_order_id_fkey: FOREIGN KEY (order_id) REFERENCES commerce_orders(id) ON DELETE CASCADE
constraint commerce_order_items commerce_order_items_pkey: PRIMARY KEY (id)
constraint commerce_order_notes commerce_order_notes_order_id_fkey: FOREIGN KEY (order_id) REFERENCES commerce_orders(id) ON DELETE CASCADE
constraint commerce_order_notes commerce_order_notes_pkey: PRIMARY KEY (id)
constraint commerce_orders commerce_orders_pkey: PRIMARY KEY (id)
constraint commerce_orders commerce_orders_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint commerce_payments commerce_payments_order_id_fkey: FOREIGN KEY (order_id) REFERENCES commerce_orders(id) ON DELETE CASCADE
constraint commerce_payments commerce_payments_pkey: PRIMARY KEY (id)
constraint commerce_price_lists commerce_price_lists_pkey: PRIMARY KEY (id)
constraint commerce_price_lists commerce_price_lists_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint commerce_prices commerce_prices_pkey: PRIMARY KEY (id)
constraint commerce_prices commerce_prices_price_list_id_fkey: FOREIGN KEY (price_list_id) REFERENCES commerce_price_lists(id) ON DELETE CASCADE
constraint commerce_prices commerce_prices_variant_id_fkey: FOREIGN KEY (variant_id) REFERENCES commerce_variants(id) ON DELETE CASCADE
constraint commerce_product_categories commerce_product_categories_category_id_fkey: FOREIGN KEY (category_id) REFERENCES commerce_categories(id) ON DELETE CASCADE
constraint commerce_product_categories commerce_product_categories_pkey: PRIMARY KEY (product_id, category_id)
constraint commerce_product_categories commerce_product_categories_product_id_fkey: FOREIGN KEY (product_id) REFERENCES commerce_products(id) ON DELETE CASCADE
constraint commerce_product_images commerce_product_images_pkey: PRIMARY KEY (id)
constraint commerce_product_images commerce_product_images_product_id_fkey: FOREIGN KEY (product_id) REFERENCES commerce_products(id) ON DELETE CASCADE
constraint commerce_product_options commerce_product_options_pkey: PRIMARY KEY (id)
constraint commerce_product_options commerce_product_options_product_id_fkey: FOREIGN KEY (product_id) REFERENCES commerce_products(id) ON DELETE CASCADE
constraint commerce_product_tags commerce_product_tags_pkey: PRIMARY KEY (product_id, tag)
constraint commerce_product_tags commerce_product_tags_product_id_fkey: FOREIGN KEY (product_id) REFERENCES commerce_products(id) ON DELETE CASCADE
constraint commerce_product_translations commerce_product_translations_pkey: PRIMARY KEY (id)
constraint commerce_product_translations commerce_product_translations_product_id_fkey: FOREIGN KEY (product_id) REFERENCES commerce_products(id) ON DELETE CASCADE
constraint commerce_products commerce_products_collection_id_fkey: FOREIGN KEY (collection_id) REFERENCES commerce_collections(id) ON DELETE SET NULL
constraint commerce_products commerce_products_pkey: PRIMARY KEY (id)
constraint commerce_products commerce_products_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint commerce_regions commerce_regions_pkey: PRIMARY KEY (id)
constraint commerce_regions commerce_regions_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint commerce_reservations commerce_reservations_pkey: PRIMARY KEY (id)
constraint commerce_reservations commerce_reservations_variant_id_fkey: FOREIGN KEY (variant_id) REFERENCES commerce_variants(id) ON DELETE CASCADE
constraint commerce_shipping_options commerce_shipping_options_pkey: PRIMARY KEY (id)
constraint commerce_shipping_options commerce_shipping_options_region_id_fkey: FOREIGN KEY (region_id) REFERENCES commerce_regions(id) ON DELETE CASCADE
constraint commerce_variant_translations commerce_variant_translations_pkey: PRIMARY KEY (id)
constraint commerce_variant_translations commerce_variant_translations_variant_id_fkey: FOREIGN KEY (variant_id) REFERENCES commerce_variants(id) ON DELETE CASCADE
constraint commerce_variants commerce_variants_pkey: PRIMARY KEY (id)
constraint commerce_variants commerce_variants_product_id_fkey: FOREIGN KEY (product_id) REFERENCES commerce_products(id) ON DELETE CASCADE
constraint index_builds index_builds_pkey: PRIMARY KEY (tenant_id, kind)
constraint index_builds index_builds_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint index_content index_content_pkey: PRIMARY KEY (tenant_id, locale, node_id)
constraint index_content index_content_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint index_content_slugs index_content_slugs_pkey: PRIMARY KEY (tenant_id, node_id, locale)
constraint index_content_slugs index_content_slugs_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint index_content_terms index_content_terms_pkey: PRIMARY KEY (tenant_id, node_id, facet, term)
constraint index_content_terms index_content_terms_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint index_product_prices index_product_prices_pkey: PRIMARY KEY (tenant_id, product_id, currency, amount)
constraint index_product_prices index_product_prices_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint index_product_terms index_product_terms_pkey: PRIMARY KEY (tenant_id, product_id, facet, term)
constraint index_product_terms index_product_terms_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint index_products index_products_pkey: PRIMARY KEY (tenant_id, locale, product_id)
constraint index_products index_products_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint menu_item_translations menu_item_translations_item_id_fkey: FOREIGN KEY (item_id) REFERENCES menu_items(id) ON DELETE CASCADE
constraint menu_item_translations menu_item_translations_pkey: PRIMARY KEY (id)
constraint menu_items menu_items_menu_id_fkey: FOREIGN KEY (menu_id) REFERENCES menus(id) ON DELETE CASCADE
constraint menu_items menu_items_parent_id_fkey: FOREIGN KEY (parent_id) REFERENCES menu_items(id) ON DELETE CASCADE
constraint menu_items menu_items_pkey: PRIMARY KEY (id)
constraint menus menus_pkey: PRIMARY KEY (id)
constraint menus menus_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint node_revisions node_revisions_node_id_fkey: FOREIGN KEY (node_id) REFERENCES nodes(id) ON DELETE CASCADE
constraint node_revisions node_revisions_pkey: PRIMARY KEY (id)
constraint node_tags node_tags_node_id_fkey: FOREIGN KEY (node_id) REFERENCES nodes(id) ON DELETE CASCADE
constraint node_tags node_tags_pkey: PRIMARY KEY (node_id, tag_id)
constraint node_tags node_tags_tag_id_fkey: FOREIGN KEY (tag_id) REFERENCES tags(id) ON DELETE CASCADE
constraint node_translations node_translations_node_id_fkey: FOREIGN KEY (node_id) REFERENCES nodes(id) ON DELETE CASCADE
constraint node_translations node_translations_pkey: PRIMARY KEY (id)
constraint nodes nodes_parent_id_fkey: FOREIGN KEY (parent_id) REFERENCES nodes(id) ON DELETE CASCADE
constraint nodes nodes_pkey: PRIMARY KEY (id)
constraint nodes nodes_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint refresh_tokens refresh_tokens_pkey: PRIMARY KEY (id)
constraint refresh_tokens refresh_tokens_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint refresh_tokens refresh_tokens_token_hash_key: UNIQUE (token_hash)
constraint refresh_tokens refresh_tokens_user_id_fkey: FOREIGN KEY (user_id) REFERENCES users(id) ON DELETE CASCADE
constraint role_permissions role_permissions_pkey: PRIMARY KEY (id)
constraint role_permissions role_permissions_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint seaql_migrations seaql_migrations_pkey: PRIMARY KEY (version)
constraint sys_event_consumptions sys_event_consumptions_pkey: PRIMARY KEY (consumer, event_id)
constraint sys_events sys_events_pkey: PRIMARY KEY (id)
constraint sys_relay_leases sys_relay_leases_pkey: PRIMARY KEY (name)
constraint tags tags_pkey: PRIMARY KEY (id)
constraint tags tags_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint tenant_domains tenant_domains_host_key: UNIQUE (host)
constraint tenant_domains tenant_domains_pkey: PRIMARY KEY (id)
constraint tenant_domains tenant_domains_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint tenant_modules tenant_modules_pkey: PRIMARY KEY (id)
constraint tenant_modules tenant_modules_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
constraint tenants tenants_pkey: PRIMARY KEY (id)
constraint tenants tenants_slug_key: UNIQUE (slug)
constraint users users_pkey: PRIMARY KEY (id)
constraint users users_tenant_id_fkey: FOREIGN KEY (tenant_id) REFERENCES tenants(id) ON DELETE CASCADE
