"""Who may do what in a workspace: roles viewer < editor < admin, the role each read and audited
write needs, and the check the workspace runs before every read and write (so every page,
command and link is covered, not only the menus)."""

from __future__ import annotations

from analytics import audit
from analytics.audit import Actor
from analytics.errors import UserInputError

VIEWER = "viewer"
EDITOR = "editor"
ADMIN = "admin"
ROLES = (VIEWER, EDITOR, ADMIN)  # lowest first: each role may do what the ones before it may
READ = "read"  # any read of datasets, rows, mappings and import records
READ_AUDIT = "read_audit"  # the audit log
# The role an action needs; every other audited write (save, replace, append, undo, rename,
# presentation, refresh, the id-hashing key an upload makes) needs an editor.
_NEEDS = {READ: VIEWER, READ_AUDIT: ADMIN, audit.DELETE: ADMIN}


class AccessDenied(UserInputError):
    """The actor's role is too low for the action (or the actor has no role in the team)."""

    def __init__(self, actor: Actor, action: str) -> None:
        needed = needed_role(action)
        super().__init__(
            f"Your role in team {actor.team} is {actor.role}; this needs {needed}: ask an "
            "admin of the team to give you that role in the team configuration.",
            code="access_denied",
            team=actor.team,
            role=actor.role,
            needed=needed,
        )


def needed_role(action: str) -> str:
    """The lowest role allowed to do ``action`` (READ, READ_AUDIT or an audit action)."""
    if action not in _NEEDS and action not in audit.ACTIONS:
        raise ValueError(f"unknown action {action!r}")
    return _NEEDS.get(action, EDITOR)


def allows(role: str, action: str) -> bool:
    """Whether ``role`` may do ``action``; an unknown role may do nothing."""
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed_role(action))


def require(actor: Actor, action: str) -> None:
    """Raise AccessDenied unless the actor's role allows the action."""
    if not allows(actor.role, action):
        raise AccessDenied(actor, action)


def highest(roles: list[str]) -> str | None:
    """The highest of the roles, None for none."""
    known = [role for role in roles if role in ROLES]
    return max(known, key=ROLES.index) if known else None
