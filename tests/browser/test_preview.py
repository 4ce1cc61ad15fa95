"""The preview as an editor sees it: a broken save shows its problems over the last good page,
and a save with warnings, which CI would refuse, shows them in a quieter panel."""

from __future__ import annotations

import pytest

from tests.browser.conftest import opened
from tests.build.test_serve import _address, start_preview, wait_for_version
from tests.conftest import replace_in


@pytest.fixture
def preview(project):
    process = start_preview(project)
    try:
        yield _address(process), project
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_the_page_shows_a_warning_then_a_problem(browser, preview):
    address, project = preview
    story = project / "content/stories/growth.md"
    replace_in(story, "A forum once counted", "In 2019 a forum counted")
    wait_for_version(address, 2)
    with opened(browser, address) as page:
        page.goto(address + "stories/how-the-zones-grew/")
        panel = page.locator("#preview-errors")
        panel.wait_for(timeout=5000)
        assert panel.get_attribute("class") == "preview-warnings"
        assert panel.inner_text().startswith(
            "1 warning: the site builds, but check --strict (and CI) will refuse it."
        )
        assert "number '2019' typed into the text" in panel.inner_text()
        replace_in(story, "[[gdp_2024]]", "[[gdp_2042]]")
        page.wait_for_function(
            "() => document.querySelector('#preview-errors').className === 'preview-errors'",
            timeout=20000,
        )
        text = panel.inner_text()
        assert text.startswith("1 problem found; this is the last good page.")
        assert "unknown fact 'gdp_2042'" in text
