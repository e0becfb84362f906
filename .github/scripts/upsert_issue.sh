#!/usr/bin/env bash
# Keep ONE open issue per report, identified by its label, in step with the latest run.
#
#   upsert_issue.sh LABEL TITLE REPORT.md found|clear
#
# found: update the open issue with the report (or open one if there is none);
# clear: close the open issue, if any, saying the problem is gone.
# Needs the GitHub CLI (`gh`) with GH_TOKEN set and `issues: write` permission.
# A weekly job that opened a new issue each week would bury the one that matters.
set -euo pipefail

if [ "$#" -ne 4 ]; then
  echo "usage: $0 LABEL TITLE REPORT.md found|clear" >&2
  exit 2
fi
label=$1 title=$2 report=$3 state=$4

# The label may not exist yet in a fork or a new repository.
gh label create "$label" --color B60205 \
  --description "Opened and kept up to date by a scheduled workflow" >/dev/null 2>&1 || true

number=$(gh issue list --label "$label" --state open --limit 1 --json number --jq '.[0].number // empty')

case "$state" in
  found)
    if [ ! -s "$report" ]; then
      echo "$0: report $report is missing or empty" >&2
      exit 1
    fi
    if [ -n "$number" ]; then
      gh issue edit "$number" --title "$title" --body-file "$report"
      echo "Updated issue #$number"
    else
      gh issue create --title "$title" --label "$label" --body-file "$report"
    fi
    ;;
  clear)
    if [ -n "$number" ]; then
      gh issue close "$number" --comment "The latest scheduled run found nothing to report; closing."
      echo "Closed issue #$number"
    else
      echo "Nothing to report and no open issue."
    fi
    ;;
  *)
    echo "$0: the last argument must be found or clear, not $state" >&2
    exit 2
    ;;
esac
