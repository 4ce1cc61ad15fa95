"""What the editions in other languages than English still show in English: records and
narratives with no translation, interface messages the catalogue lacks, and English interface
text on a translated page. Each is a warning, so a preview still shows the page, and CI, which
checks with --strict, fails until it is translated."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from microsite.errors import ErrorCollector
from microsite.inputs.content import SiteContent
from microsite.inputs.project import ENGINE_ROOT, Project
from microsite.render import edition, translations
from microsite.render.languages import Language
from microsite.reuse import PLAIN, Reuse

EXTRACTION = "babel.cfg"  # at the engine's root: which files hold interface messages
TAG = re.compile(r"<[^>]+>")
# Text an edition shows in its readers' language only where the English has no other form:
# a source's own title, a zone's English name, a link's address, code, a script or a style.
KEPT_ELEMENTS = re.compile(
    r"<(script|style|code)\b.*?</\1>|<[^>]+\blang=\"en\"[^>]*>.*?</[a-z0-9]+>", re.DOTALL
)


@dataclass(frozen=True)
class Message:
    text: str  # the English, as the catalogue's msgid
    file: str  # where it is written, from the engine's root
    line: int
    context: str | None = None  # pgettext's context: one English word with two meanings


def untranslated(
    site: SiteContent, language: Language, project_root: Path, errors: ErrorCollector
) -> None:
    """A warning for each record or narrative the edition shows in English."""
    for file, what in edition.untranslated(site):
        errors.warn(
            project_root / file,
            None,
            f"not yet in the {language.name} edition: {what}",
            "add the translation as docs/editing.md explains (The Chinese edition); until then"
            " the page shows the English",
        )


def messages(engine_root: Path) -> list[Message]:
    """Every interface message in the templates and the engine, as babel.cfg says to find them."""
    config = engine_root / EXTRACTION
    with config.open(encoding="utf-8") as file:
        method_map, options_map = parse_mapping_cfg(file, filename=str(config))
    found = []
    for file_name, line, text, _comments, context in extract_from_dir(
        engine_root, method_map, options_map
    ):
        # ngettext gives (singular, plural): the catalogue keys it by its singular
        singular = text if isinstance(text, str) else text[0]
        found.append(Message(singular, file_name, line, context))
    return found


def missing_translations(
    found: Iterable[Message],
    catalogue: Catalog | None,
    catalogue_file: Path,
    engine_root: Path,
    errors: ErrorCollector,
) -> None:
    """A warning at each message the catalogue does not translate, or marks fuzzy."""
    for message in found:
        entry = (
            catalogue.get(message.text, context=message.context) if catalogue is not None else None
        )
        translated = entry is not None and _has_text(entry.string) and not entry.fuzzy
        if not translated:
            state = "marked fuzzy" if entry is not None and entry.fuzzy else "not translated"
            errors.warn(
                engine_root / message.file,
                message.line,
                f"interface text {message.text!r} is {state} in {catalogue_file.name}",
                f"add its translation to {_shown(catalogue_file, engine_root)} and remove any"
                " fuzzy flag (locale/README.md)",
            )


def english_on_pages(
    pages: dict[str, bytes], found: Iterable[Message], language: Language, errors: ErrorCollector
) -> None:
    """A warning for each translated page that shows a message of the interface in English:
    text a template writes without marking it for translation."""
    phrases = _phrases(found)
    for path, page in pages.items():
        text = _visible_text(page.decode("utf-8"))
        shown = [phrase for phrase in phrases if phrase in text]
        if shown:
            errors.warn(
                path,
                None,
                f"the {language.name} page shows English interface text: {shown[0]!r}",
                'mark the text for translation in its template, _("...") or {% trans %}, and'
                " translate it in the catalogue (locale/README.md)",
            )


def _phrases(found: Iterable[Message]) -> list[str]:
    """The English a page would show if a message went untranslated: each run of two words or
    more between its placeholders and markup, longest first so that the report names the most."""
    runs = set()
    for message in found:
        for run in re.split(r"%\([a-z_]+\)s|<[^>]+>|[.:;,()]", message.text):
            words = run.split()
            if len(words) >= 2 and all(word.isascii() for word in words):
                runs.add(" ".join(words))
    return sorted(runs, key=lambda run: (-len(run), run))


def _visible_text(page: str) -> str:
    body = page[page.find("<body") :]
    text = TAG.sub(" ", KEPT_ELEMENTS.sub(" ", body))
    return " ".join(html.unescape(text).split())


def _has_text(value: object) -> bool:
    if isinstance(value, tuple | list):
        return all(value)
    return bool(value)


def _shown(path: Path, root: Path) -> str:
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix()


def check(
    site: SiteContent,
    editions: tuple[Language, ...],
    files: dict[str, object],
    project: Project,
    errors: ErrorCollector,
    reuse: Reuse = PLAIN,
) -> None:
    """Every check above, for each edition in another language than English."""
    others = [language for language in editions if language.code != "en"]
    if not others:
        return
    engine = ENGINE_ROOT
    found = reuse.get("interface messages", _sources_state(engine), lambda: messages(engine))
    for language in others:
        untranslated(site, language, project.root, errors)
        catalogue = translations.read_catalogue(project.locale, language)
        path = translations.catalogue_path(project.locale, language)
        missing_translations(found, catalogue, path, engine, errors)
        pages = {
            path: page
            for path, page in files.items()
            if path.startswith(language.prefix)
            and path.endswith(".html")
            and isinstance(page, bytes)
        }
        english_on_pages(pages, found, language, errors)


def _sources_state(root: Path) -> tuple[tuple[str, int, int], ...]:
    """What the messages are extracted from, as it stands: each file's name, size and time."""
    paths = [root / EXTRACTION, *(root / "templates").rglob("*.html")]
    paths += (root / "microsite").rglob("*.py")
    return tuple(
        (path.as_posix(), stat.st_size, stat.st_mtime_ns)
        for path in sorted(paths)
        if path.is_file() and (stat := path.stat())
    )
