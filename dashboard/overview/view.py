"""Where the Overview's links go: each opens its page filtered to what the tile counted.

The values are the query parameters of the target page's widgets bound to the URL
(`bind="query-params"`: the widget's key names the parameter, its shown label the value)."""

from dashboard.core.vocabulary import OPEN_RECOMMENDATION_STATUSES, RecommendationStatus
from dashboard.governance.rules import Rag, rag_label

# The Open recommendations tile counts these statuses, not all 1,120 recommendations.
OPEN_RECOMMENDATIONS: dict[str, str | list[str]] = {
    "recommendations_filter_statuses": [
        status.value for status in RecommendationStatus if status in OPEN_RECOMMENDATION_STATUSES
    ],
}
# The governance tile's 'overdue': open or in progress (the log's default) and past due (red).
OVERDUE_ACTIONS: dict[str, str | list[str]] = {
    "governance_tab": "Action log",
    "governance_filter_rag": rag_label(Rag.RED),
}
