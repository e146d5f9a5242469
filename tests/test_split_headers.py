"""A header continued over a page break, with rules drawn as thin filled rectangles.

Jiangsu's 2018 exports break 财政拨款收支预算总表 after its first header row: the next
page starts with 项目名称 and 金额 (cells two rows high) beside 支出用途, with no rule
above them, while the rule above 支出用途 is printed. Each visible rule there is a thin
black rectangle, i.e. two edges half a point apart that end together: neither edge
carries the other on past its end, so the open ends are closed (ruling.py), and the
closing rule runs on to the column rule that does meet the printed top rule.
"""

from __future__ import annotations

from juesuan.extract.ruling import close_open_ends


def h(y, x0, x1):
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
            "orientation": "h", "object_type": "line"}


def v(x, top, bottom):
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top,
            "orientation": "v", "object_type": "line"}


def thin(x, top, bottom):
    """A column rule drawn as a 0.5 pt black rectangle: its two long edges."""
    return [v(x, top, bottom), v(x + 0.5, top, bottom)]


def char(x, y):
    return {"text": "名", "x0": x - 4, "x1": x + 4, "top": y - 4, "bottom": y + 4, "baseline": y + 4}


def _continued_header():
    """Columns 10|110|210|310; the header's top rule printed over 210-310 only (at 80),
    rows ruled at 100 (right part) and 120 (all); column rules drawn per row."""
    hs = [h(80, 210.5, 310), h(80.5, 210.5, 310), h(100, 210.5, 310), h(120, 10.5, 310), h(140, 10.5, 310)]
    vs = []
    for x in (10, 110):
        vs += thin(x, 80, 120) + thin(x, 120.5, 140)
    for x in (210, 310):
        vs += thin(x, 80, 100) + thin(x, 100.5, 120) + thin(x, 120.5, 140)
    return hs, vs


def _added(hs, vs, chars):
    new_h, _ = close_open_ends(hs, vs, chars)
    return [(e["top"], e["x0"], e["x1"]) for e in new_h[len(hs):]]


def test_an_open_top_drawn_with_thin_rectangles_is_closed_up_to_the_printed_rule():
    hs, vs = _continued_header()
    # 项目名称 (10-110) and 金额 (110-210) under the missing rule
    assert _added(hs, vs, [char(60, 100), char(160, 100)]) == [(80, 10, 210)]


def test_the_closing_rule_runs_on_only_over_printed_text():
    hs, vs = _continued_header()
    assert _added(hs, vs, [char(60, 100)]) == [(80, 10, 110.5)]
    assert _added(hs, vs, []) == []
