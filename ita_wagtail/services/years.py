"""Assessment years in the page tree: which measures page a report answers.

A report answers the measures page above it (O43 of 2564–2566), or, when its
catalogue item reports on another year (2569's O26 covers fiscal year 2568),
it sits under its own year page and names that year's measures page of the
same ITA section (``MeasureResultMixin.measures_page``). README, "Years".
"""

from ..models import ItaYearMixin, MeasurePlanMixin, PlanRule


def plan_page_for(oit_item, year_page):
    """The measures page of the same ITA section that a report item answers.

    Args:
        oit_item: the report's OitItem (its ``plan_rule`` and ``plan_code``).
        year_page: the year page the report is made in.

    Returns:
        A specific measures page, or None when the section has none yet.
    """
    if oit_item is None or year_page is None:
        return None
    if oit_item.plan_rule in (PlanRule.SAME_YEAR_ITEM, PlanRule.PREVIOUS_YEAR_ITEM):
        target_year = oit_item.plan_assessment_year
    else:
        target_year = oit_item.covered_be_year
    index_page = year_page.get_parent()
    if index_page is None:
        return None
    target = next(
        (
            page
            for page in index_page.get_children().specific()
            if isinstance(page, ItaYearMixin) and page.year == target_year
        ),
        None,
    )
    if target is None:
        return None
    plans = [
        page
        for page in target.get_descendants().specific()
        if isinstance(page, MeasurePlanMixin)
    ]
    if oit_item.plan_code:
        named = [
            page
            for page in plans
            if page.oit_item_id and page.oit_item.code == oit_item.plan_code
        ]
        plans = named or plans
    return plans[0] if plans else None
