"""The Chinese edition's text in the data files: an optional `zh:` block on each record that
carries reader text, with the English field names. Keys, values, periods and sources stay
language-neutral: only words are translated, so both editions show one dataset."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints

from microsite.inputs.fields import Text

# A Chinese measure word (量词) or a short noun written after a count: 家, 个, 项, 批.
Measure = Annotated[str, StringConstraints(pattern=r"^[\u4e00-\u9fff]{1,3}$")]


class _Block(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class FactZh(_Block):
    label: Text = Field(description="the fact's label in Chinese: 国家级经开区数量")
    short_label: Text | None = Field(
        default=None, description="a few words for chart categories and cards, in Chinese"
    )
    notes: Text | None = Field(default=None, description="the notes, in Chinese")
    measure: Measure | None = Field(
        default=None,
        description="for a count: the measure word written after the number, 232家 (家, 个, 项)",
    )


class TopicZh(_Block):
    topic: Text = Field(description="the topic's heading on the Chinese Facts page")


class CorrectionZh(_Block):
    reason: Text = Field(description="the correction's reason, in Chinese")


class SeriesZh(_Block):
    label: Text = Field(description="what the series measures, in Chinese")


class GapZh(_Block):
    note: Text = Field(description="why the period is left out, in Chinese")


class ChartZh(_Block):
    title: Text = Field(description="the finding, in Chinese, without typed numbers")
    subtitle: Text = Field(description="what is measured, and in which unit, in Chinese")
    notes: list[Text] = Field(
        default_factory=list, description="the notes under the chart, in Chinese, in order"
    )


class TraceZh(_Block):
    name: Text = Field(description="what the legend and the table call it, in Chinese")


class AnnotationZh(_Block):
    text: Text = Field(description="the few words naming the event, in Chinese")


class SourceZh(_Block):
    publisher: Text | None = Field(
        default=None, description="the publisher as Chinese readers know it: 新华社"
    )
    title: Text | None = Field(
        default=None,
        description="where a Chinese original exists, its headline; where the title is our"
        " description (title_is_description), that description in Chinese",
    )
    url: HttpUrl | None = Field(
        default=None, description="only where a Chinese original exists: its address"
    )
    read_on: Text | None = Field(
        default=None, description="the site whose page was read, as Chinese readers know it"
    )


class EventZh(_Block):
    title: Text = Field(description="what happened, in Chinese")
    text: Text | None = Field(default=None, description="one more sentence, in Chinese")


class SettingsZh(_Block):
    title: Text = Field(description="the site's name in Chinese")
    tagline: Text = Field(description="the line under the name on the Chinese home page")
    description: Text = Field(description="a sentence for search engines, in Chinese")
    publisher: Text = Field(description="who publishes the site, in Chinese")
    nav: list[Text] = Field(description="the menu's labels in Chinese, in the menu's order")
    licence: Text | None = Field(
        default=None,
        description="the licence's full name in Chinese, as its publisher gives it: "
        "知识共享署名 4.0 国际 (the interface adds 许可协议)",
    )


def zh_field() -> Any:
    """The optional `zh:` field of a record."""
    return Field(default=None, description="this entry's reader text in Chinese, for /zh/")
