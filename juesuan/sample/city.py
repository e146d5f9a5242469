"""示例市: the plainly fictional city whose units make up the synthetic corpus.

Each `UnitSpec` says what kind of unit it is (its home 行政运行/事业运行 项, which function
款 its projects come from, how many, how large), who works there, and which template
(layout) its documents use. Names are invented and carry no real office's name; figures
are drawn by `builder`. One department (示例市教育局) is published both as a 汇总 部门决算
of its members and, member by member, as 单位决算.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from juesuan.sample.accounts import Profile

CITY = "示例市"
YEARS = (2023, 2024)


@dataclass(frozen=True)
class UnitSpec:
    key: str  # stable identifier for random streams
    name: str
    kind: str  # 行政单位 / 参照公务员法管理的事业单位 / 公益一类事业单位 / 公益二类事业单位
    home: str  # the 项 carrying basic running costs (行政运行 / 事业运行 / …)
    pool: tuple[str, ...]  # code prefixes projects are drawn from
    projects: int  # number of project 项
    project_range: tuple[float, float]  # bounds of one project, 万元
    staff: int
    retired: int
    area: str  # the field of work, for the duties paragraph
    layout: str = "hunan"
    funds: tuple[str, ...] = ()  # 政府性基金 项
    nonfiscal: dict[str, tuple[float, float]] = field(default_factory=dict)
    balances: bool = False  # fiscal carry-over between years
    sangong: str = "small"  # none / small / car / abroad
    home_project: bool = False
    uses_reserve: bool = False  # 使用非财政拨款结余 and 结余分配
    departments: tuple[str, ...] = ("办公室",)
    renamed: tuple[tuple[int, str], ...] = ()  # (year, name printed that year)
    scope: str = "部门"
    vehicles: int = 0

    def name_in(self, year: int) -> str:
        return dict(self.renamed).get(year, self.name)

    def profile(self, year: int) -> Profile:
        drift = (year - YEARS[0]) * (1 if self.staff % 3 == 0 else -1 if self.staff % 3 == 1 else 0)
        staff = max(1, self.staff + drift)
        return Profile(
            kind=self.kind,
            duties=duties(self.area),
            departments=self.departments,
            authorised=self.staff + max(1, self.staff // 10),
            staff=staff,
            retired=self.retired,
            vehicles=self.vehicles if self.sangong in ("car", "abroad") else 0,
        )


def duties(area: str) -> tuple[str, ...]:
    """Invented, generic duty sentences around a unit's field of work."""
    return (
        f"贯彻执行国家和省有关{area}工作的方针政策和法律法规，研究拟订全市{area}工作的规划、"
        "政策措施并组织实施。",
        f"统筹协调全市{area}领域的管理和服务工作，指导区县开展相关业务。",
        "负责本系统职责范围内的安全生产、保密、政务公开和信息化建设工作。",
        "完成市委、市人民政府交办的其他任务。",
    )


ADMIN = "行政单位"
CANGONG = "参照公务员法管理的事业单位"
PUBLIC1 = "公益一类事业单位"
PUBLIC2 = "公益二类事业单位"

SMALL = (1.0, 25.0)
MEDIUM = (5.0, 180.0)
LARGE = (20.0, 900.0)


def _depts(*names: str) -> tuple[str, ...]:
    return ("办公室",) + names


UNITS: tuple[UnitSpec, ...] = (
    UnitSpec("gov-office", "示例市人民政府办公室", ADMIN, "2010301", ("20103", "20199"), 6,
             MEDIUM, 62, 30, "政务服务", "hunan", sangong="car", vehicles=6,
             departments=_depts("秘书科", "综合调研科", "政务督查科")),
    UnitSpec("ndrc", "示例市发展和改革委员会", ADMIN, "2010401", ("20104", "21602"), 7,
             MEDIUM, 55, 24, "发展改革", "shanghai", sangong="small",
             departments=_depts("综合规划科", "固定资产投资科", "价格管理科")),
    UnitSpec("finance", "示例市财政局", ADMIN, "2010601", ("20106", "20199", "22999"), 9,
             LARGE, 92, 41, "财政管理", "shanghai", sangong="car", vehicles=3, balances=True,
             departments=_depts("预算科", "国库科", "政府采购科", "绩效评价科")),
    UnitSpec("stats", "示例市统计局", ADMIN, "2010501", ("20105",), 5, MEDIUM, 31, 12,
             "统计调查", "hunan", departments=_depts("综合统计科", "普查中心")),
    UnitSpec("audit", "示例市审计局", ADMIN, "2010801", ("20108",), 4, SMALL, 40, 15,
             "审计监督", "yuan", departments=_depts("财政审计科", "经济责任审计科")),
    UnitSpec("discipline", "中共示例市纪律检查委员会", ADMIN, "2011101", ("20111",), 5, MEDIUM,
             83, 27, "纪律检查和监察", "hunan", sangong="car", vehicles=8,
             departments=_depts("党风政风监督室", "案件审理室")),
    UnitSpec("commerce", "示例市商务局", ADMIN, "2011301", ("20113", "21606", "21602"), 6,
             MEDIUM, 41, 19, "商务和招商", "shanghai", sangong="abroad",
             departments=_depts("外贸科", "招商科")),
    UnitSpec("archives", "示例市档案馆", CANGONG, "2012601", ("20126",), 3, SMALL, 22, 9,
             "档案管理", "hunan", departments=_depts("接收征集科", "保管利用科")),
    UnitSpec("union", "示例市总工会", CANGONG, "2012901", ("20129",), 4, SMALL, 26, 10,
             "工会", "yuan", nonfiscal={"in_superior": (10.0, 40.0), "in_other": (2.0, 8.0)},
             departments=_depts("组织部", "权益保障部")),
    UnitSpec("organisation", "中共示例市委组织部", ADMIN, "2013201", ("20132",), 4, MEDIUM, 48,
             20, "组织人事", "hunan", departments=_depts("干部科", "组织科")),
    UnitSpec("publicity", "中共示例市委宣传部", ADMIN, "2013301", ("20133", "20708"), 6, MEDIUM,
             39, 16, "宣传思想文化", "shanghai", departments=_depts("宣传科", "新闻科")),
    UnitSpec("market", "示例市市场监督管理局", ADMIN, "2013801", ("20138",), 10, MEDIUM, 296,
             88, "市场监督管理", "hunan", sangong="car", vehicles=21, balances=True,
             departments=_depts("登记注册科", "食品安全科", "质量发展科", "执法稽查支队")),
    UnitSpec("police", "示例市公安局", ADMIN, "2040201", ("20402",), 7, LARGE, 880, 210,
             "公安", "shanghai", sangong="car", vehicles=96, balances=True,
             departments=_depts("指挥中心", "治安支队", "刑侦支队", "交警支队")),
    UnitSpec("justice", "示例市司法局", ADMIN, "2040601", ("20406",), 9, MEDIUM, 71, 26,
             "司法行政", "hunan", departments=_depts("法治督察科", "公共法律服务科")),
    UnitSpec("notary", "示例市公证处", PUBLIC2, "2040650", ("20406",), 1, SMALL, 18, 4,
             "公证服务", "yuan", sangong="none",
             nonfiscal={"in_service": (60.0, 140.0), "in_business": (5.0, 15.0)},
             uses_reserve=True, departments=_depts("业务科")),
    UnitSpec("science", "示例市科学技术局", ADMIN, "2060101", ("20601", "20604", "20607",
             "20699"), 7, MEDIUM, 37, 14, "科技创新", "hunan",
             departments=_depts("高新技术科", "科技合作科")),
    UnitSpec("culture", "示例市文化旅游广电体育局", ADMIN, "2070101", ("20701", "20702",
             "20703", "20708"), 15, MEDIUM, 58, 25, "文化旅游广电体育", "yuan",
             funds=("2070701", "2296003"), balances=True, sangong="car", vehicles=2,
             departments=_depts("艺术科", "文物科", "体育科", "旅游推广科")),
    UnitSpec("library", "示例市图书馆", PUBLIC1, "2070104", ("20701",), 1, SMALL, 24, 11,
             "公共阅读服务", "shanghai", sangong="none", nonfiscal={"in_other": (1.0, 5.0)},
             departments=_depts("采编部", "读者服务部")),
    UnitSpec("hrss", "示例市人力资源和社会保障局", ADMIN, "2080101", ("20801", "20807",
             "20899"), 9, MEDIUM, 67, 33, "人力资源和社会保障", "hunan",
             departments=_depts("就业促进科", "社会保险科", "劳动监察支队")),
    UnitSpec("civil", "示例市民政局", ADMIN, "2080201", ("20802", "20810", "20819", "20899"),
             11, MEDIUM, 45, 22, "民政", "shanghai", funds=("2296002",), balances=True,
             departments=_depts("社会救助科", "养老服务科", "区划地名科")),
    UnitSpec("disabled", "示例市残疾人联合会", CANGONG, "2081101", ("20811",), 5, MEDIUM, 21, 7,
             "残疾人服务", "yuan", funds=("2296006",), departments=_depts("康复科", "就业科")),
    UnitSpec("health", "示例市卫生健康委员会", ADMIN, "2100101", ("21001", "21002", "21003",
             "21004", "21007", "21099", "21011"), 26, LARGE, 86, 37, "卫生健康", "hunan",
             balances=True, sangong="car", vehicles=4,
             departments=_depts("医政医管科", "疾病预防控制科", "基层卫生科", "妇幼健康科")),
    UnitSpec("cdc", "示例市疾病预防控制中心", PUBLIC1, "2100401", ("21004",), 4, MEDIUM, 96, 40,
             "疾病预防控制", "shanghai", nonfiscal={"in_service": (80.0, 200.0)},
             sangong="car", vehicles=5, departments=_depts("传染病防制科", "检验科")),
    UnitSpec("ecology", "示例市生态环境局", ADMIN, "2110101", ("21101", "21103", "21104"), 9,
             MEDIUM, 64, 18, "生态环境保护", "hunan", sangong="car", vehicles=5,
             departments=_depts("大气环境科", "水生态环境科", "执法支队")),
    UnitSpec("housing", "示例市住房和城乡建设局", ADMIN, "2120101", ("21201", "21203", "21299",
             "22101"), 11, LARGE, 77, 31, "住房和城乡建设", "shanghai",
             funds=("2120803", "2121301", "2121399"), balances=True, sangong="car", vehicles=3,
             departments=_depts("建筑市场科", "城市建设科", "住房保障科")),
    UnitSpec("urban", "示例市城市管理局", ADMIN, "2120101", ("21201", "21205", "21299"), 8,
             LARGE, 120, 35, "城市管理", "yuan", sangong="car", vehicles=7,
             departments=_depts("市容管理科", "环境卫生科")),
    UnitSpec("land", "示例市自然资源和规划局", ADMIN, "2200101", ("22001", "21202"), 10, LARGE,
             108, 44, "自然资源和规划", "hunan", funds=("2120801", "2120802", "2120899"),
             balances=True, sangong="car", vehicles=4,
             departments=_depts("国土空间规划科", "耕地保护科", "确权登记科")),
    UnitSpec("agriculture", "示例市农业农村局", ADMIN, "2130101", ("21301", "21302", "21303",
             "21305", "21307"), 27, LARGE, 102, 56, "农业农村", "hunan", balances=True,
             sangong="car", vehicles=4,
             departments=_depts("种植业管理科", "畜牧兽医科", "乡村建设科", "农田建设科")),
    UnitSpec("water", "示例市水利局", ADMIN, "2130301", ("21303",), 7, LARGE, 52, 23, "水利",
             "shanghai", sangong="car", vehicles=3,
             departments=_depts("水旱灾害防御科", "河湖管理科")),
    UnitSpec("transport", "示例市交通运输局", ADMIN, "2140101", ("21401",), 6, LARGE, 74, 30,
             "交通运输", "yuan", sangong="car", vehicles=6, balances=True,
             departments=_depts("规划建设科", "运输管理科")),
    UnitSpec("industry", "示例市工业和信息化局", ADMIN, "2150501", ("21505", "21508"), 6, MEDIUM,
             44, 18, "工业和信息化", "hunan", departments=_depts("产业发展科", "中小企业科")),
    UnitSpec("emergency", "示例市应急管理局", ADMIN, "2240101", ("22401", "22402"), 6, MEDIUM,
             49, 12, "应急管理", "shanghai", sangong="car", vehicles=5,
             departments=_depts("应急指挥科", "安全生产监管科")),
    UnitSpec("grain", "示例市粮食和物资储备局", ADMIN, "2220101", ("22201",), 1, SMALL, 12, 9,
             "粮食和物资储备", "hunan", departments=_depts("储备管理科")),
    UnitSpec("congress", "示例市人大常委会办公室", ADMIN, "2010101", ("20101",), 6, MEDIUM, 43,
             25, "人大工作保障", "hunan", sangong="car", vehicles=4,
             departments=_depts("研究室", "代表联络科")),
    UnitSpec("cppcc", "示例市政协办公室", ADMIN, "2010201", ("20102",), 5, MEDIUM, 36, 21,
             "政协工作保障", "yuan", departments=_depts("研究室", "委员联络科")),
    UnitSpec("donghu", "示例市东湖街道办事处", ADMIN, "2010301", ("20103", "20802", "20810",
             "20811", "20819", "21201", "21205", "21307", "22101", "21104", "20828", "21004",
             "20701", "20199"), 34, MEDIUM, 68, 29, "街道社区治理", "hunan", sangong="small",
             departments=_depts("党建工作办公室", "社区建设办公室", "城市管理办公室")),
    UnitSpec("xishan", "示例市西山街道办事处", ADMIN, "2010301", ("20103", "20802", "20810",
             "20819", "21201", "21205", "22101", "21307"), 16, MEDIUM, 53, 19, "街道社区治理",
             "shanghai", departments=_depts("社区服务办公室", "平安建设办公室")),
    UnitSpec("petitions", "示例市信访局", ADMIN, "2010301", ("2010308",), 1, SMALL, 19, 6,
             "信访", "yuan", sangong="none", departments=_depts("来访接待科")),
    UnitSpec("affairs", "示例市机关事务管理局", ADMIN, "2010301", ("2010303", "2010305",
             "2010399"), 3, MEDIUM, 47, 38, "机关事务保障", "hunan", sangong="car", vehicles=12,
             renamed=((2024, "示例市机关事务管理局（本级）"),),
             departments=_depts("公共机构节能科", "资产管理科")),
)

# The consolidated department and its members (each also publishes a 单位决算).
EDUCATION = "示例市教育局"
EDUCATION_LAYOUT = "hunan_b"
EDUCATION_AREA = "教育"
EDUCATION_MEMBERS: tuple[UnitSpec, ...] = (
    UnitSpec("edu-office", "示例市教育局（本级）", ADMIN, "2050101", ("20501", "20508",
             "20599"), 6, MEDIUM, 46, 30, "教育", EDUCATION_LAYOUT, sangong="car", vehicles=2,
             scope="单位", departments=_depts("基础教育科", "职业教育科", "教育督导室")),
    UnitSpec("edu-school1", "示例市第一中学", PUBLIC1, "2050204", ("2050299", "20599"), 2,
             MEDIUM, 182, 64, "高中教育", EDUCATION_LAYOUT, scope="单位",
             nonfiscal={"in_service": (120.0, 300.0), "in_other": (5.0, 20.0)},
             departments=_depts("教务处", "学生处", "总务处")),
    UnitSpec("edu-school2", "示例市实验小学", PUBLIC1, "2050202", ("2050299",), 1, SMALL, 118,
             47, "小学教育", EDUCATION_LAYOUT, scope="单位", nonfiscal={"in_other": (2.0, 9.0)},
             departments=_depts("教导处", "总务处")),
)
EDUCATION_DEPARTMENTS = ("办公室", "基础教育科", "职业教育科", "教育督导室")
