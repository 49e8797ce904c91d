//! Product reads, shared by REST and GraphQL. Visitors (anyone without `products:read`) are
//! served from the read model ([`rustok_core::ProductReads`], wired by the server) as soon as
//! the tenant's index is built: one indexed query, no join. Staff, who see drafts and every
//! price, read the write model. Both give the same views.
//!
//! A visitor's read that names no region is answered with the stored document text as it is
//! ([`Answer::Stored`]): nothing is parsed or rebuilt between the row and the response; one
//! priced for a region rewrites only the variants' price fields of that text
//! ([`crate::priced_document`]).
//!
//! Search (`q`) is a read-model feature for everyone, staff included: it finds published
//! products only ([`rustok_core::SearchBackend`], semantics in [`rustok_core::search`]). Until the
//! tenant's index is built it answers 503 `unavailable` rather than a partial result.

use chrono::{DateTime, Utc};
use rustok_api::ApiContext;
use rustok_core::{
    Error, IndexedDocument, Locale, PriceRange, ProductKey, ProductListing, ProductReads,
    ProductSearch, SearchFilters,
};
use serde::{Serialize, Serializer};
use serde_json::value::RawValue;
use std::sync::Arc;

use crate::access::{catalog, price_mode};
use crate::dto::{
    FacetCountView, PriceBandView, ProductFilter, ProductPage, ProductStatus, ProductView,
    SearchFacetsView, SearchHitView, SearchPage,
};
use crate::{CommerceContext, CommerceError, Currency, PriceMode, priced_document, visitor_view};

/// A product as the caller gets it: a stored document served as it is, or a view.
#[derive(Debug)]
pub(crate) enum Answer {
    Stored(Box<RawValue>),
    View(Box<ProductView>),
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Answer::Stored(raw) => raw.serialize(serializer),
            Answer::View(view) => view.serialize(serializer),
        }
    }
}

impl Answer {
    /// The view (GraphQL selects fields of it).
    pub fn into_view(self) -> Result<ProductView, CommerceError> {
        match self {
            Answer::Stored(raw) => Ok(serde_json::from_str(raw.get())?),
            Answer::View(view) => Ok(*view),
        }
    }

    /// What a visitor gets of a stored document: it as it is without a region, else priced.
    fn visitor(
        stored: IndexedDocument,
        region: Option<Currency>,
        now: DateTime<Utc>,
    ) -> Result<Self, CommerceError> {
        let text = match region {
            None => stored.document,
            Some(currency) => priced_document(&stored, currency, now)?,
        };
        Ok(Answer::Stored(RawValue::from_string(text)?))
    }
}

/// A page of [`Answer`]s, serialised as [`ProductPage`] is.
#[derive(Debug, Serialize)]
pub(crate) struct AnswerPage {
    pub items: Vec<Answer>,
    pub next_cursor: Option<String>,
}

impl AnswerPage {
    pub fn into_page(self) -> Result<ProductPage, CommerceError> {
        Ok(ProductPage {
            items: self
                .items
                .into_iter()
                .map(Answer::into_view)
                .collect::<Result<_, _>>()?,
            next_cursor: self.next_cursor,
        })
    }
}

impl From<ProductPage> for AnswerPage {
    fn from(page: ProductPage) -> Self {
        AnswerPage {
            items: page
                .items
                .into_iter()
                .map(|view| Answer::View(Box::new(view)))
                .collect(),
            next_cursor: page.next_cursor,
        }
    }
}

/// Who reads and how: staff see every status and the write model.
pub(crate) struct Reader<'a> {
    pub api: &'a ApiContext,
    pub ctx: &'a CommerceContext,
    pub staff: bool,
}

impl Reader<'_> {
    /// The index, when this read may use it: a visitor's, for a tenant whose index is built.
    async fn index(&self) -> Result<Option<Arc<dyn ProductReads>>, CommerceError> {
        if self.staff {
            return Ok(None);
        }
        match self.api.platform.product_reads() {
            Some(reads) if reads.ready(self.ctx.tenant).await? => Ok(Some(reads)),
            _ => Ok(None),
        }
    }

    /// The tenant locale whose index rows answer a request for `locale`.
    fn row_locale(&self, locale: Option<&Locale>) -> Locale {
        let chain = self.ctx.locales.fallback_chain(locale);
        chain
            .into_iter()
            .next()
            .unwrap_or_else(|| self.ctx.locales.default.clone())
    }

    /// One product by id or handle; unpublished ones are 404 for visitors.
    pub async fn product(
        &self,
        key: ProductKey<'_>,
        locale: Option<&Locale>,
        region: Option<uuid::Uuid>,
    ) -> Result<Answer, CommerceError> {
        let mode = price_mode(self.api, self.ctx, region).await?;
        if let Some(index) = self.index().await? {
            let row_locale = self.row_locale(locale);
            let stored = index
                .product(self.ctx.tenant, row_locale.as_str(), key)
                .await?
                .ok_or(CommerceError::NotFound("product"))?;
            return Answer::visitor(stored, currency(mode), Utc::now());
        }
        let service = catalog(&self.api.platform);
        let published_only = !self.staff;
        let view = match key {
            ProductKey::Id(id) => {
                service
                    .get_product(self.ctx, id, locale, mode, published_only)
                    .await
            }
            ProductKey::Handle(handle) => {
                service
                    .get_by_handle(self.ctx, handle, locale, mode, published_only)
                    .await
            }
        }?;
        Ok(Answer::View(Box::new(view)))
    }

    /// A page of products, newest first. Visitors see published products whatever
    /// `filter.status` says.
    pub async fn products(
        &self,
        mut filter: ProductFilter,
        locale: Option<&Locale>,
        region: Option<uuid::Uuid>,
    ) -> Result<AnswerPage, CommerceError> {
        if !self.staff {
            filter.status = Some(ProductStatus::Published);
        }
        let mode = price_mode(self.api, self.ctx, region).await?;
        let Some(index) = self.index().await? else {
            let page = catalog(&self.api.platform)
                .list_products(self.ctx, filter, locale, mode)
                .await?;
            return Ok(page.into());
        };
        let price = price_filter(mode, &filter)?;
        let listing = ProductListing {
            collection_id: filter.collection_id,
            category_id: filter.category_id,
            tag: filter.tag.as_deref().map(stored_tag),
            price,
            in_stock: filter.in_stock == Some(true),
            after: filter.after,
            limit: filter.limit,
        };
        let row_locale = self.row_locale(locale);
        let page = index
            .products(self.ctx.tenant, row_locale.as_str(), &listing)
            .await?;
        let now = Utc::now();
        let items = page
            .items
            .into_iter()
            .map(|stored| Answer::visitor(stored, currency(mode), now))
            .collect::<Result<_, _>>()?;
        Ok(AnswerPage {
            items,
            next_cursor: page.next.map(|id| id.to_string()),
        })
    }
}

impl Reader<'_> {
    /// Published products matching `q` (normalized, not blank), ranked, `filter` applied,
    /// from `offset`; `facets` counts them by collection, category, tag, price band (in the
    /// region's currency) and stock. `filter.after` is not used (pages go by offset).
    pub async fn search(
        &self,
        q: String,
        filter: ProductFilter,
        offset: u64,
        facets: bool,
        locale: Option<&Locale>,
        region: Option<uuid::Uuid>,
    ) -> Result<SearchPage, CommerceError> {
        if filter
            .status
            .is_some_and(|status| status != ProductStatus::Published)
        {
            return Err(CommerceError::invalid(
                "status",
                "search finds published products only",
            ));
        }
        let platform = &self.api.platform;
        let (Some(reads), Some(backend)) = (platform.product_reads(), platform.search()) else {
            return Err(Error::Unavailable("this server has no search".to_string()).into());
        };
        if !reads.ready(self.ctx.tenant).await? {
            return Err(Error::Unavailable(
                "the shop's search index is being built; retry shortly".to_string(),
            )
            .into());
        }
        let mode = price_mode(self.api, self.ctx, region).await?;
        let price = price_filter(mode, &filter)?;
        let region_currency = currency(mode);
        let limit = filter.limit.clamp(1, 100);
        let request = ProductSearch {
            tenant: self.ctx.tenant,
            locale: self.row_locale(locale).as_str().to_string(),
            q,
            filters: SearchFilters {
                collection_id: filter.collection_id,
                category_id: filter.category_id,
                tag: filter.tag.as_deref().map(stored_tag),
                price: price.map(|(currency, min, max)| PriceRange { currency, min, max }),
                in_stock: filter.in_stock == Some(true),
            },
            currency: region_currency.map(|c| c.code().to_string()),
            offset,
            limit,
            facets,
        };
        let results = backend.search_products(&request).await?;
        let now = Utc::now();
        let hits = results
            .hits
            .into_iter()
            .map(|hit| {
                Ok(SearchHitView {
                    product: visitor_view(hit.document, region_currency, now)?,
                    score: hit.score,
                    snippet: hit.snippet,
                })
            })
            .collect::<Result<Vec<_>, CommerceError>>()?;
        let shown = offset + hits.len() as u64;
        let band_currency = request.currency.clone().unwrap_or_default();
        Ok(SearchPage {
            next_cursor: (shown < results.total && !hits.is_empty()).then(|| shown.to_string()),
            hits,
            total: results.total,
            total_exact: results.total_exact,
            facets: results.facets.map(|f| SearchFacetsView {
                collections: f
                    .collections
                    .into_iter()
                    .map(FacetCountView::from)
                    .collect(),
                categories: f.categories.into_iter().map(FacetCountView::from).collect(),
                tags: f.tags.into_iter().map(FacetCountView::from).collect(),
                price_bands: f
                    .price_bands
                    .into_iter()
                    .map(|band| PriceBandView {
                        currency: band_currency.clone(),
                        min: band.min,
                        max: band.max,
                        count: band.count,
                    })
                    .collect(),
                in_stock: f.in_stock,
            }),
            fuzzy: results.fuzzy,
        })
    }

    /// A listing answered by search: the same shape as [`Reader::products`], ranked; the
    /// cursor is the offset of the next page.
    pub async fn search_listing(
        &self,
        q: String,
        filter: ProductFilter,
        offset: u64,
        locale: Option<&Locale>,
        region: Option<uuid::Uuid>,
    ) -> Result<ProductPage, CommerceError> {
        let page = self
            .search(q, filter, offset, false, locale, region)
            .await?;
        Ok(ProductPage {
            items: page.hits.into_iter().map(|hit| hit.product).collect(),
            next_cursor: page.next_cursor,
        })
    }
}

/// `(currency, min, max)` of base prices, inclusive.
type BasePrices = (String, Option<i64>, Option<i64>);

/// The base-price filter of a listing: in the region's currency, so it needs a region.
fn price_filter(
    mode: PriceMode,
    filter: &ProductFilter,
) -> Result<Option<BasePrices>, CommerceError> {
    match (
        mode,
        filter.min_price.is_some() || filter.max_price.is_some(),
    ) {
        (_, false) => Ok(None),
        (PriceMode::Region(currency), true) => Ok(Some((
            currency.code().to_string(),
            filter.min_price,
            filter.max_price,
        ))),
        (PriceMode::All, true) => Err(CommerceError::invalid(
            "region_id",
            "a price filter needs a region",
        )),
    }
}

/// A tag filter as tags are stored (trimmed, lower-case), as the write model compares it.
fn stored_tag(tag: &str) -> String {
    tag.trim().to_lowercase()
}

fn currency(mode: PriceMode) -> Option<Currency> {
    match mode {
        PriceMode::All => None,
        PriceMode::Region(currency) => Some(currency),
    }
}
