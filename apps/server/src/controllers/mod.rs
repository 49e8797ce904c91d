//! REST controllers. Each handler is thin: extract, call a service, shape the response.
//! Every route is declared with `#[utoipa::path]` and mounted through `OpenApiRouter`, so the
//! OpenAPI document cannot miss one.

pub mod assets;
pub mod audit;
pub mod auth;
pub mod events;
pub mod graphql;
pub mod modules;
pub mod ops;
pub mod rbac;
pub mod tenants;
