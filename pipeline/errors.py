"""The errors the command line turns into one line on stderr and a documented exit code."""


class PipelineError(Exception):
    """Base of the errors that end a run with a known cause."""

    exit_code = 3


class InputError(PipelineError):
    """The file cannot be used: missing, not a PDF, damaged, encrypted, too large, or not a
    yearbook."""

    exit_code = 2


class Damaged(InputError):
    """The PDF's structure is broken (cross-reference table, objects, page tree): Ghostscript may
    repair it."""
