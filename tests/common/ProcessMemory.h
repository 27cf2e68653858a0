// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>

// What a test reads of another process's memory (Linux /proc), and the one setting that makes
// the reading mean something in a sanitizer build. Header-only; the test's thread.
namespace ProcessMemory {

// A field of process `pid`'s /proc status in KiB ("VmRSS:", "VmHWM:"), 0 if unknown.
inline qint64 statusKib(qint64 pid, const QByteArray &field)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(field.size()).trimmed().split(' ').first().toLongLong();
    }
    return 0;
}

// Resident memory of process `pid` in KiB (VmRSS), 0 if unknown.
inline qint64 residentKib(qint64 pid)
{
    return statusKib(pid, "VmRSS:");
}

// The most it has been resident since it started (VmHWM), in KiB; 0 if unknown.
inline qint64 peakResidentKib(qint64 pid)
{
    return statusKib(pid, "VmHWM:");
}

// ASAN_OPTIONS for a child whose resident memory a test reads, empty when this test is not built
// with AddressSanitizer. Under it, freed buffers stay in its quarantine (up to 256 MB) and count
// as if still held, so such a child runs without one.
inline QByteArray asanOptionsForMeasuredChild()
{
#if defined(__SANITIZE_ADDRESS__)
    return qgetenv("ASAN_OPTIONS") + ":quarantine_size_mb=0";
#else
    return {};
#endif
}

} // namespace ProcessMemory
