//! The blog module through the real router: posts, comment moderation, closed comments,
//! visibility, permissions, tenants and the module switch. Staff are a tenant's admin; readers
//! are registered customers.

mod comments;
mod posts;
