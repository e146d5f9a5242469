"""Header paths to canonical column keys, table by table, by meaning.

A path is the list of header cells above a column, top to bottom, as normalised text
(NFKC: full-width brackets become ASCII). The canonical keys come from juesuan.canonical.
Returns None when a header names nothing we know: the caller reports it, never guesses.
"""

from __future__ import annotations

from juesuan.canonical import BUDGET, FINAL, FUND_COLUMNS

_OF_WHICH = ("其中:", "其中：")


def _joined(path: tuple[str, ...]) -> str:
    return "".join(path)


def _sub_item(path: tuple[str, ...]) -> str | None:
    """An '其中：…' sub-column label as printed in canonical form ('其中：教育收费')."""
    for part in reversed(path):
        if part.startswith(_OF_WHICH):
            return "其中：" + part.split(":", 1)[-1].split("：", 1)[-1]
    return None


def key_02(path: tuple[str, ...]) -> str | None:
    text = _joined(path)
    sub = _sub_item(path)
    for word, key in (("本年收入合计", "本年收入合计"), ("财政拨款", "财政拨款收入"),
                      ("上级补助", "上级补助收入"), ("事业收入", "事业收入"),
                      ("经营收入", "经营收入"), ("附属单位", "附属单位上缴收入"),
                      ("其他收入", "其他收入")):
        if word in text:
            return f"{key}/{sub}" if sub and key != "本年收入合计" else key
    if path and path[-1] in ("合计", "小计"):
        return "本年收入合计"
    return None


def key_03(path: tuple[str, ...]) -> str | None:
    text = _joined(path)
    sub = _sub_item(path)
    for word, key in (("本年支出合计", "本年支出合计"), ("基本支出", "基本支出"),
                      ("项目支出", "项目支出"), ("上缴上级", "上缴上级支出"),
                      ("经营支出", "经营支出"), ("对附属单位", "对附属单位补助支出")):
        if word in text:
            return f"{key}/{sub}" if sub and key != "本年支出合计" else key
    if path and path[-1] in ("合计", "小计"):
        return "本年支出合计"
    return None


def key_05(path: tuple[str, ...]) -> str | None:
    text = _joined(path)
    sub = _sub_item(path)
    if "基本支出" in text:
        return "基本支出"
    if "项目支出" in text:
        return f"项目支出/{sub}" if sub else "项目支出"
    if path and (path[-1] in ("合计", "小计", "本年支出合计", "本年支出", "决算数", "金额")):
        return "合计"
    return None


def key_07(path: tuple[str, ...]) -> str | None:
    text = _joined(path)
    if "年初结转" in text or "上年结转" in text:
        return "年初结转和结余"
    if "年末结转" in text:
        return "年末结转和结余"
    if "本年收入" in text:
        return "本年收入"
    leaf = path[-1] if path else ""
    if "基本支出" in leaf:
        return "本年支出/基本支出"
    if "项目支出" in leaf:
        return "本年支出/项目支出"
    if leaf in ("小计", "合计", "本年支出", "本年支出合计", "决算数"):
        return "本年支出/小计"
    return None


def key_04_expenditure(path: tuple[str, ...]) -> str | None:
    text = _joined(path)
    for fund in FUND_COLUMNS:
        if fund[:4] in text:  # 一般公共 / 政府性基 / 国有资本
            return fund
    if path and path[-1] in ("合计", "小计", "决算数", "金额"):
        return "合计"
    return None


_SANGONG_ITEM_WORDS = (
    ("出国", "因公出国（境）费"),
    ("接待", "公务接待费"),
    ("购置费", "公务用车购置费"),
    ("运行", "公务用车运行费"),
)


def key_09(path: tuple[str, ...]) -> str | None:
    """'预算数/公务接待费' etc.: side from 预算/决算, item from the most specific header cell."""
    text = _joined(path)
    side = BUDGET if "预算" in text else FINAL if "决算" in text else None
    if side is None:
        return None
    item = None
    for part in reversed(path):
        if part in ("预算数", "决算数", "预算", "决算"):
            continue
        if part in ("小计",) and "公务用车" in text:
            item = "公务用车购置及运行费"
        elif part in ("合计", "小计", "总计"):
            item = "合计"
        elif "购置及运行" in part or "购置和运行" in part:
            item = "公务用车购置及运行费"
        else:
            for word, name in _SANGONG_ITEM_WORDS:
                if word in part:
                    item = name
                    break
            else:
                if "三公" not in part and len(part) <= 12:
                    item = part  # an extra column some provinces add (会议费, 培训费)
        if item:
            break
    return f"{side}/{item}" if item else None


VALUE_COLUMN_KEYS = {"02": key_02, "03": key_03, "05": key_05, "07": key_07, "08": key_07}
