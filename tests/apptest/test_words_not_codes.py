"""Owner organisations and roles are shown in words, not stored codes (issue 20)."""

from dashboard.exchange.demo import demo_anchor
from tests.apptest.conftest import page_path

TIMEOUT = 60
WORDS = {"CQC", "Home Office", "Prime contractor", "Provider"}


def _open(logged_in, script: str, as_of_key: str):
    at = logged_in("programme_manager", name="Pat Manager")
    at.switch_page(page_path(script)).run(timeout=TIMEOUT)
    at.date_input(key=as_of_key).set_value(demo_anchor()).run(timeout=TIMEOUT)
    assert not at.exception
    return at


def test_the_action_log_names_owner_organisations_in_words(logged_in):
    at = _open(logged_in, "governance.py", "governance_as_of")
    log = next(f.value for f in at.dataframe if "RAG" in f.value.columns)
    assert set(log["owner organisation"]) <= WORDS
    assert "Home Office" in set(log["owner organisation"]) | {
        at.multiselect(key="governance_filter_org").format_func("home office")
    }


def test_the_recommendation_register_names_owners_in_words(logged_in):
    at = _open(logged_in, "recommendations.py", "recommendations_as_of")
    register = next(f.value for f in at.dataframe if "owner" in f.value.columns)
    owners = set(register["owner"]) - {""}
    assert owners and owners <= WORDS
