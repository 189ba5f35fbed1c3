"""Behaviour of the suite that needs no server: configuration errors, the read-only guard, verdicts, the CLI."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
import pytest
import yaml

from conformance.config import SiteConfigError, load_site_config, parse_site_config
from conformance.http import ReadOnlyViolation, SuiteClient
from conformance.results import CheckResult, CheckStatus, ClassStatus, class_verdict

EXAMPLE = Path(__file__).resolve().parents[2] / "conformance" / "schemas" / "site.example.yaml"
BIN = Path(sys.executable).parent


def example() -> dict:
    return yaml.safe_load(EXAMPLE.read_text())


def test_the_published_example_is_a_valid_site_configuration() -> None:
    site = load_site_config(EXAMPLE)
    assert site.writes.allowed and site.identities["service"].beamlines == ("i03",)
    assert site.fixtures["foreignProposal"]


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda d: d["identities"].pop("otherUser"), "identities: 'otherUser' is a required property"),
        (lambda d: d["writes"].pop("sandboxProposalUuid"), "writes: 'sandboxProposalUuid' is a required property"),
        (lambda d: d["fixtures"].update(protein="not-a-uuid"), "fixtures.protein:"),
        (lambda d: d["fixtures"].update(protien=d["fixtures"]["protein"]), "fixtures: unknown field"),
        (lambda d: d["identities"]["service"].update(beamlines=[]), "identities.service.beamlines:"),
    ],
)
def test_an_invalid_site_configuration_names_the_field(change, named: str) -> None:
    data = example()
    change(data)
    with pytest.raises(SiteConfigError) as error:
        parse_site_config(data)
    assert named in str(error.value)


def test_base_url_option_overrides_the_file_and_read_only_needs_no_sandbox() -> None:
    data = example()
    data["writes"] = {"allowed": False}
    site = parse_site_config(data, "http://site.example:9000/")
    assert site.base_url == "http://site.example:9000" and not site.writes.allowed


def test_read_only_client_refuses_every_write_before_sending_it() -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        return httpx.Response(200, json={"items": []})

    client = SuiteClient(
        "http://site", {"owner": "secret-token"}, allow_writes=False, transport=httpx.MockTransport(handler)
    )
    for method in ("POST", "PUT", "PATCH", "DELETE"):
        with pytest.raises(ReadOnlyViolation):
            client.request(method, "/v1/shipments", identity="owner", json_body={})
    response, exchange = client.request("GET", "/v1/shipments", identity="owner")
    assert response.status_code == 200 and sent == ["GET"]
    assert client.write_requests == 0
    assert "secret-token" not in str(exchange.to_dict()) and "[SECURE]" in exchange.request_headers["Authorization"]


def _result(status: CheckStatus) -> CheckResult:
    return CheckResult("X-01", "samples", "t", "r", status)


def test_a_check_that_did_not_run_never_lets_its_class_pass() -> None:
    passed = [_result(CheckStatus.PASSED), _result(CheckStatus.NOT_APPLICABLE)]
    assert class_verdict("samples", True, True, passed).status == ClassStatus.PASSED
    unverified = [*passed, _result(CheckStatus.NOT_VERIFIED)]
    assert class_verdict("samples", True, True, unverified).status == ClassStatus.NOT_VERIFIED
    assert class_verdict("samples", True, True, [*unverified, _result(CheckStatus.FAILED)]).status == ClassStatus.FAILED
    assert class_verdict("samples", True, True, [_result(CheckStatus.NOT_APPLICABLE)]).status != ClassStatus.PASSED
    assert class_verdict("samples", False, True, []).status == ClassStatus.NOT_CLAIMED


def test_classes_command_lists_every_class_with_its_checks_and_requirements() -> None:
    done = subprocess.run(
        [BIN / "ispyb-conformance", "classes"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"COLUMNS": "200", "PATH": str(BIN)},
    )
    assert done.returncode == 0
    for name in ("core", "proposals", "samples", "shipping", "acquisition", "processing"):
        assert f"\n{name}" in done.stdout
    for check in ("PROC-ROUNDTRIP-01", "SHIP-LIFECYCLE-01", "SAMP-ISOLATION-01", "ACQ-PAGINATION-01"):
        assert check in done.stdout
    assert "Keyset pagination" in done.stdout


def test_run_with_an_invalid_configuration_exits_2_naming_the_field(tmp_path: Path) -> None:
    data = example()
    del data["identities"]["staff"]
    config = tmp_path / "site.yaml"
    config.write_text(yaml.safe_dump(data))
    done = subprocess.run(
        [BIN / "ispyb-conformance", "run", "--config", config, "--report-dir", tmp_path],
        capture_output=True,
        text=True,
        timeout=60,
        env={"COLUMNS": "200", "PATH": str(BIN)},
    )
    assert done.returncode == 2
    assert "identities: 'staff' is a required property" in done.stdout


def test_pytest_plugin_is_inert_without_its_option(tmp_path: Path) -> None:
    (tmp_path / "test_nothing.py").write_text("def test_ok():\n    pass\n")
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert done.returncode == 0 and "1 passed" in done.stdout
    assert (
        "--ispyb-base-url"
        in subprocess.run(
            [sys.executable, "-m", "pytest", "--help"], capture_output=True, text=True, timeout=120, cwd=tmp_path
        ).stdout
    )


def test_writes_classes_limits_the_write_checks_to_the_classes_a_site_writes() -> None:
    from conformance.context import RunContext

    data = example()
    data["writes"]["classes"] = ["acquisition", "processing"]
    site = parse_site_config(data)
    assert site.writes.classes == ("acquisition", "processing")
    run = RunContext(site, None, None, None, 0, None)  # type: ignore[arg-type]
    assert run.writes_allowed_in("processing") and not run.writes_allowed_in("samples")
    data["writes"]["classes"] = ["core"]
    with pytest.raises(SiteConfigError, match=r"writes.classes.0"):
        parse_site_config(data)
    assert parse_site_config(example()).writes.classes is None  # default: every claimed class is written


def test_round_trip_comparison_allows_exactly_the_precision_the_spec_guarantees() -> None:
    import struct

    from conformance.checks.common import differences, same

    as_float32 = struct.unpack("f", struct.pack("f", 0.97631234567))[0]
    assert same(0.97631234567, as_float32)  # a FLOAT column keeps ~7 significant digits: allowed
    assert same(2.199533989933609, 2.19953)  # and MariaDB returns 6 of them
    assert not same(0.9763, 0.9764)  # a different value is not
    assert same([{"rank": 2}, {"rank": 1}], [{"rank": 1}, {"rank": 2.0}])  # strategies may come back best first
    assert not same([{"rank": 2}, {"rank": 1}], [{"rank": 1}, {"rank": 1}])
    assert same(5e-324, 0.0)  # below float32's range, 0 is what such a column returns
    assert not same(3, 4) and same(3, 3)
    assert same("2026-03-14T09:26:53.734Z", "2026-03-14T09:26:53Z")  # DATETIME keeps whole seconds
    assert same("2026-03-14T10:26:53+01:00", "2026-03-14T09:26:53Z")  # the same instant in another zone
    assert not same("2026-03-14T09:26:53Z", "2026-03-14T09:26:55Z")
    assert not same(True, 1)
    assert differences({"wavelength": 0.9763, "runStatus": "FAILED"}, {"wavelength": 0.9763, "runStatus": "ok"}) == [
        "`runStatus` was written as 'FAILED' but reads 'ok'"
    ]


def test_the_client_writes_only_to_records_the_suite_created_and_refuses_the_rest_unsent() -> None:
    from conformance.http import UnownedWrite

    created = "0b9e2f4c-6a55-4a40-9a53-2b6f1e0a7c11"
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(f"{request.method} {request.url.path}")
        if request.method == "POST":
            return httpx.Response(201, json={"uuid": created}, headers={"Location": f"/v1/proteins/{created}"})
        return httpx.Response(204)

    client = SuiteClient("http://site", {"owner": "t"}, allow_writes=True, transport=httpx.MockTransport(handler))
    fixture = "f7a3eac2-d4a8-5226-ac6f-faac60d29666"
    for method in ("PUT", "PATCH", "DELETE"):
        with pytest.raises(UnownedWrite, match=fixture):
            client.request(method, f"/v1/proteins/{fixture.upper()}", identity="owner", json_body={})
    assert sent == []
    minted = client.own("5d0c8f8e-3f1e-4f5e-9b7a-0c6f4f3a2b10")
    client.request("PUT", f"/v1/proteins/{minted}", identity="owner", json_body={})
    client.request("POST", "/v1/proteins", identity="owner", json_body={})
    client.request("DELETE", f"/v1/proteins/{created}", identity="owner")
    assert sent == [f"PUT /v1/proteins/{minted}", "POST /v1/proteins", f"DELETE /v1/proteins/{created}"]


def test_uuids_and_tags_are_drawn_from_the_seed() -> None:
    from conformance.context import RunContext
    from conformance.spec import SpecIndex

    def draws(seed: int) -> list[str]:
        client = SuiteClient("http://site", {}, allow_writes=True)
        run = RunContext(parse_site_config(example()), SpecIndex.load(), client, None, seed, None)  # type: ignore[arg-type]
        state = run.begin_class("samples")
        return [run.mint(), run.mint(), run.mint("unknown:proteins"), state.sandbox.tag(), state.sandbox.tag()]

    assert draws(7) == draws(7)
    assert draws(7) != draws(8)
    assert len(set(draws(7))) == 5


def test_check_order_is_computed_from_declared_dependencies() -> None:
    from conformance.registry import Family, OrderError, execution_order

    def fam(suffix: str, after: tuple[str, ...] = (), reviews: bool = False) -> Family:
        return Family(suffix, suffix, "", lambda ctx: None, after=after, reviews_class=reviews)

    order = execution_order([fam("REVIEW", reviews=True), fam("A", after=("C",)), fam("B"), fam("C")])
    assert [f.suffix for f in order] == ["B", "C", "A", "REVIEW"]
    assert [f.suffix for f in execution_order([fam("A", after=("GONE",)), fam("B")])] == ["A", "B"]
    with pytest.raises(OrderError):
        execution_order([fam("A", after=("B",)), fam("B", after=("A",))])


def test_sweep_seeds_accept_ranges_and_lists() -> None:
    from conformance.cli import parse_seeds

    assert parse_seeds("1-3,7,2") == [1, 2, 3, 7]
    with pytest.raises(Exception, match="not a seed"):
        parse_seeds("x")


def test_request_data_treats_extensible_vocabularies_as_enums_and_responses_accept_any_string() -> None:
    from conformance.constraints import request_document
    from conformance.spec import SpecIndex
    from conformance.validation import SchemaValidator

    spec = SpecIndex.load()
    vocabularies = {n for n, s in spec.schemas.items() if "x-extensible-enum" in s}
    assert vocabularies, "the spec declares extensible vocabularies"
    view = request_document(spec.document)
    body = view["paths"]["/v1/proposals/{uuid}"]["put"]["requestBody"]["content"]["application/json"]["schema"]
    assert body["properties"]["proposalType"]["enum"] == spec.schema("ProposalType")["x-extensible-enum"]
    assert "uuid" not in body["properties"] and "createdAt" not in body["properties"]  # read-only: not generated
    assert "enum" not in spec.schema("ProposalType")  # the document itself is untouched
    record = {"proposalType": "A-TECHNIQUE-ADDED-LATER"}
    violations = [v for v in SchemaValidator(spec).validate_schema("Proposal", record) if "proposalType" in str(v)]
    assert violations == []
