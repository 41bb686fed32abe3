"""Team mode's configuration: which teams exist and who holds which role in each. Team mode is
on when a config file exists ($LIFTBOARD_CONFIG, else ./liftboard.toml); without one the app is
in single-user local mode. Access is denied unless an allow-list names the user."""

from __future__ import annotations

import getpass
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from analytics.access import ADMIN, EDITOR, VIEWER, highest
from analytics.audit import LOCAL_ACTOR, Actor
from analytics.errors import UserInputError

CONFIG_ENV = "LIFTBOARD_CONFIG"
CONFIG_FILE = "liftboard.toml"
TEAM_NAME = re.compile(r"[a-z0-9_-]{1,40}")
# Allow-list keys of a team and the role each grants.
LISTS = {"admins": ADMIN, "editors": EDITOR, "viewers": VIEWER}
_TOP_KEYS = ("database_url", "teams")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_DOMAIN = re.compile(r"@[^@\s]+\.[^@\s.]+")


@dataclass(frozen=True)
class Team:
    """A team's allow-lists: lower-case emails or "@domain" entries."""

    name: str
    admins: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    viewers: tuple[str, ...] = ()

    def role_of(self, email: str) -> str | None:
        """The highest role an entry of the team's lists gives ``email``; None: no access."""
        address = email.strip().lower()
        lists = {role: getattr(self, key) for key, role in LISTS.items()}
        return highest([role for role, entries in lists.items() if _named(address, entries)])

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, **{key: list(getattr(self, key)) for key in LISTS}}


@dataclass(frozen=True)
class TeamConfig:
    """The parsed config file: teams by name and the optional database URL."""

    path: str
    teams: dict[str, Team] = field(default_factory=dict)
    database_url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "database_url": self.database_url,
            "teams": [team.to_dict() for team in self.teams.values()],
        }


def config_path() -> Path | None:
    """The config file in effect: $LIFTBOARD_CONFIG (which must exist), else ./liftboard.toml
    when present; None means local mode."""
    named = os.environ.get(CONFIG_ENV, "").strip()
    if named:
        path = Path(named).expanduser()
        if not path.is_file():
            raise _config_error(
                path, f"{CONFIG_ENV} names {path}, which is not a file: create it, or unset "
                f"{CONFIG_ENV} to run in single-user local mode.", "config_missing",
            )  # fmt: skip
        return path
    local = Path(CONFIG_FILE)
    return local if local.is_file() else None


def load_config(path: str | Path | None = None) -> TeamConfig | None:
    """The team configuration (``path``, else the one in effect); None in local mode."""
    found = Path(path) if path is not None else config_path()
    if found is None:
        return None
    stat = found.stat()
    return _parsed(str(found), stat.st_mtime_ns, stat.st_size)


def role_in(config: TeamConfig, email: str, team: str) -> str | None:
    """The user's role in ``team``; None when no list of that team names them."""
    found = config.teams.get(team)
    return found.role_of(email) if found is not None and email else None


def teams_for(config: TeamConfig, email: str) -> dict[str, str]:
    """Every team the user belongs to and their role in it, by team name."""
    roles = {name: role_in(config, email, name) for name in sorted(config.teams)}
    return {name: role for name, role in roles.items() if role}


def command_actor(team: str | None) -> Actor:
    """Who a command run on the server acts as: local mode's admin, or in team mode the
    operator (whoever can run commands there holds the files) as admin of the named team."""
    config = load_config()
    if config is None:
        if team:
            raise UserInputError(
                f"--team {team} needs team mode, which is off (no {CONFIG_FILE} and no "
                f"{CONFIG_ENV}): leave out --team, or set {CONFIG_ENV} to the team configuration.",
                code="team_mode_off",
                team=team,
            )
        return LOCAL_ACTOR
    names = ", ".join(sorted(config.teams))
    if team not in config.teams:
        raise UserInputError(
            f"Team mode is on ({config.path}): name one of its teams with --team ({names})."
            if not team
            else f"{config.path} has no team {team!r}: use one of {names}.",
            code="team_needed" if not team else "team_unknown",
            path=config.path,
            team=team or "",
            teams=names,
        )
    return Actor(f"{getpass.getuser()} (command line)", ADMIN, team)


_CACHE: dict[str, tuple[tuple[int, int], TeamConfig]] = {}


def _parsed(path: str, mtime: int, size: int) -> TeamConfig:
    """Parse the file once per change (pages read the configuration on every run)."""
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == (mtime, size):
        return cached[1]
    config = parse_config(Path(path).read_bytes(), path)
    _CACHE[path] = ((mtime, size), config)
    return config


def parse_config(data: bytes, path: str = CONFIG_FILE) -> TeamConfig:
    """Validate the file's content; each problem is a UserInputError saying what to change."""
    try:
        doc = tomllib.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise _config_error(
            path, f"{path} is not valid TOML ({exc}): correct the line it names.",
            "config_bad_toml", detail=str(exc),
        ) from exc  # fmt: skip
    _refuse_unknown(path, doc, _TOP_KEYS, "")
    url = doc.get("database_url")
    if url is not None and not (isinstance(url, str) and url.strip()):
        raise _config_error(
            path, f"In {path}, database_url must be a text such as "
            '"postgresql://user@127.0.0.1:5432/liftboard": correct it or remove the line.',
            "config_database_url",
        )  # fmt: skip
    teams = _table(path, doc.get("teams", {}), "teams")
    if not teams:
        raise _config_error(
            path, f"{path} names no team: add a [teams.NAME] table with admins, editors or "
            "viewers lists.", "config_no_teams",
        )  # fmt: skip
    parsed = {name: _team(path, name, body) for name, body in teams.items()}
    return TeamConfig(path=path, teams=parsed, database_url=url.strip() if url else None)


def _team(path: str, name: str, body: object) -> Team:
    if not TEAM_NAME.fullmatch(name):
        raise _config_error(
            path, f"In {path}, the team name {name!r} is not allowed: use up to 40 lower-case "
            "letters, digits, - and _.", "config_team_name", team=name,
        )  # fmt: skip
    table = _table(path, body, f"teams.{name}")
    _refuse_unknown(path, table, tuple(LISTS), f"teams.{name}.")
    lists = {key: _members(path, f"teams.{name}.{key}", table.get(key, [])) for key in LISTS}
    return Team(name=name, **lists)


def _members(path: str, where: str, value: object) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _config_error(
            path, f'In {path}, {where} must be a list of texts such as ["ana@example.com", '
            '"@example.com"]: correct it.', "config_not_list", key=where,
        )  # fmt: skip
    members = tuple(item.strip().lower() for item in value)
    for entry in members:
        if not (_EMAIL.fullmatch(entry) or _DOMAIN.fullmatch(entry)):
            raise _config_error(
                path, f"In {path}, {where} holds {entry!r}, which is neither an email address "
                'nor "@domain": correct or remove it.', "config_bad_member", key=where,
                entry=entry,
            )  # fmt: skip
    return members


def _table(path: str, value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise _config_error(
            path, f"In {path}, {where} must be a table ([{where}]): correct it.",
            "config_not_table", key=where,
        )  # fmt: skip
    return value


def _refuse_unknown(path: str, table: dict[str, Any], known: tuple[str, ...], prefix: str) -> None:
    for key in table:
        if key not in known:
            raise _config_error(
                path, f"In {path}, {prefix}{key} is not a setting LiftBoard knows (it knows "
                f"{', '.join(known)}): correct its spelling or remove it.",
                "config_unknown_key", key=f"{prefix}{key}", known=", ".join(known),
            )  # fmt: skip


def _config_error(path: str | Path, message: str, code: str, **params: object) -> UserInputError:
    return UserInputError(message, code=code, path=str(path), **params)


def _named(address: str, entries: tuple[str, ...]) -> bool:
    """Whether an entry is the address, or "@" and the address's domain."""
    if "@" not in address:
        return False
    domain = "@" + address.rpartition("@")[2]
    return address in entries or domain in entries
