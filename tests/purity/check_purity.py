#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
# Copyright 2026 The qetcd Authors
"""Checks that the pure cores (core/raft, core/store, core/watch) neither read the clock nor
do I/O: time and data enter them as arguments (docs/architecture.md, "Habits"), which is
what makes their tests deterministic and lets every member replay the same log to the same
state.

usage: check_purity.py DIR...      scan *.h/*.cpp under each DIR; exit 1 on any finding
       check_purity.py --self-test check the rules against built-in samples

Comments and string literals are ignored, so a comment may say "no QTimer here".
Logging (QLoggingCategory, qCDebug, qWarning) is allowed: it is the one side channel the
cores may use. A directory that does not exist is reported and skipped (modules move).
"""
import os
import re
import sys

# Headers whose only purpose is the clock, files, sockets, processes or threads.
FORBIDDEN_HEADERS = [
    (r"QDateTime|QElapsedTimer|QTimer|QBasicTimer|QDeadlineTimer|QTimerEvent", "clock"),
    (r"QFile|QFileInfo|QDir|QDirIterator|QSaveFile|QTemporaryFile|QTemporaryDir|QLockFile"
     r"|QFileSystemWatcher|QStandardPaths|QSettings|QStorageInfo", "file I/O"),
    (r"QTcpSocket|QTcpServer|QUdpSocket|QSslSocket|QLocalSocket|QLocalServer|QHostInfo"
     r"|QAbstractSocket|QSocketNotifier|QNetwork\w*|QtNetwork(/.*)?", "network I/O"),
    (r"QProcess", "processes"),
    (r"QThread|QThreadPool|QtConcurrent(/.*)?|thread|future", "threads"),
    (r"chrono|ctime|time\.h|sys/.*", "clock or system calls"),
    (r"fstream|iostream|cstdio|stdio\.h|unistd\.h|fcntl\.h|filesystem", "file or console I/O"),
]

# Calls that read the clock, touch files or the console, or draw OS randomness.
FORBIDDEN_CALLS = [
    (r"\bcurrent(M)?SecsSinceEpoch\b|\bcurrentDateTime(Utc)?\b|\bQDateTime::current\w*"
     r"|\bQTime::currentTime\b|\bQDate::currentDate\b", "reads the clock"),
    (r"\bstd::chrono::|\b(steady|system|high_resolution)_clock\b|\bclock_gettime\b"
     r"|\bgettimeofday\b|\b(std::)?time\s*\(\s*(nullptr|NULL|0|&\s*\w+)\s*\)", "reads the clock"),
    (r"\bQElapsedTimer\b|\bQTimer\b|\bQDeadlineTimer\b|\bstartTimer\s*\(", "timers"),
    (r"\bf?open\s*\(|\bfopen\b|\bQFile\b|\bQDir\b|\bstd::[io]?fstream\b", "file I/O"),
    (r"\bstd::(cout|cerr|clog|cin)\b|(?<![\w:.])printf\s*\(|\bputs\s*\(", "console I/O"),
    (r"\bQRandomGenerator::(global|system|securelySeeded)\b", "OS randomness (not replayable)"),
]

INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')
HEADER_RULES = [(re.compile(r"^(%s)$" % p), why) for p, why in FORBIDDEN_HEADERS]
CALL_RULES = [(re.compile(p), why) for p, why in FORBIDDEN_CALLS]


STRING = re.compile(r'"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'')


def strip_comments(text):
    """Removes // and /* */ comments, keeping newlines (so line numbers stay right) and
    string literals (a "//" inside a string is not a comment)."""
    out = []
    i, n = 0, len(text)
    while i < n:
        if text.startswith("//", i):
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("\n" * text.count("\n", i, j))
            i = j
        elif text[i] in "\"'":
            m = STRING.match(text, i)
            j = m.end() if m else i + 1
            out.append(text[i:j])
            i = j
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def findings_in(text):
    """(line number, message) for every forbidden include or call in a source text."""
    found = []
    for number, line in enumerate(strip_comments(text).split("\n"), 1):
        m = INCLUDE.match(line)
        if m:
            header = m.group(1).strip()
            for rule, why in HEADER_RULES:
                if rule.match(header):
                    found.append((number, "includes <%s> (%s)" % (header, why)))
            continue
        code = STRING.sub('""', line)  # log messages may name anything
        for rule, why in CALL_RULES:
            hit = rule.search(code)
            if hit:
                found.append((number, "uses '%s' (%s)" % (hit.group(0).strip(), why)))
    return found


def scan(dirs):
    failures, files = 0, 0
    for d in dirs:
        if not os.path.isdir(d):
            print("note: %s does not exist; skipped" % d)
            continue
        for root, _, names in os.walk(d):
            for name in sorted(names):
                if not name.endswith((".h", ".cpp", ".hpp", ".cc")):
                    continue
                path = os.path.join(root, name)
                files += 1
                with open(path, encoding="utf-8", errors="replace") as f:
                    for number, message in findings_in(f.read()):
                        print("%s:%d: %s" % (path, number, message))
                        failures += 1
    if files == 0:
        print("error: no source files found under %s" % ", ".join(dirs))
        return 1
    print("%d files checked, %d findings" % (files, failures))
    return 1 if failures else 0


SELF_TEST_BAD = [
    "#include <QDateTime>", "#include <QElapsedTimer>", "#include <QTimer>", "#include <QFile>",
    "#include <QDir>", "#include <QTcpSocket>", "#include <QNetworkReply>", "#include <QThread>",
    "#include <chrono>", "#include <ctime>", "#include <fstream>", "#include <iostream>",
    "#include <unistd.h>", "#include <sys/stat.h>", '#include "QtNetwork/QHostAddress"',
    "x = QDateTime::currentMSecsSinceEpoch();", "auto t = QDateTime::currentDateTimeUtc();",
    "auto t = std::chrono::steady_clock::now();", "time_t t = time(nullptr);",
    "FILE *f = fopen(p, \"r\");", "QFile f(path);", "std::cerr << x;",
    "int fd = ::open(path, O_RDONLY);", "auto r = QRandomGenerator::global()->generate();",
]
SELF_TEST_GOOD = [
    "// a QTimer in the node layer calls tick(); no QFile here", "/* std::chrono::now */",
    'qCDebug(lcRaft) << "QTimer fired";', "#include <QByteArray>", "#include \"raft/Entry.h\"",
    "qint64 time() const { return m_time; }", "const qint64 t = node.time();",
    "#include <QLoggingCategory>", "std::snprintf(buf, sizeof buf, \"%d\", x);",
    "#include <QDataStream>", "m_rng.seed(seed);", 'const char *url = "http://x"; // QFile',
    "const char c = '\\''; int y = 0;",
]


def self_test():
    ok = True
    for line in SELF_TEST_BAD:
        if not findings_in(line + "\n"):
            print("self-test: not caught: %s" % line)
            ok = False
    for line in SELF_TEST_GOOD:
        f = findings_in(line + "\n")
        if f:
            print("self-test: false alarm: %s -> %s" % (line, f))
            ok = False
    print("self-test %s (%d forbidden and %d allowed samples)"
          % ("passed" if ok else "FAILED", len(SELF_TEST_BAD), len(SELF_TEST_GOOD)))
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1:] == ["--self-test"]:
        sys.exit(self_test())
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    sys.exit(scan(sys.argv[1:]))
