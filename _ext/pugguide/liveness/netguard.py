"""Which network addresses ``pugguide check-groups`` may connect to.

Group files come from pull requests and the weekly check runs on a CI machine, so an
address in a group file must not aim a request at the machine or its network: only
public (globally routed) unicast addresses are allowed. A host name is resolved first
and *every* address it gives is checked; the request then goes to one of those
addresses (:mod:`pugguide.liveness.fetch`), never to a later resolution (DNS rebinding).

Refused: loopback, private, link-local, multicast, reserved, unspecified, shared
(CGNAT, 100.64.0.0/10), documentation and benchmark ranges, broadcast, and IPv6 forms
that carry one of those IPv4 addresses (IPv4-mapped, NAT64 ``64:ff9b::/96``, 6to4,
Teredo). ``allow_loopback`` (``--allow-loopback``, for tests) lifts the rule for
loopback addresses only.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address

#: Turns (host, port) into the addresses it names; tests replace it.
Resolver = Callable[[str, int], Awaitable[list[str]]]

_NAT64 = ipaddress.IPv6Network("64:ff9b::/96")
_CGNAT = ipaddress.IPv4Network("100.64.0.0/10")


class Refused(Exception):
    """An address the check must not connect to; the message says why."""


def _embedded(ip: IPAddress) -> list[ipaddress.IPv4Address]:
    """IPv4 addresses carried inside an IPv6 address (mapped, NAT64, 6to4, Teredo)."""
    if not isinstance(ip, ipaddress.IPv6Address):
        return []
    inner = []
    if ip.ipv4_mapped is not None:
        inner.append(ip.ipv4_mapped)
    if ip in _NAT64:
        inner.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    if ip.sixtofour is not None:
        inner.append(ip.sixtofour)
    if ip.teredo is not None:
        inner.extend(ip.teredo)
    return inner


def _kind(ip: IPAddress) -> str | None:
    """What makes *ip* a non-public address ("a loopback address"), or None if public."""
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_unspecified, "the unspecified address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (isinstance(ip, ipaddress.IPv4Address) and ip in _CGNAT, "a shared (CGNAT) address"),
        (ip.is_private, "a private address"),
        (ip.is_reserved, "a reserved address"),
        (not ip.is_global, "not a public address"),
    )
    return next((why for refused, why in checks if refused), None)


def check_address(address: str, *, allow_loopback: bool = False) -> IPAddress:
    """*address* as an IP address if a check may connect to it; else :class:`Refused`."""
    try:
        ip: IPAddress = ipaddress.ip_address(address.split("%", 1)[0])  # no zone index
    except ValueError:
        raise Refused(f"{address!r} is not an IP address") from None
    inner = _embedded(ip)
    for candidate in inner:  # the IPv4 address an IPv6 form stands for decides first
        why = _kind(candidate)
        if why is not None and not (allow_loopback and candidate.is_loopback):
            raise Refused(f"{ip} carries {candidate}, {why}; only public addresses are checked")
    if any(c.is_loopback for c in inner) and allow_loopback:
        return ip
    why = _kind(ip)
    if why is not None and not (allow_loopback and ip.is_loopback):
        raise Refused(f"{ip} is {why}; only public addresses are checked")
    return ip


async def system_resolver(host: str, port: int) -> list[str]:
    """The addresses the system resolver gives for *host*, in its order, without repeats."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(sockaddr[0]) for *_info, sockaddr in infos))


async def resolve_checked(
    host: str, port: int, resolver: Resolver, *, allow_loopback: bool = False
) -> list[IPAddress]:
    """Every address *host* names, each checked; :class:`Refused` if any one is refused.

    One refused address refuses the name: whoever controls its DNS could otherwise mix
    a private address among public ones and win the connection now and then. DNS errors
    propagate as :class:`OSError` (:class:`socket.gaierror`).
    """
    try:
        literal = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        literal = None
    if literal is not None:
        return [check_address(str(literal), allow_loopback=allow_loopback)]
    addresses = await resolver(host, port)
    if not addresses:
        raise socket.gaierror(f"{host} has no address")
    checked = []
    for address in addresses:
        try:
            checked.append(check_address(address, allow_loopback=allow_loopback))
        except Refused as exc:
            raise Refused(f"{host} resolves to {exc}") from None
    return checked
