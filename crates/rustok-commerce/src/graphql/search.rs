//! The storefront search: published products matching `q`, ranked, with snippets, the total and
//! facets (the same as REST `GET /api/v1/commerce/search`).

use async_graphql::{Context, ID, Object};
use rustok_api::{MAX_PAGE_SIZE, optional_id, page_limit, requested_locale, resolve};
use rustok_core::search::{normalize_query, search_offset};

use crate::access::{sees_all_products, storefront};
use crate::dto::{ProductFilter, SearchPage};
use crate::storefront::Reader;

type GqlResult<T> = async_graphql::Result<T>;

#[derive(Default)]
pub struct SearchQuery;

#[Object]
impl SearchQuery {
    /// Published products matching `q` (any text, at most 200 characters; every word must
    /// match, each also as a prefix, typo-tolerant when nothing matches), best first. Filters
    /// combine with it; `facets` counts the matches by collection, category, tag, price band
    /// (in the region's currency) and stock. A blank `q` matches nothing. Errors:
    /// `query_too_long`, `invalid_cursor`, `unavailable` while the shop's index is being built.
    #[allow(clippy::too_many_arguments)]
    async fn search(
        &self,
        ctx: &Context<'_>,
        #[graphql(
            desc = "Any text, at most 200 characters (else `query_too_long`); blank \
                          matches nothing."
        )]
        q: String,
        #[graphql(
            desc = "`true`: count the matches by collection, category, tag, price band \
                          and stock in `facets`."
        )]
        facets: Option<bool>,
        #[graphql(
            desc = "Prices, and price bands, in this region's currency (an unknown \
                          region is `not_found`)."
        )]
        region_id: Option<ID>,
        #[graphql(
            desc = "Preferred locale of the texts, e.g. `en`, `pt-BR`; the tenant default \
                          is the fallback (not a locale tag: `validation_failed`)."
        )]
        locale: Option<String>,
        #[graphql(desc = "Only products of this collection.")] collection_id: Option<ID>,
        #[graphql(desc = "Only products in this category (not in its subcategories).")]
        category_id: Option<ID>,
        #[graphql(desc = "Only products with this tag (compared trimmed and lower-cased).")]
        tag: Option<String>,
        #[graphql(
            desc = "Only products with a base price of at least this many minor units \
                          of the region's currency; needs `regionId` (else `validation_failed`)."
        )]
        min_price: Option<i64>,
        #[graphql(
            desc = "Only products with a base price of at most this many minor units \
                          of the region's currency; needs `regionId` (else `validation_failed`)."
        )]
        max_price: Option<i64>,
        #[graphql(desc = "`true`: only products with a variant that can be bought now.")]
        in_stock: Option<bool>,
        #[graphql(desc = "Page size, 1 to 100 (else `validation_failed`); default 20.")]
        first: Option<u64>,
        #[graphql(desc = "Cursor: the previous page's `nextCursor` (anything else is \
                          `invalid_cursor`).")]
        after: Option<String>,
    ) -> GqlResult<SearchPage> {
        resolve(ctx, |api| async move {
            let commerce = storefront(&api).await?;
            let q = normalize_query(Some(&q))?;
            let filter = ProductFilter {
                status: None,
                collection_id: optional_id(collection_id.as_ref())?,
                category_id: optional_id(category_id.as_ref())?,
                tag,
                min_price,
                max_price,
                in_stock,
                after: None,
                limit: page_limit(first, 20, MAX_PAGE_SIZE)?,
            };
            let offset = search_offset(after.as_deref())?;
            let locale = requested_locale(locale.as_deref())?;
            let region = optional_id(region_id.as_ref())?;
            let facets = facets == Some(true);
            let Some(q) = q else {
                return Ok(SearchPage::empty(facets));
            };
            let reader = Reader {
                api: &api,
                ctx: &commerce,
                staff: sees_all_products(&api).await,
            };
            Ok(reader
                .search(q, filter, offset, facets, locale.as_ref(), region)
                .await?)
        })
        .await
    }
}
