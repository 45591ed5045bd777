//! The endpoints of `API.md`: each reads its parameters, runs the record's
//! own queries (`annals-store`, `annals-ask`) on a reader, and answers the
//! serialised result. No endpoint holds logic of its own beyond paging.

use crate::cache::{Cache, Landing, Lookup};
use crate::params::{Params, MAX_LIMIT, MAX_TEXT};
use crate::reply::{self, ApiError, Items, Page, JSON};
use crate::AppState;
use annals_core::{Event, Measure, Mention, Timex};
use annals_store::export::{self, Export};
use annals_store::query::{Filter, Quote};
use annals_store::Store;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use serde::Serialize;
use std::sync::Arc;

/// The routes of the API.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/timeline", get(timeline))
        .route("/api/events", get(events))
        .route("/api/index", get(index))
        .route("/api/measures", get(measures))
        .route("/api/entities", get(entities))
        .route("/api/entities/{name}", get(entity))
        .route("/api/search", get(search))
        .route("/api/ask", get(ask))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/export", get(export))
}

/// What work may keep for later requests of the same generation of the
/// record: the totals of paged lists.
struct Memo<'a> {
    cache: &'a Cache,
    generation: u64,
}

impl Memo<'_> {
    /// The total of a list, counted once a generation.
    fn total(
        &self,
        key: String,
        count: impl FnOnce() -> Result<usize, annals_store::Error>,
    ) -> Result<usize, ApiError> {
        Ok(self.cache.total(key, self.generation, count)?)
    }
}

/// What a reader did for a request.
enum Made {
    /// The answer.
    Body(Bytes),
    /// Another request is making the same answer.
    Wait(Landing),
}

/// Runs `work` on a reader, in one read transaction, and answers its JSON;
/// the answer is kept for the same request (`uri`) until the record
/// changes, and requests that come while it is being made wait for it.
async fn answer<F>(state: &AppState, uri: &Uri, work: F) -> Response
where
    F: Fn(&Store, &Memo) -> Result<Vec<u8>, ApiError> + Send + Sync + 'static,
{
    let key = uri
        .path_and_query()
        .map_or_else(|| uri.path().to_string(), |p| p.as_str().to_string());
    let work = Arc::new(work);
    let made = {
        let (cache, work) = (Arc::clone(&state.cache), Arc::clone(&work));
        state
            .readers
            .read(
                move |store, generation| match cache.lookup(&key, generation) {
                    Lookup::Kept(body) => Ok(Made::Body(body)),
                    Lookup::Wait(landing) => Ok(Made::Wait(landing)),
                    Lookup::Make(flight) => {
                        let body = make(store, &cache, generation, work.as_ref())?;
                        flight.land(body.clone());
                        Ok(Made::Body(body))
                    }
                },
            )
            .await
    };
    let body = match made {
        Ok(Made::Body(body)) => Ok(body),
        Ok(Made::Wait(mut landing)) => {
            let landed = landing
                .wait_for(Option::is_some)
                .await
                .ok()
                .and_then(|b| b.clone());
            match landed {
                Some(body) => Ok(body),
                // The other request failed: this one makes its own answer
                // (or its own error).
                None => {
                    let cache = Arc::clone(&state.cache);
                    state
                        .readers
                        .read(move |store, generation| {
                            make(store, &cache, generation, work.as_ref())
                        })
                        .await
                }
            }
        }
        Err(e) => Err(e),
    };
    match body {
        Ok(body) => reply::bytes(JSON, body),
        Err(e) => e.into_response(),
    }
}

/// Makes an answer in one read transaction.
fn make<F>(store: &Store, cache: &Cache, generation: u64, work: &F) -> Result<Bytes, ApiError>
where
    F: Fn(&Store, &Memo) -> Result<Vec<u8>, ApiError>,
{
    let memo = Memo { cache, generation };
    Ok(Bytes::from(store.snapshot(|store| work(store, &memo))?))
}

/// Reads the parameters, or answers why they cannot be read.
macro_rules! params {
    ($query:expr) => {
        match Params::parse($query.as_deref()) {
            Ok(p) => p,
            Err(e) => return e.into_response(),
        }
    };
}

/// Unwraps a parameter's value, or answers its error.
macro_rules! given {
    ($value:expr) => {
        match $value {
            Ok(v) => v,
            Err(e) => return e.into_response(),
        }
    };
}

/// What a timeline or an event list keeps, as asked (the entity still a
/// name).
struct Wanted {
    from: Option<i64>,
    to: Option<i64>,
    entity: Option<String>,
    kind: Option<String>,
}

impl Wanted {
    fn of(p: &Params) -> Result<Wanted, ApiError> {
        Ok(Wanted {
            from: p.day("from", false)?,
            to: p.day("to", true)?,
            entity: p.text("entity")?.map(String::from),
            kind: p.text("type")?.map(String::from),
        })
    }

    /// The store's filter: the entity resolved to its link (404 when the
    /// record names no such entity).
    fn filter(&self, store: &Store) -> Result<Filter, ApiError> {
        let entity = match &self.entity {
            Some(name) => Some(link_of(store, name)?),
            None => None,
        };
        Ok(Filter {
            from: self.from,
            to: self.to,
            entity,
            kind: self.kind.clone(),
            document: None,
            limit: None,
        })
    }
}

/// The link an entity name stands for in the record.
fn link_of(store: &Store, name: &str) -> Result<String, ApiError> {
    annals_ask::record::resolve(store, name)?
        .ok_or_else(|| ApiError::not_found(format!("the record names no entity {name:?}")))
}

/// The page `offset..offset + limit` of a list whose first
/// `offset + limit` items `fetch` gives, `total` long in all.
fn page_of<T>(
    offset: usize,
    limit: usize,
    total: usize,
    fetch: impl FnOnce(usize) -> Result<Vec<T>, ApiError>,
) -> Result<Page<T>, ApiError> {
    let items = if offset >= total || limit == 0 {
        Vec::new()
    } else {
        let mut first = fetch(offset.saturating_add(limit))?;
        first.drain(..offset.min(first.len()));
        first.truncate(limit);
        first
    };
    Ok(Page {
        items,
        offset,
        limit,
        total,
    })
}

/// `GET /api/timeline`: dated events and written dates in time order.
async fn timeline(State(state): State<AppState>, uri: Uri, RawQuery(query): RawQuery) -> Response {
    let p = params!(query);
    let (offset, limit) = given!(p.page());
    let wanted = given!(Wanted::of(&p));
    answer(&state, &uri, move |store, memo| {
        let mut filter = wanted.filter(store)?;
        let total = memo.total(format!("timeline {filter:?}"), || {
            store.timeline_total(&filter)
        })?;
        let page = page_of(offset, limit, total, |n| {
            filter.limit = Some(n);
            Ok(store.timeline(&filter)?)
        })?;
        reply::json(&page)
    })
    .await
}

/// Whether an event lies between a dyad's sides, counted or not by the
/// index (negated, hypothetical and repeated mentions included).
fn in_dyad(e: &Event, dyad: &annals_events::index::Dyad) -> bool {
    let mut plain = e.clone();
    plain.negated = false;
    plain.hypothetical = false;
    plain.same_as = None;
    !annals_events::index::counted(std::slice::from_ref(&plain), dyad).is_empty()
}

/// `GET /api/events`: events in time order, then the undated ones.
async fn events(State(state): State<AppState>, uri: Uri, RawQuery(query): RawQuery) -> Response {
    let p = params!(query);
    let (offset, limit) = given!(p.page());
    let wanted = given!(Wanted::of(&p));
    let dyad = given!(p.dyad());
    answer(&state, &uri, move |store, memo| {
        let mut filter = wanted.filter(store)?;
        let page = match &dyad {
            // The dyad is a test on state codes, made on the events
            // themselves: the whole list is read and then paged.
            Some(dyad) => {
                let all: Vec<_> = store
                    .events(&filter)?
                    .into_iter()
                    .filter(|e| in_dyad(&e.event, dyad))
                    .collect();
                let total = all.len();
                page_of(offset, limit, total, |_| Ok(all))?
            }
            None => {
                let total =
                    memo.total(format!("events {filter:?}"), || store.events_total(&filter))?;
                page_of(offset, limit, total, |n| {
                    filter.limit = Some(n);
                    Ok(store.events(&filter)?)
                })?
            }
        };
        reply::json(&page)
    })
    .await
}

/// `GET /api/index`: the cooperation–conflict index of a dyad by period.
async fn index(State(state): State<AppState>, uri: Uri, RawQuery(query): RawQuery) -> Response {
    let p = params!(query);
    let by = given!(p.period());
    let dyad = given!(p.dyad());
    answer(
        &state,
        &uri,
        move |store, _| match annals_ask::record::index(store, dyad.clone(), by)? {
            Some(index) => reply::json(&index),
            None => Err(ApiError::bad_request(
                "the record names fewer than two states: give the dyad (dyad=JPN-SUN)",
            )),
        },
    )
    .await
}

/// A measure with its sentence.
#[derive(Serialize)]
struct MeasureItem {
    measure: Measure,
    quote: Quote,
}

/// `GET /api/measures`: the quantities of the record, in one unit or all.
async fn measures(State(state): State<AppState>, uri: Uri, RawQuery(query): RawQuery) -> Response {
    let p = params!(query);
    let unit = given!(p.text("unit")).map(String::from);
    answer(&state, &uri, move |store, _| {
        let items = store
            .measures(unit.as_deref())?
            .into_iter()
            .map(|(measure, quote)| MeasureItem { measure, quote })
            .collect();
        reply::json(&Items { items })
    })
    .await
}

/// `GET /api/entities`: the entities, most mentioned first.
async fn entities(State(state): State<AppState>, uri: Uri, RawQuery(query): RawQuery) -> Response {
    let p = params!(query);
    let (offset, limit) = given!(p.page());
    let prefix = given!(p.text("q")).map(String::from);
    answer(&state, &uri, move |store, memo| {
        let total = memo.total(format!("entities {prefix:?}"), || {
            store.entity_total(prefix.as_deref())
        })?;
        let items = if offset >= total {
            Vec::new()
        } else {
            store.entity_list(prefix.as_deref(), offset, limit)?
        };
        reply::json(&Page {
            items,
            offset,
            limit,
            total,
        })
    })
    .await
}

/// `GET /api/entities/{name}`: what the record knows of an entity.
async fn entity(
    State(state): State<AppState>,
    uri: Uri,
    Path(name): Path<String>,
    RawQuery(query): RawQuery,
) -> Response {
    let p = params!(query);
    let events = given!(p.number("events", 20)).min(MAX_LIMIT);
    if name.chars().count() > MAX_TEXT {
        return ApiError::bad_request(format!("the name is longer than {MAX_TEXT} characters"))
            .into_response();
    }
    answer(&state, &uri, move |store, _| {
        let link = link_of(store, &name)?;
        match store.entity(&link, events)? {
            Some(info) => reply::json(&info),
            None => Err(ApiError::not_found(format!(
                "the record names no entity {name:?}"
            ))),
        }
    })
    .await
}

/// `GET /api/search`: sentences with every word of `q`, best first.
async fn search(State(state): State<AppState>, uri: Uri, RawQuery(query): RawQuery) -> Response {
    let p = params!(query);
    let words = given!(p.required("q")).to_string();
    let limit = given!(p.number("limit", crate::params::DEFAULT_LIMIT)).min(MAX_LIMIT);
    let wanted = given!(Wanted::of(&p));
    if annals_store::query::match_query(&words).is_none() {
        return ApiError::bad_request(format!("nothing to search for in q={words:?}"))
            .into_response();
    }
    answer(&state, &uri, move |store, _| {
        let mut filter = wanted.filter(store)?;
        filter.kind = None;
        filter.limit = Some(limit);
        let items = store.search(&words, &filter)?;
        reply::json(&Items { items })
    })
    .await
}

/// `GET /api/ask`: a question answered from the record, with its quotes.
async fn ask(State(state): State<AppState>, uri: Uri, RawQuery(query): RawQuery) -> Response {
    let p = params!(query);
    let question = given!(p.required("q")).to_string();
    answer(&state, &uri, move |store, _| {
        reply::json(&annals_ask::ask(store, &question)?)
    })
    .await
}

/// `GET /api/documents`: the documents of the record, by name.
async fn documents(State(state): State<AppState>, uri: Uri) -> Response {
    answer(&state, &uri, |store, _| {
        reply::json(&Items {
            items: store.documents()?,
        })
    })
    .await
}

/// A section of a document as the page reads it.
#[derive(Serialize)]
struct SectionView {
    level: u8,
    heading: Option<String>,
    start: usize,
    end: usize,
}

/// A sentence of a document as the page reads it.
#[derive(Serialize)]
struct SentenceView {
    start: usize,
    end: usize,
    section: usize,
}

/// A document with every layer.
#[derive(Serialize)]
struct DocumentView {
    id: i64,
    name: String,
    title: Option<String>,
    text: String,
    sections: Vec<SectionView>,
    sentences: Vec<SentenceView>,
    timexes: Vec<Timex>,
    mentions: Vec<Mention>,
    events: Vec<Event>,
    measures: Vec<Measure>,
}

/// `GET /api/documents/{id}`: a document's text and all its layers.
async fn document(State(state): State<AppState>, uri: Uri, Path(id): Path<String>) -> Response {
    let Ok(id) = id.parse::<i64>() else {
        let shown: String = id.chars().take(40).collect();
        return ApiError::bad_request(format!("a document's id is a whole number, not {shown:?}"))
            .into_response();
    };
    answer(&state, &uri, move |store, _| {
        let missing = || ApiError::not_found(format!("the record has no document {id}"));
        let info = store.document(id)?.ok_or_else(missing)?;
        let loaded = store.load(&info.name)?.ok_or_else(missing)?;
        let doc = &loaded.doc;
        let view = DocumentView {
            id: info.id,
            name: info.name,
            title: info.title,
            sections: doc
                .sections
                .iter()
                .map(|s| SectionView {
                    level: s.level,
                    heading: s.heading.map(|h| doc.span_text(h).to_string()),
                    start: s.span.start,
                    end: s.span.end,
                })
                .collect(),
            sentences: loaded
                .sentences
                .iter()
                .map(|s| SentenceView {
                    start: s.span.start,
                    end: s.span.end,
                    section: s.section,
                })
                .collect(),
            text: loaded.doc.text,
            timexes: loaded.timexes,
            mentions: loaded.mentions,
            events: loaded.events,
            measures: loaded.measures,
        };
        reply::json(&view)
    })
    .await
}

/// An export format: its content type and the file name it downloads as.
struct Format {
    name: &'static str,
    content_type: &'static str,
    file: &'static str,
}

const FORMATS: [Format; 6] = [
    Format {
        name: "json",
        content_type: JSON,
        file: "annals.json",
    },
    Format {
        name: "ndjson",
        content_type: "application/x-ndjson",
        file: "annals.ndjson",
    },
    Format {
        name: "csv",
        content_type: "text/csv; charset=utf-8",
        file: "annals.csv",
    },
    Format {
        name: "timelinejs",
        content_type: JSON,
        file: "annals-timeline.json",
    },
    Format {
        name: "timeml",
        content_type: "application/xml; charset=utf-8",
        file: "annals.tml",
    },
    Format {
        name: "webanno",
        content_type: "application/ld+json",
        file: "annals-annotations.jsonld",
    },
];

/// An export's error as the API answers it.
fn export_error(e: export::Error) -> ApiError {
    match e {
        export::Error::NoDocument { name, .. } => {
            ApiError::not_found(format!("the record has no document {name:?}"))
        }
        export::Error::NoTable { name, .. } => ApiError::bad_request(format!(
            "table: no table {name:?} (the tables are {})",
            export::TABLES.join(", ")
        )),
        export::Error::OneDocument { format, count, .. } => ApiError::bad_request(format!(
            "{format} holds one document and the record has {count}: choose one with doc=NAME"
        )),
        other => ApiError::internal("the export failed", &other),
    }
}

/// `GET /api/export`: the record (or one document) in a format other
/// tools read, as a download.
async fn export(State(state): State<AppState>, RawQuery(query): RawQuery) -> Response {
    let p = params!(query);
    let name = given!(p.text("format")).unwrap_or("json").to_string();
    let Some(format) = FORMATS.iter().find(|f| f.name == name) else {
        let names: Vec<&str> = FORMATS.iter().map(|f| f.name).collect();
        return ApiError::bad_request(format!(
            "format must be one of {}, not {name:?}",
            names.join(", ")
        ))
        .into_response();
    };
    let table = given!(p.text("table")).map(String::from);
    let doc = given!(p.text("doc")).map(String::from);
    if format.name == "csv" && table.is_none() {
        return ApiError::bad_request(format!(
            "csv writes one table: give table= one of {}",
            export::TABLES.join(", ")
        ))
        .into_response();
    }
    if format.name != "csv" && table.is_some() {
        return ApiError::bad_request("table goes with format=csv").into_response();
    }
    let kind = format.name;
    let written = state
        .readers
        .read(move |store, _| {
            let export = Export::new(store, doc.as_deref()).map_err(export_error)?;
            let mut out = Vec::new();
            let target = std::path::Path::new("the response");
            match (kind, table.as_deref()) {
                ("ndjson", _) => export.ndjson(&mut out, target),
                ("csv", Some(table)) => export.csv_table(table, &mut out, target),
                ("timelinejs", _) => export.timeline(&mut out, target),
                ("timeml", _) => export.timeml(&mut out, target),
                ("webanno", _) => export.web_annotations(&mut out, target),
                _ => export.json(&mut out, target),
            }
            .map_err(export_error)?;
            Ok(out)
        })
        .await;
    match written {
        Ok(body) => {
            let mut response = reply::bytes(format.content_type, body);
            let disposition = format!("attachment; filename=\"{}\"", format.file);
            if let Ok(value) = HeaderValue::from_str(&disposition) {
                response
                    .headers_mut()
                    .insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(e) => e.into_response(),
    }
}
