"""The reading stages, in the order data flows through them: furniture → layout → segment (toc,
frontmatter) → card (territory) → listing (categories) → reconcile → coverage.

Each takes and returns plain data (`pipeline.elements`); `pipeline.conversion` chains them."""
