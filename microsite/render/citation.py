"""Ready citations of a fact or a chart: what it is, where on this site, and where it came from.

The reader's date of access cannot be known when the site is built: a citation is the text
before that date and the text after it, and the page puts a marked place between them, which
its script fills with the reader's date (templates/_share.html, static/share.js)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from microsite import periods
from microsite.inputs.charts import Chart
from microsite.inputs.facts import Fact
from microsite.inputs.sources import Source


@dataclass(frozen=True)
class Citation:
    title: str  # what is cited, in quotation marks in the citation
    site: str
    publisher: str
    url: str
    original: str  # where the figures came from, in words

    def before_date(self) -> str:
        return f"{self.publisher}. “{self.title}”. {self.site}, {self.url}, accessed "

    def after_date(self) -> str:
        return f". {self.original}"


def for_fact(fact: Fact, site: str, publisher: str, url: str) -> Citation:
    title = f"{fact.label}, {periods.display(fact.period)}: {fact.exact_phrase}"
    if fact.derived:
        original = f"Calculated by {site} from figures in {_sources(fact.sources)}."
    else:
        original = f"Original source: {_sources(fact.sources)}."
    return Citation(title, site, publisher, url, original)


def for_chart(chart: Chart, site: str, publisher: str, url: str, data_url: str) -> Citation:
    # A chart can draw on a dozen articles: the citation names their publishers, and the
    # chart's data file names the article behind each point.
    publishers = "; ".join(source.publisher for source in chart.publishers)
    calculated = f"; calculations by {site}" if chart.has_derived else ""
    original = f"Data: {publishers}{calculated}; each figure's source: {data_url}."
    return Citation(f"{chart.title} [chart]", site, publisher, url, original)


def _sources(sources: Iterable[Source]) -> str:
    return "; ".join(_source(source) for source in sources)


def _source(source: Source) -> str:
    title = source.title if source.title_is_description else f"“{source.title}”"
    dated = f", {periods.display(source.date)}" if source.date else ""
    return f"{source.publisher}, {title}{dated}, {source.address}"


def for_dataset(site: str, publisher: str, url: str) -> Citation:
    original = f"Compiled from the sources named in sources.csv: {url}sources.csv."
    return Citation(f"{site}: the data", site, publisher, url, original)
