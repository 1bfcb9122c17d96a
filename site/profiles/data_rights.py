"""The personal-data framework: "download my data" and "delete my account" across every app.

Contract. Every local app that stores anything about a person has `<app>/personal_data.py`:

    MODELS: list[str]
        Labels ("petitions.Signature") of every model holding personal data. The test
        `tests/profiles/test_personal_data_completeness.py` fails when a model of a local app
        references the user model and no module lists it.
    def export_for(user) -> dict
        Everything the app stores about the person, JSON-serialisable (dates may be datetime:
        they are written with Django's JSON encoder), including rows the app matches by the
        person's email address.
    def erase_for(user) -> None
        Erase the person's personal data. Public contributions stay, credited to the user row,
        which shows as "Former participant"; counts (signatures, votes) stay exact. Runs
        inside the erasure's transaction, before profiles erases the account itself.
    def files_for(user) -> list[tuple[str, bytes]]   (optional)
        Files to add to the archive, as (name inside the archive, content).
    def erasure_warnings(user) -> list[str]   (optional)
        What deleting the account would leave undone for others (a results key a poll still
        needs, say), shown on the delete-account page before the person confirms.

Local apps are the installed apps whose code lives in this repository (site/… and search/).
"""

import importlib
import importlib.util
import io
import json
import zipfile
from pathlib import Path
from types import ModuleType

from django.apps import AppConfig, apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.utils import timezone

README = """Spilno: everything the platform stores about you
==================================================

Made on {made} for the account {email}.

Each file is JSON (UTF-8), one per part of the platform:
{files}

Folder files/ holds the files you uploaded (your profile photo, documents you sent as
evidence for a status). Dates are in ISO 8601 with their time zone.

Questions about your data: {contact}
"""


def local_app_configs() -> list[AppConfig]:
    """The apps of this repository (not Django, Wagtail or other libraries)."""
    root = Path(settings.BASE_DIR).resolve()
    local = []
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if (
            path.is_relative_to(root)
            and ".venv" not in path.parts
            and "site-packages" not in path.parts
        ):
            local.append(config)
    return local


def personal_data_modules() -> dict[str, ModuleType]:
    """`{app label: its personal_data module}` for every local app that has one; profiles,
    which erases the account itself, comes last."""
    modules = {}
    for config in local_app_configs():
        name = f"{config.name}.personal_data"
        if importlib.util.find_spec(name) is not None:
            modules[config.label] = importlib.import_module(name)
    profiles = modules.pop("profiles", None)
    if profiles is not None:
        modules["profiles"] = profiles
    return modules


def covered_models() -> set[str]:
    """Lower-cased labels of every model some personal_data module lists."""
    return {label.lower() for module in personal_data_modules().values() for label in module.MODELS}


def models_referencing_users() -> list[type[models.Model]]:
    """Models of local apps with a ForeignKey, OneToOneField or ManyToManyField of their own
    (not inherited from another table, such as Wagtail's Page) to the user model."""
    user_model = get_user_model()
    found = []
    for config in local_app_configs():
        for model in config.get_models():
            fields = [*model._meta.local_fields, *model._meta.local_many_to_many]
            if any(field.is_relation and field.related_model is user_model for field in fields):
                found.append(model)
    return found


def export_archive(user) -> bytes:
    """The ZIP of everything stored about `user`: README.txt, one JSON per app, files/."""
    from config.models import CitySettings

    buffer = io.BytesIO()
    names = []
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label, module in personal_data_modules().items():
            data = module.export_for(user)
            archive.writestr(
                f"{label}.json",
                json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
            )
            names.append(f"- {label}.json")
            for name, content in getattr(module, "files_for", lambda user: [])(user):
                archive.writestr(f"files/{name}", content)
        settings_row = CitySettings.objects.first()
        contact = (
            settings_row.privacy_contact if settings_row else ""
        ) or settings.DEFAULT_FROM_EMAIL
        archive.writestr(
            "README.txt",
            README.format(
                made=timezone.localtime().isoformat(timespec="minutes"),
                email=user.email,
                files="\n".join(names),
                contact=contact,
            ),
        )
    return buffer.getvalue()


def erase_everywhere(user) -> None:
    """Every app erases what it holds about `user`, in one transaction, profiles last."""
    with transaction.atomic():
        for module in personal_data_modules().values():
            module.erase_for(user)


def erasure_warnings(user) -> list[str]:
    """What every app says the person's erasure would leave undone for others."""
    warnings = []
    for module in personal_data_modules().values():
        warn = getattr(module, "erasure_warnings", None)
        if warn is not None:
            warnings.extend(warn(user))
    return warnings
