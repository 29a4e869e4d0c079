"""Optional enrichment of the read text: dates, key figures, named entities, the edition's facts."""
