#!/usr/bin/env bash
# Adds a migration with the same name to all three providers (never hand-edit the result).
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: scripts/add-migration.sh MigrationName"; exit 64; }
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
for provider in Sqlite SqlServer PostgreSql; do
  project="src/SecurityPortal.Data.$provider"
  dotnet ef migrations add "$1" --project "$project" --startup-project "$project" --output-dir Migrations
done
