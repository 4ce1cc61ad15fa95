"""Build, check or preview the zones microsite.

python build.py                      build the site into site/
python build.py build --out DIR      build it into DIR
python build.py check                read and check everything, write nothing
python build.py schemas              write the data files' JSON Schemas into schemas/
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from microsite import builder, schemas
from microsite.errors import BuildFailed
from microsite.writer import OutputRefused

HERE = Path(__file__).resolve().parent


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    root = args.root.resolve()
    out = args.out or root / "site"
    if args.command == "schemas":
        written = schemas.export(root / "schemas")
        print(f"Wrote {len(written)} schemas into {_shown(root / 'schemas')}")
        return 0
    try:
        if args.command == "check":
            summary = builder.check(root)
            print(
                f"All good: {summary.facts} facts, {summary.charts} charts, "
                f"{summary.pages} pages checked."
            )
        else:
            summary = builder.build(root, out)
            print(f"Built {summary.pages} pages ({summary.files} files) into {_shown(out)}")
    except BuildFailed as failure:
        for error in failure.errors:
            print(error, file=sys.stderr)
        count = len(failure.errors)
        problems = "1 problem" if count == 1 else f"{count} problems"
        unchanged = (
            "nothing was written" if args.command == "check" else f"{_shown(out)} was not changed"
        )
        print(f"{problems} found; {unchanged}.", file=sys.stderr)
        return 1
    except (OutputRefused, OSError) as error:
        print(f"cannot write the site: {error}", file=sys.stderr)
        print(f"{_shown(out)} was not changed.", file=sys.stderr)
        return 1
    return 0


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
        choices=("build", "check", "schemas"),
        default="build",
        help="build (the default) writes the site; check only validates; "
        "schemas exports the data files' JSON Schemas",
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
    return parser


if __name__ == "__main__":
    sys.exit(main())
