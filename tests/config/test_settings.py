"""Production is safe by default: no secret, no start; with HTTPS, a clean deploy check."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "p" * 20 + "-a-long-random-production-secret-for-the-check-" + "q" * 20,
    "ALLOWED_HOSTS": "spilno.example.org",
    "CACHE_URL": "redis://127.0.0.1:6379/1",
    "KEY_ENCRYPTION_KEY": "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=",
    "DATABASE_URL": "sqlite:////tmp/spilno-deploy-check.sqlite3",
}


def clean_environ() -> dict[str, str]:
    """This process's environment without production settings or the test-only permission for
    async-unsafe ORM calls that the browser tests set."""
    ignored = {*PRODUCTION_ENV, "DJANGO_ALLOW_ASYNC_UNSAFE"}
    return {k: v for k, v in os.environ.items() if k not in ignored}


def manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean_environ(), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_passes_check_deploy_without_warnings():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues (0 silenced)" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_per_process_cache():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "CACHE_URL"}
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "CACHE_URL must name a shared cache" in result.stderr


def test_gunicorn_loads_the_wsgi_application_from_the_project_root():
    code = "from config.wsgi import application; print(type(application).__name__)"
    result = subprocess.run(
        [sys.executable, "-c", f"import sys; sys.path.insert(0, 'site'); {code}"],
        cwd=ROOT,
        env={**clean_environ(), **PRODUCTION_ENV},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.strip() == "WSGIHandler", result.stderr


def test_site_is_a_source_root_not_a_package():
    assert not (ROOT / "site" / "__init__.py").exists()
    for app in ["config", "library", "petitions", "experts", "profiles"]:
        assert (ROOT / "site" / app / "apps.py").exists()
