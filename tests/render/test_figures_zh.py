"""Charts of the Chinese edition: drawn from the minimal case with a few Chinese records added,
localized as the build localizes them (render/edition.py). Every expected string is written
from how Chinese reports print figures: 2024年, 超过8.5万家, 1690亿元, full-width punctuation."""

import json

import pytest

from microsite.inputs import charts, content
from microsite.inputs.project import Project
from microsite.render import edition, figures, languages
from tests.conftest import append_to, replace_in

FACTS = """topic: Investment and firms
order: 3
zh:
  topic: 投资与企业
facts:
  - key: fdi_2023
    label: Foreign investment actually used
    value: 201.5
    unit: yuan_billion
    period: "2023"
    sources: [official_2025]
    zh:
      label: 实际使用外资
  - key: fdi_2024
    label: Foreign investment actually used
    value: 169
    unit: yuan_billion
    period: "2024"
    covers: zones_2024
    sources: [official_2025]
    zh:
      label: 实际使用外资
  - key: firms_2023
    label: High-tech firms
    short_label: High-tech firms in 2023
    value: 73000
    unit: count
    period: "2023"
    sources: [official_2025]
    zh:
      label: 高新技术企业数量
      short_label: 海关特殊监管区域（含保税区）
      measure: 家
  - key: firms_2024
    label: High-tech firms
    short_label: High-tech firms in 2024
    value: 85000
    unit: count
    qualifier: over
    period: "2024"
    sources: [official_2025]
    zh:
      label: 高新技术企业数量
      short_label: 高新技术产业开发区
      measure: 家
"""
SERIES = """
  - key: fdi
    label: Foreign investment actually used
    unit: yuan_billion
    facts: [fdi_2023, fdi_2024]
    gaps:
      - period: "2022"
        note: no figure was published.
        zh:
          note: 未见公布数字。
    zh:
      label: 实际使用外资
  - key: firms
    label: High-tech firms
    unit: count
    facts: [firms_2023, firms_2024]
    zh:
      label: 高新技术企业数量
  - key: share
    label: Zones' share of national GDP
    unit: percent
    facts: [gdp_share_2024_calc]
  - key: forum
    label: A forum's count
    unit: count
    facts: [rumoured_2021]
"""
CHARTS = """
  - key: fdi
    title: Foreign investment fell
    subtitle: Foreign investment actually used, billion yuan
    kind: bar
    traces:
      - series: fdi
        name: Foreign investment
        zh:
          name: 实际使用外资
    zh:
      title: 实际使用外资下降
      subtitle: 实际使用外资（单位：亿元）
  - key: firms
    title: More high-tech firms
    subtitle: High-tech firms, number
    kind: bar
    traces:
      - series: firms
        name: High-tech firms
        zh:
          name: 高新技术企业
    zh:
      title: 高新技术企业增加
      subtitle: 高新技术企业数量（单位：家）
  - key: share
    title: A share we calculated
    subtitle: Share of national GDP, per cent
    kind: line
    traces:
      - series: share
        name: Our calculation
        zh:
          name: 我们的计算
"""


@pytest.fixture
def project_zh(project):
    """The minimal case with Chinese words for its count of zones and a few charts more."""
    (project / "data/facts/investment.yaml").write_text(FACTS, encoding="utf-8")
    append_to(project / "data/series.yaml", SERIES)
    append_to(project / "data/charts.yaml", CHARTS)
    replace_in(
        project / "data/charts.yaml",
        "        name: Zones in existence\n",
        "        name: Zones in existence\n        zh:\n          name: 国家级经开区数量\n",
    )
    replace_in(
        project / "data/charts.yaml",
        "        text: First zone\n",
        "        text: First zone\n        zh:\n          text: 首家经开区\n",
    )
    replace_in(
        project / "data/facts/zones.yaml",
        "    sources: [weak_2021]\n",
        "    sources: [weak_2021]\n    zh:\n      label: 论坛所称经开区数量\n      measure: 家\n",
    )
    return project


def _charts(project) -> tuple[dict[str, charts.Chart], dict[str, charts.Chart]]:
    """The charts of the English edition and of the Chinese one."""
    site = content.read(Project(project))
    return site.charts, edition.localized(site, languages.KNOWN["zh"]).charts


def _zh_chart(project, key: str) -> charts.Chart:
    return _charts(project)[1][key]


def _zh_figure(project, key: str) -> dict:
    return json.loads(figures.figure_json(_zh_chart(project, key), language="zh"))


def test_a_sum_in_billions_stands_on_an_axis_of_yi_as_its_hover_text_says(project_zh):
    # 169 billion yuan is 1690亿元: the bar stands at 1690 on an axis counting 亿元 (the
    # subtitle's unit), its label reads 1690 and its hover text 1690亿元.
    english, chinese = _charts(project_zh)
    bars = json.loads(figures.figure_json(chinese["fdi"], language="zh"))
    drawn = bars["data"][0]
    assert drawn["y"] == [None, 2015.0, 1690.0]
    assert drawn["text"] == ["", "2015", "1690"]
    assert drawn["hovertext"][2].startswith("<b>实际使用外资</b><br>2024年：1690亿元")
    axis = bars["layout"]["yaxis"]
    assert axis["ticktext"] == ["0", "500", "1000", "1500", "2000"]
    assert axis["tickvals"] == [0, 500, 1000, 1500, 2000]
    bottom, top = axis["range"]
    assert bottom == 0 and 2015 < top < 2400  # room above the tallest bar, in 亿元 too
    # The English edition keeps billions.
    assert json.loads(figures.figure_json(english["fdi"]))["data"][0]["y"] == [None, 201.5, 169.0]


@pytest.mark.parametrize("kind", ["bar", "hbar"])
def test_a_hedged_count_keeps_its_hedge_where_chinese_puts_it(project_zh, kind):
    replace_in(
        project_zh / "data/charts.yaml",
        "    kind: bar\n    traces:\n      - series: firms",
        f"    kind: {kind}\n    traces:\n      - series: firms",
    )
    figure = _zh_figure(project_zh, "firms")
    drawn = figure["data"][0]
    # Over 85,000 is 超过8.5万: the hedge before the number, the number in 万, the 家 in the
    # subtitle and in the hover text.
    if kind == "bar":
        assert drawn["text"] == ["7.3万", "超过<br>8.5万"]
    else:
        assert drawn["text"] == ["7.3万", "超过8.5万"]
    assert drawn["hovertext"][-1] == "<b>高新技术企业</b><br>2024年：超过8.5万家"
    value_axis = figure["layout"]["xaxis" if kind == "hbar" else "yaxis"]
    assert value_axis["ticktext"] == ["0", "2万", "4万", "6万", "8万"]
    assert value_axis["tickvals"] == [0, 20000, 40000, 60000, 80000]


def test_a_percentage_hedged_in_chinese_is_a_floor(project_zh):
    # More than 18% is 18%以上: the hedge after the number, as Chinese reports write a share.
    replace_in(
        project_zh / "data/series.yaml",
        "facts: [gdp_share_2024_calc]",
        "facts: [hightech_share_2025]",
    )
    figure = _zh_figure(project_zh, "share")
    drawn = figure["data"][0]
    assert drawn["hovertext"] == ["<b>我们的计算</b><br>2024年：18%以上"]
    assert figure["layout"]["yaxis"]["ticktext"] == ["0%", "5%", "10%", "15%", "20%"]
    replace_in(
        project_zh / "data/charts.yaml",
        "    kind: line\n    traces:\n      - series: share",
        "    kind: bar\n    traces:\n      - series: share",
    )
    assert _zh_figure(project_zh, "share")["data"][0]["text"] == ["18%<br>以上"]


def test_categories_are_periods_in_chinese_with_the_zones_they_cover(project_zh):
    bars = _zh_figure(project_zh, "fdi")
    drawn = bars["data"][0]
    # zones_2024 has no measure word of its own: zones are counted in 家.
    assert drawn["x"] == [
        "2022年",
        "2023年",
        '2024年<br><span style="font-size:11px">232家<br>经开区</span>',
    ]
    assert (
        drawn["hovertext"][2] == "<b>实际使用外资</b><br>2024年：1690亿元<br>统计范围：232家经开区"
    )
    # The year with no figure keeps its slot, marked in Chinese.
    marks = [a for a in bars["layout"]["annotations"] if a["x"] == 0]
    assert [mark["text"] for mark in marks] == ["无数据"]


def test_the_hover_text_says_what_kind_of_figure_in_chinese(project_zh):
    # A forum's "about 230" in June 2021 (a weak source), then the ministry's counts.
    replace_in(
        project_zh / "data/series.yaml",
        "[zones_2023, zones_2024]",
        "[rumoured_2021, zones_2023, zones_2024]",
    )
    drawn = _zh_figure(project_zh, "zones_count")["data"][0]
    assert drawn["hovertext"][0] == "<b>国家级经开区数量</b><br>2021年6月：约230家（可信度较低）"
    # This case gives zones_2024 no Chinese words, so no measure word: the count is bare, and
    # the check of untranslated records names the fact.
    assert drawn["hovertext"][-1] == "<b>国家级经开区数量</b><br>2024年：232"
    calculated = _zh_figure(project_zh, "share")
    assert calculated["data"][0]["hovertext"] == ["<b>我们的计算</b><br>2024年：12.5%（本站计算）"]


def test_a_time_axis_and_its_event_in_chinese(project_zh):
    figure = _zh_figure(project_zh, "zones_count")
    axis = figure["layout"]["xaxis"]
    ticks = dict(zip(axis["ticktext"], axis["tickvals"], strict=True))
    assert ticks["2020年"] == "2020-12-31"
    assert all(text.endswith("年") and text[:-1].isdigit() for text in axis["ticktext"])
    assert figure["layout"]["annotations"][0]["text"] == "首家经开区：1984年"
    # An axis of whole years is ticked 2023年, 2024年.
    replace_in(
        project_zh / "data/charts.yaml",
        "    annotations:\n      - fact: first_year\n        text: First zone\n        zh:\n          text: 首家经开区\n",
        "",
    )
    axis = _zh_figure(project_zh, "zones_count")["layout"]["xaxis"]
    assert (axis["tickformat"], axis["ticksuffix"]) == ("d", "年")


def _px(line: str) -> float:
    """A line's width in 12 px text: a Chinese character or full-width mark is a full em."""
    wide = sum("\u3000" <= char <= "\u9fff" or "\uff00" <= char <= "\uffef" for char in line)
    return wide * 12 + (len(line) - wide) * figures.CHAR_PX


def test_chinese_line_names_wrap_between_words_and_fit_the_margin(project_zh):
    replace_in(
        project_zh / "data/charts.yaml",
        "          name: 国家级经开区数量\n",
        "          name: 国家级经开区数量\n      - series: forum\n        name: A forum's count\n"
        "        zh:\n          name: 论坛转帖的经开区数量（来源较弱）\n",
    )
    figure = _zh_figure(project_zh, "zones_count")
    named = [a["text"] for a in figure["layout"]["annotations"] if a.get("xref") == "paper"]
    # Broken between words, never before closing or after opening punctuation.
    assert sorted(named) == sorted(
        ["国家级<br>经开区数量", "论坛转帖的<br>经开区数量<br>（来源较弱）"]
    )
    room = figures.LINE_LABEL_CHARS * figures.CHAR_PX
    widest = max(_px(line) for name in named for line in name.split("<br>"))
    assert widest <= room
    assert figure["layout"]["margin"]["r"] >= widest


def test_chinese_categories_wrap_at_punctuation_and_fit_on_one_line_when_they_can(project_zh):
    replace_in(
        project_zh / "data/charts.yaml",
        "    kind: bar\n    traces:\n      - series: firms",
        "    kind: hbar\n    traces:\n      - series: firms",
    )
    drawn = _zh_figure(project_zh, "firms")["data"][0]
    # Nine characters are 108 px, within the 115 px a category has: one line.
    assert drawn["y"] == ["海关特殊监管区域<br>（含保税区）", "高新技术产业开发区"]


def test_alt_text_in_chinese(project_zh):
    _, chinese = _charts(project_zh)
    assert charts.alt_text(chinese["firms"]) == (
        "柱状图：高新技术企业数量（单位：家）。高新技术企业：2023年为7.3万家，2024年超过8.5万家。"
    )
    assert charts.alt_text(chinese["fdi"]) == (
        "柱状图：实际使用外资（单位：亿元）。实际使用外资：2023年为2015亿元，2024年为1690亿元。"
    )
    replace_in(
        project_zh / "data/charts.yaml",
        "    kind: bar\n    traces:\n      - series: firms",
        "    kind: hbar\n    traces:\n      - series: firms",
    )
    assert charts.alt_text(_zh_chart(project_zh, "firms")) == (
        "条形图：高新技术企业数量（单位：家）。高新技术企业："
        "海关特殊监管区域（含保税区）7.3万家，高新技术产业开发区超过8.5万家。"
    )


def test_chinese_is_drawn_in_the_readers_chinese_face_after_the_latin_ones(project_zh):
    english, chinese = _charts(project_zh)
    zh_font = json.loads(figures.figure_json(chinese["fdi"], language="zh"))["layout"]["font"]
    en_font = json.loads(figures.figure_json(english["fdi"]))["layout"]["font"]
    faces = [face.strip() for face in zh_font["family"].split(",")]
    assert faces[0] == "system-ui" and faces[-1] == "sans-serif"
    assert faces.index("'PingFang SC'") > faces.index("Arial")
    assert {"'Microsoft YaHei'", "'Noto Sans CJK SC'", "'Source Han Sans SC'"} <= set(faces)
    assert "PingFang" not in en_font["family"]


def test_a_chart_is_drawn_only_in_its_own_editions_language(project_zh):
    english, chinese = _charts(project_zh)
    with pytest.raises(ValueError, match="chart 'fdi' is the 'en' edition's, not the 'zh'"):
        figures.figure_json(english["fdi"], language="zh")
    with pytest.raises(ValueError, match="chart 'fdi' is the 'zh' edition's"):
        figures.figure_json(chinese["fdi"])
