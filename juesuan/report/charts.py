"""The dashboard's charts, drawn here as SVG files with matplotlib.

Why matplotlib, server-side: the pages must work offline (no CDN) and show Chinese
labels in a browser that may have no CJK font. matplotlib draws every label with Noto
Sans CJK SC (from mplfonts) and writes the glyphs into the SVG as outlines
(`svg.fonttype = path`), so a chart looks the same in any browser, needs no script and
no font, and is a few tens of KB. A JavaScript chart library would have to be vendored
and would still depend on the browser's fonts for its labels.

Bars are drawn from floats (geometry only); every figure printed as text on the
dashboard comes from the Decimal values, in the tables beside the charts.
"""

from __future__ import annotations

import io
from collections import defaultdict
from functools import lru_cache

import matplotlib
from matplotlib import cycler, font_manager
from matplotlib.figure import Figure  # drawn without pyplot: no display, no global state
from matplotlib.ticker import StrMethodFormatter

from juesuan.cjk_font import source_font_path
from juesuan.report.city import CityData, as_float

SANGONG_ITEMS = ("因公出国（境）费", "公务用车购置及运行费", "公务接待费")
OUTCOME_COLOURS = {"loaded": "#3a8f4f", "loaded_with_warnings": "#e0a526", "quarantined": "#c0392b",
                   "failed": "#7f1d1d", "rejected": "#9aa3ad"}
MAX_CLASSES = 11  # the largest 类 by name; the rest stack as one bar segment
WIDTH_IN = 7.6


@lru_cache(maxsize=1)
def _cjk_family() -> str:
    """Register Noto Sans CJK SC with matplotlib once per process; its family name."""
    font_manager.fontManager.addfont(str(source_font_path()))
    return font_manager.FontProperties(fname=str(source_font_path())).get_name()


def _style() -> dict:
    return {"font.family": [_cjk_family()], "svg.fonttype": "path", "svg.hashsalt": "juesuan",
            "axes.spines.top": False, "axes.spines.right": False, "axes.titlesize": 12,
            "font.size": 9.5, "axes.titlelocation": "left",
            "axes.prop_cycle": cycler(color=[
                "#1f5fa8", "#e08600", "#3a8f4f", "#c0392b", "#7b4fa0", "#8c6d31", "#d16aa5",
                "#5f6b78", "#a5b53a", "#21a3b5", "#9aa3ad", "#f2c14e"])}


def _svg(figure: Figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="svg", bbox_inches="tight", metadata={"Date": None})
    return out.getvalue()


def _figure(height: float) -> tuple[Figure, object]:
    figure = Figure(figsize=(WIDTH_IN, height))
    return figure, figure.add_subplot()


def _wan(ax) -> None:
    ax.set_ylabel("万元")
    ax.yaxis.set_major_formatter(StrMethodFormatter("{x:,.0f}"))
    ax.grid(axis="y", color="#e3e7ec", linewidth=0.8)
    ax.set_axisbelow(True)


def function_by_year(data: CityData) -> bytes | None:
    """Expenditure by function 类, one stacked bar per year."""
    if not data.function_lei:
        return None
    totals = defaultdict(float)
    names = {}
    for row in data.function_lei:
        totals[row["code"]] += as_float(row["本年支出合计"])
        names[row["code"]] = row["name"] or row["code"]
    shown = sorted(totals, key=totals.get, reverse=True)[:MAX_CLASSES]
    years = data.years
    figure, ax = _figure(4.6)
    bottoms = [0.0] * len(years)
    segments = [(f"{code} {names[code]}", {code}) for code in shown]
    rest = set(totals) - set(shown)
    if rest:
        segments.append((f"其他 {len(rest)} 类", rest))
    for label, codes in segments:
        values = [sum(as_float(r["本年支出合计"]) for r in data.function_lei
                      if r["fiscal_year"] == year and r["code"] in codes) for year in years]
        ax.bar([str(y) for y in years], values, bottom=bottoms, label=label, width=0.6)
        bottoms = [b + v for b, v in zip(bottoms, values)]
    ax.set_title("支出按功能分类（类）  Expenditure by function class")
    _wan(ax)
    ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False, fontsize=8.5)
    return _svg(figure)


def basic_vs_project(data: CityData) -> bytes | None:
    if not data.totals:
        return None
    years = [str(r["fiscal_year"]) for r in data.totals]
    basic = [as_float(r["基本支出"]) for r in data.totals]
    project = [as_float(r["项目支出"]) for r in data.totals]
    figure, ax = _figure(3.4)
    ax.bar(years, basic, width=0.6, label="基本支出 basic", color="#1f5fa8")
    ax.bar(years, project, width=0.6, bottom=basic, label="项目支出 project", color="#e08600")
    for x, (b, p) in enumerate(zip(basic, project)):
        if b + p:
            ax.annotate(f"基本 {100 * b / (b + p):.1f}%", (x, b + p), ha="center", va="bottom", fontsize=8.5,
                        xytext=(0, 2), textcoords="offset points")
    ax.set_title("基本支出与项目支出  Basic vs project expenditure")
    _wan(ax)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _svg(figure)


def sangong_by_year(data: CityData) -> bytes | None:
    rows = [r for r in data.sangong if r["item"] in SANGONG_ITEMS]
    if not rows:
        return None
    years = sorted({r["fiscal_year"] for r in data.sangong})
    figure, ax = _figure(3.4)
    bottoms = [0.0] * len(years)
    labels = [str(y) for y in years]
    for item in SANGONG_ITEMS:
        values = [sum(as_float(r["决算数"]) for r in rows if r["fiscal_year"] == y and r["item"] == item)
                  for y in years]
        ax.bar(labels, values, bottom=bottoms, width=0.6, label=f"{item} 决算")
        bottoms = [b + v for b, v in zip(bottoms, values)]
    budget = [sum(as_float(r["预算数"]) for r in data.sangong if r["fiscal_year"] == y and r["item"] == "合计")
              for y in years]
    ax.scatter(labels, budget, marker="_", s=900, linewidths=2.2, color="#222", zorder=3, label="预算数 合计 budget")
    ax.set_title("“三公”经费  Three public expenses by year")
    _wan(ax)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _svg(figure)


def sangong_by_unit(data: CityData) -> bytes | None:
    rows = list(reversed(data.sangong_units))
    if not rows:
        return None
    figure, ax = _figure(1.4 + 0.3 * len(rows))
    names = [r["unit_name"] or "?" for r in rows]
    lefts = [0.0] * len(rows)
    for item in SANGONG_ITEMS:
        values = [as_float(r[f"决算数/{item}"]) for r in rows]
        ax.barh(names, values, left=lefts, height=0.62, label=f"{item} 决算")
        lefts = [a + v for a, v in zip(lefts, values)]
    ax.scatter([as_float(r["预算数/合计"]) for r in rows], names, marker="|", s=140, linewidths=2,
               color="#222", zorder=3, label="预算数 合计 budget")
    ax.set_title(f"“三公”经费最多的单位 {data.sangong_year}  Units by three public expenses")
    ax.set_xlabel("万元")
    ax.grid(axis="x", color="#e3e7ec", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5)
    return _svg(figure)


def outcomes(data: CityData) -> bytes | None:
    if not data.outcomes:
        return None
    years = sorted({r["fiscal_year"] for r in data.outcomes}, key=lambda y: (y is None, y or 0))
    labels = [str(y) if y is not None else "年度不明" for y in years]
    statuses = [s for s in OUTCOME_COLOURS if any(r["status"] == s for r in data.outcomes)]
    figure, ax = _figure(3.0)
    bottoms = [0] * len(years)
    for status in statuses:
        values = [sum(r["documents"] for r in data.outcomes if r["fiscal_year"] == y and r["status"] == status)
                  for y in years]
        ax.bar(labels, values, bottom=bottoms, width=0.6, label=status, color=OUTCOME_COLOURS[status])
        bottoms = [b + v for b, v in zip(bottoms, values)]
    ax.set_title("单位结果  Documents by outcome")
    ax.set_ylabel("documents")
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0))
    return _svg(figure)


def yoy_units(data: CityData) -> bytes | None:
    rows = list(reversed(data.yoy_units))
    if not rows:
        return None
    figure, ax = _figure(1.4 + 0.3 * len(rows))
    names = [r["unit_name"] or "?" for r in rows]
    changes = [as_float(r["本年支出合计_change"]) for r in rows]
    ax.barh(names, changes, height=0.62, color=["#3a8f4f" if c >= 0 else "#c0392b" for c in changes])
    for y, (change, row) in enumerate(zip(changes, rows)):
        pct = row["本年支出合计_change_pct"]
        ax.annotate(f"{pct:+.2f}%" if pct is not None else "", (change, y), va="center", fontsize=8,
                    ha="left" if change >= 0 else "right", xytext=(3 if change >= 0 else -3, 0),
                    textcoords="offset points")
    ax.axvline(0, color="#444", linewidth=0.8)
    ax.set_title(f"本年支出合计变动最大的单位 {data.yoy_year}  Largest year-on-year changes")
    ax.set_xlabel(f"万元, {data.yoy_year} vs {data.yoy_year - 1}")
    ax.grid(axis="x", color="#e3e7ec", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.margins(x=0.18)
    return _svg(figure)


def execution_by_class(data: CityData) -> bytes | None:
    """The latest year's 年初预算 beside 决算 per function 类 (table 05), largest budgets first."""
    rows = [r for r in data.execution_lei if r["fiscal_year"] == data.execution_year]
    if not rows:
        return None
    rows = sorted(rows, key=lambda r: as_float(r["年初预算"]), reverse=True)[:MAX_CLASSES]
    rows.reverse()
    names = [f"{r['code']} {r['name'] or ''}".strip() for r in rows]
    positions = range(len(rows))
    figure, ax = _figure(1.4 + 0.42 * len(rows))
    ax.barh([y + 0.2 for y in positions], [as_float(r["年初预算"]) for r in rows], height=0.38,
            label="年初预算 budget", color="#9aa3ad")
    ax.barh([y - 0.2 for y in positions], [as_float(r["决算"]) for r in rows], height=0.38,
            label="决算 final", color="#1f5fa8")
    for y, row in zip(positions, rows):
        rate = row["execution_rate_pct"]
        end = max(as_float(row["年初预算"]), as_float(row["决算"]))
        ax.annotate(f"{rate}%" if rate is not None else "", (end, y), va="center", fontsize=8,
                    xytext=(3, 0), textcoords="offset points")
    ax.set_yticks(list(positions), names)
    ax.set_title(f"预算执行（一般公共预算财政拨款，类） {data.execution_year}  Budget execution by function class")
    ax.set_xlabel("万元")
    ax.grid(axis="x", color="#e3e7ec", linewidth=0.8)
    ax.set_axisbelow(True)
    ax.margins(x=0.12)
    ax.legend(frameon=False, loc="upper left", bbox_to_anchor=(1.01, 1.0), fontsize=8.5)
    return _svg(figure)


CHARTS = (("function-by-year", function_by_year), ("basic-vs-project", basic_vs_project),
          ("sangong-by-year", sangong_by_year), ("sangong-by-unit", sangong_by_unit),
          ("outcomes", outcomes), ("yoy-units", yoy_units), ("execution-by-class", execution_by_class))


def draw_charts(data: CityData) -> dict[str, bytes]:
    """Every chart the data allows, by name (a chart without data is left out)."""
    with matplotlib.rc_context(_style()):
        drawn = {name: draw(data) for name, draw in CHARTS}
    return {name: svg for name, svg in drawn.items() if svg is not None}
