"""English next to Ukrainian, so editors can translate pages from the first deploy."""

from django.db import migrations


def create_english_locale(apps, schema_editor):
    Locale = apps.get_model("wagtailcore", "Locale")
    Locale.objects.get_or_create(language_code="en")


class Migration(migrations.Migration):
    dependencies = [("config", "0002_editor_groups")]

    operations = [migrations.RunPython(create_english_locale, migrations.RunPython.noop)]
