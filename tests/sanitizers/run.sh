#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
# Usage: run.sh <command> [args...]
#
# Runs one test of a sanitizer build (cmake -DQETCD_SANITIZE=...; see cmake/QetcdSanitizers.cmake)
# and fails it when a sanitizer reported anything, in the test itself or in any process it
# started (qetcd members, qetcdctl, qetcd-admin): all of them inherit the options below, so
# every report lands as a file in one private directory. That catches a report from a member
# the test stops with SIGTERM and never asks for its exit status, and keeps reports out of the
# stderr some tests read. Reports are printed after the test's own output.
here=$(cd "$(dirname "$0")" && pwd)
reports=$(mktemp -d "${TMPDIR:-/tmp}/qetcd-sanitizer.XXXXXX") || exit 1

# Caller's options first, ours last (the last value of an option wins): log_path must stay ours.
# verify_asan_link_order=0: the clock-skew tests start members with LD_PRELOAD=libfaketime, which
# then precedes ASan's runtime in the library list; ASan would refuse to start, although
# libfaketime only wraps the clock functions and passes each call on (to ASan's wrapper, if any).
common="halt_on_error=1:log_path=$reports/report:log_exe_name=1"
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1:verify_asan_link_order=0:$common"
export LSAN_OPTIONS="${LSAN_OPTIONS:+$LSAN_OPTIONS:}suppressions=$here/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}print_stacktrace=1:$common"
# die_after_fork=0: QProcess forks the (multi-threaded) test to start a member or qetcdctl; TSan
# would kill the child if it started a thread before exec, which it does not need to.
# ignore_noninstrumented_modules=1: Qt and glib are not built with TSan, so the hand-over of a
# posted event between threads (under Qt's internal locks) is invisible and Qt freeing or
# copying memory another thread filled looked like a race; with it, only accesses made by
# instrumented code (ours, and Qt's inline header code compiled into it) are checked.
export TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}suppressions=$here/tsan.supp:second_deadlock_stack=1:die_after_fork=0:ignore_noninstrumented_modules=1:$common"

"$@"
rc=$?

found=0
for f in "$reports"/*; do
    [ -e "$f" ] || continue
    found=1
    echo "===== sanitizer report $(basename "$f") ====="
    cat "$f"
done
rm -rf "$reports"
if [ "$found" = 1 ]; then
    echo "FAIL: a sanitizer reported an error (above); exit status of the test was $rc"
    [ "$rc" = 0 ] && rc=1
fi
exit "$rc"
