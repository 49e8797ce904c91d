//! One request context for every module's REST handlers and GraphQL resolvers: the platform, the
//! resolved tenant and the caller, with the checks every module makes (module switches, the
//! caller's permission, whether an optional caller holds one). A module's `access.rs` turns it
//! into the module's own service context; handlers and resolvers never repeat the checks.

use async_graphql::Context;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use rustok_core::{Error, Locale, TenantId};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::error::ApiError;
use crate::extract::{AuthUser, CurrentTenant, OptionalAuth};
use crate::graphql::GraphqlScope;
use crate::{PlatformState, require_module};

/// The platform, the tenant and the caller (if signed in) of one request.
#[derive(Clone)]
pub struct ApiContext {
    pub platform: PlatformState,
    pub tenant: TenantContext,
    pub principal: Option<Principal>,
}

impl ApiContext {
    /// The context of a GraphQL resolver (the endpoint put the scope and the platform in).
    pub fn of(ctx: &Context<'_>) -> async_graphql::Result<Self> {
        let scope = GraphqlScope::of(ctx)?;
        Ok(Self {
            platform: ctx.data::<PlatformState>()?.clone(),
            tenant: scope.tenant.clone(),
            principal: scope.principal,
        })
    }

    pub fn tenant_id(&self) -> TenantId {
        self.tenant.id
    }

    /// The signed-in user's id, if any.
    pub fn actor(&self) -> Option<Uuid> {
        self.principal.as_ref().map(|p| p.user_id)
    }

    /// The caller, or 401 `missing_token` for anonymous requests.
    pub fn signed_in(&self) -> Result<&Principal, Error> {
        self.principal.as_ref().ok_or_else(missing_token)
    }

    /// 404 `module_disabled` unless every module in `modules` is on for the tenant.
    pub async fn require_modules(&self, modules: &[&'static str]) -> Result<(), Error> {
        for module in modules {
            require_module(self.platform.as_ref(), self.tenant.id, module).await?;
        }
        Ok(())
    }

    /// The modules must be on and the caller signed in and holding `permission`.
    pub async fn authorize(
        &self,
        modules: &[&'static str],
        permission: &str,
    ) -> Result<&Principal, Error> {
        self.require_modules(modules).await?;
        let principal = self.signed_in()?;
        self.platform.rbac().require(principal, permission).await?;
        Ok(principal)
    }

    /// Whether the caller holds `permission` (anonymous callers hold none): for reads whose
    /// answer depends on who asks (drafts for staff, every comment for moderators).
    pub async fn holds(&self, permission: &str) -> bool {
        crate::holds(self.platform.as_ref(), self.principal.as_ref(), permission).await
    }
}

/// A GraphQL resolver's body, run over the request's context: inside it `?` works on every
/// error that converts into [`Error`] (access checks, services, id and locale parsing), and a
/// failure reaches the client as a GraphQL error with the same `code` and `status` as the REST
/// problem answer ([`crate::graphql_error`]).
///
/// ```ignore
/// async fn create_menu(&self, ctx: &Context<'_>, input: NewMenu) -> GqlResult<MenuView> {
///     resolve(ctx, |api| async move {
///         let content = authorize(&api, "menus:manage").await?;
///         Ok(menus(&api.platform).create(&content, input).await?)
///     })
///     .await
/// }
/// ```
pub async fn resolve<T, Fut>(
    ctx: &Context<'_>,
    body: impl FnOnce(ApiContext) -> Fut,
) -> async_graphql::Result<T>
where
    Fut: Future<Output = Result<T, Error>>,
{
    let api = ApiContext::of(ctx)?;
    body(api).await.map_err(crate::graphql_error)
}

/// A `locale` argument or query parameter, parsed (422 on field `locale` when malformed).
pub fn requested_locale(text: Option<&str>) -> Result<Option<Locale>, Error> {
    text.map(|t| t.parse::<Locale>().map_err(Error::from))
        .transpose()
}

fn missing_token() -> Error {
    Error::unauthorized(
        "missing_token",
        "this operation needs `Authorization: Bearer <access token>`",
    )
}

/// The context of a request for its tenant and `principal`.
async fn request_context(
    parts: &mut Parts,
    state: &PlatformState,
    principal: Option<Principal>,
) -> Result<ApiContext, ApiError> {
    let CurrentTenant(tenant) = CurrentTenant::from_request_parts(parts, state).await?;
    Ok(ApiContext {
        platform: state.clone(),
        tenant,
        principal,
    })
}

/// Any caller (anonymous or signed in; an invalid token is still refused).
impl FromRequestParts<PlatformState> for ApiContext {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &PlatformState,
    ) -> Result<Self, Self::Rejection> {
        let OptionalAuth(principal) = OptionalAuth::from_request_parts(parts, state).await?;
        request_context(parts, state, principal).await
    }
}

/// A signed-in caller: refused with 401 while the request is still being read, before its body
/// is parsed, exactly like [`AuthUser`].
pub struct SignedIn(pub ApiContext);

impl FromRequestParts<PlatformState> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &PlatformState,
    ) -> Result<Self, Self::Rejection> {
        let AuthUser(principal) = AuthUser::from_request_parts(parts, state).await?;
        request_context(parts, state, Some(principal))
            .await
            .map(Self)
    }
}

/// A caller who is not looked at: for public reads whose answer is the same for everyone (a
/// tenant's tags, categories, regions). The `Authorization` header is not read, so a stale
/// token does not stand between a visitor and a public listing.
pub struct Public(pub ApiContext);

impl FromRequestParts<PlatformState> for Public {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &PlatformState,
    ) -> Result<Self, Self::Rejection> {
        request_context(parts, state, None).await.map(Self)
    }
}
