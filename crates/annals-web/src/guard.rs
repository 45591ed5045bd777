//! What stands around every route: the security headers, the limits on
//! requests, the `Host` check, the timeout, and JSON bodies for every
//! error, whoever made it (a route, the router, the timeout).

use crate::reply::{ApiError, JSON};
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::net::SocketAddr;
use tower_http::timeout::TimeoutLayer;

/// The longest path taken, in bytes.
pub(crate) const MAX_PATH: usize = 1024;

/// The longest query string taken, in bytes.
pub(crate) const MAX_QUERY: usize = 2048;

/// The page loads its own script and style and talks to its own API,
/// nothing else: no inline code, no frames, no other origins.
pub(crate) const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// The headers every response carries.
const SECURITY_HEADERS: [(HeaderName, &str); 6] = [
    (header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "no-referrer"),
    (header::X_FRAME_OPTIONS, "DENY"),
    (
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    ),
    (
        HeaderName::from_static("cross-origin-resource-policy"),
        "same-origin",
    ),
];

/// The `Host` values a loopback server answers to.
#[derive(Debug)]
pub(crate) struct Hosts(Vec<String>);

impl Hosts {
    /// The names of a loopback address with its port; `None` for other
    /// addresses (a server on the network has names this one cannot know).
    pub(crate) fn for_addr(addr: SocketAddr) -> Option<Hosts> {
        if !addr.ip().is_loopback() {
            return None;
        }
        let port = addr.port();
        let mut names = vec![
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ];
        let own = match addr {
            SocketAddr::V4(a) => format!("{}:{port}", a.ip()),
            SocketAddr::V6(a) => format!("[{}]:{port}", a.ip()),
        };
        if !names.contains(&own) {
            names.push(own);
        }
        if port == 80 {
            names.extend(["localhost", "127.0.0.1", "[::1]"].map(String::from));
        }
        Some(Hosts(names))
    }

    fn allows(&self, host: &str) -> bool {
        self.0.iter().any(|h| h.eq_ignore_ascii_case(host))
    }
}

/// Puts the guards around the routes.
pub(crate) fn wrap(routes: Router<AppState>, state: AppState) -> Router {
    let timeout = state.timeout;
    routes
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state.clone())
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            timeout,
        ))
        .layer(middleware::from_fn_with_state(state.clone(), json_errors))
        .layer(middleware::from_fn_with_state(state, limits))
        .layer(middleware::from_fn(security_headers))
}

/// 404 for every path no route has.
async fn not_found(request: Request) -> ApiError {
    let path = request.uri().path();
    let shown: String = path.chars().take(100).collect();
    if path.starts_with("/api/") || path == "/api" {
        ApiError::not_found(format!("no endpoint {shown} (see API.md)"))
    } else {
        ApiError::not_found(format!("nothing at {shown}"))
    }
}

/// 405 for a method other than GET or HEAD.
async fn method_not_allowed(request: Request) -> Response {
    let mut response = ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        format!(
            "{} is not allowed: the API only reads (GET)",
            request.method()
        ),
    )
    .into_response();
    response
        .headers_mut()
        .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
    response
}

/// Refuses requests that are too large, carry a body, or name another host.
async fn limits(State(state): State<AppState>, request: Request, next: Next) -> Response {
    match check(&state, &request) {
        Ok(()) => next.run(request).await,
        Err(e) => e.into_response(),
    }
}

fn check(state: &AppState, request: &Request) -> Result<(), ApiError> {
    let uri = request.uri();
    if uri.path().len() > MAX_PATH {
        return Err(ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("the path is longer than {MAX_PATH} bytes"),
        ));
    }
    if uri.query().map_or(0, str::len) > MAX_QUERY {
        return Err(ApiError::new(
            StatusCode::URI_TOO_LONG,
            format!("the query string is longer than {MAX_QUERY} bytes"),
        ));
    }
    if let Some(hosts) = &state.hosts {
        let host = request
            .headers()
            .get(header::HOST)
            .map(|h| h.to_str().unwrap_or(""));
        if let Some(host) = host {
            if !hosts.allows(host) {
                return Err(ApiError::new(
                    StatusCode::MISDIRECTED_REQUEST,
                    "this server answers only to its own loopback address",
                ));
            }
        }
    }
    if matches!(*request.method(), Method::GET | Method::HEAD) {
        let length = request
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .map_or(Some(0), |v| v.trim().parse::<u64>().ok());
        let chunked = request.headers().contains_key(header::TRANSFER_ENCODING);
        if length != Some(0) || chunked {
            return Err(ApiError::new(
                StatusCode::PAYLOAD_TOO_LARGE,
                "requests carry no body here",
            ));
        }
    }
    Ok(())
}

/// Gives every error response a JSON body, whoever made it: the router's
/// own refusals (a path parameter it cannot read) and the timeout's 503.
async fn json_errors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(JSON.as_bytes()));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let (parts, body) = response.into_parts();
    let text = axum::body::to_bytes(body, 4096).await.unwrap_or_default();
    let text = String::from_utf8_lossy(&text);
    let message = if status == StatusCode::SERVICE_UNAVAILABLE && text.is_empty() {
        format!(
            "the request took longer than {} s",
            state.timeout.as_secs_f64()
        )
    } else if text.trim().is_empty() {
        status
            .canonical_reason()
            .unwrap_or("the request failed")
            .to_string()
    } else {
        text.chars().take(300).collect()
    };
    let mut fixed = ApiError::new(status, message).into_response();
    // Keep what the error said in its headers (Allow, Retry-After …).
    for (name, value) in &parts.headers {
        if name != header::CONTENT_TYPE && name != header::CONTENT_LENGTH {
            fixed.headers_mut().insert(name.clone(), value.clone());
        }
    }
    fixed
}

/// Adds the security headers; API answers are not stored by caches.
async fn security_headers(request: Request<Body>, next: Next) -> Response {
    let api = request.uri().path().starts_with("/api");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if api && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    response
}
