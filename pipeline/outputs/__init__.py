"""What a conversion produces: the validated output models and their JSON, CSV, SQLite and
HTML-report renderings.

The formats a document is written in are named here, where the command line's parser finds
them without importing the models.
"""

FORMATS = ("json", "jsonl", "csv", "xlsx")
SEPARATORS = {";": ";", ",": ",", "tab": "\t"}  # --csv-sep: the name given → the character
SEPARATOR = ";"  # the default: what a spreadsheet set to French expects (see docs/spreadsheets.md)
