//! The menu service: the only writer of `menus`, `menu_items` and `menu_item_translations`.
//! Every write stores its `pages.menu_*` event in the same transaction; any change to an item is
//! a `MenuUpdated` of its menu.

use std::collections::HashMap;

use chrono::Utc;
use rustok_content::{ContentContext, ContentError, NodeService, NodeStatus};
use rustok_core::{DomainEvent, EventBus, Locale, begin_write};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, QueryOrder, Set, SqlErr,
};
use uuid::Uuid;

use crate::PagesError;
use crate::blocks::validate_url;
use crate::dto::{
    MenuItemPatch, MenuItemView, MenuLabel, MenuLabelInput, MenuNode, MenuPatch, MenuTree,
    MenuView, NewMenu, NewMenuItem,
};
use crate::entities::{menu_item_translations, menu_items, menus};
use crate::services::pages::PAGE_KIND;

/// Levels of nesting: top-level items are level 1.
pub const MAX_MENU_DEPTH: usize = 4;
pub const MAX_MENU_ITEMS: usize = 200;
pub const MAX_LABEL_LEN: usize = 255;

pub struct MenuService<'a> {
    db: &'a DatabaseConnection,
    events: &'a EventBus,
    /// Where a visitor's tree reads its linked pages from (see `published_from`).
    reads: Option<std::sync::Arc<dyn rustok_core::ContentReads>>,
}

/// Where an item links to, checked.
enum Link {
    Page(Uuid),
    Url(String),
}

impl<'a> MenuService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self {
            db,
            events,
            reads: None,
        }
    }

    /// A tree whose linked pages come from the read model (published pages only), as
    /// [`NodeService::published_from`] reads them.
    pub fn published_from(
        mut self,
        reads: Option<std::sync::Arc<dyn rustok_core::ContentReads>>,
    ) -> Self {
        self.reads = reads;
        self
    }

    pub async fn create(
        &self,
        ctx: &ContentContext,
        input: NewMenu,
    ) -> Result<MenuView, PagesError> {
        let handle = validate_handle(&input.handle)?;
        let name = validate_name(&input.name)?;
        let txn = begin_write(self.db).await?;
        let now = Utc::now().fixed_offset();
        let menu = menus::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant.as_uuid()),
            handle: Set(handle.clone()),
            name: Set(name),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await
        .map_err(|err| handle_conflict(err, &handle))?;
        let event = DomainEvent::MenuCreated {
            menu_id: menu.id,
            handle: menu.handle.clone(),
        };
        self.events
            .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
            .await?;
        txn.commit().await?;
        self.get(ctx, menu.id).await
    }

    /// The tenant's menus by handle, each with its items.
    pub async fn list(&self, ctx: &ContentContext) -> Result<Vec<MenuView>, PagesError> {
        let rows = menus::Entity::find()
            .filter(menus::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .order_by_asc(menus::Column::Handle)
            .all(self.db)
            .await?;
        menu_views(self.db, ctx, rows).await
    }

    /// A menu with all its items (flat, by position) and all their labels.
    pub async fn get(&self, ctx: &ContentContext, id: Uuid) -> Result<MenuView, PagesError> {
        let menu = find_menu(self.db, ctx, id)
            .await?
            .ok_or(PagesError::MenuNotFound)?;
        menu_view(self.db, ctx, menu).await
    }

    pub async fn update(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        patch: MenuPatch,
    ) -> Result<MenuView, PagesError> {
        let handle = patch.handle.as_deref().map(validate_handle).transpose()?;
        let name = patch.name.as_deref().map(validate_name).transpose()?;
        let txn = begin_write(self.db).await?;
        let menu = find_menu(&txn, ctx, id)
            .await?
            .ok_or(PagesError::MenuNotFound)?;
        let mut active: menus::ActiveModel = menu.into();
        if let Some(handle) = &handle {
            active.handle = Set(handle.clone());
        }
        if let Some(name) = name {
            active.name = Set(name);
        }
        active.updated_at = Set(Utc::now().fixed_offset());
        let menu = active
            .update(&txn)
            .await
            .map_err(|err| handle_conflict(err, handle.as_deref().unwrap_or_default()))?;
        self.menu_updated(&txn, ctx, &menu).await?;
        txn.commit().await?;
        self.get(ctx, id).await
    }

    /// Deletes a menu with its items.
    pub async fn delete(&self, ctx: &ContentContext, id: Uuid) -> Result<(), PagesError> {
        let txn = begin_write(self.db).await?;
        let menu = find_menu(&txn, ctx, id)
            .await?
            .ok_or(PagesError::MenuNotFound)?;
        menus::Entity::delete_many()
            .filter(menus::Column::Id.eq(menu.id))
            .filter(menus::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .exec(&txn)
            .await?;
        let event = DomainEvent::MenuDeleted {
            menu_id: menu.id,
            handle: menu.handle,
        };
        self.events
            .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    /// Adds an item linking to a page of this tenant or to a URL, with its labels.
    pub async fn add_item(
        &self,
        ctx: &ContentContext,
        menu_id: Uuid,
        input: NewMenuItem,
    ) -> Result<MenuItemView, PagesError> {
        let link = match (input.page_id, input.url) {
            (Some(page_id), None) => Link::Page(page_id),
            (None, Some(url)) => Link::Url(url),
            _ => {
                return Err(PagesError::invalid(
                    "link",
                    "give exactly one of `page_id` and `url`",
                ));
            }
        };
        self.check_link(ctx, &link).await?;
        if input.labels.is_empty() {
            return Err(PagesError::invalid("labels", "give at least one label"));
        }
        let labels = validate_labels(ctx, &input.labels)?;

        let txn = begin_write(self.db).await?;
        let menu = find_menu(&txn, ctx, menu_id)
            .await?
            .ok_or(PagesError::MenuNotFound)?;
        let items = menu_items_of(&txn, ctx, menu.id).await?;
        if items.len() >= MAX_MENU_ITEMS {
            return Err(PagesError::invalid(
                "menu",
                format!("a menu holds at most {MAX_MENU_ITEMS} items"),
            ));
        }
        if let Some(parent) = input.parent_id {
            let level = level_of(&items, parent)
                .ok_or_else(|| PagesError::invalid("parent_id", "no such item in this menu"))?;
            if level + 1 > MAX_MENU_DEPTH {
                return Err(too_deep());
            }
        }
        let now = Utc::now().fixed_offset();
        let (page_id, url) = match link {
            Link::Page(page_id) => (Some(page_id), None),
            Link::Url(url) => (None, Some(url)),
        };
        let item = menu_items::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant.as_uuid()),
            menu_id: Set(menu.id),
            parent_id: Set(input.parent_id),
            position: Set(input.position),
            page_id: Set(page_id),
            url: Set(url),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        upsert_labels(&txn, &item, labels).await?;
        let menu = touch(&txn, menu).await?;
        self.menu_updated(&txn, ctx, &menu).await?;
        txn.commit().await?;
        item_view(self.db, ctx, item).await
    }

    /// Moves, relinks or relabels an item of `menu_id`.
    pub async fn update_item(
        &self,
        ctx: &ContentContext,
        menu_id: Uuid,
        item_id: Uuid,
        patch: MenuItemPatch,
    ) -> Result<MenuItemView, PagesError> {
        let link = match (patch.page_id, patch.url) {
            (Some(_), Some(_)) => {
                return Err(PagesError::invalid(
                    "link",
                    "give at most one of `page_id` and `url`",
                ));
            }
            (Some(page_id), None) => Some(Link::Page(page_id)),
            (None, Some(url)) => Some(Link::Url(url)),
            (None, None) => None,
        };
        if let Some(link) = &link {
            self.check_link(ctx, link).await?;
        }
        let labels = patch
            .labels
            .as_deref()
            .map(|labels| validate_labels(ctx, labels))
            .transpose()?;
        let new_parent: Option<Option<Uuid>> = patch.parent_id.into();

        let txn = begin_write(self.db).await?;
        let menu = find_menu(&txn, ctx, menu_id)
            .await?
            .ok_or(PagesError::MenuNotFound)?;
        let items = menu_items_of(&txn, ctx, menu.id).await?;
        let item = items
            .iter()
            .find(|i| i.id == item_id)
            .cloned()
            .ok_or(PagesError::MenuItemNotFound)?;
        let mut active: menu_items::ActiveModel = item.into();
        if let Some(parent) = new_parent {
            check_move(&items, item_id, parent)?;
            active.parent_id = Set(parent);
        }
        if let Some(position) = patch.position {
            active.position = Set(position);
        }
        match link {
            Some(Link::Page(page_id)) => {
                active.page_id = Set(Some(page_id));
                active.url = Set(None);
            }
            Some(Link::Url(url)) => {
                active.page_id = Set(None);
                active.url = Set(Some(url));
            }
            None => {}
        }
        active.updated_at = Set(Utc::now().fixed_offset());
        let item = active.update(&txn).await?;
        if let Some(labels) = labels {
            upsert_labels(&txn, &item, labels).await?;
        }
        let menu = touch(&txn, menu).await?;
        self.menu_updated(&txn, ctx, &menu).await?;
        txn.commit().await?;
        item_view(self.db, ctx, item).await
    }

    /// Deletes an item with the items nested under it.
    pub async fn delete_item(
        &self,
        ctx: &ContentContext,
        menu_id: Uuid,
        item_id: Uuid,
    ) -> Result<(), PagesError> {
        let txn = begin_write(self.db).await?;
        let menu = find_menu(&txn, ctx, menu_id)
            .await?
            .ok_or(PagesError::MenuNotFound)?;
        let deleted = menu_items::Entity::delete_many()
            .filter(menu_items::Column::Id.eq(item_id))
            .filter(menu_items::Column::MenuId.eq(menu.id))
            .filter(menu_items::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .exec(&txn)
            .await?;
        if deleted.rows_affected == 0 {
            return Err(PagesError::MenuItemNotFound);
        }
        let menu = touch(&txn, menu).await?;
        self.menu_updated(&txn, ctx, &menu).await?;
        txn.commit().await?;
        Ok(())
    }

    /// The menu with handle `handle` as a tree in the requested locale. Page items carry the
    /// page's slug in that locale (or its fallback); items whose page is gone, and, unless
    /// `include_unpublished`, items whose page is not published, are left out with their
    /// children.
    pub async fn tree(
        &self,
        ctx: &ContentContext,
        handle: &str,
        locale: Option<&Locale>,
        include_unpublished: bool,
    ) -> Result<MenuTree, PagesError> {
        let menu = menus::Entity::find()
            .filter(menus::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .filter(menus::Column::Handle.eq(handle))
            .one(self.db)
            .await?
            .ok_or(PagesError::MenuNotFound)?;
        let items = menu_items_of(self.db, ctx, menu.id).await?;
        let mut labels = labels_of(self.db, ctx, &items).await?;
        let chain = ctx.locales.fallback_chain(locale);
        let nodes = NodeService::new(self.db, self.events).published_from(self.reads.clone());

        // The slug each linked page shows in this locale; pages left out have none.
        let mut page_ids: Vec<Uuid> = items.iter().filter_map(|i| i.page_id).collect();
        page_ids.sort_unstable();
        page_ids.dedup();
        let slugs: HashMap<Uuid, Option<String>> = nodes
            .get_many(ctx, &page_ids, locale)
            .await?
            .into_iter()
            .filter(|page| {
                page.kind == PAGE_KIND
                    && (include_unpublished || page.status == NodeStatus::Published.as_str())
            })
            .map(|page| (page.id, Some(page.slug)))
            .collect();

        let mut resolved: HashMap<Uuid, MenuNode> = HashMap::new();
        for item in &items {
            let (page_slug, url) = match item.page_id {
                Some(page_id) => match slugs.get(&page_id).cloned().flatten() {
                    Some(slug) => (Some(slug), None),
                    None => continue,
                },
                None => (None, item.url.clone()),
            };
            let item_labels = labels.remove(&item.id).unwrap_or_default();
            let Some(label) = chain
                .iter()
                .find_map(|l| item_labels.iter().find(|t| t.locale == l.as_str()))
                .or_else(|| item_labels.first())
            else {
                continue;
            };
            resolved.insert(
                item.id,
                MenuNode {
                    id: item.id,
                    label: label.label.clone(),
                    locale: label.locale.clone(),
                    url,
                    page_id: item.page_id,
                    page_slug,
                    children: Vec::new(),
                },
            );
        }
        Ok(MenuTree {
            id: menu.id,
            handle: menu.handle,
            items: nest(&items, &mut resolved, None, 1),
        })
    }

    /// A link to a page must name a page of this tenant; a URL must be safe.
    async fn check_link(&self, ctx: &ContentContext, link: &Link) -> Result<(), PagesError> {
        match link {
            Link::Page(page_id) => {
                let page = NodeService::new(self.db, self.events)
                    .get(ctx, *page_id, None)
                    .await;
                match page {
                    Ok(page) if page.kind == PAGE_KIND => Ok(()),
                    Ok(_) | Err(ContentError::NotFound) => Err(PagesError::invalid(
                        "page_id",
                        "no such page in this tenant",
                    )),
                    Err(err) => Err(err.into()),
                }
            }
            Link::Url(url) => {
                validate_url(url).map_err(|message| PagesError::invalid("url", message.to_string()))
            }
        }
    }

    async fn menu_updated(
        &self,
        txn: &DatabaseTransaction,
        ctx: &ContentContext,
        menu: &menus::Model,
    ) -> Result<(), PagesError> {
        let event = DomainEvent::MenuUpdated {
            menu_id: menu.id,
            handle: menu.handle.clone(),
        };
        self.events
            .emit_in_tx(txn, ctx.tenant, ctx.actor, event)
            .await?;
        Ok(())
    }
}

async fn find_menu(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    id: Uuid,
) -> Result<Option<menus::Model>, DbErr> {
    menus::Entity::find_by_id(id)
        .filter(menus::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .one(conn)
        .await
}

async fn touch(txn: &DatabaseTransaction, menu: menus::Model) -> Result<menus::Model, DbErr> {
    let mut active: menus::ActiveModel = menu.into();
    active.updated_at = Set(Utc::now().fixed_offset());
    active.update(txn).await
}

/// A menu's items in display order.
async fn menu_items_of(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    menu_id: Uuid,
) -> Result<Vec<menu_items::Model>, DbErr> {
    menu_items::Entity::find()
        .filter(menu_items::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .filter(menu_items::Column::MenuId.eq(menu_id))
        .order_by_asc(menu_items::Column::Position)
        .order_by_asc(menu_items::Column::CreatedAt)
        .order_by_asc(menu_items::Column::Id)
        .all(conn)
        .await
}

/// The labels of `items`, by item, ordered by locale.
async fn labels_of(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    items: &[menu_items::Model],
) -> Result<HashMap<Uuid, Vec<MenuLabel>>, DbErr> {
    let mut labels: HashMap<Uuid, Vec<MenuLabel>> = HashMap::new();
    if items.is_empty() {
        return Ok(labels);
    }
    let rows = menu_item_translations::Entity::find()
        .filter(menu_item_translations::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .filter(menu_item_translations::Column::ItemId.is_in(items.iter().map(|i| i.id)))
        .order_by_asc(menu_item_translations::Column::Locale)
        .all(conn)
        .await?;
    for row in rows {
        labels.entry(row.item_id).or_default().push(MenuLabel {
            locale: row.locale,
            label: row.label,
        });
    }
    Ok(labels)
}

async fn menu_view(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    menu: menus::Model,
) -> Result<MenuView, PagesError> {
    let mut views = menu_views(conn, ctx, vec![menu]).await?;
    views.pop().ok_or(PagesError::MenuNotFound)
}

/// Views of `menus` with their items and labels: two queries for all of them (items, labels),
/// whatever their number.
async fn menu_views(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    menus: Vec<menus::Model>,
) -> Result<Vec<MenuView>, PagesError> {
    if menus.is_empty() {
        return Ok(Vec::new());
    }
    let items = menu_items::Entity::find()
        .filter(menu_items::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .filter(menu_items::Column::MenuId.is_in(menus.iter().map(|m| m.id)))
        .order_by_asc(menu_items::Column::Position)
        .order_by_asc(menu_items::Column::CreatedAt)
        .order_by_asc(menu_items::Column::Id)
        .all(conn)
        .await?;
    let mut labels = labels_of(conn, ctx, &items).await?;
    let mut by_menu: HashMap<Uuid, Vec<MenuItemView>> = HashMap::new();
    for item in items {
        let item_labels = labels.remove(&item.id).unwrap_or_default();
        by_menu
            .entry(item.menu_id)
            .or_default()
            .push(to_item_view(item, item_labels));
    }
    Ok(menus
        .into_iter()
        .map(|menu| MenuView {
            items: by_menu.remove(&menu.id).unwrap_or_default(),
            id: menu.id,
            handle: menu.handle,
            name: menu.name,
            created_at: menu.created_at,
            updated_at: menu.updated_at,
        })
        .collect())
}

async fn item_view(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    item: menu_items::Model,
) -> Result<MenuItemView, PagesError> {
    let mut labels = labels_of(conn, ctx, std::slice::from_ref(&item)).await?;
    let labels = labels.remove(&item.id).unwrap_or_default();
    Ok(to_item_view(item, labels))
}

fn to_item_view(item: menu_items::Model, labels: Vec<MenuLabel>) -> MenuItemView {
    MenuItemView {
        id: item.id,
        menu_id: item.menu_id,
        parent_id: item.parent_id,
        position: item.position,
        page_id: item.page_id,
        url: item.url,
        labels,
    }
}

/// The children of `parent` that survived resolution, each with its own children.
fn nest(
    items: &[menu_items::Model],
    resolved: &mut HashMap<Uuid, MenuNode>,
    parent: Option<Uuid>,
    level: usize,
) -> Vec<MenuNode> {
    if level > MAX_MENU_DEPTH {
        return Vec::new();
    }
    let mut children = Vec::new();
    for item in items.iter().filter(|i| i.parent_id == parent) {
        if let Some(mut node) = resolved.remove(&item.id) {
            node.children = nest(items, resolved, Some(item.id), level + 1);
            children.push(node);
        }
    }
    children
}

/// The level of `id` in its menu (1 for top-level), or `None` if it is not in `items`.
fn level_of(items: &[menu_items::Model], id: Uuid) -> Option<usize> {
    let mut level = 0;
    let mut current = Some(id);
    while let Some(id) = current {
        let item = items.iter().find(|i| i.id == id)?;
        level += 1;
        if level > MAX_MENU_ITEMS {
            return None;
        }
        current = item.parent_id;
    }
    Some(level)
}

/// Levels from `id` down to its deepest descendant (1 for a leaf).
fn height_of(items: &[menu_items::Model], id: Uuid) -> usize {
    1 + items
        .iter()
        .filter(|i| i.parent_id == Some(id))
        .map(|child| height_of(items, child.id))
        .max()
        .unwrap_or(0)
}

/// An item may move under an item of the same menu, never into its own subtree, and only if
/// the subtree still fits the depth limit.
fn check_move(
    items: &[menu_items::Model],
    item_id: Uuid,
    parent: Option<Uuid>,
) -> Result<(), PagesError> {
    let Some(parent) = parent else {
        return if height_of(items, item_id) > MAX_MENU_DEPTH {
            Err(too_deep())
        } else {
            Ok(())
        };
    };
    let mut ancestor = Some(parent);
    while let Some(id) = ancestor {
        if id == item_id {
            return Err(PagesError::invalid(
                "parent_id",
                "an item cannot move under itself",
            ));
        }
        ancestor = items.iter().find(|i| i.id == id).and_then(|i| i.parent_id);
    }
    let level = level_of(items, parent)
        .ok_or_else(|| PagesError::invalid("parent_id", "no such item in this menu"))?;
    if level + height_of(items, item_id) > MAX_MENU_DEPTH {
        return Err(too_deep());
    }
    Ok(())
}

fn too_deep() -> PagesError {
    PagesError::invalid(
        "parent_id",
        format!("menus nest at most {MAX_MENU_DEPTH} levels deep"),
    )
}

/// Replaces the labels of the given locales.
async fn upsert_labels(
    txn: &DatabaseTransaction,
    item: &menu_items::Model,
    labels: Vec<(Locale, String)>,
) -> Result<(), DbErr> {
    for (locale, label) in labels {
        let existing = menu_item_translations::Entity::find()
            .filter(menu_item_translations::Column::TenantId.eq(item.tenant_id))
            .filter(menu_item_translations::Column::ItemId.eq(item.id))
            .filter(menu_item_translations::Column::Locale.eq(locale.as_str()))
            .one(txn)
            .await?;
        match existing {
            Some(row) => {
                let mut row: menu_item_translations::ActiveModel = row.into();
                row.label = Set(label);
                row.update(txn).await?;
            }
            None => {
                menu_item_translations::ActiveModel {
                    id: Set(rustok_core::generate_id()),
                    tenant_id: Set(item.tenant_id),
                    item_id: Set(item.id),
                    locale: Set(locale.to_string()),
                    label: Set(label),
                }
                .insert(txn)
                .await?;
            }
        }
    }
    Ok(())
}

/// Labels in locales the tenant writes in, each locale once, 1-255 characters of plain text.
fn validate_labels(
    ctx: &ContentContext,
    labels: &[MenuLabelInput],
) -> Result<Vec<(Locale, String)>, PagesError> {
    let mut checked: Vec<(Locale, String)> = Vec::with_capacity(labels.len());
    for input in labels {
        let locale: Locale = input
            .locale
            .parse()
            .map_err(|err: rustok_core::LocaleError| {
                PagesError::invalid("locale", err.to_string())
            })?;
        if !ctx.locales.allows(&locale) {
            return Err(PagesError::invalid(
                "locale",
                format!("`{locale}` is not enabled for this tenant"),
            ));
        }
        if checked.iter().any(|(l, _)| *l == locale) {
            return Err(PagesError::invalid(
                "labels",
                format!("`{locale}` is given twice"),
            ));
        }
        let label = input.label.trim();
        if label.is_empty()
            || label.chars().count() > MAX_LABEL_LEN
            || label.chars().any(char::is_control)
        {
            return Err(PagesError::invalid(
                "label",
                "must be 1-255 characters without control characters",
            ));
        }
        checked.push((locale, label.to_string()));
    }
    Ok(checked)
}

/// 1-64 of `a-z`, `0-9`, `-`, `_`, starting with a letter or digit, trimmed
/// ([`crate::dto::HANDLE_PATTERN`] in the API).
fn validate_handle(handle: &str) -> Result<String, PagesError> {
    let handle = handle.trim();
    let valid = !handle.is_empty()
        && handle.len() <= 64
        && handle
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
        && handle
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric());
    if !valid {
        return Err(PagesError::invalid(
            "handle",
            "use 1-64 of a-z, 0-9, `-` and `_`, starting with a letter or digit",
        ));
    }
    Ok(handle.to_string())
}

/// 1-255 characters once trimmed, no control characters inside.
fn validate_name(name: &str) -> Result<String, PagesError> {
    let name = name.trim();
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(char::is_control) {
        return Err(PagesError::invalid(
            "name",
            "must be 1-255 characters without control characters",
        ));
    }
    Ok(name.to_string())
}

fn handle_conflict(err: DbErr, handle: &str) -> PagesError {
    match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => PagesError::HandleTaken(handle.to_string()),
        _ => PagesError::Database(err),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(id: u128, parent: Option<u128>) -> menu_items::Model {
        let now = Utc::now().fixed_offset();
        menu_items::Model {
            id: Uuid::from_u128(id),
            tenant_id: Uuid::nil(),
            menu_id: Uuid::nil(),
            parent_id: parent.map(Uuid::from_u128),
            position: 0,
            page_id: None,
            url: Some("/".into()),
            created_at: now,
            updated_at: now,
        }
    }

    #[test]
    fn moves_keep_the_tree_acyclic_and_shallow() {
        // 1 > 2 > 3, and 4 alone.
        let items = vec![
            item(1, None),
            item(2, Some(1)),
            item(3, Some(2)),
            item(4, None),
        ];
        let id = Uuid::from_u128;
        assert_eq!(level_of(&items, id(3)), Some(3));
        assert_eq!(height_of(&items, id(1)), 3);
        assert!(check_move(&items, id(1), Some(id(3))).is_err(), "cycle");
        assert!(check_move(&items, id(1), Some(id(1))).is_err(), "self");
        assert!(check_move(&items, id(4), Some(id(3))).is_ok(), "level 4");
        assert!(check_move(&items, id(1), Some(id(4))).is_ok(), "4 levels");
        assert!(check_move(&items, id(2), None).is_ok());
        let deeper = [items.clone(), vec![item(5, Some(4))]].concat();
        assert!(check_move(&deeper, id(4), Some(id(3))).is_err(), "level 5");
        assert!(check_move(&items, id(2), Some(id(9))).is_err(), "unknown");
    }

    #[test]
    fn handles_are_simple_identifiers() {
        assert_eq!(validate_handle(" main ").unwrap(), "main");
        assert!(validate_handle("footer-2_b").is_ok());
        for bad in ["", "Main", "-x", "a b", "<script>", &"x".repeat(65)] {
            assert!(validate_handle(bad).is_err(), "{bad}");
        }
        // The limits count the text once trimmed.
        assert!(validate_handle(&format!(" {} ", "x".repeat(64))).is_ok());
        assert!(validate_name(&format!(" {}\n", "x".repeat(255))).is_ok());
        assert!(validate_name(&"x".repeat(256)).is_err());
        assert_eq!(validate_name(" Main\n").unwrap(), "Main");
    }
}
