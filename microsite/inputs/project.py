"""Where a project's inputs live, and the site-wide settings in data/site.yaml."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    HttpUrl,
    PrivateAttr,
    StringConstraints,
    field_validator,
)

from microsite.errors import ErrorCollector
from microsite.inputs.chinese import SettingsZh, zh_field
from microsite.inputs.fields import Text
from microsite.inputs.validation import load_validated

# The repository this engine ships in: its templates and static files serve any project
# that has none of its own.
ENGINE_ROOT = Path(__file__).resolve().parents[2]


class NavItem(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    label: Text = Field(description="the word in the menu")
    path: Annotated[str, StringConstraints(pattern=r"^([a-z0-9-]+/)*$")] = Field(
        description="the page's address from the site's root, ending in a slash: stories/"
    )


class Licence(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)

    name: Text = Field(description="the licence's SPDX identifier: CC-BY-4.0")
    title: Text = Field(description="its full name: Creative Commons Attribution 4.0 International")
    url: HttpUrl = Field(description="where its terms are published")


class Settings(BaseModel):
    """data/site.yaml: what the site calls itself."""

    model_config = ConfigDict(extra="forbid", strict=True)

    title: Text = Field(description="the site's name, in the header and every page title")
    tagline: Text = Field(description="one line under the name on the home page")
    description: Text = Field(description="a sentence for search engines and link previews")
    publisher: Text = Field(description="who publishes the site, named in the footer")
    nav: list[NavItem] = Field(description="the main menu, in order; every page must exist")
    _nav_lines: list[int] = PrivateAttr(default_factory=list)
    base_url: HttpUrl = Field(
        description="where the site is published, ending in a slash: https://example.org/zones/;"
        " share links, the feed, the sitemap and citations use it"
    )
    licence: Licence = Field(
        default_factory=lambda: Licence(
            name="CC-BY-4.0",
            title="Creative Commons Attribution 4.0 International",
            url=HttpUrl("https://creativecommons.org/licenses/by/4.0/"),
        ),
        description="the licence of the site's own text, charts and data: CC BY 4.0 if omitted",
    )
    search: bool = Field(
        default=True,
        description="whether the site has a search page, and the index of its pages and zones"
        " that Pagefind makes for it at each build",
    )
    languages: list[Literal["en", "zh"]] = Field(
        default_factory=lambda: ["en"],
        description="the editions the site is published in, the first at the site's root and"
        " each other under its own folder: [en, zh] adds the Chinese edition under zh/",
    )
    zh: SettingsZh | None = zh_field()

    @field_validator("base_url")
    @classmethod
    def _plain_address(cls, url: HttpUrl) -> HttpUrl:
        return plain_address(url)

    @property
    def root_url(self) -> str:
        """base_url, always ending in a slash, to which a page's address is appended."""
        text = str(self.base_url)
        return text if text.endswith("/") else text + "/"


def plain_address(url: HttpUrl) -> HttpUrl:
    """`url`, if it can be a site's base_url: pages' addresses are appended to it, so it may
    have no ?query or #fragment. Raises ValueError otherwise."""
    if url.query or url.fragment:
        raise ValueError("base_url must be a plain address, without ?query or #fragment")
    return url


@dataclass(frozen=True)
class Project:
    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def templates(self) -> Path:
        return self._own_or_engine("templates")

    @property
    def static(self) -> Path:
        return self._own_or_engine("static")

    @property
    def locale(self) -> Path:
        """The catalogues of the interface text's translations (render/translations.py)."""
        return self._own_or_engine("locale")

    def _own_or_engine(self, name: str) -> Path:
        own = self.root / name
        return own if own.is_dir() else ENGINE_ROOT / name


def load_settings(project: Project, errors: ErrorCollector) -> Settings | None:
    path = project.data / "site.yaml"
    loaded = load_validated(
        Settings,
        path,
        errors,
        missing=(
            "the site settings file is missing",
            "create data/site.yaml with title, tagline, description and publisher",
        ),
    )
    if loaded.model is not None:
        loaded.model._nav_lines = list(loaded.data["nav"].item_lines)
    return loaded.model


def nav_line(settings: Settings, index: int) -> int | None:
    """The line of the menu's item `index` in data/site.yaml."""
    lines = settings._nav_lines
    return lines[index] if index < len(lines) else None
