"""Library pages for tests: published through real revisions, as editors would publish them."""

import factory
import wagtail_factories

from library.models import CaseStudyPage, GuidePage, LibraryIndexPage, TopicPage


class PublishedPageFactory(wagtail_factories.PageFactory):
    """Saves a revision and publishes it, so the page has a live revision (PDFs need one)."""

    class Meta:
        abstract = True
        skip_postgeneration_save = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        tags = kwargs.pop("tags", ())
        instance = model_class(**kwargs)
        if tags:
            instance.tags.set(list(tags))
        parent.add_child(instance=instance)
        return instance

    @factory.post_generation
    def publish(page, create, extracted, **kwargs):
        if create and extracted is not False:
            page.save_revision().publish()
            page.refresh_from_db()


class LibraryIndexFactory(PublishedPageFactory):
    title = "Бібліотека"
    slug = "biblioteka"

    class Meta:
        model = LibraryIndexPage


class TopicFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Тема {n}")
    slug = factory.Sequence(lambda n: f"tema-{n}")
    summary = "Усе про двори та будинки"

    class Meta:
        model = TopicPage


class GuideFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Як зробити справу №{n}")
    slug = factory.Sequence(lambda n: f"guide-{n}")
    summary = "Покрокова інструкція для мешканців."
    time_needed = "2 тижні"
    authority_note = "Департамент житлово-комунального господарства"
    prerequisites = "<p>Паспорт і підписи сусідів.</p>"
    steps = factory.LazyFunction(
        lambda: [
            {"type": "step", "value": {"title": "Зберіть сусідів", "text": "<p>Оголошення.</p>"}},
            {"type": "step", "value": {"title": "Подайте заяву", "text": "<p>До ЦНАП.</p>"}},
        ]
    )

    class Meta:
        model = GuidePage


class CaseStudyFactory(PublishedPageFactory):
    title = factory.Sequence(lambda n: f"Як ми відремонтували двір №{n}")
    slug = factory.Sequence(lambda n: f"case-{n}")
    summary = "Історія одного двору."
    problem = "<p>Двір був у ямах.</p>"
    approach = "<p>Сусіди об'єдналися.</p>"
    outcome = "<p>Новий двір.</p>"
    year = 2023

    class Meta:
        model = CaseStudyPage
