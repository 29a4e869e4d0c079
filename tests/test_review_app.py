"""The review app over HTTP: what it serves, its filters, its errors; saving is in the browser
test (tests/test_review_browser.py)."""

import os
import re
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request

import pytest

from pipeline.vocabulary import CARD_TEXTS

from .conftest import EDITION_2024, PASS_TITLE, ROOT
from .review import serving
from .test_cli import run
from .yearbook import build


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("review")
    pdf = build(folder / "annuaire_2024.pdf", EDITION_2024)
    with serving(pdf, folder) as (httpd, url):
        yield httpd, url, folder


def get(url: str) -> tuple[int, str, dict]:
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode("utf-8", "replace"), dict(e.headers)


def ids(session) -> dict[str, str]:
    return {p.title: p.id for p in session.document.projects}


def test_listens_on_the_loopback_only(site):
    httpd, _, _ = site
    assert httpd.server_address[0] == "127.0.0.1"


def test_the_list_filters_by_medal_category_warnings_and_check(site):
    httpd, url, _ = site
    status, page, _ = get(url + "/")
    assert status == 200 and 'lang="fr"' in page
    assert "&lt;Code&gt;" in page and "<Code>" not in page  # the title escaped, never raw
    for query, kept in [
        ("medaille=or", [PASS_TITLE]),
        ("categorie=" + urllib.parse.quote("E-santé"), ["Téléconsultation en vallée"]),
        ("avertissements=1", ["Téléconsultation en vallée"]),  # its apports block is missing
        ("a_verifier=1", [PASS_TITLE, "Téléconsultation en vallée"]),
    ]:
        listed = get(f"{url}/?{query}")[1]
        for title, record in ids(httpd.session).items():
            assert (f'data-id="{record}"' in listed) == (title in kept), (query, title)


def test_a_card_shows_its_pages_with_the_boxes_and_every_field(site):
    httpd, url, _ = site
    record = ids(httpd.session)[PASS_TITLE]
    status, page, _ = get(f"{url}/fiche/{urllib.parse.quote(record)}")
    assert status == 200
    for field in ("medal", "category", "title", "territories", *CARD_TEXTS):
        assert f'name="{field}"' in page and f'name="note-{field}"' in page
    for field in ("title", "territories", "summary", "innovation"):
        assert f'class="box" data-field="{field}"' in page
    assert '<img src="/image/' in page


def test_every_page_a_warning_names_is_reachable(site):
    httpd, url, _ = site
    pages = {n for w in httpd.session.document.warnings for n in w.pages}
    assert pages
    listing = get(url + "/")[1]
    for n in pages:
        assert f'href="/page/{n}"' in listing
        status, page, _ = get(f"{url}/page/{n}")
        assert status == 200 and f"Page {n}" in page


def test_page_images_are_jpeg_and_cached_by_the_browser(site):
    _, url, _ = site
    with urllib.request.urlopen(url + "/image/1.jpg", timeout=30) as r:
        assert r.headers["Content-Type"] == "image/jpeg" and "max-age" in r.headers["Cache-Control"]
        assert r.read(3) == b"\xff\xd8\xff"


def test_unknown_card_page_or_path_is_a_french_404(site):
    _, url, _ = site
    for path in ("/fiche/2024-nulle-part", "/page/99", "/page/0", "/nimporte"):
        status, page, _ = get(url + path)
        assert status == 404 and "Introuvable" in page


def test_an_invalid_value_writes_nothing_and_says_why(site):
    httpd, url, folder = site
    record = ids(httpd.session)[PASS_TITLE]
    data = urllib.parse.urlencode({"title": "  ", "note-title": ""}).encode()
    request = urllib.request.Request(f"{url}/fiche/{urllib.parse.quote(record)}", data=data)
    with pytest.raises(urllib.error.HTTPError) as e:
        urllib.request.urlopen(request, timeout=30)
    assert e.value.code == 422 and "Rien n'a été enregistré" in e.value.read().decode()
    assert not (folder / "annuaire_2024.corrections.toml").exists()


# --- the command: python -m pipeline review ---------------------------------------------------


def test_review_command_serves_until_interrupted(site, tmp_path):
    _, _, folder = site
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    pdf = folder / "annuaire_2024.pdf"
    command = [sys.executable, "-m", "pipeline", "review", str(pdf), "-o", str(tmp_path)]
    with subprocess.Popen(
        [*command, "--port", "0", "--no-enrich"], stderr=subprocess.PIPE, text=True, env=env
    ) as child:
        try:
            said = child.stderr.readline()
            url = re.search(r"http://127\.0\.0\.1:\d+/", said).group()
            assert str(tmp_path / "annuaire_2024.corrections.toml") in said
            assert get(url)[0] == 200
        finally:
            child.send_signal(signal.SIGINT)
        assert child.wait(timeout=30) == 0
        assert "Traceback" not in child.stderr.read()


def test_review_command_errors_are_one_line_exit_2(tmp_path):
    missing = run("review", tmp_path / "absent.pdf", "--port", "0")
    assert missing.returncode == 2 and missing.stderr.strip().endswith("absent.pdf: no such file")
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        taken = run("review", tmp_path / "absent.pdf", "--port", port)
    assert taken.returncode == 2 and f"cannot serve on 127.0.0.1:{port}" in taken.stderr
    assert len(taken.stderr.strip().splitlines()) == 1
