"""Ideas in the Wagtail admin, for moderators and editors: every idea (the hidden ones
findable by a filter), and the comment reports waiting for a decision. Both are read-only
lists: ideas change only through `ideas.services`, whose decisions (answer, merge, hide, hide
a comment, dismiss a report) are the moderation pages of the site itself."""

from django.db.models import Case, IntegerField, Value, When
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy

from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from ideas.models import CommentReport, Idea
from ideas.permissions import can_moderate


class ModeratorsReadOnly(PermissionHelper):
    """Looked at by moderators, never created, edited or deleted by hand."""

    def user_can_list(self, user):
        return can_moderate(user=user)

    def user_can_inspect_obj(self, user, obj):
        return can_moderate(user=user)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class IdeaAdmin(ModelAdmin):
    model = Idea
    menu_label = gettext_lazy("Ideas")
    menu_icon = "pick"
    permission_helper_class = ModeratorsReadOnly
    inspect_view_enabled = True
    list_display = ("title", "state", "district", "support_count", "threshold", "published_at")
    list_filter = ("state", "district")
    search_fields = ("title", "summary", "slug")
    ordering = ("-created_at",)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("district", "author")


class OpenReportAdmin(ModelAdmin):
    """Comment reports, the open ones first, oldest first: the moderators' queue."""

    model = CommentReport
    menu_label = gettext_lazy("Reported comments")
    menu_icon = "warning"
    permission_helper_class = ModeratorsReadOnly
    inspect_view_enabled = True
    list_display = ("excerpt", "idea", "reason", "resolution", "created_at")
    list_filter = ("resolution", "reason")
    ordering = ("open_last", "created_at")

    def get_queryset(self, request):
        # Annotate before ordering: the default queryset is already ordered by `ordering`.
        open_first = Case(
            When(resolution=CommentReport.Resolution.OPEN, then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        return (
            self.model._default_manager.annotate(open_last=open_first)
            .select_related("comment__idea")
            .order_by(*self.get_ordering(request))
        )

    def excerpt(self, obj):
        return Truncator(obj.comment.body).words(12)

    excerpt.short_description = gettext_lazy("comment")

    def idea(self, obj):
        return obj.comment.idea.title

    idea.short_description = gettext_lazy("idea")


class IdeasAdminGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Ideas")
    menu_icon = "pick"
    menu_order = 320
    items = (IdeaAdmin, OpenReportAdmin)


modeladmin_register(IdeasAdminGroup)
