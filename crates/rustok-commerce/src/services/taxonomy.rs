//! How products are grouped: collections (flat), the category tree and free tags. Changes of
//! collections and categories announce `commerce.catalog_changed`.

use std::collections::HashSet;

use rustok_core::{DomainEvent, begin_write};
use sea_orm::sea_query::{Expr, Query, SelectStatement};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityName,
    PaginatorTrait, QueryFilter, QueryOrder, Set,
};
use uuid::Uuid;

use super::products::CatalogService;
use super::scoped::{
    TenantOwned, delete_announced, delete_children, find_referenced, in_tenant, write_to,
};
use super::{
    CommerceContext, catalog_changed, check_at_most, commit_with, now, required_text, taken,
    validate_handle,
};
use crate::CommerceError;
use crate::dto::{
    NewProductCategory, NewProductCollection, ProductCategoryPatch, ProductCategoryView,
    ProductCollectionPatch, ProductCollectionView,
};
use crate::entities::{categories, collections, product_categories, product_tags};

/// The most tags a product has.
pub(crate) const MAX_TAGS: usize = 32;
/// The longest tag, in characters.
pub(crate) const MAX_TAG_CHARS: usize = 100;
/// How far up the category tree a move looks for a cycle before giving up.
const MAX_DEPTH: usize = 64;

impl CatalogService<'_> {
    pub async fn create_collection(
        &self,
        ctx: &CommerceContext,
        input: NewProductCollection,
    ) -> Result<ProductCollectionView, CommerceError> {
        let handle = validate_handle("handle", &input.handle)?;
        let title = required_text("title", &input.title, 255)?;
        let txn = begin_write(self.db).await?;
        let id = rustok_core::generate_id();
        let saved = collections::ActiveModel {
            id: Set(id),
            tenant_id: Set(ctx.tenant_id()),
            handle: Set(handle.clone()),
            title: Set(title),
            created_at: Set(now()),
        }
        .insert(&txn)
        .await;
        let change = catalog_changed("collection", id, "created");
        let model = self.announce_saved(txn, ctx, saved, Some(handle), change);
        Ok(collection_view(model.await?))
    }

    /// Renames a collection or changes its handle.
    pub async fn update_collection(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
        patch: ProductCollectionPatch,
    ) -> Result<ProductCollectionView, CommerceError> {
        let (txn, current) = write_to::<collections::Entity>(self.db, ctx, id).await?;
        let mut active: collections::ActiveModel = current.into();
        let handle = new_handle(&patch.handle, &mut active.handle)?;
        if let Some(title) = &patch.title {
            active.title = Set(required_text("title", title, 255)?);
        }
        let saved = active.update(&txn).await;
        let change = catalog_changed("collection", id, "updated");
        let model = self.announce_saved(txn, ctx, saved, handle, change);
        Ok(collection_view(model.await?))
    }

    /// Deletes a collection; its products stay, without a collection.
    pub async fn delete_collection(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
    ) -> Result<(), CommerceError> {
        let deleted = catalog_changed("collection", id, "deleted");
        delete_announced::<collections::Entity>((self.db, self.events), ctx, id, deleted).await
    }

    pub async fn list_collections(
        &self,
        ctx: &CommerceContext,
    ) -> Result<Vec<ProductCollectionView>, CommerceError> {
        let rows = in_tenant::<collections::Entity>(ctx)
            .order_by_asc(collections::Column::Handle)
            .all(self.db)
            .await?;
        Ok(rows.into_iter().map(collection_view).collect())
    }

    pub async fn create_category(
        &self,
        ctx: &CommerceContext,
        input: NewProductCategory,
    ) -> Result<ProductCategoryView, CommerceError> {
        let handle = validate_handle("handle", &input.handle)?;
        let name = required_text("name", &input.name, 255)?;
        let txn = begin_write(self.db).await?;
        if let Some(parent_id) = input.parent_id {
            known_parent(&txn, ctx, parent_id).await?;
        }
        let id = rustok_core::generate_id();
        let saved = categories::ActiveModel {
            id: Set(id),
            tenant_id: Set(ctx.tenant_id()),
            parent_id: Set(input.parent_id),
            handle: Set(handle.clone()),
            name: Set(name),
            position: Set(input.position.unwrap_or(0)),
            created_at: Set(now()),
        }
        .insert(&txn)
        .await;
        let change = catalog_changed("category", id, "created");
        let model = self.announce_saved(txn, ctx, saved, Some(handle), change);
        Ok(category_view(model.await?))
    }

    /// Renames, re-orders or moves a category (never under itself or its own subtree).
    pub async fn update_category(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
        patch: ProductCategoryPatch,
    ) -> Result<ProductCategoryView, CommerceError> {
        let (txn, current) = write_to::<categories::Entity>(self.db, ctx, id).await?;
        let mut active: categories::ActiveModel = current.into();
        let handle = new_handle(&patch.handle, &mut active.handle)?;
        if let Some(name) = &patch.name {
            active.name = Set(required_text("name", name, 255)?);
        }
        if let Some(position) = patch.position {
            active.position = Set(position);
        }
        if let Some(parent) = patch.parent_id {
            if let Some(parent_id) = parent {
                check_no_cycle(&txn, ctx, id, parent_id).await?;
            }
            active.parent_id = Set(parent);
        }
        let saved = active.update(&txn).await;
        let change = catalog_changed("category", id, "updated");
        let model = self.announce_saved(txn, ctx, saved, handle, change);
        Ok(category_view(model.await?))
    }

    /// Deletes a category and its subtree; products lose those categories.
    pub async fn delete_category(
        &self,
        ctx: &CommerceContext,
        id: Uuid,
    ) -> Result<(), CommerceError> {
        let deleted = catalog_changed("category", id, "deleted");
        delete_announced::<categories::Entity>((self.db, self.events), ctx, id, deleted).await
    }

    /// A collection or category just stored in `txn` (a taken `handle` is `already_taken`),
    /// announced with `change` as the transaction commits.
    async fn announce_saved<M>(
        &self,
        txn: DatabaseTransaction,
        ctx: &CommerceContext,
        saved: Result<M, DbErr>,
        handle: Option<String>,
        change: DomainEvent,
    ) -> Result<M, CommerceError> {
        let model = saved.map_err(|e| taken(e, "handle", handle.as_deref().unwrap_or_default()))?;
        commit_with(self.events, txn, ctx, vec![change]).await?;
        Ok(model)
    }

    /// The category tree, flat (nest by `parent_id`).
    pub async fn list_categories(
        &self,
        ctx: &CommerceContext,
    ) -> Result<Vec<ProductCategoryView>, CommerceError> {
        let rows = in_tenant::<categories::Entity>(ctx)
            .order_by_asc(categories::Column::Position)
            .order_by_asc(categories::Column::Handle)
            .all(self.db)
            .await?;
        Ok(rows.into_iter().map(category_view).collect())
    }
}

/// A patched handle, validated and set on `column`; the new handle for a `taken` error.
fn new_handle(
    patch: &Option<String>,
    column: &mut sea_orm::ActiveValue<String>,
) -> Result<Option<String>, CommerceError> {
    let Some(handle) = patch else {
        return Ok(None);
    };
    let handle = validate_handle("handle", handle)?;
    *column = Set(handle.clone());
    Ok(Some(handle))
}

/// The parent a category is created or moved under: a category of this tenant.
async fn known_parent(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    parent_id: Uuid,
) -> Result<categories::Model, CommerceError> {
    find_referenced::<categories::Entity>(conn, ctx, parent_id, "parent_id", "no such category")
        .await
}

/// Walks up from the new parent: meeting the category itself means the move makes a cycle.
async fn check_no_cycle(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    id: Uuid,
    parent_id: Uuid,
) -> Result<(), CommerceError> {
    let mut cursor = Some(parent_id);
    let mut steps = 0;
    while let Some(at) = cursor {
        if at == id {
            return Err(CommerceError::invalid(
                "parent_id",
                "a category cannot move under itself or its own subtree",
            ));
        }
        cursor = known_parent(conn, ctx, at).await?.parent_id;
        steps += 1;
        if steps > MAX_DEPTH {
            return Err(CommerceError::invalid("parent_id", "the tree is too deep"));
        }
    }
    Ok(())
}

fn collection_view(model: collections::Model) -> ProductCollectionView {
    ProductCollectionView {
        id: model.id,
        handle: model.handle,
        title: model.title,
    }
}

fn category_view(model: categories::Model) -> ProductCategoryView {
    ProductCategoryView {
        id: model.id,
        parent_id: model.parent_id,
        handle: model.handle,
        name: model.name,
        position: model.position,
    }
}

/// A product's collection, when given, must be one of this tenant.
pub(super) async fn check_collection(
    conn: &impl ConnectionTrait,
    ctx: &CommerceContext,
    collection_id: Option<Uuid>,
) -> Result<(), CommerceError> {
    if let Some(id) = collection_id {
        let field = "collection_id";
        find_referenced::<collections::Entity>(conn, ctx, id, field, "no such collection").await?;
    }
    Ok(())
}

/// Replaces the product's tags: trimmed, lower-cased, each once.
pub(super) async fn set_tags(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    product_id: Uuid,
    tags: &[String],
) -> Result<(), CommerceError> {
    let tags = distinct_tags(tags)?;
    let parent = product_tags::Column::ProductId;
    delete_children::<product_tags::Entity>(txn, ctx, parent, product_id).await?;
    for tag in tags {
        product_tags::ActiveModel {
            product_id: Set(product_id),
            tag: Set(tag),
            tenant_id: Set(ctx.tenant_id()),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// The tags given, in their order without repeats; at most [`MAX_TAGS`].
fn distinct_tags(tags: &[String]) -> Result<Vec<String>, CommerceError> {
    check_at_most("tags", tags.len(), MAX_TAGS)?;
    let mut seen = HashSet::new();
    let mut distinct = Vec::with_capacity(tags.len());
    for tag in tags {
        let tag = required_text("tags", tag, MAX_TAG_CHARS)?.to_lowercase();
        if seen.insert(tag.clone()) {
            distinct.push(tag);
        }
    }
    Ok(distinct)
}

/// Replaces the product's categories; each must be a category of this tenant.
pub(super) async fn set_categories(
    txn: &DatabaseTransaction,
    ctx: &CommerceContext,
    product_id: Uuid,
    category_ids: &[Uuid],
) -> Result<(), CommerceError> {
    let parent = product_categories::Column::ProductId;
    delete_children::<product_categories::Entity>(txn, ctx, parent, product_id).await?;
    let unique: HashSet<Uuid> = category_ids.iter().copied().collect();
    if unique.is_empty() {
        return Ok(());
    }
    let found = in_tenant::<categories::Entity>(ctx)
        .filter(categories::Column::Id.is_in(unique.iter().copied()))
        .count(txn)
        .await?;
    if found != unique.len() as u64 {
        return Err(CommerceError::invalid("category_ids", "no such category"));
    }
    for category_id in unique {
        product_categories::ActiveModel {
            product_id: Set(product_id),
            category_id: Set(category_id),
            tenant_id: Set(ctx.tenant_id()),
        }
        .insert(txn)
        .await?;
    }
    Ok(())
}

/// Ids of the products in the category `category_id` (not its subcategories).
pub(super) fn in_category(tenant: Uuid, category_id: Uuid) -> SelectStatement {
    let in_category = product_categories::Column::CategoryId.eq(category_id);
    linked_products(product_categories::Column::ProductId, tenant, in_category)
}

/// Ids of the products tagged `tag` (compared as stored: trimmed, lower-case).
pub(super) fn tagged(tenant: Uuid, tag: &str) -> SelectStatement {
    let is_tag = product_tags::Column::Tag.eq(tag.trim().to_lowercase());
    linked_products(product_tags::Column::ProductId, tenant, is_tag)
}

/// `product_id` of the rows of a link table of this tenant that meet `condition`.
fn linked_products<C>(product_id: C, tenant: Uuid, condition: Expr) -> SelectStatement
where
    C: ColumnTrait,
    C::EntityName: TenantOwned,
{
    let table = <C::EntityName as Default>::default();
    Query::select()
        .column(product_id)
        .from(table.table_ref())
        .and_where(<C::EntityName as TenantOwned>::TENANT_ID.eq(tenant))
        .and_where(condition)
        .to_owned()
}
