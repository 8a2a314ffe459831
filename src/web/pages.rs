//! Helpers shared by page handlers: rendering, redirects, links, the client address.

use std::net::IpAddr;

use actix_web::http::StatusCode;
use actix_web::http::header::LOCATION;
use actix_web::{HttpRequest, HttpResponse};
use serde::Serialize;

use crate::config::IpNetwork;
use crate::web::{AppState, WebError};

/// Renders a template as an HTML response with the given status.
pub fn render(
    state: &AppState,
    status: StatusCode,
    template: &str,
    view: &impl Serialize,
) -> Result<HttpResponse, WebError> {
    let html = state.templates.render(template, view)?;
    Ok(HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .body(html))
}

/// `303 See Other` to a local path (after a successful POST).
pub fn see_other(location: &str) -> HttpResponse {
    HttpResponse::SeeOther()
        .insert_header((LOCATION, location.to_owned()))
        .finish()
}

/// A file to download (`attachment`), for the CSV and Markdown exports.
pub fn download(name: &str, content_type: &str, body: String) -> HttpResponse {
    HttpResponse::Ok()
        .content_type(content_type.to_owned())
        .insert_header((
            "Content-Disposition",
            format!("attachment; filename=\"{name}\""),
        ))
        .body(body)
}

/// Only same-site paths are followed after sign-in (no open redirect); see
/// [`crate::domain::redirect::local_path`].
pub fn safe_next(next: Option<&str>) -> String {
    crate::domain::redirect::local_path_or_home(next)
}

/// The site's base URL for links people copy: `public_url`, else what the request used.
pub fn base_url(state: &AppState, req: &HttpRequest) -> String {
    match &state.settings.public_url {
        Some(url) => url.trim_end_matches('/').to_owned(),
        None => {
            let info = req.connection_info();
            format!("{}://{}", info.scheme(), info.host())
        }
    }
}

/// The client address used as a rate-limit key: the socket peer, or, when the peer is one of
/// `trusted_proxies`, the address the proxies forwarded (see [`forwarded_client`]).
pub fn client_ip(req: &HttpRequest) -> String {
    let Some(peer) = req.peer_addr().map(|addr| addr.ip()) else {
        return "unknown".to_owned();
    };
    let trusted = req
        .app_data::<actix_web::web::Data<AppState>>()
        .map(|state| state.settings.trusted_proxies.as_slice())
        .unwrap_or_default();
    let headers = req.headers();
    let joined = |name: &str| {
        let values: Vec<&str> = headers
            .get_all(name)
            .filter_map(|v| v.to_str().ok())
            .collect();
        (!values.is_empty()).then(|| values.join(","))
    };
    forwarded_client(
        peer,
        joined("forwarded").as_deref(),
        joined("x-forwarded-for").as_deref(),
        trusted,
    )
    .to_string()
}

/// The client behind a chain of trusted proxies. Only when `peer` is trusted are the headers
/// read (`Forwarded` first, else `X-Forwarded-For`); the hops are walked from the nearest
/// (rightmost) one, and the first address that is not a trusted proxy is the client. A hop
/// that cannot be read stops the walk at the last trusted address, so a forged entry can
/// never choose the key.
pub fn forwarded_client(
    peer: IpAddr,
    forwarded: Option<&str>,
    x_forwarded_for: Option<&str>,
    trusted: &[IpNetwork],
) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|net| net.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let hops: Vec<&str> = match (forwarded, x_forwarded_for) {
        (Some(f), _) => f
            .split(',')
            .map(|element| {
                element
                    .split(';')
                    .filter_map(|pair| pair.trim().split_once('='))
                    .find(|(k, _)| k.trim().eq_ignore_ascii_case("for"))
                    .map_or("", |(_, v)| v.trim())
            })
            .collect(),
        (None, Some(x)) => x.split(',').collect(),
        (None, None) => Vec::new(),
    };
    let mut client = peer;
    for hop in hops.iter().rev() {
        let Some(ip) = parse_hop(hop) else {
            break;
        };
        client = ip;
        if !is_trusted(ip) {
            break;
        }
    }
    client
}

/// Reads `192.0.2.1`, `192.0.2.1:4711`, `"[2001:db8::1]:4711"` or `2001:db8::1`.
fn parse_hop(hop: &str) -> Option<IpAddr> {
    let hop = hop.trim().trim_matches('"');
    if let Ok(ip) = hop.parse::<IpAddr>() {
        return Some(ip);
    }
    if let Some(rest) = hop.strip_prefix('[') {
        return rest.split(']').next()?.parse().ok();
    }
    hop.parse::<std::net::SocketAddr>().ok().map(|s| s.ip())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nets(list: &[&str]) -> Vec<IpNetwork> {
        list.iter()
            .map(|t| IpNetwork::try_from((*t).to_owned()).unwrap())
            .collect()
    }

    fn ip(t: &str) -> IpAddr {
        t.parse().unwrap()
    }

    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let trusted = nets(&["10.0.0.0/8", "127.0.0.1"]);
        let cases: [(&str, Option<&str>, Option<&str>, &str); 9] = [
            ("192.0.2.9", None, Some("203.0.113.5"), "192.0.2.9"),
            ("127.0.0.1", None, Some("203.0.113.5"), "203.0.113.5"),
            (
                "127.0.0.1",
                None,
                Some("1.1.1.1, 203.0.113.5, 10.0.0.3"),
                "203.0.113.5",
            ),
            (
                "127.0.0.1",
                None,
                Some("nonsense, 203.0.113.5"),
                "203.0.113.5",
            ),
            (
                "127.0.0.1",
                None,
                Some("203.0.113.5, nonsense"),
                "127.0.0.1",
            ),
            ("127.0.0.1", None, None, "127.0.0.1"),
            (
                "127.0.0.1",
                Some("for=198.51.100.4;proto=https"),
                Some("1.2.3.4"),
                "198.51.100.4",
            ),
            (
                "10.1.1.1",
                Some(r#"for="[2001:db8::17]:4711", for=10.0.0.2"#),
                None,
                "2001:db8::17",
            ),
            ("10.1.1.1", Some("for=192.0.2.60:8080"), None, "192.0.2.60"),
        ];
        for (peer, forwarded, xff, expected) in cases {
            assert_eq!(
                forwarded_client(ip(peer), forwarded, xff, &trusted),
                ip(expected),
                "{peer} {forwarded:?} {xff:?}"
            );
        }
        assert_eq!(
            forwarded_client(ip("127.0.0.1"), None, Some("203.0.113.5"), &[]),
            ip("127.0.0.1"),
            "no trusted proxies: headers ignored"
        );
    }
}
