"""Field types shared by the data files' schemas."""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, BeforeValidator, StringConstraints

from microsite import periods

KEY_PATTERN = r"^[a-z][a-z0-9_]*$"

Key = Annotated[
    str,
    StringConstraints(pattern=KEY_PATTERN, max_length=80),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


def _year_as_text(value: object) -> object:
    """An unquoted year (2024) is read by YAML as a number: accept it as the text it means."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _number_only(value: object) -> object:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("must be a plain number such as 16.9 or 85000, without units or quotes")
    return value


Number = Annotated[int | float, BeforeValidator(_number_only)]
Period = Annotated[str, BeforeValidator(_year_as_text), AfterValidator(periods.check)]
