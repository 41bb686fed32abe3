"""Customer ids kept private: each id replaced by a keyed hash (HMAC-SHA256 with
$LIFTBOARD_ID_KEY, else the workspace's own random key; never a key in the repository) before a
dataset is stored; the pseudonym → id lookup is stored beside it, so an
export carries the original ids only when the user asks for them."""

from __future__ import annotations

import dataclasses
import hashlib
import hmac
import os
from typing import TYPE_CHECKING

import pandas as pd
import pyarrow as pa

from analytics.errors import UserInputError
from analytics.ingest.load import Dataset
from analytics.ingest.roles import CUSTOMER

if TYPE_CHECKING:
    from analytics.workspace import Workspace

PREFIX = "c_"
DIGITS = 16  # hex digits kept: 64 bits, no collision among a billion ids in practice
VERSION_MARK = ":customer-ids-hashed"
WORKSPACE_SECRET = "customer_ids"  # the name of the workspace's key (Workspace.secret)
KEY_ENV = "LIFTBOARD_ID_KEY"
MIN_KEY_CHARS = 32


def id_key(ws: Workspace) -> bytes:
    """The key ids are hashed with: $LIFTBOARD_ID_KEY when set (a secret of at least 32
    characters, kept by the server's configuration), else the workspace's own random key."""
    text = os.environ.get(KEY_ENV, "").strip()
    if not text:
        return ws.secret(WORKSPACE_SECRET)
    if len(text) < MIN_KEY_CHARS:
        raise UserInputError(
            f"{KEY_ENV} is {len(text)} characters long: a key needs at least {MIN_KEY_CHARS} "
            "(a short key can be guessed); set a longer random one, or unset it to use the "
            "workspace's own key.",
            code="id_key_short",
            name=KEY_ENV,
            length=len(text),
            minimum=MIN_KEY_CHARS,
        )
    return text.encode("utf-8")


def hashed_with(lookup: pd.DataFrame, key: bytes) -> bool:
    """Whether a dataset's ids (its lookup) were hashed with ``key``: one id hashed again."""
    if lookup.empty:
        return True
    return pseudonym(str(lookup["original"].iloc[0]), key) == lookup["pseudonym"].iloc[0]


def pseudonym(value: str, key: bytes) -> str:
    digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
    return PREFIX + digest[:DIGITS]


def pseudonymise(dataset: Dataset, key: bytes) -> tuple[Dataset, pd.DataFrame]:
    """The dataset with every customer column's ids hashed, and the lookup (pseudonym, id).
    Its version differs from the plain dataset's, so no cached result of one serves the other."""
    columns = dict(dataset.columns)
    found: dict[str, str] = {}
    for name in dataset.mapping.columns(CUSTOMER):
        values = columns[name].to_pylist()
        hashed = {v: pseudonym(v, key) for v in set(values) if v is not None}
        found.update({p: v for v, p in hashed.items()})
        columns[name] = pa.array([hashed.get(v) for v in values], type=pa.string())
    raw = dataclasses.replace(dataset.raw, content_hash=dataset.raw.content_hash + VERSION_MARK)
    lookup = pd.DataFrame({"pseudonym": list(found), "original": list(found.values())})
    return dataclasses.replace(dataset, columns=columns, raw=raw), lookup


def with_original_ids(ids: pd.Series, lookup: pd.DataFrame) -> pd.Series:
    """Pseudonyms replaced by the ids they stand for (ids not in the lookup kept as they are)."""
    originals = pd.Series(lookup["original"].to_numpy(), index=lookup["pseudonym"].to_numpy())
    return ids.map(originals).fillna(ids)
