"""The review app: a local web page to check each record against its page and correct it.

The standard library's HTTP server (threaded) serves it on 127.0.0.1 only: one archivist, on
their own machine, needs no web framework; Jinja2 (which spaCy already brings) writes the pages
with every value escaped. Routes:

    GET  /                    the cards, with filters (category, medal, warnings, not checked)
    GET  /fiche/<id>          a card: its page images with the field boxes, a form of its fields
    POST /fiche/<id>          save: the corrections file is written, the record converted again
    GET  /page/<n>            any page of the yearbook (contents, listing, front matter), with
                              what was read on it and the warnings about it
    GET  /image/<n>.jpg       a page's image (rendered once, then kept)

Saving writes the corrections file and nothing else; the JSON output is the command line's.
"""

from __future__ import annotations

import re
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import cast
from urllib.parse import parse_qs, quote, unquote, urlsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from ..errors import PipelineError
from . import views
from .session import Session

HOST = "127.0.0.1"  # never another interface: the app writes files and has no login
IMAGE_CACHE = "private, max-age=3600"  # a page's image never changes while the app runs
ROUTES = [
    ("GET", re.compile(r"/"), "index"),
    ("GET", re.compile(r"/fiche/([^/]+)"), "card"),
    ("POST", re.compile(r"/fiche/([^/]+)"), "save"),
    ("GET", re.compile(r"/page/(\d+)"), "page"),
    ("GET", re.compile(r"/image/(\d+)\.jpg"), "image"),
]

TEMPLATES = Environment(
    loader=PackageLoader("pipeline.review", "templates"),
    autoescape=select_autoescape(["html"]),
    trim_blocks=True,
    lstrip_blocks=True,
)
TEMPLATES.filters["url"] = lambda text: quote(str(text), safe="")


class Server(ThreadingHTTPServer):
    """The HTTP server, with the session its handlers answer from."""

    daemon_threads = True
    session: Session


def server(session: Session | None, port: int) -> Server:
    """The app's server, bound to 127.0.0.1 (port 0: a free port, see `server_address`); its
    session may be given once the port is known to be free."""
    httpd = Server((HOST, port), Handler)
    if session is not None:
        httpd.session = session
    return httpd


class Handler(BaseHTTPRequestHandler):
    """Routes a request to the method ROUTES names for it; anything else is a 404."""

    server_version = "annuaire-review"

    def do_GET(self) -> None:
        self.route("GET")

    def do_POST(self) -> None:
        self.route("POST")

    def route(self, method: str) -> None:
        try:
            self.dispatch(method)
        except Exception as e:  # our bug: one line on the terminal, a plain page in the browser
            print(
                f"review: internal error on {method} {self.path}: {type(e).__name__}: {e}",
                file=sys.stderr,
            )
            self.reply(
                b"Erreur interne : voir le terminal.",
                "text/plain; charset=utf-8",
                HTTPStatus.INTERNAL_SERVER_ERROR,
            )

    def dispatch(self, method: str) -> None:
        url = urlsplit(self.path)
        for verb, pattern, name in ROUTES:
            found = pattern.fullmatch(url.path)
            if verb == method and found:
                query = {k: v[-1] for k, v in parse_qs(url.query).items()}
                return getattr(self, name)(query, *map(unquote, found.groups()))
        self.page_of("introuvable.html", {"what": url.path}, HTTPStatus.NOT_FOUND)

    @property
    def session(self) -> Session:
        return cast(Server, self.server).session

    def index(self, query: dict) -> None:
        self.page_of("index.html", views.index(self.session.document, query))

    def card(self, query: dict, record_id: str, error: str | None = None) -> None:
        record = self.session.project(record_id)
        if record is None:
            return self.page_of("introuvable.html", {"what": record_id}, HTTPStatus.NOT_FOUND)
        context = views.card(self.session.document, record, self.session.image)
        context.update(saved="enregistre" in query, error=error)
        status = HTTPStatus.UNPROCESSABLE_ENTITY if error else HTTPStatus.OK
        self.page_of("fiche.html", context, status)

    def save(self, query: dict, record_id: str) -> None:
        record = self.session.project(record_id)
        if record is None:
            return self.page_of("introuvable.html", {"what": record_id}, HTTPStatus.NOT_FOUND)
        length = int(self.headers.get("Content-Length") or 0)
        form = {
            k: v[-1]
            for k, v in parse_qs(
                self.rfile.read(length).decode("utf-8"), keep_blank_values=True
            ).items()
        }
        try:
            self.session.save(record, form, checked="checked" in form)
        except (ValueError, PipelineError) as e:
            return self.card({}, record_id, error=str(e))
        self.send_response(HTTPStatus.SEE_OTHER)
        self.send_header("Location", f"/fiche/{quote(record_id, safe='')}?enregistre=1")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def page(self, query: dict, number: str) -> None:
        n = int(number)
        if not 1 <= n <= self.session.document.source.page_count:
            return self.page_of("introuvable.html", {"what": f"page {n}"}, HTTPStatus.NOT_FOUND)
        self.page_of("page.html", views.page(self.session.document, n, self.session.image))

    def image(self, query: dict, number: str) -> None:
        n = int(number)
        if not 1 <= n <= self.session.document.source.page_count:
            return self.send_error(HTTPStatus.NOT_FOUND)
        self.reply(self.session.image(n).jpeg, "image/jpeg", cache=IMAGE_CACHE)

    def page_of(self, template: str, context: dict, status: HTTPStatus = HTTPStatus.OK) -> None:
        context.setdefault("source", self.session.document.source)
        text = TEMPLATES.get_template(template).render(context)
        self.reply(text.encode("utf-8"), "text/html; charset=utf-8", status)

    def reply(self, body: bytes, kind: str, status=HTTPStatus.OK, cache="no-store") -> None:
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", cache)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:
        """Quiet: the terminal shows the app's address and errors, not every request."""
