"""build.py as editors and CI run it: exact messages, exit codes, and site/ left alone on error."""

from tests.conftest import replace_in, run_build
from tests.golden import differing_files, read_tree

WARNING = (
    "content/stories/growth.md:12:4: warning: number '2019' typed into the text\n"
    "  hint: cite a fact with [[fact_key]] or [[fact_key.period]], or mark it as meant with "
    "[[literal:2019]]\n"
)


def test_a_warning_is_printed_and_the_site_still_built(project):
    replace_in(project / "content/stories/growth.md", "A forum once", "In 2019 a forum once")
    result = run_build(cwd=project)
    assert result.returncode == 0
    assert result.stdout == (
        "Built 12 pages (46 files) into site/, with 1 warning (--strict makes them errors)\n"
    )
    assert result.stderr == WARNING
    assert (project / "site/index.html").is_file()


def test_strict_makes_warnings_errors_and_writes_nothing(project):
    replace_in(project / "content/stories/growth.md", "A forum once", "In 2019 a forum once")
    result = run_build("build", "--strict", cwd=project)
    assert result.returncode == 1
    assert result.stderr == WARNING + "1 problem found; site/ was not changed.\n"
    assert not (project / "site").exists()


def test_build_writes_the_site(project):
    result = run_build(cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Built 12 pages (46 files) into site/\n"
    assert result.stderr == ""
    assert (project / "site/index.html").is_file()


def test_build_into_another_folder(project, tmp_path):
    result = run_build("build", "--out", str(tmp_path / "elsewhere"), cwd=project)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "elsewhere/facts/index.html").is_file()
    assert not (project / "site").exists()


def test_check_writes_nothing(project):
    result = run_build("check", cwd=project)
    assert (result.returncode, result.stdout) == (
        0,
        "All good: 9 facts, 2 charts, 12 pages checked.\n",
    )
    assert not (project / "site").exists()


def test_wrong_usage_exits_2(project):
    result = run_build("publish", cwd=project)
    assert result.returncode == 2
    assert "invalid choice: 'publish'" in result.stderr


def test_an_error_prints_file_line_and_hint_and_keeps_the_last_site(project):
    assert run_build(cwd=project).returncode == 0
    before = read_tree(project / "site")
    replace_in(
        project / "data/facts/zones.yaml", "sources: [repost_2024]", "sources: [repots_2024]"
    )
    replace_in(project / "content/stories/growth.md", "[[gdp_2024]]", "[[gdp_2204]]")
    result = run_build(cwd=project)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr == (
        "content/stories/growth.md:9:1: unknown fact 'gdp_2204'\n"
        "  hint: did you mean 'gdp_2024'?\n"
        "data/facts/zones.yaml:9:15: fact 'zones_2023' cites source 'repots_2024', which does not exist\n"
        "  hint: did you mean 'repost_2024'?\n"
        "2 problems found; site/ was not changed.\n"
    )
    assert differing_files(read_tree(project / "site"), before) == []


def test_malformed_yaml(project):
    replace_in(project / "data/series.yaml", "unit: count", "unit: [count")
    result = run_build("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("data/series.yaml:5:10: YAML syntax error:")
    assert result.stderr.endswith("1 problem found; nothing was written.\n")
    assert "Traceback" not in result.stderr


def test_a_template_error_is_reported_not_raised(project):
    templates = project / "templates"
    templates.mkdir()
    for name in (
        "base.html",
        "home.html",
        "_story_list.html",
        "stories.html",
        "story.html",
        "page.html",
        "facts.html",
        "sources.html",
        "_chart.html",
    ):
        (templates / name).write_text("{% block main %}{% endblock %}")
    (templates / "facts.html").write_text("line one\n{% if %}\n")
    result = run_build("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr.startswith("templates/facts.html:2: Expected an expression")
    assert "Traceback" not in result.stderr


def test_refuses_to_overwrite_a_folder_it_did_not_write(project, tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me")
    result = run_build("build", "--out", str(precious), cwd=project)
    assert result.returncode == 1
    assert "exists and was not written by this build" in result.stderr
    assert (precious / "notes.txt").read_text() == "keep me"


def test_a_template_asking_for_a_missing_asset_names_its_line(project):
    import shutil

    from tests.conftest import REPO

    shutil.copytree(REPO / "templates", project / "templates")
    replace_in(project / "templates/base.html", "asset('site.css')", "asset('sight.css')")
    result = run_build("check", cwd=project)
    assert result.returncode == 1
    assert result.stderr == (
        "templates/base.html:10: template error: KeyError: 'sight.css'\n"
        "  hint: a template uses a value, asset or fact the page does not have\n"
        "1 problem found; nothing was written.\n"
    )
