#!/usr/bin/env bash
# Times the Excel import of N systems (default 2000) on a fresh SQLite database; prints its figures.
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/SecurityPortal.Bench -- "${1:-2000}"
