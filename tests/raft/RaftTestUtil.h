// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

// Small helpers shared by the Raft test suites: message builders and filters, and QTest
// printing of Raft values so failed comparisons say something useful.
#include "raft/Describe.h"
#include "raft/Message.h"
#include "raft/SoftState.h"

#include <QList>
#include <QString>
#include <QtTest/QTest>

namespace rt {

inline raft::Message msg(raft::MessageType type, quint64 from, quint64 to, quint64 term)
{
    raft::Message m;
    m.type = type;
    m.from = from;
    m.to = to;
    m.term = term;
    return m;
}

inline raft::Message append(quint64 from, quint64 to, quint64 term, quint64 prevIndex,
                            quint64 prevTerm, const QList<raft::Entry> &entries, quint64 commit)
{
    raft::Message m = msg(raft::MessageType::MsgApp, from, to, term);
    m.index = prevIndex;
    m.logTerm = prevTerm;
    m.entries = entries;
    m.commit = commit;
    return m;
}

inline raft::Message appendResp(quint64 from, quint64 to, quint64 term, quint64 index)
{
    raft::Message m = msg(raft::MessageType::MsgAppResp, from, to, term);
    m.index = index;
    return m;
}

inline raft::Message vote(quint64 from, quint64 to, quint64 term, quint64 lastIndex,
                          quint64 lastTerm)
{
    raft::Message m = msg(raft::MessageType::MsgVote, from, to, term);
    m.index = lastIndex;
    m.logTerm = lastTerm;
    return m;
}

inline raft::Message voteResp(quint64 from, quint64 to, quint64 term, bool granted)
{
    raft::Message m = msg(raft::MessageType::MsgVoteResp, from, to, term);
    m.reject = !granted;
    return m;
}

inline raft::Entry entry(quint64 term, quint64 index, const QByteArray &data = {})
{
    return raft::Entry{term, index, raft::EntryType::Normal, data};
}

inline QList<raft::Message> ofType(const QList<raft::Message> &msgs, raft::MessageType t)
{
    QList<raft::Message> out;
    for (const raft::Message &m : msgs) {
        if (m.type == t)
            out.append(m);
    }
    return out;
}

inline QList<quint64> recipients(const QList<raft::Message> &msgs)
{
    QList<quint64> out;
    for (const raft::Message &m : msgs)
        out.append(m.to);
    std::sort(out.begin(), out.end());
    return out;
}

// etcd-style text of a message (raft::describe), for traces and failed comparisons.
inline QString describe(const raft::Message &m)
{
    return raft::describe(m);
}

} // namespace rt

namespace QTest {
template <> inline char *toString(const raft::Role &r)
{
    return qstrdup(raft::roleName(r));
}
template <> inline char *toString(const raft::Entry &e)
{
    return qstrdup(QStringLiteral("Entry(term %1, index %2, %3 bytes)")
                       .arg(e.term)
                       .arg(e.index)
                       .arg(e.data.size())
                       .toUtf8()
                       .constData());
}
template <> inline char *toString(const raft::Message &m)
{
    return qstrdup(rt::describe(m).toUtf8().constData());
}
} // namespace QTest
