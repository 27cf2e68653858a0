// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "store/Store.h"

#include "go/GoPath.h"

#include "store/KeyLimits.h"
#include "store/Node.h"
#include "store/StoreCapture.h"
#include "store/StoreSnapshot.h"
#include "store/TtlIndex.h"

#include <QLoggingCategory>

#include <vector>

namespace store {

Q_LOGGING_CATEGORY(lcStore, "qetcd.store")

namespace {
// etcd treats expiry times before 2000-01-01T00:00:00Z as "no expiry" on create/set.
constexpr qint64 kMinExpireNs = 946684800LL * 1000000000LL;

} // namespace

struct Store::Impl
{
    std::unique_ptr<Node> root;
    TtlIndex ttl;
    int nodeCount = 1;
    std::shared_ptr<StoreCapture> capture; // while a snapshot is being written

    Impl() : root(std::make_unique<Node>(QString(), nullptr, true, 0, 0)) {}

    // etcd's internalGet: the node at a clean path, or 100 (cause: the first missing
    // path) / 104 (cause: the key that sits where a directory was needed). Both causes
    // are prefixes of `clean`, so no node's path has to be rebuilt.
    Node *find(const QString &clean, quint64 index, std::optional<EtcdError> &err) const
    {
        Node *cur = root.get();
        qsizetype curEnd = 1; // clean.left(curEnd) is cur's key ("/" for the root)
        forEachSegment(clean, clean.size(), [&](QStringView seg) {
            if (!cur->dir) {
                err = EtcdError::make(ErrorCode::NotDir, clean.left(curEnd), index);
                cur = nullptr;
                return false;
            }
            const qsizetype segEnd = seg.data() - clean.constData() + seg.size();
            Node *c = cur->child(seg);
            if (!c) {
                err = EtcdError::make(ErrorCode::KeyNotFound, clean.left(segEnd), index);
                cur = nullptr;
                return false;
            }
            cur = c;
            curEnd = segEnd;
            return true;
        });
        return cur;
    }

    // `path` is n's key.
    void setExpiration(Node *n, const QString &path, qint64 expNs)
    {
        // etcd's node.UpdateTTL
        if (!n->isPermanent())
            ttl.remove(n, path);
        if (capture)
            capture->beforeModify(n);
        n->expirationNs = expNs;
        if (!n->isPermanent())
            ttl.add(n, path);
    }

    // Detaches n (not the root; `path` is its key) from the tree, then reports every
    // removed key, children before their parent (etcd's node.Remove order), to `removed`.
    // One key buffer grows and shrinks along the walk, so a deep chain costs O(depth)
    // characters here, not one key per node.
    template <typename F> void removeSubtree(Node *n, const QString &path, F &&removed)
    {
        Node *parent = n->parent;
        auto it = parent->children.find(n->name);
        std::unique_ptr<Node> owned = std::move(it->second);
        parent->children.erase(it);
        // The walk below only reads the subtree, so a capture may keep it as it is.
        Node *const top = owned.get();

        // Post-order without recursion; `key` is the key of the node on top of the stack
        // once it is expanded.
        QString key = path;
        std::vector<std::pair<Node *, bool>> stack{{top, false}};
        while (!stack.empty()) {
            auto &[node, expanded] = stack.back();
            if (!expanded) {
                expanded = true;
                if (node != top) {
                    key += QLatin1Char('/');
                    key += node->name;
                }
                Node *self = node;
                for (auto c = self->children.rbegin(); c != self->children.rend(); ++c)
                    stack.push_back({c->second.get(), false});
                continue;
            }
            Node *done = node;
            stack.pop_back();
            if (!done->isPermanent())
                ttl.remove(done, key);
            --nodeCount;
            removed(std::as_const(key));
            if (done != top)
                key.chop(1 + done->name.size());
        }
        if (capture)
            capture->removed(parent, owned); // may take it
    }

    Node *adopt(Node *parent, std::unique_ptr<Node> child)
    {
        Node *n = parent->adopt(std::move(child));
        ++nodeCount;
        if (capture)
            capture->adopted(parent, n);
        return n;
    }
};

Store::Store() : d(std::make_unique<Impl>()) {}

Store::~Store() = default;

StoreResult Store::get(const QString &path, bool recursive, bool sorted, qint64 nowNs)
{
    StoreResult r = read(path, recursive, sorted, nowNs);
    ++(r.ok() ? m_stats.getsSuccess : m_stats.getsFail);
    return r;
}

StoreResult Store::read(const QString &path, bool recursive, bool sorted, qint64 nowNs) const
{
    StoreResult r;
    const QString p = go::GoPath::clean(path);
    Node *n = d->find(p, m_index, r.error);
    if (!n)
        return r;
    r.event.action = Action::Get;
    r.event.node = n->load(p, recursive, sorted, nowNs);
    r.event.etcdIndex = m_index;
    return r;
}

StoreResult Store::apply(const Command &cmd)
{
    // Per operation: its handler and the success/fail counters of /v2/stats/store.
    struct Op
    {
        StoreResult (Store::*run)(const Command &);
        quint64 StoreStats::*success;
        quint64 StoreStats::*fail;
    };
    static const Op ops[] = {
        {&Store::doSet, &StoreStats::setsSuccess, &StoreStats::setsFail},
        {&Store::doCreate, &StoreStats::createSuccess, &StoreStats::createFail},
        {&Store::doUpdate, &StoreStats::updateSuccess, &StoreStats::updateFail},
        {&Store::doCompareAndSwap, &StoreStats::compareAndSwapSuccess,
         &StoreStats::compareAndSwapFail},
        {&Store::doDelete, &StoreStats::deleteSuccess, &StoreStats::deleteFail},
        {&Store::doCompareAndDelete, &StoreStats::compareAndDeleteSuccess,
         &StoreStats::compareAndDeleteFail},
    };
    if (cmd.op == Command::Op::Expire)
        return doExpire(cmd); // counts expireCount per expired node
    const int i = int(cmd.op) - int(Command::Op::Set);
    if (i < 0 || i >= int(std::size(ops)))
        return failure(ErrorCode::RaftInternal, QStringLiteral("unknown command"));
    // Whatever the command came from (a client, a peer, the WAL), a key beyond what any
    // member could ever have accepted is refused here, the same way on every member.
    StoreResult r;
    if (std::optional<EtcdError> e = KeyLimits::checkApplied(go::GoPath::clean(cmd.path), m_index))
        r.error = std::move(e);
    else
        r = (this->*ops[i].run)(cmd);
    ++(m_stats.*(r.ok() ? ops[i].success : ops[i].fail));
    return r;
}

StoreResult Store::failure(ErrorCode code, const QString &cause) const
{
    StoreResult r;
    r.error = EtcdError::make(code, cause, m_index);
    return r;
}

// etcd's internalCreate: creates (or, with `replace`, replaces a key by) a node, creating
// missing parent directories. Either succeeds completely or changes nothing.
bool Store::internalCreate(const QString &rawPath, bool dir, const QString &value, bool unique,
                           bool replace, qint64 expirationNs, qint64 nowNs, Action action,
                           StoreResult &r)
{
    const quint64 curr = m_index, next = m_index + 1;
    QString p = rawPath;
    if (unique)
        p += QStringLiteral("/%1").arg(next, 20, 10, QLatin1Char('0'));
    p = go::GoPath::clean(p);
    if (p.size() == 1) {
        r.error = EtcdError::make(ErrorCode::RootReadOnly, QStringLiteral("/"), curr);
        return false;
    }
    if (expirationNs < kMinExpireNs)
        expirationNs = 0;

    const qsizetype slash = p.lastIndexOf(QLatin1Char('/'));
    const QStringView nodeName = QStringView(p).mid(slash + 1);

    // Walk the existing directories first; anything missing below them is created only
    // once nothing can fail any more.
    Node *parent = d->root.get();
    qsizetype missingFrom = -1; // offset of the first missing directory segment
    bool failed = false;
    forEachSegment(p, slash, [&](QStringView seg) {
        Node *c = parent->child(seg);
        if (!c) {
            missingFrom = seg.data() - p.constData();
            return false;
        }
        if (!c->dir) {
            r.error = EtcdError::make(ErrorCode::NotDir,
                                      p.left(seg.data() - p.constData() + seg.size()), curr);
            failed = true;
            return false;
        }
        parent = c;
        return true;
    });
    if (failed) {
        ++m_stats.setsFail; // etcd counts a failed parent walk as a failed set, always
        return false;
    }

    std::optional<NodeValue> prev;
    if (missingFrom < 0) {
        if (Node *existing = parent->child(nodeName)) {
            if (!replace) {
                r.error = EtcdError::make(ErrorCode::NodeExist, p, curr);
                return false;
            }
            if (existing->dir) {
                r.error = EtcdError::make(ErrorCode::NotFile, p, curr);
                return false;
            }
            prev = existing->repr(p, false, false, nowNs);
            d->removeSubtree(existing, p, [](const QString &) {});
        }
    } else {
        // Create the missing directories, permanent, stamped with the new index.
        const qsizetype from = missingFrom;
        QString sub = p.left(slash);
        forEachSegment(sub, sub.size(), [&](QStringView seg) {
            if (seg.data() - sub.constData() < from)
                return true;
            parent =
                d->adopt(parent, std::make_unique<Node>(seg.toString(), parent, true, next, 0));
            return true;
        });
    }

    auto n = std::make_unique<Node>(nodeName.toString(), parent, dir, next, expirationNs);
    if (!dir)
        n->setValue(value);
    Node *node = d->adopt(parent, std::move(n));
    if (!node->isPermanent())
        d->ttl.add(node, p);

    Event &e = r.event;
    e.action = action;
    e.node = node->repr(p, false, false, nowNs);
    e.prevNode = std::move(prev);
    m_index = next;
    e.etcdIndex = m_index;
    return true;
}

// A refresh takes an index and enters the history but notifies no watcher (etcd).
void Store::publish(Event &e, bool refresh)
{
    if (refresh) {
        e.refresh = true;
        m_hub.addToHistory(e);
    } else {
        m_hub.notify(e);
    }
}

// Removes n and its subtree as one mutation (delete, compareAndDelete, expire): the
// watchers of every removed path get the event, then it is published along its key.
// `path` is n's key.
Event Store::removeNode(Action action, Node *n, const QString &path, qint64 nowNs)
{
    ++m_index;
    Event e;
    e.action = action;
    e.node.key = path;
    e.node.dir = n->dir;
    e.node.modifiedIndex = m_index;
    e.node.createdIndex = n->createdIndex;
    e.etcdIndex = m_index;
    e.prevNode = n->repr(path, false, false, nowNs);
    // Without watchers there is nobody to tell, so the removed keys are not even hashed.
    const bool watched = m_hub.count() > 0;
    d->removeSubtree(n, path, [&](const QString &removed) {
        if (watched)
            m_hub.notifyDeleted(e, removed);
    });
    m_hub.notify(e);
    return e;
}

StoreResult Store::doSet(const Command &cmd)
{
    StoreResult r;
    const QString p = go::GoPath::clean(cmd.path);
    std::optional<EtcdError> getErr;
    Node *n = d->find(p, m_index, getErr);
    // A path through a key fails here already; a missing key is fine unless refreshing.
    if (!n && (getErr->code != ErrorCode::KeyNotFound || cmd.refresh)) {
        r.error = getErr;
        return r;
    }
    const QString value = cmd.refresh ? QString::fromUtf8(n->value) : cmd.value; // n gets replaced
    if (!internalCreate(p, cmd.dir, value, false, true, cmd.expirationNs, cmd.timeNs, Action::Set,
                        r))
        return r;
    publish(r.event, cmd.refresh);
    return r;
}

StoreResult Store::doCreate(const Command &cmd)
{
    StoreResult r;
    if (!internalCreate(cmd.path, cmd.dir, cmd.value, cmd.unique, false, cmd.expirationNs,
                        cmd.timeNs, Action::Create, r))
        return r;
    m_hub.notify(r.event);
    return r;
}

// The node a mutation of p applies to: 107 for the root, else 100/104 from the walk.
Node *Store::target(const QString &p, StoreResult &r) const
{
    if (p.size() == 1) {
        r = failure(ErrorCode::RootReadOnly, QStringLiteral("/"));
        return nullptr;
    }
    return d->find(p, m_index, r.error);
}

// update and compareAndSwap: a new value (kept on refresh), index and TTL, in place.
// `path` is n's key.
Event Store::modify(Action action, Node *n, const QString &path, const Command &cmd)
{
    const quint64 next = m_index + 1;
    Event e;
    e.action = action;
    e.prevNode = n->repr(path, false, false, cmd.timeNs);
    // etcd 3.4 writes value and modifiedIndex of keys only: a directory keeps its
    // modifiedIndex although the event reports the new one.
    if (!n->dir) {
        if (d->capture)
            d->capture->beforeModify(n);
        if (!cmd.refresh)
            n->setValue(cmd.value);
        n->modifiedIndex = next;
    }
    d->setExpiration(n, path, cmd.expirationNs);
    e.node = n->repr(path, false, false, cmd.timeNs);
    e.node.modifiedIndex = next;
    m_index = next;
    e.etcdIndex = m_index;
    publish(e, cmd.refresh);
    return e;
}

StoreResult Store::doUpdate(const Command &cmd)
{
    StoreResult r;
    const QString p = go::GoPath::clean(cmd.path);
    Node *n = target(p, r);
    if (!n)
        return r;
    if (n->dir && !cmd.value.isEmpty())
        return failure(ErrorCode::NotFile, p);
    r.event = modify(Action::Update, n, p, cmd);
    return r;
}

namespace {
// etcd's node.Compare + getCompareFailCause; empty when the comparison holds.
QString compareFailure(const Node &n, const QString &prevValue, quint64 prevIndex)
{
    const bool indexMatch = prevIndex == 0 || n.modifiedIndex == prevIndex;
    const bool valueMatch = prevValue.isEmpty() || n.value == prevValue.toUtf8();
    if (indexMatch && valueMatch)
        return QString();
    if (indexMatch)
        return QStringLiteral("[%1 != %2]").arg(prevValue, QString::fromUtf8(n.value));
    if (valueMatch)
        return QStringLiteral("[%1 != %2]").arg(prevIndex).arg(n.modifiedIndex);
    return QStringLiteral("[%1 != %2] [%3 != %4]")
        .arg(prevValue, QString::fromUtf8(n.value))
        .arg(prevIndex)
        .arg(n.modifiedIndex);
}
} // namespace

StoreResult Store::doCompareAndSwap(const Command &cmd)
{
    StoreResult r;
    const QString p = go::GoPath::clean(cmd.path);
    Node *n = target(p, r);
    if (!n)
        return r;
    if (n->dir)
        return failure(ErrorCode::NotFile, p);
    const QString cause = compareFailure(*n, cmd.prevValue, cmd.prevIndex);
    if (!cause.isEmpty())
        return failure(ErrorCode::TestFailed, cause);
    r.event = modify(Action::CompareAndSwap, n, p, cmd);
    return r;
}

StoreResult Store::doDelete(const Command &cmd)
{
    StoreResult r;
    const QString p = go::GoPath::clean(cmd.path);
    Node *n = target(p, r);
    if (!n)
        return r;
    const bool dir = cmd.dir || cmd.recursive; // recursive implies dir
    if (n->dir && !dir)
        return failure(ErrorCode::NotFile, p);
    if (n->dir && !n->children.empty() && !cmd.recursive)
        return failure(ErrorCode::DirNotEmpty, p);

    r.event = removeNode(Action::Delete, n, p, cmd.timeNs);
    return r;
}

StoreResult Store::doCompareAndDelete(const Command &cmd)
{
    StoreResult r;
    const QString p = go::GoPath::clean(cmd.path);
    Node *n = d->find(p, m_index, r.error);
    if (!n)
        return r;
    // etcd has no read-only check here: the root is a directory, and its cause is the
    // empty string on the wire (etcd trims its internal "/1" root prefix).
    if (n->dir)
        return failure(ErrorCode::NotFile, p.size() == 1 ? QString() : p);
    const QString cause = compareFailure(*n, cmd.prevValue, cmd.prevIndex);
    if (!cause.isEmpty())
        return failure(ErrorCode::TestFailed, cause);

    r.event = removeNode(Action::CompareAndDelete, n, p, cmd.timeNs);
    return r;
}

StoreResult Store::doExpire(const Command &cmd)
{
    StoreResult r;
    r.event.action = Action::Expire;
    r.event.etcdIndex = m_index;
    for (;;) {
        Node *n = d->ttl.top();
        if (!n || n->expirationNs > cmd.timeNs)
            break;
        const QString path = d->ttl.topPath(); // a copy: removing n drops the entry
        r.event = removeNode(Action::Expire, n, path, cmd.timeNs);
        ++m_stats.expireCount;
    }
    return r;
}

qint64 Store::nextExpirationNs() const
{
    return d->ttl.earliest();
}

WatchResult Store::watch(const QString &key, bool recursive, bool stream, quint64 sinceIndex,
                         WatchSink sink)
{
    const QString k = go::GoPath::clean(key);
    if (sinceIndex == 0)
        sinceIndex = m_index + 1;
    return m_hub.watch(k, recursive, stream, sinceIndex, m_index, std::move(sink));
}

void Store::cancelWatch(quint64 watcherId)
{
    m_hub.cancel(watcherId);
}

StoreStats Store::stats() const
{
    StoreStats s = m_stats;
    s.watchers = m_hub.count();
    return s;
}

int Store::nodeCount() const
{
    return d->nodeCount;
}

qint64 Store::nameChars() const
{
    qint64 total = 0;
    std::vector<const Node *> stack{d->root.get()};
    while (!stack.empty()) {
        const Node *n = stack.back();
        stack.pop_back();
        total += n->name.size();
        for (const auto &c : n->children)
            stack.push_back(c.second.get());
    }
    return total;
}

QByteArray Store::save() const
{
    return StoreSnapshot::encode(*d->root, m_index, m_stats, m_hub.history().events());
}

std::shared_ptr<const StoreCapture> Store::beginCapture()
{
    if (d->capture)
        return nullptr;
    d->capture =
        std::make_shared<StoreCapture>(d->root.get(), m_index, m_stats, m_hub.history().events());
    return d->capture;
}

void Store::endCapture()
{
    d->capture.reset();
}

bool Store::capturing() const
{
    return d->capture != nullptr;
}

bool Store::recover(QByteArrayView snapshot)
{
    std::optional<StoreSnapshot::Decoded> s = StoreSnapshot::decode(snapshot);
    if (!s) {
        qCWarning(lcStore) << "rejected a snapshot of" << snapshot.size() << "bytes";
        return false;
    }
    recover(std::move(*s));
    return true;
}

void Store::recover(StoreSnapshot::Decoded decoded)
{
    const quint64 oldIndex = m_index;
    d->ttl.clear();
    if (d->capture)
        d->capture->retire(std::exchange(d->root, std::move(decoded.root)));
    else
        d->root = std::move(decoded.root);
    d->nodeCount = decoded.nodeCount;
    for (Node *n : decoded.expiring)
        d->ttl.add(n, n->path());
    m_index = decoded.index;
    m_stats = decoded.stats;
    EventHistory &h = m_hub.history();
    h.clear();
    for (const Event &e : std::as_const(decoded.history))
        h.add(e);
    // The watchers waited on the old state: they get what they missed from the new
    // history, or 401 when it no longer reaches back (never a silent jump).
    m_hub.historyReplaced(oldIndex, m_index);
}

} // namespace store
