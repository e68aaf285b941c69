#!/usr/bin/env bash
# Runs clausier in a CI job and writes a report file, for the GitHub Action (action.yml) and the
# GitLab CI template (ci/clausier.gitlab-ci.yml).
#
#   scripts/ci-lint.sh FORMAT OUTPUT COMMAND [ARGS...]
#
# FORMAT is sarif, gitlab, json…; OUTPUT the report file; COMMAND `tender` or `repo`, followed by
# its arguments. The report is written even when findings make clausier exit with 1; the script
# exits with clausier's status (0 clean, 1 findings at or above --fail-level, 2 error), unless
# CLAUSIER_NO_FAIL=1, when findings do not fail the job (errors still do).
set -uo pipefail
format=$1; output=$2; shift 2
bin=${CLAUSIER_BIN:-clausier}
"$bin" "$@" --format "$format" --color never > "$output"
status=$?
echo "clausier: report written to $output (exit status $status)" >&2
if [ "$status" -eq 1 ] && [ "${CLAUSIER_NO_FAIL:-0}" = "1" ]; then
  exit 0
fi
exit "$status"
