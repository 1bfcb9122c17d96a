"""The ideas' section of the personal cabinet (`profiles.selectors.CABINET_SECTIONS`): my
latest ideas, drafts included, each with its state and supporters, and the way to the rest."""

from django.utils.translation import gettext_lazy as _

from ideas.selectors import ideas_of

CABINET_PREVIEW = 5


def cabinet_section(*, user):
    from profiles.selectors import CabinetSection

    mine = ideas_of(user=user)
    return CabinetSection(
        title=_("Ideas"),
        template="ideas/includes/cabinet_section.html",
        context={"ideas": list(mine[:CABINET_PREVIEW]), "idea_count": mine.count()},
    )
