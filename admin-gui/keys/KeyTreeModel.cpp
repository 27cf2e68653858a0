// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/KeyTreeModel.h"

#include "app/AdminLog.h"
#include "client/Client.h"
#include "connection/ClusterConnection.h"
#include "connection/EndpointRequests.h"

#include <QApplication>
#include <QColor>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QPromise>
#include <QStyle>
#include <QThreadPool>

#include <algorithm>

namespace admin {

// What the worker thread hands back: the children of one listing, parsed
// and sorted, not yet attached to the tree.
struct KeyTreeModel::Listing
{
    client::Error error;
    std::vector<std::unique_ptr<KeyTreeItem>> items;
};

std::shared_ptr<KeyTreeModel::Listing> KeyTreeModel::parseListing(const QByteArray &body)
{
    auto listing = std::make_shared<KeyTreeModel::Listing>();
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        listing->error =
            client::Error::make(client::Error::Kind::Protocol,
                                QStringLiteral("malformed listing: %1").arg(pe.errorString()));
        return listing;
    }
    // Child by child rather than client::Response::parse(): that would hold
    // a second copy of 100,000 nodes before the items exist.
    const QJsonArray children = doc.object()
                                    .value(QLatin1String("node"))
                                    .toObject()
                                    .value(QLatin1String("nodes"))
                                    .toArray();
    listing->items.reserve(size_t(children.size()));
    for (const QJsonValue &child : children) {
        auto item = std::make_unique<KeyTreeItem>();
        item->assign(client::Node::fromJson(child.toObject()));
        listing->items.push_back(std::move(item));
    }
    std::sort(listing->items.begin(), listing->items.end(),
              [](const auto &a, const auto &b) { return a->name < b->name; });
    return listing;
}

namespace {

QString parentKey(const QString &key)
{
    const qsizetype slash = key.lastIndexOf(QLatin1Char('/'));
    return slash <= 0 ? QStringLiteral("/") : key.left(slash);
}

bool isRemoval(const QString &action)
{
    return action == QLatin1String("delete") || action == QLatin1String("expire") ||
           action == QLatin1String("compareAndDelete");
}

// The item for a node an event created: a new directory is empty, so there
// is nothing to list.
std::unique_ptr<KeyTreeItem> itemCreatedBy(const client::Node &node, quint64 index)
{
    auto item = std::make_unique<KeyTreeItem>();
    item->assign(node);
    if (item->dir) {
        item->state = KeyTreeItem::LoadState::Loaded;
        item->loadedIndex = index;
    }
    return item;
}

QString preview(const QString &value)
{
    constexpr int kMax = 200;
    QString line = value.section(QLatin1Char('\n'), 0, 0);
    if (line.size() > kMax)
        line = line.left(kMax) + QChar(0x2026);
    else if (line.size() < value.size())
        line += QChar(0x2026);
    return line;
}

} // namespace

KeyTreeModel::KeyTreeModel(QObject *parent) : QAbstractItemModel(parent)
{
    m_batchTimer.setSingleShot(true);
    m_batchTimer.setInterval(0);
    connect(&m_batchTimer, &QTimer::timeout, this, &KeyTreeModel::insertBatches);
    if (QStyle *style = QApplication::style()) {
        m_dirIcon = style->standardIcon(QStyle::SP_DirIcon);
        m_keyIcon = style->standardIcon(QStyle::SP_FileIcon);
    }
}

KeyTreeModel::~KeyTreeModel() = default;

void KeyTreeModel::setConnection(ClusterConnection *connection)
{
    m_connection = connection;
}

void KeyTreeModel::clear()
{
    beginResetModel();
    ++m_generation;
    m_loads.clear();
    m_batchTimer.stop();
    m_root.reset();
    m_revealTarget.clear();
    endResetModel();
}

void KeyTreeModel::reload()
{
    beginResetModel();
    ++m_generation;
    m_loads.clear();
    m_batchTimer.stop();
    m_root = std::make_unique<KeyTreeItem>();
    m_root->key = QStringLiteral("/");
    m_root->dir = true;
    m_revealTarget.clear();
    endResetModel();
    startLoad(m_root.get());
}

bool KeyTreeModel::isRootLoaded() const
{
    return m_root && m_root->state == KeyTreeItem::LoadState::Loaded;
}

// --- QAbstractItemModel ------------------------------------------------------------

KeyTreeItem *KeyTreeModel::itemAt(const QModelIndex &index) const
{
    if (!index.isValid())
        return m_root.get();
    return static_cast<KeyTreeItem *>(index.internalPointer());
}

QModelIndex KeyTreeModel::indexOf(const KeyTreeItem *item, int column) const
{
    if (!item || item == m_root.get())
        return QModelIndex();
    return createIndex(item->row(), column, const_cast<KeyTreeItem *>(item));
}

QModelIndex KeyTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || parent.column() > 0)
        return QModelIndex();
    const KeyTreeItem *p = itemAt(parent);
    if (!p || row >= int(p->children.size()))
        return QModelIndex();
    return createIndex(row, column, p->children[size_t(row)].get());
}

QModelIndex KeyTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    const KeyTreeItem *item = itemAt(child);
    return indexOf(item->parent);
}

int KeyTreeModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return 0;
    const KeyTreeItem *p = itemAt(parent);
    return p ? int(p->children.size()) : 0;
}

int KeyTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

bool KeyTreeModel::hasChildren(const QModelIndex &parent) const
{
    if (parent.column() > 0)
        return false;
    const KeyTreeItem *p = itemAt(parent);
    if (!p || !p->dir)
        return false;
    return p->state != KeyTreeItem::LoadState::Loaded || !p->children.empty();
}

bool KeyTreeModel::canFetchMore(const QModelIndex &parent) const
{
    if (parent.column() > 0 || !m_connection)
        return false;
    const KeyTreeItem *p = itemAt(parent);
    return p && p->dir && p->state == KeyTreeItem::LoadState::NotLoaded;
}

void KeyTreeModel::fetchMore(const QModelIndex &parent)
{
    if (canFetchMore(parent))
        startLoad(itemAt(parent));
}

void KeyTreeModel::retryLoad(const QModelIndex &index)
{
    KeyTreeItem *item = itemAt(index);
    if (item && item->dir && item->state == KeyTreeItem::LoadState::Failed)
        startLoad(item);
}

Qt::ItemFlags KeyTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags f = Qt::ItemIsSelectable | Qt::ItemIsEnabled;
    if (!itemAt(index)->dir)
        f |= Qt::ItemNeverHasChildren;
    return f;
}

QVariant KeyTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    const KeyTreeItem *item = itemAt(index);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case NameColumn:
            return item->name;
        case ValueColumn:
            return item->dir ? QString() : preview(item->value);
        case ModifiedColumn:
            return QVariant::fromValue<qulonglong>(item->modifiedIndex);
        }
        return QVariant();
    case Qt::DecorationRole:
        if (index.column() == NameColumn)
            return item->dir ? m_dirIcon : m_keyIcon;
        return QVariant();
    case Qt::ForegroundRole:
        if (item->hidden)
            return QColor(Qt::gray);
        return QVariant();
    case Qt::ToolTipRole:
        if (index.column() == NameColumn)
            return item->key;
        if (index.column() == ValueColumn && !item->dir)
            return item->value.left(2000);
        return QVariant();
    case Qt::TextAlignmentRole:
        if (index.column() == ModifiedColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case KeyRole:
        return item->key;
    case IsDirRole:
        return item->dir;
    case IsHiddenRole:
        return item->hidden;
    case ValueRole:
        return item->value;
    case CreatedIndexRole:
        return QVariant::fromValue<qulonglong>(item->createdIndex);
    case ModifiedIndexRole:
        return QVariant::fromValue<qulonglong>(item->modifiedIndex);
    case ExpirationRole:
        return item->expiration;
    case TtlRole:
        return QVariant::fromValue<qlonglong>(item->ttl);
    case LoadStateRole:
        return int(item->state);
    }
    return QVariant();
}

QVariant KeyTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case NameColumn:
        return tr("Key");
    case ValueColumn:
        return tr("Value");
    case ModifiedColumn:
        return tr("Modified");
    }
    return QVariant();
}

// --- lookups ------------------------------------------------------------------------

KeyTreeItem *KeyTreeModel::find(const QString &key) const
{
    KeyTreeItem *item = m_root.get();
    const QStringList segments = key.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    for (const QString &s : segments) {
        if (!item)
            return nullptr;
        item = item->child(s);
    }
    return item;
}

QModelIndex KeyTreeModel::indexForKey(const QString &key) const
{
    const KeyTreeItem *item = find(key);
    return item ? indexOf(item) : QModelIndex();
}

std::optional<client::Node> KeyTreeModel::node(const QString &key) const
{
    const KeyTreeItem *item = find(key);
    if (!item)
        return std::nullopt;
    return item->toNode();
}

QString KeyTreeModel::keyAt(const QModelIndex &index) const
{
    const KeyTreeItem *item = itemAt(index);
    return item ? item->key : QString();
}

// --- loading ------------------------------------------------------------------------

void KeyTreeModel::startLoad(KeyTreeItem *dir)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c || !dir)
        return;
    dir->state = KeyTreeItem::LoadState::Loading;
    LoadJob &job = m_loads[dir];
    job = LoadJob();
    job.id = m_nextJobId++;
    const quint64 jobId = job.id;
    const QString key = dir->key;
    const int generation = m_generation;
    qCDebug(lcAdmin) << "listing" << key;
    EndpointRequests::rawListing(c, key)->then(
        this, [this, key, jobId, generation](client::Reply *r) {
            if (generation != m_generation)
                return;
            KeyTreeItem *d = find(key);
            if (!d || !m_loads.count(d) || m_loads[d].id != jobId)
                return;
            if (m_connection)
                m_connection->observe(r);
            if (r->error()) {
                loadError(d, EndpointRequests::etcdError(r));
                return;
            }
            m_loads[d].etcdIndex = r->rawHeader("X-Etcd-Index").toULongLong();
            // Parsing 100,000 nodes takes a noticeable fraction of a second:
            // do it off the GUI thread.
            auto *watcher = new QFutureWatcher<std::shared_ptr<Listing>>(this);
            connect(watcher, &QFutureWatcher<std::shared_ptr<Listing>>::finished, this,
                    [this, watcher, key, jobId, generation] {
                        watcher->deleteLater();
                        if (generation == m_generation)
                            listingArrived(key, jobId, watcher->result());
                    });
            auto promise = std::make_shared<QPromise<std::shared_ptr<Listing>>>();
            watcher->setFuture(promise->future());
            promise->start();
            QThreadPool::globalInstance()->start([promise, body = r->body()] {
                promise->addResult(parseListing(body));
                promise->finish();
            });
        });
}

void KeyTreeModel::loadError(KeyTreeItem *dir, const client::Error &error)
{
    const QString key = dir->key;
    m_loads.erase(dir);
    if (dir != m_root.get() && error.kind() == client::Error::Kind::Etcd &&
        error.errorCode() == client::Error::KeyNotFound) {
        // Deleted before we got to list it; the watch may not tell us any
        // more (the event can be older than this answer).
        removeChild(dir);
        emit nodeRemoved(key);
    } else {
        dir->state = KeyTreeItem::LoadState::Failed;
        const QModelIndex idx = indexOf(dir);
        if (idx.isValid())
            emit dataChanged(idx, idx);
        emit loadFailed(key, error);
    }
    if (!m_revealTarget.isEmpty()) {
        const QString target = m_revealTarget;
        m_revealTarget.clear();
        emit revealFailed(target, error);
    }
}

void KeyTreeModel::listingArrived(const QString &key, quint64 jobId,
                                  const std::shared_ptr<Listing> &listing)
{
    KeyTreeItem *dir = find(key);
    if (!dir || !m_loads.count(dir) || m_loads[dir].id != jobId)
        return;
    if (listing->error) {
        loadError(dir, listing->error);
        return;
    }
    LoadJob &job = m_loads[dir];
    job.incoming = std::move(listing->items);
    job.parsed = true;
    m_batchTimer.start();
}

void KeyTreeModel::insertBatches()
{
    const int generation = m_generation;
    size_t budget = size_t(m_batchSize);
    std::vector<std::pair<KeyTreeItem *, quint64>> done;
    for (auto &[dir, job] : m_loads) {
        if (!job.parsed)
            continue;
        const size_t n = std::min(job.incoming.size() - job.next, budget);
        if (n > 0) {
            if (job.next == 0 && !dir->children.empty()) {
                // Something was attached meanwhile (cannot happen through
                // events, which are held back); merge one by one.
                for (; job.next < job.incoming.size(); ++job.next) {
                    auto &item = job.incoming[job.next];
                    if (!dir->child(item->name))
                        insertChild(dir, std::move(item));
                }
            } else {
                const int first = int(dir->children.size());
                beginInsertRows(indexOf(dir), first, first + int(n) - 1);
                for (size_t i = 0; i < n; ++i) {
                    auto &item = job.incoming[job.next++];
                    item->parent = dir;
                    dir->children.push_back(std::move(item));
                }
                endInsertRows();
            }
            budget -= std::min(budget, n);
        }
        if (job.next >= job.incoming.size())
            done.emplace_back(dir, job.id);
        if (budget == 0)
            break;
    }
    for (const auto &[dir, id] : done) {
        if (generation != m_generation)
            return;
        auto it = m_loads.find(dir);
        if (it != m_loads.end() && it->second.id == id)
            finishLoad(dir);
    }
    if (generation != m_generation)
        return;
    for (const auto &[dir, job] : m_loads) {
        if (job.parsed) {
            m_batchTimer.start();
            break;
        }
    }
}

void KeyTreeModel::finishLoad(KeyTreeItem *dir)
{
    auto it = m_loads.find(dir);
    LoadJob job = std::move(it->second);
    m_loads.erase(it);
    dir->state = KeyTreeItem::LoadState::Loaded;
    dir->loadedIndex = job.etcdIndex;
    const QString key = dir->key;
    const bool isRoot = dir == m_root.get();
    const QModelIndex idx = indexOf(dir);
    if (idx.isValid())
        emit dataChanged(idx, idx);
    const int generation = m_generation;
    for (const client::Response &event : job.heldBack) {
        if (generation != m_generation)
            return;
        applyNow(event);
    }
    qCDebug(lcAdmin) << "listed" << key << "at index" << job.etcdIndex;
    emit directoryLoaded(key);
    if (isRoot && generation == m_generation)
        emit rootLoaded(job.etcdIndex);
    if (generation == m_generation)
        continueReveal();
}

// --- changes ------------------------------------------------------------------------

void KeyTreeModel::applyEvent(const client::Response &event)
{
    if (!m_root || event.node.key.isEmpty())
        return;
    applyNow(event);
}

void KeyTreeModel::applyNow(const client::Response &event)
{
    const client::Node &node = event.node;
    const quint64 index = node.modifiedIndex;
    const bool removal = isRemoval(event.action);
    const QStringList segments = node.key.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.isEmpty())
        return;
    KeyTreeItem *dir = m_root.get();
    QString path;
    for (int i = 0; i < segments.size(); ++i) {
        switch (dir->state) {
        case KeyTreeItem::LoadState::Loading:
            m_loads[dir].heldBack.push_back(event);
            return;
        case KeyTreeItem::LoadState::NotLoaded:
        case KeyTreeItem::LoadState::Failed:
            return; // its listing, whenever it comes, will be current
        case KeyTreeItem::LoadState::Loaded:
            break;
        }
        path += QLatin1Char('/') + segments[i];
        KeyTreeItem *child = dir->child(segments[i]);
        const bool last = i == segments.size() - 1;
        // A child missing from a listing newer than the event was deleted
        // after it; an existing child is judged by its own modifiedIndex.
        if (!child && index != 0 && index <= dir->loadedIndex)
            return;
        if (last) {
            if (removal) {
                if (child && child->modifiedIndex <= index) {
                    removeChild(child);
                    emit nodeRemoved(path);
                }
                return;
            }
            if (child) {
                if (index != 0 && child->modifiedIndex >= index)
                    return;
                if (child->dir == node.dir) {
                    child->assign(node); // a directory keeps its children
                    emit dataChanged(indexOf(child, 0), indexOf(child, ColumnCount - 1));
                    emit nodeChanged(path);
                    return;
                }
                // A key became a directory or the other way round (only
                // after a deletion we did not see): start it afresh.
                removeChild(child);
            }
            insertChild(dir, itemCreatedBy(node, index));
            emit nodeChanged(path);
            return;
        }
        if (!child) {
            if (removal)
                return;
            // A parent directory the event created implicitly.
            auto item = std::make_unique<KeyTreeItem>();
            item->key = path;
            item->name = segments[i];
            item->hidden = KeyTreeItem::isHiddenName(item->name);
            item->dir = true;
            item->createdIndex = item->modifiedIndex = index;
            item->state = KeyTreeItem::LoadState::Loaded;
            item->loadedIndex = index ? index - 1 : 0;
            child = insertChild(dir, std::move(item));
        } else if (!child->dir) {
            return; // a key where the event sees a directory: a newer event follows
        }
        dir = child;
    }
}

KeyTreeItem *KeyTreeModel::insertChild(KeyTreeItem *parent, std::unique_ptr<KeyTreeItem> item)
{
    const int row = parent->lowerBound(item->name);
    item->parent = parent;
    KeyTreeItem *raw = item.get();
    beginInsertRows(indexOf(parent), row, row);
    parent->children.insert(parent->children.begin() + row, std::move(item));
    endInsertRows();
    return raw;
}

void KeyTreeModel::removeChild(KeyTreeItem *item)
{
    KeyTreeItem *parent = item->parent;
    if (!parent)
        return;
    const int row = item->row();
    forgetLoads(item);
    beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    endRemoveRows();
}

void KeyTreeModel::forgetLoads(KeyTreeItem *subtreeRoot)
{
    if (m_loads.empty())
        return;
    m_loads.erase(subtreeRoot);
    for (const auto &c : subtreeRoot->children) {
        if (c->dir)
            forgetLoads(c.get());
    }
}

// --- reveal -------------------------------------------------------------------------

void KeyTreeModel::revealKey(const QString &key)
{
    if (!m_root)
        return;
    m_revealTarget = key.isEmpty() ? QStringLiteral("/") : key;
    continueReveal();
}

void KeyTreeModel::continueReveal()
{
    if (m_revealTarget.isEmpty() || !m_root)
        return;
    const QString target = m_revealTarget;
    const QStringList segments = target.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    if (segments.isEmpty()) {
        m_revealTarget.clear();
        emit keyRevealed(QStringLiteral("/"));
        return;
    }
    KeyTreeItem *dir = m_root.get();
    QString path;
    for (int i = 0; i < segments.size(); ++i) {
        if (dir->state == KeyTreeItem::LoadState::NotLoaded ||
            dir->state == KeyTreeItem::LoadState::Failed) {
            startLoad(dir);
            return;
        }
        if (dir->state == KeyTreeItem::LoadState::Loading)
            return; // finishLoad() calls us again
        path += QLatin1Char('/') + segments[i];
        KeyTreeItem *child = dir->child(segments[i]);
        if (!child) {
            fetchDirect(path);
            return;
        }
        if (i == segments.size() - 1) {
            m_revealTarget.clear();
            emit keyRevealed(child->key);
            return;
        }
        if (!child->dir) {
            m_revealTarget.clear();
            emit revealFailed(target, client::Error::etcd(client::Error::NotDir,
                                                          QStringLiteral("Not a directory"),
                                                          child->key, 0, 403));
            return;
        }
        dir = child;
    }
}

void KeyTreeModel::fetchDirect(const QString &key)
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c)
        return;
    const int generation = m_generation;
    c->get(key)->then(this, [this, key, generation](client::Reply *r) {
        if (generation != m_generation || m_revealTarget.isEmpty())
            return;
        if (m_connection)
            m_connection->observe(r);
        const QString target = m_revealTarget;
        if (r->error()) {
            m_revealTarget.clear();
            emit revealFailed(target, r->error());
            return;
        }
        const client::Response response = r->keys();
        KeyTreeItem *parent = find(parentKey(key));
        if (!parent || parent->state != KeyTreeItem::LoadState::Loaded) {
            m_revealTarget.clear();
            emit revealFailed(target, client::Error::make(client::Error::Kind::Cancelled,
                                                          QStringLiteral("tree changed")));
            return;
        }
        if (!parent->child(KeyTreeItem::nameOf(key))) {
            auto item = std::make_unique<KeyTreeItem>();
            item->assign(response.node);
            insertChild(parent, std::move(item));
        }
        continueReveal();
    });
}

} // namespace admin
