"""Render stage: lay the computed model out as files. Nothing is computed here."""
