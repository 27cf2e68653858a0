// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Small helpers shared by the storage tests: building entries and poking at files.
#pragma once

#include "raft/Entry.h"
#include "raft/HardState.h"

#include <QDir>
#include <QFile>
#include <QList>

namespace storagetest {

inline raft::Entry entry(quint64 index, quint64 term, const QByteArray &data = {})
{
    raft::Entry e;
    e.index = index;
    e.term = term;
    e.data = data.isNull() ? QByteArray("value-") + QByteArray::number(index) : data;
    return e;
}

inline raft::HardState hardState(quint64 term, quint64 vote, quint64 commit)
{
    raft::HardState hs;
    hs.term = term;
    hs.vote = vote;
    hs.commit = commit;
    return hs;
}

inline QList<raft::Entry> entries(quint64 from, quint64 to, quint64 term)
{
    QList<raft::Entry> out;
    for (quint64 i = from; i <= to; ++i)
        out.append(entry(i, term));
    return out;
}

inline QByteArray readFile(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

inline bool flipBit(const QString &path, qint64 offset, int bit = 0)
{
    QByteArray bytes = readFile(path);
    if (offset < 0 || offset >= bytes.size())
        return false;
    bytes[offset] = char(quint8(bytes[offset]) ^ (1u << bit));
    return writeFile(path, bytes);
}

// Copies the files (not subdirectories) of from into a new directory to.
inline bool copyDir(const QString &from, const QString &to)
{
    if (!QDir().mkpath(to))
        return false;
    for (const QString &name : QDir(from).entryList(QDir::Files)) {
        if (!QFile::copy(from + u'/' + name, to + u'/' + name))
            return false;
    }
    return true;
}

} // namespace storagetest
