"""Fetching documents from a finance bureau's disclosure portal, politely.

Pure parts (profile, links, names, planning) are plain functions; the only I/O is the
fetcher (HTTP, its on-disk cache) and the crawler that walks a portal with it. The
Prefect wiring lives in flows/crawl.py.
"""
