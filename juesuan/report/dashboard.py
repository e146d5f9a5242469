"""The city dashboard (<reports>/dashboard.html): the city at a glance, from the snapshot.

Each chart (charts.py, an SVG file beside the page) has the exact figures it is drawn
from in a table under it, so a reviewer can quote a number without reading it off a bar.
Budget execution (预算执行) compares the units' budgets with their final accounts.
"""

from __future__ import annotations

import os
from pathlib import Path

from juesuan.report.charts import SANGONG_ITEMS, draw_charts
from juesuan.report.city import CityData
from juesuan.report.markup import Site, amount, esc, table

CHART_FOLDER = "dashboard"

NO_EXECUTION = """<p>No unit has both a budget (部门预算) and final accounts loaded for the same
year yet: execution needs both. Once they are, this panel compares them per function 类 and
names the units furthest from their budget.</p>"""


def _chart(charts: dict[str, str], name: str, alt: str, figures: str) -> str:
    if name not in charts:
        return f'<div class="chart"><p class="meta">{esc(alt)}: no data yet.</p></div>'
    return (f'<div class="chart" data-chart="{esc(name)}"><img src="{esc(charts[name])}" alt="{esc(alt)}">'
            f"<details><summary>figures</summary>{figures}</details></div>")


def _function_table(data: CityData) -> str:
    rows = [[esc(r["fiscal_year"]), esc(r["code"]), esc(r["name"]), esc(amount(r["本年支出合计"])),
             esc(amount(r["基本支出"])), esc(amount(r["项目支出"])), esc(r["units"])] for r in data.function_lei]
    return table(["年度", "类", "科目名称", "本年支出合计", "基本支出", "项目支出", "单位数"], rows, {3, 4, 5, 6})


def _totals_table(data: CityData) -> str:
    rows = [[esc(r["fiscal_year"]), esc(amount(r["本年支出合计"])), esc(amount(r["基本支出"])),
             esc(amount(r["项目支出"])), esc(r["documents"])] for r in data.totals]
    return table(["年度", "本年支出合计", "基本支出", "项目支出", "documents"], rows, {1, 2, 3, 4})


def _sangong_table(data: CityData) -> str:
    rows = [[esc(r["fiscal_year"]), esc(r["item"]), esc(amount(r["预算数"])), esc(amount(r["决算数"])),
             esc(r["completion_pct"] if r["completion_pct"] is not None else ""), esc(r["units"])]
            for r in data.sangong]
    return table(["年度", "项目", "预算数", "决算数", "完成率%", "单位数"], rows, {2, 3, 4, 5})


def _sangong_units_table(data: CityData) -> str:
    rows = [[esc(r["unit_name"]), esc(amount(r["预算数/合计"])), esc(amount(r["决算数/合计"])),
             *[esc(amount(r[f"决算数/{item}"])) for item in SANGONG_ITEMS],
             esc(r["completion_pct"] if r["completion_pct"] is not None else "")] for r in data.sangong_units]
    return table(["单位", "预算数合计", "决算数合计", *SANGONG_ITEMS, "完成率%"], rows, {1, 2, 3, 4, 5, 6})


def _outcomes_table(data: CityData) -> str:
    rows = [[esc(r["fiscal_year"] if r["fiscal_year"] is not None else "年度不明"), esc(r["status"]),
             esc(r["documents"])] for r in data.outcomes]
    return table(["年度", "outcome", "documents"], rows, {2})


def _yoy_tables(data: CityData) -> str:
    units = [[esc(r["unit_name"]), esc(amount(r["上年本年支出合计"])), esc(amount(r["本年支出合计"])),
              esc(amount(r["本年支出合计_change"])),
              esc(r["本年支出合计_change_pct"] if r["本年支出合计_change_pct"] is not None else "")]
             for r in data.yoy_units]
    classes = [[esc(r["code"]), esc(r["name"]), esc(amount(r["上年本年支出合计"])), esc(amount(r["本年支出合计"])),
                esc(amount(r["change"])), esc(r["change_pct"] if r["change_pct"] is not None else "")]
               for r in data.yoy_function]
    year = data.yoy_year
    return (f"<h4>Units, {esc(year)} vs {esc(year - 1 if year else '')}</h4>"
            + table(["单位", "上年", "本年", "变动", "变动%"], units, {1, 2, 3, 4})
            + "<h4>City-wide by function 类</h4>"
            + table(["类", "科目名称", "上年", "本年", "变动", "变动%"], classes, {2, 3, 4, 5}))


def _rate(value: object) -> str:
    return esc(value) if value is not None else ""


def _execution_section(charts: dict[str, str], data: CityData) -> str:
    """Execution by 类 for every year with both documents, the latest year's units furthest
    from their budget, and how many units the comparison covers."""
    if not data.execution_lei:
        return f'<section id="budget-execution">{NO_EXECUTION}</section>'
    coverage = [[esc(r["fiscal_year"]), esc(r["units_with_both"]), esc(r["units_final_only"]),
                 esc(r["units_budget_only"])] for r in data.execution_coverage]
    classes = [[esc(r["fiscal_year"]), esc(r["code"]), esc(r["name"]), esc(amount(r["年初预算"])),
                esc(amount(r["决算"])), esc(amount(r["difference"])), _rate(r["execution_rate_pct"]),
                esc(r["units"])] for r in data.execution_lei]
    units = [[esc(r["unit_name"]), esc(amount(r["年初预算"])), esc(amount(r["决算"])), esc(amount(r["difference"])),
              _rate(r["execution_rate_pct"])] for r in data.execution_units]
    figures = (table(["年度", "类", "科目名称", "年初预算", "决算", "差额", "执行率%", "单位数"], classes,
                     {3, 4, 5, 6, 7})
               + f"<h4>Units furthest from their budget, {esc(data.execution_year)}</h4>"
               + table(["单位", "年初预算", "决算", "差额", "执行率%"], units, {1, 2, 3, 4}))
    return f"""<section id="budget-execution">
<p class="meta">一般公共预算财政拨款 expenditure (table 05): 年初预算 from each unit's budget, 决算 from
its final accounts, 执行率 = 决算 / 年初预算, only units that published both for the year.
Per unit and code, with the pages: <code>v_execution_unit_code</code>.</p>
{table(["年度", "units with both", "final only", "budget only"], coverage, {1, 2, 3})}
<div class="charts">{_chart(charts, "execution-by-class", "Budget execution by function class", figures)}</div>
</section>"""


def _run_reports(site: Site) -> str:
    """The latest run reports: those on disk and the one written with this page."""
    names = {p.name for p in site.reports_dir.glob("run-*.html")}
    names.update(name for name in [site.latest_run] if name)
    runs = sorted(names, key=lambda name: (len(name), name), reverse=True)
    if not runs:
        return "<p>No run report yet.</p>"
    return "<ul>" + "".join(f'<li><a href="{esc(name)}">{esc(name.removesuffix(".html"))}</a></li>'
                            for name in runs[:30]) + "</ul>"


def add_dashboard(site: Site, data: CityData, queue_size: int, published_at: object = None) -> Path:
    """Draw the charts into <reports>/dashboard/ and add dashboard.html to the site."""
    folder = site.reports_dir / CHART_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    charts = {}
    for name, svg in draw_charts(data).items():
        target = folder / f"{name}.svg"
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        tmp.write_bytes(svg)
        os.replace(tmp, target)
        charts[name] = f"{CHART_FOLDER}/{name}.svg"
    years = ", ".join(map(str, data.years)) or "none yet"
    published = f" of {published_at:%Y-%m-%d %H:%M} UTC" if hasattr(published_at, "strftime") else ""
    queue = (f'<p><a href="queue.html">{queue_size} quarantined document(s)</a> wait for an operator; '
             "their figures count in no city total until released.</p>" if queue_size
             else "<p>No quarantined document waits for an operator.</p>")
    body = f"""<h1>City dashboard</h1>
<p class="meta">From the published snapshot{esc(published)} · fiscal years {esc(years)} ·
amounts in 万元 · city scope only (a consolidated package's member units are not counted twice;
quarantined documents count only once released)</p>
{queue}
<div class="charts">
{_chart(charts, "function-by-year", "Expenditure by function class per year", _function_table(data))}
{_chart(charts, "basic-vs-project", "Basic vs project expenditure per year", _totals_table(data))}
{_chart(charts, "sangong-by-year", "Three public expenses per year", _sangong_table(data))}
{_chart(charts, "sangong-by-unit", "Units with the largest three public expenses", _sangong_units_table(data))}
{_chart(charts, "outcomes", "Documents by outcome", _outcomes_table(data))}
{_chart(charts, "yoy-units", "Largest year-on-year changes", _yoy_tables(data))}
</div>
<h2>Budget execution 预算执行</h2>
{_execution_section(charts, data)}
<h2>Run reports</h2>
{_run_reports(site)}
"""
    return site.add("dashboard.html", "juesuan — city dashboard", body)
