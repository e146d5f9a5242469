"""The warehouse's SQL, kept as .sql files so analysts can read and reuse it.

`load("views/20_v_city_scope")` returns the text of `sql/views/20_v_city_scope.sql`.
Files are read through importlib.resources so they work from an installed wheel too.
Nothing here executes SQL: the `warehouse` package does.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

_ROOT = resources.files(__name__)


@lru_cache(maxsize=None)
def load(name: str) -> str:
    """Text of `sql/<name>.sql`; `name` may include a folder ('schema/001_core')."""
    relative = name.removesuffix(".sql") + ".sql"
    if relative.startswith(("/", "\\")) or ".." in relative.split("/"):
        raise ValueError(f"not a SQL file name: {name!r}")
    resource = _ROOT.joinpath(*relative.split("/"))
    if not resource.is_file():
        raise FileNotFoundError(f"no SQL file sql/{relative}")
    return resource.read_text(encoding="utf-8")


def names(folder: str) -> list[str]:
    """Names (for `load`) of the .sql files in one folder, in file-name order.

    Schema and view files carry a numeric prefix so this order is their dependency order.
    """
    directory = _ROOT.joinpath(folder)
    if not directory.is_dir():
        raise FileNotFoundError(f"no SQL folder sql/{folder}")
    return sorted(f"{folder}/{entry.name.removesuffix('.sql')}"
                  for entry in directory.iterdir()
                  if entry.is_file() and entry.name.endswith(".sql"))
