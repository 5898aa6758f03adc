#!/usr/bin/env bash
# The import order that `dotnet format` keeps (System first, then by name, static usings and aliases after),
# checked without loading the solution: `dotnet format whitespace --folder` covers the rest of .editorconfig.
set -euo pipefail
cd "$(dirname "$0")/.."
git ls-files -- '*.cs' | xargs awk '
  FNR == 1 { last = ""; lastLine = "" }
  /^(global )?using (static )?[A-Za-z_][A-Za-z0-9_.]*( = [^;]+)?;/ {
    line = $0; sub(/^global /, "", line); sub(/^using /, "", line); sub(/;.*/, "", line)
    kind = 0
    if (line ~ /^static /) { kind = 1; sub(/^static /, "", line) }
    else if (line ~ / = /) kind = 2
    name = tolower(line)
    sys = (name == "system" || index(name, "system.") == 1) ? 0 : 1
    key = kind " " sys " " name
    if (last != "" && key < last) { printf "%s:%d: \"%s\" should come before \"%s\"\n", FILENAME, FNR, $0, lastLine; bad = 1 }
    last = key; lastLine = $0
  }
  END { exit bad }'
