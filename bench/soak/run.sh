#!/bin/sh
# The soak of docs/reliability.md: the four packaged services, real PostgreSQL and Kafka (as in the
# end-to-end suite), mixed reads, writes, SSE and a webhook at a steady rate for N minutes (default 30).
# Not run in CI. Needs the services packaged first (./mvnw -B install -DskipTests).
# Samples land in e2e-tests/target/reliability/soak.csv; the summary and a text chart in the output.
set -eu
cd "$(dirname "$0")/../.."
MINUTES="${1:-30}"
exec ./mvnw -B -pl e2e-tests verify -Dtest=SoakTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dcivic.soak=true -Dcivic.soak.minutes="$MINUTES" \
  -Dcivic.soak.writes-per-second="${WRITES_PER_SECOND:-5}" -Dcivic.soak.reads-per-second="${READS_PER_SECOND:-20}"
