"""schemathesis against the app's own OpenAPI schema: no generated request gives a server error."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("schemathesis", reason="schemathesis is a dev dependency: pip install -e '.[dev]'")
import schemathesis  # noqa: E402
from hypothesis import HealthCheck, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from web_support import web_client  # noqa: E402


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with web_client(Path(tmp_path_factory.mktemp("schema")), workers=1, parse_timeout_s=20) as c:
        yield c


def test_no_server_error_on_any_operation(client) -> None:  # type: ignore[no-untyped-def]
    schema = schemathesis.openapi.from_asgi("/openapi.json", client.app)
    operations = [op.ok() for op in schema.get_all_operations()]
    assert {op.path for op in operations} >= {"/api/check", "/api/rules", "/api/documents"}
    for op in operations:
        strategy = op.as_strategy()

        @settings(max_examples=25, deadline=None, derandomize=True, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(checks=[not_a_server_error], excluded_checks=[])

        from hypothesis import given

        given(strategy)(run)()
