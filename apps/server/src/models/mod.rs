//! Entities of the tables the server's auth owns: `users` and `refresh_tokens`.

pub mod refresh_tokens;
pub mod users;
