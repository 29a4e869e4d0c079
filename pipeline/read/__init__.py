"""Stage 1, reading: the PDF's pages as lines of text (pdfplumber or PDFium), with OCR for scans
and the checks and Ghostscript repair of damaged files."""
