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
    """The address of the person behind a request: every per-address limit and hash uses it
    (django-ratelimit through RATELIMIT_IP_META_KEY, allauth through the account adapter).

    Each of our TRUSTED_PROXY_COUNT proxies appends the address it received the request from to
    X-Forwarded-For, so the client is that many entries from the right; whatever lies further
    left was written by the client and may be forged, so it is never read. A header shorter
    than the chain, or an entry that is not an address, means the request did not come the way
    the deployment says: REMOTE_ADDR, which nobody can forge, is used instead (at worst the
    proxy shares one limit, which is strict, never lax).
    """
    remote = request.META.get("REMOTE_ADDR", "")
    hops = settings.TRUSTED_PROXY_COUNT
    if hops <= 0:
        return remote
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if len(entries) < hops:
        return remote
    try:
        return str(ipaddress.ip_address(entries[-hops].strip()))
    except ValueError:
        return remote


def ip_prefix(address: str) -> str:
    """The network an address belongs to (/24 for IPv4, /48 for IPv6), for spotting floods
    from one network without singling out a person."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return "unknown"
    bits = 24 if ip.version == 4 else 48
    return str(ipaddress.ip_network(f"{ip}/{bits}", strict=False))
