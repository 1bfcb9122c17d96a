"""The page benchmark's helpers: the demo pages it reads, and a profiler of one render."""
