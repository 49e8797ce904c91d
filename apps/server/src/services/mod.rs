//! Operations shared by REST controllers and GraphQL resolvers. Each one takes the caller
//! (`Principal`) and runs the RBAC guard itself, so both APIs enforce the same rules.

pub mod audit;
pub mod auth;
pub mod events;
pub mod modules;
pub mod roles;
pub mod tenant_admin;
