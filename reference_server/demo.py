"""The demo database: migrated, seeded and given well-known tokens on first start.

The tokens of the demo are fixed strings so that a newcomer can copy them from the README; they exist only
in a database created with ``--demo``. ``site_config`` mints fresh random tokens instead.
"""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from reference_server import auth
from reference_server.db import models as m
from reference_server.db.engine import make_sessionmaker, migrate
from reference_server.seed import seed, uid

DEMO_TOKENS: dict[str, dict[str, Any]] = {
    "demo-staff": {"role": "STAFF", "subject": "staff"},
    "demo-owner": {"role": "USER", "subject": "pi0", "person": ("pi0",)},
    "demo-other-user": {"role": "USER", "subject": "pi1", "person": ("pi1",)},
    "demo-service-i03": {"role": "SERVICE", "subject": "mxcube-i03", "beamlines": ["i03"]},
}


def is_seeded(db: Session) -> bool:
    return bool(db.execute(select(func.count()).select_from(m.Proposal)).scalar_one())


def prepare(engine: Engine) -> bool:
    """Migrate, and seed with demo data and demo tokens if the database is empty; True when it seeded."""
    migrate(engine)
    with make_sessionmaker(engine)() as db:
        if is_seeded(db):
            return False
        seed(db)
        for token, spec in DEMO_TOKENS.items():
            person = spec.get("person")
            auth.issue(
                db,
                role=str(spec["role"]),
                subject=str(spec["subject"]),
                person_uuid=uid("persons", *person) if person else None,
                beamlines=list(spec.get("beamlines", [])),
                token=token,
            )
        db.commit()
        return True


def first(db: Session, model: type[Any], *conditions: Any) -> uuid.UUID | None:
    stmt = select(model.uuid)
    for condition in conditions:
        stmt = stmt.where(condition)
    return db.execute(stmt.order_by(model.id).limit(1)).scalar_one_or_none()
