"""Evidence for one document: each finding and problem beside the page region it is about,
and each table's page beside the grid of figures read from it ("what we read").

A reviewer should not have to open the PDF and hunt for the page: the card shows expected
vs printed next to an image of the place, marked. When the PDF is no longer reachable,
the cards say so and show the figures alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from decimal import Decimal

from juesuan.report.data import CellRow, DocumentRow, FindingRow, ProblemRow
from juesuan.report.highlight import Target, sentence_target, table_extent, table_targets, union
from juesuan.report.markup import amount, box_style, esc, page_window, target_figure, window_area
from juesuan.report.pages import DocumentPages

NARRATIVE_PREFIX = "N."  # narrative rules quote a sentence instead of naming cells
HEADER_PT = 85.0  # a table's column headings sit above its first figure, within this
NOTES_PT = 40.0  # notes printed under a table (注：…) sit within this below its last row


def with_headings(target: Target, pages: DocumentPages | None) -> Target:
    """A table target's area widened to the page's text (so row labels show) and raised to
    take in the column headings above the figures."""
    if target.context is None or pages is None:
        return target
    text = pages.text(target.page)
    extent = text.extent() if text is not None else None
    x0, top, x1, bottom = target.context
    if extent is not None:
        x0, x1 = min(x0, extent[0]), max(x1, extent[2])
    return replace(target, context=(x0, max(top - HEADER_PT, 0.0), x1, bottom))


@dataclass
class DocumentEvidence:
    """What a document's evidence is drawn from: its figures and, if reachable, its PDF."""

    document: DocumentRow
    cells: list[CellRow]
    pages: DocumentPages | None
    missing: str | None = None  # why there are no page images

    def figures(self, targets: list[Target], prefix: str) -> str:
        if self.pages is None:
            return f'<p class="note">No page image: {esc(self.missing)}</p>'
        parts = []
        for target in targets:
            image = self.pages.image(target.page)
            if image is None:
                why = self.pages.failures.get(target.page) or (
                    f"page {target.page} is not in the PDF ({self.pages.page_count} pages)")
                parts.append(f'<p class="note">{esc(why)}</p>')
            else:
                parts.append(target_figure(image, target, prefix))
        return "".join(parts) or '<p class="meta">No page: the finding concerns the document as a whole.</p>'


def finding_targets(finding: FindingRow, evidence: DocumentEvidence) -> list[Target]:
    """Where a finding is: its cells, its quoted sentence, or its pages unmarked."""
    if finding.location and not finding.rule_id.startswith(NARRATIVE_PREFIX):
        targets = table_targets(finding.location, finding.pages, evidence.cells)
        if targets is not None:
            return [with_headings(t, evidence.pages) for t in targets]
    if finding.location and evidence.pages is not None:
        targets = [sentence_target(page, evidence.pages.text(page), finding.location)
                   for page in finding.pages]
        quoted = [str(t.page) for t in targets if t.boxes]
        if quoted:  # the other pages are what the sentence was compared with
            targets = [t if t.boxes else replace(t, note=f"the quoted sentence is on page {', '.join(quoted)}; "
                                                         "this page, also named by the finding, is shown unmarked")
                       for t in targets]
        return targets
    return [Target(page, note="the finding names no place on the page; the page is shown unmarked")
            for page in finding.pages]


def problem_targets(problem: ProblemRow, evidence: DocumentEvidence) -> list[Target]:
    if problem.page is None:
        return []
    extent = table_extent(evidence.cells, [problem.table_id], problem.page) if problem.table_id else None
    what = f"table {problem.table_id} as read on this page is outlined" if extent else "the page is shown"
    return [with_headings(Target(problem.page, (), extent, f"extraction problem: {what}"), evidence.pages)]


def _difference(finding: FindingRow) -> str:
    if finding.expected is None or finding.actual is None:
        return ""
    diff = Decimal(finding.actual) - Decimal(finding.expected)
    return ("+" if diff > 0 else "") + amount(diff)


def finding_card(finding: FindingRow, evidence: DocumentEvidence, prefix: str, anchor: str) -> str:
    pages = ", ".join(map(str, finding.pages)) or "—"
    facts = []
    if finding.expected is not None or finding.actual is not None:
        facts = [["expected", f'<span class="num">{esc(amount(finding.expected))}</span>'],
                 ["printed", f'<span class="num">{esc(amount(finding.actual))}</span>'],
                 ["difference", esc(_difference(finding))]]
    if finding.tables:
        facts.append(["tables", esc(", ".join(finding.tables))])
    quote = f'<div class="quote">«{esc(finding.location)}»</div>' if finding.location else ""
    return (f'<div class="card" id="{esc(anchor)}"><div class="head">'
            f'<span class="sev-{esc(finding.severity)}">{esc(finding.severity)}</span>'
            f"<code>{esc(finding.rule_id)}</code><span>page {esc(pages)}</span></div>"
            f'<div class="body"><div>{evidence.figures(finding_targets(finding, evidence), prefix)}</div>'
            f'<div class="facts">{_facts_table(facts)}<p>{esc(finding.message)}</p>{quote}</div></div></div>')


def problem_card(problem: ProblemRow, evidence: DocumentEvidence, prefix: str, anchor: str) -> str:
    targets = problem_targets(problem, evidence)
    figures = evidence.figures(targets, prefix) if targets else '<p class="meta">No page: the problem concerns the document as a whole.</p>'
    facts = [["problem", f"<code>{esc(problem.code)}</code>"], ["table", esc(problem.table_id or "—")],
             ["page", esc(problem.page or "—")], ["fatal", "yes" if problem.fatal else "no"]]
    return (f'<div class="card" id="{esc(anchor)}"><div class="head"><span class="sev-warning">problem</span>'
            f"<code>{esc(problem.code)}</code><span>page {esc(problem.page or '—')}</span></div>"
            f'<div class="body"><div>{figures}</div>'
            f'<div class="facts">{_facts_table(facts)}<p>{esc(problem.message)}</p></div></div></div>')


def _facts_table(rows: list[list[str]]) -> str:
    return "<table>" + "".join(f"<tr><td>{esc(k)}</td><td>{v}</td></tr>" for k, v in rows) + "</table>"


# --- what we read ---------------------------------------------------------------------------

def tables_read(evidence: DocumentEvidence, prefix: str) -> str:
    """Per table and page: the page with every cell read outlined, beside the grid."""
    by_table: dict[str, dict[int | None, list[CellRow]]] = defaultdict(lambda: defaultdict(list))
    for cell in evidence.cells:
        by_table[cell.table_id][cell.page].append(cell)
    if not by_table:
        return "<p>No figures were read from this document.</p>"
    parts = []
    for table_id in sorted(by_table):
        for page, cells in sorted(by_table[table_id].items(), key=lambda item: (item[0] is None, item[0] or 0)):
            key = f"t{table_id}-p{page or 0}"
            where = f"page {page}" if page else "page not recorded"
            parts.append(f'<h4 id="{key}">Table {esc(table_id)} — {esc(where)} — {len(cells)} figure(s)</h4>')
            parts.append(f'<div class="read">{_read_image(evidence, table_id, page, cells, key, prefix)}'
                         f'<div class="grid">{_grid(cells, key)}</div></div>')
    return "\n".join(parts)


def _read_image(evidence: DocumentEvidence, table_id: str, page: int | None, cells: list[CellRow],
                key: str, prefix: str) -> str:
    if evidence.pages is None:
        return f'<p class="note">No page image: {esc(evidence.missing)}</p>'
    image = evidence.pages.image(page) if page else None
    if image is None:
        return '<p class="note">No page image for these figures.</p>'
    area = window_area(Target(page, (), _table_area(evidence.pages, page, cells)), image)
    boxes = "".join(f'<span class="cellbox" data-cell="{key}-{i}" style="{box_style(c.box, image)}"></span>'
                    for i, c in enumerate(cells) if c.box is not None)
    unplaced = sum(c.box is None for c in cells)
    note = f' — <span class="note">{unplaced} figure(s) without a recorded position</span>' if unplaced else ""
    return (f"<figure>{page_window(image, area, prefix, boxes, f'table {table_id}, page {page}')}"
            f"<figcaption>every cell read is outlined; point at a figure in the grid to find it{note}"
            f"</figcaption></figure>")


def _table_area(pages: DocumentPages, page: int, cells: list[CellRow]) -> tuple | None:
    """The table with its title, headings, labels and notes: the page's text down to a
    little below the last figure read (not the page number at the foot)."""
    boxes = [c.box for c in cells if c.box is not None]
    text = pages.text(page)
    if text is None or not text.boxes:
        return union(boxes) if boxes else None
    if not boxes:
        return text.extent()
    floor = max(b[3] for b in boxes) + NOTES_PT
    return union(boxes + [b for b in text.boxes if b[1] <= floor])


def _grid(cells: list[CellRow], key: str) -> str:
    """The figures as read: one row per row key, one column per column key, blanks shown
    as blank (not 0.00)."""
    rows: dict[str, str | None] = {}
    columns: dict[str, None] = {}
    at: dict[tuple[str, str], tuple[int, CellRow]] = {}
    for i, cell in enumerate(cells):
        rows.setdefault(cell.row_key, cell.row_label)
        columns.setdefault(cell.column_key, None)
        at.setdefault((cell.row_key, cell.column_key), (i, cell))
    body = []
    for row_key, label in rows.items():
        tds = []
        for column in columns:
            if (row_key, column) not in at:
                tds.append("<td></td>")
                continue
            i, cell = at[(row_key, column)]
            title = f"{label or row_key} / {column}"
            data = f' data-cell="{key}-{i}" data-box="1"' if cell.box is not None else ""
            if cell.amount is None:
                tds.append(f'<td class="num blank" title="{esc(title)}: blank"{data}></td>')
            else:
                tds.append(f'<td class="num" title="{esc(title)}"{data}>{esc(amount(cell.amount))}</td>')
        shown = esc(row_key) if not label or label == row_key else f"{esc(row_key)} {esc(label)}"
        body.append(f"<tr><th>{shown}</th>{''.join(tds)}</tr>")
    head = "<tr><th>row</th>" + "".join(f'<th class="num">{esc(c)}</th>' for c in columns) + "</tr>"
    return f"<table>{head}{''.join(body)}</table>"



