//! RusToK contracts shared by every crate: ids, the platform error, modules, events and cache,
//! and the schema-builder helpers every crate's migrations use ([`schema`]).
//!
//! This crate does no I/O of its own. Read `id.rs`, `error.rs`, `module.rs` and `events/` first.

pub mod cache;
pub mod db;
pub mod error;
pub mod events;
pub mod id;
pub mod locale;
pub mod module;
pub mod pattern;
pub mod read_model;
pub mod schema;
pub mod search;

pub use cache::{CacheBackend, CacheStats, Generations, MemoryCache, TenantScopedCache};
pub use db::{begin_write, count_statements, count_statements_of};
pub use error::{Error, FieldError, Problem, Result};
pub use events::{
    DomainEvent, EventBus, EventDispatcher, EventEnvelope, EventError, EventHandler,
    EventTransport, MemoryTransport, ReliabilityLevel,
};
pub use id::{EventId, ID_PATTERN, IdError, TenantId, UserId, generate_id, parse_id};
pub use locale::{LOCALE_PATTERN, Locale, LocaleError, LocalePolicy};
pub use module::{
    HealthStatus, ModuleContext, ModuleError, ModuleKind, ModuleManifest, ModuleRegistry,
    ModuleSwitches, RusToKModule,
};
pub use read_model::{
    ContentCatalog, ContentCursor, ContentDocument, ContentListing, ContentReads, ContentSort,
    ContentSortKey, IndexedNode, NodeDocumentPage,
};
pub use read_model::{
    DocumentPage, IndexedDocument, ProductCatalog, ProductDocument, ProductKey, ProductListing,
    ProductReads,
};
pub use search::{
    ContentFacets, ContentHit, ContentSearch, ContentSearchFilters, ContentSearchResults,
    FacetCount, PriceBandCount, PriceRange, ProductSearch, SearchBackend, SearchFacets,
    SearchFilters, SearchHit, SearchLimits, SearchResults,
};
