"""gunicorn.conf.py: the access log, when a deployment turns it on, never has a line for the
secret ballot box (/poll-data/<id>/ballots/), so no address or moment is kept for a ballot;
every other request is logged as usual."""

import logging
import runpy
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from gunicorn.config import Config

CONF = Path(__file__).resolve().parents[2] / "gunicorn.conf.py"


@pytest.fixture
def access_lines(tmp_path, monkeypatch):
    """gunicorn's logger as the config file builds it, writing its access log to a file; a
    function that logs one request for a path and returns the lines written so far."""
    monkeypatch.setenv("GUNICORN_ACCESS_LOG", str(tmp_path / "access.log"))
    conf = runpy.run_path(str(CONF))
    cfg = Config()
    for name in ("accesslog", "logger_class"):
        cfg.set(name, conf[name])
    logger = cfg.logger_class(cfg)

    def log(path: str, query: str = "") -> list[str]:
        environ = {
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "REQUEST_METHOD": "POST",
            "RAW_URI": path,
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "203.0.113.9",
        }
        req = SimpleNamespace(
            path=path, query=query, method="POST", version=(1, 1), headers=[], uri=path
        )
        resp = SimpleNamespace(status="201 Created", sent=10, headers=[], response_length=10)
        logger.access(resp, req, environ, timedelta(milliseconds=3))
        for handler in logger.access_log.handlers:
            handler.flush()
        return (tmp_path / "access.log").read_text().splitlines()

    yield log
    logging.getLogger("gunicorn.access").handlers.clear()


def test_the_config_uses_the_filtering_logger():
    conf = runpy.run_path(str(CONF))
    assert conf["logger_class"].__name__ == "BallotBoxUnloggedLogger"
    assert conf["accesslog"] is None or isinstance(conf["accesslog"], str)


def test_other_requests_are_logged(access_lines):
    lines = access_lines("/poll-data/7/bundle.json")
    assert len(lines) == 1 and "/poll-data/7/bundle.json" in lines[0]


@pytest.mark.parametrize(
    "path",
    [
        "/poll-data/7/ballots/",
        "/poll-data/7/ballots",
        "//poll-data//7//ballots/",
        "/poll-data/%37/ballots/",
        "/poll-data/7/%62allots/",
        "/poll-data/abc/ballots/",
    ],
)
def test_the_ballot_box_is_never_logged(access_lines, path):
    assert access_lines(path) == []
    assert len(access_lines("/polls/")) == 1  # the log works: the next request is written
