"""Write functions on accounts, the data exchange, reference data and governance."""

from datetime import date

from sqlmodel import select

from dashboard.accounts import rules as account_rules
from dashboard.accounts import service as accounts
from dashboard.core.vocabulary import Role
from dashboard.exchange import forms
from dashboard.exchange import service as data_exchange
from dashboard.governance import service as governance_service
from dashboard.recommendations import service as recommendations
from dashboard.reference import service as reference_data
from models import Provider
from models.base import utc_now
from tests import factories as make
from tests.write_functions.world import (
    ADMINS,
    MANAGERS,
    UPLOAD,
    WriteFunction,
    one_row_source,
)

PROGRAMME_WRITES: tuple[WriteFunction, ...] = (
    WriteFunction(
        accounts.add_user,
        lambda s, a: accounts.add_user(
            s, actor=a, username="newcomer", role=Role.PARTNER, password="newcomer-password"
        ),
        ADMINS,
    ),
    WriteFunction(
        accounts.set_password,
        lambda s, a: accounts.set_password(
            s, actor=a, username="target", password="another-long-password"
        ),
        ADMINS,
    ),
    WriteFunction(
        accounts.disable_user,
        lambda s, a: accounts.disable_user(s, actor=a, username="target"),
        ADMINS,
    ),
    WriteFunction(
        accounts.enable_user,
        lambda s, a: accounts.enable_user(s, actor=a, username="target"),
        ADMINS,
        prepare=lambda s: accounts.disable_user(
            s, actor=account_rules.system_actor("setup"), username="target"
        ),
    ),
    WriteFunction(
        accounts.unlock_user,
        lambda s, a: accounts.unlock_user(s, actor=a, username="target"),
        ADMINS,
        prepare=lambda s: [
            accounts.record_login_attempt(s, username="target", succeeded=False, at=utc_now())
            for _ in range(account_rules.LOCKOUT_THRESHOLD)
        ],
    ),
    WriteFunction(
        accounts.change_role,
        lambda s, a: accounts.change_role(
            s, actor=a, username="spare", role=Role.PROGRAMME_MANAGER
        ),
        ADMINS,
    ),
    WriteFunction(
        data_exchange.import_programme_as,
        lambda s, a: data_exchange.import_programme_as(
            s, one_row_source("providers", code="P9", name="Provider nine"), actor=a
        ),
        MANAGERS,
    ),
    WriteFunction(
        accounts.add_user_with_one_time_password,
        lambda s, a: accounts.add_user_with_one_time_password(
            s, actor=a, username="newcomer", role=Role.PARTNER
        ),
        ADMINS,
    ),
    WriteFunction(
        accounts.reset_password,
        lambda s, a: accounts.reset_password(s, actor=a, username="target"),
        ADMINS,
    ),
    # The data exchange page: the dry run and the workbook download write nothing.
    WriteFunction(
        data_exchange.check_upload,
        lambda s, a: data_exchange.check_upload(s, actor=a, file_name="providers.csv", data=UPLOAD),
        MANAGERS,
        audited=False,
    ),
    WriteFunction(
        data_exchange.import_upload,
        lambda s, a: data_exchange.import_upload(
            s, actor=a, file_name="providers.csv", data=UPLOAD
        ),
        MANAGERS,
    ),
    WriteFunction(
        data_exchange.programme_workbook,
        lambda s, a: data_exchange.programme_workbook(s, actor=a),
        MANAGERS,
        audited=False,
    ),
    # Form rows through the importer: files the managers own (inspection files are STAFF).
    WriteFunction(
        forms.save_form_row,
        lambda s, a: forms.save_form_row(
            s, "providers", {"code": "P9", "name": "Provider nine"}, actor=a, new=True
        ),
        MANAGERS,
    ),
    WriteFunction(
        forms.save_form_rows,
        lambda s, a: forms.save_form_rows(
            s,
            "providers",
            [{"code": "P8", "name": "Eight"}, {"code": "P9", "name": "Nine"}],
            actor=a,
        ),
        MANAGERS,
    ),
    # Reference data.
    WriteFunction(
        reference_data.move_service,
        lambda s, a: reference_data.move_service(s, actor=a, code="S1", to_group="G2"),
        MANAGERS,
        prepare=lambda s: make.group(s, "G2", s.exec(select(Provider)).one()),
    ),
    WriteFunction(
        reference_data.close_service,
        lambda s, a: reference_data.close_service(s, actor=a, code="S1", on=date(2026, 6, 1)),
        MANAGERS,
    ),
    WriteFunction(
        reference_data.close_group,
        lambda s, a: reference_data.close_group(s, actor=a, code="G1", on=date(2026, 6, 1)),
        MANAGERS,
    ),
    WriteFunction(
        reference_data.close_provider,
        lambda s, a: reference_data.close_provider(s, actor=a, code="P1", on=date(2026, 6, 1)),
        MANAGERS,
    ),
    WriteFunction(
        reference_data.end_mou_term,
        lambda s, a: reference_data.end_mou_term(s, actor=a, ref="T1", on=date(2026, 1, 31)),
        MANAGERS,
    ),
    # Governance.
    WriteFunction(
        governance_service.create_meeting,
        lambda s, a: governance_service.create_meeting(
            s,
            actor=a,
            ref="M9",
            held_on=date(2025, 6, 5),
            kind="programme board",
            attendees=["CQC", "Home Office"],
            notes="Quarterly review.",
        ),
        MANAGERS,
    ),
    WriteFunction(
        governance_service.edit_meeting,
        lambda s, a: governance_service.edit_meeting(
            s,
            actor=a,
            ref="M1",
            expected_version=1,
            held_on=date(2025, 4, 10),
            kind="mou governance",
            notes="Minutes agreed.",
        ),
        MANAGERS,
    ),
    WriteFunction(
        governance_service.create_action,
        lambda s, a: governance_service.create_action(
            s,
            actor=a,
            ref="A9",
            meeting_ref="M1",
            text="Share the rota.",
            owner_org="cqc",
            owner_name=None,
            due_on=date(2025, 6, 1),
        ),
        MANAGERS,
    ),
    WriteFunction(
        governance_service.edit_action,
        lambda s, a: governance_service.edit_action(
            s,
            actor=a,
            ref="A1",
            expected_version=1,
            text="Send the revised plan.",
            owner_org="cqc",
            owner_name=None,
            due_on=date(2025, 5, 9),
        ),
        MANAGERS,
    ),
    WriteFunction(
        governance_service.add_action_update,
        lambda s, a: governance_service.add_action_update(
            s,
            actor=a,
            action_ref="A1",
            expected_version=1,
            on=date(2025, 5, 1),
            note="Draft shared.",
            status="in progress",
        ),
        MANAGERS,
    ),
    WriteFunction(
        recommendations.set_timescales,
        lambda s, a: recommendations.set_timescales(
            s, actor=a, working_days={"high": 25, "medium": 60, "low": 120}
        ),
        ADMINS,
    ),
)
