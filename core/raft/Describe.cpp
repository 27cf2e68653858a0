// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Text forms of Raft values (see Describe.h). Entry lists of more than one element are
// written one per line, so a golden-file diff points at the entry that changed.
#include "raft/Describe.h"

namespace raft {

namespace {

QString stateName(Role r)
{
    switch (r) {
    case Role::Follower:
        return QStringLiteral("StateFollower");
    case Role::PreCandidate:
        return QStringLiteral("StatePreCandidate");
    case Role::Candidate:
        return QStringLiteral("StateCandidate");
    case Role::Leader:
        return QStringLiteral("StateLeader");
    }
    return QStringLiteral("StateUnknown");
}

QString ids(const QList<quint64> &list)
{
    QStringList parts;
    for (quint64 id : list)
        parts.append(QString::number(id));
    return QLatin1Char('[') + parts.join(QLatin1Char(' ')) + QLatin1Char(']');
}

} // namespace

QString quoteBytes(const QByteArray &data)
{
    QString out;
    out.reserve(data.size() + 2);
    out += QLatin1Char('"');
    for (const char ch : data) {
        const auto c = static_cast<unsigned char>(ch);
        if (c == '"' || c == '\\') {
            out += QLatin1Char('\\');
            out += QLatin1Char(ch);
        } else if (c == '\n') {
            out += QLatin1String("\\n");
        } else if (c == '\t') {
            out += QLatin1String("\\t");
        } else if (c < 0x20 || c >= 0x7f) {
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        } else {
            out += QLatin1Char(ch);
        }
    }
    out += QLatin1Char('"');
    return out;
}

QString describe(const ConfChange &cc)
{
    // etcd's short form: v<id> adds a voter, l<id> a learner, r<id> removes.
    static const char *const prefix[] = {"v", "r", "l"};
    const int t = int(cc.type);
    QString out = QLatin1String(t < 3 ? prefix[t] : "?") + QString::number(cc.nodeId);
    if (!cc.context.isEmpty())
        out += QLatin1Char(' ') + quoteBytes(cc.context);
    return out;
}

QString describe(const Entry &e, const EntryFormatter &format)
{
    QString body;
    QString type;
    if (e.type == EntryType::ConfChange) {
        type = QStringLiteral("EntryConfChange");
        const auto cc = ConfChange::decode(e.data);
        body = cc ? describe(*cc) : QStringLiteral("<malformed> ") + quoteBytes(e.data);
    } else {
        type = QStringLiteral("EntryNormal");
        body = format ? format(e.data) : quoteBytes(e.data);
    }
    QString out = QStringLiteral("%1/%2 %3").arg(e.term).arg(e.index).arg(type);
    if (!body.isEmpty())
        out += QLatin1Char(' ') + body;
    return out;
}

QString describe(const QList<Entry> &entries, const EntryFormatter &format)
{
    QString out;
    for (const Entry &e : entries)
        out += describe(e, format) + QLatin1Char('\n');
    return out;
}

QString describe(const HardState &hs)
{
    QString out = QStringLiteral("Term:%1").arg(hs.term);
    if (hs.vote != 0)
        out += QStringLiteral(" Vote:%1").arg(hs.vote);
    out += QStringLiteral(" Commit:%1").arg(hs.commit);
    return out;
}

QString describe(const SoftState &ss)
{
    return QStringLiteral("Lead:%1 State:%2").arg(ss.lead).arg(stateName(ss.role));
}

QString describe(const ConfState &cs)
{
    return QStringLiteral("Voters:%1 Learners:%2").arg(ids(cs.voters), ids(cs.learners));
}

QString describe(const Snapshot &snap)
{
    return QStringLiteral("Index:%1 Term:%2 ConfState:%3")
        .arg(snap.metadata.index)
        .arg(snap.metadata.term)
        .arg(describe(snap.metadata.confState));
}

QString describe(const Message &m, const EntryFormatter &format)
{
    QString out = QStringLiteral("%1->%2 %3 Term:%4 Log:%5/%6")
                      .arg(m.from)
                      .arg(m.to)
                      .arg(QLatin1String(messageTypeName(m.type)))
                      .arg(m.term)
                      .arg(m.logTerm)
                      .arg(m.index);
    if (m.reject)
        out += QStringLiteral(" Rejected (Hint: %1)").arg(m.rejectHint);
    if (m.commit != 0)
        out += QStringLiteral(" Commit:%1").arg(m.commit);
    if (!m.context.isEmpty())
        out += QStringLiteral(" Context:") + quoteBytes(m.context);
    if (m.entries.size() == 1) {
        out +=
            QStringLiteral(" Entries:[") + describe(m.entries.first(), format) + QLatin1Char(']');
    } else if (m.entries.size() > 1) {
        out += QStringLiteral(" Entries:[");
        for (const Entry &e : m.entries)
            out += QStringLiteral("\n  ") + describe(e, format);
        out += QStringLiteral("\n]");
    }
    if (!m.snapshot.isEmpty())
        out += QStringLiteral("\n  Snapshot: ") + describe(m.snapshot);
    return out;
}

QString describe(const Ready &rd, const EntryFormatter &format)
{
    QString body;
    if (rd.softState)
        body += describe(*rd.softState) + QLatin1Char('\n');
    if (rd.hardState && !rd.hardState->isEmpty())
        body += QStringLiteral("HardState ") + describe(*rd.hardState) + QLatin1Char('\n');
    if (!rd.readStates.isEmpty()) {
        body += QStringLiteral("ReadStates:\n");
        for (const ReadState &rs : rd.readStates)
            body +=
                QStringLiteral("Index:%1 Context:%2\n").arg(rs.index).arg(quoteBytes(rs.context));
    }
    if (!rd.entries.isEmpty())
        body += QStringLiteral("Entries:\n") + describe(rd.entries, format);
    if (!rd.snapshot.isEmpty())
        body += QStringLiteral("Snapshot ") + describe(rd.snapshot) + QLatin1Char('\n');
    if (!rd.committedEntries.isEmpty())
        body += QStringLiteral("CommittedEntries:\n") + describe(rd.committedEntries, format);
    if (!rd.messages.isEmpty()) {
        body += QStringLiteral("Messages:\n");
        for (const Message &m : rd.messages)
            body += describe(m, format) + QLatin1Char('\n');
    }
    // qetcd splits etcd's one Messages list: these leave only after the write (Ready.h).
    if (!rd.messagesAfterPersist.isEmpty()) {
        body += QStringLiteral("MessagesAfterPersist:\n");
        for (const Message &m : rd.messagesAfterPersist)
            body += describe(m, format) + QLatin1Char('\n');
    }
    if (body.isEmpty())
        return QStringLiteral("<empty Ready>");
    return QStringLiteral("Ready MustSync=%1:\n")
               .arg(rd.mustSync ? QLatin1String("true") : QLatin1String("false")) +
           body;
}

QString describe(const Status &st)
{
    QString out = QStringLiteral("%1 %2 %3 Applied:%4 LastIndex:%5")
                      .arg(st.id)
                      .arg(describe(st.softState), describe(st.hardState))
                      .arg(st.applied)
                      .arg(st.lastIndex);
    if (st.leadTransferee != 0)
        out += QStringLiteral(" Transferee:%1").arg(st.leadTransferee);
    out += QLatin1Char(' ') + describe(st.config);
    for (auto it = st.progress.cbegin(); it != st.progress.cend(); ++it) {
        const FollowerStatus &p = it.value();
        out += QStringLiteral("\n  %1: %2 match=%3 next=%4")
                   .arg(it.key())
                   .arg(QLatin1String(progressStateName(p.state)))
                   .arg(p.match)
                   .arg(p.next);
        if (p.isLearner)
            out += QStringLiteral(" learner");
        if (p.inflight > 0)
            out += QStringLiteral(" inflight=%1").arg(p.inflight);
    }
    return out;
}

} // namespace raft
