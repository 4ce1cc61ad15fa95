"""Site-wide search: Pagefind's index of the rendered pages, and one record for each zone, made
in memory before the site is written and written with it under pagefind/.

A page is indexed when its template marks its content with `data-pagefind-body` (base.html
marks what <main> holds); feeds, embeds and the search page itself carry no mark and are left
out. Pagefind keeps an index for each language, as each page's <html lang> names it, and a
search page opens its own language's: the English search page finds English pages and the
Chinese one (zh/search/) Chinese pages, each with a record for every zone at its row in that
edition's directory. Chinese text is split into words by Pagefind's extended indexer
(pagefind-bin-extended), so 开发区 finds 昆山经济技术开发区. The index is the same bytes for
the same pages and zones, so two builds of one project stay identical.
"""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import importlib.util
import json
import os
from collections.abc import Coroutine, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from pagefind.service import PagefindService

from microsite.errors import BuildFailed, SiteError
from microsite.inputs.zones import Zone
from microsite.render.languages import ENGLISH, Language, editions
from microsite.render.page import SiteFile

T = TypeVar("T")
FOLDER = "pagefind/"
CHUNK = 1 << 16  # bytes read from Pagefind at a time
MARK = b"data-pagefind-body"
EXTENDED = "pagefind_bin_extended"  # the indexer that splits Chinese text into words
# The search page uses Pagefind's default UI only: its other interfaces are not shipped.
UNUSED = (
    "pagefind-component-ui.",
    "pagefind-modular-ui.",
    "pagefind-highlight.js",
    "playground/",
)


@dataclass(frozen=True)
class Record:
    """A search result that is not a page: a zone's row in the directory."""

    url: str  # from the site's root, as Pagefind gives pages': /zones/#dalian
    title: str
    text: str
    # The index it is in: its edition's <html lang> as Pagefind names indexes, in lower case
    # (zh-hans). Written as the page writes it (zh-Hans), it would sit in an index of its own
    # that no search page opens.
    language: str = "en"


@dataclass(frozen=True)
class Searched:
    """What an index is made of: the pages to index, by site path, and the records."""

    pages: dict[str, bytes]
    records: tuple[Record, ...]
    languages: tuple[str, ...] = ("en",)  # the site's, as data/site.yaml names them


@dataclass(frozen=True)
class Index:
    made_from: Searched
    files: dict[str, bytes]  # site path (pagefind/...) -> bytes


def searched(
    files: Mapping[str, SiteFile], zones: Sequence[Zone], languages: Sequence[str] = ("en",)
) -> Searched:
    """The pages of a rendered site that ask to be indexed, and a record for each zone in each
    of the site's `languages` (data/site.yaml's codes, the first at the site's root)."""
    pages = {
        path: content
        for path, content in sorted(files.items())
        if path.endswith(".html") and isinstance(content, bytes) and MARK in content
    }
    records = tuple(
        zone_record(zone, edition) for edition in editions(list(languages)) for zone in zones
    )
    return Searched(pages, records, tuple(languages))


def zone_record(zone: Zone, edition: Language = ENGLISH) -> Record:
    """The zone's row in `edition`'s directory, found by its names (昆山 or Kunshan) and where
    it is, in the edition's language."""
    url = f"/{edition.prefix}zones/#{zone.id}"
    language = edition.hreflang.lower()
    if edition.code == "zh":
        return Record(url, zone.name_zh, _chinese_text(zone), language)
    name_zh, name_en = zone.row.name_zh, zone.name_en
    province = zone.province
    where = f"{province.name_en} ({province.name_zh}), {zone.city}"
    status = " Withdrawn." if zone.withdrawn else ""
    return Record(
        url, f"{name_zh} · {name_en}", f"{name_zh}, {name_en}. {where}.{status}", language
    )


def _chinese_text(zone: Zone) -> str:
    """昆山经济技术开发区，Kunshan ETDZ。江苏，苏州(昆山)。 as the Chinese directory shows it: a
    withdrawal not confirmed in a source is reported as such, as the row's badge reports it."""
    text = f"{zone.name_zh}，{zone.name_en}。{zone.province.name_zh}，{zone.city}。"
    if zone.withdrawal_confirmed:
        return text + "已撤销。"
    if zone.withdrawn:
        return text + "据报已撤销，未经证实。"
    return text


def index(wanted: Searched) -> Index:
    """Pagefind's index of `wanted`, as the files to write under pagefind/."""
    if "zh" in wanted.languages and not _splits_chinese():
        raise BuildFailed([_not_extended()])
    try:
        files = _run(_index(wanted))
    except FileNotFoundError:  # the wrapper's word for "no pagefind binary"
        raise BuildFailed([_not_installed()]) from None
    except IndexingFailed as failure:
        raise BuildFailed([_indexing_failed(str(failure))]) from None
    return Index(wanted, files)


def _run(work: Coroutine[Any, Any, T]) -> T:
    """`work` run to its end, also from a thread whose event loop is running (a notebook, or
    Playwright's in the browser tests), where asyncio.run refuses: then in a thread of its own."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        return thread.submit(asyncio.run, work).result()


class IndexingFailed(Exception):
    """Pagefind refused a page or a record."""


async def _index(wanted: Searched) -> dict[str, bytes]:
    async with _Service() as service:
        pagefind = await service.create_index({})
        for path, html in wanted.pages.items():
            url = "/" + path.removesuffix("index.html")
            await pagefind.add_html_file(content=html.decode(), url=url)
        for record in wanted.records:
            await pagefind.add_custom_record(
                url=record.url,
                content=record.text,
                language=record.language,
                meta={"title": record.title},
            )
        return _bundle(await pagefind.get_files())


def _bundle(written: list[Any]) -> dict[str, bytes]:
    """The bundle as site files, without the interfaces and languages the site does not use."""
    files = {file["path"]: file["content"] for file in written}
    entry = json.loads(files["pagefind-entry.json"])
    # Pagefind lists the languages in an order of its own, which changes from run to run.
    entry["languages"] = dict(sorted(entry["languages"].items()))
    files["pagefind-entry.json"] = json.dumps(
        entry, ensure_ascii=False, separators=(",", ":")
    ).encode()
    # Each language's WebAssembly, its stemmer; a language with none (Chinese) uses "unknown"'s,
    # as pagefind.js asks for it.
    wasm = {
        f"wasm.{language['wasm'] or 'unknown'}.pagefind" for language in entry["languages"].values()
    }
    return {
        FOLDER + name: files[name]
        for name in sorted(files)
        if not name.startswith(UNUSED) and (name in wasm or not name.startswith("wasm."))
    }


class _Service(PagefindService):
    """Pagefind's service, reading each reply as it comes. The wrapper (1.5.2) sleeps 0.1 s
    before reading each reply, which makes every page and record cost a tenth of a second:
    30 s for a site of 300 pages and zones, instead of a third of one."""

    async def _wait_for_responses(self) -> None:
        # Replies end with a comma, which base64 never holds. Read in chunks rather than up to
        # each comma: the index comes back as one reply, larger than the wrapper's 2 MiB
        # buffer on a large site.
        assert self._backend.stdout is not None
        pending = bytearray()
        try:
            while chunk := await self._backend.stdout.read(CHUNK):
                pending += chunk
                if b"," in chunk:
                    *replies, rest = bytes(pending).split(b",")
                    pending = bytearray(rest)
                    for reply in replies:
                        self._answer(json.loads(base64.b64decode(reply)))
        except ValueError as error:  # not a reply
            self._fail(f"it answered in a way we cannot read ({error})")
        self._fail("it stopped")

    def _fail(self, why: str) -> None:
        for waiting in self._responses.values():
            if not waiting.done():
                waiting.set_exception(IndexingFailed(why))

    def _answer(self, reply: dict[str, Any]) -> None:
        payload = reply["payload"]
        number = reply.get("message_id")
        if number is None and payload.get("original_message"):  # a request it could not read
            number = json.loads(payload["original_message"]).get("message_id")
        waiting = self._responses.get(number)
        if waiting is None or waiting.done():
            return
        if payload["type"] == "Error":
            waiting.set_exception(IndexingFailed(payload.get("message", "")))
        else:
            waiting.set_result(payload)

    async def close(self) -> None:
        # Every request has been answered (each is awaited in turn): stop at once, where the
        # wrapper's close would raise a failed request's error again and leave the process.
        self._poll_task.cancel()
        self._backend.terminate()
        await self._backend.wait()


def _not_installed() -> SiteError:
    return SiteError(
        "pyproject.toml",
        None,
        "the search indexer, Pagefind, is not installed",
        "run `python -m pip install -e .` in the project folder (see the README's set-up), "
        "or set `search: false` in data/site.yaml to build the site without search",
    )


def _splits_chinese() -> bool:
    """Whether the indexer is the extended one, which splits Chinese text into words: the one
    the wrapper chooses first when installed, unless PAGEFIND_BINARY_PATH names another (which
    it then takes on trust)."""
    return "PAGEFIND_BINARY_PATH" in os.environ or importlib.util.find_spec(EXTENDED) is not None


def _not_extended() -> SiteError:
    return SiteError(
        "pyproject.toml",
        None,
        "the Chinese edition's search needs Pagefind's extended indexer (pagefind-bin-extended),"
        " which splits Chinese text into words, and it is not installed",
        "run `python -m pip install -e .` in the project folder (see the README's set-up)",
    )


def _indexing_failed(message: str) -> SiteError:
    return SiteError(
        "data/site.yaml",
        None,
        f"Pagefind could not index the site: {message}",
        "set `search: false` in data/site.yaml to build without search, and report this",
    )
