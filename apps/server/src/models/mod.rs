//! Entities of the tables the server owns: `users`, `refresh_tokens` (auth) and `audit_log`.

pub mod audit_log;
pub mod refresh_tokens;
pub mod users;
