// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/StoreSnapshot.h"

#include "store/Node.h"

#include <QDataStream>
#include <QIODevice>

namespace store {

namespace {
constexpr quint32 kMagic = 0x514e5350; // "QNSP" little endian on disk: P S N Q
constexpr quint8 kVersion = 1;
constexpr int kHistoryCapacity = 1000;

void prepare(QDataStream &s)
{
    s.setVersion(QDataStream::Qt_6_4);
    s.setByteOrder(QDataStream::LittleEndian);
}

quint64 *statField(StoreStats &st, int i)
{
    quint64 *f[] = {&st.getsSuccess,
                    &st.getsFail,
                    &st.setsSuccess,
                    &st.setsFail,
                    &st.deleteSuccess,
                    &st.deleteFail,
                    &st.updateSuccess,
                    &st.updateFail,
                    &st.createSuccess,
                    &st.createFail,
                    &st.compareAndSwapSuccess,
                    &st.compareAndSwapFail,
                    &st.compareAndDeleteSuccess,
                    &st.compareAndDeleteFail,
                    &st.expireCount};
    return f[i];
}
constexpr int kStatCount = 15;

void writeNodeValue(QDataStream &s, const NodeValue &v)
{
    const quint8 flags = (v.dir ? 1 : 0) | (v.value ? 2 : 0);
    s << v.key.toUtf8() << flags;
    if (v.value)
        s << v.value->toUtf8();
    s << v.expirationNs << v.ttl << v.modifiedIndex << v.createdIndex;
}

bool readNodeValue(QDataStream &s, NodeValue &v)
{
    QByteArray key, value;
    quint8 flags = 0;
    s >> key >> flags;
    if (flags & ~quint8(3))
        return false;
    if (flags & 2) {
        s >> value;
        v.value = QString::fromUtf8(value);
    }
    s >> v.expirationNs >> v.ttl >> v.modifiedIndex >> v.createdIndex;
    v.key = QString::fromUtf8(key);
    v.dir = flags & 1;
    return s.status() == QDataStream::Ok && v.key.startsWith(QLatin1Char('/'));
}

bool validName(const QString &name)
{
    return !name.isEmpty() && !name.contains(QLatin1Char('/')) && name != QLatin1String(".") &&
           name != QLatin1String("..");
}
} // namespace

QByteArray StoreSnapshot::encode(const Node &root, quint64 index, const StoreStats &stats,
                                 const QList<Event> &history)
{
    QByteArray out;
    encode(root, index, stats, history, &out);
    return out;
}

void StoreSnapshot::encode(const Node &root, quint64 index, const StoreStats &stats,
                           const QList<Event> &history, QByteArray *out)
{
    out->resize(0); // keeps the capacity of a buffer nobody else shares
    QDataStream s(out, QIODevice::WriteOnly);
    prepare(s);
    s << kMagic << kVersion << index;
    StoreStats st = stats;
    for (int i = 0; i < kStatCount; ++i)
        s << *statField(st, i);

    // Depth first without recursion.
    std::vector<const Node *> stack{&root};
    while (!stack.empty()) {
        const Node *n = stack.back();
        stack.pop_back();
        s << quint8(n->dir ? 1 : 0) << (n == &root ? QByteArray() : n->name.toUtf8())
          << n->createdIndex << n->modifiedIndex << n->expirationNs;
        if (!n->dir) {
            s << n->value;
            continue;
        }
        s << quint32(n->children.size());
        for (auto c = n->children.rbegin(); c != n->children.rend(); ++c)
            stack.push_back(c->second.get());
    }

    s << quint32(history.size());
    for (const Event &e : history) {
        s << quint8(e.action) << quint8(e.refresh ? 1 : 0) << e.etcdIndex;
        writeNodeValue(s, e.node);
        s << quint8(e.prevNode ? 1 : 0);
        if (e.prevNode)
            writeNodeValue(s, *e.prevNode);
    }
}

std::optional<StoreSnapshot::Decoded> StoreSnapshot::decode(const QByteArray &data)
{
    QDataStream s(data);
    prepare(s);
    quint32 magic = 0;
    quint8 version = 0;
    Decoded d;
    s >> magic >> version >> d.index;
    if (s.status() != QDataStream::Ok || magic != kMagic || version != kVersion)
        return std::nullopt;
    for (int i = 0; i < kStatCount; ++i)
        s >> *statField(d.stats, i);

    // Tree: a stack of directories still expecting children.
    struct Open
    {
        Node *dir;
        quint32 remaining;
    };
    std::vector<Open> open;
    bool first = true;
    while (first || !open.empty()) {
        quint8 flags = 0;
        QByteArray nameUtf8;
        quint64 created = 0, modified = 0;
        qint64 exp = 0;
        s >> flags >> nameUtf8 >> created >> modified >> exp;
        if (s.status() != QDataStream::Ok || (flags & ~quint8(1)))
            return std::nullopt;
        const bool dir = flags & 1;
        std::unique_ptr<Node> node;
        Node *parent = first ? nullptr : open.back().dir;
        if (first) {
            if (!dir || !nameUtf8.isEmpty() || exp != 0)
                return std::nullopt;
            node = std::make_unique<Node>(QString(), nullptr, true, created, 0);
        } else {
            const QString name = QString::fromUtf8(nameUtf8);
            if (!validName(name) || parent->children.count(name))
                return std::nullopt;
            node = std::make_unique<Node>(name, parent, dir, created, exp);
        }
        node->modifiedIndex = modified;
        Node *raw = node.get();
        quint32 childCount = 0;
        if (dir) {
            s >> childCount;
        } else {
            s >> raw->value;
        }
        if (s.status() != QDataStream::Ok)
            return std::nullopt;

        if (first) {
            d.root = std::move(node);
            first = false;
        } else {
            parent->adopt(std::move(node));
            --open.back().remaining;
        }
        ++d.nodeCount;
        if (exp != 0)
            d.expiring.push_back(raw);
        if (dir && childCount > 0)
            open.push_back({raw, childCount});
        while (!open.empty() && open.back().remaining == 0)
            open.pop_back();
    }

    quint32 historyCount = 0;
    s >> historyCount;
    if (s.status() != QDataStream::Ok || historyCount > quint32(kHistoryCapacity))
        return std::nullopt;
    for (quint32 i = 0; i < historyCount; ++i) {
        quint8 action = 0, refresh = 0, hasPrev = 0;
        Event e;
        s >> action >> refresh >> e.etcdIndex;
        if (action > quint8(Action::Expire) || refresh > 1 || !readNodeValue(s, e.node))
            return std::nullopt;
        s >> hasPrev;
        if (hasPrev > 1)
            return std::nullopt;
        if (hasPrev) {
            NodeValue prev;
            if (!readNodeValue(s, prev))
                return std::nullopt;
            e.prevNode = std::move(prev);
        }
        e.action = Action(action);
        e.refresh = refresh;
        // The history must be consecutive and not ahead of the store.
        if (e.index() > d.index ||
            (!d.history.isEmpty() && e.index() != d.history.last().index() + 1))
            return std::nullopt;
        d.history.append(std::move(e));
    }
    if (s.status() != QDataStream::Ok || !s.atEnd())
        return std::nullopt;
    return d;
}

} // namespace store
