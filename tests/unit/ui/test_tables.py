"""Result tables (ui.tables): which number columns read as amounts."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ui.tables import amount_columns, column_decimals, number_columns, presented, readable_numbers


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
        "Lift": ["169,886", r"\-1,235"],
        "ROAS": [r"2\.06", r"0\.70"],
        "Moved": ["yes", "no"],
        "Stock": ["—", "12"],
    }


def test_other_numbers_share_their_column_decimals_and_never_show_an_exponent() -> None:
    frame = pd.DataFrame(
        {
            "Lift ratio": [23.0, 19.55],
            "Coefficient": [4.5e-7, 0.0021],
            "p": [0.0004, 0.312],
        }
    )
    assert column_decimals(frame["Lift ratio"]) == 2
    assert column_decimals(frame["p"]) == 5
    shown = number_columns(readable_numbers(frame))
    formats = {name: c["type_config"]["format"] for name, c in shown.items()}
    assert formats == {"Lift ratio": "%.2f", "p": "%.5f"}  # coefficients too small: text
    assert readable_numbers(frame)["Coefficient"].tolist() == ["0.00000045", "0.0021"]
    shown = presented(frame)
    assert shown["Lift ratio"].tolist() == [r"23\.00", r"19\.55"]
    assert "e-" not in " ".join(shown["Coefficient"])


def test_money_columns_carry_the_currency_in_both_table_kinds() -> None:
    frame = pd.DataFrame({"Spend": [82_408.0, 69_371.0], "Orders": [12, 7]})
    formats = {n: c["type_config"]["format"] for n, c in number_columns(frame, ["Spend"]).items()}
    assert formats == {"Spend": "%,.0f", "Orders": "localized"}  # no dataset on screen: no symbol
    assert presented(frame, ["Spend"])["Spend"].tolist() == ["82,408", "69,371"]
