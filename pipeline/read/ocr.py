"""Stage 1b — ocr: pages without a usable text layer go through OCRmyPDF and Tesseract (French).

Old yearbooks often survive only as scans. Page by page, a text layer is usable when
it holds enough real characters; the pages that lack one are OCR'd (with deskew) into
a temporary PDF that the reader then reads like any other, and are marked as OCR'd
with the engine's mean word confidence (from the hOCR it leaves behind).
OCR text has no meaningful fonts: its lines carry no weight or colour, and the later
stages read such lines by their position and wording only.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path
from statistics import mean

from ..elements import Page
from ..errors import InputError
from ..options import OcrMode as Mode
from . import reader

MIN_CHARS = 40  # fewer readable characters than this: the page has no usable text layer
MIN_READABLE = 0.7  # share of letters, digits and punctuation a usable layer must have
LANGUAGE = "fra"
WATCH = 0.5  # seconds between two counts of the pages OCRmyPDF has done
INSTALL = (
    "install Tesseract with its French model and OCRmyPDF: "
    "apt-get install tesseract-ocr tesseract-ocr-fra ghostscript && pip install "
    "'annuaire-pipeline[ocr]'"
)
WORD_CONFIDENCE = re.compile(r"x_wconf\s+(\d+)")


def usable(page: Page) -> bool:
    """Does the page carry a text layer worth reading (not nothing, not glyph garbage)?"""
    text = "".join(line.text for line in page.lines)
    if len(text) < MIN_CHARS:
        return False
    readable = sum(c.isalnum() or c in " .,;:!?'’«»()-–%€" for c in text)
    return readable / len(text) >= MIN_READABLE and "(cid:" not in text


def needing(pages: list[Page], mode: Mode) -> list[int]:
    """Numbers of the pages to OCR: all of them, none, or the scans (images, no usable text)."""
    if mode == "always":
        return [p.number for p in pages]
    if mode == "never":
        return []
    return [p.number for p in pages if p.images and not usable(p)]


def complete(
    path: Path,
    pages: list[Page],
    mode: Mode,
    password: str | None = None,
    progress=None,
    keep: Path | None = None,
) -> list[Page]:
    """The pages, with those that need it replaced by their OCR'd reading; `progress(done, total)`
    as Tesseract finishes each page; `keep`: where to copy the OCR'd PDF, whose deskewed pages
    are the ones the boxes were read on."""
    todo = needing(pages, mode)
    if not todo:
        return pages
    check_installed(path.name)
    with tempfile.TemporaryDirectory(prefix="annuaire-ocr-") as work:
        out = Path(work) / "ocr.pdf"
        run_ocrmypdf(path, out, todo, Path(work), password, progress or (lambda done, total: None))
        if keep is not None:
            shutil.copyfile(out, keep)
        confidences = page_confidences(Path(work))
        redone = {p.number: p for p in reader.read(out, only=set(todo))}
    return [
        as_ocr(redone[p.number], confidences.get(p.number)) if p.number in redone else p
        for p in pages
    ]


def copy_of(folder: str | None, pdf: Path) -> Path | None:
    """Where the OCR'd copy of a PDF is kept in `folder` (Options.ocr_copies), if anywhere."""
    return Path(folder) / f"{pdf.stem}.ocr.pdf" if folder else None


def as_ocr(page: Page, confidence: float | None) -> Page:
    """An OCR'd page: its lines lose the weight and colour OCR cannot know."""
    lines = [replace(ln, bold=False, color="") for ln in page.lines]
    return replace(page, lines=tuple(lines), ocr=True, confidence=confidence)


def check_installed(name: str) -> None:
    """Tesseract with its French model and OCRmyPDF, or an input error naming the file that needs
    them."""
    missing = InputError(f"{name}: pages without text need OCR; {INSTALL}")
    if shutil.which("tesseract") is None:
        raise missing
    try:
        langs = subprocess.run(
            ["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30
        ).stdout
    except (OSError, subprocess.SubprocessError):
        raise missing from None
    if LANGUAGE not in langs.split():
        raise missing
    try:
        import ocrmypdf  # noqa: F401  (only its presence is checked here; it runs as a subprocess)
    except ImportError:
        raise missing from None


def run_ocrmypdf(
    source: Path,
    target: Path,
    pages: list[int],
    work: Path,
    password: str | None,
    progress,
) -> None:
    """OCRmyPDF in a subprocess (its temporary files kept in `work` for their hOCR, which count
    the pages done); the conversion's child process bounds its time (`--timeout`)."""
    if password:
        raise InputError(
            f"{source.name}: OCR of an encrypted PDF is not supported; decrypt it first"
        )
    cmd = [
        sys.executable,
        "-m",
        "ocrmypdf",
        "--quiet",
        "--keep-temporary-files",
        "--language",
        LANGUAGE,
        "--deskew",
        "--force-ocr",
        "--output-type",
        "pdf",
        "--pages",
        ",".join(map(str, pages)),
        "--jobs",
        str(max(1, min(len(pages), os.cpu_count() or 1))),
        str(source),
        str(target),
    ]
    stderr = watch(cmd, work, len(pages), progress)
    if stderr is not None:
        last = (stderr.strip().splitlines() or ["no message"])[-1]
        raise InputError(f"{source.name}: OCR failed ({last})")


def watch(cmd: list[str], work: Path, total: int, progress) -> str | None:
    """Run OCRmyPDF (its TMPDIR `work`), telling `progress` each page done; its stderr if it
    failed, else None."""
    env = {**os.environ, "TMPDIR": str(work)}
    running = subprocess.Popen(
        cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env
    )
    # communicate reads stderr as it comes: a full pipe would block OCRmyPDF
    reader = ThreadPoolExecutor(1).submit(running.communicate)
    done = 0
    while running.poll() is None:
        count = len(list(work.glob("**/*_ocr_hocr.hocr")))
        if count != done:
            done = count
            progress(done, total)
        time.sleep(WATCH)
    stderr = reader.result()[1]
    return stderr if running.returncode != 0 else None


def page_confidences(work: Path) -> dict[int, float]:
    """Mean Tesseract word confidence (0–100) per page, from the hOCR files OCRmyPDF kept."""
    out = {}
    for hocr in work.glob("**/*_ocr_hocr.hocr"):
        m = re.match(r"(\d+)_", hocr.name)
        scores = [
            int(s)
            for s in WORD_CONFIDENCE.findall(hocr.read_text(encoding="utf-8", errors="replace"))
        ]
        if m and scores:
            out[int(m.group(1))] = round(mean(scores), 1)
    return out
