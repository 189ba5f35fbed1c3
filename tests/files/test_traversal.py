"""Recorded paths that lead outside the storage roots all answer 404 file-not-found, and are logged.

Each case PATCHes a demo processing attachment (as staff) to a hostile path and reads its content as its owner
over HTTP: `..` in the directory or in the name, percent-encoded variants, an absolute path elsewhere, a symbolic
link inside a root pointing out (to a file, to a directory), a relative path. A link that stays inside the root is
served (the roots judge where a path resolves, not how it is spelled).
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.files.conftest import OWNER, STAFF, FilesServer, first

FILE_NOT_FOUND = "https://ispyb.org/common-api/problems/file-not-found"


def _point(server: FilesServer, uuid: str, directory: str, name: str) -> httpx.Response:
    with server.client(STAFF) as staff:
        current = staff.get(f"/v1/processing-attachments/{uuid}")
        patched = staff.patch(
            f"/v1/processing-attachments/{uuid}",
            json={"filePath": directory, "fileName": name},
            headers={"If-Match": current.headers["etag"], "Content-Type": "application/merge-patch+json"},
        )
        assert patched.status_code == 200, patched.text
    with server.client(OWNER) as owner:
        return owner.get(f"/v1/processing-attachments/{uuid}/content")


@pytest.fixture(scope="module")
def attachment(files_server: FilesServer) -> Iterator[dict[str, str]]:
    with files_server.client(OWNER) as owner:
        record = first(owner, "processing-attachments")
        assert owner.get(f"/v1/processing-attachments/{record['uuid']}/content").status_code == 200
    kept = {k: str(v) for k, v in record.items()}
    yield kept
    _point(files_server, kept["uuid"], kept["filePath"], kept["fileName"])  # as it was, for the other tests


def _cases(server: FilesServer, record: dict[str, str]) -> list[tuple[str, str, str]]:
    root = server.detector.root
    outside = server.detector.outside
    directory = record["filePath"]
    up = "/".join([".."] * 20)
    links = root / "links"
    links.mkdir(exist_ok=True)
    for name, target in (("to-file", outside / "secret.txt"), ("to-dir", outside), ("to-etc", Path("/etc"))):
        if not (links / name).is_symlink():
            os.symlink(target, links / name)
    return [
        ("dot-dot in the directory", f"{directory}/{up}/etc", "passwd"),
        ("dot-dot in the name", directory, f"{up}/etc/passwd"),
        ("dot-dot from a root", f"{root}/..", "outside/secret.txt"),
        ("percent-encoded dot-dot", f"{directory}/" + "/".join(["%2e%2e"] * 20) + "/etc", "passwd"),
        ("percent-encoded slashes", directory, "..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd"),
        ("double-encoded", directory, "..%252f..%252f..%252fetc%252fpasswd"),
        ("absolute elsewhere", "/etc", "passwd"),
        ("symlink to a file outside", str(links), "to-file"),
        ("symlink to a directory outside", f"{links}/to-dir", "secret.txt"),
        ("symlink to /etc", f"{links}/to-etc", "passwd"),
        ("relative path", "etc", "passwd"),
        ("a directory, not a file", str(root), "links"),
    ]


def test_every_path_outside_the_roots_is_a_logged_404(files_server: FilesServer, attachment: dict[str, str]) -> None:
    answers = {}
    for label, directory, name in _cases(files_server, attachment):
        response = _point(files_server, attachment["uuid"], directory, name)
        answers[label] = (response.status_code, response.json().get("type"))
        assert b"root:" not in response.content, label
    assert answers == {label: (404, FILE_NOT_FOUND) for label in answers}, answers
    log = files_server.log.read_text()
    assert "outside storage root" in log and "under no storage root" in log and "not an absolute path" in log


def test_a_link_inside_the_roots_is_served(files_server: FilesServer, attachment: dict[str, str]) -> None:
    root = files_server.detector.root
    inner = root / "links" / "to-master.h5"
    if not inner.is_symlink():
        os.symlink(files_server.detector.master, inner)
    response = _point(files_server, attachment["uuid"], f"{root}/links/../links", "to-master.h5")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/x-hdf5"
    assert response.content == files_server.detector.master.read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/v1/processing-attachments/..%2F..%2F..%2Fetc%2Fpasswd/content",
        "/v1/processing-attachments/%2e%2e%2f%2e%2e%2fetc%2fpasswd/content",
        "/v1/processing-attachments/..%252f..%252fetc%252fpasswd/content",
    ],
)
def test_traversal_in_the_url_is_refused(files_server: FilesServer, path: str) -> None:
    with files_server.client(OWNER) as owner:
        response = owner.get(path)
    assert response.status_code in (404, 422)
    assert b"root:" not in response.content
