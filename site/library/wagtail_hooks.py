"""The library in the Wagtail admin: its reports, and new indexes made ready for review."""

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from library import admin_views
from library.models import Contribution, Feedback, LibraryIndexPage

app_name = "library_admin"
urlpatterns = [
    path("feedback/", admin_views.FeedbackReportView.as_view(), name="feedback"),
    path(
        "feedback/results/",
        admin_views.FeedbackReportView.as_view(results_only=True),
        name="feedback_results",
    ),
    path("comments/", admin_views.FeedbackCommentsView.as_view(), name="comments"),
    path(
        "comments/results/",
        admin_views.FeedbackCommentsView.as_view(results_only=True),
        name="comments_results",
    ),
    path("contributions/", admin_views.ContributionsReportView.as_view(), name="contributions"),
    path(
        "contributions/results/",
        admin_views.ContributionsReportView.as_view(results_only=True),
        name="contributions_results",
    ),
]


class PermissionMenuItem(MenuItem):
    def __init__(self, *args, permission: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.permission = permission

    def is_shown(self, request):
        return request.user.has_perm(self.permission)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("library/", include((urlpatterns, app_name), namespace=app_name))]


@hooks.register("register_reports_menu_item")
def feedback_menu_item():
    return PermissionMenuItem(
        _("Library feedback"),
        reverse("library_admin:feedback"),
        name="library-feedback",
        icon_name="help",
        order=1000,
        permission=f"library.view_{Feedback._meta.model_name}",
    )


@hooks.register("register_reports_menu_item")
def contributions_menu_item():
    return PermissionMenuItem(
        _("Library contributions"),
        reverse("library_admin:contributions"),
        name="library-contributions",
        icon_name="tasks",
        order=1010,
        permission=f"library.view_{Contribution._meta.model_name}",
    )


@hooks.register("after_create_page")
def prepare_new_library_index(request, page):
    if isinstance(page.specific, LibraryIndexPage):
        from library.services import library_index_prepare

        library_index_prepare(index=page.specific)
