#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Usage: expect_report.sh <sanitizer_probe> <bug> <report pattern>
#
# Runs `sanitizer_probe <bug>` as the child of a shell that exits 0 whatever the child did,
# under run.sh, the way a test starts a member and ignores its exit status. Succeeds only if
# run.sh failed that run and printed a report matching the pattern (grep -E).
here=$(cd "$(dirname "$0")" && pwd)
out=$("$here/run.sh" /bin/sh -c '"$1" "$2"; exit 0' sh "$1" "$2" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ "$rc" = 0 ]; then
    echo "FAIL: run.sh passed a run whose child had a '$2' bug"
    exit 1
fi
if ! printf '%s\n' "$out" | grep -Eq "$3"; then
    echo "FAIL: run.sh failed the run but printed no report matching '$3'"
    exit 1
fi
echo "OK: the child's '$2' report failed the run"
