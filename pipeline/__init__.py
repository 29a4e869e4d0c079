"""annuaire-pipeline: the yearbooks of the Label « Territoire Innovant » as validated JSON."""

__version__ = "0.1.0"
