"""Ready citations of a fact or a chart: what it is, where on this site, and where it came from.

The reader's date of access cannot be known when the site is built: a citation is the text
before that date and the text after it, and the page puts a marked place between them, which
its script fills with the reader's date (templates/_share.html, static/share.js)."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from microsite import periods
from microsite.inputs.charts import Chart
from microsite.inputs.facts import Fact
from microsite.inputs.sources import Source

CHINESE = re.compile(r"[\u4e00-\u9fff]")  # a CJK ideograph: a title written in Chinese


@dataclass(frozen=True)
class Citation:
    title: str  # what is cited, in quotation marks in the citation
    site: str
    publisher: str
    url: str
    original: str  # where the figures came from, in words
    accessed: str = "accessed"  # the word before the reader's date, in the page's language
    language: str = "en"

    def before_date(self) -> str:
        if self.language == "zh":
            # GB/T 7714-2015, an online resource: author. title[EB/OL]. publisher. [date]. url.
            return f"{self.publisher}. {self.title}[EB/OL]. {self.site}. "
        return f"{self.publisher}. “{self.title}”. {self.site}, {self.url}, {self.accessed} "

    def after_date(self) -> str:
        if self.language == "zh":
            return f". {self.url}. {self.original}"
        return f". {self.original}"


def quoted_title(title: str, language: str) -> str:
    """A source's own title in the marks its language sets titles in: “Zones reach a new count”
    in English; in Chinese 《商务部：……》 for a Chinese title, an English one still in “”."""
    if language == "zh" and CHINESE.search(title):
        return f"《{title}》"
    return f"“{title}”"


Translate = Callable[[str], str]  # the page's gettext


def for_fact(fact: Fact, site: str, publisher: str, url: str, gettext: Translate = str) -> Citation:
    period = periods.display(fact.period, language=fact.language)
    title = gettext("{label}, {period}: {figure}").format(
        label=fact.label, period=period, figure=fact.exact_phrase
    )
    sources = _sources(fact.sources, fact.language, gettext)
    if fact.derived:
        original = gettext("Calculated by {site} from figures in {sources}.")
    else:
        original = gettext("Original source: {sources}.")
    original = original.format(site=site, sources=sources)
    return Citation(title, site, publisher, url, original, gettext("accessed"), fact.language)


def for_chart(
    chart: Chart, site: str, publisher: str, url: str, data_url: str, gettext: Translate = str
) -> Citation:
    # A chart can draw on a dozen articles: the citation names their publishers, and the
    # chart's data file names the article behind each point.
    publishers = gettext("; ").join(source.publisher for source in chart.publishers)
    if chart.has_derived:
        original = gettext(
            "Data: {publishers}; calculations by {site}; each figure's source: {url}."
        )
    else:
        original = gettext("Data: {publishers}; each figure's source: {url}.")
    original = original.format(publishers=publishers, site=site, url=data_url)
    title = gettext("{title} [chart]").format(title=chart.title)
    return Citation(title, site, publisher, url, original, gettext("accessed"), chart.language)


def _sources(sources: Iterable[Source], language: str, gettext: Translate) -> str:
    return gettext("; ").join(_source(source, language, gettext) for source in sources)


def _source(source: Source, language: str, gettext: Translate) -> str:
    title = source.title if source.title_is_description else quoted_title(source.title, language)
    dated = (
        gettext(", {date}").format(date=periods.display(source.date, language=language))
        if source.date
        else ""
    )
    return gettext("{publisher}, {title}{dated}, {url}").format(
        publisher=source.publisher, title=title, dated=dated, url=source.address
    )


def for_dataset(
    site: str, publisher: str, url: str, gettext: Translate = str, language: str = "en"
) -> Citation:
    original = gettext("Compiled from the sources named in sources.csv: {url}sources.csv.")
    title = gettext("{site}: the data").format(site=site)
    accessed = gettext("accessed")
    return Citation(title, site, publisher, url, original.format(url=url), accessed, language)
