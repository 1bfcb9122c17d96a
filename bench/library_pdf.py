"""Benchmark of the library's PDF export and guide page, each beside a reference from one run.

    .venv/bin/python bench/library_pdf.py [--rounds 5] [--page-rounds 40]

It migrates a throwaway SQLite database (in a temporary folder, removed at the end), creates a
guide of ten A4 pages (38 steps, an illustration, a table), and measures
in-process through Django's test client, with the test settings (no debug, local cache):

- PDF through the site: GET …/pdf/ with no stored copy (routing, the database, the print
  template, WeasyPrint through the restricted fetcher, storing the file, the response),
  against raw WeasyPrint turning the very same HTML into a PDF with its default fetcher and
  local file paths (target ratio ≤ 1.2);
- the cached re-download: GET …/pdf/ again, served from the stored file, against that render;
- the guide page: GET of the guide, against a bare Django view behind the same middleware.

Medians of several rounds; the first request of each kind warms caches and is not counted.
"""

import argparse
import io
import os
import shutil
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "site"), str(ROOT)]
WORK = Path(tempfile.mkdtemp(prefix="spilno-bench-library-"))
os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["TEST_MEDIA_ROOT"] = str(WORK / "media")

STEPS = 38
STEP_TEXT = (
    "Перед зборами перевірте список співвласників і площі квартир: голоси рахують за площею, "
    "а не за кількістю людей. Підготуйте повідомлення для кожного власника, вкажіть дату, "
    "час, місце і порядок денний. Зберігайте копії всіх повідомлень і підписи про вручення, "
    "бо саме їх перевіряє державний реєстратор. Якщо власник живе в іншому місті, надішліть "
    "повідомлення рекомендованим листом і збережіть квитанцію."
)


def median_ms(action, rounds: int) -> float:
    action()  # warm-up, not counted
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def paired_medians_ms(first, second, rounds: int) -> tuple[float, float]:
    """Medians of two actions run turn about, so a busy machine slows both alike."""
    first(), second()  # warm-up, not counted
    times: tuple[list, list] = ([], [])
    for _ in range(rounds):
        for action, bucket in ((first, times[0]), (second, times[1])):
            started = time.perf_counter()
            action()
            bucket.append((time.perf_counter() - started) * 1000)
    return statistics.median(times[0]), statistics.median(times[1])


def build_guide():
    import io

    from django.core.files.images import ImageFile

    from wagtail.images import get_image_model

    from config.models import HomePage
    from library.demo_content.pictures import picture_png
    from library.models import GuidePage, LibraryIndexPage, TopicPage
    from library.services import library_index_prepare

    home = HomePage.objects.get(locale__language_code="uk")
    index = LibraryIndexPage(title="Бібліотека", slug="biblioteka")
    home.add_child(instance=index)
    index.save_revision().publish()
    library_index_prepare(index=index)
    topic = TopicPage(title="Будинок і ОСББ", slug="osbb")
    index.add_child(instance=topic)
    topic.save_revision().publish()
    image = get_image_model()(title="Етапи")
    image.file = ImageFile(io.BytesIO(picture_png("osbb-steps")), name="bench-steps.png")
    image.save()
    rows = [["Стаття", "Сума, грн"]] + [[f"Стаття {n}", f"{n * 1250}"] for n in range(1, 25)]
    guide = GuidePage(
        title="Як провести загальні збори співвласників: повний посібник",
        slug="zahalni-zbory",
        summary="Усе про збори співвласників багатоквартирного будинку, крок за кроком.",
        time_needed="3–4 тижні",
        authority_note="Правління ОСББ",
        prerequisites="<ul><li>Список співвласників</li><li>Проєкт порядку денного</li></ul>",
        steps=[
            {
                "type": "step",
                "value": {"title": f"Крок {n}: підготовка", "text": f"<p>{STEP_TEXT}</p>"},
            }
            for n in range(1, STEPS + 1)
        ],
        body=[
            {
                "type": "image",
                "value": {"image": image.pk, "alt_text": "Етапи", "caption": "Етапи"},
            },
            {"type": "table", "value": {"caption": "Кошторис", "table": {"data": rows}}},
        ],
    )
    guide.tags.set(["збори", "осбб"])
    topic.add_child(instance=guide)
    guide.save_revision().publish()
    return guide


def raw_weasyprint_input(html: str) -> str:
    """The site's HTML with its /static/ and /media/ addresses as local file URLs, so raw
    WeasyPrint with its default fetcher reads the very same files."""
    from django.conf import settings
    from django.contrib.staticfiles import finders

    static_root = Path(finders.find("css/library-print.css")).parent.parent
    media_root = Path(settings.MEDIA_ROOT)
    return html.replace('"/static/', f'"file://{static_root}/').replace(
        '"/media/', f'"file://{media_root}/'
    )


def bare_urlconf():
    from django.http import HttpResponse
    from django.urls import path

    from config import urls

    module = types.ModuleType("bench_library_urls")
    module.urlpatterns = [path("bench-bare/", lambda request: HttpResponse("ok"))] + list(
        urls.urlpatterns
    )
    sys.modules[module.__name__] = module
    return module.__name__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5, help="PDF renders per figure")
    parser.add_argument("--page-rounds", type=int, default=40, help="page requests per figure")
    options = parser.parse_args()

    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import override_settings
    from django.urls import clear_url_caches

    import weasyprint
    from pypdf import PdfReader

    from library.exports import article_pdf_html
    from library.models import ArticlePdf

    print(f"Migrating a throwaway SQLite database in {WORK} …", flush=True)
    call_command("migrate", verbosity=0)
    guide = build_guide()
    client = Client()
    pdf_url = f"{guide.url}pdf/"

    def site_render():
        for stored in ArticlePdf.objects.all():
            stored.file.delete(save=False)
        ArticlePdf.objects.all().delete()
        response = client.get(pdf_url)
        assert response.status_code == 200
        return b"".join(response.streaming_content)

    pdf = site_render()
    pages = len(PdfReader(io.BytesIO(pdf)).pages)
    html = raw_weasyprint_input(article_pdf_html(page=guide))

    def raw_render():
        return weasyprint.HTML(string=html, base_url=str(WORK)).write_pdf()

    def cached_download():
        response = client.get(pdf_url)
        return b"".join(response.streaming_content)

    print(f"Guide: {pages} A4 pages, {len(pdf) / 1024:.0f} KiB; {options.rounds} rounds each.\n")
    site, raw = paired_medians_ms(site_render, raw_render, options.rounds)
    site_render()
    cached = median_ms(cached_download, options.rounds * 4)
    print(f"PDF through the site (first render):  {site:8.1f} ms")
    ratio = site / raw
    print(f"raw WeasyPrint, same HTML:            {raw:8.1f} ms   ratio {ratio:.2f} (target ≤ 1.2)")
    print(
        f"cached re-download:                   {cached:8.1f} ms   {cached / site:.3f} of a render"
    )

    with override_settings(ROOT_URLCONF=bare_urlconf()):
        clear_url_caches()
        page, bare = paired_medians_ms(
            lambda: client.get(guide.url), lambda: client.get("/bench-bare/"), options.page_rounds
        )
    clear_url_caches()
    print(f"\nguide page (GET, {STEPS} steps):        {page:8.1f} ms")
    print(f"bare Django view, same middleware:    {bare:8.1f} ms   ratio {page / bare:.1f}")


if __name__ == "__main__":
    try:
        main()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
