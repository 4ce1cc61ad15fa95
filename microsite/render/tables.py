"""A column of a download, described once for its CSV header and for the data package."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # a Frictionless Table Schema type: string, number, integer, boolean, date
    description: str
    required: bool = False
