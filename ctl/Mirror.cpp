// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ctl/Mirror.h"

#include <QMap>
#include <QSet>

#include <algorithm>

namespace ctl::mirror {

namespace {

bool isAncestor(const QString &parent, const QString &key)
{
    if (parent == key)
        return false;
    if (parent == QLatin1String("/"))
        return true;
    return key.startsWith(parent) && key.size() > parent.size() &&
           key.at(parent.size()) == QLatin1Char('/');
}

void flattenInto(const client::Node &node, QList<Entry> *out)
{
    const QString key = node.key.isEmpty() ? QStringLiteral("/") : node.key;
    if (key != QLatin1String("/"))
        out->append(Entry{key, node.dir, node.dir ? QString() : node.value, remainingTtl(node)});
    QList<client::Node> children = node.nodes;
    std::sort(children.begin(), children.end(),
              [](const client::Node &a, const client::Node &b) { return a.key < b.key; });
    for (const client::Node &c : children)
        flattenInto(c, out);
}

QString cleanKey(QString key)
{
    key = key.trimmed();
    if (!key.startsWith(QLatin1Char('/')))
        key.prepend(QLatin1Char('/'));
    while (key.contains(QLatin1String("//")))
        key.replace(QLatin1String("//"), QLatin1String("/"));
    while (key.size() > 1 && key.endsWith(QLatin1Char('/')))
        key.chop(1);
    return key;
}

QString kind(const Entry &e)
{
    return e.dir ? QStringLiteral("directory") : QStringLiteral("key");
}

} // namespace

qint64 remainingTtl(const client::Node &node)
{
    if (node.ttl > 0)
        return node.ttl;
    return node.expiration.isEmpty() ? 0 : 1;
}

QList<Entry> flatten(const client::Node &tree)
{
    QList<Entry> out;
    flattenInto(tree, &out);
    return out;
}

std::optional<Op> opForEvent(const client::Response &event, const QString &root)
{
    const QString &a = event.action;
    const client::Node &n = event.node;
    const bool inside = n.key == root || isAncestor(root, n.key);
    if (a == QLatin1String("set") || a == QLatin1String("update") || a == QLatin1String("create") ||
        a == QLatin1String("compareAndSwap")) {
        if (!inside)
            return std::nullopt;
        return Op{Op::Kind::Put, n.key, n.dir ? QString() : n.value, n.dir, remainingTtl(n)};
    }
    if (a == QLatin1String("delete") || a == QLatin1String("compareAndDelete") ||
        a == QLatin1String("expire")) {
        const bool dir = n.dir || (event.prevNode && event.prevNode->dir);
        if (isAncestor(n.key, root))
            return Op{Op::Kind::Delete, root, QString(), true, 0};
        if (!inside)
            return std::nullopt;
        return Op{Op::Kind::Delete, n.key, QString(), dir, 0};
    }
    return std::nullopt;
}

QList<Op> syncOps(const QList<Entry> &source, const QList<Entry> &dest)
{
    QHash<QString, Entry> src;
    for (const Entry &e : source)
        src.insert(e.key, e);
    QHash<QString, Entry> dst;
    QList<Op> ops;
    QString lastDeleted;
    for (const Entry &e : dest) {
        if (!lastDeleted.isEmpty() && isAncestor(lastDeleted, e.key))
            continue;
        const auto it = src.constFind(e.key);
        if (it == src.constEnd() || it->dir != e.dir) {
            ops.append(Op{Op::Kind::Delete, e.key, QString(), e.dir, 0});
            lastDeleted = e.key;
            continue;
        }
        dst.insert(e.key, e);
    }
    for (const Entry &e : source) {
        const auto it = dst.constFind(e.key);
        const bool same = it != dst.constEnd() && it->dir == e.dir && it->value == e.value &&
                          e.ttl == 0 && it->ttl == 0;
        if (!same)
            ops.append(Op{Op::Kind::Put, e.key, e.value, e.dir, e.ttl});
    }
    return ops;
}

QStringList differences(const QList<Entry> &source, const QList<Entry> &dest)
{
    QMap<QString, Entry> src;
    for (const Entry &e : source)
        src.insert(e.key, e);
    QMap<QString, Entry> dst;
    for (const Entry &e : dest)
        dst.insert(e.key, e);
    QStringList keys = src.keys() + dst.keys();
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    QStringList lines;
    for (const QString &k : keys) {
        const auto s = src.constFind(k);
        const auto d = dst.constFind(k);
        if (d == dst.constEnd()) {
            lines << QStringLiteral("only in source: %1 (%2)").arg(k, kind(*s));
        } else if (s == src.constEnd()) {
            lines << QStringLiteral("only in destination: %1 (%2)").arg(k, kind(*d));
        } else if (s->dir != d->dir) {
            lines << QStringLiteral("kind differs: %1 (source: %2, destination: %3)")
                         .arg(k, kind(*s), kind(*d));
        } else if (s->value != d->value) {
            lines << QStringLiteral("value differs: %1 (source: \"%2\", destination: \"%3\")")
                         .arg(k, s->value, d->value);
        } else if ((s->ttl > 0) != (d->ttl > 0)) {
            lines << QStringLiteral("TTL differs: %1 (source: %2, destination: %3)")
                         .arg(k, s->ttl > 0 ? QStringLiteral("ttl") : QStringLiteral("no ttl"),
                              d->ttl > 0 ? QStringLiteral("ttl") : QStringLiteral("no ttl"));
        }
    }
    return lines;
}

bool conflicts(const QString &a, const QString &b)
{
    return a == b || isAncestor(a, b) || isAncestor(b, a);
}

bool isHiddenBelow(const QString &root, const QString &key)
{
    if (root.size() > key.size())
        return false;
    const QString after = cleanKey(key.mid(root.size()));
    return after.contains(QLatin1String("/_"));
}

bool normalizeRoots(const QStringList &prefixes, QStringList *roots, QString *error)
{
    QStringList list;
    for (const QString &p : prefixes) {
        for (const QString &part : p.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
            const QString key = cleanKey(part);
            if (!list.contains(key))
                list.append(key);
        }
    }
    if (list.isEmpty())
        list.append(QStringLiteral("/"));
    for (const QString &outer : list) {
        for (const QString &inner : list) {
            if (isAncestor(outer, inner) && !isHiddenBelow(outer, inner)) {
                *error = QStringLiteral("--prefix %1 lies inside --prefix %2 (only hidden "
                                        "\"_\" keys may be named below another prefix)")
                             .arg(inner, outer);
                return false;
            }
        }
    }
    *roots = list;
    return true;
}

} // namespace ctl::mirror
