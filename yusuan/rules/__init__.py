"""The rule catalog. Each family is one module; importing it registers its rules.

Adding a family = adding a module and one line here.
"""

from yusuan.rules import (  # noqa: F401
    arithmetic,
    codes,
    completeness,
    cross_table,
    narrative,
    performance,
    performance_targets,
    placement,
    profile,
    reading,
    wording,
)
