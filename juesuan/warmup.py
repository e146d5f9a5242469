"""Imported by the extraction forkserver (juesuan.bounded): pay one-time costs once.

pandera builds its validation backends on the first validate call (~0.4 s). Doing that
once in the forkserver means every per-document child, forked from it, starts warm.
"""

from juesuan.validate import validate_records
from juesuan.validate.examples import TABLES_EMPTY, TABLES_PRESENT, tiny_unit

validate_records(tiny_unit(), "万元", TABLES_PRESENT, TABLES_EMPTY)
