"""Identifiers we must compare but must never keep in clear (IP addresses, browser tokens).

A keyed hash (HMAC-SHA-256 with PRIVACY_HASH_KEY) lets us count and rate-limit by address
without storing it: without the key the hash cannot be reversed or matched against a list.
"""

import hashlib
import hmac
import ipaddress

from django.conf import settings


def keyed_hash(value: str, *, purpose: str) -> str:
    """Hex digest of `value`; `purpose` separates uses so hashes cannot be joined across them."""
    key = f"{settings.PRIVACY_HASH_KEY}:{purpose}".encode()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def client_ip(request) -> str:
    """The caller's address as the web server saw it (a proxy's header is trusted only when the
    deployment says so via SECURE_PROXY_SSL_HEADER, i.e. behind our own proxy)."""
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if forwarded and getattr(settings, "SECURE_PROXY_SSL_HEADER", None):
        return forwarded.split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "")


def ip_prefix(address: str) -> str:
    """The network an address belongs to (/24 for IPv4, /48 for IPv6), for spotting floods
    from one network without singling out a person."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    bits = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))
