"""Who may act on a report. The services ask these; views may ask them too, to show or hide a
button.

- Acting for a body (official updates): whoever answers petitions for the recognised
  municipal body (`profiles.selectors.user_can_answer_for`: its owners, administrators and
  named officials), and staff holding `reports.moderate_report`.
- Moderating (hiding reports and updates, re-routing): holders of `reports.moderate_report`.
"""

from profiles.selectors import user_can_answer_for

MODERATE_PERMISSION = "reports.moderate_report"


def _active(user) -> bool:
    return (
        user is not None
        and user.is_authenticated
        and user.is_active
        and getattr(user, "erased_at", None) is None
    )


def has_confirmed_email(*, user) -> bool:
    from petitions.services import user_has_confirmed_email

    return _active(user) and user_has_confirmed_email(user)


def can_moderate(*, user) -> bool:
    return _active(user) and user.has_perm(MODERATE_PERMISSION)


def can_act_for_body(*, user, body) -> bool:
    """May `user` give official updates on the reports `body` is responsible for?"""
    if not _active(user) or body is None:
        return False
    if user.is_staff and user.has_perm(MODERATE_PERMISSION):
        return True
    return user_can_answer_for(user=user, organization=body)
