"""Prefect flows: thin wiring over juesuan's pure stages (extract, validate, load)."""
