"""Generated projects for tests that need a site of some size: the minimal case with many more
stories, each citing ten of many more facts, all from the minimal case's one V1 source.

Deterministic and plain: story n cites facts 10n to 10n + 9 (wrapping round), so that every
fact is cited when there are no more than ten facts a story, and links to story n + 1.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import MINIMAL

FACTS_FILE = "data/facts/generated.yaml"
FIRST_LABEL = "label: Generated figure 0000\n"
CITED_PER_STORY = 10
SOURCE = "official_2025"  # a source of the minimal case
FILLER = (
    "The zones along the coast drew firms and ports, and the inland parks followed with "
    "factories, research centres and a review of their output"
)


def project_with_many_stories(root: Path, stories: int, facts: int) -> Path:
    """A copy of the minimal case at `root` with `stories` more stories and `facts` more facts."""
    shutil.copytree(MINIMAL, root)
    keys = [f"generated_{index:04d}" for index in range(facts)]
    (root / FACTS_FILE).write_text(_facts_file(keys), encoding="utf-8")
    for story in range(stories):
        slug = f"story-{story:04d}"
        cited = [keys[(story * CITED_PER_STORY + i) % facts] for i in range(CITED_PER_STORY)]
        following = f"story-{(story + 1) % stories:04d}"
        (root / "content/stories" / f"{slug}.md").write_text(
            _story(slug, story, cited, following), encoding="utf-8"
        )
    return root


def _facts_file(keys: list[str]) -> str:
    lines = ["topic: Generated", "order: 3", "facts:"]
    for index, key in enumerate(keys):
        lines += [
            f"  - key: {key}",
            f"    label: Generated figure {index:04d}",
            f"    value: {index + 1}",
            "    unit: count",
            '    period: "2024"',
            f"    sources: [{SOURCE}]",
        ]
    return "\n".join(lines) + "\n"


def _story(slug: str, order: int, cited: list[str], following: str) -> str:
    paragraphs = [
        f"{FILLER} [[{first}]], and then [[{second}]]. {FILLER}."
        for first, second in zip(cited[0:6:2], cited[1:6:2], strict=True)
    ]
    paragraphs.append("\n".join(f"- {FILLER}: [[{key}]]" for key in cited[6:]))
    paragraphs.append(f"See also [the next story](../{following}/) and [the facts](../../facts/).")
    front = (
        f'---\ntitle: "Generated story {order:04d}"\nsummary: A generated story.\n'
        f'date: "2025-07-16"\nslug: {slug}\norder: {order + 2}\n---\n'
    )
    return front + "\n\n".join(paragraphs) + "\n"
