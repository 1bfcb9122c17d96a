"""Every write of the reports app. Views, commands, Open311 and other apps call these, nothing
else writes: each function is keyword-only, checks who may do it, and raises
`reports.states.ReportError` with a message to show when a rule is broken."""

from reports.services.keys import open311_key_find, open311_key_issue, open311_key_revoke
from reports.services.moderation import report_hide, report_reroute, report_restore, update_hide
from reports.services.reports import report_confirm, report_create, report_send_to_body
from reports.services.retention import reports_expire_personal_data, reports_purge_unconfirmed
from reports.services.routing import district_at, route_resolve
from reports.services.support import report_support, supporter_confirm
from reports.services.updates import report_update_official, report_update_public, update_confirm

__all__ = [
    "district_at",
    "open311_key_find",
    "open311_key_issue",
    "open311_key_revoke",
    "report_confirm",
    "report_create",
    "report_hide",
    "report_reroute",
    "report_restore",
    "report_send_to_body",
    "report_support",
    "report_update_official",
    "report_update_public",
    "reports_expire_personal_data",
    "reports_purge_unconfirmed",
    "route_resolve",
    "supporter_confirm",
    "update_confirm",
    "update_hide",
]
