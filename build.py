"""Build, check or preview the zones microsite.

python build.py                      build the site into site/
python build.py build --out DIR      build it into DIR
python build.py check                read and check everything, write nothing
python build.py check --strict       ... and treat warnings as errors (CI does)
python build.py check --since REV    ... and fail where a fact changed since REV uncorrected
python build.py serve                preview on http://127.0.0.1:8000/, rebuilt on every save
python build.py schemas              write the data files' JSON Schemas into schemas/,
                                     and their fields into docs/data-files.md
python build.py build --timings      ... and say how long each step took
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pydantic import HttpUrl

from microsite.build import builder
from microsite.build.writer import OutputRefused
from microsite.errors import BuildFailed, counted
from microsite.inputs import data_files_doc, json_schemas
from microsite.inputs.project import plain_address

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    out = args.out or root / "site"
    if args.command == "schemas":
        written = json_schemas.export(root / "schemas")
        page = data_files_doc.write(root / "docs" / "data-files.md")
        shown_page = _shown(page.parent).rstrip("/") + "/" + page.name
        print(f"Wrote {len(written)} schemas into {_shown(root / 'schemas')} and {shown_page}")
        return 0
    if args.command == "serve":
        from microsite.build import serve  # only the preview needs the file watcher

        return serve.run(root, port=args.port, options=_options(args))
    try:
        summary = _check_or_build(args, root, out)
    except BuildFailed as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        problems = counted(len(failure.errors), "problem")
        unchanged = (
            "nothing was written" if args.command == "check" else f"{_shown(out)} was not changed"
        )
        print(f"{problems} found; {unchanged}.", file=sys.stderr)
        return 1
    except (OutputRefused, OSError) as error:
        print(f"cannot write the site: {error}", file=sys.stderr)
        print(f"{_shown(out)} was not changed.", file=sys.stderr)
        return 1
    for warning in summary.warnings:
        print(warning, file=sys.stderr)
    if args.timings:
        steps = ", ".join(f"{step} {seconds:.2f} s" for step, seconds in summary.timings)
        print(f"Timings: {steps}", file=sys.stderr)
    return 0


def _check_or_build(args: argparse.Namespace, root: Path, out: Path) -> builder.Summary:
    options = _options(args)
    if args.command == "check":
        summary = builder.check(root, options)
        print(
            f"All good: {summary.facts} facts, {summary.charts} charts, "
            f"{summary.pages} pages checked{_warned(summary)}."
        )
    else:
        summary = builder.build(root, out, options)
        print(
            f"Built {summary.pages} pages ({summary.files} files) into {_shown(out)}"
            f"{_warned(summary)}"
        )
    return summary


def _options(args: argparse.Namespace) -> builder.Options:
    return builder.Options(strict=args.strict, since=args.since, base_url=args.base_url)


def _base_url(text: str) -> str:
    try:
        return str(plain_address(HttpUrl(text)))  # data/site.yaml's base_url is checked alike
    except ValueError:  # pydantic's ValidationError is one
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a plain web address: write it in full, without ?query or "
            "#fragment, such as https://example.org/zones/"
        ) from None


def _warned(summary: builder.Summary) -> str:
    count = len(summary.warnings)
    if not count:
        return ""
    return f", with {count} warning{'s' if count > 1 else ''} (--strict makes them errors)"


def _shown(path: Path) -> str:
    """A path as short as it can be said: relative to the working folder where possible."""
    try:
        return path.resolve().relative_to(Path.cwd()).as_posix() + "/"
    except ValueError:
        return str(path)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="build.py", description=__doc__.splitlines()[0])
    parser.add_argument(
        "command",
        nargs="?",
        choices=("build", "check", "serve", "schemas"),
        default="build",
        help="build (the default) writes the site; check only validates; serve previews it "
        "with live reload; schemas exports the data files' JSON Schemas and docs/data-files.md",
    )
    parser.add_argument(
        "--out",
        type=Path,
        default=None,
        help="folder to build into (default: site/ in the project folder)",
    )
    parser.add_argument(
        "--root",
        type=Path,
        default=HERE,
        help="project folder holding data/ and content/ (default: this one)",
    )
    parser.add_argument(
        "--timings",
        action="store_true",
        help="print how long each step of the build took",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="treat warnings (unused facts, overdue reviews, typed numbers) as errors",
    )
    parser.add_argument(
        "--since",
        metavar="REV",
        default=None,
        help="fail where a fact's value changed since git revision REV without a correction entry",
    )
    parser.add_argument(
        "--base-url",
        metavar="URL",
        type=_base_url,
        default=None,
        help="publish for this address instead of data/site.yaml's base_url (CI's Pages URL)",
    )
    parser.add_argument("--port", type=int, default=8000, help="serve: the port (default 8000)")
    return parser


if __name__ == "__main__":
    sys.exit(main())
