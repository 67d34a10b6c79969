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
from hypothesis import given, settings
from hypothesis import strategies as st

from ingestion import extraction
from ingestion.extraction import normalize
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


def test_an_edited_pyx_marks_its_compiled_module_stale(tmp_path: Path) -> None:
    # the C-typed modules (.pyx) have no Python source to fall back to; their callers keep a
    # reference path, which is what runs when the build is stale
    (tmp_path / "scan.pyx").write_text("def f():\n    return 1\n")
    suffix = next(s for s in machinery.EXTENSION_SUFFIXES if s.endswith(".so"))
    (tmp_path / f"scan{suffix}").write_bytes(b"")
    (tmp_path / MANIFEST).write_text(json.dumps({"scan": "0" * 64}))
    assert stale_modules(tmp_path) == ["scan"]
    digest = hashlib.sha256((tmp_path / "scan.pyx").read_bytes()).hexdigest()
    (tmp_path / MANIFEST).write_text(json.dumps({"scan": digest}))
    assert stale_modules(tmp_path) == []


_NEEDS_SCAN = pytest.mark.skipif(normalize.scan_ascii is None, reason="the C token scan is not "
                                 "compiled here (pure-Python build): only the regex path exists")

# every character class of the ASCII grammar, with the ones that ask for a decision made common
_ASCII_TEXT = st.text(alphabet=st.sampled_from(list("abz09 ..--/&+@$%_,;:()?![]'\"\n\t*#=")), max_size=60)
_WORDS = st.lists(st.sampled_from(["u.s.", "nov.", "talks.", "a.", "mr.", "--", "...", "$1.5bn",
                                   "iran-backed", "x-.", "ab.-", "bit.ly/x", "(", "s", "end.",
                                   "&", "at&t.", "e.u..", "-5", "co.", "no.."]), max_size=12)


def _same_tokens(text: str) -> None:
    fast = normalize.tokenize_with(text, normalize.scan_ascii)
    reference = normalize.tokenize_with(text, None)
    assert (fast.text, fast.start, fast.end) == (reference.text, reference.start, reference.end), text
    # `joined` is a hint each path gives when it has it at hand: the tokens joined, or None
    for tk in (fast, reference):
        assert tk.joined in (None, " ".join(tk.text)), text


@_NEEDS_SCAN
@settings(max_examples=400, deadline=None)
@given(_ASCII_TEXT)
def test_c_token_scan_matches_the_regex_grammar_on_any_text(text: str) -> None:
    _same_tokens(text)
    _same_tokens(text.upper())


@_NEEDS_SCAN
@settings(max_examples=200, deadline=None)
@given(_WORDS, st.sampled_from([" ", "  ", ", ", " ( "]))
def test_c_token_scan_matches_the_regex_grammar_on_word_lists(words: list[str], sep: str) -> None:
    _same_tokens(sep.join(words))  # (single spaces: the lower-cased corpus form)
    _same_tokens(" " + sep.join(words) + " ")


@_NEEDS_SCAN
@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("aZ9 .,-’“”‘\xa0éİ")), max_size=40))
def test_c_fold_of_quote_marks_matches_the_python_path(text: str) -> None:
    # ascii_lower takes text that is ASCII but for curly quotes and no-break spaces in one pass;
    # any other character sends it down the Python path
    _same_tokens(text)


@_NEEDS_SCAN
def test_c_token_scan_takes_only_ascii() -> None:
    with pytest.raises(ValueError):
        normalize.scan_ascii("café", normalize.ABBREVIATIONS)
    _same_tokens("Sen. Ann Roe met Gen. Ode in the U.S. capital on Nov. 2. They left...")


try:
    from ingestion.extraction import tokindex
except ImportError:  # (pure-Python build)
    tokindex = None

_NEEDS_INDEX = pytest.mark.skipif(tokindex is None, reason="the C token indexes are not compiled "
                                  "here (pure-Python build): only the Python reference exists")
# words the gazetteer and the rules know, mixed with words they do not
_TOKENS = st.lists(st.sampled_from(["russia", "said", "the", "united", "states", "nations", "kim",
                                    "jong", "un", "state", "department", ",", ".", "security",
                                    "council", "zzyzx", "new", "york", "minister", "u.s."]), max_size=40)


@_NEEDS_INDEX
@settings(max_examples=300, deadline=None)
@given(_TOKENS)
def test_c_token_indexes_match_their_python_reference(toks: list[str]) -> None:
    from ingestion.extraction import gazetteer, phrases

    assert tokindex.positions(toks, phrases.REGISTERED) == phrases.positions_py(toks)
    text = " " + " ".join(toks) + " "
    assert tokindex.leftmost_longest(gazetteer.automaton(), text) == gazetteer.leftmost_longest_py(text)
    keys = {"kim", "un", ","}
    for end in (0, 5, len(toks), len(toks) + 3):
        assert tokindex.indices_in(toks, keys, end) == [i for i, t in enumerate(toks[:end]) if t in keys]
        assert tokindex.indices_of(toks, "said", end) == [i for i, t in enumerate(toks[:end]) if t == "said"]


@_NEEDS_SCAN
@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.integers(0, 70), st.integers(0, 70))
def test_c_alnum_count_matches_the_regex_runs(text: str, a: int, b: int) -> None:
    from ingestion.extraction.tokscan import alnum_count

    from ingestion.extraction import statements

    # (callers pass offsets inside the text; an empty or reversed window counts nothing)
    lo, hi = min(max(a, 0), len(text)), min(max(b, 0), len(text))
    assert alnum_count(text, lo, hi) == sum(map(len, statements._ALNUM.findall(text[lo:hi])))
