"""Open311 GeoReport v2 (wiki.open311.org/GeoReport_v2) at /open311/v2/: discovery, services
and their definitions, service requests (read, and created by registered apps with a key),
tokens, and FixMyStreet's `servicerequestupdates` extension (read, and posted by a body's own
system with its key)."""
