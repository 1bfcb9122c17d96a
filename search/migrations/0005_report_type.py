from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_idea_type"),
    ]

    operations = [
        migrations.AlterField(
            model_name="searchdocument",
            name="type",
            field=models.CharField(
                choices=[
                    ("guide", "Guide"),
                    ("case_study", "Case study"),
                    ("topic", "Topic"),
                    ("petition", "Petition"),
                    ("idea", "Idea"),
                    ("report", "Problem report"),
                    ("project", "Project"),
                    ("expert", "Expert"),
                    ("organization", "Organization"),
                    ("profile", "Person"),
                    ("question", "Consultation question"),
                ],
                max_length=20,
            ),
        ),
    ]
