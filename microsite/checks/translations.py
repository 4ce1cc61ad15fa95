"""What the editions in other languages than English still show in English: records and
narratives with no translation, interface messages the catalogue lacks, and English interface
text on a translated page. Each is a warning, so a preview still shows the page, and CI, which
checks with --strict, fails until it is translated."""

from __future__ import annotations

import functools
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg

from microsite.checks.pieces import read_in_pieces
from microsite.errors import ErrorCollector, SiteError
from microsite.inputs.content import SiteContent
from microsite.inputs.project import ENGINE_ROOT, Project
from microsite.render import edition, translations
from microsite.render.languages import Language
from microsite.reuse import PLAIN, Reuse

EXTRACTION = "babel.cfg"  # at the engine's root: which files hold interface messages
TAG = re.compile(r"<[^>]+>")
LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9 ,.;:'’()-]*[A-Za-z]")
# Text a translated page shows in English on purpose: an element marked lang="en" (a zone's
# English name, a source's own title) and code. Each pattern starts with a literal, which the
# regular expression engine finds quickly in a page of megabytes.
KEPT_ELEMENTS = re.compile(r'lang="en"[^>]*>[^<]*|<code>[^<]*')
# Text a reader sees or hears without it being in the page's flow: a tooltip, an image's alt
# text, a control's label, a search box's hint.
SAID_IN_ATTRIBUTES = re.compile(r'\s(?:title|alt|aria-label|placeholder|data-filter)="([^"]*)"')


@dataclass(frozen=True)
class Message:
    text: str  # the English, as the catalogue's msgid
    file: str  # where it is written, from the engine's root
    line: int
    context: str | None = None  # pgettext's context: one English word with two meanings


def untranslated(
    site: SiteContent,
    language: Language,
    project_root: Path,
    errors: ErrorCollector,
    reuse: Reuse = PLAIN,
) -> None:
    """A warning for each record or narrative the edition shows in English."""
    found = edition.untranslated(site, reuse)
    errors.warnings += reuse.get(
        ("untranslated", language.code),
        found,
        lambda: _untranslated_warnings(found, language, project_root),
    )


def _untranslated_warnings(
    found: list[tuple[str, str]], language: Language, project_root: Path
) -> list[SiteError]:
    warnings = ErrorCollector(project_root)
    for file, what in found:
        warnings.warn(
            file,  # already as the editor knows it: data/facts/economy.yaml
            None,
            f"not yet in the {language.name} edition: {what}",
            "add the translation as docs/editing.md explains (The Chinese edition); until then"
            " the page shows the English",
        )
    return warnings.warnings


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
    pages: dict[str, bytes],
    found: list[Message],
    language: Language,
    errors: ErrorCollector,
    reuse: Reuse = PLAIN,
) -> None:
    """A warning for each translated page that shows a message of the interface in English:
    text a template writes without marking it for translation. A page kept from the last
    build is not read again, nor the unchanged pieces of a long page."""
    phrases = reuse.get("english phrases", found, lambda: _phrases(found))
    for path, page in pages.items():
        shown = reuse.get(
            ("english shown", path),
            (page, phrases),
            lambda path=path, page=page: _shown_in_pieces(path, page, phrases, reuse),
        )
        if shown:
            first = shown[0]
            errors.warn(
                path,
                None,
                f"the {language.name} page shows English interface text: {first!r}",
                'mark the text for translation in its template, _("...") or {% trans %}, and'
                " translate it in the catalogue (locale/README.md)",
            )


def _shown_in_pieces(
    path: str, page: bytes, phrases: tuple[str, ...], reuse: Reuse
) -> tuple[str, ...]:
    """The phrases a page shows, in the order of `phrases`; a long page read piece by piece,
    each piece again only if it changed."""
    key = ("english shown", path)
    read = functools.partial(_shown_on, phrases=phrases)
    shown = {
        phrase for found in read_in_pieces(page, key, read, reuse, phrases) for phrase in found
    }
    return tuple(phrase for phrase in phrases if phrase in shown)


def _shown_on(page: bytes, phrases: tuple[str, ...]) -> list[str]:
    """The phrases a page, or a piece of one, shows. A translated page holds few runs of Latin
    text (names, a source's own title): each phrase is looked for in those, not in the whole
    page."""
    runs = {run for run in LATIN_RUN.findall(_visible_text(page.decode("utf-8"))) if " " in run}
    return [phrase for phrase in phrases if any(phrase in run for run in runs)]


def _phrases(found: Iterable[Message]) -> tuple[str, ...]:
    """The English a page would show if a message went untranslated: each run of two words or
    more between its placeholders and markup, longest first so that the report names the most."""
    runs = set()
    for message in found:
        for run in re.split(r"%\([a-z_]+\)s|<[^>]+>|[.:;,()]", message.text):
            words = run.split()
            if len(words) >= 2 and all(word.isascii() for word in words):
                runs.add(" ".join(words))
    return tuple(sorted(runs, key=lambda run: (-len(run), run)))


def _visible_text(page: str) -> str:
    """The page's text: its body without tags, and what its tooltips, alt texts and labels say.
    What is marked lang="en" (a zone's English name, a source's own title) is English on
    purpose, and is left out."""
    body = page[max(page.find("<body"), 0) :]  # a piece after the first has no <body>
    said = " ".join(SAID_IN_ATTRIBUTES.findall(body))
    return html.unescape(TAG.sub(" ", KEPT_ELEMENTS.sub(">", body)) + " " + said)


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
        untranslated(site, language, project.root, errors, reuse)
        catalogue = translations.catalogue(project.locale, language, reuse)  # as rendered
        path = translations.catalogue_path(project.locale, language)
        missing_translations(found, catalogue, path, engine, errors)
        pages = {
            path: page
            for path, page in files.items()
            if path.startswith(language.prefix)
            and path.endswith(".html")
            and isinstance(page, bytes)
        }
        english_on_pages(pages, found, language, errors, reuse)


def _sources_state(root: Path) -> tuple[tuple[str, int, int], ...]:
    """What the messages are extracted from, as it stands: each file's name, size and time."""
    paths = [root / EXTRACTION, *(root / "templates").rglob("*.html")]
    paths += (root / "microsite").rglob("*.py")
    return tuple(
        (path.as_posix(), stat.st_size, stat.st_mtime_ns)
        for path in sorted(paths)
        if path.is_file() and (stat := path.stat())
    )
