"""Links: fetched from a real HTTP server on 127.0.0.1, refused when they point inwards.

Nothing here leaves the machine: refused addresses are refused before any
connection is made.
"""

from __future__ import annotations

import ipaddress
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from bot.fetch import FetchError, address_refusal, fetch_page
from bot.ingest import IngestError, IngestLimits, ingest_url
from bot.store import SQLiteStore
from bot.store.base import ArticleStore

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><title>Harbour crane collapses | Daily Port</title></head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article>
<h1>Harbour crane collapses in storm</h1>
<p>A container crane collapsed at the city harbour during a storm on Thursday night, the port
authority said. Nobody was hurt.</p>
<p>“We closed the terminal two hours before the wind peaked,” said Ana Ruiz, the harbour master.
About 40 ships are waiting to be unloaded.</p>
<p>Engineers will inspect the remaining cranes before work resumes on Monday.</p>
</article>
<footer>Subscribe to our newsletter. All rights reserved.</footer>
</body></html>
"""
PLAIN = (
    "Ferry timetable changes\n\nThe winter ferry timetable starts on Sunday. "
    "Two crossings a day are cut.\n"
)
LATIN1 = (
    "<html><head><title>Caf\xe9</title></head><body><h1>Le caf\xe9 rouvre</h1>"
    "<p>Le caf\xe9 de la gare a rouvert apr\xe8s deux ans de travaux. Les habitu\xe9s "
    "\xe9taient ravis.</p></body></html>"
).encode("latin-1")

# Limits for the local server: private addresses allowed, short timeouts, small cap.
LOCAL = IngestLimits(
    max_bytes=200_000,
    allow_private_urls=True,
    connect_timeout=2.0,
    read_timeout=0.5,
    max_redirects=5,
    total_timeout=10.0,
)


class Handler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def _send(self, status: int, body: bytes, content_type: str | None, **headers: str) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str, status: int = 302) -> None:
        self._send(status, b"", "text/html", Location=location, Content_Length="0")

    def do_GET(self) -> None:
        path = self.path
        try:
            if path == "/article":
                self._send(200, PAGE.encode(), "text/html; charset=utf-8")
            elif path == "/plain":
                self._send(200, PLAIN.encode(), "text/plain; charset=utf-8")
            elif path == "/latin1":
                self._send(200, LATIN1, "text/html; charset=iso-8859-1")
            elif path == "/host":
                body = f"<html><body><p>Host header was {self.headers['Host']}.</p></body></html>"
                self._send(200, body.encode(), "text/html")
            elif path == "/missing":
                self._send(404, b"<h1>Not found</h1>", "text/html")
            elif path == "/pdf":
                self._send(200, b"%PDF-1.7\n", "application/pdf")
            elif path == "/slow":
                time.sleep(3)
                self._send(200, PAGE.encode(), "text/html")
            elif path == "/loop":
                self._redirect("/loop")
            elif path.startswith("/chain/"):
                left = int(path.rsplit("/", 1)[1])
                self._redirect(f"/chain/{left - 1}" if left > 0 else "/article", 301)
            elif path == "/big":
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.end_headers()
                for _ in range(100):  # 1 MB, no Content-Length: only counting can stop it
                    self.wfile.write(b"<p>" + b"filler text " * 850 + b"</p>\n")
            elif path == "/big-declared":
                self._send(200, b"<p>tiny</p>", "text/html", Content_Length="50000000")
            elif path == "/to-metadata":
                self._redirect("http://169.254.169.254/latest/meta-data/")
            elif path == "/to-file":
                self._redirect("file:///etc/passwd")
            else:
                self._send(500, b"unexpected", "text/plain")
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up, as it should


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[ArticleStore]:
    async with SQLiteStore(tmp_path / "news.db") as opened:
        yield opened


async def test_a_page_is_stored_with_its_main_text(store: ArticleStore, server: str) -> None:
    result = await ingest_url(store, f"{server}/article", added_by=3, limits=LOCAL)
    assert result.created
    assert result.title == "Harbour crane collapses in storm"
    body = result.analysis.article.body
    assert body.startswith("A container crane collapsed at the city harbour")
    assert "Subscribe" not in body and "Home" not in body
    assert "said Ana Ruiz, the harbour master." in body
    stored = await store.get(result.id)
    assert stored is not None and stored.source == f"{server}/article"
    again = await ingest_url(store, f"{server}/article", limits=LOCAL)
    assert (again.id, again.created) == (result.id, False)


async def test_plain_text_and_declared_charsets(store: ArticleStore, server: str) -> None:
    plain = await ingest_url(store, f"{server}/plain", limits=LOCAL)
    assert plain.title == "Ferry timetable changes"
    latin = await ingest_url(store, f"{server}/latin1", limits=LOCAL)
    assert "Le café de la gare a rouvert après deux ans de travaux." in latin.analysis.article.body


async def test_redirects_are_followed_to_the_final_address(server: str) -> None:
    page = await fetch_page(f"{server}/chain/3", LOCAL)
    assert page.url == f"{server}/article" and page.fmt == "html"
    assert b"Harbour crane" in page.body


async def test_the_host_header_names_the_host_not_the_address(server: str) -> None:
    port = server.rsplit(":", 1)[1]
    page = await fetch_page(f"http://localhost:{port}/host", LOCAL)
    assert f"Host header was localhost:{port}.".encode() in page.body


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/missing", "answered 404 Not Found"),
        ("/pdf", "points to application/pdf, not a web page"),
        ("/slow", "did not answer in time"),
        ("/loop", "redirects in a loop"),
        ("/chain/9", "redirects more than 5 times"),
        ("/big", "larger than the 200 kB limit"),
        ("/big-declared", "is 50.0 MB, more than the 200 kB limit"),
        ("/to-metadata", "169.254.169.254, a cloud metadata address"),
        ("/to-file", "Only http:// and https:// links"),
    ],
)
async def test_bad_links_are_refused_and_nothing_is_stored(
    store: ArticleStore, server: str, path: str, message: str
) -> None:
    with pytest.raises(IngestError, match=message) as caught:
        await ingest_url(store, f"{server}{path}", limits=LOCAL)
    assert "\n" not in str(caught.value)
    assert await store.count() == 0


async def test_a_whole_download_has_a_deadline(server: str) -> None:
    slow_reader = IngestLimits(allow_private_urls=True, read_timeout=10.0, total_timeout=0.5)
    with pytest.raises(FetchError, match=r"took longer than 0\.5 s"):
        await fetch_page(f"{server}/slow", slow_reader)


# -- the private-address guard (allow_private_urls=False) ------------------------------------


async def test_the_guard_refuses_the_local_server(store: ArticleStore, server: str) -> None:
    port = server.rsplit(":", 1)[1]
    for url in (f"{server}/article", f"http://localhost:{port}/article"):
        with pytest.raises(IngestError, match="a loopback address"):
            await ingest_url(store, url)
    assert await store.count() == 0


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("file:///etc/passwd", "Only http:// and https:// links"),
        ("ftp://example.com/article.txt", "Only http:// and https:// links"),
        ("javascript:alert(1)", "Only http:// and https:// links"),
        ("http://169.254.169.254/latest/meta-data/", "cloud metadata address"),
        ("http://[fd00:ec2::254]/", "cloud metadata address"),
        ("http://169.254.1.1/", "a link-local address"),
        ("http://10.0.0.1/", "a private network address"),
        ("http://192.168.1.1:8080/admin", "a private network address"),
        ("http://[::1]/", "a loopback address"),
        ("http://[::ffff:127.0.0.1]/", "a loopback address"),
        ("http://0.0.0.0/", "the unspecified address"),
        ("http://2130706433/", "a loopback address"),
        ("https:///nothing", "no host name|not a valid link"),
        ("not a link", "Only http:// and https:// links|not a valid link"),
    ],
)
async def test_the_guard_refuses_inward_and_odd_links(url: str, message: str) -> None:
    with pytest.raises(FetchError, match=message):
        await fetch_page(url, IngestLimits())


@pytest.mark.parametrize(
    ("address", "refused"),
    [
        ("93.184.215.14", None),
        ("2606:4700::6810:85e5", None),
        ("127.0.0.1", "a loopback address"),
        ("10.1.2.3", "a private network address"),
        ("172.16.0.1", "a private network address"),
        ("100.64.0.1", "not a public address"),
        ("224.0.0.1", "not a public address"),
        ("fe80::1", "a link-local address"),
        ("fc00::1", "a private network address"),
        ("::ffff:10.0.0.1", "a private network address"),
        ("2002:7f00:1::", "a loopback address"),
    ],
)
def test_address_rules(address: str, refused: str | None) -> None:
    assert address_refusal(ipaddress.ip_address(address), allow_private=False) == refused


def test_metadata_addresses_stay_refused_when_private_ones_are_allowed() -> None:
    for address in ("169.254.169.254", "fd00:ec2::254", "::ffff:169.254.169.254"):
        refused = address_refusal(ipaddress.ip_address(address), allow_private=True)
        assert refused == "a cloud metadata address"
    assert address_refusal(ipaddress.ip_address("10.0.0.1"), allow_private=True) is None
