#!/usr/bin/env bash
# The GitHub Action's audit step (action.yml): runs the audit once into an evidence bundle, adds
# the Markdown report to the job summary, and records the SARIF path and the exit status as step
# outputs. It exits 0 itself, so that the SARIF is uploaded before the job fails by the fail level.
# Inputs (environment): INPUT_PATHS (space-separated), INPUT_INTENTS, INPUT_ORG, INPUT_FAIL_ON;
# GITHUB_ACTION_PATH, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY as GitHub sets them.
set -euo pipefail
guard="${GITHUB_ACTION_PATH:?}/bin/genesys-recording-guard.js"
bundle="${RUNNER_TEMP:-$(mktemp -d)}/genesys-recording-guard"
rm -rf "$bundle"
args=(--fail-on "${INPUT_FAIL_ON:-error}" --bundle "$bundle")
if [ -n "${INPUT_INTENTS:-}" ]; then args+=(--intents "$INPUT_INTENTS"); fi
if [ -n "${INPUT_ORG:-}" ]; then args+=(--org "$INPUT_ORG"); fi
read -r -a paths <<< "${INPUT_PATHS:-.}"
if [ "${#paths[@]}" -eq 0 ]; then paths=(.); fi
set +e
node "$guard" audit "${args[@]}" -- "${paths[@]}"
code=$?
set -e
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"
if [ -f "$bundle/report.md" ]; then
  cat "$bundle/report.md" >> "$summary"
  echo "sarif=$bundle/report.sarif" >> "${GITHUB_OUTPUT:-/dev/null}"
else
  # Bad input (exit 2): the one-line error is in the log above; no report was written.
  printf '## Genesys Recording Guard\n\nThe audit could not run (exit %s): see the step log for the one-line error.\n' "$code" >> "$summary"
fi
echo "exit-code=$code" >> "${GITHUB_OUTPUT:-/dev/null}"
