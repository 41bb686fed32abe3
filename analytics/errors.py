"""Errors a user can cause and fix; their message is one sentence that says what to change."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


class UserInputError(ValueError):
    """A problem with the input that the user can fix: bad file, unknown column, too little data.

    ``code`` and ``params`` let the app say the same sentence in the user's language; the
    message itself is English (the command line and logs use it).
    """

    def __init__(self, message: str, *, code: str | None = None, **params: object) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class EncodingNeedsConfirmation(UserInputError):
    """The bytes decode only as a Western single-byte encoding, or read as another East Asian
    language than Chinese (Japanese, Korean, Traditional Chinese): ask the user before using it.
    ``language`` names what the encoding is for, in English ("Western European")."""

    def __init__(self, encoding: str, preview: str, language: str = "Western European") -> None:
        super().__init__(
            f"The file is not UTF-8, GB18030 or UTF-16; it reads as {encoding} "
            f"({language}). Check the preview and confirm the encoding, "
            "or save the file as UTF-8 and upload it again.",
            code="encoding_needs_confirmation",
            encoding=encoding,
            language=language,
        )
        self.encoding = encoding
        self.preview = preview
        self.language = language


@dataclass(frozen=True)
class Failure:
    """Why a result could not be computed, as a value: kept in caches and result lists and sent
    between processes (an exception loses its parameters when pickled). ``message`` is the
    English sentence; ``code`` and ``params`` let the app say it in the user's language."""

    message: str
    code: str | None = None
    params: dict[str, Any] = field(default_factory=dict, hash=False)

    @classmethod
    def of(cls, error: UserInputError) -> Failure:
        return cls(str(error), error.code, dict(error.params))

    def __str__(self) -> str:
        return self.message

    def to_dict(self) -> dict[str, Any]:
        return {"message": self.message, "code": self.code, "params": dict(self.params)}
