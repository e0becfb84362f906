"""Fetch a group's addresses and say whether each answers: the heart of ``check-groups``.

httpx is asynchronous (hundreds of groups from one thread), times each phase of a
request, and leaves redirects to the caller, so :mod:`pugguide.liveness.netguard` checks
every hop before it is requested.

A request reaches only the address that was checked: the name is resolved once and the
request goes to the checked IP, with the name in the ``Host`` header and as TLS's server
name (httpx's ``sni_hostname``), so the certificate is verified against the name and a
DNS answer that changes in between (rebinding) cannot matter. Each request has a client
of its own, with no proxy from the environment and no kept-alive connection, so a
connection verified for one name is never reused for another name on the same IP.

A request is a ``GET`` whose body is never read (some sites answer ``HEAD`` with 404 or
405). Outcomes (the report's ``status``): ``ok``, 2xx at the address itself;
``redirected``, 2xx after redirects (``final_url`` says where); ``broken``, 4xx;
``error``, 5xx, a redirect loop, too many redirects, a redirect to something that is
not http(s), or an answer that is not HTTP; ``unreachable``, DNS failure, refused or
reset connection, TLS failure, timeout, or an address the network rule refuses (no
request sent).
"""

from __future__ import annotations

import asyncio
import dataclasses
from typing import TYPE_CHECKING

import httpx

from pugguide import __version__
from pugguide.liveness import netguard
from pugguide.liveness.netguard import Refused, resolve_checked

if TYPE_CHECKING:
    import ssl

    from pugguide.liveness.netguard import IPAddress, Resolver

#: Redirects followed before the answer counts as an error.
MAX_REDIRECTS = 5
#: Requests to one host at a time, whatever ``--concurrency`` says (meetup.com hosts many).
PER_HOST = 2
#: Statuses that mean "the address answered".
ANSWERED = ("ok", "redirected")
STATUSES = ("ok", "redirected", "broken", "error", "unreachable")
USER_AGENT = (
    f"pug-guide-check-groups/{__version__} "
    "(+https://github.com/pug-guide/pug-guide; weekly check that Python user groups' "
    "pages still answer)"
)


@dataclasses.dataclass(frozen=True)
class Outcome:
    """What one address gave: a report entry, and a *reason* for people."""

    status: str
    http_status: int | None
    final_url: str | None
    reason: str = ""

    @property
    def answered(self) -> bool:
        return self.status in ANSWERED

    def report(self) -> dict[str, object]:
        """The report's entry: exactly ``status``, ``http_status`` and ``final_url``."""
        return {"status": self.status, "http_status": self.http_status, "final_url": self.final_url}


def _by_status(code: int, url: str, redirected: bool) -> Outcome:
    if code < 300:
        return Outcome("redirected" if redirected else "ok", code, url, f"HTTP {code}")
    if 400 <= code < 500:
        return Outcome("broken", code, url, f"HTTP {code}")
    if code >= 500:
        return Outcome("error", code, url, f"HTTP {code}")
    return Outcome("error", code, url, f"HTTP {code} without a Location to follow")


class Checker:
    """Checks addresses with bounded time and parallelism; one per run.

    *timeout* bounds each phase of a request (connect, TLS, write, read) and the DNS
    look-up; one address, every redirect included, gets at most three times that.
    *concurrency* bounds the requests in flight, and :data:`PER_HOST` those to one host.
    """

    def __init__(
        self,
        *,
        timeout: float = 10.0,
        concurrency: int = 8,
        allow_loopback: bool = False,
        resolver: Resolver | None = None,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.timeout = timeout
        self.deadline = 3 * timeout
        self.allow_loopback = allow_loopback
        #: None: :func:`netguard.system_resolver`, looked up when used (tests replace it).
        self.resolver = resolver
        self.requests_sent = 0
        self._slots = asyncio.Semaphore(max(1, concurrency))
        self._hosts: dict[str, asyncio.Semaphore] = {}
        self._ssl = ssl_context if ssl_context is not None else httpx.create_ssl_context()

    async def check(self, url: str) -> Outcome:
        """The outcome of *url*, following redirects; never raises for network trouble."""
        try:
            async with asyncio.timeout(self.deadline):
                return await self._follow(url)
        except TimeoutError:
            return Outcome("unreachable", None, url, f"no answer within {self.deadline:g} s")

    async def _follow(self, url: str) -> Outcome:
        try:
            current = httpx.URL(url)
        except httpx.InvalidURL as exc:
            return Outcome("error", None, url, f"not a valid address: {exc}")
        seen = {str(current)}
        last_code: int | None = None
        for hop in range(MAX_REDIRECTS + 1):
            if current.scheme not in ("http", "https") or not current.host:
                return Outcome("error", last_code, str(current), "redirected to a non-web address")
            answer = await self._one(current)
            if isinstance(answer, Outcome):
                return answer
            code, location = answer
            if not (300 <= code < 400 and location):
                return _by_status(code, str(current), redirected=hop > 0)
            last_code = code
            if hop == MAX_REDIRECTS:
                return Outcome("error", code, str(current), f"more than {MAX_REDIRECTS} redirects")
            try:
                current = current.join(location)
            except httpx.InvalidURL:
                return Outcome(
                    "error", code, str(current), f"redirect to a bad address {location!r}"
                )
            if str(current) in seen:
                return Outcome("error", code, str(current), "redirect loop")
            seen.add(str(current))
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns

    async def _one(self, url: httpx.URL) -> tuple[int, str | None] | Outcome:
        """One request (status, Location), or the outcome that stops the chain."""
        host = url.raw_host.decode("ascii")
        port = url.port or (443 if url.scheme == "https" else 80)
        try:
            async with asyncio.timeout(self.timeout):
                resolver = self.resolver or netguard.system_resolver
                addresses = await resolve_checked(
                    host, port, resolver, allow_loopback=self.allow_loopback
                )
        except Refused as exc:
            return Outcome("unreachable", None, str(url), f"refused, no request sent: {exc}")
        except TimeoutError:
            return Outcome("unreachable", None, str(url), f"DNS: no answer for {host}")
        except (OSError, UnicodeError) as exc:
            return Outcome("unreachable", None, str(url), f"DNS: {host}: {exc}")
        gate = self._hosts.setdefault(host, asyncio.Semaphore(PER_HOST))
        try:
            async with self._slots, gate:
                return await self._send(url, host, addresses)
        except httpx.TimeoutException:
            return Outcome("unreachable", None, str(url), f"timed out after {self.timeout:g} s")
        except (httpx.ConnectError, httpx.ReadError, httpx.WriteError) as exc:
            why = str(exc) or type(exc).__name__
            kind = "TLS" if "SSL" in why or "certificate" in why else "connection"
            return Outcome("unreachable", None, str(url), f"{kind}: {why}")
        except httpx.HTTPError as exc:  # a protocol error: something answered, not HTTP
            return Outcome("error", None, str(url), f"bad answer: {exc or type(exc).__name__}")

    async def _send(
        self, url: httpx.URL, host: str, addresses: list[IPAddress]
    ) -> tuple[int, str | None]:
        """Try the checked *addresses* in turn until one accepts the connection."""
        headers = {
            "Host": url.netloc.decode("ascii"),
            "User-Agent": USER_AGENT,
            "Accept": "text/html,application/xhtml+xml,*/*;q=0.8",
        }
        extensions = {"sni_hostname": host} if url.scheme == "https" else {}
        failure: httpx.ConnectError | None = None
        for address in addresses:
            pinned = url.copy_with(host=str(address))
            async with httpx.AsyncClient(
                verify=self._ssl,
                trust_env=False,  # no proxy or .netrc from the environment
                timeout=httpx.Timeout(self.timeout),
                follow_redirects=False,
                limits=httpx.Limits(max_connections=1, max_keepalive_connections=0),
            ) as client:
                self.requests_sent += 1
                try:  # a stream, so that the body is never read
                    async with client.stream(
                        "GET", pinned, headers=headers, extensions=extensions
                    ) as response:
                        return response.status_code, response.headers.get("location")
                except httpx.ConnectError as exc:
                    failure = exc
        assert failure is not None  # resolve_checked never returns an empty list
        raise failure
