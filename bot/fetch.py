"""Fetch one web page for ingestion, safely.

A maintainer's link is untrusted input that makes the bot's server open a
connection, so every hop is checked: http/https only, the host resolved once and
refused when it is private, loopback, link-local or a cloud metadata address (the
connection then goes to exactly the address that was checked, so a DNS answer
cannot change in between), redirects followed by hand up to a cap, a content-type
check, and a size cap enforced while streaming.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from dataclasses import dataclass
from typing import TYPE_CHECKING

import httpx

if TYPE_CHECKING:
    from bot.ingest import IngestLimits

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

USER_AGENT = "newsbrief/0.1 (article fetcher)"
ACCEPT = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,text/markdown;q=0.8"
# Content types that hold an article, and the format the summarizer parses them as.
CONTENT_TYPES: dict[str, str] = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "text",
    "text/markdown": "markdown",
    "text/x-markdown": "markdown",
}
# Refused even when private addresses are allowed: nothing there is an article, and
# they hand out cloud credentials.
METADATA_ADDRESSES: frozenset[IPAddress] = frozenset(
    ipaddress.ip_address(a)
    for a in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "fd00:ec2::254")
)
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


class FetchError(Exception):
    """The page cannot be fetched; the message is one line saying what to do."""


@dataclass(frozen=True, slots=True)
class FetchedPage:
    url: str
    """The final address, after redirects."""
    fmt: str | None
    """``"html"``, ``"text"`` or ``"markdown"``; ``None`` (guess) when the server did not say."""
    charset: str | None
    body: bytes


def human_size(size: int) -> str:
    """``2.0 MB``, ``12 kB`` or ``300 bytes``: sizes in messages a maintainer reads."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.0f} kB"
    return f"{size} bytes"


def address_refusal(address: IPAddress, *, allow_private: bool) -> str | None:
    """Why ``address`` must not be fetched from, or ``None`` when it may."""
    if isinstance(address, ipaddress.IPv6Address):
        embedded = address.ipv4_mapped or address.sixtofour
        if embedded is not None:
            address = embedded
    if address in METADATA_ADDRESSES:
        return "a cloud metadata address"
    if allow_private:
        return None
    if address.is_loopback:
        return "a loopback address"
    if address.is_unspecified:
        return "the unspecified address, which reaches this machine"
    if address.is_link_local:
        return "a link-local address"
    if address.is_private:
        return "a private network address"
    if address.is_multicast or address.is_unspecified or address.is_reserved:
        return "not a public address"
    if not address.is_global:
        return "not a public address"
    return None


def _check_scheme(url: httpx.URL, shown: str) -> None:
    if url.scheme not in ("http", "https"):
        raise FetchError(f"Only http:// and https:// links can be fetched, not {shown}.")
    if not url.host:
        raise FetchError(f"The link {shown} has no host name: send a full http(s) address.")


async def _resolve(url: httpx.URL, limits: IngestLimits) -> IPAddress:
    """The address to connect to, after checking every address the host resolves to."""
    host = url.host
    port = url.port or (443 if url.scheme == "https" else 80)
    try:
        literal: IPAddress | None = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            async with asyncio.timeout(limits.connect_timeout):
                infos = await asyncio.get_running_loop().getaddrinfo(
                    host, port, type=socket.SOCK_STREAM
                )
        except (socket.gaierror, UnicodeError) as e:
            raise FetchError(f"Cannot find the server {host}: check the link.") from e
        except TimeoutError as e:
            raise FetchError(f"Looking up {host} took too long: try again later.") from e
        addresses = [ipaddress.ip_address(str(info[4][0]).partition("%")[0]) for info in infos]
    if not addresses:
        raise FetchError(f"Cannot find the server {host}: check the link.")
    for address in addresses:
        reason = address_refusal(address, allow_private=limits.allow_private_urls)
        if reason is not None:
            raise FetchError(
                f"Refusing to fetch {host}: it resolves to {address}, {reason}. "
                "Send a link to a public web page."
            )
    # IPv4 first: a server listening on 0.0.0.0 is not reachable on ::1.
    return sorted(addresses, key=lambda a: a.version)[0]


def _host_header(url: httpx.URL) -> str:
    host = url.host
    if ":" in host:
        host = f"[{host}]"
    return host if url.port is None else f"{host}:{url.port}"


def _content_type(response: httpx.Response) -> tuple[str | None, str | None]:
    header = response.headers.get("content-type")
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.strip().lower(), charset


async def fetch_page(url: str, limits: IngestLimits) -> FetchedPage:
    """Download ``url`` under ``limits``; raises :class:`FetchError` with a user-facing line."""
    try:
        async with asyncio.timeout(limits.total_timeout):
            return await _fetch(url.strip(), limits)
    except TimeoutError as e:
        raise FetchError(
            f"Fetching the page took longer than {limits.total_timeout:g} s: "
            "try again later or send the article's text instead."
        ) from e


async def _fetch(url_text: str, limits: IngestLimits) -> FetchedPage:
    try:
        url = httpx.URL(url_text)
    except (httpx.InvalidURL, TypeError, ValueError) as e:
        raise FetchError(f"{url_text!r} is not a valid link: send a full http(s) address.") from e
    timeout = httpx.Timeout(
        connect=limits.connect_timeout,
        read=limits.read_timeout,
        write=limits.read_timeout,
        pool=limits.connect_timeout,
    )
    seen: set[str] = set()
    async with httpx.AsyncClient(
        timeout=timeout, follow_redirects=False, trust_env=False, http2=False
    ) as client:
        for _hop in range(limits.max_redirects + 1):
            _check_scheme(url, str(url))
            seen.add(str(url))
            address = await _resolve(url, limits)
            pinned = url.copy_with(host=str(address))
            headers = {"Host": _host_header(url), "User-Agent": USER_AGENT, "Accept": ACCEPT}
            extensions = {"sni_hostname": url.host} if url.scheme == "https" else {}
            try:
                async with client.stream(
                    "GET", pinned, headers=headers, extensions=extensions
                ) as response:
                    if response.status_code in _REDIRECTS:
                        location = response.headers.get("location")
                        if not location:
                            raise FetchError(
                                f"{url} redirects without saying where: check the link."
                            )
                        try:
                            url = url.join(location)
                        except (httpx.InvalidURL, ValueError) as e:
                            raise FetchError(
                                f"{url} redirects to an invalid address: check the link."
                            ) from e
                        if str(url) in seen:
                            raise FetchError(
                                f"The link redirects in a loop (back to {url}): "
                                "check the link in a browser."
                            )
                        continue
                    return await _read(response, url, limits)
            except httpx.TimeoutException as e:
                raise FetchError(
                    f"{url.host} did not answer in time: try again later or send the article's "
                    "text instead."
                ) from e
            except httpx.HTTPError as e:
                raise FetchError(
                    f"Cannot fetch {url}: {type(e).__name__}. Check the link or send the "
                    "article's text instead."
                ) from e
    raise FetchError(
        f"The link redirects more than {limits.max_redirects} times: send the final address."
    )


async def _read(response: httpx.Response, url: httpx.URL, limits: IngestLimits) -> FetchedPage:
    if not response.is_success:
        reason = response.reason_phrase or "error"
        raise FetchError(
            f"The server answered {response.status_code} {reason} for {url}: check the link."
        )
    media, charset = _content_type(response)
    fmt = CONTENT_TYPES.get(media) if media else None
    if media and fmt is None:
        raise FetchError(
            f"The link points to {media}, not a web page: send a link to an article page, or "
            "the article's text."
        )
    limit = human_size(limits.max_bytes)
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise FetchError(
            f"The page is {human_size(int(declared))}, more than the {limit} limit: "
            "send the article's text instead."
        )
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.aiter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise FetchError(
                f"The page is larger than the {limit} limit: send the article's text instead."
            )
        chunks.append(chunk)
    return FetchedPage(url=str(url), fmt=fmt, charset=charset, body=b"".join(chunks))
