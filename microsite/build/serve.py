"""`build.py serve`: a preview on 127.0.0.1 that rebuilds on every save and reloads the page.

The preview is built into a temporary folder with the same code as `build`, so what it shows is
what `build` writes. A broken edit leaves the last good site being served and shows the errors
in the terminal and over the page; fixing them reloads the page.

Search is indexed by the first build; a rebuild keeps that index, so that a save shows at
once, and the preview indexes the pages again once no file has changed for SEARCH_PAUSE
seconds.
"""

from __future__ import annotations

import dataclasses
import functools
import http.server
import json
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import watchfiles

from microsite.build import builder
from microsite.build.rendering import ReusingRenderer
from microsite.build.writer import OutputRefused
from microsite.errors import BuildFailed, counted
from microsite.inputs.project import Project
from microsite.render.page import Page

PREFIX = "/__preview/"
CLIENT = Path(__file__).with_name("preview.js")
WATCHED = ("data", "content", "templates", "static")
STOPPING = (signal.SIGTERM, signal.SIGHUP)
SEARCH_PAUSE = 2.0  # seconds without a change before the search index is brought up to date


@dataclass
class State:
    """What the browser asks about: which build is current and what is wrong, if anything;
    and, until the first build is written, the renderer that answers page requests early."""

    version: int = 0
    errors: str = ""
    warnings: str = ""  # of the last good build: --strict, and so CI, would refuse them
    lock: threading.Lock = field(default_factory=threading.Lock)
    early: Early | None = None
    built: threading.Event = field(default_factory=threading.Event)
    # Held while a rebuild rewrites a file in place: a file is read whole, never half written.
    writing: threading.Lock = field(default_factory=threading.Lock)

    def as_json(self) -> bytes:
        with self.lock:
            shown = {"version": self.version, "errors": self.errors, "warnings": self.warnings}
            return json.dumps(shown).encode()


class Early:
    """Pages rendered on request while the first build is still under way, so that a large
    site's first page shows as soon as its data is read."""

    def __init__(self, renderer: ReusingRenderer) -> None:
        self.renderer = renderer
        # The page a preview is opened on, ready at once; the others are listed when first
        # asked for, which takes a large site a tenth of a second.
        self.home = renderer.home_page()
        self.pages: dict[str, Page] | None = None
        self.listing = threading.Lock()

    def file(self, site_path: str) -> bytes | None:
        if site_path in self.renderer.files:  # the static files, ready from the start
            content = self.renderer.files[site_path]
            return content if isinstance(content, bytes) else content.data()
        try:
            page = self._page(site_path)
            return None if page is None else self.renderer.render_page(page).html
        except BuildFailed:
            return None  # the build itself reports the problem

    def _page(self, site_path: str) -> Page | None:
        if site_path == self.home.path:
            return self.home
        with self.listing:
            if self.pages is None:
                self.pages = {page.path: page for page in self.renderer.pages()}
        return self.pages.get(site_path)


def run(root: Path, port: int, options: builder.Options) -> int:
    # Stopped by the system (SIGTERM) or by closing its terminal (SIGHUP), the preview ends as
    # on Ctrl+C: its temporary folder removed, not left behind in /tmp for every run. A signal
    # the preview was started to ignore (nohup) stays ignored.
    stopping = threading.Event()
    on_signal = functools.partial(_stop, os.getpid(), stopping)
    previous = {
        number: signal.signal(number, on_signal)
        for number in STOPPING
        if signal.getsignal(number) is not signal.SIG_IGN
    }
    scratch = None
    try:
        scratch = Path(tempfile.mkdtemp(prefix="zones-preview-"))
        return _serve(root, port, options, scratch / "site", stopping)
    except KeyboardInterrupt:
        return 0
    finally:
        for number in previous:  # a second signal must not cut the clean-up short
            signal.signal(number, signal.SIG_IGN)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
        for number, handler in previous.items():
            signal.signal(number, handler)


def _stop(preview: int, stopping: threading.Event, number: int, frame: object) -> None:
    if os.getpid() != preview:
        # A worker forked by the first build, stopped by its pool or with the preview: it
        # ends as the system would end it, with nothing of the preview's to clean up.
        signal.signal(number, signal.SIG_DFL)
        os.kill(os.getpid(), number)
        return
    # Only noted: the preview stops between builds. An exception raised from here could land
    # where Python ignores it (a handler run at a fork, say) and the stop would be lost.
    stopping.set()


def first_build(options: builder.Options) -> builder.Options:
    """How the preview builds first: it keeps the fact files as it parsed them, for its next
    run, writes into its own temporary folder, and collects a build's garbage once the editor
    pauses."""
    return dataclasses.replace(options, keep_parsed=True, own_output=True, tidy_later=True)


def later_builds(options: builder.Options) -> builder.Options:
    """How the preview builds after each save: in one process (its server and watcher run in
    threads, and forking is unsafe), its search index made again once the editor pauses."""
    return dataclasses.replace(first_build(options), workers=1, search_later=True)


def _serve(
    root: Path, port: int, options: builder.Options, out: Path, stopping: threading.Event
) -> int:
    state = State()
    try:
        # Bound now, served once the data is read: a browser's first request waits in the queue.
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), _handler(out, state))
    except OSError as error:
        print(f"cannot serve on 127.0.0.1:{port}: {error.strerror}; try --port", file=sys.stderr)
        return 1
    serving = threading.Thread(target=server.serve_forever, daemon=True)

    def serve_early(renderer: ReusingRenderer) -> None:
        state.early = Early(renderer)
        serving.start()

    try:
        # The first build may read in several processes: no thread runs yet. Once the server
        # and the watcher run, forking is unsafe, so every later build stays in one process.
        preview = builder.Builder(root, first_build(options))
        preview.stop_requested = stopping.is_set  # a long first build stops between pages
        preview.writing = state.writing
        rebuild(preview, out, state, serve_early)
        preview.options = later_builds(options)
        state.early = None
        state.built.set()
        if stopping.is_set():  # asked to stop during the first build
            return 0
        if not serving.is_alive():  # the first build failed before its data was read
            serving.start()
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        _watch(root, preview, out, state, address, stopping)
    finally:
        if serving.is_alive():  # shutdown() would wait for ever on a server never started
            server.shutdown()
        server.server_close()
    return 0


def _watch(
    root: Path,
    preview: builder.Builder,
    out: Path,
    state: State,
    address: str,
    stopping: threading.Event,
) -> None:
    announced = False
    changed = time.monotonic()
    # The first (timed-out) round tells us the watcher is running: only then is the address
    # announced, so that no save between the two can go unseen.
    for changes in watchfiles.watch(
        *_watched(root), yield_on_timeout=True, rust_timeout=300, stop_event=stopping
    ):
        if not announced:
            print(
                f"Serving on {address} (rebuilt on every change to "
                f"{', '.join(WATCHED)}; Ctrl+C stops)",
                flush=True,
            )
            announced = True
        if changes and not stopping.is_set():
            rebuild(preview, out, state)
            changed = time.monotonic()
        elif preview.untidy:  # the editor paused: the last build's garbage, out of the way
            preview.tidy()
        elif preview.search_due is not None and time.monotonic() - changed >= SEARCH_PAUSE:
            refresh_search(preview)


def _watched(root: Path) -> list[Path]:
    project = Project(root)
    folders = {project.data, project.content, project.templates, project.static}
    return sorted(folder for folder in folders if folder.is_dir())


def rebuild(
    preview: builder.Builder,
    out: Path,
    state: State,
    after_read: Callable[[ReusingRenderer], None] | None = None,
) -> None:
    warnings = ""
    try:
        summary = preview.build(out, after_read)
    except builder.BuildStopped:
        return  # the preview is stopping: nothing to report
    except BuildFailed as failure:
        report = "\n".join(str(error) for error in failure.errors)
        found = counted(len(failure.errors), "problem")
        print(
            f"{report}\n{found} found; still serving the last good build.",
            file=sys.stderr,
            flush=True,
        )
    except (OutputRefused, OSError) as error:
        report = f"cannot write the preview: {error}"
        print(report, file=sys.stderr, flush=True)
    else:
        report = ""
        warnings = "\n".join(str(warning) for warning in summary.warnings)
        warned = f", {counted(len(summary.warnings), 'warning')}" if summary.warnings else ""
        print(f"Rebuilt {summary.pages} pages{warned}.", flush=True)
        if warnings:
            print(warnings, file=sys.stderr, flush=True)
    with state.lock:
        state.version += 1
        state.errors = report
        if not report:  # a broken build keeps the warnings of the page still shown
            state.warnings = warnings


def refresh_search(preview: builder.Builder) -> None:
    """Index the pages the last rebuilds changed. The page is not reloaded: the next search
    reads the new index."""
    try:
        preview.refresh_search()
    except BuildFailed as failure:
        problem = "\n".join(str(error) for error in failure.errors)
    except OSError as error:
        problem = f"cannot write the search index: {error}"
    else:
        print("Search index brought up to date.", flush=True)
        return
    print(f"{problem}\nSearch finds what it found before.", file=sys.stderr, flush=True)
    preview.search_due = None  # not tried again until the next change


class PreviewHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the preview's folder, the status the page polls, and pages the first build has
    not written yet (from its renderer). `out` and `state` are set by _handler()."""

    out: Path
    state: State

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, directory=str(self.out), **kwargs)

    def do_GET(self) -> None:
        if self.path == PREFIX + "status":
            self._send(self.state.as_json(), "application/json")
        elif self.path == PREFIX + "preview.js":
            self._send(CLIENT.read_bytes(), "text/javascript")
        elif (early := self._early()) is not None:
            if self._is_page():
                self._send_with_reload(early)
            else:
                self._send(early, self.guess_type(self._site_path()))
        elif self._is_page():
            self._send_page()
        else:
            self._send_file()

    def _address(self) -> str:
        return self.path.split("?")[0].split("#")[0]

    def _site_path(self) -> str:
        path = self._address().lstrip("/")
        return path + "index.html" if path.endswith("/") or not path else path

    def _is_page(self) -> bool:
        return self._address().endswith(("/", ".html"))

    def _early(self) -> bytes | None:
        """While the first build is under way: the file from its renderer, or (for one
        it cannot make yet) None once the build has written it."""
        early = self.state.early
        if early is None:
            return None
        content = early.file(self._site_path())
        if content is None:
            self.state.built.wait()
        return content

    def _send_page(self) -> None:
        path = Path(self.translate_path(self.path))
        html = self._read(path / "index.html" if path.is_dir() else path)
        if html is None:
            self.send_error(404, "no such page in the preview")
            return
        self._send_with_reload(html)

    def _send_file(self) -> None:
        path = Path(self.translate_path(self.path))
        if path.is_dir():  # a folder's address without its slash: sent on to it
            super().do_GET()
            return
        content = self._read(path)
        if content is None:
            self.send_error(404, "no such file in the preview")
            return
        self._send(content, self.guess_type(str(path)))

    def _read(self, path: Path) -> bytes | None:
        """The file whole, read while no rebuild writes; None if there is none."""
        with self.state.writing:
            try:
                return path.read_bytes() if path.is_file() else None
            except OSError:
                return None

    def _send_with_reload(self, html: bytes) -> None:
        html = html.replace(
            b"</body>", f'<script src="{PREFIX}preview.js" defer></script></body>'.encode()
        )
        self._send(html, "text/html; charset=utf-8")

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass  # the terminal is for build messages


def _handler(out: Path, state: State) -> type[PreviewHandler]:
    """The handler class for one preview: its folder and its state."""
    return type("Handler", (PreviewHandler,), {"out": out, "state": state})
