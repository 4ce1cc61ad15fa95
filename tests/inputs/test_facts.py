from decimal import Decimal
from pathlib import Path

from microsite.inputs.facts import load_facts
from microsite.inputs.sources import load_sources

SOURCES = """sources:
  - key: daily
    publisher: A Daily
    title: Zones news
    url: https://example.org/a
    date: "2025-05-27"
    reliability: V1
  - key: forum
    publisher: A forum
    title: A post
    url: https://example.org/b
    reliability: V3
"""


def load(tmp_path: Path, errors, **files: str):
    (tmp_path / "sources.yaml").write_text(SOURCES)
    folder = tmp_path / "facts"
    folder.mkdir()
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(text)
    sources = load_sources(tmp_path / "sources.yaml", errors)
    return load_facts(folder, sources, errors).values


def messages(errors) -> list[str]:
    return [str(error) for error in errors.errors]


HEAD = "topic: Zones\norder: 1\nfacts:\n"
GDP = """  - key: gdp
    label: Zone GDP
    value: 16.9
    unit: yuan_trillion
    period: "2024"
    sources: [daily]
  - key: national
    label: National GDP
    value: 134.9
    unit: yuan_trillion
    period: "2024"
    sources: [daily]
"""


def test_a_sourced_fact_keeps_its_value_exactly(tmp_path, errors):
    facts = load(tmp_path, errors, zones=HEAD + GDP)
    assert errors.errors == []
    assert facts["gdp"].value == Decimal("16.9")
    assert facts["gdp"].phrase == "16.9 trillion yuan"
    assert facts["gdp"].reliability == "V1"
    assert facts["gdp"].line == 4


def test_a_derived_fact_is_computed_and_rounded(tmp_path, errors):
    derived = """  - key: share
    label: Share, calculated by this site
    formula: gdp / national * 100
    unit: percent
    decimals: 1
    period: "2024"
"""
    facts = load(tmp_path, errors, zones=HEAD + derived + GDP)
    assert errors.errors == []
    assert facts["share"].phrase == "12.5%"
    assert facts["share"].derived
    assert facts["share"].inputs == ("gdp", "national")
    assert list(facts) == ["share", "gdp", "national"]


def test_missing_field_wrong_type_and_unknown_field(tmp_path, errors):
    text = (
        HEAD
        + """  - key: gdp
    label: Zone GDP
    value: lots
    unit: yuan_trillion
    sources: [daily]
    sauce: [daily]
"""
    )
    load(tmp_path, errors, zones=text)
    found = messages(errors)
    assert (
        "facts/zones.yaml:4:5: fact 'gdp': period: required field is missing\n"
        in "\n".join(found) + "\n"
    )
    assert (
        "facts/zones.yaml:6:5: fact 'gdp': value: must be a plain number such as 16.9 or 85000, without units or quotes (found 'lots')"
        in "\n".join(found)
    )
    assert (
        "facts/zones.yaml:9:5: fact 'gdp': sauce: unknown field\n  hint: did you mean 'sources'?"
        in found
    )


def test_unknown_source_gets_a_did_you_mean(tmp_path, errors):
    load(tmp_path, errors, zones=HEAD + GDP.replace("sources: [daily]", "sources: [dialy]", 1))
    assert messages(errors) == [
        "facts/zones.yaml:9:15: fact 'gdp' cites source 'dialy', which does not exist\n"
        "  hint: did you mean 'daily'?"
    ]


def test_a_fact_without_a_source_is_refused(tmp_path, errors):
    load(tmp_path, errors, zones=HEAD + GDP.replace("sources: [daily]", "sources: []", 1))
    assert messages(errors) == [
        "facts/zones.yaml:4:5: fact 'gdp': a fact needs at least one source: no source, no fact\n"
        "  hint: add sources: [source_key], with the key of its source in data/sources.yaml"
    ]


def test_a_key_defined_in_two_files_is_refused(tmp_path, errors):
    load(tmp_path, errors, a=HEAD + GDP, b=HEAD + GDP)
    found = messages(errors)
    assert found[0] == (
        "facts/b.yaml:4: fact key 'gdp' is defined twice\n"
        "  hint: it is first defined at facts/a.yaml:4; rename one of them"
    )


def test_duplicate_mapping_key_inside_a_fact(tmp_path, errors):
    load(
        tmp_path,
        errors,
        zones=HEAD
        + GDP.replace("    unit: yuan_trillion\n", "    unit: yuan_trillion\n    value: 17\n", 1),
    )
    assert messages(errors) == [
        "facts/zones.yaml:8:5: duplicate key 'value' (first given on line 6)\n"
        "  hint: remove or rename one of the two keys"
    ]


def test_circular_derived_facts_are_reported(tmp_path, errors):
    text = (
        HEAD
        + """  - key: a
    label: A
    formula: b * 2
    unit: count
    decimals: 0
    period: "2024"
  - key: b
    label: B
    formula: a / 2
    unit: count
    decimals: 0
    period: "2024"
"""
    )
    load(tmp_path, errors, zones=text)
    assert "derived facts depend on each other in a circle: a -> b -> a" in messages(errors)[0]


def test_a_formula_over_an_unknown_fact(tmp_path, errors):
    text = (
        HEAD
        + GDP
        + """  - key: share
    label: Share
    formula: gdp / natoinal * 100
    unit: percent
    decimals: 1
    period: "2024"
"""
    )
    load(tmp_path, errors, zones=text)
    assert messages(errors) == [
        "facts/zones.yaml:18:5: fact 'share' uses 'natoinal' in its formula, which is not a fact\n"
        "  hint: did you mean 'national'?"
    ]


def test_a_weak_source_makes_a_cautioned_fact(tmp_path, errors):
    facts = load(tmp_path, errors, zones=HEAD + GDP.replace("[daily]", "[forum]", 1))
    assert facts["gdp"].cautioned
    assert not facts["national"].cautioned


def test_a_unit_written_wrong_is_named_by_the_facts_key_with_a_did_you_mean(tmp_path, errors):
    load(
        tmp_path, errors, zones=HEAD + GDP.replace("unit: yuan_trillion", "unit: trillion_yuan", 1)
    )
    assert messages(errors) == [
        "facts/zones.yaml:7:5: fact 'gdp': unit 'trillion_yuan' is not a unit\n"
        "  hint: did you mean 'yuan_trillion'?"
    ]


def test_sources_written_without_brackets_get_the_bracketed_form(tmp_path, errors):
    load(tmp_path, errors, zones=HEAD + GDP.replace("sources: [daily]", "sources: daily", 1))
    assert messages(errors) == [
        "facts/zones.yaml:9:5: fact 'gdp': sources must be a list, not 'daily'\n"
        "  hint: write it as a list in brackets: sources: [daily]"
    ]


def test_a_key_with_a_hyphen_is_one_problem_not_an_echo_at_every_use(tmp_path, errors):
    """The derived fact that uses it as g_dp, the key meant, is not blamed as well."""
    derived = """
  - key: gdp_doubled
    label: Twice the GDP
    formula: g_dp * 2
    decimals: 1
    unit: yuan_trillion
    period: "2024"
"""
    load(tmp_path, errors, zones=HEAD + GDP.replace("key: gdp", "key: g-dp", 1) + derived)
    assert messages(errors) == [
        "facts/zones.yaml:4:5: fact 'g-dp': key 'g-dp' may hold only lower-case letters, "
        "digits and underscores\n  hint: write it as 'g_dp', starting with a letter"
    ]


def test_did_you_mean_never_offers_another_years_figure():
    from microsite.suggest import did_you_mean

    keys = ["zones_gdp_2023", "zones_gdp_2024", "hightech_share_2024"]
    # A deleted figure: not another year's instead.
    assert did_you_mean("zones_gdp_2025", keys, "fact") == (
        "check the spelling, or add the fact first"
    )
    # A typing slip: the digits in another order, or a misspelt word.
    assert did_you_mean("zones_gdp_2204", keys, "fact") == "did you mean 'zones_gdp_2024'?"
    assert did_you_mean("zones_gpd_2024", keys, "fact") == "did you mean 'zones_gdp_2024'?"


def test_a_source_pasted_twice_says_where_the_first_one_is(tmp_path, errors):
    (tmp_path / "sources.yaml").write_text(SOURCES + SOURCES.removeprefix("sources:\n"))
    registry = load_sources(tmp_path / "sources.yaml", errors)
    assert sorted(registry) == ["daily", "forum"]
    assert messages(errors)[0] == (
        "sources.yaml:13: source key 'daily' is used twice: first on line 2\n"
        "  hint: if it is the same page, keep one entry and delete this one; "
        "if it is another page, give it its own key"
    )
