//! What the API answers: JSON bodies, and errors as JSON with their status.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The content type of every JSON answer.
pub(crate) const JSON: &str = "application/json";

/// An error answer: `{"error": {"status": 404, "message": "…"}}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ApiError {
    /// The HTTP status.
    pub(crate) status: StatusCode,
    /// What went wrong, as a sentence for the reader of the page.
    pub(crate) message: String,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    error: ErrorFields<'a>,
}

#[derive(Serialize)]
struct ErrorFields<'a> {
    status: u16,
    message: &'a str,
}

impl ApiError {
    /// An error with this status.
    pub(crate) fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }

    /// 400: a parameter is missing or wrong.
    pub(crate) fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 404: nothing of that name.
    pub(crate) fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 500: the server failed. The details go to the server's log, not to
    /// the client (they name files of the server's machine).
    pub(crate) fn internal(what: &str, detail: &dyn std::fmt::Display) -> ApiError {
        eprintln!("annals serve: {what}: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!("{what} (the server's log has the details)"),
        )
    }

    /// The body of this error.
    pub(crate) fn body(&self) -> Vec<u8> {
        let body = ErrorBody {
            error: ErrorFields {
                status: self.status.as_u16(),
                message: &self.message,
            },
        };
        // Serialising two plain fields cannot fail; the fallback is the
        // same object without the message.
        serde_json::to_vec(&body).unwrap_or_else(|_| {
            format!(
                "{{\"error\":{{\"status\":{},\"message\":\"\"}}}}",
                self.status.as_u16()
            )
            .into_bytes()
        })
    }
}

impl From<annals_store::Error> for ApiError {
    fn from(e: annals_store::Error) -> ApiError {
        ApiError::internal("the record could not be read", &e)
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, self.body()).into_response();
        response
            .headers_mut()
            .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON));
        response
    }
}

/// A JSON answer, serialised where it was made (on the blocking thread of
/// its query).
pub(crate) fn json<T: Serialize>(value: &T) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(value).map_err(|e| ApiError::internal("the answer could not be written", &e))
}

/// A 200 response of bytes with a content type.
pub(crate) fn bytes(content_type: &'static str, body: impl Into<axum::body::Body>) -> Response {
    let mut response = (StatusCode::OK, body.into()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    response
}

/// A page of a list: `{items, offset, limit, total}`.
#[derive(Debug, Serialize)]
pub(crate) struct Page<T> {
    /// The items of the page.
    pub(crate) items: Vec<T>,
    /// How many items of the whole list come before them.
    pub(crate) offset: usize,
    /// The most items a page holds.
    pub(crate) limit: usize,
    /// How many items the whole list has.
    pub(crate) total: usize,
}

/// A list that is not paged: `{items}`.
#[derive(Debug, Serialize)]
pub(crate) struct Items<T> {
    /// The items.
    pub(crate) items: Vec<T>,
}
