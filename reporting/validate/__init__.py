"""Validate stage: raw tables and TOML become typed inputs or located problems."""
