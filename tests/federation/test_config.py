"""The members file: federation tokens by hash only, credentials never in a repr."""

from __future__ import annotations

import pytest

from federation.config import parse, token_sha256


def _doc(**extra: object) -> dict:
    return {
        "members": [{"name": "a", "url": "http://127.0.0.1:1"}],
        "callers": [
            {"tokenSha256": token_sha256("t0k"), "subject": "pi", "role": "USER", "credentials": {"a": "s3cret"}}
        ],
        **extra,
    }


def test_callers_are_keyed_by_the_tokens_hash_and_hide_credentials() -> None:
    config = parse(_doc())
    identity = config.callers[token_sha256("t0k")]
    assert identity.credentials == {"a": "s3cret"}
    assert "s3cret" not in repr(identity) and "s3cret" not in repr(config)
    assert "t0k" not in repr(config)


def test_bad_members_files_are_refused() -> None:
    with pytest.raises(ValueError, match="tokenSha256"):
        parse({**_doc(), "callers": [{"tokenSha256": "t0k", "role": "USER"}]})
    with pytest.raises(ValueError, match="unknown members"):
        parse({**_doc(), "callers": [{"tokenSha256": token_sha256("x"), "role": "USER", "credentials": {"b": "y"}}]})
    with pytest.raises(ValueError, match="unique"):
        parse({**_doc(), "members": [{"name": "a", "url": "http://x"}, {"name": "a", "url": "http://y"}]})
