// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

// Helpers shared by the fuzz harnesses: a check that aborts in every build
// (Release defines NDEBUG, so assert() would vanish), and a reader that cuts
// the fuzzer's bytes into the several inputs a harness needs.
#include <QByteArray>
#include <QtGlobal>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

// Qt's log lines (a rejected snapshot or record is logged, say) would cost far more
// than the parsing under test and flood the fuzzer's output: discard them. qFatal
// still aborts after the handler returns.
inline const bool g_fuzzQuietLogs = [] {
    qInstallMessageHandler([](QtMsgType, const QMessageLogContext &, const QString &) {});
    return true;
}();

// Consumes the fuzzer's input front to back. Past the end every read returns
// zero or empty, so a harness never has to check the size first.
class FuzzInput
{
public:
    FuzzInput(const uint8_t *data, size_t size)
        : m_data(reinterpret_cast<const char *>(data)), m_size(qsizetype(size))
    {
    }
    quint8 byte() { return m_pos < m_size ? quint8(m_data[m_pos++]) : 0; }
    bool flag() { return byte() & 1; }
    // Bytes up to the next `separator` (consumed, not returned), or the rest.
    QByteArray until(char separator)
    {
        qsizetype end = m_pos;
        while (end < m_size && m_data[end] != separator)
            ++end;
        const QByteArray out(m_data + m_pos, end - m_pos);
        m_pos = end < m_size ? end + 1 : end;
        return out;
    }
    QByteArray take(qsizetype n)
    {
        n = qMin(n, m_size - m_pos);
        const QByteArray out(m_data + m_pos, n);
        m_pos += n;
        return out;
    }
    QByteArray rest() { return take(m_size - m_pos); }
    bool atEnd() const { return m_pos >= m_size; }

private:
    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
};
