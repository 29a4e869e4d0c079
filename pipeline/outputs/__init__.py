"""What a conversion produces: the validated output models and their JSON, CSV, SQLite and
HTML-report renderings."""
