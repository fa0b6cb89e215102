#!/usr/bin/env bash
# Refreshes the staff app's screenshots in docs/screenshots (linked from the README): runs the browser tests, which
# take them, with their output directory set there. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/ensure-postgres.sh
scripts/ensure-chromium.sh
mkdir -p docs/screenshots
exec ./mvnw -B -pl server -am test -Dtest='*BrowserTests,BaselineBackfillIntegrationTests' -Dsurefire.failIfNoSpecifiedTests=false \
  -Dreferralbridge.screenshots.dir="$PWD/docs/screenshots" "$@"
