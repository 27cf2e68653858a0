// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Error.h"
#include "client/Node.h"
#include "client/Response.h"
#include "keys/KeyTreeItem.h"

#include <QAbstractItemModel>
#include <QIcon>
#include <QPointer>
#include <QTimer>

#include <map>
#include <memory>
#include <optional>
#include <vector>

namespace admin {

class ClusterConnection;

// The key space as a lazily loaded tree for QTreeView.
//
// Lazy: a directory is listed (one non-recursive GET) only when the view
// asks canFetchMore()/fetchMore() for it, i.e. when the user expands it.
// Incremental: the listing's JSON is parsed and sorted on a worker thread,
// then its rows are inserted batchSize() at a time, one batch per turn of
// the event loop, so a directory of 100,000 keys paints its first rows
// after the first batch and the UI keeps answering while the rest arrives.
//
// Live: applyEvent() takes watch events (and the results of the app's own
// writes) and inserts, updates or removes rows. Each listing remembers its
// X-Etcd-Index; events no newer than the listing of their directory, or
// than the node they touch, are skipped, and events for a directory whose
// listing is still on its way are held back and replayed after it, so
// every event is applied at most once and in order.
//
// Hidden keys (names starting with '_') are never listed by the server;
// revealKey() fetches one directly and adds it, marked IsHiddenRole.
// KeyFilterProxyModel decides whether they are shown.
//
// Owns its items. Talks to the cluster through the ClusterConnection it is
// given (not owned). GUI thread only, apart from the listing parser.
class KeyTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, ModifiedColumn, ColumnCount };
    enum Role {
        KeyRole = Qt::UserRole + 1,
        IsDirRole,
        IsHiddenRole,
        ValueRole,
        CreatedIndexRole,
        ModifiedIndexRole,
        ExpirationRole,
        TtlRole,
        LoadStateRole,
    };

    explicit KeyTreeModel(QObject *parent = nullptr);
    ~KeyTreeModel() override;

    void setConnection(ClusterConnection *connection);
    // Forgets everything and lists the root again.
    void reload();
    // Drops every item (e.g. when the connection closes).
    void clear();

    int batchSize() const { return m_batchSize; }
    void setBatchSize(int rows) { m_batchSize = qMax(1, rows); }
    bool isLoading() const { return !m_loads.empty(); }
    bool isRootLoaded() const;

    // QAbstractItemModel
    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    bool hasChildren(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    QModelIndex indexForKey(const QString &key) const;
    std::optional<client::Node> node(const QString &key) const;
    QString keyAt(const QModelIndex &index) const;

    // A watch event, or the response of a write made by this app.
    void applyEvent(const client::Response &event);
    // Makes `key` part of the tree: lists its ancestors and, if the server
    // does not list it (hidden keys), fetches it directly. Ends with
    // keyRevealed() or revealFailed().
    void revealKey(const QString &key);
    // Lists a directory again whose listing failed.
    void retryLoad(const QModelIndex &index);

signals:
    void rootLoaded(quint64 etcdIndex);
    void directoryLoaded(const QString &key);
    void loadFailed(const QString &key, const client::Error &error);
    void nodeChanged(const QString &key);
    // `key` and everything below it left the tree.
    void nodeRemoved(const QString &key);
    void keyRevealed(const QString &key);
    void revealFailed(const QString &key, const client::Error &error);

private:
    struct Listing;
    // Runs on a worker thread: parses a listing and sorts its children.
    static std::shared_ptr<Listing> parseListing(const QByteArray &body);
    struct LoadJob
    {
        quint64 id = 0;
        quint64 etcdIndex = 0;
        std::vector<std::unique_ptr<KeyTreeItem>> incoming;
        size_t next = 0;
        bool parsed = false;
        std::vector<client::Response> heldBack;
    };

    KeyTreeItem *itemAt(const QModelIndex &index) const;
    KeyTreeItem *find(const QString &key) const;
    QModelIndex indexOf(const KeyTreeItem *item, int column = 0) const;
    void startLoad(KeyTreeItem *dir);
    void listingArrived(const QString &key, quint64 jobId, const std::shared_ptr<Listing> &l);
    void loadError(KeyTreeItem *dir, const client::Error &error);
    void insertBatches();
    void finishLoad(KeyTreeItem *dir);
    void applyNow(const client::Response &event);
    KeyTreeItem *insertChild(KeyTreeItem *parent, std::unique_ptr<KeyTreeItem> item);
    void removeChild(KeyTreeItem *item);
    void forgetLoads(KeyTreeItem *subtreeRoot);
    void continueReveal();
    void fetchDirect(const QString &key);

    QPointer<ClusterConnection> m_connection;
    std::unique_ptr<KeyTreeItem> m_root;
    std::map<KeyTreeItem *, LoadJob> m_loads;
    QTimer m_batchTimer;
    int m_batchSize = 2000;
    int m_generation = 0;
    quint64 m_nextJobId = 1;
    QString m_revealTarget;
    QIcon m_dirIcon;
    QIcon m_keyIcon;
};

} // namespace admin
