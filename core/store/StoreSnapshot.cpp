// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/StoreSnapshot.h"

#include "store/DataStreamReader.h"
#include "store/Node.h"
#include "store/StoreCapture.h"

#include <QDataStream>
#include <QIODevice>

#include <limits>

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

// `putValue(bytes)` writes a value (Encoder::next's, which may queue it).
template <typename PutValue>
void writeNodeValue(QDataStream &s, const NodeValue &v, PutValue &&putValue)
{
    const quint8 flags = (v.dir ? 1 : 0) | (v.value ? 2 : 0);
    s << v.key.toUtf8() << flags;
    if (v.value)
        putValue(*v.value);
    s << v.expirationNs << v.ttl << v.modifiedIndex << v.createdIndex;
}

bool readNodeValue(DataStreamReader &r, NodeValue &v)
{
    // Converted before the next read: over a file a view lasts only until then.
    v.key = QString::fromUtf8(r.bytes());
    const quint8 flags = r.number<quint8>();
    if (flags & ~quint8(3))
        return false;
    if (flags & 2)
        v.value = r.bytes().toByteArray();
    v.expirationNs = r.number<qint64>();
    v.ttl = r.number<qint64>();
    v.modifiedIndex = r.number<quint64>();
    v.createdIndex = r.number<quint64>();
    v.dir = flags & 1;
    return !r.failed() && v.key.startsWith(QLatin1Char('/'));
}

// An event's value is as often as not the value its key still has: it then shares the tree's
// bytes, as it did in the member that wrote the snapshot (and as etcd's events share the node's
// string), instead of holding a copy: with 1,000 events of 1 MiB values, a gigabyte.
void shareValueWithTree(const Node &root, NodeValue &v)
{
    if (!v.value)
        return;
    const Node *n = &root;
    forEachSegment(v.key, v.key.size(), [&n](QStringView segment) {
        n = n->dir ? n->child(segment) : nullptr;
        return n != nullptr;
    });
    if (n && !n->dir && n->modifiedIndex == v.modifiedIndex && n->value == *v.value)
        v.value = n->value;
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
    // A capture nobody records into: the tree as it is, which the caller keeps still.
    const StoreCapture still(&root, index, stats, history);
    QByteArray out;
    Encoder(still).next(&out, std::numeric_limits<qsizetype>::max());
    return out;
}

bool StoreSnapshot::Encoder::drain(QByteArray *out, qsizetype limit)
{
    while (!m_queued.empty() && out->size() < limit) {
        const QByteArray &front = m_queued.front();
        const qsizetype n = qMin(front.size() - m_queuedAt, limit - out->size());
        out->append(front.constData() + m_queuedAt, n);
        m_queuedAt += n;
        if (m_queuedAt == front.size()) {
            m_queued.pop_front();
            m_queuedAt = 0;
        }
    }
    return !m_queued.empty();
}

bool StoreSnapshot::Encoder::next(QByteArray *out, qsizetype maxBytes)
{
    const qsizetype start = out->size();
    const qsizetype limit =
        maxBytes > std::numeric_limits<qsizetype>::max() - start ? maxBytes : start + maxBytes;
    if (drain(out, limit))
        return true;
    if (m_phase == Phase::Done)
        return false;
    // The store may have changed since the last piece: every directory's place is looked up
    // again by name.
    for (Frame &f : m_open)
        f.cursor.valid = false;
    // Large values met in this piece: where their bytes belong in *out, and the bytes.
    QList<std::pair<qsizetype, QByteArray>> queued;
    qsizetype queuedBytes = 0;
    // What this piece has produced, the values it queued included.
    const auto produced = [&] { return out->size() - start + queuedBytes; };
    {
        QDataStream s(out, QIODevice::WriteOnly | QIODevice::Append);
        prepare(s);
        const StoreCapture &c = m_capture;
        const auto putValue = [&](const QByteArray &v) {
            if (v.size() < kQueueFrom) {
                s << v;
                return;
            }
            // What `s << v` writes before the bytes (Qt_6_4: a 32-bit length; values are far below
            // 4 GiB); the bytes themselves go in after this piece is encoded.
            s << quint32(v.size());
            queued.append({out->size(), v});
            queuedBytes += v.size();
        };
        // One node as it was at the capture's index; a directory's children follow it.
        const auto writeNode = [&](const Node *n) {
            const StoreCapture::PreImage *was = c.preImage(n);
            s << quint8(n->dir ? 1 : 0) << (n == c.root() ? QByteArray() : n->name.toUtf8())
              << n->createdIndex << (was ? was->modifiedIndex : n->modifiedIndex)
              << (was ? was->expirationNs : n->expirationNs);
            if (!n->dir) {
                putValue(was ? was->value : n->value);
                return;
            }
            s << c.childCount(n);
            m_open.push_back({n, QString(), false, {}});
        };

        if (m_phase == Phase::Head) {
            s << kMagic << kVersion << c.index();
            StoreStats st = c.stats();
            for (int i = 0; i < kStatCount; ++i)
                s << *statField(st, i);
            writeNode(c.root());
            m_phase = Phase::Tree;
        }
        // Depth first, each directory's children in name order, without recursion.
        while (m_phase == Phase::Tree && produced() < maxBytes) {
            if (m_open.empty()) {
                m_phase = Phase::History;
                break;
            }
            Frame &top = m_open.back();
            const Node *child =
                c.nextChild(top.dir, top.started ? &top.after : nullptr, &top.cursor);
            if (!child) {
                m_open.pop_back();
                continue;
            }
            top.after = child->name;
            top.started = true;
            writeNode(child); // may grow m_open: `top` is not used after this
        }
        // The history (up to 1,000 events, each with its node and previous node) is cut into pieces
        // too: encoded at once it took the member about 2 ms.
        const QList<Event> &history = c.history();
        while (m_phase == Phase::History && produced() < maxBytes) {
            if (m_historyAt < 0) {
                s << quint32(history.size());
                m_historyAt = 0;
                continue;
            }
            if (m_historyAt == history.size()) {
                m_phase = Phase::Done;
                break;
            }
            const Event &e = history.at(m_historyAt++);
            s << quint8(e.action) << quint8(e.refresh ? 1 : 0) << e.etcdIndex;
            writeNodeValue(s, e.node, putValue);
            s << quint8(e.prevNode ? 1 : 0);
            if (e.prevNode)
                writeNodeValue(s, *e.prevNode, putValue);
        }
    } // the stream is done with *out
    if (!queued.isEmpty()) {
        // Each queued value, then what was encoded after it, go behind what precedes the first.
        for (qsizetype i = 0; i < queued.size(); ++i) {
            const qsizetype from = queued.at(i).first;
            const qsizetype to = i + 1 < queued.size() ? queued.at(i + 1).first : out->size();
            m_queued.push_back(queued.at(i).second);
            if (to > from)
                m_queued.push_back(out->mid(from, to - from));
        }
        out->truncate(queued.first().first);
        m_queuedAt = 0;
        drain(out, limit);
    }
    return m_phase != Phase::Done || !m_queued.empty();
}

std::optional<StoreSnapshot::Decoded> StoreSnapshot::decode(QByteArrayView data)
{
    DataStreamReader r(data, QDataStream::LittleEndian);
    std::optional<Decoded> d = decode(r);
    if (!d || !r.atEnd())
        return std::nullopt;
    return d;
}

std::optional<StoreSnapshot::Decoded> StoreSnapshot::decode(DataStreamReader &r)
{
    Decoded d;
    const quint32 magic = r.number<quint32>();
    const quint8 version = r.number<quint8>();
    d.index = r.number<quint64>();
    if (r.failed() || magic != kMagic || version != kVersion)
        return std::nullopt;
    for (int i = 0; i < kStatCount; ++i)
        *statField(d.stats, i) = r.number<quint64>();

    // Tree: a stack of directories still expecting children.
    struct Open
    {
        Node *dir;
        quint32 remaining;
    };
    std::vector<Open> open;
    bool first = true;
    while (first || !open.empty()) {
        const quint8 flags = r.number<quint8>();
        // Converted before the next read: over a file a view lasts only until then.
        const QString name = QString::fromUtf8(r.bytes());
        const quint64 created = r.number<quint64>();
        const quint64 modified = r.number<quint64>();
        const qint64 exp = r.number<qint64>();
        if (r.failed() || (flags & ~quint8(1)))
            return std::nullopt;
        const bool dir = flags & 1;
        std::unique_ptr<Node> node;
        Node *parent = first ? nullptr : open.back().dir;
        if (first) {
            if (!dir || !name.isEmpty() || exp != 0)
                return std::nullopt;
            node = std::make_unique<Node>(QString(), nullptr, true, created, 0);
        } else {
            if (!validName(name))
                return std::nullopt;
            node = std::make_unique<Node>(name, parent, dir, created, exp);
        }
        node->modifiedIndex = modified;
        Node *raw = node.get();
        quint32 childCount = 0;
        if (dir)
            childCount = r.number<quint32>();
        else
            raw->value = r.bytes().toByteArray();
        if (r.failed())
            return std::nullopt;

        if (first) {
            d.root = std::move(node);
            first = false;
        } else {
            // save() writes children in the map's order: each goes after the last one in O(1)
            // (a million keys in one directory made these lookups a second of a restart).
            // Anything else is a duplicate or out of order: refused like any damage.
            Node::Children &siblings = parent->children;
            if (!siblings.empty() && !NodeNameLess()(siblings.rbegin()->first, raw->name))
                return std::nullopt;
            siblings.emplace_hint(siblings.end(), raw->name, std::move(node));
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

    const quint32 historyCount = r.number<quint32>();
    if (r.failed() || historyCount > quint32(kHistoryCapacity))
        return std::nullopt;
    for (quint32 i = 0; i < historyCount; ++i) {
        Event e;
        const quint8 action = r.number<quint8>();
        const quint8 refresh = r.number<quint8>();
        e.etcdIndex = r.number<quint64>();
        if (action > quint8(Action::Expire) || refresh > 1 || !readNodeValue(r, e.node))
            return std::nullopt;
        const quint8 hasPrev = r.number<quint8>();
        if (hasPrev > 1)
            return std::nullopt;
        if (hasPrev) {
            NodeValue prev;
            if (!readNodeValue(r, prev))
                return std::nullopt;
            e.prevNode = std::move(prev);
        }
        e.action = Action(action);
        e.refresh = refresh;
        shareValueWithTree(*d.root, e.node);
        // The history must be consecutive and not ahead of the store.
        if (e.index() > d.index ||
            (!d.history.isEmpty() && e.index() != d.history.last().index() + 1))
            return std::nullopt;
        d.history.append(std::move(e));
    }
    if (r.failed())
        return std::nullopt;
    return d;
}

} // namespace store
