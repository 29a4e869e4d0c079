"""The review app served from a thread, for the tests that drive it (HTTP, and a browser)."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path

from pipeline.options import Options
from pipeline.review import app
from pipeline.review.session import Session


@contextmanager
def serving(pdf: Path, folder: Path):
    """(server, base URL) of the app reviewing `pdf`, its corrections file in `folder`."""
    session = Session(pdf, Options(enrich=False), folder / f"{pdf.stem}.corrections.toml")
    httpd = app.server(session, 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    host, port = httpd.server_address[:2]
    try:
        yield httpd, f"http://{host}:{port}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()
