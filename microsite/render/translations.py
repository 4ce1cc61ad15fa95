"""The interface text of an edition in another language than English: the gettext catalogue
in the repository, locale/<language>/LC_MESSAGES/messages.po, read as it is at each build (no
compiled .mo is kept beside it, so the two can never disagree)."""

from __future__ import annotations

import io
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from microsite.render.languages import Language
from microsite.reuse import PLAIN, Reuse

CATALOGUE_FOLDERS = {"zh": "zh_Hans"}  # as Babel's tools name a language's folder
DOMAIN = "messages"


def catalogue_path(locale_folder: Path, language: Language) -> Path:
    folder = CATALOGUE_FOLDERS[language.code]
    return locale_folder / folder / "LC_MESSAGES" / f"{DOMAIN}.po"


def catalogue_bytes(locale_folder: Path, language: Language) -> bytes | None:
    """The catalogue file as it stands, to tell whether it changed; None when it has none yet."""
    path = catalogue_path(locale_folder, language)
    return path.read_bytes() if path.is_file() else None


def read_catalogue(locale_folder: Path, language: Language) -> Catalog | None:
    """The language's catalogue, or None when it has none yet."""
    path = catalogue_path(locale_folder, language)
    if not path.is_file():
        return None
    with path.open("rb") as file:
        return read_po(file, locale=language.locale)


def catalogue(locale_folder: Path, language: Language, reuse: Reuse = PLAIN) -> Catalog | None:
    """The language's catalogue; through the build's `reuse`, parsed again only when the file
    changed (the render stage and the check both ask for it)."""
    return reuse.get(
        ("catalogue", language.code),
        catalogue_bytes(locale_folder, language),
        lambda: read_catalogue(locale_folder, language),
    )


def translations(catalogue: Catalog | None) -> Translations:
    """What gettext reads: the catalogue's translated messages. A message with no translation,
    or one marked fuzzy, shows in English (and the check reports it)."""
    compiled = io.BytesIO()
    if catalogue is not None:
        write_mo(compiled, catalogue, use_fuzzy=False)
        compiled.seek(0)
        return Translations(compiled, domain=DOMAIN)
    return Translations(None, domain=DOMAIN)
