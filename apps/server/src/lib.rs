//! `rustok-server`: the Loco application that composes RusToK.
//!
//! Start with `app.rs` (boot and composition), `routes.rs` (HTTP surface and middleware),
//! `settings.rs` (configuration), then `services/` (what the APIs do).

pub mod app;
pub mod controllers;
pub mod graphql;
pub mod logging;
pub mod middleware;
pub mod models;
pub mod modules;
pub mod openapi;
pub mod routes;
pub mod seed;
pub mod services;
pub mod settings;
pub mod state;
pub mod tasks;
