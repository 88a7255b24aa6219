"""Which addresses a webhook may be sent to (SSRF protection).

Only https, and only hosts all of whose addresses are public: a webhook must never reach
the platform's own network (a database port, a cloud's metadata service at
169.254.169.254, a router's admin page). Checked when a subscription is saved and again
before each batch of deliveries, because DNS may change in between; the delivery then
connects to the address checked, not to a second lookup's (DNS rebinding).

WEBHOOKS_ALLOW_PRIVATE_URLS (development, tests, demo, benchmark) allows http and local
addresses.
"""

import ipaddress
import socket
from urllib.parse import urlsplit

from django.conf import settings
from django.utils.translation import gettext as _

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


class RefusedAddress(Exception):
    """The URL may not receive webhooks; the message says why, for the owner."""


def _embedded_ipv4(ip: Address) -> ipaddress.IPv4Address | None:
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped is not None:
            return ip.ipv4_mapped
        if ip.sixtofour is not None:
            return ip.sixtofour
        if ip.teredo is not None:
            return ip.teredo[1]
        # IPv4-compatible (::a.b.c.d, deprecated) and NAT64's well-known prefix.
        if int(ip) >> 32 == 0 or ip in ipaddress.IPv6Network("64:ff9b::/96"):
            return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
    return None


def is_public(ip: Address) -> bool:
    """A globally routable unicast address (no private, loopback, link-local, reserved,
    shared, multicast or unspecified address, also not wrapped in an IPv6 form)."""
    embedded = _embedded_ipv4(ip)
    if embedded is not None and not is_public(embedded):
        return False
    return ip.is_global and not ip.is_multicast


def _split(url: str) -> tuple[str, str, int]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    allow_private = settings.WEBHOOKS_ALLOW_PRIVATE_URLS
    if scheme != "https" and not (allow_private and scheme == "http"):
        raise RefusedAddress(_("Webhooks are sent only to https addresses."))
    if parts.username or parts.password:
        raise RefusedAddress(_("Please leave the user name and password out of the address."))
    host = parts.hostname
    if not host:
        raise RefusedAddress(_("The address has no host name."))
    try:
        port = parts.port or (443 if scheme == "https" else 80)
    except ValueError as error:
        raise RefusedAddress(_("The address has an invalid port.")) from error
    return scheme, host, port


def resolve(url: str) -> list[Address]:
    """The addresses `url`'s host resolves to, all of them public (unless the setting
    allows private ones). Raises RefusedAddress with a message for the owner."""
    _scheme, host, port = _split(url)
    try:
        literal = ipaddress.ip_address(host)
    except ValueError:
        literal = None
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except (socket.gaierror, UnicodeError) as error:
            raise RefusedAddress(
                _("The host name %(host)s could not be resolved.") % {"host": host}
            ) from error
        addresses = []
        for info in infos:
            ip = ipaddress.ip_address(info[4][0].split("%", 1)[0])
            if ip not in addresses:
                addresses.append(ip)
        if not addresses:
            raise RefusedAddress(
                _("The host name %(host)s could not be resolved.") % {"host": host}
            )
    if not settings.WEBHOOKS_ALLOW_PRIVATE_URLS:
        for ip in addresses:
            if not is_public(ip):
                raise RefusedAddress(
                    _(
                        "%(host)s leads to the address %(ip)s, which is not public "
                        "(a private, local or reserved network). Webhooks are sent only "
                        "to addresses on the internet."
                    )
                    % {"host": host, "ip": ip}
                )
    return addresses


def check(url: str) -> str | None:
    """The reason `url` may not receive webhooks, or None."""
    try:
        resolve(url)
    except RefusedAddress as refusal:
        return str(refusal)
    return None
