"""Archive stage: write the quarter's package atomically, with a manifest."""
