"""The compiled extraction build (setup.py, Cython) is an optimisation only: it must give exactly
what the Python sources give, and an edited source must never run as its stale compiled copy."""

from __future__ import annotations

import dataclasses
import hashlib
import importlib.machinery as machinery
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from ingestion import extraction
from ingestion.extraction._build import MANIFEST, stale_modules

REPO = Path(__file__).resolve().parents[1]
SAMPLES = [REPO / "data" / "sample" / "articles.jsonl", REPO / "data" / "sample" / "articles_lowertok.jsonl"]
ISOT = [REPO.parent / "shared" / "corpus" / f"isot_true_reuters{v}.jsonl" for v in ("", "_lowertok")]

# prints one canonical JSON line per article: every field of the extraction
_DUMP = textwrap.dedent(
    """
    import dataclasses, json, sys
    from datetime import date
    from ingestion.extraction import COMPILED, extract_article
    print(json.dumps({"compiled": COMPILED}))
    for path in sys.argv[1:]:
        with open(path, encoding="utf-8") as f:
            for n, line in enumerate(f):
                if n >= 300:
                    break
                a = json.loads(line)
                d = a.get("date_iso") or a.get("date") or a.get("published") or ""
                try:
                    day = date.fromisoformat(str(d)[:10])
                except ValueError:
                    day = None
                x = extract_article(a.get("text") or a.get("body") or "", a.get("title"), day)
                print(json.dumps(dataclasses.asdict(x), sort_keys=True, default=str))
    """
)


def _dump(env_extra: dict[str, str], paths: list[Path]) -> list[str]:
    env = {**os.environ, **env_extra}
    out = subprocess.run([sys.executable, "-c", _DUMP, *map(str, paths)], cwd=REPO, env=env,
                         capture_output=True, text=True, check=True)
    return out.stdout.splitlines()


@pytest.mark.skipif(not extraction.COMPILED, reason="extraction runs from its Python sources here "
                    "(no compiled build: CHANCERY_PURE_PYTHON set at install, or no compiler)")
def test_compiled_build_gives_what_the_sources_give() -> None:
    paths = SAMPLES + [p for p in ISOT if p.exists()]  # (300 articles of each: a few seconds)
    compiled = _dump({}, paths)
    sources = _dump({"CHANCERY_PURE_PYTHON": "1"}, paths)
    assert json.loads(compiled[0]) == {"compiled": True}
    assert json.loads(sources[0]) == {"compiled": False}
    assert len(compiled) > len(SAMPLES) and len(compiled) == len(sources)
    differing = [i for i, (a, b) in enumerate(zip(compiled[1:], sources[1:], strict=True)) if a != b]
    assert not differing, f"articles {differing[:5]} extract differently when compiled"


def _fake_package(tmp_path: Path, recorded: str) -> Path:
    """A package with one module: its source, a 'compiled' file that crashes if ever loaded, and
    a manifest recording `recorded` as the hash it was compiled from."""
    pkg = tmp_path / "fakepkg"
    pkg.mkdir()
    (pkg / "__init__.py").write_text(
        "from ingestion.extraction._build import use_sources_if_stale\n"
        "USED_SOURCES = use_sources_if_stale(__path__)\n"
    )
    src = "VALUE = 'from source'\n"
    (pkg / "rules.py").write_text(src)
    suffix = next(s for s in machinery.EXTENSION_SUFFIXES if s.endswith(".so"))
    (pkg / f"rules{suffix}").write_bytes(b"not a shared object: loading it fails")
    digest = hashlib.sha256(src.encode()).hexdigest() if recorded == "same" else recorded
    (pkg / MANIFEST).write_text(json.dumps({"rules": digest}))
    return pkg


def _import_rules(tmp_path: Path, **env: str) -> subprocess.CompletedProcess[str]:
    code = "import fakepkg, fakepkg.rules as r; print(fakepkg.USED_SOURCES, r.VALUE, r.__file__)"
    return subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": f"{tmp_path}{os.pathsep}{REPO}", **env})


def test_edited_source_is_imported_instead_of_its_stale_compiled_copy(tmp_path: Path) -> None:
    pkg = _fake_package(tmp_path, recorded="0" * 64)  # compiled from some other text
    assert stale_modules(pkg) == ["rules"]
    run = _import_rules(tmp_path)
    assert run.returncode == 0, run.stderr
    assert run.stdout.split()[:3] == ["True", "from", "source"]
    assert run.stdout.strip().endswith("rules.py")
    assert "older than their sources (rules)" in run.stderr


def test_pure_python_switch_bypasses_an_up_to_date_build(tmp_path: Path) -> None:
    pkg = _fake_package(tmp_path, recorded="same")
    assert stale_modules(pkg) == []
    run = _import_rules(tmp_path, CHANCERY_PURE_PYTHON="1")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("True from source") and "older than" not in run.stderr
    # without the switch an up-to-date build is used: here that is the fake one, which fails
    assert _import_rules(tmp_path).returncode != 0


def test_no_compiled_modules_means_nothing_to_check(tmp_path: Path) -> None:
    (tmp_path / "rules.py").write_text("X = 1\n")
    assert stale_modules(tmp_path) == []
    assert dataclasses.is_dataclass(extraction.ArticleExtraction)
