"""annuaire-pipeline: the yearbooks of the Label « Territoire Innovant » as validated JSON.

The public API is `convert` and `Options`:

    from pipeline import convert, Options
    result = convert("annuaire_2023.pdf", Options(enrich=False))
    result.document.model_dump_json()
"""

__version__ = "0.1.0"
__all__ = ["Options", "convert"]


def __getattr__(name: str):
    """Import the stages only when the API is used, so `import pipeline` stays cheap."""
    if name == "convert":
        from .conversion import convert

        return convert
    if name == "Options":
        from .options import Options

        return Options
    raise AttributeError(f"module 'pipeline' has no attribute {name!r}")
