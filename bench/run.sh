#!/usr/bin/env bash
# Builds Release, starts the server over a freshly seeded database and measures; prints a table and
# writes bench/results/latest.json. `bench/run.sh --quick` uses a small data set for a fast check.
# `bench/run.sh micro` runs the BenchmarkDotNet micro-benchmarks (Markdown + sanitize per post).
# `bench/run.sh media` measures the peak memory of 4 parallel 40 MP photo uploads.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v wrk >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null
fi
dotnet publish src/ForumServer -c Release -r linux-x64 --self-contained false -o bench/.out/server -v quiet -nologo
dotnet build bench/ForumServer.Bench -c Release -v quiet -nologo
if [ "${1:-}" = "media" ]; then
  exec dotnet bench/ForumServer.Bench/bin/Release/net10.0/ForumServer.Bench.dll media
fi
if [ "${1:-}" = "micro" ]; then
  exec dotnet bench/ForumServer.Bench/bin/Release/net10.0/ForumServer.Bench.dll micro --filter '*' --artifacts bench/.out/micro
fi
exec dotnet bench/ForumServer.Bench/bin/Release/net10.0/ForumServer.Bench.dll bench/.out/server "$@"
