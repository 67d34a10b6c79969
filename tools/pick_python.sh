#!/usr/bin/env bash
# Print the interpreter `make` builds .venv on (override: make PYTHON=/path/to/python3).
#
# Why: extraction is interpreter-bound, and how CPython was built matters as much as our code. A
# distribution's python3.11 (Debian, Ubuntu) is built with PGO and LTO and its executable links
# libpython statically; pyenv's default build has neither (--enable-shared, no
# --enable-optimizations). On our 2-core machines the same compiled extraction runs about 20 %
# faster on Debian's /usr/bin/python3.11 than on pyenv's 3.11.7 (bench/bench_extraction.py,
# alternated runs). So: the first of these that is CPython 3.11-3.13 and can make a venv with
# pip, else plain python3.
set -u
for p in /usr/bin/python3.11 python3; do
    if command -v "$p" >/dev/null 2>&1 && "$p" -c 'import sys, venv, ensurepip; sys.exit(not ((3, 11) <= sys.version_info[:2] <= (3, 13)))' 2>/dev/null; then
        echo "$p"
        exit 0
    fi
done
echo python3
