"""The pieces every review page shares: escaping, figures as people write them, the page
shell (style, navigation, the bundled Chinese font) and a page-image window.

Pages are static files opened by double-click: every link is relative, nothing is
fetched from a network, and the little script there is (hover a figure, see its cell)
is inline. Every value is escaped: unit names and quoted sentences come from PDFs.
"""

from __future__ import annotations

import html
import os
import shlex
from decimal import Decimal
from pathlib import Path
from string import Template

from juesuan.report.highlight import Box, Target
from juesuan.report.pages import PageImage
from juesuan.report.webfont import FAMILY, write_webfont

SCREEN_PX_PER_PT = 1.25  # a window shows the page a little under 100 % zoom
MAX_WINDOW_PX = 720
MARGIN_PT = 10.0
BAND_PT = 70.0  # page shown above and below the marked lines
MIN_WINDOW_PT = 110.0

CSS = """
:root{--ink:#1d2733;--muted:#5d6b7a;--line:#d5dbe3;--soft:#f4f6f9;--accent:#1f5fa8;--mark:#f4b400;
--err:#b3261e;--warn:#9a6200;--ok:#1e7b34}
*{box-sizing:border-box}
body{font-family:"$family",system-ui,-apple-system,"Segoe UI",sans-serif;margin:0;color:var(--ink);
background:#fff;line-height:1.45;font-size:15px}
header.top{background:#16324f;color:#fff;padding:.7em 2em;display:flex;gap:2em;align-items:baseline;flex-wrap:wrap}
header.top b{font-size:1.1em;letter-spacing:.02em} header.top a{color:#d8e6f5;text-decoration:none}
header.top a.here{color:#fff;border-bottom:2px solid var(--mark)}
main{padding:1em 2em 3em;max-width:1400px}
h1{font-size:1.5em;margin:.6em 0 .2em} h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid var(--line);padding-bottom:.2em}
h3{font-size:1.08em;margin:1.4em 0 .3em} h4{font-size:1em;margin:1em 0 .3em}
a{color:var(--accent)}
table{border-collapse:collapse;margin:.4em 0 1em;font-size:.93em}
th,td{border:1px solid var(--line);padding:.25em .5em;vertical-align:top;text-align:left}
th{background:var(--soft);font-weight:600} td.num,th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
.sev-error{color:var(--err);font-weight:700} .sev-warning{color:var(--warn);font-weight:700} .sev-info{color:var(--muted)}
.st{display:inline-block;padding:0 .45em;border-radius:3px;font-size:.85em;font-weight:600}
.st-quarantined,.st-failed{background:#fbdada;color:#7d1a14} .st-rejected{background:#e6e6e6}
.st-loaded_with_warnings{background:#fff1c9;color:#6b4a00} .st-loaded{background:#dff3df;color:#1c5e2b}
.meta{color:var(--muted);font-size:.9em} code{background:var(--soft);padding:0 .25em;border-radius:2px}
.quote{color:#3a4653;font-size:.93em;margin-top:.3em} .note{color:var(--warn);font-size:.9em} p.note{max-width:36em}
.cmd{display:block;background:#0f1e2e;color:#e9f1f9;padding:.5em .8em;border-radius:4px;margin:.3em 0 .8em;
font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em;user-select:all;white-space:pre-wrap;word-break:break-all}
.card{border:1px solid var(--line);border-radius:6px;margin:.8em 0 1.2em;overflow:hidden}
.card>.head{background:var(--soft);padding:.4em .8em;display:flex;gap:1em;flex-wrap:wrap;align-items:baseline}
.card>.body{display:grid;grid-template-columns:minmax(0,auto) minmax(16em,1fr);gap:1em;padding:.8em}
@media (max-width:1000px){.card>.body{grid-template-columns:1fr}}
.facts table{margin:0} .facts td:first-child{color:var(--muted);white-space:nowrap}
.win{display:block;position:relative;overflow:hidden;border:1px solid #9aa7b5;background:#fff;max-width:100%}
.win .pg{position:relative} .win img{display:block;width:100%;height:auto}
.hl{position:absolute;background:rgba(244,180,0,.28);outline:2px solid #e08600;border-radius:1px}
.cellbox{position:absolute;outline:1px solid rgba(31,95,168,.35)}
.cellbox.on{background:rgba(31,95,168,.25);outline:2px solid var(--accent)}
figure{margin:0} figcaption{font-size:.85em;color:var(--muted);margin-top:.25em}
.read{display:grid;grid-template-columns:minmax(0,auto) minmax(0,1fr);gap:1.2em;align-items:start;margin:.6em 0 2em}
@media (max-width:1100px){.read{grid-template-columns:1fr}}
.grid{overflow:auto;max-height:90vh} .grid table{font-size:.82em} .grid td.blank{background:repeating-linear-gradient(45deg,#fff,#fff 3px,#f1f1f1 3px,#f1f1f1 6px)}
.grid td[data-box]:hover,.grid td.on{background:#dbe8f7;cursor:crosshair}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(560px,1fr));gap:1.2em}
.chart{border:1px solid var(--line);border-radius:6px;padding:.6em .8em}
.chart img{max-width:100%;height:auto;display:block}
.placeholder{border:2px dashed #c2cad4;border-radius:6px;padding:1em;color:var(--muted);background:#fafbfc}
details summary{cursor:pointer}
"""

SHELL = Template("""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>$title</title>
<style>
@font-face{font-family:"$family";src:url("$font") format("woff");font-display:block}
$css
</style></head><body>
<header class="top"><b>juesuan 决算 review</b>$nav</header>
<main>
$body
</main>
$script
</body></html>
""")

# Hovering a figure in a "what we read" grid marks its cell on the page image beside it.
HOVER_SCRIPT = """<script>
document.querySelectorAll('.read').forEach(function (block) {
  block.addEventListener('mouseover', function (event) {
    var cell = event.target.closest('td[data-cell]');
    block.querySelectorAll('.cellbox.on, td.on').forEach(function (el) { el.classList.remove('on'); });
    if (!cell) { return; }
    var box = block.querySelector('.cellbox[data-cell="' + cell.dataset.cell + '"]');
    if (box) { box.classList.add('on'); cell.classList.add('on'); }
  });
});
</script>"""

NAV = (("dashboard.html", "City dashboard"), ("queue.html", "Quarantine queue"))


def esc(value: object) -> str:
    return html.escape("" if value is None else str(value))


def amount(value: Decimal | None) -> str:
    """A warehouse DECIMAL(18,6) as a person writes it: 397.440000 → 397.44."""
    if value is None:
        return ""
    text = format(value, "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0").ljust(2, "0")
        text = f"{whole}.{frac}"
    return text


def table(headers: list[str], rows: list[list[str]], numeric: set[int] = frozenset(),
          attrs: str = "") -> str:
    """An HTML table; headers are escaped here, cells are expected escaped already."""
    head = "".join(f'<th class="num">{esc(h)}</th>' if i in numeric else f"<th>{esc(h)}</th>"
                   for i, h in enumerate(headers))
    body = "".join(
        "<tr>" + "".join(f'<td class="num">{cell}</td>' if i in numeric else f"<td>{cell}</td>"
                         for i, cell in enumerate(row)) + "</tr>"
        for row in rows)
    return f"<table{attrs}><tr>{head}</tr>{body}</table>"


def when(value: object) -> str:
    """A warehouse timestamp (naive UTC) to the second."""
    return f"{value:%Y-%m-%d %H:%M:%S} UTC" if hasattr(value, "strftime") else ("" if value is None else str(value))


def status(value: str) -> str:
    return f'<span class="st st-{esc(value)}">{esc(value)}</span>'


def pct(part: float, whole: float) -> str:
    return f"{100 * part / whole:.3f}%"  # 0.001 % of a page is under 0.01 pt


# --- page windows -------------------------------------------------------------------------

def window_area(target: Target, image: PageImage) -> Box:
    """The part of the page to show for a target, in points: the marked boxes with the
    lines around them across the table (or text column); a table as a whole; else the page."""
    page = (0.0, 0.0, image.width, image.height)
    if target.boxes:
        marked = _union(target.boxes)
        across = target.context or marked
        x0, x1 = min(across[0], marked[0]), max(across[2], marked[2])
        y0, y1 = marked[1] - BAND_PT, marked[3] + BAND_PT
        if target.context and target.context[3] - target.context[1] <= 3 * BAND_PT + (marked[3] - marked[1]):
            y0, y1 = min(y0, target.context[1]), max(y1, target.context[3])  # a short table: all of it
    elif target.context:
        x0, y0, x1, y1 = target.context
    else:
        return page
    x0, y0, x1, y1 = x0 - MARGIN_PT, y0 - MARGIN_PT, x1 + MARGIN_PT, y1 + MARGIN_PT
    if y1 - y0 < MIN_WINDOW_PT:
        middle = (y0 + y1) / 2
        y0, y1 = middle - MIN_WINDOW_PT / 2, middle + MIN_WINDOW_PT / 2
    return (max(x0, 0.0), max(y0, 0.0), min(x1, image.width), min(y1, image.height))


def _union(boxes) -> Box:
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def box_style(box: Box, image: PageImage) -> str:
    x0, top, x1, bottom = box
    return (f"left:{pct(x0, image.width)};top:{pct(top, image.height)};"
            f"width:{pct(x1 - x0, image.width)};height:{pct(bottom - top, image.height)}")


def page_window(image: PageImage, area: Box, prefix: str, overlays: str, alt: str,
                link: bool = True) -> str:
    """The area of a page image, scaled to the window, with overlays (positioned in % of
    the whole page) on top. The image file is the whole page; CSS shows the area."""
    x0, y0, x1, y1 = area
    width, height = x1 - x0, y1 - y0
    shown_px = min(width * SCREEN_PX_PER_PT, MAX_WINDOW_PX)
    inner = (f'<div class="pg" style="width:{100 * image.width / width:.4f}%;'
             f'margin-left:-{100 * x0 / width:.4f}%;margin-top:-{100 * y0 / width:.4f}%">'
             f'<img src="{esc(prefix + image.src)}" alt="{esc(alt)}" loading="lazy" decoding="async">'
             f"{overlays}</div>")
    style = f"width:{shown_px:.0f}px;aspect-ratio:{width:.2f}/{height:.2f}"
    if link:
        return f'<a class="win" style="{style}" href="{esc(prefix + image.src)}" title="open the whole page">{inner}</a>'
    return f'<div class="win" style="{style}">{inner}</div>'


def target_figure(image: PageImage, target: Target, prefix: str) -> str:
    """A page window for one target: the marked boxes highlighted, the note under it."""
    overlays = "".join(f'<span class="hl" style="{box_style(b, image)}"></span>' for b in target.boxes)
    caption = f"page {target.page}"
    if target.note:
        caption += f' — <span class="note">{esc(target.note)}</span>'
    return (f"<figure>{page_window(image, window_area(target, image), prefix, overlays, f'page {target.page}')}"
            f"<figcaption>{caption}</figcaption></figure>")


# --- writing pages ---------------------------------------------------------------------------

class Site:
    """Pages written together share one subset font; each file is replaced atomically."""

    def __init__(self, reports_dir: Path, latest_run: str | None = None):
        self.reports_dir = Path(reports_dir)
        self.latest_run = latest_run
        self._pages: list[tuple[str, str, str, bool]] = []

    def add(self, relative: str, title: str, body: str, interactive: bool = False) -> Path:
        self._pages.append((relative, title, body, interactive))
        return self.reports_dir / relative

    def write(self) -> list[Path]:
        if not self._pages:
            return []
        font = write_webfont(self.reports_dir, [title + body for _, title, body, _ in self._pages])
        written = []
        for relative, title, body, interactive in self._pages:
            prefix = "../" * relative.count("/")
            links = list(NAV) + ([(self.latest_run, "Latest run")] if self.latest_run else [])
            nav = "".join(f'<a href="{esc(prefix + href)}"{" class=here" if href == relative else ""}>{esc(text)}</a>'
                          for href, text in links)
            text = SHELL.substitute(title=esc(title), family=FAMILY, font=esc(prefix + font),
                                    css=CSS.replace("$family", FAMILY), nav=nav, body=body,
                                    script=HOVER_SCRIPT if interactive else "")
            target = self.reports_dir / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            tmp.write_text(text, encoding="utf-8")
            os.replace(tmp, target)
            written.append(target)
        self._pages.clear()
        return written


def release_command(warehouse_dir: str | os.PathLike, document_id: str) -> str:
    """The exact command that releases a quarantined document of this warehouse (the
    warehouse named explicitly, so it works from any directory)."""
    return (f"JUESUAN_WAREHOUSE={shlex.quote(str(Path(warehouse_dir).resolve()))} "
            f"juesuan release {shlex.quote(document_id)} --operator NAME")


def release_block(warehouse_dir: str | os.PathLike, document_id: str) -> str:
    return (f'<p>Held back from every city total until an operator reviews it, then releases it '
            f'(replace NAME with your name):</p><code class="cmd">{esc(release_command(warehouse_dir, document_id))}</code>')
