"""The notes under a chart of the Chinese edition: what the look of a point means, and why a
period has no figure, written in Chinese. The charts are the minimal case's, with a few made
here, localized as the build localizes them (render/edition.py)."""

import pytest

from microsite.inputs import charts, content
from microsite.inputs.project import Project
from microsite.render import edition, languages
from tests.conftest import append_to, replace_in

# A chart of the share of high-tech firms, "more than 18%": a hedged figure.
HEDGED_CHART = """
  - key: hightech
    title: More than a sixth
    subtitle: Share of high-tech firms, per cent
    kind: bar
    traces:
      - series: hightech
        name: Share of high-tech firms
        zh:
          name: 高新技术企业占比
    zh:
      title: 超过六分之一
      subtitle: 高新技术企业占比（%）
"""
HEDGED_SERIES = """
  - key: hightech
    label: Share of high-tech firms
    unit: percent
    facts: [hightech_share_2025]
    zh:
      label: 高新技术企业占比
"""
# The zones' share of GDP, as we calculated it, with a month of no figure and a year whose
# figure was lost twice over: the numerator and the share.
SHARE_SERIES = """
  - key: share
    label: Zones' share of national GDP
    unit: percent
    facts: [gdp_share_2024_calc]
    gaps:
      - period: "2022-10"
        note: the October report gave no share.
        zh:
          note: 10月的报告未给出比重。
"""
GDP_GAP_ZH = """        note: no official figure was found.
        zh:
          note: 未找到官方数字。
"""


def _charts(project) -> tuple[dict[str, charts.Chart], dict[str, charts.Chart]]:
    """The charts of the English edition and of the Chinese one."""
    site = content.read(Project(project))
    return site.charts, edition.localized(site, languages.KNOWN["zh"]).charts


def _hedged_chart(project, kind: str) -> None:
    append_to(project / "data/charts.yaml", HEDGED_CHART.replace("kind: bar", f"kind: {kind}"))
    append_to(project / "data/series.yaml", HEDGED_SERIES)


def test_a_chart_knows_its_editions_language(project):
    english, chinese = _charts(project)
    assert english["gdp"].language == "en"
    assert chinese["gdp"].language == "zh"


@pytest.mark.parametrize(
    ("kind", "note"),
    [
        ("bar", "斜线填充的柱表示来源给出的数字带有“超过”“约”等限定词。"),
        ("hbar", "斜线填充的条表示来源给出的数字带有“超过”“约”等限定词。"),
        ("line", "空心标记表示来源给出的数字带有“超过”“约”等限定词。"),
    ],
)
def test_a_hedged_figure_is_explained_in_chinese(project, kind, note):
    _hedged_chart(project, kind)
    english, chinese = _charts(project)
    assert chinese["hightech"].style_notes == (note,)
    # The English edition's chart keeps its English note.
    assert english["hightech"].style_notes[0].endswith("such as “over” or “about”.")


def test_calculated_and_weakly_sourced_points_are_explained_in_chinese(project):
    # A forum's "about 230" (weak and hedged) beside the ministry's counts on a line; our own
    # calculation of the zones' share on bars.
    replace_in(
        project / "data/series.yaml",
        "[zones_2023, zones_2024]",
        "[rumoured_2021, zones_2023, zones_2024]",
    )
    append_to(project / "data/series.yaml", SHARE_SERIES)
    append_to(
        project / "data/charts.yaml",
        "  - key: share\n    title: A share\n    subtitle: Share, per cent\n    kind: bar\n"
        "    traces:\n      - series: share\n        name: Our calculation\n",
    )
    _, chinese = _charts(project)
    assert chinese["zones_count"].style_notes == (
        "空心标记表示来源给出的数字带有“超过”“约”等限定词。",
        "方形标记表示数字仅见于可信度较低的非官方来源。",
    )
    assert chinese["share"].style_notes == ("点状填充的柱为本站根据有出处的数字计算所得。",)
    replace_in(
        project / "data/charts.yaml",
        "    kind: bar\n    traces:\n      - series: share",
        "    kind: line\n    traces:\n      - series: share",
    )
    assert _charts(project)[1]["share"].style_notes == ("菱形标记为本站根据有出处的数字计算所得。",)


def test_a_weak_source_on_a_bar_is_explained_in_chinese(project):
    append_to(
        project / "data/series.yaml",
        "  - key: forum\n    label: A forum's count\n    unit: count\n    facts: [rumoured_2021]\n",
    )
    append_to(
        project / "data/charts.yaml",
        "  - key: forum\n    title: A forum's count\n    subtitle: Zones, number\n"
        "    kind: hbar\n    traces:\n      - series: forum\n        name: Forum\n",
    )
    # About 230, from a weak source: the weak source's pattern wins, being the caution.
    assert _charts(project)[1]["forum"].style_notes == (
        "交叉线填充的条表示数字仅见于可信度较低的非官方来源。",
    )


def test_a_period_with_no_figure_is_named_in_chinese(project):
    replace_in(
        project / "data/series.yaml", "        note: no official figure was found.\n", GDP_GAP_ZH
    )
    english, chinese = _charts(project)
    assert chinese["gdp"].gap_notes == ("2020年：未找到官方数字。",)
    assert english["gdp"].gap_notes == ("2020: no official figure was found.",)


def test_a_month_with_no_figure_is_written_as_chinese_writes_a_month(project):
    append_to(project / "data/series.yaml", SHARE_SERIES)
    append_to(
        project / "data/charts.yaml",
        "  - key: share\n    title: A share\n    subtitle: Share, per cent\n    kind: line\n"
        "    traces:\n      - series: share\n        name: Our calculation\n",
    )
    english, chinese = _charts(project)
    assert chinese["share"].gap_notes == ("2022年10月：10月的报告未给出比重。",)
    assert english["share"].gap_notes == ("October 2022: the October report gave no share.",)


def test_two_reasons_for_one_missing_year_read_as_one_chinese_note(project):
    # A bar and the share printed on it both miss 2020: one note, the two reasons run on
    # without a space, as Chinese sentences do.
    replace_in(
        project / "data/series.yaml", "        note: no official figure was found.\n", GDP_GAP_ZH
    )
    append_to(
        project / "data/series.yaml",
        "  - key: gdp_share\n    label: Share\n    unit: percent\n"
        '    facts: [gdp_share_2024_calc]\n    gaps:\n      - period: "2020"\n'
        "        note: so no share is calculated.\n        zh:\n          note: 因此未计算比重。\n",
    )
    replace_in(
        project / "data/charts.yaml",
        "        name: Regional GDP\n",
        "        name: Regional GDP\n        labels: gdp_share\n",
    )
    english, chinese = _charts(project)
    assert chinese["gdp"].gap_notes == ("2020年：未找到官方数字。因此未计算比重。",)
    assert english["gdp"].gap_notes == (
        "2020: no official figure was found. so no share is calculated.",
    )
    # A reason not yet translated stays English, a space after it (the build's check of
    # untranslated records names it).
    replace_in(
        project / "data/series.yaml", GDP_GAP_ZH, "        note: no official figure was found.\n"
    )
    assert _charts(project)[1]["gdp"].gap_notes == (
        "2020年：no official figure was found. 因此未计算比重。",
    )
