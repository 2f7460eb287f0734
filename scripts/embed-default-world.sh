#!/usr/bin/env bash
# Regenerates Sources/NanoCityIO/WorldFiles/EmbeddedWorlds.swift from worlds/default.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
{
  echo '// The default world compiled into the binary so that `nanocity run` works without files.'
  echo '// Must stay byte-identical to worlds/default.toml (a test checks it); regenerate with'
  echo '// scripts/embed-default-world.sh after editing that file.'
  echo 'enum EmbeddedWorlds {'
  echo '    static let defaultTOML = #"""'
  cat worlds/default.toml
  echo ''
  echo '"""#'
  echo '}'
} > Sources/NanoCityIO/WorldFiles/EmbeddedWorlds.swift
