#!/usr/bin/env bash
# The test command (README): makes sure PostgreSQL answers, then runs the whole suite with the Maven wrapper.
# Extra arguments go to Maven, e.g. scripts/test.sh -pl server -Dtest=NotificationEndpointIntegrationTests
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-postgres.sh
exec ./mvnw -B verify "$@"
