"""The bench-only stack of `bench/signatures.py`: settings, URLs and a mailbox.

Nothing here is imported by the site; it exists so that the benchmark can add a bare reference
view, read confirmation emails and lift rate limits without touching production code.
"""
