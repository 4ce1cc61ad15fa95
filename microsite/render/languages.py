"""The languages a site is published in: the first at the site's root, each other under a
folder of its own (zh/), every page at the same path within its edition."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str  # as data/site.yaml's `languages` names it: zh
    hreflang: str  # as HTML's lang and hreflang write it (BCP 47): zh-Hans
    locale: str  # as Babel and gettext name it (CLDR): zh_Hans_CN
    name: str  # what the language switch calls it, in the language itself: 中文
    og_locale: str  # as Open Graph names it, for link previews: zh_CN
    prefix: str = ""  # the folder of its edition: "" at the root, "zh/" beside it

    def path(self, neutral: str) -> str:
        """A page's path in this edition: stories/x/index.html -> zh/stories/x/index.html."""
        return self.prefix + neutral

    def neutral(self, path: str) -> str:
        """The path of a page of this edition within any edition: the inverse of `path`."""
        return path.removeprefix(self.prefix)


KNOWN = {
    "en": Language("en", "en", "en", "English", "en_GB"),
    "zh": Language("zh", "zh-Hans", "zh_Hans_CN", "中文", "zh_CN"),
}
ENGLISH = KNOWN["en"]


def editions(codes: list[str]) -> tuple[Language, ...]:
    """The site's languages in the order it lists them: the first at the root."""
    return tuple(
        KNOWN[code] if index == 0 else _under_folder(KNOWN[code])
        for index, code in enumerate(codes)
    )


def _under_folder(language: Language) -> Language:
    return dataclasses.replace(language, prefix=language.code + "/")
