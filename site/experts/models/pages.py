"""The experts' home in the page tree: the directory, each expert's page and consultations."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page

import config.params  # noqa: F401  (registers the <id:…> path converter)
from config.sharedpages import shared_page


class ExpertDirectoryPage(RoutablePageMixin, Page):
    """Find an expert by competency and district, see why the platform trusts them, ask a
    question. Everything below it is a route of this page, in every language it is
    translated into."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["config.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("expert directory")

    @path("")
    @shared_page
    def directory(self, request):
        from experts.views.directory import directory

        return directory(request, page=self)

    @path("<id:expert_id>/")
    @shared_page
    def expert(self, request, expert_id):
        from experts.views.directory import expert_detail

        return expert_detail(request, page=self, expert_id=expert_id)

    @path("how-reputation-works/")
    @shared_page
    def reputation_explained(self, request):
        from experts.views.directory import reputation_explained

        return reputation_explained(request, page=self)

    @path("apply/")
    def apply(self, request):
        from experts.views.applications import apply

        return apply(request, page=self)

    @path("questions/")
    @shared_page
    def questions(self, request):
        from experts.views.consultations import question_list

        return question_list(request, page=self)

    @path("questions/ask/")
    def ask(self, request):
        from experts.views.consultations import question_ask

        return question_ask(request, page=self)

    @path("questions/<id:question_id>/")
    @shared_page
    def question(self, request, question_id):
        from experts.views.consultations import question_detail

        return question_detail(request, page=self, question_id=question_id)

    @path("questions/<id:question_id>/accept/<id:answer_id>/")
    def accept(self, request, question_id, answer_id):
        from experts.views.consultations import answer_accept

        return answer_accept(request, page=self, question_id=question_id, answer_id=answer_id)

    @path("answers/<id:answer_id>/helpful/")
    def helpful(self, request, answer_id):
        from experts.views.consultations import answer_helpful

        return answer_helpful(request, page=self, answer_id=answer_id)

    @path("questions/<id:question_id>/flag/")
    def flag_question(self, request, question_id):
        from experts.views.consultations import question_flag

        return question_flag(request, page=self, question_id=question_id)

    @path("answers/<id:answer_id>/flag/")
    def flag_answer(self, request, answer_id):
        from experts.views.consultations import answer_flag

        return answer_flag(request, page=self, answer_id=answer_id)
