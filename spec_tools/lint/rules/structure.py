"""Structure rule: the bundle is valid OpenAPI 3.1, as checked by the maintained openapi-spec-validator."""

from __future__ import annotations

from spec_tools.bundle import BundleError, bundle
from spec_tools.lint.model import Context, Rule, rule
from spec_tools.lint.source import Loc


@rule("oas3-valid", "Style rules mean nothing on an invalid document: the bundle must validate as OpenAPI 3.1.")
def oas3_valid(self: Rule, ctx: Context) -> None:
    from openapi_spec_validator import validate
    from openapi_spec_validator.validation.exceptions import OpenAPIValidationError

    root = Loc(ctx.sources.root)
    try:
        validate(bundle(ctx.sources.root))
    except BundleError as exc:
        ctx.report(self, root, f"cannot bundle: {exc}")
    except OpenAPIValidationError as exc:
        where = "/".join(str(p) for p in getattr(exc, "path", []))
        ctx.report(self, root, f"invalid OpenAPI 3.1 at {where or '/'}: {str(exc).splitlines()[0]}")
