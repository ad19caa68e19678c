//! Requests as every source makes them: one agent with its timeouts, body limit
//! and user agent set; at most two requests at once to one host; conditional GET
//! with the validators a URL last gave; a short Retry-After waited out once.
//!
//! ureq sets no timeouts unless told, and its default body limit is 10 MB: both are
//! set here from `[fetch]`, so no request can hang a fetch or fill its memory.

use std::collections::HashMap;
use std::fmt;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use ureq::http::{HeaderMap, StatusCode};

use super::source::FetchSettings;

/// Requests to one host at the same time, at most.
pub const PER_HOST: usize = 2;
/// The longest Retry-After waited out within a run; longer, the source fails and
/// says when to try again.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(10);

/// Why a request gave nothing to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    Timeout,
    Status(u16),
    /// 429 or 503 with a Retry-After too long to wait for, in seconds.
    RetryLater(u16, u64),
    TooLarge(u64),
    TooManyRedirects,
    Connect(String),
    BadUrl(String),
    /// The body came but could not be read as what it should be.
    Malformed(String),
    Other(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Timeout => f.write_str("timeout"),
            FetchError::Status(code) => write!(f, "HTTP {code}"),
            FetchError::RetryLater(code, secs) => {
                write!(f, "HTTP {code}, the server asks to wait {secs} s")
            }
            FetchError::TooLarge(limit) => write!(f, "too large (over {limit} bytes)"),
            FetchError::TooManyRedirects => f.write_str("too many redirects"),
            FetchError::Connect(why) => write!(f, "cannot connect: {why}"),
            FetchError::BadUrl(why) => write!(f, "bad URL: {why}"),
            FetchError::Malformed(why) => write!(f, "malformed: {why}"),
            FetchError::Other(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for FetchError {}

/// The validators a URL last answered with, sent back for a conditional GET.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Validators {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
}

impl Validators {
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none()
    }
}

/// A body and what the response said of it.
#[derive(Debug, Clone)]
pub struct Body {
    pub bytes: Vec<u8>,
    /// The Content-Type's charset, if any.
    pub charset: Option<String>,
    pub validators: Validators,
}

/// What a conditional GET gives.
#[derive(Debug, Clone)]
pub enum Fetched {
    Body(Body),
    NotModified,
}

/// One agent for a whole fetch, shared by every source's thread.
pub struct Client {
    agent: ureq::Agent,
    max_bytes: u64,
    hosts: HostGate,
}

impl Client {
    pub fn new(settings: &FetchSettings) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_global(Some(settings.timeout))
            .http_status_as_error(false)
            .max_redirects(10)
            // No more connections kept to a host than are ever used at once.
            .max_idle_connections_per_host(PER_HOST)
            .user_agent(settings.user_agent.as_str())
            .build();
        Client {
            agent: config.new_agent(),
            max_bytes: settings.max_bytes,
            hosts: HostGate::default(),
        }
    }

    /// GET, conditional when `known` holds validators.
    pub fn get(&self, url: &str, known: Option<&Validators>) -> Result<Fetched, FetchError> {
        self.with_retry(url, || {
            let mut request = self.agent.get(url);
            if let Some(v) = known {
                if let Some(etag) = &v.etag {
                    request = request.header("If-None-Match", etag);
                }
                if let Some(date) = &v.last_modified {
                    request = request.header("If-Modified-Since", date);
                }
            }
            request.call()
        })
    }

    /// GET a body, unconditionally.
    pub fn get_body(&self, url: &str) -> Result<Body, FetchError> {
        match self.get(url, None)? {
            Fetched::Body(body) => Ok(body),
            Fetched::NotModified => Err(FetchError::Status(304)),
        }
    }

    /// POST a JSON body, as 科技日报's API wants it (with X-Requested-With).
    pub fn post_json(&self, url: &str, json: &serde_json::Value) -> Result<Body, FetchError> {
        let text = json.to_string();
        let fetched = self.with_retry(url, || {
            self.agent
                .post(url)
                .header("Content-Type", "application/json")
                .header("X-Requested-With", "XMLHttpRequest")
                .send(text.as_str())
        })?;
        match fetched {
            Fetched::Body(body) => Ok(body),
            Fetched::NotModified => Err(FetchError::Status(304)),
        }
    }

    /// One request within the host's limit; a 429 or 503 that asks for a short wait
    /// is waited out and tried once more.
    fn with_retry(
        &self,
        url: &str,
        send: impl Fn() -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Fetched, FetchError> {
        let host = crate::core::extract::host_of(url)
            .ok_or_else(|| FetchError::BadUrl(format!("{url} is not an http(s) URL")))?
            .to_string();
        let mut waited = false;
        loop {
            let response = {
                let _turn = self.hosts.enter(&host);
                send().map_err(request_error)?
            };
            let status = response.status();
            if status == StatusCode::TOO_MANY_REQUESTS || status == StatusCode::SERVICE_UNAVAILABLE
            {
                let wait = retry_after(response.headers());
                match wait {
                    Some(secs) if !waited && Duration::from_secs(secs) <= MAX_RETRY_WAIT => {
                        std::thread::sleep(Duration::from_secs(secs));
                        waited = true;
                        continue;
                    }
                    Some(secs) => return Err(FetchError::RetryLater(status.as_u16(), secs)),
                    None => return Err(FetchError::Status(status.as_u16())),
                }
            }
            return self.read(response);
        }
    }

    fn read(&self, mut response: ureq::http::Response<ureq::Body>) -> Result<Fetched, FetchError> {
        let status = response.status();
        if status == StatusCode::NOT_MODIFIED {
            return Ok(Fetched::NotModified);
        }
        if !status.is_success() {
            return Err(FetchError::Status(status.as_u16()));
        }
        let headers = response.headers();
        let validators = Validators {
            etag: header(headers, "etag"),
            last_modified: header(headers, "last-modified"),
        };
        let charset = response.body().charset().map(str::to_string);
        let bytes = response
            .body_mut()
            .with_config()
            .limit(self.max_bytes)
            .read_to_vec()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge(self.max_bytes),
                other => request_error(other),
            })?;
        Ok(Fetched::Body(Body {
            bytes,
            charset,
            validators,
        }))
    }
}

fn header(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
}

/// Retry-After in seconds (the HTTP-date form is taken as "later", not waited for).
fn retry_after(headers: &HeaderMap) -> Option<u64> {
    let value = header(headers, "retry-after")?;
    Some(value.trim().parse().unwrap_or(u64::MAX / 2))
}

fn request_error(e: ureq::Error) -> FetchError {
    match e {
        ureq::Error::Timeout(_) => FetchError::Timeout,
        ureq::Error::StatusCode(code) => FetchError::Status(code),
        ureq::Error::TooManyRedirects => FetchError::TooManyRedirects,
        ureq::Error::BodyExceedsLimit(limit) => FetchError::TooLarge(limit),
        ureq::Error::HostNotFound => FetchError::Connect("host not found".into()),
        ureq::Error::ConnectionFailed => FetchError::Connect("connection failed".into()),
        ureq::Error::BadUri(why) => FetchError::BadUrl(why),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => FetchError::Timeout,
        ureq::Error::Io(io) => FetchError::Connect(io.to_string()),
        ureq::Error::Decompress(_, io) => {
            FetchError::Malformed(format!("bad compressed body: {io}"))
        }
        other => FetchError::Other(other.to_string()),
    }
}

/// Counts requests per host, holding a thread back while its host has `PER_HOST`.
#[derive(Default)]
struct HostGate {
    busy: Mutex<HashMap<String, usize>>,
    freed: Condvar,
}

/// A request's turn at its host; the turn ends when this is dropped.
struct Turn<'a> {
    gate: &'a HostGate,
    host: String,
}

impl HostGate {
    fn enter(&self, host: &str) -> Turn<'_> {
        let mut busy = self.busy.lock().unwrap_or_else(|p| p.into_inner());
        while busy.get(host).copied().unwrap_or(0) >= PER_HOST {
            busy = self.freed.wait(busy).unwrap_or_else(|p| p.into_inner());
        }
        *busy.entry(host.to_string()).or_default() += 1;
        Turn {
            gate: self,
            host: host.to_string(),
        }
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        let mut busy = self.gate.busy.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(n) = busy.get_mut(&self.host) {
            *n = n.saturating_sub(1);
        }
        self.gate.freed.notify_all();
    }
}
