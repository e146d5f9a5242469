"""The narrative pages as blocks of sentences a checker can read: pages in, blocks out.

Why a layer of its own: the figures a 情况说明 restates are only checkable once the text
reads in order. Three things get in the way, each handled here by a pure function:

- **Page furniture.** Page numbers ("- 14 -", "24") at the top or bottom of a page would
  glue themselves to the next sentence's first figure.
- **Line wrapping.** Sentences wrap anywhere, also inside "397.44万\\n元" or between a
  figure and its unit; lines are joined without a space unless both sides are digits
  (a table row "66.05 69.00 65.08" keeps its separators).
- **Digits split from their sentence.** Some producers write the digits of a paragraph
  in a separate font on a slightly different baseline; a text extractor that groups
  characters by baseline (pdfminer/pdfplumber, and PDFium on some files) then prints the
  sentence with holes and the numbers on the following line:
  "本年收入合计 万元，其中：财政拨款收入 万元，占 ；其他" / "2946.25 2940.05 99.79%".
  `reattach_numbers` puts them back, but only where it is sure: every hole must be a
  place where a figure is grammatically required (before 万元/元/%/年/月/日/辆, after 占/为/的/
  增长/下降 …) and there must be at least as many pending holes as numbers. Otherwise the
  lines are left alone: a sentence without its figures yields no claim, never a wrong one.

  Choice of source: the checks read `ExtractedDocument.narrative`, PDFium's text from the
  cheap page scan, at no extra cost. On every real PDF we have (../shared/realpdfs/final)
  PDFium keeps the digits in their sentences because it follows the content stream, while
  pdfplumber's baseline clustering splits them (上海市普陀区财政局 p21). Re-ordering by
  character boxes would need the PDF re-opened for every document; repairing the text
  covers both extractors' output and stays a pure function.

Blocks: a heading line (一、 （一） 1. 1、 （1） 第三部分 附件) starts a block. Each block
carries its section (what part of the 情况说明 it belongs to, from the headings above
it), its sentences (split at 。and ；and before 其中, which is where one claim ends)
and, for every character, the page it was printed on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from juesuan.validate.narrative.numbers import fold_points, join_pieces

# --- split digits ---------------------------------------------------------------------

_NUMBER_TOKEN = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?%?$")
_UNIT_AHEAD = ("万元", "亿元", "元", "%", "％", "年", "月", "日", "辆", "台")
# Characters after which a figure must follow ("占 ；", "下降 。", "为 万元").
_WANTS_FIGURE = set("占为的计长降少加幅低达至")
_PAGE_NUMBER = re.compile(r"^[-－—–\s]*(第\s*)?\d{1,4}\s*(页)?[-－—–\s]*$")


_LETTER_SPACED = re.compile(r"(?:[\u4e00-\u9fff] ){4}[\u4e00-\u9fff]")
_QUOTE_TOKEN = frozenset({"“", "”", "‘", "’", "\"", "“”"})


def _is_number_line(line: str) -> bool:
    """Only figures (and the quote marks that some producers lift out with them)."""
    tokens = [t for t in line.split() if t not in _QUOTE_TOKEN]
    return bool(tokens) and all(_NUMBER_TOKEN.match(t) for t in tokens)


def _is_quote_line(line: str) -> bool:
    tokens = line.split()
    return bool(tokens) and all(t in _QUOTE_TOKEN for t in tokens)


def _holes(line: str, previous: str = "") -> list[int]:
    """Positions in `line` where a figure was lifted out (see module docstring).

    `previous` is the text line above: a line starting with 万元 continues a sentence
    whose figure went missing at the line break — unless the line above already ends
    with the figure ('…307.82' / '万元'), its unit ('…万' / '元') or a hole of its own.
    A line starting with '、' lost its list number ('1、').
    """
    if _LETTER_SPACED.search(line):
        return []  # spaces after every character: none of them is a lifted figure
    holes = []
    tail = previous[-1:]
    if line.startswith("、"):
        holes.append(0)
    elif line.startswith(_UNIT_AHEAD[:3] + ("年度",)) and tail and not (
            tail.isdigit() or tail in "万亿" or tail in _WANTS_FIGURE):
        holes.append(0)
    for i, ch in enumerate(line):
        if ch != " " or i == 0:
            continue
        left = line[i - 1]
        if left.isdigit() or left == " ":
            continue
        right = line[i + 1:].lstrip(" ")
        if right.startswith(_UNIT_AHEAD) or (left in _WANTS_FIGURE and right[:1] and not right[0].isdigit()):
            holes.append(i)
    if line and line[-1] in _WANTS_FIGURE:
        holes.append(len(line))
    return holes


def reattach_numbers(lines: list[str]) -> list[str]:
    """Put numbers printed on a line of their own back into the holes above them.

    Pending holes come from the last two text lines; a number line is consumed only when
    all its numbers find a hole, in order. Pure: the same lines in give the same out.
    """
    out: list[str] = []
    pending: list[tuple[int, int]] = []  # (index in out, position) of unfilled holes
    for line in lines:
        if _is_quote_line(line):
            continue  # quote marks lifted out of '“三公”': the words read the same without
        if _is_number_line(line) and pending:
            tokens = [t for t in line.split() if t not in _QUOTE_TOKEN]
            if len(tokens) <= len(pending):
                fill, pending = pending[:len(tokens)], pending[len(tokens):]
                by_line: dict[int, list[tuple[int, str]]] = {}
                for (index, pos), token in zip(fill, tokens):
                    by_line.setdefault(index, []).append((pos, token))
                for index, items in by_line.items():
                    text = out[index]
                    for pos, token in sorted(items, reverse=True):
                        text = text[:pos] + token + text[pos:]
                    out[index] = text
                pending = _shift_pending(pending, by_line)
                continue
        if not _is_number_line(line):
            # holes older than the previous text line are dropped
            keep_from = len(out) - 1
            pending = [(i, p) for i, p in pending if i >= keep_from]
            previous = next((t for t in reversed(out) if not _is_number_line(t)), "")
            pending += [(len(out), p) for p in _holes(line, previous)]
        out.append(line)
    return out


def _shift_pending(pending: list[tuple[int, int]],
                   filled: dict[int, list[tuple[int, str]]]) -> list[tuple[int, int]]:
    """Holes still pending on a line that just received numbers sit further right now."""
    shifted = []
    for index, pos in pending:
        extra = sum(len(token) for p, token in filled.get(index, ()) if p <= pos)
        shifted.append((index, pos + extra))
    return shifted


# --- joining lines --------------------------------------------------------------------

_FOLD = str.maketrans({"％": "%", "０": "0", "１": "1", "２": "2", "３": "3", "４": "4",
                       "５": "5", "６": "6", "７": "7", "８": "8", "９": "9", "\u3000": " ",
                       "\xa0": " "})
_ASCII_WORD = re.compile(r"[0-9A-Za-z.,%]")


def _keeps_space(left: str, right: str) -> bool:
    """A space survives only between two figures (or Latin words): '66.05 69.00'."""
    return bool(_ASCII_WORD.match(left)) and bool(_ASCII_WORD.match(right)) and (
        left.isdigit() or left == "%") and right[:1].isdigit()


_SPACE_BY_WORD = re.compile(r"(?<=[^\x00-\x7f]) (?=\S)|(?<=\S) (?=[^\x00-\x7f])")


def _unspaced(line: str) -> str:
    """A letter-spaced line ("三 、 支 出 决 算 情 况 说 明") without the spaces next to its
    words, so a heading reads as a heading; spaces between digits are left to
    numbers.join_pieces, which knows a figure from two."""
    return _SPACE_BY_WORD.sub("", line) if _LETTER_SPACED.search(line) else line


def page_lines(text: str) -> list[str]:
    """A page's lines, stripped, without the page number at its top or bottom."""
    lines = [_unspaced(fold_points(ln.translate(_FOLD)).strip()) for ln in text.splitlines()]
    lines = [ln for ln in lines if ln]
    while lines and _PAGE_NUMBER.match(lines[0]):
        lines.pop(0)
    while lines and _PAGE_NUMBER.match(lines[-1]):
        lines.pop()
    return reattach_numbers(lines)


@dataclass
class Text:
    """A run of text with the page of every character (what a quote's page comes from)."""

    chars: list[str] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)

    def add(self, text: str, page: int) -> None:
        for ch in text:
            if ch == " " or ch == "\t":
                if self.chars and self.chars[-1] != " ":
                    self.chars.append(" ")
                    self.pages.append(page)
                continue
            self.chars.append(ch)
            self.pages.append(page)

    def add_line_break(self) -> None:
        """Lines join without a gap, except between two figures."""
        if self.chars and self.chars[-1] != " ":
            self.chars.append("\n")
            self.pages.append(self.pages[-1])

    def squeezed(self) -> tuple[str, list[int]]:
        """Whitespace removed except where it separates two figures; figures printed in
        pieces (letter-spaced, broken at a line end) joined (numbers.join_pieces)."""
        out, pages = [], []
        for i, ch in enumerate(self.chars):
            if ch in " \n":
                left = out[-1] if out else ""
                right = next((c for c in self.chars[i + 1:i + 3] if c not in " \n"), "")
                if left and right and _keeps_space(left, right):
                    if out[-1] not in " \n":
                        out.append(ch)
                        pages.append(self.pages[i])
                    elif ch == "\n":
                        out[-1] = ch  # the separator spans a line break
                continue
            out.append(ch)
            pages.append(self.pages[i])
        return join_pieces("".join(out), pages)


# --- blocks and sentences -------------------------------------------------------------

_PART = re.compile(r"^第[一二三四五六七八九十]+部分")
_LEVEL1 = re.compile(r"^[一二三四五六七八九十]{1,3}[、.．]")
_LEVEL2 = re.compile(r"^[（(][一二三四五六七八九十]{1,3}[)）]")
_ITEM = re.compile(r"^(\d{1,2}[.、．](?!\d)|[（(]\d{1,2}[)）])")
_ANNEX = re.compile(r"^附件\s*\d*")

SECTION_KEYWORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    # order matters: the first kind whose keywords occur in a heading wins
    ("glossary", ("名词解释",)),
    ("selfeval", ("绩效自评", "绩效评价基础数据", "整体支出绩效", "项目支出绩效")),
    ("sangong", ("三公",)),
    ("operating", ("机关运行经费",)),
    ("procurement", ("政府采购",)),
    ("assets", ("国有资产", "资产占用", "资产占有")),
    ("performance", ("绩效",)),
    ("fund07", ("政府性基金",)),
    ("fund08", ("国有资本经营",)),
    ("basic", ("基本支出决算",)),
    ("general", ("一般公共预算财政拨款支出", "财政拨款支出决算表说明")),
    ("fiscal", ("财政拨款收入支出", "财政拨款收支", "财政拨款收入说明", "财政拨款支出说明")),
    ("overview", ("收入支出决算总体", "收支决算总表", "收入支出决算总表", "收支总体")),
    ("income", ("收入决算", "收入总体")),
    ("expenditure", ("支出决算", "支出总体")),
    ("profile", ("概况", "部门职责", "主要职能", "机构设置", "单位构成")),
    ("other", ("其他",)),
)
# Sections whose figures restate the nine tables.
TABLE_SECTIONS = frozenset({"overview", "income", "expenditure", "fiscal", "general", "basic",
                            "sangong", "fund07", "fund08"})
# Headings inside 五、一般公共预算 that say which part of it a block is.
SUBSECTION_KEYWORDS = (("structure", ("结构",)), ("items", ("具体",)), ("summary", ("总体",)))


def classify_heading(text: str) -> str | None:
    for kind, words in SECTION_KEYWORDS:
        if any(w in text for w in words):
            return kind
    return None


def subsection_of(text: str) -> str | None:
    for kind, words in SUBSECTION_KEYWORDS:
        if any(w in text for w in words):
            return kind
    return None


@dataclass(frozen=True)
class Sentence:
    """One claim-sized piece of a block: text (whitespace squeezed) and per-char pages."""

    text: str
    pages: tuple[int, ...]
    offset: int  # position of the sentence in its block's text

    def page_at(self, pos: int) -> int:
        if not self.pages:
            return 0
        return self.pages[min(max(pos, 0), len(self.pages) - 1)]

    @property
    def first_page(self) -> int:
        return self.pages[0] if self.pages else 0


@dataclass
class Block:
    """The text under one heading (or one numbered item), with where it sits."""

    heading: str
    section: str  # a SECTION_KEYWORDS kind, or 'unknown'
    subsection: str | None
    level: str  # 'part' | '1' | '2' | 'item' | 'annex' | 'start'
    lines: list[tuple[int, str]] = field(default_factory=list)  # (page, line) as printed
    text: str = ""
    pages: list[int] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def first_page(self) -> int:
        return self.pages[0] if self.pages else (self.lines[0][0] if self.lines else 0)


_SENTENCE_END = re.compile(r"(?<=[。；;])|(?=其中)")


def split_sentences(text: str, pages: list[int]) -> list[Sentence]:
    out = []
    start = 0
    cuts = [m.start() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    for cut in cuts:
        if cut <= start:
            continue
        piece = text[start:cut]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            begin = start + lead
            out.append(Sentence(stripped, tuple(pages[begin:begin + len(stripped)]), begin))
        start = cut
    return out


def heading_level(line: str) -> str | None:
    if _PART.match(line):
        return "part"
    if _ANNEX.match(line):
        return "annex"
    if _LEVEL1.match(line):
        return "1"
    if _LEVEL2.match(line):
        return "2"
    if _ITEM.match(line):
        return "item"
    return None


# A numbered item that starts inside a line, after the previous sentence's end: '…持平。
# 18.卫生健康支出（类）…'. The number is followed by a Chinese character (never '2.5万元').
_INLINE_ITEM = re.compile(r"(?<=[。；;])\s*(?=(?:\d{1,2}[.、．]|[（(]\d{1,2}[)）])[\u4e00-\u9fff])")


def split_inline_items(line: str) -> list[str]:
    """A line cut before every numbered item that starts inside it, so each item is a
    block of its own and its figures are never bound to the item before it."""
    cuts = [m.end() for m in _INLINE_ITEM.finditer(line)]
    if not cuts:
        return [line]
    pieces, start = [], 0
    for cut in cuts:
        pieces.append(line[start:cut].rstrip())
        start = cut
    pieces.append(line[start:])
    return [p for p in pieces if p]


def build_blocks(narrative: list[tuple[int, str]]) -> list[Block]:
    """Narrative pages (page number, PDFium text) → blocks with sections and sentences."""
    blocks: list[Block] = [Block("", "unknown", None, "start")]
    part_section = "unknown"
    section = "unknown"
    subsection: str | None = None
    for page, raw in sorted(narrative, key=lambda item: item[0]):
        for line in (piece for printed in page_lines(raw) for piece in split_inline_items(printed)):
            level = heading_level(line)
            if level is None:
                blocks[-1].lines.append((page, line))
                continue
            kind = classify_heading(line)
            if level in ("part", "annex"):
                part_section = kind or ("selfeval" if level == "annex" else "unknown")
                section, subsection = part_section, None
            elif level == "1":
                section, subsection = kind or part_section, subsection_of(line)
            elif level == "2":
                if kind is not None and kind != section and kind not in ("other",):
                    section = kind
                subsection = subsection_of(line) or subsection
            blocks.append(Block(line, section, subsection, level, [(page, line)]))
    for block in blocks:
        _fill_text(block)
    return [b for b in blocks if b.text]


def _fill_text(block: Block) -> None:
    text = Text()
    for page, line in block.lines:
        text.add(line, page)
        text.add_line_break()
    block.text, block.pages = text.squeezed()
    block.sentences = split_sentences(block.text, block.pages)


def quote(text: str, limit: int = 110) -> str:
    """A sentence as a finding quotes it: one line, trimmed in the middle if long."""
    text = text.strip()
    if len(text) <= limit:
        return text
    half = (limit - 1) // 2
    return text[:half] + "…" + text[-half:]
