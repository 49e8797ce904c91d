//! GraphQL queries and mutations, merged into the server's schema. Same services and the same
//! checks (`access.rs`) as REST; errors carry the same codes in `extensions`.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use rustok_api::{MAX_PAGE_SIZE, page_limit, requested_locale, resolve};
use rustok_content::Transition;
use rustok_core::parse_id;

use crate::PagesError;
use crate::access::{
    authorize, menus, menus_reading, pages, reader, reading, status_filter, transition_permission,
    visible,
};
use crate::dto::{
    MenuItemPatch, MenuItemView, MenuPatch, MenuTree, MenuView, NewMenu, NewMenuItem, NewPage,
    PageList, PagePatch, PageView,
};

type GqlResult<T> = async_graphql::Result<T>;

/// A page, or null when it does not exist or the caller may not see it.
fn shown(
    found: Result<PageView, PagesError>,
    drafts: bool,
) -> Result<Option<PageView>, PagesError> {
    match found {
        Ok(page) if visible(&page.status, drafts) => Ok(Some(page)),
        Ok(_) | Err(PagesError::PageNotFound) => Ok(None),
        Err(err) => Err(err),
    }
}

#[derive(Default)]
pub struct PagesQuery;

#[Object]
impl PagesQuery {
    /// A page by id; unpublished ones are null for readers without `content:read`.
    async fn page(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page id.")] id: ID,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
        locale: Option<String>,
    ) -> GqlResult<Option<PageView>> {
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let locale = requested_locale(locale.as_deref())?;
            let found = reading(&api.platform, drafts)
                .get(&content, parse_id(&id)?, locale.as_ref())
                .await;
            Ok(shown(found, drafts)?)
        })
        .await
    }

    /// A page by its slug in any locale, returned in `locale` (or the tenant default).
    async fn page_by_slug(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The slug in any of the tenant's locales.")] slug: String,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (the answer says which was used)."
        )]
        locale: Option<String>,
    ) -> GqlResult<Option<PageView>> {
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let locale = requested_locale(locale.as_deref())?;
            let found = reading(&api.platform, drafts)
                .get_by_slug(&content, &slug, locale.as_ref())
                .await;
            Ok(shown(found, drafts)?)
        })
        .await
    }

    /// Pages, newest first; readers without `content:read` get published ones only.
    async fn pages(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "`draft`, `review`, `scheduled`, `published` or `archived` (readers without `content:read` always get `published`)."
        )]
        status: Option<String>,
        #[graphql(
            desc = "Preferred locale, e.g. `de`; the tenant default is the fallback (each page says which it is in)."
        )]
        locale: Option<String>,
        #[graphql(desc = "Page size, 1-100 (default 20).")] first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor`.")] after: Option<String>,
    ) -> GqlResult<PageList> {
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let status = status_filter(drafts, status.as_deref())?;
            let locale = requested_locale(locale.as_deref())?;
            let limit = page_limit(first, 20, MAX_PAGE_SIZE)?;
            let list = reading(&api.platform, drafts)
                .list(&content, status, locale.as_ref(), after, limit)
                .await?;
            Ok(list)
        })
        .await
    }

    /// A menu as a tree in `locale`; null when there is no menu with that handle. Items linking
    /// to unpublished pages are left out for readers without `content:read`.
    async fn menu(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The menu's handle, e.g. `main`.")] handle: String,
        #[graphql(
            desc = "Preferred locale of the labels and page slugs; the tenant default is the fallback."
        )]
        locale: Option<String>,
    ) -> GqlResult<Option<MenuTree>> {
        resolve(ctx, |api| async move {
            let (content, drafts) = reader(&api).await?;
            let locale = requested_locale(locale.as_deref())?;
            match menus_reading(&api.platform, drafts)
                .tree(&content, &handle, locale.as_ref(), drafts)
                .await
            {
                Ok(tree) => Ok(Some(tree)),
                Err(PagesError::MenuNotFound) => Ok(None),
                Err(err) => Err(err.into()),
            }
        })
        .await
    }

    /// The tenant's menus with every item and label (`menus:manage`).
    async fn menus(&self, ctx: &Context<'_>) -> GqlResult<Vec<MenuView>> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "menus:manage").await?;
            Ok(menus(&api.platform).list(&content).await?)
        })
        .await
    }
}

#[derive(Default)]
pub struct PagesMutation;

#[Object]
impl PagesMutation {
    /// Creates a draft page with its first translation and layout (`content:create`). Errors:
    /// `slug_taken`, `validation_failed`.
    async fn create_page(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The page.")] input: NewPage,
    ) -> GqlResult<PageView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:create").await?;
            Ok(pages(&api.platform).create(&content, input).await?)
        })
        .await
    }

    /// Edits the texts or the layout of a locale; the previous state becomes a content
    /// revision (`content:update`). Errors: `version_conflict`, `slug_taken`,
    /// `validation_failed`.
    async fn update_page(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: PagePatch,
    ) -> GqlResult<PageView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:update").await?;
            let id = parse_id(&id)?;
            Ok(pages(&api.platform).update(&content, id, input).await?)
        })
        .await
    }

    /// Moves a page through content's workflow. `SUBMIT`/`REJECT` need `content:update`, the
    /// other transitions `content:publish`. Errors: `invalid_transition`, `validation_failed`.
    async fn transition_page(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page id.")] id: ID,
        #[graphql(desc = "What to do.")] transition: Transition,
        #[graphql(desc = "Required by `SCHEDULE`: when to publish, in the future.")]
        publish_at: Option<DateTime<Utc>>,
    ) -> GqlResult<PageView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, transition_permission(transition)).await?;
            let page = pages(&api.platform)
                .transition(&content, parse_id(&id)?, transition, publish_at)
                .await?;
            Ok(page)
        })
        .await
    }

    /// Deletes a page with its layouts (`content:delete`). Always true.
    async fn delete_page(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Page id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "content:delete").await?;
            pages(&api.platform)
                .delete(&content, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Creates an empty navigation menu (`menus:manage`). Errors: `handle_taken`,
    /// `validation_failed`.
    async fn create_menu(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "The menu.")] input: NewMenu,
    ) -> GqlResult<MenuView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "menus:manage").await?;
            Ok(menus(&api.platform).create(&content, input).await?)
        })
        .await
    }

    /// Renames a menu or changes its handle (`menus:manage`). Errors: `handle_taken`,
    /// `validation_failed`.
    async fn update_menu(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Menu id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: MenuPatch,
    ) -> GqlResult<MenuView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "menus:manage").await?;
            let id = parse_id(&id)?;
            Ok(menus(&api.platform).update(&content, id, input).await?)
        })
        .await
    }

    /// Deletes a menu with its items (`menus:manage`). Always true.
    async fn delete_menu(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Menu id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "menus:manage").await?;
            menus(&api.platform)
                .delete(&content, parse_id(&id)?)
                .await?;
            Ok(true)
        })
        .await
    }

    /// Adds an item linking to a page or a URL, optionally nested under another item
    /// (`menus:manage`). Errors: `not_found` (no such menu), `validation_failed`.
    async fn add_menu_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Menu id.")] menu_id: ID,
        #[graphql(desc = "The item.")] input: NewMenuItem,
    ) -> GqlResult<MenuItemView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "menus:manage").await?;
            let menu_id = parse_id(&menu_id)?;
            Ok(menus(&api.platform)
                .add_item(&content, menu_id, input)
                .await?)
        })
        .await
    }

    /// Moves, relinks or relabels an item (`menus:manage`). Errors: `not_found`,
    /// `validation_failed`.
    async fn update_menu_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Menu id.")] menu_id: ID,
        #[graphql(desc = "Item id.")] id: ID,
        #[graphql(desc = "The changes; absent fields stay as they are.")] input: MenuItemPatch,
    ) -> GqlResult<MenuItemView> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "menus:manage").await?;
            let (menu_id, id) = (parse_id(&menu_id)?, parse_id(&id)?);
            Ok(menus(&api.platform)
                .update_item(&content, menu_id, id, input)
                .await?)
        })
        .await
    }

    /// Deletes an item with the items nested under it (`menus:manage`). Always true.
    async fn delete_menu_item(
        &self,
        ctx: &Context<'_>,
        #[graphql(desc = "Menu id.")] menu_id: ID,
        #[graphql(desc = "Item id.")] id: ID,
    ) -> GqlResult<bool> {
        resolve(ctx, |api| async move {
            let content = authorize(&api, "menus:manage").await?;
            let (menu_id, id) = (parse_id(&menu_id)?, parse_id(&id)?);
            menus(&api.platform)
                .delete_item(&content, menu_id, id)
                .await?;
            Ok(true)
        })
        .await
    }
}
