//! Static files (CSS, small progressive-enhancement scripts) embedded in the binary and served
//! with an ETag and a cache lifetime, answering `304 Not Modified` to a matching `If-None-Match`.

use actix_web::http::header::{self, CacheControl, CacheDirective, EntityTag, IfNoneMatch};
use actix_web::{HttpRequest, HttpResponse, web};
use rust_embed::RustEmbed;

use crate::web::WebError;

#[derive(RustEmbed)]
#[folder = "templates/static/"]
struct StaticFiles;

const MAX_AGE_SECONDS: u32 = 60 * 60;

/// `GET /static/{path}`.
pub async fn serve(req: HttpRequest, path: web::Path<String>) -> Result<HttpResponse, WebError> {
    let file = StaticFiles::get(&path).ok_or(WebError::NotFound)?;
    let hash = file.metadata.sha256_hash();
    let etag = EntityTag::new_strong(hash.iter().take(16).map(|b| format!("{b:02x}")).collect());
    let cache = CacheControl(vec![
        CacheDirective::Public,
        CacheDirective::MaxAge(MAX_AGE_SECONDS),
    ]);
    let unchanged = match req.headers().get(header::IF_NONE_MATCH) {
        Some(_) => match header::Header::parse(&req) {
            Ok(IfNoneMatch::Any) => true,
            Ok(IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(&etag)),
            Err(_) => false,
        },
        None => false,
    };
    let mut response = if unchanged {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    response
        .insert_header(header::ETag(etag))
        .insert_header(cache);
    if unchanged {
        return Ok(response.finish());
    }
    Ok(response
        .content_type(file.metadata.mimetype())
        .body(file.data.into_owned()))
}
