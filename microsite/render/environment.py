"""The Jinja2 environment of an edition: strict about missing values, escaping everything by
default, its interface text and its numbers and dates in the edition's language."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from babel.support import NullTranslations
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from microsite import periods, units
from microsite.render import citation
from microsite.render.languages import ENGLISH, Language


def environment(
    templates: Path, language: Language = ENGLISH, translations: NullTranslations | None = None
) -> Environment:
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        auto_reload=False,  # a build makes a new environment when a template changes
        extensions=["jinja2.ext.i18n"],
    )
    # Interface text is marked for translation, _("Sources"); the English edition shows it as
    # written, and each other edition installs its catalogue (microsite/render/translations.py).
    if translations is None:
        env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    else:
        env.install_gettext_translations(translations, newstyle=True)  # type: ignore[attr-defined]
    env.filters["period"] = lambda period: periods.display(period, language=language.code)
    # The Facts page shows every digit of a value; prose, cards and charts round it.
    env.filters["in_unit"] = lambda value, unit: units.with_unit(
        Decimal(repr(value)), unit, exact=True, language=language.code
    )
    env.filters["exact"] = lambda fact: fact.exact_phrase
    env.filters["quoted_title"] = lambda title: citation.quoted_title(title, language.code)
    return env
