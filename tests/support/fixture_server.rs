//! A local web server for the fetch tests and for trying `yuanqu fetch` by hand
//! (`cargo run --example serve-fixtures`): it serves tests/data/fetch on 127.0.0.1
//! as feeds, pages, a Founder e-paper and 科技日报's API would, and misbehaves on
//! request as bad servers do. Nothing here reaches beyond the loopback address.
//!
//! Routes:
//! - `GET /static/PATH`: a file of tests/data/fetch, with an ETag and Last-Modified,
//!   304 when the request's validators match; no charset in Content-Type;
//! - `GET /gbk/PATH`: the same, with `charset=GBK` in Content-Type;
//! - `GET /web/PATH`: the saved pages of tests/data/web, as article pages;
//! - `POST /api/uv/article/…`: 科技日报's e-paper API over the stdaily/ files;
//! - `/hang` (never answers in time), `/status/N`, `/loop` (redirects to itself),
//!   `/bomb` (a gzip body that inflates to 64 MB), `/big` (3 MB), `/busy` (503 with
//!   a Retry-After of an hour), `/retry-once` (429 with Retry-After: 1, then a feed).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

pub struct FixtureServer {
    pub base: String,
    /// `METHOD path` of every request, in order of arrival.
    pub log: Arc<Mutex<Vec<String>>>,
    server: Arc<Server>,
}

impl FixtureServer {
    /// Serve tests/data/fetch on 127.0.0.1 at `port` (0: any free port).
    pub fn start(port: u16) -> FixtureServer {
        FixtureServer::serving(
            port,
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/fetch"),
        )
    }

    /// Serve the files of `root` (a copy of tests/data/fetch a test may change), a
    /// thread per request.
    pub fn serving(port: u16, root: PathBuf) -> FixtureServer {
        let server = Arc::new(Server::http(("127.0.0.1", port)).expect("bind 127.0.0.1"));
        let addr = server.server_addr().to_ip().expect("an IP address");
        let log = Arc::new(Mutex::new(Vec::new()));
        let retries = Arc::new(AtomicUsize::new(0));
        let (srv, lg) = (Arc::clone(&server), Arc::clone(&log));
        std::thread::spawn(move || {
            for request in srv.incoming_requests() {
                let (root, log, retries) = (root.clone(), Arc::clone(&lg), Arc::clone(&retries));
                std::thread::spawn(move || answer(request, &root, &log, &retries));
            }
        });
        FixtureServer {
            base: format!("http://{addr}"),
            log,
            server,
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Requests whose path starts with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        let log = self.log.lock().unwrap();
        log.iter()
            .filter(|l| {
                l.split_once(' ')
                    .is_some_and(|(_, p)| p.starts_with(prefix))
            })
            .count()
    }

    /// Block serving requests until the process ends (the example's main loop).
    pub fn wait(&self) {
        loop {
            std::thread::sleep(Duration::from_secs(3600));
        }
    }
}

impl Drop for FixtureServer {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("a valid header")
}

fn answer(mut request: Request, root: &Path, log: &Mutex<Vec<String>>, retries: &AtomicUsize) {
    let path = request.url().to_string();
    log.lock()
        .unwrap()
        .push(format!("{} {path}", request.method()));
    let mut body = String::new();
    let _ = request.as_reader().read_to_string(&mut body);
    let file_path = path.split('?').next().unwrap_or("");
    let response = if let Some(rest) = file_path.strip_prefix("/static/") {
        file(&request, &root.join(rest), None)
    } else if let Some(rest) = file_path.strip_prefix("/gbk/") {
        file(&request, &root.join(rest), Some("GBK"))
    } else if let Some(rest) = file_path.strip_prefix("/web/") {
        file(&request, &root.join("../web").join(rest), None)
    } else if let Some(endpoint) = path.strip_prefix("/api/uv/article/") {
        stdaily(root, endpoint, &body)
    } else {
        misbehave(&path, root, retries)
    };
    let _ = request.respond(response);
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

fn file(request: &Request, path: &PathBuf, charset: Option<&str>) -> Reply {
    let Ok(bytes) = std::fs::read(path) else {
        return Response::from_string("not found").with_status_code(404);
    };
    let etag = format!(
        "\"{:x}\"",
        bytes
            .iter()
            .fold(0u64, |h, &b| h.wrapping_mul(31).wrapping_add(u64::from(b)))
    );
    let matches = request
        .headers()
        .iter()
        .any(|h| h.field.equiv("If-None-Match") && h.value.as_str() == etag);
    if matches {
        return Response::from_data(Vec::new())
            .with_status_code(304)
            .with_header(header("ETag", &etag));
    }
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("xml" | "rdf") => "application/rss+xml",
        Some("json") => "application/feed+json",
        _ => "text/html",
    };
    let content_type = match charset {
        Some(c) => format!("{kind}; charset={c}"),
        None => kind.to_string(),
    };
    Response::from_data(bytes)
        .with_header(header("Content-Type", &content_type))
        .with_header(header("ETag", &etag))
        .with_header(header("Last-Modified", "Fri, 14 Mar 2025 00:00:00 GMT"))
}

/// 科技日报's API: the answer file named by the request's date or id.
fn stdaily(root: &Path, endpoint: &str, body: &str) -> Reply {
    let json: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
    let field = |name: &str| {
        json.get(name)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    let name = match endpoint {
        "period/date" => "period-date.json".to_string(),
        "period/periodTime" => format!("period-time-{}.json", field("periodTime")),
        "article/editionId" => format!("edition-{}.json", field("id")),
        "article/articleId" => format!("article-{}.json", field("id")),
        _ => String::new(),
    };
    match std::fs::read(root.join("stdaily").join(name)) {
        Ok(bytes) => {
            Response::from_data(bytes).with_header(header("Content-Type", "application/json"))
        }
        Err(_) => Response::from_string(r#"{"status":"500","msg":"no access!"}"#),
    }
}

fn misbehave(path: &str, root: &Path, retries: &AtomicUsize) -> Reply {
    match path {
        "/hang" => {
            std::thread::sleep(Duration::from_secs(30));
            Response::from_string("too late")
        }
        "/loop" => Response::from_string("again")
            .with_status_code(302)
            .with_header(header("Location", "/loop")),
        "/bomb" => {
            let bytes = std::fs::read(root.join("bomb.gz")).unwrap_or_default();
            Response::from_data(bytes)
                .with_header(header("Content-Type", "application/rss+xml"))
                .with_header(header("Content-Encoding", "gzip"))
        }
        "/big" => Response::from_data(vec![b'a'; 3 * 1024 * 1024]),
        "/busy" => Response::from_string("busy")
            .with_status_code(503)
            .with_header(header("Retry-After", "3600")),
        "/retry-once" if retries.fetch_add(1, Ordering::SeqCst) == 0 => {
            Response::from_string("slow down")
                .with_status_code(429)
                .with_header(header("Retry-After", "1"))
        }
        "/retry-once" => {
            Response::from_data(std::fs::read(root.join("feeds/feed.json")).unwrap_or_default())
        }
        _ => match path
            .strip_prefix("/status/")
            .and_then(|c| c.parse::<u16>().ok())
        {
            Some(code) => Response::from_string(format!("status {code}")).with_status_code(code),
            None => Response::from_string("not found").with_status_code(404),
        },
    }
}
