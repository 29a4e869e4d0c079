"""PDFs written byte by byte for the fault tests: the hostile structures no library would write.

`document` lays numbered objects out with a correct cross-reference table; the other
helpers build on it (a page tree that lies about its size or nests thousands deep, a
content stream that inflates to a gigabyte) or damage a valid file's bytes.
"""

from __future__ import annotations

import re
import zlib

FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"
TEXT = b"BT /F1 12 Tf 72 720 Td (Bonjour) Tj ET"


def document(objects: list[bytes]) -> bytes:
    """Objects 1, 2, … (object 1 the catalog) with a cross-reference table that points at each."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def stream(data: bytes, deflated: bool = False) -> bytes:
    flate = b" /Filter /FlateDecode" if deflated else b""
    return b"<< /Length %d%s >>\nstream\n%s\nendstream" % (len(data), flate, data)


def pages(n: int, count: int | None = None, content: bytes = TEXT, deflated: bool = False) -> bytes:
    """`n` pages showing `content`; the page tree declares `count` pages (default: the truth)."""
    kids = b" ".join(b"%d 0 R" % (5 + i) for i in range(n))
    page = (
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> "
        b">> "
        b"/Contents 4 0 R >>"
    )
    return document(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, n if count is None else count),
            FONT,
            stream(content, deflated),
        ]
        + [page] * n
    )


def nested_tree(depth: int) -> bytes:
    """One page at the bottom of `depth` page-tree nodes, each the only kid of the one above."""
    nodes = [b"<< /Type /Pages /Kids [%d 0 R] /Count 1 >>" % (i + 3) for i in range(depth)]
    page = b"<< /Type /Page /MediaBox [0 0 595 842] /Contents %d 0 R >>" % (depth + 3)
    return document([b"<< /Type /Catalog /Pages 2 0 R >>"] + nodes + [page, stream(TEXT)])


def inflating(size_mib: int) -> bytes:
    """A zlib stream of `size_mib` MiB of spaces, made without compressing them all: after a
    full flush a compressed block depends on nothing before it, so one block is repeated."""
    chunk = b" " * (1 << 20)
    z = zlib.compressobj(9)
    first = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    block = z.compress(chunk) + z.flush(zlib.Z_FULL_FLUSH)
    end = z.flush()[:-4]  # the final empty block; the checksum is the whole data's
    checksum = 1
    for _ in range(size_mib):
        checksum = zlib.adler32(chunk, checksum)
    return first + block * (size_mib - 1) + end + checksum.to_bytes(4, "big")


def garble_xref(data: bytes) -> bytes:
    """The same file with every offset of its cross-reference table pointing at the wrong place."""
    at = data.rindex(b"\nxref\n")
    table = re.sub(
        rb"(\d{10}) (\d{5}) n",
        lambda m: b"%010d %s n" % ((int(m.group(1)) * 7 + 13) % len(data), m.group(2)),
        data[at:],
    )
    return data[:at] + table
