"""The review pages of a warehouse, under <warehouse>/reports/ (static, opened by double-click).

- run-<id>.html: one ingest run, its documents and every finding beside its page region;
- documents/<id>.html: one document's findings, then every table beside the figures read;
- dashboard.html: the city in charts (from the published snapshot's views);
- queue.html: quarantined documents waiting for an operator, with the release command.

data.py and city.py read the warehouse; highlight.py, pdfs.py and pages.py find and render
the evidence; evidence.py, documents.py, html.py, dashboard.py and queue.py make the
pages (markup.py: what they share); writer.py decides what is written.
"""

from juesuan.report.data import NoSuchRun, RunReport, read_run_report
from juesuan.report.html import reports_dir
from juesuan.report.writer import ReportsWritten, write_reports, write_run_report

__all__ = ["NoSuchRun", "ReportsWritten", "RunReport", "read_run_report", "reports_dir",
           "write_reports", "write_run_report"]
