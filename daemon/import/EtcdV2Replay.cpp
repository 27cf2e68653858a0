// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "EtcdV2Replay.h"

#include "auth/AuthCommand.h"
#include "auth/AuthStore.h"
#include "etcd_import.pb.h"
#include "store/Node.h"
#include "store/StoreSnapshot.h"
#include "store/WriteOp.h"

#include <QDate>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace etcdimport {

namespace {

const QString kMembers = QStringLiteral("/0/members/");
const QString kRemoved = QStringLiteral("/0/removed_members/");

// Go's time.Time JSON (RFC 3339 with up to 9 fractional digits and a zone) in ns since the
// Unix epoch; the zero time (etcd's Permanent, year 1) is 0. nullopt if malformed.
std::optional<qint64> parseGoTime(const QString &s)
{
    static const QRegularExpression re(
        QStringLiteral("^(\\d{4})-(\\d{2})-(\\d{2})T(\\d{2}):(\\d{2}):(\\d{2})(?:\\.(\\d{1,9}))?(Z|"
                       "[+-]\\d{2}:\\d{2})$"));
    const QRegularExpressionMatch m = re.match(s);
    if (!m.hasMatch())
        return std::nullopt;
    const QDate date(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
    if (!date.isValid())
        return std::nullopt;
    if (date.year() < 1970)
        return 0; // Permanent (Go's zero time) or a time the store treats as permanent anyway
    qint64 secs = (date.toJulianDay() - QDate(1970, 1, 1).toJulianDay()) * 86400 +
                  m.captured(4).toInt() * 3600 + m.captured(5).toInt() * 60 + m.captured(6).toInt();
    const QString zone = m.captured(8);
    if (zone != QLatin1String("Z")) {
        const int offset = zone.mid(1, 2).toInt() * 3600 + zone.mid(4, 2).toInt() * 60;
        secs -= zone.startsWith(QLatin1Char('+')) ? offset : -offset;
    }
    QString frac = m.captured(7);
    frac = frac.leftJustified(9, QLatin1Char('0'));
    return secs * 1000000000LL + frac.toLongLong();
}

quint64 jsonIndex(const QJsonValue &v)
{
    // Indexes are integers below 2^53 in any real store; QJsonValue holds doubles.
    return quint64(v.toDouble());
}

// Builds the node for one store.Save() node object (and, iteratively, its subtree).
bool buildTree(const QJsonObject &rootObj, std::unique_ptr<store::Node> *out, QString *problem)
{
    struct Pending
    {
        QJsonObject obj;
        store::Node *parent;
    };
    std::vector<Pending> todo{{rootObj, nullptr}};
    while (!todo.empty()) {
        Pending p = std::move(todo.back());
        todo.pop_back();
        const QString path = p.obj.value(QLatin1String("Path")).toString();
        const QJsonValue children = p.obj.value(QLatin1String("Children"));
        const bool dir = children.isObject();
        const std::optional<qint64> exp =
            parseGoTime(p.obj.value(QLatin1String("ExpireTime")).toString());
        if (!exp) {
            *problem = QStringLiteral("node %1: unreadable ExpireTime").arg(path);
            return false;
        }
        const QString name = p.parent ? path.section(QLatin1Char('/'), -1) : QString();
        if (p.parent && (name.isEmpty() || p.parent->children.count(name))) {
            *problem = QStringLiteral("node %1: bad or duplicate name").arg(path);
            return false;
        }
        auto node = std::make_unique<store::Node>(
            name, p.parent, dir, jsonIndex(p.obj.value(QLatin1String("CreatedIndex"))),
            p.parent ? *exp : 0);
        node->modifiedIndex = jsonIndex(p.obj.value(QLatin1String("ModifiedIndex")));
        store::Node *raw = node.get();
        if (!dir)
            raw->setValue(p.obj.value(QLatin1String("Value")).toString());
        if (p.parent)
            p.parent->adopt(std::move(node));
        else
            *out = std::move(node);
        if (dir) {
            const QJsonObject kids = children.toObject();
            for (auto it = kids.begin(); it != kids.end(); ++it) {
                if (!it.value().isObject()) {
                    *problem =
                        QStringLiteral("node %1: child %2 is not an object").arg(path, it.key());
                    return false;
                }
                todo.push_back({it.value().toObject(), raw});
            }
        }
    }
    return true;
}

std::optional<store::NodeValue> nodeExtern(const QJsonObject &o)
{
    store::NodeValue v;
    v.key = o.value(QLatin1String("key")).toString();
    if (!v.key.startsWith(QLatin1Char('/')))
        return std::nullopt;
    if (o.contains(QLatin1String("value")))
        v.value = o.value(QLatin1String("value")).toString().toUtf8();
    v.dir = o.value(QLatin1String("dir")).toBool();
    if (o.contains(QLatin1String("expiration"))) {
        const auto exp = parseGoTime(o.value(QLatin1String("expiration")).toString());
        if (!exp)
            return std::nullopt;
        v.expirationNs = *exp;
    }
    v.ttl = qint64(o.value(QLatin1String("ttl")).toDouble());
    v.modifiedIndex = jsonIndex(o.value(QLatin1String("modifiedIndex")));
    v.createdIndex = jsonIndex(o.value(QLatin1String("createdIndex")));
    return v;
}

// etcd's event history as store.Save() writes it (WatcherHub.EventHistory.Queue: a ring of
// Capacity slots, Size events from Front), oldest first. nullopt if it cannot be read or its
// indexes are not consecutive (then no history is carried over).
std::optional<QList<store::Event>> eventHistory(const QJsonObject &top)
{
    const QJsonObject queue = top.value(QLatin1String("WatcherHub"))
                                  .toObject()
                                  .value(QLatin1String("EventHistory"))
                                  .toObject()
                                  .value(QLatin1String("Queue"))
                                  .toObject();
    const QJsonArray ring = queue.value(QLatin1String("Events")).toArray();
    const int size = queue.value(QLatin1String("Size")).toInt();
    const int front = queue.value(QLatin1String("Front")).toInt();
    QList<store::Event> out;
    if (size <= 0 || ring.isEmpty())
        return out;
    static const QHash<QString, store::Action> actions = {
        {QStringLiteral("create"), store::Action::Create},
        {QStringLiteral("set"), store::Action::Set},
        {QStringLiteral("update"), store::Action::Update},
        {QStringLiteral("delete"), store::Action::Delete},
        {QStringLiteral("compareAndSwap"), store::Action::CompareAndSwap},
        {QStringLiteral("compareAndDelete"), store::Action::CompareAndDelete},
        {QStringLiteral("expire"), store::Action::Expire}};
    for (int i = 0; i < size; ++i) {
        const QJsonObject e = ring.at((front + i) % ring.size()).toObject();
        const auto action = actions.constFind(e.value(QLatin1String("action")).toString());
        const auto node = nodeExtern(e.value(QLatin1String("node")).toObject());
        if (action == actions.constEnd() || !node)
            return std::nullopt;
        store::Event ev;
        ev.action = *action;
        ev.node = *node;
        ev.etcdIndex = node->modifiedIndex;
        ev.refresh = e.value(QLatin1String("refresh")).toBool();
        if (e.value(QLatin1String("prevNode")).isObject()) {
            ev.prevNode = nodeExtern(e.value(QLatin1String("prevNode")).toObject());
            if (!ev.prevNode)
                return std::nullopt;
        }
        if (!out.isEmpty() && out.last().index() + 1 != ev.index())
            return std::nullopt;
        out.append(ev);
    }
    return out;
}

QString idHex(quint64 id)
{
    return QString::number(id, 16); // types.ID.String()
}

} // namespace

bool EtcdV2Replay::load(const QByteArray &json, const QString &file, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &pe);
    if (doc.isNull() || !doc.isObject()) {
        *error = tr("%1: the snapshot's data is not a v2 store image (JSON error at byte %2 of "
                    "the data: %3)")
                     .arg(file)
                     .arg(pe.offset)
                     .arg(pe.errorString());
        return false;
    }
    const QJsonObject top = doc.object();
    if (!top.value(QLatin1String("Root")).isObject() ||
        !top.value(QLatin1String("CurrentIndex")).isDouble()) {
        *error = tr("%1: the snapshot's data has no Root and CurrentIndex (not a v2 store image)")
                     .arg(file);
        return false;
    }
    std::unique_ptr<store::Node> root;
    QString problem;
    if (!buildTree(top.value(QLatin1String("Root")).toObject(), &root, &problem) || !root->dir) {
        *error = tr("%1: the v2 store image cannot be read: %2").arg(file, problem);
        return false;
    }
    const quint64 index = jsonIndex(top.value(QLatin1String("CurrentIndex")));
    std::optional<QList<store::Event>> history = eventHistory(top);
    if (!history || (!history->isEmpty() && history->last().index() != index)) {
        m_notes.append(tr("%1: the v2 event history could not be read; it starts after the "
                          "snapshot instead")
                           .arg(file));
        history = QList<store::Event>();
    }
    const QByteArray image =
        store::StoreSnapshot::encode(*root, index, store::StoreStats{}, *history);
    if (!m_store.recover(image)) {
        *error = tr("%1: the v2 store image was refused by qetcd's store").arg(file);
        return false;
    }
    return true;
}

bool EtcdV2Replay::exists(const QString &path) const
{
    return m_store.read(path, false, false, 0).ok();
}

void EtcdV2Replay::write(const store::Command &cmd)
{
    ++m_counts.v2Writes;
    if (!m_store.apply(cmd).ok())
        ++m_counts.v2Failed;
}

bool EtcdV2Replay::applyRequest(const Request &r)
{
    const QString method = QString::fromStdString(r.method());
    store::Command c;
    c.path = QString::fromStdString(r.path());
    c.value = QString::fromStdString(r.val());
    c.dir = r.dir();
    c.prevValue = QString::fromStdString(r.prevvalue());
    c.prevIndex = r.previndex();
    c.expirationNs = r.expiration();
    c.timeNs = r.time();
    c.recursive = r.recursive();
    const bool compare = r.previndex() > 0 || !r.prevvalue().empty();
    const std::optional<bool> prevExist =
        r.has_prevexist() ? std::optional<bool>(r.prevexist()) : std::nullopt;
    if (method == QLatin1String("POST")) {
        c.op = store::WriteOp::of(store::WriteOp::Method::Post, prevExist, compare);
        c.unique = true;
    } else if (method == QLatin1String("PUT")) {
        c.refresh = r.refresh();
        c.op = store::WriteOp::of(store::WriteOp::Method::Put, prevExist, compare);
        if (c.op == store::Command::Op::Set) {
            static const QRegularExpression attributes(
                QStringLiteral("^/0/members/([0-9a-fA-F]{1,16})/attributes$"));
            const QRegularExpressionMatch m = attributes.match(c.path);
            // etcd's RaftCluster.UpdateAttributes skips a removed member.
            if (m.hasMatch() && exists(kRemoved + m.captured(1)))
                return true;
        }
    } else if (method == QLatin1String("DELETE")) {
        c.op = store::WriteOp::of(store::WriteOp::Method::Delete, prevExist, compare);
    } else if (method == QLatin1String("SYNC")) {
        ++m_counts.syncs;
        c.op = store::Command::Op::Expire;
        m_store.apply(c);
        return true;
    } else if (method == QLatin1String("QGET") || method == QLatin1String("GET") ||
               method == QLatin1String("HEAD")) {
        ++m_counts.v2Reads;
        return true;
    } else {
        ++m_counts.unknownMethods; // etcd answers ErrUnknownMethod and changes nothing
        return true;
    }
    if (c.op == store::Command::Op::Create || c.op == store::Command::Op::Set)
        c.refresh = c.op == store::Command::Op::Set && c.refresh;
    write(c);
    return true;
}

void EtcdV2Replay::applyConfChange(const QByteArray &data, QString *error, bool *ok)
{
    ConfChange cc;
    if (!cc.ParseFromArray(data.constData(), int(data.size()))) {
        *error = tr("undecodable raftpb.ConfChange");
        *ok = false;
        return;
    }
    ++m_counts.confChanges;
    const QString id = idHex(cc.nodeid());
    const QJsonObject ctx =
        QJsonDocument::fromJson(QByteArray::fromStdString(cc.context())).object();
    QJsonObject raftAttrs{{QStringLiteral("peerURLs"), ctx.value(QLatin1String("peerURLs"))}};
    if (ctx.value(QLatin1String("isLearner")).toBool())
        raftAttrs.insert(QStringLiteral("isLearner"), true);
    const QString attrsJson =
        QString::fromUtf8(QJsonDocument(raftAttrs).toJson(QJsonDocument::Compact));
    const bool present = exists(kMembers + id);
    const bool removed = exists(kRemoved + id);
    store::Command c;
    switch (cc.type()) {
    case 0:   // AddNode
    case 3: { // AddLearnerNode
        if (ctx.value(QLatin1String("isPromote")).toBool()) {
            if (!present)
                return;
            c.op = store::Command::Op::Update;
            c.path = kMembers + id + QStringLiteral("/raftAttributes");
            raftAttrs.remove(QStringLiteral("isLearner"));
            c.value = QString::fromUtf8(QJsonDocument(raftAttrs).toJson(QJsonDocument::Compact));
            m_store.apply(c);
            return;
        }
        if (present || removed)
            return; // ErrIDExists / ErrIDRemoved: etcd applies nothing
        c.op = store::Command::Op::Create;
        c.path = kMembers + id + QStringLiteral("/raftAttributes");
        c.value = attrsJson;
        m_store.apply(c);
        return;
    }
    case 1: // RemoveNode
        if (!present)
            return;
        c.op = store::Command::Op::Delete;
        c.path = kMembers + id;
        c.dir = c.recursive = true;
        m_store.apply(c);
        c = store::Command{};
        c.op = store::Command::Op::Create;
        c.path = kRemoved + id;
        m_store.apply(c);
        return;
    case 2: // UpdateNode
        if (!present)
            return;
        c.op = store::Command::Op::Update;
        c.path = kMembers + id + QStringLiteral("/raftAttributes");
        c.value = attrsJson;
        m_store.apply(c);
        return;
    default:
        *error = tr("unknown ConfChange type %1").arg(cc.type());
        *ok = false;
    }
}

bool EtcdV2Replay::apply(const EtcdEntry &e, QString *error)
{
    const QString at =
        QStringLiteral("%1: offset %2: entry %3: ").arg(e.file).arg(e.offset).arg(e.index);
    if (e.type == 1) {
        bool ok = true;
        QString problem;
        applyConfChange(e.data, &problem, &ok);
        if (!ok)
            *error = at + problem;
        return ok;
    }
    if (e.type == 2) {
        // ConfChangeV2 (etcd 3.5 joint consensus; etcd itself never proposes one through
        // its v2 paths): no v2 store write.
        ++m_counts.confChanges;
        return true;
    }
    if (e.type != 0) {
        *error = at + tr("unknown entry type %1").arg(e.type);
        return false;
    }
    if (e.data.isEmpty()) {
        ++m_counts.emptyEntries;
        return true;
    }
    // etcd 2.x wrote a bare Request, 3.x an InternalRaftRequest. A 3.x entry read as a
    // Request has its v2 field (a message) where Method is, never one of the method names,
    // so a Request with a known method is a 2.x entry.
    static const QStringList kMethods = {QStringLiteral("PUT"),    QStringLiteral("POST"),
                                         QStringLiteral("DELETE"), QStringLiteral("QGET"),
                                         QStringLiteral("SYNC"),   QStringLiteral("GET"),
                                         QStringLiteral("HEAD")};
    Request bare;
    if (bare.ParseFromArray(e.data.constData(), int(e.data.size())) &&
        kMethods.contains(QString::fromStdString(bare.method())))
        return applyRequest(bare);
    InternalRaftRequest irr;
    if (!irr.ParseFromArray(e.data.constData(), int(e.data.size()))) {
        *error = at + tr("undecodable request (neither etcdserverpb.Request nor "
                         "InternalRaftRequest)");
        return false;
    }
    if (irr.has_v2())
        return applyRequest(irr.v2());
    if (irr.has_cluster_version_set()) {
        store::Command c;
        c.path = QStringLiteral("/0/version");
        c.value = QString::fromStdString(irr.cluster_version_set().ver());
        write(c);
        return true;
    }
    if (irr.has_cluster_member_attr_set()) {
        const QString id = idHex(irr.cluster_member_attr_set().member_id());
        if (exists(kMembers + id) || !exists(kRemoved + id)) {
            store::Command c;
            c.path = kMembers + id + QStringLiteral("/attributes");
            write(c);
        }
        return true;
    }
    ++m_counts.v3Requests;
    return true;
}

QByteArray EtcdV2Replay::keysImage() const
{
    std::optional<store::StoreSnapshot::Decoded> all = store::StoreSnapshot::decode(m_store.save());
    Q_ASSERT(all);
    auto root = std::make_unique<store::Node>(QString(), nullptr, true, 0, 0);
    if (store::Node *keys = all->root->child(QStringLiteral("1")); keys && keys->dir) {
        root->createdIndex = keys->createdIndex;
        root->modifiedIndex = keys->modifiedIndex;
        while (!keys->children.empty()) {
            auto it = keys->children.begin();
            std::unique_ptr<store::Node> child = std::move(it->second);
            keys->children.erase(it);
            child->parent = root.get();
            root->adopt(std::move(child));
        }
    }
    // The newest events that all touched /1 (the history must stay consecutive).
    QList<store::Event> history;
    for (auto e = all->history.crbegin(); e != all->history.crend(); ++e) {
        const QString prefix = QStringLiteral("/1/");
        if (!e->node.key.startsWith(prefix) ||
            (e->prevNode && !e->prevNode->key.startsWith(prefix)))
            break;
        store::Event moved = *e;
        moved.node.key = moved.node.key.mid(2);
        if (moved.prevNode)
            moved.prevNode->key = moved.prevNode->key.mid(2);
        history.prepend(moved);
    }
    return store::StoreSnapshot::encode(*root, all->index, all->stats, history);
}

QByteArray EtcdV2Replay::authImage(QStringList *notes) const
{
    const store::StoreResult users = m_store.read(QStringLiteral("/2/users"), true, true, 0);
    const store::StoreResult roles = m_store.read(QStringLiteral("/2/roles"), true, true, 0);
    const store::StoreResult enabled = m_store.read(QStringLiteral("/2/enabled"), false, false, 0);
    if (!users.ok() && !roles.ok() && !enabled.ok())
        return {};
    auth::AuthStore a;
    auto applyOrNote = [&](const auth::AuthCommand &c, const QString &what) {
        const auth::AuthResult r = a.apply(c);
        if (!r.ok())
            notes->append(tr("%1 not imported: %2").arg(what, r.message));
    };
    if (roles.ok()) {
        for (const store::NodeValue &n : roles.event.node.nodes) {
            const QJsonObject o = QJsonDocument::fromJson(n.value.value_or(QByteArray())).object();
            auth::AuthCommand c;
            c.op = auth::AuthCommand::Op::CreateRole;
            c.name = o.value(QLatin1String("role")).toString();
            const QJsonObject kv = o.value(QLatin1String("permissions"))
                                       .toObject()
                                       .value(QLatin1String("kv"))
                                       .toObject();
            auto list = [](const QJsonValue &v) -> std::optional<QStringList> {
                if (!v.isArray())
                    return std::nullopt;
                QStringList l;
                for (const QJsonValue &s : v.toArray())
                    l.append(s.toString());
                return l;
            };
            c.permissions.read = list(kv.value(QLatin1String("read")));
            c.permissions.write = list(kv.value(QLatin1String("write")));
            if (c.name.isEmpty())
                notes->append(tr("role record %1 not understood, skipped").arg(n.key));
            else
                applyOrNote(c, tr("role %1").arg(c.name));
        }
    }
    if (users.ok()) {
        for (const store::NodeValue &n : users.event.node.nodes) {
            const QJsonObject o = QJsonDocument::fromJson(n.value.value_or(QByteArray())).object();
            auth::AuthCommand c;
            c.op = auth::AuthCommand::Op::CreateUser;
            c.name = o.value(QLatin1String("user")).toString();
            c.password = auth::PasswordHash::fromCrypt(
                o.value(QLatin1String("password")).toString().toUtf8());
            QStringList r;
            for (const QJsonValue &s : o.value(QLatin1String("roles")).toArray())
                r.append(s.toString());
            c.roles = r;
            if (c.name.isEmpty())
                notes->append(tr("user record %1 not understood, skipped").arg(n.key));
            else
                applyOrNote(c, tr("user %1").arg(c.name));
        }
    }
    if (enabled.ok() && enabled.event.node.value.value_or(QByteArray()) == "true") {
        auth::AuthCommand c;
        c.op = auth::AuthCommand::Op::EnableAuth;
        applyOrNote(c, tr("the enabled flag"));
    }
    return a.save();
}

} // namespace etcdimport
