"""Views of the public site, thin: parse a form, call one service, redirect.

- `cabinet`: the personal cabinet and its pages (`/account/…`)
- `people`: the people directory and profile pages (`/people/…`)
- `organizations`: the organization directory, pages and team management
- `blog`: writing, editing and reporting posts
- `unsubscribe`: stopping one kind of optional email from the email's link, no sign-in
- `accounts`: Wagtail's login address, sent on to allauth's login
"""
