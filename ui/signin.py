"""Who a page runs for. Local mode (no team configuration): the local admin, with a small banner.
Team mode: a sign-in screen until the user signs in (``st.login``, providers from
.streamlit/secrets.toml [auth]), a refusal for an address no team lists, a team picker when the
user belongs to several; pages then work in that team's workspace as that user."""

from __future__ import annotations

import streamlit as st

from analytics import access
from analytics.audit import LOCAL_ACTOR, Actor
from analytics.errors import UserInputError
from analytics.teams import TeamConfig, load_config, teams_for
from analytics.workspace import Workspace
from ui.failures import show_failure
from ui.i18n import t
from ui.safe import md
from ui.url import mirror_to_url, seed_from_url

NO_ROLE = "none"  # a signed-in user outside every team: the workspace refuses every read
# Settings of [auth] that are tables but not providers.
_NOT_PROVIDERS = ("client_kwargs",)
_TEAM_WIDGET = "_w_team"


def team_config() -> TeamConfig | None:
    """The team configuration in effect, None in local mode; a broken file stops the page
    with what to change (never local mode without sign-in)."""
    try:
        return load_config()
    except UserInputError as exc:
        show_failure(exc)
        st.stop()


def signed_in() -> Actor:
    """Call first on every page, after the page config: in team mode, stop the run with the
    sign-in screen or a refusal until a member of a team is signed in; the page's actor."""
    config = team_config()
    if config is None:
        return LOCAL_ACTOR
    if not _logged_in():
        _sign_in_screen()
        st.stop()
    actor = current_actor()
    if actor.role == NO_ROLE:
        unverified = st.user.get("email_verified") is False
        key = "signin_unverified" if unverified else "signin_no_team"
        st.warning(t(key, email=md(str(st.user.get("email") or ""))))
        st.button(t("signout"), key="signout", on_click=st.logout)
        st.stop()
    return actor


def current_actor() -> Actor:
    """The user this run acts for: the local admin in local mode, else the signed-in user in
    the chosen team (role NO_ROLE for a user of no team, whom the workspace refuses)."""
    config = team_config()
    if config is None:
        return LOCAL_ACTOR
    email = _verified_email()
    memberships = teams_for(config, email) if email else {}
    team = _chosen_team(memberships)
    return Actor(email, memberships.get(team, NO_ROLE), team or "")


def can(ws: Workspace, action: str) -> bool:
    """Whether the page's user may do ``action`` (an audit action, or access.READ_AUDIT)."""
    return access.allows(ws.actor.role, action)


def team_picker(actor: Actor) -> None:
    """Team mode: the sidebar's team choice (when the user belongs to several), in the URL."""
    config = team_config()
    if config is None:
        return
    memberships = teams_for(config, actor.user)
    if len(memberships) > 1:
        st.session_state[_TEAM_WIDGET] = actor.team
        st.selectbox(t("team_label"), list(memberships), key=_TEAM_WIDGET, on_change=_switch_team)
    mirror_to_url("team", actor.team)


def account_footer(actor: Actor, presenter: bool) -> None:
    """The sidebar's last lines: who is signed in and sign-out, or local mode's banner."""
    if actor == LOCAL_ACTOR:
        if not presenter:
            st.caption(t("local_mode_banner"))
        return
    st.caption(t("signed_in_as", email=md(actor.user), role=t(f"role_{actor.role}")))
    st.button(t("signout"), key="signout", on_click=st.logout)


def refuse_link(actor: Actor) -> None:
    """A link to a dataset the team's workspace does not hold: the same refusal whether it
    exists in another team or nowhere, naming nothing of it; the page stops."""
    st.error(t("dataset_link_refused", team=md(actor.team)))
    st.stop()


def _sign_in_screen() -> None:
    st.title(t("signin_title"))
    st.write(t("signin_body"))
    providers = sign_in_providers()
    if not providers:
        st.error(t("signin_not_configured"))
    for provider in providers:
        label = t("signin_with", provider=provider.title()) if provider else t("signin_button")
        st.button(
            label,
            key=f"signin_{provider or 'default'}",
            type="primary",
            on_click=st.login,
            args=(provider,),
        )


def sign_in_providers() -> list[str | None]:
    """The providers of secrets.toml [auth]: None for one set directly under [auth], and each
    [auth.NAME] table by name."""
    try:
        auth = st.secrets.get("auth") or {}
    except FileNotFoundError:  # no secrets file at all
        return []
    named = [key for key, value in auth.items() if hasattr(value, "keys")]
    named = sorted(key for key in named if key not in _NOT_PROVIDERS)
    return ([None] if "client_id" in auth else []) + named


def _verified_email() -> str:
    """The signed-in user's address, lower-case; empty when signed out or not verified."""
    if not _logged_in() or st.user.get("email_verified") is False:
        return ""
    return str(st.user.get("email") or "").strip().lower()


def _chosen_team(memberships: dict[str, str]) -> str | None:
    """The team picked in the sidebar or named by the link, else the first by name."""
    if not memberships:
        return None
    seed_from_url("team", memberships)
    team = st.session_state.get("team")
    return team if team in memberships else next(iter(memberships))


def _switch_team() -> None:
    """Another team: its own datasets, so the chosen dataset is forgotten."""
    st.session_state["team"] = st.session_state[_TEAM_WIDGET]
    st.session_state.pop("ds", None)
    if "ds" in st.query_params:
        del st.query_params["ds"]


def _logged_in() -> bool:
    return bool(st.user.get("is_logged_in"))
