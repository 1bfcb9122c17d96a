"""Every write of the profiles app: keyword-only, typed `<noun>_<verb>` functions that check
permissions, validate, write in one transaction and enqueue side effects after commit.

- `people`: profiles and notification settings
- `statuses`: verified status requests, grants and revocations
- `organizations`: organizations, roles, invitations, join requests
- `blog`: posts, reports, moderation
- `privacy`: data export, account deletion and erasure, staff access log
"""
