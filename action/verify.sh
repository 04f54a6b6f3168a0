#!/usr/bin/env bash
# The verify step of action.yml: runs `citecheck verify` with annotations, the step summary
# and a SARIF file; on a pull request, only what changed since the base commit. Reads its
# inputs from the environment (never from ${{ }} in the script, so no input can inject shell):
#   CITATIONS, CHANGED_ONLY, FAIL_ON, SARIF_FILE, EXTRA_ARGS, BASE_SHA,
#   and GitHub's GITHUB_EVENT_NAME, GITHUB_OUTPUT (GITHUB_STEP_SUMMARY is read by citecheck).
# Always exits 0: the action's last step fails the job with the exit code written to
# GITHUB_OUTPUT, after the SARIF upload.
set -uo pipefail

args=("${CITATIONS:-citations.yaml}" --no-progress --format github -o "${SARIF_FILE:-citecheck.sarif}")
if [ -n "${FAIL_ON:-}" ]; then
  args+=(--fail-on "$FAIL_ON")
fi

case "${GITHUB_EVENT_NAME:-}" in
  pull_request | pull_request_target)
    if [ "${CHANGED_ONLY:-true}" = "true" ] && [ -n "${BASE_SHA:-}" ]; then
      # A shallow checkout may not have the base commit: fetch just that one.
      if ! git cat-file -e "${BASE_SHA}^{commit}" 2>/dev/null; then
        git fetch --quiet --no-tags --depth=1 origin "$BASE_SHA" \
          || echo "::warning title=citecheck::could not fetch the base commit $BASE_SHA"
      fi
      args+=(--changed-since "$BASE_SHA")
    fi
    ;;
esac

read -r -a extra <<< "${EXTRA_ARGS:-}"
args+=("${extra[@]}")

# A report left by an earlier run must not be uploaded as this one's.
rm -f -- "${SARIF_FILE:-citecheck.sarif}"
echo "citecheck verify ${args[*]}"
citecheck verify "${args[@]}"
code=$?

output="${GITHUB_OUTPUT:-/dev/null}"
echo "exit-code=$code" >> "$output"
if [ -f "${SARIF_FILE:-citecheck.sarif}" ]; then
  echo "sarif-file=${SARIF_FILE:-citecheck.sarif}" >> "$output"
fi
exit 0
