// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

// Helpers shared by the store and watch suites: command builders on a fixed clock and a
// compact text form of results, so table rows can state whole events in one string.
//
// Text form:  <action> <node> [prev{<node>}] @<etcdIndex> [refresh]
//   node:     <key>[ dir][=<value>] m<modifiedIndex> c<createdIndex>
//             [ exp=<ms after T0>ms ttl=<ttl>] [ [<child>, <child>...]]
// errors:     error <code> "<message>" cause=<cause> index=<index> http=<status>

#include "store/Command.h"
#include "store/Store.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace st {

constexpr qint64 kSec = 1000000000LL;
constexpr qint64 T0 = 1700000000LL * kSec; // the tests' "now"

inline store::Command cmd(store::Command::Op op, const QString &path, qint64 now = T0)
{
    store::Command c;
    c.op = op;
    c.path = path;
    c.timeNs = now;
    return c;
}
inline store::Command set(const QString &path, const QString &value, qint64 expNs = 0,
                          qint64 now = T0)
{
    store::Command c = cmd(store::Command::Op::Set, path, now);
    c.value = value;
    c.expirationNs = expNs;
    return c;
}
inline store::Command mkdir(const QString &path, qint64 expNs = 0, qint64 now = T0)
{
    store::Command c = cmd(store::Command::Op::Set, path, now);
    c.dir = true;
    c.expirationNs = expNs;
    return c;
}
inline store::Command create(const QString &path, const QString &value, qint64 expNs = 0,
                             qint64 now = T0)
{
    store::Command c = cmd(store::Command::Op::Create, path, now);
    c.value = value;
    c.expirationNs = expNs;
    return c;
}
inline store::Command createDir(const QString &path, qint64 now = T0)
{
    store::Command c = cmd(store::Command::Op::Create, path, now);
    c.dir = true;
    return c;
}
inline store::Command createUnique(const QString &path, const QString &value, qint64 now = T0)
{
    store::Command c = create(path, value, 0, now);
    c.unique = true;
    return c;
}
inline store::Command update(const QString &path, const QString &value, qint64 expNs = 0,
                             qint64 now = T0)
{
    store::Command c = cmd(store::Command::Op::Update, path, now);
    c.value = value;
    c.expirationNs = expNs;
    return c;
}
inline store::Command cas(const QString &path, const QString &value, const QString &prevValue,
                          quint64 prevIndex, qint64 expNs = 0, qint64 now = T0)
{
    store::Command c = cmd(store::Command::Op::CompareAndSwap, path, now);
    c.value = value;
    c.prevValue = prevValue;
    c.prevIndex = prevIndex;
    c.expirationNs = expNs;
    return c;
}
inline store::Command del(const QString &path, bool dir = false, bool recursive = false,
                          qint64 now = T0)
{
    store::Command c = cmd(store::Command::Op::Delete, path, now);
    c.dir = dir;
    c.recursive = recursive;
    return c;
}
inline store::Command cad(const QString &path, const QString &prevValue, quint64 prevIndex,
                          qint64 now = T0)
{
    store::Command c = cmd(store::Command::Op::CompareAndDelete, path, now);
    c.prevValue = prevValue;
    c.prevIndex = prevIndex;
    return c;
}
inline store::Command expire(qint64 now)
{
    return cmd(store::Command::Op::Expire, QString(), now);
}
inline store::Command refreshed(store::Command c)
{
    c.refresh = true;
    return c;
}

inline QString nodeText(const store::NodeValue &n)
{
    QString s = n.key;
    if (n.dir)
        s += QLatin1String(" dir");
    if (n.value)
        s += QLatin1Char('=') + *n.value;
    s += QStringLiteral(" m%1 c%2").arg(n.modifiedIndex).arg(n.createdIndex);
    if (n.expirationNs != 0)
        s += QStringLiteral(" exp=%1ms ttl=%2").arg((n.expirationNs - T0) / 1000000).arg(n.ttl);
    if (n.hasNodes != !n.nodes.isEmpty())
        s += QLatin1String(" !!hasNodes-mismatch");
    if (!n.nodes.isEmpty()) {
        QStringList children;
        for (const store::NodeValue &c : n.nodes)
            children << nodeText(c);
        s += QLatin1String(" [") + children.join(QLatin1String(", ")) + QLatin1Char(']');
    }
    return s;
}

inline QString errorText(const store::EtcdError &e)
{
    return QStringLiteral("error %1 \"%2\" cause=%3 index=%4 http=%5")
        .arg(e.errorCode())
        .arg(e.message(), e.cause)
        .arg(e.index)
        .arg(e.httpStatus());
}

inline QString eventText(const store::Event &e)
{
    QString s = store::actionName(e.action) + QLatin1Char(' ') + nodeText(e.node);
    if (e.prevNode)
        s += QLatin1String(" prev{") + nodeText(*e.prevNode) + QLatin1Char('}');
    s += QStringLiteral(" @%1").arg(e.etcdIndex);
    if (e.refresh)
        s += QLatin1String(" refresh");
    return s;
}

inline QString resultText(const store::StoreResult &r)
{
    return r.error ? errorText(*r.error) : eventText(r.event);
}

// Applies every command; returns the first failure as text (empty when all succeeded).
inline QString applyAll(store::Store &s, const QList<store::Command> &cmds)
{
    for (const store::Command &c : cmds) {
        const store::StoreResult r = s.apply(c);
        if (!r.ok())
            return resultText(r);
    }
    return QString();
}

// The standard tree of the tables, store index 6 afterwards:
//   /a = "1" (1)   /d/ (2)   /d/x = "x" (3)   /d/_h = "h" (4)   /e/ (5)
//   /t = "t" (6), expiring at T0 + 10 s
inline QList<store::Command> baseTree()
{
    return {set(QStringLiteral("/a"), QStringLiteral("1")),
            mkdir(QStringLiteral("/d")),
            set(QStringLiteral("/d/x"), QStringLiteral("x")),
            set(QStringLiteral("/d/_h"), QStringLiteral("h")),
            mkdir(QStringLiteral("/e")),
            set(QStringLiteral("/t"), QStringLiteral("t"), T0 + 10 * kSec)};
}

// Everything a client could observe of the tree at `now`.
inline QString dump(store::Store &s, qint64 now = T0)
{
    return resultText(s.get(QStringLiteral("/"), true, true, now));
}

} // namespace st
