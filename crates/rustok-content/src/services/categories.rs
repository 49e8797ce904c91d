//! Categories: a translated tree per tenant that nodes point into (`nodes.category_id`).

use std::collections::HashSet;

use chrono::Utc;
use rustok_core::{DomainEvent, EventBus, Locale, begin_write};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbErr,
    EntityTrait, QueryFilter, QueryOrder, Set, SqlErr,
};
use uuid::Uuid;

use super::ContentContext;
use super::nodes::writable_locale;
use super::slug::{slugify, validate_slug};
use crate::ContentError;
use crate::dto::{CategoryPatch, CategoryTranslationInput, CategoryView, NewCategory};
use crate::entities::{categories, category_translations, nodes};

pub struct CategoryService<'a> {
    db: &'a DatabaseConnection,
    events: &'a EventBus,
}

impl<'a> CategoryService<'a> {
    pub fn new(db: &'a DatabaseConnection, events: &'a EventBus) -> Self {
        Self { db, events }
    }

    pub async fn create(
        &self,
        ctx: &ContentContext,
        input: NewCategory,
    ) -> Result<CategoryView, ContentError> {
        let locale = writable_locale(ctx, &input.translation.locale)?;
        let txn = begin_write(self.db).await?;
        if let Some(parent) = input.parent_id {
            find(&txn, ctx, parent).await?.ok_or_else(|| {
                ContentError::invalid("parent_id", "no such category in this tenant")
            })?;
        }
        let now = Utc::now().fixed_offset();
        let category = categories::ActiveModel {
            id: Set(rustok_core::generate_id()),
            tenant_id: Set(ctx.tenant.as_uuid()),
            parent_id: Set(input.parent_id),
            position: Set(input.position),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(&txn)
        .await?;
        upsert_translation(&txn, &category, &locale, input.translation).await?;
        let event = DomainEvent::CategoryCreated {
            category_id: category.id,
        };
        self.events
            .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
            .await?;
        txn.commit().await?;
        self.get(ctx, category.id, Some(&locale)).await
    }

    pub async fn update(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        patch: CategoryPatch,
    ) -> Result<CategoryView, ContentError> {
        let locale = patch
            .translation
            .as_ref()
            .map(|t| writable_locale(ctx, &t.locale))
            .transpose()?;
        let txn = begin_write(self.db).await?;
        let category = find(&txn, ctx, id)
            .await?
            .ok_or(ContentError::CategoryNotFound)?;
        let mut active: categories::ActiveModel = category.clone().into();
        if let Some(parent) = patch.parent_id {
            if let Some(parent) = parent {
                refuse_cycle(&txn, ctx, id, parent).await?;
            }
            active.parent_id = Set(parent);
        }
        if let Some(position) = patch.position {
            active.position = Set(position);
        }
        active.updated_at = Set(Utc::now().fixed_offset());
        let category = active.update(&txn).await?;
        if let (Some(translation), Some(locale)) = (patch.translation, &locale) {
            upsert_translation(&txn, &category, locale, translation).await?;
        }
        let event = DomainEvent::CategoryUpdated { category_id: id };
        self.events
            .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
            .await?;
        txn.commit().await?;
        self.get(ctx, id, locale.as_ref()).await
    }

    /// Deletes a category and its subtree; nodes in them lose their category.
    pub async fn delete(&self, ctx: &ContentContext, id: Uuid) -> Result<(), ContentError> {
        let txn = begin_write(self.db).await?;
        find(&txn, ctx, id)
            .await?
            .ok_or(ContentError::CategoryNotFound)?;
        let all = categories::Entity::find()
            .filter(categories::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .all(&txn)
            .await?;
        let mut subtree: HashSet<Uuid> = HashSet::from([id]);
        // The tree is small (categories, not content): grow the subtree until it stops growing.
        loop {
            let before = subtree.len();
            for c in &all {
                if c.parent_id.is_some_and(|p| subtree.contains(&p)) {
                    subtree.insert(c.id);
                }
            }
            if subtree.len() == before {
                break;
            }
        }
        nodes::Entity::update_many()
            .col_expr(nodes::Column::CategoryId, Expr::value(Option::<Uuid>::None))
            .filter(nodes::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .filter(nodes::Column::CategoryId.is_in(subtree.iter().copied()))
            .exec(&txn)
            .await?;
        categories::Entity::delete_by_id(id).exec(&txn).await?;
        let event = DomainEvent::CategoryDeleted { category_id: id };
        self.events
            .emit_in_tx(&txn, ctx.tenant, ctx.actor, event)
            .await?;
        txn.commit().await?;
        Ok(())
    }

    pub async fn get(
        &self,
        ctx: &ContentContext,
        id: Uuid,
        locale: Option<&Locale>,
    ) -> Result<CategoryView, ContentError> {
        let category = find(self.db, ctx, id)
            .await?
            .ok_or(ContentError::CategoryNotFound)?;
        let translations = category_translations::Entity::find()
            .filter(category_translations::Column::CategoryId.eq(id))
            .all(self.db)
            .await?;
        Ok(view(ctx, category, &translations, locale))
    }

    /// The whole tree, parents before children's siblings order by `position`; clients nest it
    /// with `parent_id`.
    pub async fn list(
        &self,
        ctx: &ContentContext,
        locale: Option<&Locale>,
    ) -> Result<Vec<CategoryView>, ContentError> {
        let rows = categories::Entity::find()
            .filter(categories::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .order_by_asc(categories::Column::Position)
            .order_by_asc(categories::Column::Id)
            .all(self.db)
            .await?;
        let translations = category_translations::Entity::find()
            .filter(category_translations::Column::TenantId.eq(ctx.tenant.as_uuid()))
            .all(self.db)
            .await?;
        Ok(rows
            .into_iter()
            .map(|c| {
                let own: Vec<category_translations::Model> = translations
                    .iter()
                    .filter(|t| t.category_id == c.id)
                    .cloned()
                    .collect();
                view(ctx, c, &own, locale)
            })
            .collect())
    }
}

/// Whether `id` is a category of the tenant (nodes check their `category_id` with it).
pub(crate) async fn find(
    conn: &impl ConnectionTrait,
    ctx: &ContentContext,
    id: Uuid,
) -> Result<Option<categories::Model>, DbErr> {
    categories::Entity::find_by_id(id)
        .filter(categories::Column::TenantId.eq(ctx.tenant.as_uuid()))
        .one(conn)
        .await
}

/// Moving `id` under `parent` must not make it its own ancestor.
async fn refuse_cycle(
    txn: &DatabaseTransaction,
    ctx: &ContentContext,
    id: Uuid,
    parent: Uuid,
) -> Result<(), ContentError> {
    let mut current = Some(parent);
    let mut steps = 0;
    while let Some(at) = current {
        if at == id {
            return Err(ContentError::invalid(
                "parent_id",
                "a category cannot move under itself or its descendants",
            ));
        }
        let node = find(txn, ctx, at)
            .await?
            .ok_or_else(|| ContentError::invalid("parent_id", "no such category in this tenant"))?;
        current = node.parent_id;
        steps += 1;
        if steps > 1_000 {
            return Err(ContentError::invalid(
                "parent_id",
                "category tree is too deep",
            ));
        }
    }
    Ok(())
}

fn view(
    ctx: &ContentContext,
    category: categories::Model,
    translations: &[category_translations::Model],
    locale: Option<&Locale>,
) -> CategoryView {
    let chain = ctx.locales.fallback_chain(locale);
    let translation = chain
        .iter()
        .find_map(|l| translations.iter().find(|t| t.locale == l.as_str()))
        .or_else(|| translations.first());
    CategoryView {
        id: category.id,
        parent_id: category.parent_id,
        position: category.position,
        locale: translation.map(|t| t.locale.clone()).unwrap_or_default(),
        name: translation.map(|t| t.name.clone()).unwrap_or_default(),
        slug: translation.map(|t| t.slug.clone()).unwrap_or_default(),
        description: translation.and_then(|t| t.description.clone()),
    }
}

async fn upsert_translation(
    txn: &DatabaseTransaction,
    category: &categories::Model,
    locale: &Locale,
    input: CategoryTranslationInput,
) -> Result<(), ContentError> {
    let name = input.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 255 || name.chars().any(char::is_control) {
        return Err(ContentError::invalid(
            "name",
            "must be 1..=255 characters without control characters",
        ));
    }
    let slug = match input.slug {
        Some(slug) => validate_slug(&slug)?,
        None => {
            let derived = slugify(&name);
            if derived.is_empty() {
                category.id.simple().to_string()
            } else {
                derived
            }
        }
    };
    let existing = category_translations::Entity::find()
        .filter(category_translations::Column::CategoryId.eq(category.id))
        .filter(category_translations::Column::Locale.eq(locale.as_str()))
        .one(txn)
        .await?;
    let is_new = existing.is_none();
    let mut row: category_translations::ActiveModel = match existing {
        Some(existing) => existing.into(),
        None => category_translations::ActiveModel {
            id: Set(rustok_core::generate_id()),
            category_id: Set(category.id),
            tenant_id: Set(category.tenant_id),
            locale: Set(locale.to_string()),
            ..Default::default()
        },
    };
    row.name = Set(name);
    row.slug = Set(slug.clone());
    // Plain text like node excerpts: tags dropped, `&`, `<`, `>` escaped, spaces kept as spaces
    // (`ammonia::clean_text` would turn each space into `&#32;`).
    row.description = Set(input
        .description
        .map(|d| ammonia::Builder::empty().clean(&d).to_string()));
    let saved = if is_new {
        row.insert(txn).await.map(|_| ())
    } else {
        row.update(txn).await.map(|_| ())
    };
    saved.map_err(|err| match err.sql_err() {
        Some(SqlErr::UniqueConstraintViolation(_)) => ContentError::SlugTaken(slug),
        _ => ContentError::Database(err),
    })
}
