//! Operations shared by REST controllers and GraphQL resolvers. Each one takes the caller
//! (`Principal`) and runs the RBAC guard itself, so both APIs enforce the same rules.

pub mod audit;
pub mod auth;
pub mod events;
pub mod index;
pub mod modules;
pub mod roles;
pub mod tenant_admin;

/// Cursor pagination: callers fetch `limit + 1` rows; this keeps `limit` and returns the cursor
/// of the next page (the last kept row's key) when the extra row showed there is one.
pub fn take_page<T>(
    rows: &mut Vec<T>,
    limit: u64,
    key: impl Fn(&T) -> uuid::Uuid,
) -> Option<uuid::Uuid> {
    let has_more = rows.len() as u64 > limit;
    rows.truncate(limit as usize);
    if has_more { rows.last().map(key) } else { None }
}
