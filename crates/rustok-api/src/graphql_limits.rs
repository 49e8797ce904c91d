//! What one GraphQL request may ask for, checked on the parsed document before any resolver
//! runs, and how much of the database pool its root fields may hold at once.
//!
//! The cost of a request counts the rows it can make the server read, not only its fields:
//! every selected field costs 1, and the selection of a list field counts once per item it may
//! return. The item count of a list is the page size the client asked for (`first` or `limit`
//! on the list field or on the page object around it, e.g. `nodes(first: 100) { items { … } }`;
//! 20 when it is not given, at most [`crate::MAX_PAGE_SIZE`]), or [`NESTED_LIST_ITEMS`] for a
//! list without a page size (a product's variants, a variant's prices). Nested lists multiply.
//! Introspection fields (`__schema`, `__type`) cost nothing: introspection is switched off in
//! production.
//!
//! A request over a limit is refused with one error, code `query_too_complex` (status 400),
//! that names the limit, its value and what the request asked for. The same extension refuses
//! U+0000 in the operation's texts ([`crate::graphql::refuse_nul`]).
//!
//! The schema's field types come from async-graphql's registry (pinned in `Cargo.lock`; the
//! tests here fail if its shape changes).

use std::collections::HashMap;
use std::sync::Arc;

use async_graphql::extensions::{
    Extension, ExtensionContext, ExtensionFactory, NextParseQuery, NextResolve, ResolveInfo,
};
use async_graphql::parser::types::{
    ExecutableDocument, OperationDefinition, OperationType, Selection, SelectionSet,
};
use async_graphql::registry::{MetaTypeName, Registry};
use async_graphql::{Name, ServerResult, Value as ConstValue, Variables};
use rustok_core::Error;
use tokio::sync::Semaphore;

use crate::MAX_PAGE_SIZE;
use crate::graphql::{document_error, refuse_nul};

/// Items assumed for a list field without a page size.
pub const NESTED_LIST_ITEMS: u64 = 5;
/// Items assumed for a paged list when the client gives no page size (the usual default).
pub const DEFAULT_PAGE_ITEMS: u64 = 20;
/// Arguments read as the page size of a list.
const PAGE_ARGUMENTS: [&str; 2] = ["first", "limit"];
/// Fragments spread inside fragments deeper than this are not followed (validation refuses
/// cycles later; this only bounds the walk before it).
const MAX_FRAGMENT_NESTING: usize = 32;

/// The limits of one request; every one is a setting (`settings.rustok.graphql.*`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GraphqlLimits {
    /// Nesting of selections (the standard introspection query needs 13).
    pub max_depth: usize,
    /// The cost described in the module documentation.
    pub max_cost: u64,
    /// Aliased fields in the whole document.
    pub max_aliases: usize,
    /// Fields selected at the root of one operation (aliases included).
    pub max_root_fields: usize,
    /// Root fields of one request resolved at once (queries resolve them concurrently; each
    /// may hold a database connection).
    pub root_concurrency: usize,
}

impl Default for GraphqlLimits {
    fn default() -> Self {
        Self {
            max_depth: 20,
            max_cost: 25_000,
            max_aliases: 10,
            max_root_fields: 10,
            root_concurrency: 4,
        }
    }
}

/// What the checks measured of an operation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Measured {
    pub depth: usize,
    pub cost: u64,
    pub aliases: usize,
    pub root_fields: usize,
}

/// Schema extension enforcing [`GraphqlLimits`].
pub struct RequestLimits(pub GraphqlLimits);

impl ExtensionFactory for RequestLimits {
    fn create(&self) -> Arc<dyn Extension> {
        Arc::new(LimitsCheck {
            limits: self.0,
            root_fields: Arc::new(Semaphore::new(self.0.root_concurrency.max(1))),
        })
    }
}

/// One per request.
struct LimitsCheck {
    limits: GraphqlLimits,
    root_fields: Arc<Semaphore>,
}

#[async_trait::async_trait]
impl Extension for LimitsCheck {
    async fn parse_query(
        &self,
        ctx: &ExtensionContext<'_>,
        query: &str,
        variables: &Variables,
        next: NextParseQuery<'_>,
    ) -> ServerResult<ExecutableDocument> {
        let document = next.run(ctx, query, variables).await?;
        let registry = &ctx.schema_env.registry;
        for (_, operation) in document.operations.iter() {
            let measured = measure(registry, &document, &operation.node, variables);
            if let Some(message) = over_limit(&self.limits, &measured) {
                return Err(document_error(Error::bad_request(
                    "query_too_complex",
                    message,
                )));
            }
        }
        refuse_nul(&document, variables)?;
        Ok(document)
    }

    async fn resolve(
        &self,
        ctx: &ExtensionContext<'_>,
        info: ResolveInfo<'_>,
        next: NextResolve<'_>,
    ) -> ServerResult<Option<ConstValue>> {
        if info.path_node.parent.is_some() {
            return next.run(ctx, info).await;
        }
        // A closed semaphore never happens (nothing closes it); resolve unbounded if it did.
        let _permit = self.root_fields.acquire().await.ok();
        next.run(ctx, info).await
    }
}

/// The first limit `measured` exceeds, as the error message.
pub fn over_limit(limits: &GraphqlLimits, measured: &Measured) -> Option<String> {
    let count = |n: usize| u64::try_from(n).unwrap_or(u64::MAX);
    let checks = [
        ("depth", count(limits.max_depth), count(measured.depth)),
        ("alias", count(limits.max_aliases), count(measured.aliases)),
        (
            "root field",
            count(limits.max_root_fields),
            count(measured.root_fields),
        ),
        ("cost", limits.max_cost, measured.cost),
    ];
    checks
        .iter()
        .find(|(_, limit, asked)| asked > limit)
        .map(|(what, limit, asked)| {
            format!("the query exceeds the {what} limit of {limit} (it asks for {asked})")
        })
}

/// Depth, cost, aliases and root fields of `operation` (aliases: of the whole document).
pub fn measure(
    registry: &Registry,
    document: &ExecutableDocument,
    operation: &OperationDefinition,
    variables: &Variables,
) -> Measured {
    let root = match operation.ty {
        OperationType::Query => Some(registry.query_type.as_str()),
        OperationType::Mutation => registry.mutation_type.as_deref(),
        OperationType::Subscription => registry.subscription_type.as_deref(),
    };
    // Variables as the operation sees them: the values sent, else the declared defaults.
    let mut values: HashMap<&Name, ConstValue> = HashMap::new();
    for definition in &operation.variable_definitions {
        let name = &definition.node.name.node;
        let value = variables.get(name).cloned().or_else(|| {
            definition
                .node
                .default_value
                .as_ref()
                .map(|v| v.node.clone())
        });
        if let Some(value) = value {
            values.insert(name, value);
        }
    }
    let walk = Walk {
        registry,
        document,
        variables: &values,
    };
    let (cost, depth) = walk.cost(&operation.selection_set.node, root, None, 1, 0);
    let aliases = document
        .operations
        .iter()
        .map(|(_, operation)| aliases(&operation.node.selection_set.node))
        .chain(
            document
                .fragments
                .values()
                .map(|fragment| aliases(&fragment.node.selection_set.node)),
        )
        .sum();
    Measured {
        depth,
        cost,
        aliases,
        root_fields: walk.fields_at_root(&operation.selection_set.node, 0),
    }
}

fn aliases(selection_set: &SelectionSet) -> usize {
    selection_set
        .items
        .iter()
        .map(|item| match &item.node {
            Selection::Field(field) => {
                usize::from(field.node.alias.is_some()) + aliases(&field.node.selection_set.node)
            }
            Selection::InlineFragment(fragment) => aliases(&fragment.node.selection_set.node),
            Selection::FragmentSpread(_) => 0,
        })
        .sum()
}

struct Walk<'a> {
    registry: &'a Registry,
    document: &'a ExecutableDocument,
    variables: &'a HashMap<&'a Name, ConstValue>,
}

impl Walk<'_> {
    /// Fields selected at the root, through fragments.
    fn fields_at_root(&self, selection_set: &SelectionSet, nesting: usize) -> usize {
        selection_set
            .items
            .iter()
            .map(|item| match &item.node {
                Selection::Field(_) => 1,
                Selection::InlineFragment(fragment) => {
                    self.fields_at_root(&fragment.node.selection_set.node, nesting)
                }
                Selection::FragmentSpread(spread) if nesting < MAX_FRAGMENT_NESTING => self
                    .document
                    .fragments
                    .get(&spread.node.fragment_name.node)
                    .map_or(0, |fragment| {
                        self.fields_at_root(&fragment.node.selection_set.node, nesting + 1)
                    }),
                Selection::FragmentSpread(_) => 0,
            })
            .sum()
    }

    /// The cost of a selection set of `type_name` and its depth below (`level` is its own).
    /// `page` is the page size asked on an enclosing object, for the first list inside it.
    fn cost(
        &self,
        selection_set: &SelectionSet,
        type_name: Option<&str>,
        page: Option<u64>,
        level: usize,
        nesting: usize,
    ) -> (u64, usize) {
        let mut cost: u64 = 0;
        let mut depth = if selection_set.items.is_empty() {
            0
        } else {
            level
        };
        let meta = type_name.and_then(|name| self.registry.types.get(name));
        for item in &selection_set.items {
            let (item_cost, item_depth) = match &item.node {
                Selection::Field(field) => {
                    let name = field.node.name.node.as_str();
                    if name.starts_with("__") {
                        continue;
                    }
                    let meta_field = meta.and_then(|meta| meta.field_by_name(name));
                    let field_type = meta_field.map(|field| field.ty.as_str());
                    let is_list = field_type.is_some_and(|ty| {
                        matches!(
                            MetaTypeName::create(ty).unwrap_non_null(),
                            MetaTypeName::List(_)
                        )
                    });
                    let asked = field.node.arguments.iter().find_map(|(argument, value)| {
                        if !PAGE_ARGUMENTS.contains(&argument.node.as_str()) {
                            return None;
                        }
                        let value = value
                            .node
                            .clone()
                            .into_const_with(|variable| {
                                Ok::<_, std::convert::Infallible>(
                                    self.variables.get(&variable).cloned().unwrap_or_default(),
                                )
                            })
                            .ok()?;
                        match value {
                            ConstValue::Number(number) => Some(number.as_u64().unwrap_or(0)),
                            _ => None,
                        }
                    });
                    let takes_page = meta_field.is_some_and(|field| {
                        PAGE_ARGUMENTS
                            .iter()
                            .any(|name| field.args.contains_key(*name))
                    });
                    let own_page = asked
                        .or(takes_page.then_some(DEFAULT_PAGE_ITEMS))
                        .map(|items| items.min(MAX_PAGE_SIZE));
                    let (items, inner_page) = if is_list {
                        (own_page.or(page).unwrap_or(NESTED_LIST_ITEMS), None)
                    } else {
                        (1, own_page.or(page))
                    };
                    let child_type = field_type.map(MetaTypeName::concrete_typename);
                    let (children, child_depth) = self.cost(
                        &field.node.selection_set.node,
                        child_type,
                        inner_page,
                        level + 1,
                        nesting,
                    );
                    (
                        items.saturating_mul(children).saturating_add(1),
                        child_depth.max(level),
                    )
                }
                Selection::InlineFragment(fragment) => {
                    let on = fragment
                        .node
                        .type_condition
                        .as_ref()
                        .map(|condition| condition.node.on.node.as_str())
                        .or(type_name);
                    self.cost(&fragment.node.selection_set.node, on, page, level, nesting)
                }
                Selection::FragmentSpread(spread) => {
                    let fragment = self.document.fragments.get(&spread.node.fragment_name.node);
                    match fragment {
                        Some(fragment) if nesting < MAX_FRAGMENT_NESTING => {
                            let on = fragment.node.type_condition.node.on.node.as_str();
                            self.cost(
                                &fragment.node.selection_set.node,
                                Some(on),
                                page,
                                level,
                                nesting + 1,
                            )
                        }
                        _ => (0, 0),
                    }
                }
            };
            cost = cost.saturating_add(item_cost);
            depth = depth.max(item_depth);
        }
        (cost, depth)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use async_graphql::{EmptyMutation, EmptySubscription, Object, Schema, SimpleObject};

    use super::*;

    #[derive(SimpleObject, Clone)]
    struct Price {
        amount: i64,
        currency: String,
    }

    #[derive(SimpleObject, Clone)]
    struct Item {
        id: u64,
        prices: Vec<Price>,
    }

    #[derive(SimpleObject)]
    struct Page {
        items: Vec<Item>,
        next_cursor: Option<String>,
    }

    /// Root fields resolving now, and the most seen at once.
    #[derive(Default)]
    struct Running {
        now: AtomicUsize,
        most: AtomicUsize,
    }

    struct Query;

    #[Object]
    impl Query {
        async fn page(&self, first: Option<u64>) -> Page {
            let _ = first;
            Page {
                items: Vec::new(),
                next_cursor: None,
            }
        }

        async fn tags(&self) -> Vec<String> {
            Vec::new()
        }

        async fn slow(&self, ctx: &async_graphql::Context<'_>) -> bool {
            let running = ctx.data_unchecked::<Arc<Running>>();
            let now = running.now.fetch_add(1, Ordering::SeqCst) + 1;
            running.most.fetch_max(now, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(20)).await;
            running.now.fetch_sub(1, Ordering::SeqCst);
            true
        }
    }

    fn schema(limits: GraphqlLimits) -> Schema<Query, EmptyMutation, EmptySubscription> {
        Schema::build(Query, EmptyMutation, EmptySubscription)
            .extension(RequestLimits(limits))
            .finish()
    }

    /// What the extension measured of `query`, read from its refusals with every limit at 0.
    fn measured(query: &str, variables: serde_json::Value) -> Measured {
        let asked = |limits: GraphqlLimits| {
            let request = async_graphql::Request::new(query)
                .variables(Variables::from_json(variables.clone()));
            let response = futures_executor(schema(limits).execute(request));
            let message = response.errors.first().map(|e| e.message.clone());
            let message = message.unwrap_or_default();
            let number = message
                .rsplit("asks for ")
                .next()
                .and_then(|tail| tail.strip_suffix(')'))
                .and_then(|n| n.parse::<u64>().ok());
            number.unwrap_or(0)
        };
        let open = GraphqlLimits {
            max_depth: usize::MAX,
            max_cost: u64::MAX,
            max_aliases: usize::MAX,
            max_root_fields: usize::MAX,
            root_concurrency: 4,
        };
        let count = |n: u64| usize::try_from(n).unwrap_or(usize::MAX);
        Measured {
            depth: count(asked(GraphqlLimits {
                max_depth: 0,
                ..open
            })),
            cost: asked(GraphqlLimits {
                max_cost: 0,
                ..open
            }),
            aliases: count(asked(GraphqlLimits {
                max_aliases: 0,
                ..open
            })),
            root_fields: count(asked(GraphqlLimits {
                max_root_fields: 0,
                ..open
            })),
        }
    }

    fn futures_executor<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
            .block_on(future)
    }

    #[test]
    fn lists_cost_their_page_size_and_nested_lists_multiply() {
        // page 1 + items 1 + 100 × (id 1 + prices 1 + 5 × (amount 1 + currency 1)).
        let page = measured(
            "{ page(first: 100) { items { id prices { amount currency } } } }",
            serde_json::json!({}),
        );
        assert_eq!(page.cost, 1 + 1 + 100 * (1 + 1 + 5 * 2));
        assert_eq!(page.depth, 4);
        assert_eq!(page.root_fields, 1);
        // No page size: the usual default; a variable: its value; above the maximum: 100.
        let no_size = measured("{ page { items { id } } }", serde_json::json!({}));
        assert_eq!(no_size.cost, 2 + DEFAULT_PAGE_ITEMS);
        let variable = measured(
            "query($n: Int) { page(first: $n) { items { id } } }",
            serde_json::json!({"n": 7}),
        );
        assert_eq!(variable.cost, 2 + 7);
        let capped = measured(
            "{ page(first: 100000) { items { id } } }",
            serde_json::json!({}),
        );
        assert_eq!(capped.cost, 2 + MAX_PAGE_SIZE);
        // A list of scalars is one field; introspection costs nothing.
        let tags = measured(
            "{ tags __schema { types { name } } }",
            serde_json::json!({}),
        );
        assert_eq!(tags.cost, 1);
        // Fragments count where they are spread, aliases wherever they are.
        let spread = measured(
            "{ a: page(first: 10) { ...p } b: page(first: 10) { ...p } } \
             fragment p on Page { items { x: id } }",
            serde_json::json!({}),
        );
        assert_eq!(spread.cost, 2 * (2 + 10));
        assert_eq!(spread.aliases, 3);
        assert_eq!(spread.root_fields, 2);
    }

    /// The parser refuses a fragment cycle (its recursion limit) before the walk; the walk's
    /// own bound is only a second guard.
    #[test]
    fn a_fragment_cycle_is_refused() {
        let request = async_graphql::Request::new(
            "{ page { ...a } } fragment a on Page { ...b } fragment b on Page { ...a }",
        );
        let response = futures_executor(schema(GraphqlLimits::default()).execute(request));
        assert_eq!(response.errors.len(), 1, "{:?}", response.errors);
    }

    #[test]
    fn the_first_limit_exceeded_is_named() {
        let limits = GraphqlLimits::default();
        let within = Measured {
            depth: 3,
            cost: 100,
            aliases: 2,
            root_fields: 2,
        };
        assert_eq!(over_limit(&limits, &within), None);
        let costly = Measured {
            cost: limits.max_cost + 1,
            ..within
        };
        assert_eq!(
            over_limit(&limits, &costly).as_deref(),
            Some("the query exceeds the cost limit of 25000 (it asks for 25001)")
        );
    }

    /// The most root fields of six that resolved at once under `root_concurrency`.
    async fn most_at_once(root_concurrency: usize) -> usize {
        let limits = GraphqlLimits {
            root_concurrency,
            ..GraphqlLimits::default()
        };
        let running = Arc::new(Running::default());
        let request =
            async_graphql::Request::new("{ a: slow b: slow c: slow d: slow e: slow f: slow }")
                .data(running.clone());
        let response = schema(limits).execute(request).await;
        assert!(response.errors.is_empty(), "{:?}", response.errors);
        running.most.load(Ordering::SeqCst)
    }

    #[tokio::test]
    async fn root_fields_resolve_at_most_so_many_at_once() {
        assert_eq!(most_at_once(2).await, 2);
        assert!(
            most_at_once(6).await > 2,
            "queries resolve root fields concurrently"
        );
    }
}
