"""Users (admins only): list accounts; add one, change its role, disable, unlock, reset password.

New and reset passwords are generated, shown once, and never stored in the clear.
The last active admin can be neither disabled nor demoted (`dashboard.accounts.service` refuses it).
"""

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import streamlit as st

from dashboard.accounts import service as accounts
from dashboard.core.vocabulary import Role
from dashboard.ui import connection, forms, widgets

PAGE = "admin_users"
ADD = f"{PAGE}_add"
MANAGE = f"{PAGE}_manage"
SECRET = f"{PAGE}_one_time_password"
ROLES = [role.value for role in Role]


def _write(form: str, action: Callable[[Any], object], done: str) -> None:
    """Run an account change through `forms.save`; an action that returns a password (a str)
    has it shown once on the next run."""

    def saved(result: object) -> str:
        if isinstance(result, str):
            st.session_state[SECRET] = result
        return done

    forms.save(form, action, saved)


def _show_messages() -> None:
    forms.notice()
    if password := st.session_state.pop(SECRET, None):
        st.warning(
            "One-time password — copy it now and give it to the user in person or by "
            "phone; it will not be shown again. They should change it after logging in."
        )
        st.code(password, language=None)


def _add_form() -> None:
    with st.expander("Add a user", icon=":material/person_add:"), st.form(ADD):
        forms.refusal_shown(ADD)
        username = st.text_input(
            "Username *",
            key=f"{PAGE}_add_username",
            help="2-60 lower-case letters, digits, '.', '_' or '-'.",
        )
        name = st.text_input("Display name", key=f"{PAGE}_add_name")
        email = st.text_input("Email", key=f"{PAGE}_add_email")
        role = st.selectbox(
            "Role *", ROLES, index=ROLES.index(Role.INSPECTOR), key=f"{PAGE}_add_role"
        )
        if st.form_submit_button("Add user", key=f"{PAGE}_add_submit", type="primary"):
            _write(
                ADD,
                lambda session: accounts.add_user_with_one_time_password(
                    session,
                    actor=actor,
                    username=username.strip(),
                    role=role,
                    display_name=name.strip(),
                    email=email.strip(),
                ),
                f"Added user {username}.",
            )


def _account_button(
    where: Any,
    label: str,
    name: str,
    change: Callable[..., object],
    account: dict[str, Any],
    done: str,
    *,
    disabled: bool = False,
) -> None:
    """A button (keyed `{PAGE}_{name}`) that makes one audited change to the account."""
    if where.button(label, key=f"{PAGE}_{name}", disabled=disabled):
        _write(MANAGE, lambda session: change(session, **account), done)


def _manage(user: dict[str, Any]) -> None:
    """Controls for one account; each button is one audited change."""
    username = user["username"]
    forms.refusal_shown(MANAGE)
    role_col, role_button = st.columns([3, 1], vertical_alignment="bottom")
    new_role = role_col.selectbox(
        "Role", ROLES, index=ROLES.index(user["role"]), key=f"{PAGE}_role_{username}"
    )
    if role_button.button(
        "Change role", key=f"{PAGE}_change_role", disabled=new_role == user["role"]
    ):
        _write(
            MANAGE,
            lambda session: accounts.change_role(
                session, actor=actor, username=username, role=new_role
            ),
            f"{username} is now {new_role.replace('_', ' ')}.",
        )
    left, middle, right = st.columns(3)
    account = {"actor": actor, "username": username}
    if user["disabled"]:
        _account_button(
            left, "Enable", "enable", accounts.enable_user, account, f"{username} can log in again."
        )
    else:
        _account_button(
            left,
            "Disable",
            "disable",
            accounts.disable_user,
            account,
            f"{username} can no longer log in.",
        )
    _account_button(
        middle,
        "Unlock",
        "unlock",
        accounts.unlock_user,
        account,
        f"{username} is unlocked.",
        disabled=not user["locked"],
    )
    _account_button(
        right,
        "Reset password",
        "reset",
        accounts.reset_password,
        account,
        f"New one-time password for {username}.",
    )


st.title("Users")
actor = widgets.current_actor()
_show_messages()
users = connection.user_rows(datetime.now(UTC))
st.dataframe(
    users,
    hide_index=True,
    column_config={
        "last_login": st.column_config.DatetimeColumn("last login (UTC)", format="YYYY-MM-DD HH:mm")
    },
)
_add_form()
st.subheader("Change a user")
usernames = [user["username"] for user in users]
picked = st.selectbox("User", ["", *usernames], key=f"{PAGE}_pick")
if picked:
    _manage(next(user for user in users if user["username"] == picked))
