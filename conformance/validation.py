"""Validation of response bodies against the spec's schemas, with strict RFC 3339 and UUID formats.

The spec promises "timestamps are RFC 3339 with a time zone" and "every record has a uuid (RFC 9562)";
jsonschema's default format checker is lenient (or absent) for both, so the suite brings its own checkers.
Format violations are reported apart from other schema violations so that each names its own check.
"""

from __future__ import annotations

import re
import uuid as uuidlib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from jsonschema import Draft202012Validator, FormatChecker

from conformance.spec import SpecIndex

_RFC3339 = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-](\d{2}):(\d{2}))$")
_UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def is_rfc3339(value: object) -> bool:
    """An RFC 3339 date-time with an explicit offset (the spec forbids zone-less timestamps)."""
    if not isinstance(value, str):
        return True
    match = _RFC3339.match(value)
    if not match:
        return False
    year, month, day, hour, minute, second = (int(match.group(i)) for i in range(1, 7))
    return 1 <= month <= 12 and 1 <= day <= 31 and hour <= 23 and minute <= 59 and second <= 60 and year > 0


def is_uuid(value: object) -> bool:
    """A UUID in its canonical hyphenated form."""
    if not isinstance(value, str):
        return True
    if not _UUID.match(value):
        return False
    uuidlib.UUID(value)
    return True


def _format_checker() -> FormatChecker:
    checker = FormatChecker(formats=())
    checker.checks("date-time")(is_rfc3339)
    checker.checks("uuid")(is_uuid)
    return checker


@dataclass(frozen=True)
class Violation:
    """One way a body departs from its schema; `kind` is `format` or `schema`."""

    kind: str
    pointer: str
    message: str

    def __str__(self) -> str:
        return f"{self.pointer or '/'}: {self.message}"


class SchemaValidator:
    """Validates instances against named component schemas of the spec (OpenAPI 3.1 = JSON Schema 2020-12)."""

    def __init__(self, spec: SpecIndex) -> None:
        self._spec = spec
        self._checker = _format_checker()

    @lru_cache(maxsize=512)  # noqa: B019 - one validator per run; the cache dies with it
    def _validator(self, ref: str) -> Draft202012Validator:
        root = {"components": self._spec.document.get("components", {}), "$ref": ref}
        return Draft202012Validator(root, format_checker=self._checker)

    def validate_ref(self, ref: str, instance: Any) -> list[Violation]:
        """Violations of `instance` against the schema at `ref` (`#/components/schemas/X`)."""
        found = []
        for error in self._validator(ref).iter_errors(instance):
            pointer = "/" + "/".join(str(p) for p in error.absolute_path)
            kind = "format" if error.validator == "format" else "schema"
            found.append(Violation(kind, pointer if error.absolute_path else "", error.message[:300]))
        return found

    def validate_schema(self, name: str, instance: Any) -> list[Violation]:
        return self.validate_ref(f"#/components/schemas/{name}", instance)

    def response_ref(self, method: str, path: str, status: int, content_type: str) -> str | None:
        """The `$ref` of the schema the spec declares for this response, or None when it declares none."""
        op = self._spec.operation(method, path)
        if op is None:
            return None
        responses = op.raw.get("responses", {})
        response = responses.get(str(status)) or responses.get(f"{str(status)[0]}XX") or responses.get("default")
        if response is None:
            return None
        response = self._spec.resolve(response)
        media = content_type.split(";")[0].strip()
        content = response.get("content", {})
        body = content.get(media)
        if body is None:
            return None
        schema = body.get("schema", {})
        return schema.get("$ref")
