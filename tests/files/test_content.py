"""File content over HTTP (ispyb-server in its own process): headers, ranges, conditional GET, reach, a missing file."""

from __future__ import annotations

from tests.files.conftest import OTHER, OWNER, FilesServer, first

FILE_NOT_FOUND = "https://ispyb.org/common-api/problems/file-not-found"


def test_every_kind_of_file_is_served_with_its_headers(files_server: FilesServer) -> None:
    expected = {
        "processing-attachments": "text/plain",
        "data-collection-attachments": "image/png",
        "sample-images": "image/png",
        "images": "application/octet-stream",
    }
    with files_server.client(OWNER) as owner:
        for collection, media in expected.items():
            record = first(owner, collection)
            response = owner.get(f"/v1/{collection}/{record['uuid']}/content")
            assert response.status_code == 200, (collection, response.text)
            assert response.headers["content-type"] == media
            assert int(response.headers["content-length"]) == len(response.content) > 0
            assert response.headers["etag"].startswith('"') and response.headers["accept-ranges"] == "bytes"
            assert response.headers["last-modified"].endswith("GMT")
            assert "filename=" in response.headers["content-disposition"]


def test_ranges_and_conditional_gets(files_server: FilesServer) -> None:
    with files_server.client(OWNER) as owner:
        record = first(owner, "images")
        path = f"/v1/images/{record['uuid']}/content"
        whole = owner.get(path)
        size, etag = len(whole.content), whole.headers["etag"]
        part = owner.get(path, headers={"Range": "bytes=100-199"})
        assert (part.status_code, part.content) == (206, whole.content[100:200])
        assert part.headers["content-range"] == f"bytes 100-199/{size}"
        assert owner.get(path, headers={"Range": "bytes=-10"}).content == whole.content[-10:]
        beyond = owner.get(path, headers={"Range": f"bytes={size}-"})
        assert beyond.status_code == 416 and beyond.headers["content-range"] == f"bytes */{size}"
        assert beyond.headers["content-type"] == "application/problem+json"
        assert owner.get(path, headers={"Range": "bytes=0-1,5-6"}).status_code == 200
        assert owner.get(path, headers={"Range": "bytes=0-9", "If-Range": '"old"'}).status_code == 200
        assert owner.get(path, headers={"Range": "bytes=0-9", "If-Range": etag}).status_code == 206
        cached = owner.get(path, headers={"If-None-Match": etag})
        assert (cached.status_code, cached.content, cached.headers["etag"]) == (304, b"", etag)
        since = whole.headers["last-modified"]
        assert owner.get(path, headers={"If-Modified-Since": since}).status_code == 304
        assert owner.get(path, headers={"If-Modified-Since": since, "If-None-Match": '"x"'}).status_code == 200


def test_reach_is_the_records_and_a_missing_file_says_so(files_server: FilesServer) -> None:
    with files_server.client(OWNER) as owner:
        attachments = owner.get("/v1/processing-attachments", params={"limit": 1000}).json()["items"]
        answers = {a["uuid"]: owner.get(f"/v1/processing-attachments/{a['uuid']}/content") for a in attachments}
    missing = [r for r in answers.values() if r.status_code == 404]
    assert len(missing) == 1 and missing[0].json()["type"] == FILE_NOT_FOUND  # the demo leaves one file out
    served = next(uuid for uuid, r in answers.items() if r.status_code == 200)
    with files_server.client(OTHER) as other:
        refused = other.get(f"/v1/processing-attachments/{served}/content")
        ghost = other.get("/v1/processing-attachments/00000000-0000-4000-8000-000000000000/content")
    assert refused.status_code == ghost.status_code == 404
    assert refused.json()["type"] == ghost.json()["type"] != FILE_NOT_FOUND
    with files_server.client(None) as anonymous:
        assert anonymous.get(f"/v1/processing-attachments/{served}/content").status_code == 401
