"""Serve the minimal site: ``python examples/minimal_site/serve.py --port 8100 --site-config site.yaml``.

Four tokens are minted at start (an owner, another user, staff, a beamline service) and written with the demo
records' UUIDs into a conformance-suite configuration, so that ``ispyb-conformance run -c site.yaml`` certifies
the site at once. The data lives as long as the process.
"""

from __future__ import annotations

import argparse
import secrets
import sys
import uuid
from pathlib import Path
from typing import Any

import orjson
import uvicorn
from fastapi import FastAPI

from site_kit.app import KitOptions, create_app
from site_kit.caller import Caller
from site_kit.http import uvicorn_options
from site_kit.profile import SiteProfile
from site_kit.resources import registry
from site_kit.suite_config import suite_config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from storage import MemoryStorage

CLASSES = frozenset({"core", "proposals"})
BEAMLINE = "i03"


def load_demo(storage: MemoryStorage) -> tuple[dict[str, str], str]:
    """Demo records, written through the seam itself as staff: the suite's fixture manifest, and the other PI."""
    staff = Caller("demo-loader", "STAFF")

    def add(name: str, /, **fields: Any) -> str:
        resource = registry()[name]
        return str(storage.create(staff, resource, resource.input_model.model_validate(fields)).uuid)

    lab = add("Laboratory", name="Example laboratory", country="France")
    pi0 = add("Person", givenName="Marie", familyName="Curie", login="pi0", laboratoryUuid=lab)
    pi1 = add("Person", givenName="Rosalind", familyName="Franklin", login="pi1")
    mine = add("Proposal", proposalCode="MX", proposalNumber="1001", title="Sandbox", principalInvestigatorUuid=pi0)
    other = add("Proposal", proposalCode="MX", proposalNumber="1002", principalInvestigatorUuid=pi1)
    member = add("ProposalMember", proposalUuid=mine, personUuid=pi0, role="PRINCIPAL_INVESTIGATOR")
    add("ProposalMember", proposalUuid=other, personUuid=pi1, role="PRINCIPAL_INVESTIGATOR")
    # a second member without a lab contact: pi0 has the proposal's card (x-unique: one per person and proposal),
    # so the suite's sandbox writes its card for this person
    colleague = add("Person", givenName="Dorothy", familyName="Hodgkin", login="co0", laboratoryUuid=lab)
    add("ProposalMember", proposalUuid=mine, personUuid=colleague, role="CO_INVESTIGATOR")
    start = "2026-03-14T09:00:00Z"
    session = add("Session", proposalUuid=mine, visitNumber=1, beamlineName=BEAMLINE, startTime=start)
    elsewhere = add("Session", proposalUuid=mine, visitNumber=2, beamlineName="i04", startTime=start)
    add("Session", proposalUuid=other, visitNumber=1, beamlineName=BEAMLINE)
    fixtures = {
        "laboratory": lab,
        "person": pi0,
        "proposal": mine,
        "proposalMember": member,
        "session": session,
        "sessionMember": add("SessionMember", sessionUuid=session, personUuid=pi0, role="PRINCIPAL_INVESTIGATOR"),
        "labContact": add("LabContact", proposalUuid=mine, personUuid=pi0, cardName="Marie Curie"),
        "foreignProposal": other,
        "foreignBeamlineSession": elsewhere,
    }
    return fixtures, pi1


def build(base_url: str) -> tuple[FastAPI, dict[str, Any]]:
    """The app and the suite's configuration for it."""
    tokens = {role: "mini_" + secrets.token_urlsafe(24) for role in ("owner", "otherUser", "staff", "service")}
    storage = MemoryStorage(CLASSES, {})
    fixtures, other_pi = load_demo(storage)
    storage.tokens.update(
        {
            tokens["owner"]: Caller("pi0", "USER", person=uuid.UUID(fixtures["person"])),
            tokens["otherUser"]: Caller("pi1", "USER", person=uuid.UUID(other_pi)),
            tokens["staff"]: Caller("staff", "STAFF"),
            tokens["service"]: Caller("beamline-i03", "SERVICE", beamlines=frozenset({BEAMLINE})),
        }
    )
    profile = SiteProfile(site_name="Minimal example site", implementation="site_kit minimal example", classes=CLASSES)
    config = suite_config(
        base_url,
        tokens,
        beamline=BEAMLINE,
        sandbox_proposal=fixtures["proposal"],
        sandbox_session=fixtures["session"],
        fixtures=fixtures,
    )
    return create_app(storage, profile, KitOptions(title="Minimal example site")), config


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8100)
    parser.add_argument("--site-config", type=Path, help="write the conformance suite's configuration here")
    args = parser.parse_args()
    app, config = build(f"http://{args.host}:{args.port}")
    if args.site_config:
        args.site_config.write_bytes(orjson.dumps(config, option=orjson.OPT_INDENT_2))  # JSON is YAML
    print(f"Serving on http://{args.host}:{args.port} (staff token: {config['identities']['staff']['token']})")
    # the kit's HTTP protocol: header deadline, and a problem document for a request that is not HTTP
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", **uvicorn_options())


if __name__ == "__main__":
    main()
