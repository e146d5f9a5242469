"""The human report of an ingest run: one HTML page (html.py) from the warehouse (data.py)."""

from juesuan.report.data import NoSuchRun, RunReport, read_run_report
from juesuan.report.html import render_html, reports_dir, write_run_report

__all__ = ["NoSuchRun", "RunReport", "read_run_report", "render_html", "reports_dir",
           "write_run_report"]
