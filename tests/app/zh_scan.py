"""The text an AppTest page shows: every string field of every element and block, table headers
and text cells, and the words a Plotly chart draws (titles, axis titles, legend names, labels,
annotations). Used to find English words on a 简体中文 page without a browser."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pandas as pd
from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1 import element_tree as et

# Proto fields that are not shown as text: ids, keys, icons, links, styles, serialised data.
HIDDEN_FIELDS = frozenset(
    [
        "id",
        "key",
        "form_id",
        "icon",
        "url",
        "page",
        "page_script_hash",
        "spec",
        "config",
        "theme",
        "type",
        "format",
        "data",
        "arrow_data",
        "styles",
        "column_order",
        "column_config",
        "default",
        "placeholder_icon",
        "editing_mode",
        "selection_mode",
        "delta_color",
        "label_visibility",
        "width_config",
        "height_config",
        "color",
        "border",
        "body_style",
        "value_type",
        "dtype",
        "ending",
        "content_type",
        "serialized",
    ]
)
# Plotly keys whose strings are drawn on the chart.
CHART_TEXT_KEYS = frozenset({"text", "name", "title", "ticktext"})
CHART_LABEL_KEYS = frozenset({"x", "y", "labels", "y0", "x0"})


def proto_strings(message: Message) -> Iterator[str]:
    """Every string in a proto message's fields, except the hidden ones."""
    for field, value in message.ListFields():
        if field.name in HIDDEN_FIELDS:
            continue
        values = value if field.is_repeated else [value]
        for item in values:
            if isinstance(item, str):
                yield item
            elif isinstance(item, Message):
                yield from proto_strings(item)


def chart_strings(spec: object, key: str = "") -> Iterator[str]:
    """Strings a Plotly figure draws: titles, names, text, tick labels, categorical labels."""
    if isinstance(spec, dict):
        for child_key, child in spec.items():
            if child_key in ("hovertemplate", "customdata", "meta", "template", "uid"):
                continue
            yield from chart_strings(child, child_key)
    elif isinstance(spec, list):
        for item in spec:
            yield from chart_strings(item, key)
    elif isinstance(spec, str) and (key in CHART_TEXT_KEYS or key in CHART_LABEL_KEYS):
        yield spec


def frame_strings(frame: pd.DataFrame, config: dict | None = None) -> Iterator[str]:
    """A table's headers (a configured column's label in place of its name) and text cells."""
    config = config or {}
    for column in frame.columns:
        setting = config.get(str(column)) or config.get(f"_pos:{column}") or {}
        if setting.get("hidden"):
            continue
        yield str(setting.get("label") or column)
    for column in frame.columns:
        values = frame[column]
        if values.dtype == object:
            yield from (v for v in values.head(200) if isinstance(v, str))


def page_strings(at: AppTest) -> list[str]:
    """Everything the page's elements and blocks show as text."""
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, et.Block):
            proto = getattr(node, "proto", None)
            if isinstance(proto, Message):
                found.extend(proto_strings(proto))
            for child in node.children.values():
                walk(child)
            return
        if isinstance(node, et.Table):
            found.extend(frame_strings(node.value))
            return
        if isinstance(node, et.Dataframe):
            config = json.loads(node.proto.columns) if node.proto.columns else {}
            found.extend(frame_strings(node.value, config))
            return
        proto = getattr(node, "proto", None)
        if getattr(node, "type", "") == "plotly_chart":
            found.extend(chart_strings(json.loads(proto.spec)))
        if isinstance(proto, Message):
            found.extend(proto_strings(proto))

    walk(at._tree)
    return found
