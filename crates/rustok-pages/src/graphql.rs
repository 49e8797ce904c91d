//! GraphQL queries and mutations, merged into the server's schema. Same services and the same
//! checks (`access.rs`) as REST; errors carry the same codes in `extensions`.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use rustok_api::{ApiContext, graphql_error, parse_gql_id, requested_locale};
use rustok_content::Transition;

use crate::PagesError;
use crate::access::{
    authorize, menus, pages, reader, status_filter, transition_permission, visible,
};
use crate::dto::{
    MenuItemPatch, MenuItemView, MenuPatch, MenuTree, MenuView, NewMenu, NewMenuItem, NewPage,
    PageList, PagePatch, PageView,
};

type GqlResult<T> = async_graphql::Result<T>;

/// A page, or null when it does not exist or the caller may not see it.
fn shown(found: Result<PageView, PagesError>, drafts: bool) -> GqlResult<Option<PageView>> {
    match found {
        Ok(page) if visible(&page.status, drafts) => Ok(Some(page)),
        Ok(_) | Err(PagesError::PageNotFound) => Ok(None),
        Err(err) => Err(graphql_error(err)),
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
        id: ID,
        locale: Option<String>,
    ) -> GqlResult<Option<PageView>> {
        let api = ApiContext::of(ctx)?;
        let (content, drafts) = reader(&api).await.map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let found = pages(&api.platform)
            .get(&content, parse_gql_id(&id)?, locale.as_ref())
            .await;
        shown(found, drafts)
    }

    /// A page by its slug in any locale, returned in `locale` (or the tenant default).
    async fn page_by_slug(
        &self,
        ctx: &Context<'_>,
        slug: String,
        locale: Option<String>,
    ) -> GqlResult<Option<PageView>> {
        let api = ApiContext::of(ctx)?;
        let (content, drafts) = reader(&api).await.map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let found = pages(&api.platform)
            .get_by_slug(&content, &slug, locale.as_ref())
            .await;
        shown(found, drafts)
    }

    /// Pages, newest first; readers without `content:read` get published ones only.
    async fn pages(
        &self,
        ctx: &Context<'_>,
        status: Option<String>,
        locale: Option<String>,
        first: Option<u64>,
        after: Option<String>,
    ) -> GqlResult<PageList> {
        let api = ApiContext::of(ctx)?;
        let (content, drafts) = reader(&api).await.map_err(graphql_error)?;
        let status = status_filter(drafts, status.as_deref()).map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let limit = first.unwrap_or(20).clamp(1, 100);
        pages(&api.platform)
            .list(&content, status, locale.as_ref(), after, limit)
            .await
            .map_err(graphql_error)
    }

    /// A menu as a tree in `locale`; null when there is no menu with that handle.
    async fn menu(
        &self,
        ctx: &Context<'_>,
        handle: String,
        locale: Option<String>,
    ) -> GqlResult<Option<MenuTree>> {
        let api = ApiContext::of(ctx)?;
        let (content, drafts) = reader(&api).await.map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        match menus(&api.platform)
            .tree(&content, &handle, locale.as_ref(), drafts)
            .await
        {
            Ok(tree) => Ok(Some(tree)),
            Err(PagesError::MenuNotFound) => Ok(None),
            Err(err) => Err(graphql_error(err)),
        }
    }

    /// The tenant's menus with every item and label (`menus:manage`).
    async fn menus(&self, ctx: &Context<'_>) -> GqlResult<Vec<MenuView>> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "menus:manage")
            .await
            .map_err(graphql_error)?;
        menus(&api.platform)
            .list(&content)
            .await
            .map_err(graphql_error)
    }
}

#[derive(Default)]
pub struct PagesMutation;

#[Object]
impl PagesMutation {
    async fn create_page(&self, ctx: &Context<'_>, input: NewPage) -> GqlResult<PageView> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:create")
            .await
            .map_err(graphql_error)?;
        pages(&api.platform)
            .create(&content, input)
            .await
            .map_err(graphql_error)
    }

    async fn update_page(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: PagePatch,
    ) -> GqlResult<PageView> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:update")
            .await
            .map_err(graphql_error)?;
        pages(&api.platform)
            .update(&content, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    /// `SUBMIT`/`REJECT` need `content:update`, the other transitions `content:publish`.
    async fn transition_page(
        &self,
        ctx: &Context<'_>,
        id: ID,
        transition: Transition,
        publish_at: Option<DateTime<Utc>>,
    ) -> GqlResult<PageView> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, transition_permission(transition))
            .await
            .map_err(graphql_error)?;
        pages(&api.platform)
            .transition(&content, parse_gql_id(&id)?, transition, publish_at)
            .await
            .map_err(graphql_error)
    }

    async fn delete_page(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "content:delete")
            .await
            .map_err(graphql_error)?;
        pages(&api.platform)
            .delete(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    async fn create_menu(&self, ctx: &Context<'_>, input: NewMenu) -> GqlResult<MenuView> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "menus:manage")
            .await
            .map_err(graphql_error)?;
        menus(&api.platform)
            .create(&content, input)
            .await
            .map_err(graphql_error)
    }

    async fn update_menu(
        &self,
        ctx: &Context<'_>,
        id: ID,
        input: MenuPatch,
    ) -> GqlResult<MenuView> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "menus:manage")
            .await
            .map_err(graphql_error)?;
        menus(&api.platform)
            .update(&content, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn delete_menu(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "menus:manage")
            .await
            .map_err(graphql_error)?;
        menus(&api.platform)
            .delete(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    async fn add_menu_item(
        &self,
        ctx: &Context<'_>,
        menu_id: ID,
        input: NewMenuItem,
    ) -> GqlResult<MenuItemView> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "menus:manage")
            .await
            .map_err(graphql_error)?;
        menus(&api.platform)
            .add_item(&content, parse_gql_id(&menu_id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn update_menu_item(
        &self,
        ctx: &Context<'_>,
        menu_id: ID,
        id: ID,
        input: MenuItemPatch,
    ) -> GqlResult<MenuItemView> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "menus:manage")
            .await
            .map_err(graphql_error)?;
        menus(&api.platform)
            .update_item(&content, parse_gql_id(&menu_id)?, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn delete_menu_item(&self, ctx: &Context<'_>, menu_id: ID, id: ID) -> GqlResult<bool> {
        let api = ApiContext::of(ctx)?;
        let content = authorize(&api, "menus:manage")
            .await
            .map_err(graphql_error)?;
        menus(&api.platform)
            .delete_item(&content, parse_gql_id(&menu_id)?, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }
}
