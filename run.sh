#!/usr/bin/env bash
# README command one: install what is missing, build, start the private
# PostgreSQL with sample data and open jiuzhu. Arguments go to jiuzhu.
set -euo pipefail
top=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
"$top/tools/setup.sh" build
exec "$top/build/tui/jiuzhu" "$@"
