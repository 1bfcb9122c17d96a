"""gunicorn serves the production WSGI app, and WhiteNoise its static files."""

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.config.test_settings import PRODUCTION_ENV, ROOT, clean_environ

GUNICORN = Path(sys.executable).with_name("gunicorn")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def listening(port: int) -> bool:
    with socket.socket() as sock:
        return sock.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def production_server(tmp_path):
    env = {
        **clean_environ(),
        **PRODUCTION_ENV,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "False",
    }
    for command in (["migrate", "--no-input", "-v0"], ["collectstatic", "--no-input", "-v0"]):
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, timeout=300
        )
    port = free_port()
    server = subprocess.Popen(
        [str(GUNICORN), "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while not listening(port):
        if server.poll() is not None or time.monotonic() > deadline:
            server.kill()
            pytest.fail(f"gunicorn did not start: {server.stderr.read().decode()[-2000:]}")
        time.sleep(0.3)
    yield base
    server.terminate()
    server.wait(timeout=30)


def get(url):
    """A request as the HTTPS proxy in front of gunicorn forwards it."""
    request = urllib.request.Request(url, headers={"X-Forwarded-Proto": "https"})
    return urllib.request.urlopen(request, timeout=60)


def test_gunicorn_serves_the_home_page_and_hashed_static_files(production_server):
    with get(production_server + "/") as response:
        html = response.read().decode()
        assert response.status == 200
        assert response.headers["Strict-Transport-Security"]
    stylesheet = html.split('rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert stylesheet.startswith("/static/css/site.") and stylesheet != "/static/css/site.css"
    with get(production_server + stylesheet) as response:
        assert response.status == 200
        assert "max-age" in response.headers["Cache-Control"]
