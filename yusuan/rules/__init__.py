"""The rule catalog. Each family is one module; importing it registers its rules.

Adding a family = adding a module and one line here.
"""

from yusuan.rules import (  # noqa: F401
    arithmetic,
    beside_lists,
    codes,
    completeness,
    cross_table,
    cross_table_codes,
    final_accounts,
    narrative,
    narrative_amounts,
    narrative_changes,
    narrative_common,
    narrative_lists,
    narrative_sums,
    performance,
    performance_targets,
    placement,
    profile,
    reading,
    wording,
)
