"""`makemessages` that gives every app its own Ukrainian catalogue.

Templates live in `templates/<app>/`, outside the app's folder, so plain `makemessages` would
put their strings into one shared file. Here each string goes to the catalogue of the app that
owns it (`site/<app>/locale/`, `search/locale/`), and shared templates to `config`'s. Apps can
then be translated independently, without everyone editing one file.
"""

from pathlib import Path

from django.conf import settings
from django.core.management.commands import makemessages

ROOT = Path(settings.BASE_DIR)
# Every app of the source root (a folder with an apps.py), and the search package.
APP_LOCALES = {
    **{
        app.name: app / "locale"
        for app in sorted((ROOT / "site").iterdir())
        if (app / "apps.py").exists()
    },
    "search": ROOT / "search" / "locale",
}
IGNORED = [".venv/*", "static/*", "static_collected/*", "media/*", "tests/*", "bench/*", ".ci/*"]


class Command(makemessages.Command):
    help = "Update each app's Ukrainian catalogue (site/<app>/locale) from its code and templates."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--app", choices=sorted(APP_LOCALES), help="Update only this app's catalogue."
        )

    def handle(self, *args, **options):
        self.only_app = options.pop("app")
        for locale_dir in APP_LOCALES.values():
            locale_dir.mkdir(exist_ok=True)
        options.update(
            locale=options["locale"] or ["uk"],
            ignore_patterns=[*options["ignore_patterns"], *IGNORED],
            no_obsolete=True,
        )
        return super().handle(*args, **options)

    def find_files(self, root):
        files = super().find_files(root)
        for translatable in files:
            translatable.locale_dir = str(self.owner_locale(Path(translatable.dirpath)))
        if self.only_app:
            wanted = str(APP_LOCALES[self.only_app])
            files = [f for f in files if f.locale_dir == wanted]
        return files

    @staticmethod
    def owner_locale(dirpath: Path) -> Path:
        relative = dirpath.resolve().relative_to(ROOT).parts
        if relative[:2] == ("templates", "modeladmin") and len(relative) > 2:
            relative = ("templates", *relative[2:])  # admin templates belong to their app
        if relative[:1] == ("templates",) and len(relative) > 1 and relative[1] in APP_LOCALES:
            return APP_LOCALES[relative[1]]
        if relative[:1] == ("site",) and len(relative) > 1 and relative[1] in APP_LOCALES:
            return APP_LOCALES[relative[1]]
        if relative[:1] == ("search",):
            return APP_LOCALES["search"]
        return APP_LOCALES["config"]
