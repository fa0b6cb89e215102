#!/usr/bin/env bash
# The test command (README): makes sure PostgreSQL answers and Chromium is there for the browser tests, then runs the
# whole suite with the Maven wrapper.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl server -Dtest=NotificationEndpointIntegrationTests
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-postgres.sh
scripts/ensure-chromium.sh
exec ./mvnw -B verify "$@"
