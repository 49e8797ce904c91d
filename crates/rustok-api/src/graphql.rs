//! Per-request GraphQL data shared by every module's resolvers.

use async_graphql::{Context, ID};
use rustok_core::{Error, parse_id};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::error::graphql_error;

/// Set by the GraphQL endpoint on every request: the resolved tenant and the caller, if any.
pub struct GraphqlScope {
    pub tenant: TenantContext,
    pub principal: Option<Principal>,
}

impl GraphqlScope {
    pub fn of<'a>(ctx: &'a Context<'_>) -> async_graphql::Result<&'a GraphqlScope> {
        ctx.data::<GraphqlScope>()
    }

    /// The caller, or a `missing_token` error for anonymous requests.
    pub fn signed_in(&self) -> async_graphql::Result<&Principal> {
        self.principal.as_ref().ok_or_else(|| {
            graphql_error(Error::unauthorized(
                "missing_token",
                "this operation needs `Authorization: Bearer <access token>`",
            ))
        })
    }
}

/// An `ID` argument as a UUID (ULID or UUID text), or an `invalid_id` error.
pub fn parse_gql_id(value: &ID) -> async_graphql::Result<Uuid> {
    parse_id(value.as_str()).map_err(graphql_error)
}

/// An optional `ID` argument as a UUID, for [`crate::resolve`] bodies (`invalid_id` when
/// malformed).
pub fn optional_id(value: Option<&ID>) -> Result<Option<Uuid>, Error> {
    Ok(value.map(|id| parse_id(id.as_str())).transpose()?)
}
