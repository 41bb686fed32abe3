"""Result tables (ui.tables): which number columns read as amounts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui.tables import amount_columns, presented


def test_amounts_and_counts_get_thousands_separators_and_ratios_keep_their_digits() -> None:
    frame = pd.DataFrame(
        {
            "Campaign": ["Spring Launch", "Member Week"],
            "Spend": [82_408, 69_371],
            "Lift": [169_886.4, -50_154.2],
            "Orders": [12, 7],
            "ROAS": [2.06, 0.73],
            "p-value": [0.0004, 0.312],
            "Paid back": [True, False],
            "Stock": [np.nan, np.nan],
        }
    )
    formats = {name: c["type_config"]["format"] for name, c in amount_columns(frame).items()}
    assert formats == {"Spend": "localized", "Lift": "localized", "Orders": "localized"}


def test_a_negative_amount_alone_still_counts() -> None:
    assert list(amount_columns(pd.DataFrame({"Effect": [-1_500.5, 3.25]}))) == ["Effect"]


def test_presenter_tables_are_escaped_text_with_readable_numbers() -> None:
    frame = pd.DataFrame(
        {
            "Campaign": ["**Sale**", "<b>x</b>"],
            "Lift": [169_886.0, -1_234.56],
            "ROAS": [2.0612, 0.7],
            "Moved": [True, False],
            "Stock": [np.nan, 12.0],
        }
    )
    shown = presented(frame)
    assert shown.to_dict("list") == {
        "Campaign": [r"\*\*Sale\*\*", r"\<b\>x\</b\>"],
        "Lift": ["169,886", r"\-1,234\.56"],
        "ROAS": [r"2\.061", r"0\.7"],
        "Moved": ["yes", "no"],
        "Stock": ["—", "12"],
    }
