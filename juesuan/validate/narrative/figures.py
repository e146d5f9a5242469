"""Figures in a sentence, and how close a restated figure must be to count as the same.

A narrative figure is read exactly (Decimal), with the precision it was printed with:
"292.1万元" claims 292.1 ± 0.05, "69万元" claims 69 ± 0.5, "44.12%" claims 44.12 ± 0.005.
Judging a restatement at its own precision is what keeps "292.1" (for 292.10) and
"占5%" (for 5.007%) silent while "69" for 65.08 is an error.

Percentages: the one the printed figures give, rounded half-up to the printed precision,
is silent. A published percentage that differs from it only in the way rounding explains
— the figures it is computed from are themselves rounded, so the exact ratio lies in an
interval, and some value in it rounds (or truncates) to the published one; or it is one
unit off in a last digit of at most 0.1 point — is the rounding slip DOMAIN.md asks to
report as information at most ('info'). Anything else is an error, including "100%" for
99.11%, where the last digit is a whole percentage point.

Amounts: a restated amount within half its last printed digit (or one step of the
table's rounding) of the table is silent; up to twice that is a 'warning' (a 0.02 slip
of a figure printed to the fen); beyond, an 'error'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

from juesuan.validate.tolerance import WARNING_BAND

HUNDRED = Decimal(100)
TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "亿元": Decimal(10000)}
# The largest unit of a last digit for which one unit off is a rounding slip (0.1 point).
ROUNDING_SLIP_MAX_UNIT = Decimal("0.1")

# A figure never starts inside another number, nor right after a number and a space: that
# is a piece of a letter-spaced figure numbers.join_pieces could not join ("2 9 9" …).
_FIGURE = re.compile(
    r"(?<![\d.,])(?<![\d.,] )(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s?(亿元|万元|元|%)")

CHANGE_WORDS = ("增加", "减少", "增长", "下降", "降低", "变化", "上升", "减幅", "增幅", "降幅",
                "节约", "超支", "增", "减")
_CHANGE_LABEL = re.compile(r"(增加|减少|增长|下降|降低|变化|上升|节约|超支)(了|为|额为|额)?$")
_RATE_LABEL = re.compile(r"(增长|下降|降低|减少|增加|上升|降幅|增幅|减幅|变化|幅度|增长率|下降率)"
                         r"(了|为|率为|率)?$")
_BUDGET_LABEL = re.compile(r"预算")
_FUND_NAMES = re.compile(r"(一般公共|政府性基金|国有资本经营|社会保险基金)预算")
_FINAL_LABEL = re.compile(r"决算|执行数|实际支出")
# where a figure's own words begin: after the last comma, colon or opening bracket — but
# not the brackets of '（类）/（款）/（项）', which belong to the name they follow
_LABEL_CUT = re.compile(r"[，,、：:；;]|[（(](?![类款项][)）])")
_LABEL_TAIL = re.compile(r"(为|是|达到|达|共计|共|约|合计为|总计为|均为|各为|分别为|)$")


# Subjects written as two words joined by 、/和/及 ('收入、支出总计') are one subject: the
# label is folded before it is cut at its last 、 (else '支出总计' would be the subject).
COMPOUND_SUBJECTS = (("收入、支出", "收入支出"), ("收入和支出", "收入支出"), ("收、支", "收支"),
                     ("收入及支出", "收入支出"))


def fold_compounds(text: str) -> str:
    for old, new in COMPOUND_SUBJECTS:
        text = text.replace(old, new)
    return text


@dataclass(frozen=True)
class Figure:
    """A printed amount or percentage in a sentence.

    value: the figure in 万元 (amounts) or in percent (percentages).
    printed: the number as printed in its own unit (no separators), decimals its precision.
    label: text between the previous figure (or the sentence start) and this one.
    """

    value: Decimal
    printed: Decimal
    decimals: int
    unit: str  # 万元 | 元 | 亿元 | %
    start: int
    end: int
    label: str
    text: str

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    @property
    def half_unit(self) -> Decimal:
        """Half the last printed digit, in the figure's value unit (万元 or percent)."""
        half = Decimal(5).scaleb(-(self.decimals + 1))
        return half if self.is_percent else half * TO_WAN[self.unit]

    @property
    def tail(self) -> str:
        """The label's last clause: what the figure is said to be ('基本支出', '支出决算为')."""
        return _LABEL_CUT.split(fold_compounds(self.label))[-1]

    @property
    def subject(self) -> str:
        """`tail` without the linking word: '一般公共预算财政拨款支出决算数为' → …决算数."""
        return _LABEL_TAIL.sub("", self.tail)

    @property
    def role(self) -> str:
        """'change' (增加12.30万元), 'budget' (预算为…), 'final' (决算为…) or 'level'."""
        tail = self.tail
        if _CHANGE_LABEL.search(tail):
            return "change"
        if self.is_percent:
            return "percent"
        # the role word nearest the figure decides: '支出决算为' after a heading that says
        # '预算执行说明' is a final, '全年预算执行数为' is what was spent
        words = _FUND_NAMES.sub("", tail)
        budget = max((m.end() for m in _BUDGET_LABEL.finditer(words)), default=-1)
        final = max((m.end() for m in _FINAL_LABEL.finditer(words)), default=-1)
        if budget < 0 and final < 0:
            return "level"
        return "budget" if budget > final else "final"


def figures(text: str) -> list[Figure]:
    """Every amount (亿元/万元/元) and percentage in `text`, in order, with labels."""
    out: list[Figure] = []
    previous_end = 0
    for match in _FIGURE.finditer(text):
        number, unit = match.group(1), match.group(2)
        plain = number.replace(",", "")
        printed = Decimal(plain)
        decimals = len(plain.split(".")[1]) if "." in plain else 0
        value = printed if unit == "%" else printed * TO_WAN[unit]
        out.append(Figure(value, printed, decimals, unit, match.start(), match.end(),
                          text[previous_end:match.start()], match.group(0)))
        previous_end = match.end()
    return out


_HEADING_PREFIX = re.compile(r"^.*(说明|情况|如下)")
_YEAR_PREFIX = re.compile(r"^((19|20)\d{2}年度?|本年度|全年)")


def display_subject(subject: str) -> str:
    """A figure's subject for a message: without the heading and year glued before it."""
    text = _HEADING_PREFIX.sub("", subject) or subject
    return _YEAR_PREFIX.sub("", text) or text


def sentence_decimals(figs: list["Figure"]) -> int:
    """The precision a sentence prints amounts to (its most precise amount)."""
    return max((f.decimals for f in figs if not f.is_percent), default=0)


def exact_half(fig: "Figure", decimals: int) -> Decimal:
    """Half a unit of the sentence's precision: a '190万元' among '126.25万元' and '63.78万元'
    is 190.00 with its trailing zeros dropped, as these documents print them."""
    half = Decimal(5).scaleb(-(max(decimals, fig.decimals) + 1))
    return half if fig.is_percent else half * TO_WAN[fig.unit]


def is_rate_label(label: str) -> bool:
    return bool(_RATE_LABEL.search(_LABEL_CUT.split(label)[-1]))


# --- comparing a restated amount with a table figure -----------------------------------

def amount_tolerance(figure: Figure, table_step: Decimal) -> Decimal:
    """How far a restated amount may sit from the table figure it restates.

    Its own rounding (half its last digit) or one step of the table's rounding, whichever
    is larger: a narrative that restates 06's 人员+公用 (222.48) for 05's 222.47 is the
    same drift the tables' identities allow, not a mistake.
    """
    return max(figure.half_unit, table_step) + table_step / 10


def amount_verdict(figure: Figure, expected: Decimal, table_step: Decimal) -> str | None:
    """None when `figure` restates `expected`; else 'warning' (just beyond rounding) or 'error'."""
    tol = amount_tolerance(figure, table_step)
    diff = abs(figure.value - expected)
    if diff <= tol:
        return None
    return "warning" if diff <= WARNING_BAND * tol and figure.decimals >= 2 else "error"


def round_half_up(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def _truncate(value: Decimal, decimals: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_DOWN)


@dataclass(frozen=True)
class Ratio:
    """part / whole as a percentage, with the interval the rounding of both allows."""

    part: Decimal
    whole: Decimal
    part_half: Decimal = Decimal(0)
    whole_half: Decimal = Decimal(0)

    @property
    def defined(self) -> bool:
        return self.whole > 0

    @property
    def exact(self) -> Decimal:
        return self.part * HUNDRED / self.whole

    def bounds(self) -> tuple[Decimal, Decimal]:
        low_whole = self.whole - self.whole_half
        high = ((self.part + self.part_half) * HUNDRED / low_whole) if low_whole > 0 else self.exact
        low = max(self.part - self.part_half, Decimal(0)) * HUNDRED / (self.whole + self.whole_half)
        return low, high


def percent_verdict(stated: Figure, ratio: Ratio) -> tuple[str | None, Decimal]:
    """(severity or None, the percentage the figures give, to at least two decimals)."""
    shown = round_half_up(ratio.exact, max(2, stated.decimals))
    severity = _percent_severity(stated, ratio)
    return severity, shown


_SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


def mildest(judged: list[tuple]) -> tuple:
    """Of a percentage judged against several possible bases (each entry starts with its
    severity), the kindest reading: a rate that holds against one base is not an error."""
    return min(judged, key=lambda entry: _SEVERITY_ORDER[entry[0]])


def kindest_share(pct: Figure, part: Figure, wholes: list) -> tuple | None:
    """(severity, expected, whole) for a share `pct` of `part` over the wholes it may be
    computed against (each with .value and .half), read the kindest way (mildest); None
    when one reading holds exactly or none is defined (a whole of 0)."""
    judged = []
    for whole in wholes:
        ratio = Ratio(part.value, whole.value, part.half_unit, whole.half)
        if not ratio.defined:
            continue
        severity, expected = percent_verdict(pct, ratio)
        if severity is None:
            return None
        judged.append((severity, expected, whole))
    return mildest(judged) if judged else None


def _percent_severity(stated: Figure, ratio: Ratio) -> str | None:
    expected = round_half_up(ratio.exact, stated.decimals)
    if stated.printed == expected:
        return None
    unit = Decimal(1).scaleb(-stated.decimals)
    low, high = ratio.bounds()
    # some exact value in [low, high] rounds (half-up) or truncates to the stated figure
    if stated.printed - unit / 2 <= high and stated.printed + unit > low:
        return "info"
    if abs(stated.printed - expected) <= unit and unit <= ROUNDING_SLIP_MAX_UNIT:
        return "info"
    if _truncate(ratio.exact, stated.decimals) == stated.printed:
        return "info"
    return "error"


def fmt(value: Decimal | None) -> str:
    """A figure for a message: plain notation, trailing zeros of 元 conversions dropped."""
    if value is None:
        return "—"
    text = format(value, "f")
    if "." in text:
        whole, frac = text.split(".")
        frac = frac.rstrip("0")
        frac = frac.ljust(2, "0") if len(frac) <= 2 else frac
        text = f"{whole}.{frac}"
    return text
