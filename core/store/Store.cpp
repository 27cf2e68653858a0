#include "store/Store.h"

#include "store/Node.h"
#include "store/StoreSnapshot.h"
#include "store/TtlIndex.h"

#include <QLoggingCategory>

#include <vector>

Q_LOGGING_CATEGORY(lcStore, "qetcd.store")

namespace {
// etcd treats expiry times before 2000-01-01T00:00:00Z as "no expiry" on create/set.
constexpr qint64 kMinExpireNs = 946684800LL * 1000000000LL;

QString joinPath(const QString &parent, QStringView name)
{
    QString out;
    out.reserve(parent.size() + 1 + name.size());
    if (parent.size() > 1) // not "/"
        out += parent;
    out += QLatin1Char('/');
    out += name;
    return out;
}

// Go's strings of a clean path: segments between slashes, the leading "/" skipped.
template<typename F>
void forEachSegment(const QString &clean, qsizetype end, F &&f)
{
    qsizetype pos = 1;
    while (pos < end) {
        qsizetype slash = clean.indexOf(QLatin1Char('/'), pos);
        if (slash < 0 || slash > end)
            slash = end;
        if (!f(QStringView(clean).mid(pos, slash - pos)))
            return;
        pos = slash + 1;
    }
}

bool isCleanRooted(const QString &p)
{
    const qsizetype n = p.size();
    if (n == 0 || p.at(0) != QLatin1Char('/'))
        return false;
    if (n == 1)
        return true;
    if (p.at(n - 1) == QLatin1Char('/'))
        return false;
    // Every segment must be non-empty and neither "." nor "..".
    qsizetype segStart = 1;
    for (qsizetype i = 1; i <= n; ++i) {
        if (i == n || p.at(i) == QLatin1Char('/')) {
            const qsizetype len = i - segStart;
            if (len == 0)
                return false;
            if (p.at(segStart) == QLatin1Char('.') &&
                (len == 1 || (len == 2 && p.at(segStart + 1) == QLatin1Char('.'))))
                return false;
            segStart = i + 1;
        }
    }
    return true;
}
} // namespace

struct Store::Impl
{
    std::unique_ptr<Node> root;
    TtlIndex ttl;
    int nodeCount = 1;

    Impl() : root(std::make_unique<Node>(QStringLiteral("/"), nullptr, true, 0, 0)) {}

    // etcd's internalGet: the node at a clean path, or 100 (cause: the first missing
    // path) / 104 (cause: the key that sits where a directory was needed).
    Node *find(const QString &clean, quint64 index, std::optional<EtcdError> &err) const
    {
        Node *cur = root.get();
        forEachSegment(clean, clean.size(), [&](QStringView seg) {
            if (!cur->dir) {
                err = EtcdError::make(ErrorCode::NotDir, cur->path, index);
                cur = nullptr;
                return false;
            }
            Node *c = cur->child(seg);
            if (!c) {
                err = EtcdError::make(ErrorCode::KeyNotFound, joinPath(cur->path, seg), index);
                cur = nullptr;
                return false;
            }
            cur = c;
            return true;
        });
        return cur;
    }

    void setExpiration(Node *n, qint64 expNs)
    {
        // etcd's node.UpdateTTL
        if (!n->isPermanent())
            ttl.remove(n);
        n->expirationNs = expNs;
        if (!n->isPermanent())
            ttl.add(n);
    }

    // Detaches n (not the root) from the tree, then reports every removed path, children
    // before their parent (etcd's node.Remove order), to `removed`.
    template<typename F>
    void removeSubtree(Node *n, F &&removed)
    {
        Node *parent = n->parent;
        auto it = parent->children.find(n->name());
        std::unique_ptr<Node> owned = std::move(it->second);
        parent->children.erase(it);

        // Post-order without recursion.
        std::vector<std::pair<Node *, bool>> stack{{owned.get(), false}};
        while (!stack.empty()) {
            auto &[node, expanded] = stack.back();
            if (!expanded && !node->children.empty()) {
                expanded = true;
                Node *self = node;
                for (auto c = self->children.rbegin(); c != self->children.rend(); ++c)
                    stack.push_back({c->second.get(), false});
                continue;
            }
            Node *done = node;
            stack.pop_back();
            if (!done->isPermanent())
                ttl.remove(done);
            --nodeCount;
            removed(done->path);
        }
    }
};

Store::Store() : d(std::make_unique<Impl>()) {}

Store::~Store() = default;

QString Store::cleanPath(const QString &key)
{
    if (isCleanRooted(key))
        return key;
    // Go's path.Clean for a rooted path: drop empty and "." segments, ".." pops one
    // (never above the root).
    QList<QStringView> segs;
    const QStringView k(key);
    qsizetype pos = 0;
    while (pos <= k.size()) {
        qsizetype slash = k.indexOf(QLatin1Char('/'), pos);
        if (slash < 0)
            slash = k.size();
        const QStringView seg = k.mid(pos, slash - pos);
        if (seg.isEmpty() || seg == QLatin1String(".")) {
            // skip
        } else if (seg == QLatin1String("..")) {
            if (!segs.isEmpty())
                segs.removeLast();
        } else {
            segs.append(seg);
        }
        pos = slash + 1;
    }
    if (segs.isEmpty())
        return QStringLiteral("/");
    QString out;
    for (const QStringView &s : std::as_const(segs)) {
        out += QLatin1Char('/');
        out += s;
    }
    return out;
}

StoreResult Store::get(const QString &path, bool recursive, bool sorted, qint64 nowNs)
{
    StoreResult r;
    const QString p = cleanPath(path);
    Node *n = d->find(p, m_index, r.error);
    if (!n) {
        ++m_stats.getsFail;
        return r;
    }
    r.event.action = Action::Get;
    r.event.node = n->load(recursive, sorted, nowNs);
    r.event.etcdIndex = m_index;
    ++m_stats.getsSuccess;
    return r;
}

StoreResult Store::apply(const Command &cmd)
{
    switch (cmd.op) {
    case Command::Op::Set: return doSet(cmd);
    case Command::Op::Create: return doCreate(cmd);
    case Command::Op::Update: return doUpdate(cmd);
    case Command::Op::CompareAndSwap: return doCompareAndSwap(cmd);
    case Command::Op::Delete: return doDelete(cmd);
    case Command::Op::CompareAndDelete: return doCompareAndDelete(cmd);
    case Command::Op::Expire: return doExpire(cmd);
    }
    StoreResult r;
    r.error = EtcdError::make(ErrorCode::RaftInternal, QStringLiteral("unknown command"), m_index);
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
    p = cleanPath(p);
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
            r.error = EtcdError::make(ErrorCode::NotDir, c->path, curr);
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
            prev = existing->repr(false, false, nowNs);
            d->removeSubtree(existing, [](const QString &) {});
        }
    } else {
        // Create the missing directories, permanent, stamped with the new index.
        const qsizetype from = missingFrom;
        QString sub = p.left(slash);
        forEachSegment(sub, sub.size(), [&](QStringView seg) {
            if (seg.data() - sub.constData() < from)
                return true;
            auto n = std::make_unique<Node>(joinPath(parent->path, seg), parent, true, next, 0);
            Node *raw = n.get();
            parent->children.emplace(seg.toString(), std::move(n));
            ++d->nodeCount;
            parent = raw;
            return true;
        });
    }

    auto n = std::make_unique<Node>(p, parent, dir, next, expirationNs);
    if (!dir)
        n->value = value;
    Node *node = n.get();
    parent->children.emplace(nodeName.toString(), std::move(n));
    ++d->nodeCount;
    if (!node->isPermanent())
        d->ttl.add(node);

    Event &e = r.event;
    e.action = action;
    e.node = node->repr(false, false, nowNs);
    e.prevNode = std::move(prev);
    m_index = next;
    e.etcdIndex = m_index;
    return true;
}

StoreResult Store::doSet(const Command &cmd)
{
    StoreResult r;
    const QString p = cleanPath(cmd.path);
    std::optional<EtcdError> getErr;
    Node *n = d->find(p, m_index, getErr);
    if (!n && getErr->code != ErrorCode::KeyNotFound) {
        r.error = getErr;
        ++m_stats.setsFail;
        return r;
    }
    QString value = cmd.value;
    if (cmd.refresh) {
        if (!n) {
            r.error = getErr;
            ++m_stats.setsFail;
            return r;
        }
        value = n->value;
    }
    if (!internalCreate(p, cmd.dir, value, false, true, cmd.expirationNs, cmd.timeNs,
                        Action::Set, r)) {
        ++m_stats.setsFail;
        return r;
    }
    ++m_stats.setsSuccess;
    if (cmd.refresh) {
        r.event.refresh = true;
        m_hub.addToHistory(r.event);
    } else {
        m_hub.notify(r.event);
    }
    return r;
}

StoreResult Store::doCreate(const Command &cmd)
{
    StoreResult r;
    if (!internalCreate(cmd.path, cmd.dir, cmd.value, cmd.unique, false, cmd.expirationNs,
                        cmd.timeNs, Action::Create, r)) {
        ++m_stats.createFail;
        return r;
    }
    ++m_stats.createSuccess;
    m_hub.notify(r.event);
    return r;
}

StoreResult Store::doUpdate(const Command &cmd)
{
    StoreResult r;
    const QString p = cleanPath(cmd.path);
    if (p.size() == 1) {
        r.error = EtcdError::make(ErrorCode::RootReadOnly, QStringLiteral("/"), m_index);
        ++m_stats.updateFail;
        return r;
    }
    Node *n = d->find(p, m_index, r.error);
    if (!n) {
        ++m_stats.updateFail;
        return r;
    }
    if (n->dir && !cmd.value.isEmpty()) {
        r.error = EtcdError::make(ErrorCode::NotFile, p, m_index);
        ++m_stats.updateFail;
        return r;
    }
    const quint64 next = m_index + 1;
    Event &e = r.event;
    e.action = Action::Update;
    e.prevNode = n->repr(false, false, cmd.timeNs);
    // etcd 3.4 writes value and modifiedIndex of keys only: a directory keeps its
    // modifiedIndex although the event reports the new one.
    if (!n->dir) {
        if (!cmd.refresh)
            n->value = cmd.value;
        n->modifiedIndex = next;
    }
    d->setExpiration(n, cmd.expirationNs);
    e.node = n->repr(false, false, cmd.timeNs);
    e.node.modifiedIndex = next;
    m_index = next;
    e.etcdIndex = m_index;
    ++m_stats.updateSuccess;
    if (cmd.refresh) {
        e.refresh = true;
        m_hub.addToHistory(e);
    } else {
        m_hub.notify(e);
    }
    return r;
}

namespace {
// etcd's node.Compare + getCompareFailCause; empty when the comparison holds.
QString compareFailure(const Node &n, const QString &prevValue, quint64 prevIndex)
{
    const bool indexMatch = prevIndex == 0 || n.modifiedIndex == prevIndex;
    const bool valueMatch = prevValue.isEmpty() || n.value == prevValue;
    if (indexMatch && valueMatch)
        return QString();
    if (indexMatch)
        return QStringLiteral("[%1 != %2]").arg(prevValue, n.value);
    if (valueMatch)
        return QStringLiteral("[%1 != %2]").arg(prevIndex).arg(n.modifiedIndex);
    return QStringLiteral("[%1 != %2] [%3 != %4]")
        .arg(prevValue, n.value)
        .arg(prevIndex)
        .arg(n.modifiedIndex);
}
} // namespace

StoreResult Store::doCompareAndSwap(const Command &cmd)
{
    StoreResult r;
    const QString p = cleanPath(cmd.path);
    auto fail = [&](ErrorCode c, const QString &cause) {
        r.error = EtcdError::make(c, cause, m_index);
        ++m_stats.compareAndSwapFail;
        return r;
    };
    if (p.size() == 1)
        return fail(ErrorCode::RootReadOnly, QStringLiteral("/"));
    Node *n = d->find(p, m_index, r.error);
    if (!n) {
        ++m_stats.compareAndSwapFail;
        return r;
    }
    if (n->dir)
        return fail(ErrorCode::NotFile, p);
    const QString cause = compareFailure(*n, cmd.prevValue, cmd.prevIndex);
    if (!cause.isEmpty())
        return fail(ErrorCode::TestFailed, cause);

    ++m_index;
    Event &e = r.event;
    e.action = Action::CompareAndSwap;
    e.prevNode = n->repr(false, false, cmd.timeNs);
    if (!cmd.refresh)
        n->value = cmd.value;
    n->modifiedIndex = m_index;
    d->setExpiration(n, cmd.expirationNs);
    e.node = n->repr(false, false, cmd.timeNs);
    e.etcdIndex = m_index;
    ++m_stats.compareAndSwapSuccess;
    if (cmd.refresh) {
        e.refresh = true;
        m_hub.addToHistory(e);
    } else {
        m_hub.notify(e);
    }
    return r;
}

StoreResult Store::doDelete(const Command &cmd)
{
    StoreResult r;
    const QString p = cleanPath(cmd.path);
    auto fail = [&](ErrorCode c, const QString &cause) {
        r.error = EtcdError::make(c, cause, m_index);
        ++m_stats.deleteFail;
        return r;
    };
    if (p.size() == 1)
        return fail(ErrorCode::RootReadOnly, QStringLiteral("/"));
    const bool dir = cmd.dir || cmd.recursive;
    Node *n = d->find(p, m_index, r.error);
    if (!n) {
        ++m_stats.deleteFail;
        return r;
    }
    if (n->dir && !dir)
        return fail(ErrorCode::NotFile, n->path);
    if (n->dir && !n->children.empty() && !cmd.recursive)
        return fail(ErrorCode::DirNotEmpty, n->path);

    const quint64 next = m_index + 1;
    Event &e = r.event;
    e.action = Action::Delete;
    e.node.key = p;
    e.node.dir = n->dir;
    e.node.modifiedIndex = next;
    e.node.createdIndex = n->createdIndex;
    e.etcdIndex = next;
    e.prevNode = n->repr(false, false, cmd.timeNs);
    m_index = next;
    d->removeSubtree(n, [&](const QString &path) { m_hub.notifyDeleted(e, path); });
    ++m_stats.deleteSuccess;
    m_hub.notify(e);
    return r;
}

StoreResult Store::doCompareAndDelete(const Command &cmd)
{
    StoreResult r;
    const QString p = cleanPath(cmd.path);
    auto fail = [&](ErrorCode c, const QString &cause) {
        r.error = EtcdError::make(c, cause, m_index);
        ++m_stats.compareAndDeleteFail;
        return r;
    };
    Node *n = d->find(p, m_index, r.error);
    if (!n) {
        ++m_stats.compareAndDeleteFail;
        return r;
    }
    // etcd has no read-only check here: the root is a directory, and its cause is the
    // empty string on the wire (etcd trims its internal "/1" root prefix).
    if (n->dir)
        return fail(ErrorCode::NotFile, p.size() == 1 ? QString() : p);
    const QString cause = compareFailure(*n, cmd.prevValue, cmd.prevIndex);
    if (!cause.isEmpty())
        return fail(ErrorCode::TestFailed, cause);

    ++m_index;
    Event &e = r.event;
    e.action = Action::CompareAndDelete;
    e.node.key = p;
    e.node.modifiedIndex = m_index;
    e.node.createdIndex = n->createdIndex;
    e.etcdIndex = m_index;
    e.prevNode = n->repr(false, false, cmd.timeNs);
    d->removeSubtree(n, [&](const QString &path) { m_hub.notifyDeleted(e, path); });
    ++m_stats.compareAndDeleteSuccess;
    m_hub.notify(e);
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
        ++m_index;
        Event e;
        e.action = Action::Expire;
        e.node.key = n->path;
        e.node.dir = n->dir;
        e.node.modifiedIndex = m_index;
        e.node.createdIndex = n->createdIndex;
        e.etcdIndex = m_index;
        e.prevNode = n->repr(false, false, cmd.timeNs);
        d->removeSubtree(n, [&](const QString &path) { m_hub.notifyDeleted(e, path); });
        ++m_stats.expireCount;
        m_hub.notify(e);
        r.event = std::move(e);
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
    const QString k = cleanPath(key);
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

QByteArray Store::save() const
{
    return StoreSnapshot::encode(*d->root, m_index, m_stats, m_hub.history().events());
}

bool Store::recover(const QByteArray &snapshot)
{
    std::optional<StoreSnapshot::Decoded> s = StoreSnapshot::decode(snapshot);
    if (!s) {
        qCWarning(lcStore) << "rejected a snapshot of" << snapshot.size() << "bytes";
        return false;
    }
    d->ttl.clear();
    d->root = std::move(s->root);
    d->nodeCount = s->nodeCount;
    for (Node *n : s->expiring)
        d->ttl.add(n);
    m_index = s->index;
    m_stats = s->stats;
    EventHistory &h = m_hub.history();
    h.clear();
    for (const Event &e : std::as_const(s->history))
        h.add(e);
    return true;
}
