"""GraphiQL's assets, taken from the npm registry at install time (never committed, never from a CDN).

``ispyb-graphql assets`` (run by ``make install``) asks npm for the pinned packages (``npm pack``, which checks
each tarball against the registry's integrity hash) and keeps only the four files the page needs, in
``graphql_layer/static/`` (git-ignored). GraphiQL 3 is the last major release with a browser (UMD) build, so
the page runs without a bundler: React 18's UMD builds, then GraphiQL's.
"""

from __future__ import annotations

import html
import json
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

DEFAULT_DIR = Path(__file__).with_name("static")
#: file kept → (npm package@version, its path in the package)
FILES = {
    "react.production.min.js": ("react@18.3.1", "umd/react.production.min.js"),
    "react-dom.production.min.js": ("react-dom@18.3.1", "umd/react-dom.production.min.js"),
    "graphiql.min.js": ("graphiql@3.8.3", "graphiql.min.js"),
    "graphiql.min.css": ("graphiql@3.8.3", "graphiql.min.css"),
}
MISSING = "GraphiQL's assets are not installed: run `ispyb-graphql assets` (make install does)."


def present(directory: Path = DEFAULT_DIR) -> bool:
    return all((directory / name).is_file() for name in FILES)


def fetch(directory: Path = DEFAULT_DIR, npm: str = "npm") -> list[Path]:
    """Download the pinned packages with npm and keep the page's files in ``directory``."""
    if shutil.which(npm) is None:
        raise RuntimeError("npm is not installed (Debian: apt-get install npm); it fetches GraphiQL's assets")
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        specs = sorted({spec for spec, _ in FILES.values()})
        done = subprocess.run(
            [npm, "pack", *specs, "--json", "--pack-destination", tmp],
            capture_output=True,
            text=True,
            check=False,
            cwd=tmp,
            timeout=300,
        )
        if done.returncode != 0:
            raise RuntimeError(f"npm pack failed: {done.stderr[-2000:]}")
        tarballs = {f"{p['name']}@{p['version']}": Path(tmp) / p["filename"] for p in json.loads(done.stdout)}
        for name, (spec, member) in FILES.items():
            with tarfile.open(tarballs[spec]) as tar:
                source = tar.extractfile(f"package/{member}")
                if source is None:
                    raise RuntimeError(f"{spec} has no {member}")
                target = directory / name
                target.write_bytes(source.read())
                written.append(target)
    return written


def page(endpoint: str, static: str) -> str:
    """The GraphiQL page: local assets, the bearer token from ``#token=`` or the headers editor.

    ``?query=`` pre-fills the editor; ``&run=1`` runs it once the page has rendered (what the browser test does).
    """
    endpoint, static = html.escape(endpoint, quote=True), html.escape(static, quote=True)
    return f"""<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>ISPyB Common API — GraphiQL</title>
  <link rel="stylesheet" href="{static}/graphiql.min.css">
  <style>html, body, #graphiql {{ height: 100%; margin: 0; }}</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="{static}/react.production.min.js"></script>
  <script src="{static}/react-dom.production.min.js"></script>
  <script src="{static}/graphiql.min.js"></script>
  <script>
    const params = new URLSearchParams(location.search);
    const token = new URLSearchParams(location.hash.slice(1)).get("token");
    const headers = token ? JSON.stringify({{Authorization: "Bearer " + token}}, null, 2) : undefined;
    const fetcher = GraphiQL.createFetcher({{url: "{endpoint}"}});
    const root = ReactDOM.createRoot(document.getElementById("graphiql"));
    root.render(React.createElement(GraphiQL, {{
      fetcher, defaultQuery: params.get("query") || "{{ sessions(first: 5) {{ nodes {{ uuid name startTime }} }} }}",
      defaultHeaders: headers, shouldPersistHeaders: false,
    }}));
    if (params.get("run") === "1") {{
      const run = () => {{
        const button = document.querySelector(".graphiql-execute-button");
        if (button) button.click(); else setTimeout(run, 100);
      }};
      setTimeout(run, 300);
    }}
  </script>
</body>
</html>
"""
