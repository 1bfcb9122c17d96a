from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("config", "0003_english_locale")]

    operations = [
        migrations.AddField(
            model_name="district",
            name="boundary",
            field=models.JSONField(blank=True, null=True, verbose_name="boundary"),
        ),
    ]
