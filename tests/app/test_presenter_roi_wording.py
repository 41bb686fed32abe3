"""Presenter mode hides the margin input, so the ROI convention does not tell the audience to
change the margin in the sidebar: it names the margin and where it is changed outside presenter
mode; outside presenter mode the sentence points at the input beside it."""

from __future__ import annotations

from pathlib import Path

from tests.app.conftest import new_app
from tests.app.helpers import LIFT_PAGE

SIDEBAR = "default; change it in the sidebar"
PRESENTER = (
    "margin 40% (the default; outside presenter mode it is changed under Gross margin in the "
    "sidebar)"
)


def captions(at) -> str:
    return " ".join(c.value for c in at.caption)


def test_the_overview_and_lift_word_the_default_margin_for_presenters(reader_home: Path) -> None:
    assert SIDEBAR in captions(new_app())
    for page in (None, LIFT_PAGE):
        shown = captions(new_app(page, present="1"))
        assert PRESENTER in shown and SIDEBAR not in shown, page
    zh = captions(new_app(present="1", lang="zh"))
    assert "毛利率 40%（默认值；退出演示模式后可在侧边栏的“毛利率”中修改）" in zh
    assert "可在侧边栏修改" not in zh


def test_a_margin_from_the_link_reads_as_a_setting_for_presenters(reader_home: Path) -> None:
    shown = captions(new_app(present="1", margin="0.35"))
    assert "margin 35% (setting)" in shown and "sidebar" not in shown
