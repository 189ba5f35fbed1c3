"""Both adapters' ORMs import in one environment, whichever of their packages pip installed last (issue 12 §5).

Diamond's ``ispyb`` and ESRF's ``ispyb-models`` both ship ``ispyb/__init__.py``: the one installed last wins. The
adapters only import the subpackages (``ispyb.sqlalchemy``, ``ispyb.models``), which live in distinct directories,
so either order must leave both importable (README, "Both adapters in one environment"). This test checks the
environment ``make install`` built, then installs the two wheels (the versions installed here, from the pip cache
or the registry) in both orders into scratch prefixes and imports both subpackages from each. About 5 s with a
warm pip cache.
"""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from importlib import metadata
from pathlib import Path

import pytest

IMPORT_BOTH = "import ispyb.sqlalchemy, ispyb.models; print(len(ispyb.models.Base.metadata.tables))"


def test_both_orms_import_in_this_environment() -> None:
    run = subprocess.run([sys.executable, "-c", IMPORT_BOTH], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) == 253  # ispyb-models 1.1.0: 210 tables and 43 views


def _site_packages(prefix: Path) -> Path:
    relative = Path(sysconfig.get_path("purelib")).relative_to(sysconfig.get_path("data"))
    return prefix / relative


@pytest.mark.timeout(180)
@pytest.mark.parametrize(
    "order", [("ispyb", "ispyb-models"), ("ispyb-models", "ispyb")], ids=["dls-first", "esrf-first"]
)
def test_both_orms_import_whatever_the_install_order(tmp_path: Path, order: tuple[str, str]) -> None:
    wheels = tmp_path / "wheels"
    pins = [f"{name}=={metadata.version(name)}" for name in order]
    fetched = subprocess.run(
        [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(wheels), *pins],
        capture_output=True,
        text=True,
        timeout=120,
    )
    if fetched.returncode != 0:
        pytest.skip(f"pip cannot fetch {pins}: {fetched.stderr[-300:]}")
    prefix = tmp_path / "env"
    for name in order:  # one pip call each: the second overwrites the first one's ispyb/__init__.py
        wheel = next(wheels.glob(f"{name.replace('-', '_')}-*.whl"))
        install = ["install", "-q", "--no-deps", "--no-index", "--no-compile", "--ignore-installed"]
        subprocess.run(
            [sys.executable, "-m", "pip", *install, "--prefix", str(prefix), str(wheel)],
            check=True,
            capture_output=True,
            timeout=120,
        )
    site = _site_packages(prefix)
    assert (site / "ispyb" / "sqlalchemy").is_dir() and (site / "ispyb" / "models").is_dir()
    # the scratch prefix first on the path: both subpackages must come from it (sqlalchemy from this environment;
    # ispyb-models' __init__ extends ispyb.__path__ with this environment's ispyb too, after the scratch one)
    check = (
        f"import sys; sys.path.insert(0, {str(site)!r}); {IMPORT_BOTH}; "
        f"assert ispyb.sqlalchemy.__file__.startswith({str(site)!r}), ispyb.sqlalchemy.__file__; "
        f"assert ispyb.models.__file__.startswith({str(site)!r}), ispyb.models.__file__"
    )
    run = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert run.returncode == 0, run.stderr
    assert int(run.stdout) == 253
