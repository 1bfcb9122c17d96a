"""WeasyPrint reads only the site's own static and media files: hostile markup cannot make it
read a local file or reach another host."""

import http.server
import io
import threading

import pytest
from pypdf import PdfReader

from config.pdf import BlockedURL, SiteFilesFetcher, html_to_pdf


class Recorder(http.server.BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 (the name http.server calls)
        Recorder.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b'body::after { content: "FETCHED-FROM-HOST"; }')

    def log_message(self, *args):
        pass


@pytest.fixture
def local_server():
    Recorder.requests = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def secret_css(tmp_path):
    path = tmp_path / "secret.css"
    path.write_text('body::after { content: "READ-FROM-DISK"; }')
    return path


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_a_local_file_url_is_never_read(secret_css):
    pdf = html_to_pdf(
        html=f'<link rel="stylesheet" href="file://{secret_css}">'
        f'<img src="file:///etc/passwd"><p>Текст сторінки</p>'
    )
    text = pdf_text(pdf)
    assert "Текст сторінки" in text
    assert "READ-FROM-DISK" not in text


def test_another_host_is_never_contacted(local_server):
    pdf = html_to_pdf(
        html=f'<link rel="stylesheet" href="{local_server}/style.css">'
        f'<img src="{local_server}/pixel.png"><p>Текст</p>'
    )
    assert Recorder.requests == []
    assert "FETCHED-FROM-HOST" not in pdf_text(pdf)


def test_an_absolute_site_path_outside_static_and_media_is_refused():
    with pytest.raises(BlockedURL):
        SiteFilesFetcher().fetch("https://spilno.internal/admin/")


@pytest.mark.parametrize(
    "url",
    [
        "https://spilno.internal/media/../../../../etc/passwd",
        "https://spilno.internal/media/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "https://spilno.internal/static/../../../../etc/passwd",
        "https://spilno.internal/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    ],
)
def test_paths_climbing_out_of_static_or_media_are_refused(url):
    with pytest.raises(BlockedURL):
        SiteFilesFetcher().fetch(url)


def test_a_lookalike_host_is_refused():
    with pytest.raises(BlockedURL):
        SiteFilesFetcher().fetch("https://spilno.internal.evil.example/static/css/site.css")


def test_the_site_stylesheet_is_served_from_disk():
    response = SiteFilesFetcher().fetch("https://spilno.internal/static/css/library-print.css")
    assert b"@page" in response.read()


def test_inline_data_images_still_work():
    pixel = (
        "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
        "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
    )
    pdf = html_to_pdf(html=f'<img src="{pixel}" alt=""><p>x</p>')
    assert sum(len(page.images) for page in PdfReader(io.BytesIO(pdf)).pages) == 1
