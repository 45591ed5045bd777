//! The page: a fixed list of files embedded in the binary at build time.
//! A request names one of them or gets 404; no request reaches the file
//! system, so no path can lead outside the list.

use crate::reply::ApiError;
use crate::AppState;
use axum::extract::Path;
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::LazyLock;

/// An embedded file.
struct Asset {
    /// Its name under `/assets/`.
    name: &'static str,
    /// Its content type.
    content_type: &'static str,
    /// Its bytes.
    body: &'static [u8],
}

/// Every file of the page.
const ASSETS: [Asset; 3] = [
    Asset {
        name: "index.html",
        content_type: "text/html; charset=utf-8",
        body: include_bytes!("../assets/index.html"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        body: include_bytes!("../assets/app.js"),
    },
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        body: include_bytes!("../assets/app.css"),
    },
];

/// The entity tag of each asset (FNV-1a of its bytes), in the order of
/// [`ASSETS`], so that a browser revalidates cheaply.
static TAGS: LazyLock<Vec<String>> = LazyLock::new(|| {
    ASSETS
        .iter()
        .map(|a| {
            let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
            for &b in a.body {
                hash ^= u64::from(b);
                hash = hash.wrapping_mul(0x0100_0000_01b3);
            }
            format!("\"{hash:016x}\"")
        })
        .collect()
});

/// The routes of the page.
pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|headers: HeaderMap| async move { serve("index.html", &headers) }))
        .route(
            "/assets/{name}",
            get(|Path(name): Path<String>, headers: HeaderMap| async move {
                serve(&name, &headers)
            }),
        )
}

/// The asset of that name, 304 when the browser's copy is current.
fn serve(name: &str, headers: &HeaderMap) -> Response {
    let Some(at) = ASSETS.iter().position(|a| a.name == name) else {
        return ApiError::not_found(format!("no file {name:?} in the page's assets"))
            .into_response();
    };
    let asset = &ASSETS[at];
    let tag = TAGS.get(at).map(String::as_str).unwrap_or("\"\"");
    let current = headers
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == tag));
    let mut response = if current {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        (StatusCode::OK, asset.body).into_response()
    };
    let h = response.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(asset.content_type),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let Ok(tag) = HeaderValue::from_str(tag) {
        h.insert(header::ETAG, tag);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_asset_is_there_and_tagged() {
        for (a, tag) in ASSETS.iter().zip(TAGS.iter()) {
            assert!(!a.body.is_empty(), "{}", a.name);
            assert_eq!(tag.len(), 18, "{}", a.name);
        }
        let names: std::collections::HashSet<&str> = ASSETS.iter().map(|a| a.name).collect();
        assert_eq!(names.len(), ASSETS.len());
    }

    #[test]
    fn the_page_names_only_embedded_assets() {
        let html = std::str::from_utf8(ASSETS[0].body).expect("UTF-8");
        for part in html.split("/assets/").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
                .collect();
            assert!(
                ASSETS.iter().any(|a| a.name == name),
                "index.html names /assets/{name}, which is not embedded"
            );
        }
    }
}
