#!/usr/bin/env bash
# Regenerates Sources/NanoCityIO/Describe/EmbeddedModelDoc.swift from docs/model.md, the one
# source of the model's rules for the README's Model section and `nanocity describe` (a test
# checks the two are byte-identical).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p Sources/NanoCityIO/Describe
{
  echo '// docs/model.md compiled into the binary, so that `nanocity describe` writes the ODD'
  echo '// document from the same text the documentation shows. Must stay byte-identical to'
  echo '// docs/model.md (a test checks it); regenerate with scripts/embed-model-doc.sh.'
  echo 'enum EmbeddedModelDoc {'
  echo '    static let markdown = #"""'
  cat docs/model.md
  echo '"""#'
  echo '}'
} > Sources/NanoCityIO/Describe/EmbeddedModelDoc.swift
