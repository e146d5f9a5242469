"""juesuan: Chinese government final-accounts (部门决算) PDFs into a checked DuckDB warehouse."""

__version__ = "0.1.0"
