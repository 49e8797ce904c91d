//! Per-request GraphQL data shared by every module's resolvers.

use std::collections::HashSet;
use std::convert::Infallible;

use async_graphql::parser::types::{
    ExecutableDocument, OperationDefinition, Selection, SelectionSet,
};
use async_graphql::{Context, ID, Name, ServerError, ServerResult, Value as ConstValue, Variables};
use rustok_core::{Error, parse_id};
use rustok_rbac::Principal;
use rustok_tenant::TenantContext;
use uuid::Uuid;

use crate::error::graphql_error;
use crate::extract::{NUL_MESSAGE, nul_path};

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

/// No text in a GraphQL operation may hold the NUL character (U+0000), as none in a REST body
/// or URI may ([`crate::ApiJson`]): PostgreSQL `text` cannot store or compare it. An operation
/// whose variables or literal arguments hold one is refused with a `validation_failed` error
/// naming the variable or argument path (`input.translation.title`), before any resolver runs,
/// on every database. Checked by [`crate::graphql_limits::RequestLimits`] with the limits.
pub fn refuse_nul(document: &ExecutableDocument, variables: &Variables) -> ServerResult<()> {
    let field = document
        .operations
        .iter()
        .find_map(|(_, operation)| operation_nul(document, &operation.node, variables));
    match field {
        Some(field) => Err(document_error(Error::invalid_field(field, NUL_MESSAGE))),
        None => Ok(()),
    }
}

/// A refusal of the whole document: no place in it (a variable's value may be the cause).
pub fn document_error(err: Error) -> ServerError {
    let error = graphql_error(err);
    let mut refused = ServerError::new(error.message, None);
    refused.extensions = error.extensions;
    refused
}

/// The path of the first variable value or literal argument of `operation` holding U+0000.
fn operation_nul(
    document: &ExecutableDocument,
    operation: &OperationDefinition,
    variables: &Variables,
) -> Option<String> {
    operation
        .variable_definitions
        .iter()
        .find_map(|definition| {
            let name = &definition.node.name.node;
            let value =
                variables
                    .get(name)
                    .or(definition.node.default_value.as_ref().map(|v| &v.node))?;
            nul_path(&value.clone().into_json().ok()?, name.as_str())
        })
        .or_else(|| {
            let mut seen = HashSet::new();
            selection_nul(document, &operation.selection_set.node, &mut seen)
        })
}

fn selection_nul<'a>(
    document: &'a ExecutableDocument,
    selection_set: &'a SelectionSet,
    seen: &mut HashSet<&'a Name>,
) -> Option<String> {
    selection_set
        .items
        .iter()
        .find_map(|item| match &item.node {
            Selection::Field(field) => field
                .node
                .arguments
                .iter()
                .find_map(|(name, value)| {
                    // Variables are checked by value; a literal is what the document holds.
                    let literal = value
                        .node
                        .clone()
                        .into_const_with(|_| Ok::<_, Infallible>(ConstValue::Null))
                        .ok()?;
                    nul_path(&literal.into_json().ok()?, name.node.as_str())
                })
                .or_else(|| selection_nul(document, &field.node.selection_set.node, seen)),
            Selection::InlineFragment(fragment) => {
                selection_nul(document, &fragment.node.selection_set.node, seen)
            }
            Selection::FragmentSpread(spread) => {
                let name = &spread.node.fragment_name.node;
                // The document is not validated yet: a fragment cycle must not recurse forever.
                if !seen.insert(name) {
                    return None;
                }
                let fragment = document.fragments.get(name)?;
                selection_nul(document, &fragment.node.selection_set.node, seen)
            }
        })
}
