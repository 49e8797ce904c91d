//! GraphQL queries and mutations, merged into the server's schema. Same services and the same
//! checks (`access.rs`) as REST; errors carry the same codes in `extensions`.

use async_graphql::{Context, ID, Object};
use chrono::{DateTime, Utc};
use rustok_api::{GraphqlScope, PlatformState, graphql_error, parse_gql_id};
use rustok_content::{ContentContext, NodeStatus, Transition};

use crate::PagesError;
use crate::access::{
    authorize, can_read_drafts, context, listing_status, menus, pages, requested_locale,
    require_modules, transition_permission,
};
use crate::dto::{
    MenuItemPatch, MenuItemView, MenuPatch, MenuTree, MenuView, NewMenu, NewMenuItem, NewPage,
    PageList, PagePatch, PageView,
};

type GqlResult<T> = async_graphql::Result<T>;

fn platform<'a>(ctx: &'a Context<'_>) -> GqlResult<&'a PlatformState> {
    ctx.data::<PlatformState>()
}

/// A signed-in caller holding `permission` in a tenant with content and pages on: their write
/// context and the platform.
async fn authorized<'a>(
    ctx: &'a Context<'_>,
    permission: &str,
) -> GqlResult<(ContentContext, &'a PlatformState)> {
    let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
    let principal = scope.signed_in()?;
    let content = authorize(platform, &scope.tenant, principal, permission)
        .await
        .map_err(graphql_error)?;
    Ok((content, platform))
}

/// Any caller in a tenant with content and pages on: their read context, whether they may see
/// drafts, and the platform.
async fn reader<'a>(ctx: &'a Context<'_>) -> GqlResult<(ContentContext, bool, &'a PlatformState)> {
    let (scope, platform) = (GraphqlScope::of(ctx)?, platform(ctx)?);
    require_modules(platform, &scope.tenant)
        .await
        .map_err(graphql_error)?;
    let drafts = can_read_drafts(platform, scope.principal.as_ref()).await;
    Ok((
        context(&scope.tenant, scope.principal.as_ref()),
        drafts,
        platform,
    ))
}

/// A page, or null when it does not exist or the caller may not see it.
fn visible(found: Result<PageView, PagesError>, drafts: bool) -> GqlResult<Option<PageView>> {
    match found {
        Ok(page) if drafts || page.status == NodeStatus::Published.as_str() => Ok(Some(page)),
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
        let (content, drafts, platform) = reader(ctx).await?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let found = pages(platform)
            .get(&content, parse_gql_id(&id)?, locale.as_ref())
            .await;
        visible(found, drafts)
    }

    /// A page by its slug in any locale, returned in `locale` (or the tenant default).
    async fn page_by_slug(
        &self,
        ctx: &Context<'_>,
        slug: String,
        locale: Option<String>,
    ) -> GqlResult<Option<PageView>> {
        let (content, drafts, platform) = reader(ctx).await?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let found = pages(platform)
            .get_by_slug(&content, &slug, locale.as_ref())
            .await;
        visible(found, drafts)
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
        let (content, _, platform) = reader(ctx).await?;
        let scope = GraphqlScope::of(ctx)?;
        let status = listing_status(platform, scope.principal.as_ref(), status.as_deref())
            .await
            .map_err(graphql_error)?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        let limit = first.unwrap_or(20).clamp(1, 100);
        pages(platform)
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
        let (content, drafts, platform) = reader(ctx).await?;
        let locale = requested_locale(locale.as_deref()).map_err(graphql_error)?;
        match menus(platform)
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
        let (content, platform) = authorized(ctx, "menus:manage").await?;
        menus(platform).list(&content).await.map_err(graphql_error)
    }
}

#[derive(Default)]
pub struct PagesMutation;

#[Object]
impl PagesMutation {
    async fn create_page(&self, ctx: &Context<'_>, input: NewPage) -> GqlResult<PageView> {
        let (content, platform) = authorized(ctx, "content:create").await?;
        pages(platform)
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
        let (content, platform) = authorized(ctx, "content:update").await?;
        pages(platform)
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
        let (content, platform) = authorized(ctx, transition_permission(transition)).await?;
        pages(platform)
            .transition(&content, parse_gql_id(&id)?, transition, publish_at)
            .await
            .map_err(graphql_error)
    }

    async fn delete_page(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (content, platform) = authorized(ctx, "content:delete").await?;
        pages(platform)
            .delete(&content, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }

    async fn create_menu(&self, ctx: &Context<'_>, input: NewMenu) -> GqlResult<MenuView> {
        let (content, platform) = authorized(ctx, "menus:manage").await?;
        menus(platform)
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
        let (content, platform) = authorized(ctx, "menus:manage").await?;
        menus(platform)
            .update(&content, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn delete_menu(&self, ctx: &Context<'_>, id: ID) -> GqlResult<bool> {
        let (content, platform) = authorized(ctx, "menus:manage").await?;
        menus(platform)
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
        let (content, platform) = authorized(ctx, "menus:manage").await?;
        menus(platform)
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
        let (content, platform) = authorized(ctx, "menus:manage").await?;
        menus(platform)
            .update_item(&content, parse_gql_id(&menu_id)?, parse_gql_id(&id)?, input)
            .await
            .map_err(graphql_error)
    }

    async fn delete_menu_item(&self, ctx: &Context<'_>, menu_id: ID, id: ID) -> GqlResult<bool> {
        let (content, platform) = authorized(ctx, "menus:manage").await?;
        menus(platform)
            .delete_item(&content, parse_gql_id(&menu_id)?, parse_gql_id(&id)?)
            .await
            .map_err(graphql_error)?;
        Ok(true)
    }
}
