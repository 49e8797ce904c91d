//! Modules: what a domain crate implements to be part of RusToK, and the registry that orders them.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use async_trait::async_trait;
use sea_orm::DatabaseConnection;
use sea_orm_migration::MigrationTrait;
use serde::Serialize;

use crate::events::EventHandler;
use crate::id::TenantId;

/// Core modules are always on; optional ones can be toggled per tenant (`tenant_modules`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ModuleKind {
    Core,
    Optional,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "status", content = "reason", rename_all = "snake_case")]
pub enum HealthStatus {
    Healthy,
    Degraded(String),
    Unhealthy(String),
}

impl HealthStatus {
    pub fn label(&self) -> &'static str {
        match self {
            Self::Healthy => "healthy",
            Self::Degraded(_) => "degraded",
            Self::Unhealthy(_) => "unhealthy",
        }
    }

    pub fn reason(&self) -> Option<&str> {
        match self {
            Self::Healthy => None,
            Self::Degraded(reason) | Self::Unhealthy(reason) => Some(reason),
        }
    }

    /// Severity order used to aggregate: the worst status wins.
    fn rank(&self) -> u8 {
        match self {
            Self::Healthy => 0,
            Self::Degraded(_) => 1,
            Self::Unhealthy(_) => 2,
        }
    }

    pub fn worst(statuses: impl IntoIterator<Item = HealthStatus>) -> HealthStatus {
        statuses
            .into_iter()
            .max_by_key(HealthStatus::rank)
            .unwrap_or(HealthStatus::Healthy)
    }
}

/// What a module may use when asked for its health or toggled for a tenant.
#[derive(Clone)]
pub struct ModuleContext {
    pub db: DatabaseConnection,
}

/// What a module is, as the registry, `GET /api/v1/modules` and the admin show it: one constant
/// per module ([`RusToKModule::manifest`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModuleManifest {
    /// Stable identifier, used in `tenant_modules.module_slug`, and permissions.
    pub slug: &'static str,
    pub name: &'static str,
    pub description: &'static str,
    /// The module crate's version (`env!("CARGO_PKG_VERSION")`).
    pub version: &'static str,
    /// Core modules are always on; optional ones can be switched per tenant.
    pub kind: ModuleKind,
    /// Slugs of modules that must be present (and come earlier in boot order).
    pub dependencies: &'static [&'static str],
    /// `resource:action` permissions this module checks, so the admin can list and grant them.
    pub permissions: &'static [&'static str],
}

#[async_trait]
pub trait RusToKModule: Send + Sync {
    /// The module's identity, kind, dependencies and permissions.
    fn manifest(&self) -> &ModuleManifest;

    fn slug(&self) -> &'static str {
        self.manifest().slug
    }
    fn name(&self) -> &'static str {
        self.manifest().name
    }
    fn description(&self) -> &'static str {
        self.manifest().description
    }
    fn version(&self) -> &'static str {
        self.manifest().version
    }
    fn kind(&self) -> ModuleKind {
        self.manifest().kind
    }
    fn dependencies(&self) -> &'static [&'static str] {
        self.manifest().dependencies
    }
    fn permissions(&self) -> &'static [&'static str] {
        self.manifest().permissions
    }

    /// The module's own tables; the `migration` crate runs them after the platform's.
    fn migrations(&self) -> Vec<Box<dyn MigrationTrait>> {
        Vec::new()
    }

    fn event_handlers(&self) -> Vec<Arc<dyn EventHandler>> {
        Vec::new()
    }

    async fn health(&self, _ctx: &ModuleContext) -> HealthStatus {
        HealthStatus::Healthy
    }

    async fn on_enable(&self, _ctx: &ModuleContext, _tenant: TenantId) -> crate::Result<()> {
        Ok(())
    }

    async fn on_disable(&self, _ctx: &ModuleContext, _tenant: TenantId) -> crate::Result<()> {
        Ok(())
    }
}

/// The per-tenant module switches, which the platform keeps (`tenant_modules`). A module's work
/// that runs across tenants (content's scheduler) asks here which tenants to leave alone instead
/// of reading the platform's tables; the tenant side implements it and the server hands it over.
#[async_trait]
pub trait ModuleSwitches: Send + Sync {
    /// The tenants that switched `module` off.
    async fn tenants_without(&self, module: &str) -> crate::Result<Vec<TenantId>>;
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ModuleError {
    #[error("module `{0}` is registered twice")]
    Duplicate(String),
    #[error(
        "module `{module}` depends on `{dependency}`, which is not built into this binary \
         (build `{dependency}` in or leave `{module}` out)"
    )]
    MissingDependency { module: String, dependency: String },
    #[error("module dependency cycle: {}", .0.join(" -> "))]
    Cycle(Vec<String>),
}

/// The modules built into this binary, in dependency order (dependencies first).
#[derive(Clone, Default)]
pub struct ModuleRegistry {
    modules: Vec<Arc<dyn RusToKModule>>,
}

impl ModuleRegistry {
    /// Orders `modules` so every module comes after its dependencies; ties keep registration order.
    pub fn new(modules: Vec<Arc<dyn RusToKModule>>) -> Result<Self, ModuleError> {
        let mut by_slug: HashMap<&'static str, usize> = HashMap::new();
        for (index, module) in modules.iter().enumerate() {
            if by_slug.insert(module.slug(), index).is_some() {
                return Err(ModuleError::Duplicate(module.slug().to_string()));
            }
        }
        for module in &modules {
            for dependency in module.dependencies() {
                if !by_slug.contains_key(dependency) {
                    return Err(ModuleError::MissingDependency {
                        module: module.slug().to_string(),
                        dependency: (*dependency).to_string(),
                    });
                }
            }
        }

        let mut ordered = Vec::with_capacity(modules.len());
        let mut done: HashSet<&'static str> = HashSet::new();
        let mut visiting: Vec<&'static str> = Vec::new();
        for module in &modules {
            visit(
                module.slug(),
                &modules,
                &by_slug,
                &mut done,
                &mut visiting,
                &mut ordered,
            )?;
        }
        Ok(Self { modules: ordered })
    }

    pub fn modules(&self) -> &[Arc<dyn RusToKModule>] {
        &self.modules
    }

    pub fn get(&self, slug: &str) -> Option<&Arc<dyn RusToKModule>> {
        self.modules.iter().find(|m| m.slug() == slug)
    }

    pub fn slugs(&self) -> Vec<&'static str> {
        self.modules.iter().map(|m| m.slug()).collect()
    }

    /// Optional modules that depend on `slug` (directly), for refusing to disable a needed module.
    pub fn dependents_of(&self, slug: &str) -> Vec<&'static str> {
        self.modules
            .iter()
            .filter(|m| m.dependencies().contains(&slug))
            .map(|m| m.slug())
            .collect()
    }
}

/// Depth-first visit; `visiting` is the current path, so a repeat on it is a cycle we can print.
fn visit(
    slug: &'static str,
    modules: &[Arc<dyn RusToKModule>],
    by_slug: &HashMap<&'static str, usize>,
    done: &mut HashSet<&'static str>,
    visiting: &mut Vec<&'static str>,
    ordered: &mut Vec<Arc<dyn RusToKModule>>,
) -> Result<(), ModuleError> {
    if done.contains(slug) {
        return Ok(());
    }
    if let Some(start) = visiting.iter().position(|s| *s == slug) {
        let mut cycle: Vec<String> = visiting[start..].iter().map(|s| s.to_string()).collect();
        cycle.push(slug.to_string());
        return Err(ModuleError::Cycle(cycle));
    }
    let module = &modules[by_slug[slug]];
    visiting.push(slug);
    for dependency in module.dependencies() {
        visit(dependency, modules, by_slug, done, visiting, ordered)?;
    }
    visiting.pop();
    done.insert(slug);
    ordered.push(module.clone());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fake(ModuleManifest);

    #[async_trait]
    impl RusToKModule for Fake {
        fn manifest(&self) -> &ModuleManifest {
            &self.0
        }
    }

    fn fake(slug: &'static str, deps: &'static [&'static str]) -> Arc<dyn RusToKModule> {
        Arc::new(Fake(ModuleManifest {
            slug,
            name: slug,
            description: "test module",
            version: "0.0.0",
            kind: ModuleKind::Optional,
            dependencies: deps,
            permissions: &[],
        }))
    }

    #[test]
    fn orders_dependencies_first_and_keeps_registration_order_otherwise() {
        let registry = ModuleRegistry::new(vec![
            fake("blog", &["content"]),
            fake("commerce", &[]),
            fake("content", &["tenant"]),
            fake("tenant", &[]),
            fake("forum", &["content"]),
        ])
        .unwrap();
        assert_eq!(
            registry.slugs(),
            vec!["tenant", "content", "blog", "commerce", "forum"]
        );
    }

    #[test]
    fn refuses_a_cycle_and_names_it() {
        let err = ModuleRegistry::new(vec![
            fake("a", &["b"]),
            fake("b", &["c"]),
            fake("c", &["a"]),
        ])
        .err()
        .unwrap();
        assert_eq!(
            err,
            ModuleError::Cycle(vec!["a".into(), "b".into(), "c".into(), "a".into()])
        );
        assert_eq!(err.to_string(), "module dependency cycle: a -> b -> c -> a");
    }

    #[test]
    fn refuses_a_self_dependency() {
        let err = ModuleRegistry::new(vec![fake("a", &["a"])]).err().unwrap();
        assert_eq!(err, ModuleError::Cycle(vec!["a".into(), "a".into()]));
    }

    #[test]
    fn refuses_a_missing_dependency_with_a_clear_message() {
        let err = ModuleRegistry::new(vec![fake("blog", &["content"])])
            .err()
            .unwrap();
        assert!(err.to_string().contains("`blog` depends on `content`"));
    }

    #[test]
    fn refuses_duplicates() {
        let err = ModuleRegistry::new(vec![fake("a", &[]), fake("a", &[])])
            .err()
            .unwrap();
        assert_eq!(err, ModuleError::Duplicate("a".into()));
    }

    #[test]
    fn worst_health_wins() {
        let worst = HealthStatus::worst([
            HealthStatus::Healthy,
            HealthStatus::Unhealthy("db down".into()),
            HealthStatus::Degraded("slow".into()),
        ]);
        assert_eq!(worst, HealthStatus::Unhealthy("db down".into()));
        assert_eq!(HealthStatus::worst([]), HealthStatus::Healthy);
    }
}
