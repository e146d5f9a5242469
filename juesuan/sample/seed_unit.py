"""The seed unit: 株洲市人民政府驻北京联络处, 2022, printed figure by figure.

Its nine tables reproduce the published figures exactly — including the odd rows (01's
"……" line at 行次20, 04's unlabelled lines at 行次23 and 26, the blank spacer lines) —
so that its truth file equals the hand-verified one. Its narrative and self-evaluation are
written in this project's own words, but state the same figures the published text
states, mistakes included: those mistakes are what a validator must find, and
`INCONSISTENCIES` records where they are (the renderer fills in the pages).
"""

from __future__ import annotations

from decimal import Decimal

from juesuan import canonical as C
from juesuan.sample.accounts import Profile
from juesuan.sample.blocks import Block, Cell, Heading, Paragraph, Table, TRow
from juesuan.sample.catalogue import ECONOMIC_CLASSES, ECONOMIC_KUAN, function_name
from juesuan.sample.document import DocumentContent
from juesuan.sample.narrative import GLOSSARY
from juesuan.sample.statement import CodedTable, Line, Statement, sangong_line

UNIT = "株洲市人民政府驻北京联络处"
YEAR = 2022
LAYOUT = "hunan"


def D(text: str) -> Decimal:
    return Decimal(text)


ZERO = D("0.00")


def _one(key: str | None, label: str, amount: str | None, line_no: int) -> Line:
    values = {} if amount is None else {C.AMOUNT: D(amount)}
    return Line(key=key, label=label, values=values, line_no=line_no)


def _table01() -> list[tuple[Line, Line]]:
    left = [
        ("一般公共预算财政拨款收入", "一、一般公共预算财政拨款收入", "397.44"),
        ("政府性基金预算财政拨款收入", "二、政府性基金预算财政拨款收入", "0.00"),
        ("国有资本经营预算财政拨款收入", "三、国有资本经营预算财政拨款收入", "0.00"),
        ("上级补助收入", "四、上级补助收入", "0.00"),
        ("事业收入", "五、事业收入", "0.00"),
        ("经营收入", "六、经营收入", "0.00"),
        ("附属单位上缴收入", "七、附属单位上缴收入", "0.00"),
        ("其他收入", "八、其他收入", "0.00"),
        (None, "", None),
        (C.INCOME_TOTAL, C.INCOME_TOTAL, "397.44"),
        (C.USE_OF_NON_FISCAL_BALANCE, C.USE_OF_NON_FISCAL_BALANCE, "0.00"),
        (C.OPENING_BALANCE, C.OPENING_BALANCE, "0.00"),
        (C.GRAND_TOTAL_INCOME, "总计", "397.44"),
    ]
    right = [
        ("一般公共服务支出", "一、一般公共服务支出", "292.10"),
        ("外交支出", "二、外交支出", "0.00"),
        ("国防支出", "三、国防支出", "0.00"),
        ("公共安全支出", "四、公共安全支出", "0.00"),
        ("教育支出", "五、教育支出", "0.00"),
        ("科学技术支出", "六、科学技术支出", "19.90"),
        ("……/行次20", "……", "0.00"),
        ("商业服务业等支出", "十五、商业服务业等支出", "85.44"),
        (None, "", None),
        (C.EXPENDITURE_TOTAL, C.EXPENDITURE_TOTAL, "397.44"),
        (C.SURPLUS_DISTRIBUTION, C.SURPLUS_DISTRIBUTION, "0.00"),
        (C.CLOSING_BALANCE, C.CLOSING_BALANCE, "0.00"),
        (C.GRAND_TOTAL_EXPENDITURE, "总计", "397.44"),
    ]
    return [(_one(*lft, n + 1), _one(*rgt, n + 14))
            for n, (lft, rgt) in enumerate(zip(left, right))]


def _four(total: str | None, general: str = "0.00") -> dict[str, Decimal | None]:
    if total is None:
        return {}
    return {"合计": D(total), C.FUND_COLUMNS[0]: D(general), C.FUND_COLUMNS[1]: ZERO,
            C.FUND_COLUMNS[2]: ZERO}


def _table04() -> list[tuple[Line, Line]]:
    left: list[tuple[str | None, str, str | None]] = [
        ("一般公共预算财政拨款", "一、一般公共预算财政拨款", "397.44"),
        ("政府性基金预算财政拨款", "二、政府性基金预算财政拨款", "0.00"),
        ("国有资本经营预算财政拨款", "三、国有资本经营预算财政拨款", "0.00"),
    ] + [(None, "", None)] * 7 + [
        (C.INCOME_TOTAL, C.INCOME_TOTAL, "397.44"),
        (C.OPENING_FISCAL_BALANCE, C.OPENING_FISCAL_BALANCE, "0.00"),
    ] + [(f"{C.OPENING_FISCAL_BALANCE}/{f}", f, "0.00") for f in C.FUND_COLUMNS] + [
        (C.GRAND_TOTAL_INCOME, "总计", "397.44"),
    ]
    right: list[tuple[str | None, str, str | None, str]] = [
        ("一般公共服务支出", "一、一般公共服务支出", "292.10", "292.10"),
        ("外交支出", "二、外交支出", "0.00", "0.00"),
        ("国防支出", "三、国防支出", "0.00", "0.00"),
        ("公共安全支出", "四、公共安全支出", "0.00", "0.00"),
        ("教育支出", "五、教育支出", "0.00", "0.00"),
        ("科学技术支出", "六、科学技术支出", "19.90", "19.90"),
        ("……/行次23", "", "0.00", "0.00"),
        ("商业服务业等支出", "十五、商业服务业等支出", "85.44", "85.44"),
        ("金融支出", "十六、金融支出", "0.00", "0.00"),
        ("……/行次26", "", "0.00", "0.00"),
        (C.EXPENDITURE_TOTAL, C.EXPENDITURE_TOTAL, "397.44", "397.44"),
        (C.CLOSING_FISCAL_BALANCE, C.CLOSING_FISCAL_BALANCE, "0.00", "0.00"),
        (None, "", None, "0.00"),
        (None, "", None, "0.00"),
        (None, "", None, "0.00"),
        (C.GRAND_TOTAL_EXPENDITURE, "总计", "397.44", "397.44"),
    ]
    pairs = []
    for n, (lft, rgt) in enumerate(zip(left, right)):
        key, label, total, general = rgt
        pairs.append((_one(*lft, n + 1),
                      Line(key=key, label=label, values=_four(total, general), line_no=n + 17)))
    return pairs


# function 项 → (基本支出, 项目支出) as printed; parents are printed figures too
_SPENDING = {
    "201": ("222.47", "69.63"), "20103": ("222.47", "49.63"),
    "2010301": ("222.47", "0.00"), "2010399": ("0.00", "49.63"),
    "20104": ("0.00", "20.00"), "2010499": ("0.00", "20.00"),
    "206": ("0.00", "19.90"), "20699": ("0.00", "19.90"), "2069999": ("0.00", "19.90"),
    "216": ("0.00", "85.44"), "21606": ("0.00", "85.44"), "2160699": ("0.00", "85.44"),
}
_TOTAL = ("222.47", "174.97")


def _coded(table: str) -> CodedTable:
    def values(basic: str, project: str) -> dict[str, Decimal | None]:
        whole = D(basic) + D(project)
        if table == "02":
            return {"本年收入合计": whole, "财政拨款收入": whole, **{c: ZERO for c in C.COLUMNS_02[2:]}}
        if table == "03":
            return {"本年支出合计": whole, "基本支出": D(basic), "项目支出": D(project),
                    **{c: ZERO for c in C.COLUMNS_03[3:]}}
        return {"合计": whole, "基本支出": D(basic), "项目支出": D(project)}

    columns = {"02": C.COLUMNS_02, "03": C.COLUMNS_03, "05": C.COLUMNS_05}[table]
    rows = [Line(key=code, label=function_name(code), values=values(*amounts), code=code)
            for code, amounts in _SPENDING.items()]
    return CodedTable(columns=columns, total=Line(C.TOTAL, C.TOTAL, values(*_TOTAL)), rows=rows)


_ECONOMIC = {
    "301": "28.05", "30102": "27.90", "30103": "0.15",
    "302": "167.14", "30201": "6.00", "30202": "0.30", "30203": "2.20", "30205": "1.77",
    "30206": "0.20", "30207": "1.47", "30209": "3.15", "30211": "21.47", "30213": "6.06",
    "30214": "26.60", "30217": "4.51", "30226": "27.47", "30228": "1.80", "30231": "17.02",
    "30239": "7.84", "30240": "1.40", "30299": "37.88",
    "303": "0.09", "30309": "0.09",
    "310": "27.20", "31003": "2.20", "31013": "25.00",
}
_ECONOMIC_LABELS = {"39908": "对民间非营利组织和群众"}  # printed truncated


def _table06() -> tuple[list[list[Line]], tuple[Line, Line]]:
    groups = []
    for cls, name in ECONOMIC_CLASSES.items():
        group = [Line(cls, name, {C.AMOUNT: D(_ECONOMIC.get(cls, "0.00"))}, code=cls)]
        for code, label in ECONOMIC_KUAN[cls]:
            group.append(Line(code, _ECONOMIC_LABELS.get(code, label),
                              {C.AMOUNT: D(_ECONOMIC.get(code, "0.00"))}, code=code))
        groups.append(group)
    totals = (Line(C.PERSONNEL_TOTAL, C.PERSONNEL_TOTAL, {C.AMOUNT: D("28.14")}),
              Line(C.PUBLIC_FUNDS_TOTAL, C.PUBLIC_FUNDS_TOTAL, {C.AMOUNT: D("194.34")}))
    return groups, totals


def _table09() -> Line:
    side = {"合计": D("65.08"), "因公出国（境）费": ZERO, "公务用车购置及运行费": D("42.26"),
            "公务用车购置费": D("25.00"), "公务用车运行费": D("17.26"), "公务接待费": D("22.81")}
    return sangong_line(side, dict(side))


PROFILE = Profile(
    kind="公益一类事业单位",
    duties=(
        "承担市委、市人民政府领导同志在京开展公务活动的联络、接待和服务保障工作。",
        "为本市基层组织、社会组织和群众在京办事提供联络服务。",
        "承办市委、市人民政府交办的在京招商引资联络事项，协助做好本市在京流动党员的"
        "教育管理服务工作，配合北京市有关部门做好维护首都稳定的相关工作。",
        "完成市人民政府交办的其他事项。",
    ),
    departments=("综合联络科",),
    authorised=7,
    staff=5,
    retired=2,
    vehicles=3,
)


def statement() -> Statement:
    groups, totals = _table06()
    empty07 = CodedTable(C.COLUMNS_07, Line(C.TOTAL, C.TOTAL, {c: None for c in C.COLUMNS_07}),
                         [])
    cols08 = ("本年支出/小计", "本年支出/基本支出", "本年支出/项目支出")
    empty08 = CodedTable(cols08, Line(C.TOTAL, C.TOTAL, {c: None for c in cols08}), [])
    return Statement(
        unit_name=UNIT, fiscal_year=YEAR, amount_unit=C.UNIT_WAN, profile=PROFILE,
        t01=_table01(), t02=_coded("02"), t03=_coded("03"), t04=_table04(), t05=_coded("05"),
        t06_classes=groups, t06_totals=totals, t07=empty07, t08=empty08, t09=_table09(),
        budgets={"2010301": D("224.46")},
    )


# --- words ---------------------------------------------------------------------------------

def _p(text: str, tag: str | None = None) -> Paragraph:
    return Paragraph(text, tag=tag)


def part_one() -> list[Block]:
    p = PROFILE
    blocks: list[Block] = [Heading(f"第一部分　{UNIT}概况", level=0, new_page=True),
                           Heading("一、部门职责")]
    blocks += [_p(f"（{'一二三四'[n]}）{duty}") for n, duty in enumerate(p.duties)]
    blocks += [
        Heading("二、机构设置及人员情况"),
        _p(f"{UNIT}是市人民政府直属的正处级{p.kind}，属市二级预算单位，设综合联络科1个科室。"
           f"核定编制{p.authorised}名，现有在职人员{p.staff}名，退休人员{p.retired}名。"),
        Heading("三、部门决算单位构成"),
        _p(f"本单位没有独立核算的下属单位，纳入{YEAR}年度部门决算汇总公开范围的只有{UNIT}本级。"),
    ]
    return blocks


def part_three() -> list[Block]:
    h = Heading
    return [
        h(f"第三部分　{YEAR}年度部门决算情况说明", level=0, new_page=True),
        h("一、收入支出决算总体情况说明"),
        _p("2022年度收入、支出总计均为397.44万元，比上年减少71.81万元，降幅15.30%，"
           "原因是落实过紧日子要求，压缩了各项开支。", "s1"),
        h("二、收入决算情况说明"),
        _p("2022年度本年收入合计397.44万元，全部为财政拨款收入397.44万元，占100%。", "s2"),
        h("三、支出决算情况说明"),
        _p("2022年度本年支出合计397.44万元。按支出性质分，基本支出222.47万元，占55.98%；"
           "项目支出174.97万元，占44.12%。", "s3"),
        h("四、财政拨款收入支出决算总体情况说明"),
        _p("2022年度财政拨款收入、支出总计均为397.44万元，与上年相比减少71.81万元，"
           "下降15.30%，原因同上。", "s4"),
        h("五、一般公共预算财政拨款支出决算情况说明"),
        h("（一）总体情况", level=2),
        _p("2022年度一般公共预算财政拨款支出397.44万元，占本年支出合计的100%；比上年减少"
           "71.81万元，下降15.30%，主要是压减了一般性支出。", "s5-1"),
        h("（二）结构情况", level=2),
        _p("2022年度一般公共预算财政拨款支出397.44万元，按功能分类：一般公共服务支出（类）"
           "292.1万元，占73.5%；科学技术支出（类）19.9万元，占5%；商业服务业等支出（类）"
           "85.44万元，占21.5%。", "s5-2"),
        h("（三）具体情况", level=2),
        _p("2022年度一般公共预算财政拨款支出年初预算数224.46万元，决算数397.44万元，"
           "完成年初预算的100%。分项目看：", "s5-3"),
        _p("1. 一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）："
           "年初预算224.46万元，支出决算222.47万元，完成年初预算的100%，决算数与年初预算数持平。",
           "s5-3-2010301"),
        _p("2. 一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）其他政府办公厅（室）"
           "及相关机构事务支出（项）：年初预算0万元，支出决算49.63万元，完成年初预算的0%，"
           "决算数大于年初预算数，原因是在京办公用房租金上涨，年中追加了预算。", "s5-3-2010399"),
        _p("3. 一般公共服务支出（类）发展与改革事务（款）其他发展与改革事务支出（项）：年初预算"
           "0万元，支出决算20万元，完成年初预算的0%，决算数大于年初预算数，原因是年中追加了在京"
           "办公经费。", "s5-3-2010499"),
        _p("4. 科学技术支出（类）其他科学技术支出（款）其他科学技术支出（项）：年初预算0万元，"
           "支出决算19.9万元，完成年初预算的0%，决算数大于年初预算数，原因是年中追加了在京办公"
           "经费。", "s5-3-2069999"),
        _p("5. 商业服务业等支出（类）涉外发展服务支出（款）其他涉外发展服务支出（项）：年初预算"
           "0万元，支出决算85.44万元，完成年初预算的0%，决算数大于年初预算数，原因是年中追加了"
           "在京办公经费。", "s5-3-2160699"),
        h("六、一般公共预算财政拨款基本支出决算情况说明"),
        _p("2022年度一般公共预算财政拨款基本支出222.47万元。其中人员经费28.14万元，占基本支出"
           "的12.65%，包括津贴补贴、奖金、奖励金等；公用经费194.34万元，占基本支出的87.35%，"
           "包括办公费、差旅费、租赁费、劳务费、公务用车运行维护费等。", "s6"),
        h("七、政府性基金预算财政拨款收入支出决算情况说明"),
        _p("本单位2022年度没有政府性基金预算财政拨款收入，也没有使用政府性基金安排的支出。", "s7"),
        h("八、国有资本经营预算财政拨款支出决算情况说明"),
        _p("本单位2022年度没有使用国有资本经营预算安排的支出。", "s8"),
        h("九、财政拨款“三公”经费支出决算情况说明"),
        h("（一）总体情况", level=2),
        _p("2022年度“三公”经费财政拨款支出预算为69万元，支出决算为65.08万元，完成预算的"
           "94.32%，决算数小于预算数，原因是压减开支、节约经费。具体是：", "s9-1"),
        _p("因公出国（境）费支出预算为0万元，支出决算为0万元。", "s9-1"),
        _p("公务接待费支出预算为20万元，支出决算为22.81万元，完成预算的100%，决算数大于预算数，"
           "原因是年底在京调研工作增加；与上年相比减少17.97万元，减少44.06%。", "s9-1"),
        _p("公务用车购置费预算为25万元，支出决算为25万元，完成预算的100%，决算数与预算数持平。",
           "s9-1"),
        _p("公务用车运行维护费支出预算为24.00万元，支出决算为17.26万元，完成预算的71.92%，"
           "决算数小于预算数，原因是压减开支；与上年相比减少8.01万元，减少31.69%。", "s9-1"),
        h("（二）具体情况", level=2),
        _p("2022年度“三公”经费财政拨款支出决算中，公务接待费22.81万元，占35.05%；因公出国（境）"
           "费0万元，占0%；公务用车购置费及运行维护费42.26万元，占64.95%。", "s9-2"),
        _p("1. 因公出国（境）费支出决算0万元。"),
        _p("2. 公务接待费支出决算22.81万元，全年接待来访团组107个、来宾871人次，主要是市领导和"
           "市直单位在京开展招商引资等公务活动发生的接待支出。"),
        _p("3. 公务用车购置费及运行维护费支出决算42.26万元。其中公务用车购置费25万元，更新公务"
           "用车1辆；公务用车运行维护费17.26万元，用于燃油、维修和保险等。截至2022年12月31日，"
           "本单位使用财政拨款开支的公务用车保有量为3辆。"),
        h("十、机关运行经费支出说明"),
        _p("2022年度机关运行经费支出194.34万元，比年初预算数减少30.12万元，降低13.42%；比上年"
           "决算数减少272.68万元，降低58.39%，原因是压缩经费、节约开支。", "s10"),
        h("十一、一般性支出情况说明"),
        _p("2022年度会议费年初预算1万元，支出决算0万元，完成年初预算的0%，本单位未召开会议；"
           "培训费年初预算2万元，支出决算0万元，完成年初预算的0%。", "s11"),
        h("十二、政府采购支出说明"),
        _p("2022年度政府采购支出总额97.13万元，其中货物类49.82万元、工程类8.53万元、服务类"
           "38.78万元。授予中小企业合同金额97.13万元，占政府采购支出总额的100%，其中授予小微"
           "企业合同金额51.42万元，占政府采购支出总额的52.93%。", "s12"),
        h("十三、国有资产占用情况说明"),
        _p("截至2022年12月31日，本单位共有车辆3辆，其中机要通信用车2辆、其他用车1辆；单位价值"
           "50万元以上的通用设备和单位价值100万元以上的专用设备均为0台（套）。", "s13"),
        h("十四、2022年度预算绩效情况说明"),
        _p("本单位按预算绩效管理要求，对2022年度部门整体支出和项目支出开展了绩效自评，自评结果"
           "为优秀。整体支出绩效自评报告见第五部分附件。", "s14"),
        h("十五、其他"),
        _p("本单位未设独立网站，本决算在部门决算公开专栏中公开。"),
    ]


def part_four() -> list[Block]:
    blocks: list[Block] = [Heading("第四部分　名词解释", level=0, new_page=True)]
    blocks += [_p(f"{'一二三四五六七八'[n]}、{term}：{meaning}")
               for n, (term, meaning) in enumerate(GLOSSARY)]
    return blocks


def _grid(title: str, widths: list[float], header: list[list[Cell]], rows: list[list[Cell]],
          tag: str, number: str) -> Table:
    return Table(table_id=None, title=title, widths=widths, header=[TRow(c) for c in header],
                 body=[TRow(c) for c in rows], number=number, size=8.0, tag=tag,
                 unit_line=f"单位名称：{UNIT}", amount_line="单位：万元")


def _L(text: str, colspan: int = 1) -> Cell:
    return Cell(text, colspan=colspan, align="L")


def _R(text: str) -> Cell:
    return Cell(text, align="R")


def appendix() -> list[Block]:
    blocks: list[Block] = [
        Heading("第五部分　附件", level=0, new_page=True),
        Heading(f"{YEAR}年度{UNIT}整体支出绩效自评报告", level=1),
        Heading("一、部门（单位）基本情况", level=2),
        _p(f"本单位主要承担市领导在京公务活动联络接待、在京招商引资联络和服务在京群众等职责。"
           f"核定编制{PROFILE.authorised}名，在职人员{PROFILE.staff}名，退休人员{PROFILE.retired}名，"
           "设综合联络科1个科室。"),
        Heading("二、一般公共预算收支情况", level=2),
        _p("2022年财政拨款预算收入397.44万元，财政拨款预算支出397.44万元，其中基本支出222.47万元"
           "（人员经费28.14万元，日常公用经费194.34万元）。"),
        Heading("三、政府性基金、国有资本经营和社会保险基金预算支出情况", level=2),
        _p("2022年本单位无政府性基金、国有资本经营和社会保险基金预算支出安排。"),
        Heading("四、资金使用及绩效情况", level=2),
        _p("（一）整体支出绩效。全年围绕政务联络、招商引资和信息服务三项重点工作，完成市领导"
           "在京公务活动和重要会议期间的服务保障任务，加强与在京企业、科研院所和商协会的联系，"
           "编报在京工作信息，较好完成了年度目标。"),
        _p("（二）项目支出绩效。", "proj"),
        _p("1. 年中追加“驻京办人员驻京补贴经费”项目，金额60万元，实际支出48.75万元，结余结转"
           "11.25万元，用于弥补2022年度在京工作人员驻京补贴的不足。", "proj1"),
        _p("2. 年中追加“市政府驻京联络处重大招商经费”项目，金额190万元，实际支出126.25万元，"
           "结余结转63.78万元，用于在京开展产业链招商、企业走访和项目对接。", "proj2"),
        Heading("五、存在的问题及改进措施", level=2),
        _p("资金监管和绩效评价体系仍需完善。下一步将加强预决算管理，严格预算执行，对绩效目标"
           "实现程度和预算执行进度实行双监控，并按要求公开绩效自评结果。"),
    ]
    base_rows = [
        [_L("财政供养人员情况（人）"), Cell("编制数"), Cell("2022年实际在职人数"), Cell("控制率")],
        [_L(""), _R("7"), _R("5"), _R("71%")],
        [_L("经费控制情况（万元）"), Cell("2021年决算数"), Cell("2022年预算数"), Cell("2022年决算数")],
        [_L("三公经费"), _R("66.05"), _R("69.00"), _R("65.08")],
        [_L("1、公务用车购置和维护经费"), _R("25.27"), _R("49.00"), _R("42.26")],
        [_L("其中：公车购置"), _R("0"), _R("25.00"), _R("25.00")],
        [_L("公车运行维护"), _R("25.27"), _R("24.00"), _R("17.26")],
        [_L("2、出国经费"), _R("0"), _R("0"), _R("0")],
        [_L("3、公务接待"), _R("40.78"), _R("20.00"), _R("22.81")],
        [_L("项目支出："), _R("0"), _R("0"), _R("174.97")],
        [_L("1、业务工作经费"), _R("0"), _R("0"), _R("48.71")],
        [_L("2、运行维护经费"), _R("0"), _R("0"), _R("126.25")],
        [_L("3、市级专项资金"), _R("0"), _R("0"), _R("0")],
        [_L("公用经费"), _R("382.32"), _R("224.46"), _R("194.34")],
        [_L("其中：办公经费"), _R("16.14"), _R("12"), _R("10.89")],
        [_L("水费、电费、差旅费"), _R("52.27"), _R("29"), _R("23.44")],
        [_L("会议费、培训费"), _R("0.20"), _R("3"), _R("0")],
        [_L("政府采购金额"), _R("——"), _R("100"), _R("97.13")],
        [_L("部门基本支出预算调整"), _R("——"), _R("224.46"), _R("222.47")],
        [_L("厉行节约保障措施"), _L("减少公务用车出行，压减办公用品日常消耗。", 3)],
    ]
    blocks.append(_grid(f"{YEAR}年度部门整体支出绩效评价基础数据表", [30, 16, 16, 16],
                        [[Cell("项目"), Cell("数据", colspan=3)]], base_rows, "base", "附件1-1"))
    money_head = [Cell(""), Cell("年初预算数"), Cell("全年预算数"), Cell("全年执行数"), Cell("分值"),
                  Cell("执行率"), Cell("得分")]
    self_rows = [
        [_L("部门名称"), _L(UNIT, 6)],
        money_head,
        [_L("年度资金总额（万元）"), _R("224.46"), _R("397.44"), _R("397.44"), _R("10"),
         _R("100%"), _R("10")],
        [_L("按收入性质分"), _L("一般公共预算：397.44", 6)],
        [_L("按支出性质分"), _L("基本支出：222.47", 3), _L("项目支出：194.34", 3)],
        [_L("年度总体目标"), _L("做好市领导在京公务活动服务保障，加大在京招商引资和争取项目"
                               "力度，加强对外联络，当好参谋助手。", 6)],
        [_L("产出指标"), _L("宣传推介、政务联络、公务接待、信息报送等工作任务完成率", 3),
         _R("100%"), _R("50"), _R("50")],
        [_L("效益指标"), _L("服务全市经济社会发展", 3), _R("100%"), _R("30"), _R("30")],
        [_L("满意度指标"), _L("服务对象满意度", 3), _R("100%"), _R("10"), _R("10")],
        [_L("总分"), _L("", 3), _R(""), _R("100"), _R("100")],
    ]
    blocks.append(_grid(f"{YEAR}年度部门整体支出绩效自评表", [20, 11, 11, 11, 8, 9, 8],
                        [[Cell("部门整体支出绩效自评", colspan=7)]], self_rows, "selfeval",
                        "附件1-2"))
    for n, (name, amount, tag) in enumerate((("驻京办人员驻京补贴经费", "48.75", "eval1"),
                                             ("市政府驻京联络处重大招商经费项目", "126.25", "eval2")),
                                            start=3):
        rows = [
            [_L("项目名称"), _L(name, 6)],
            [_L("实施单位"), _L(UNIT, 6)],
            money_head,
            [_L("年度资金总额（万元）"), _R("0"), _R(amount), _R(amount), _R("10"), _R("100%"),
             _R("10")],
            [_L("其中：当年财政拨款"), _R("0"), _R(amount), _R(amount), _R(""), _R(""), _R("")],
            [_L("产出指标"), _L("项目任务完成率", 3), _R("100%"), _R("50"), _R("50")],
            [_L("效益指标"), _L("服务在京工作和招商引资", 3), _R("100%"), _R("30"), _R("30")],
            [_L("满意度指标"), _L("服务对象满意度", 3), _R("100%"), _R("10"), _R("10")],
            [_L("总分"), _L("", 3), _R(""), _R("100"), _R("100")],
        ]
        blocks.append(_grid(f"{YEAR}年度项目支出绩效自评表", [20, 11, 11, 11, 8, 9, 8],
                            [[Cell("项目支出绩效自评", colspan=7)]], rows, tag, f"附件1-{n}"))
    return blocks


# The published text's inconsistencies (hand-verified list), with the tags of the
# paragraphs/tables of this rendering where each is stated; pages are filled at render time.
INCONSISTENCIES: list[dict] = [
    {"rule": "narrative share vs table 03",
     "detail": "三、支出决算情况说明: \"本年支出合计397.44万元，其中：基本支出222.47万元，占55.98%；"
               "项目支出174.97万元，占44.12%。\" — 174.97/397.44 = 44.02%, not 44.12%.",
     "severity": "error", "tags": ["s3"]},
    {"rule": "narrative completion rate vs table 05",
     "detail": "五(三): \"2022年度一般公共预算财政拨款支出年初预算数为224.46万元，一般公共预算财政拨款"
               "支出决算数为397.44万元，完成年初预算的100%\" — 397.44/224.46 = 177.06%.",
     "severity": "error", "tags": ["s5-3"]},
    {"rule": "narrative completion rate",
     "detail": "五(三)1 行政运行: \"年初预算为224.46万元，支出决算为222.47万元，完成年初预算的100%，"
               "决算数与年初预算数持平。\" — 222.47/224.46 = 99.11%; not 持平.",
     "severity": "error", "tags": ["s5-3-2010301"]},
    {"rule": "narrative 三公 budget vs table 09",
     "detail": "九(一): \"“三公”经费财政拨款支出预算为69万元，支出决算为65.08万元，完成预算的94.32%\" "
               "— table 09 预算数/合计 = 65.08 (completion would be 100%).",
     "severity": "error", "tags": ["s9-1"]},
    {"rule": "narrative 公务接待费 budget vs table 09",
     "detail": "九(一): \"公务接待费支出预算为20万元，支出决算为22.81万元，完成预算的100%\" — table 09 "
               "预算数/公务接待费 = 22.81; and 22.81/20 would be 114.05%, not 100%.",
     "severity": "error", "tags": ["s9-1"]},
    {"rule": "narrative 公务用车运行费 budget vs table 09",
     "detail": "九(一): \"公务用车运行维护费支出预算为24.00万元，支出决算为17.26万元，完成预算的71.92%\" "
               "— table 09 预算数/公务用车运行费 = 17.26.",
     "severity": "error", "tags": ["s9-1"]},
    {"rule": "self-evaluation vs table 03/05 项目支出",
     "detail": "附件1-2 部门整体支出绩效自评表: \"项目支出：194.34\" — tables 03/05 合计 项目支出 = "
               "174.97 (194.34 is 公用经费合计).",
     "severity": "error", "tags": ["selfeval"]},
    {"rule": "self-evaluation base data vs table 09 预算数",
     "detail": "附件1-1 基础数据表 2022年预算数: 三公经费 69.00, 公务用车购置和维护经费 49.00, 公车运行维护 "
               "24.00, 公务接待 20.00 — table 09 预算数 prints 65.08 / 42.26 / 17.26 / 22.81.",
     "severity": "error", "tags": ["base"]},
    {"rule": "project amounts inconsistent",
     "detail": "六(二)1: \"驻京办人员驻京补贴经费…实际支出 48.75 万元\" and 附件1-3 全年执行数 48.75, but "
               "附件1-1 lists 业务工作经费 48.71; 48.75 + 126.25 = 175.00 ≠ table 项目支出 174.97.",
     "severity": "error", "tags": ["proj1", "eval1", "base"]},
    {"rule": "arithmetic in narrative",
     "detail": "六(二)2: \"市政府驻京联络处重大招商经费\"，金额 190 万元，实际支出 126.25 万元，结余结转 "
               "63.78 万元\" — 190 − 126.25 = 63.75.",
     "severity": "error", "tags": ["proj2"]},
    {"rule": "narrative budget vs self-evaluation",
     "detail": "六(二): project budgets \"金额 60 万元\" (驻京补贴) and \"金额 190 万元\" (重大招商) vs "
               "附件1-3/1-4 全年预算数 48.75 and 126.25.",
     "severity": "error", "tags": ["proj1", "proj2", "eval1", "eval2"]},
    {"rule": "percentage rounding",
     "detail": "六: \"公用经费194.34万元，占基本支出的87.35%\" — 194.34/222.47 = 87.356% → 87.36% "
               "(forced to sum 100 with 12.65%).",
     "severity": "rounding", "tags": ["s6"]},
    {"rule": "percentage rounding",
     "detail": "九(一): 公务接待费 \"与上年相比减少17.97万元，减少44.06%\" — 17.97/40.78 = 44.066% → "
               "44.07%; 公务用车运行维护费 \"减少8.01万元，减少31.69%\" — 8.01/25.27 = 31.698% → 31.70%.",
     "severity": "rounding", "tags": ["s9-1"]},
    {"rule": "percentage rounding",
     "detail": "九(二): \"公务用车购置费及运行维护费支出决算42.26万元，占64.95%\" — 42.26/65.08 = "
               "64.935% → 64.94%.",
     "severity": "rounding", "tags": ["s9-2"]},
    {"rule": "percentage rounding",
     "detail": "十二: \"授予小微企业合同金额51.42万元，占政府采购支出总额的52.93%\" — 51.42/97.13 = "
               "52.939% → 52.94%.",
     "severity": "rounding", "tags": ["s12"]},
    {"rule": "table 06 vs 05 (within tolerance, noted)",
     "detail": "06 人员经费合计 28.14 + 公用经费合计 194.34 = 222.48 vs 05 合计 基本支出 222.47 (0.01, "
               "within tolerance).",
     "severity": "within_tolerance", "tags": ["table:06", "table:05"]},
]


def content() -> DocumentContent:
    """The seed document: exact tables, own-words narrative, its published mistakes."""
    return DocumentContent(
        statement=statement(),
        part1=part_one(),
        part3=part_three(),
        part4=part_four(),
        appendix=appendix(),
        inconsistencies=[dict(item) for item in INCONSISTENCIES],
        toc_extra=["第五部分　附件"],
    )
