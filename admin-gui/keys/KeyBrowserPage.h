// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QLineEdit;
class QToolBar;
class QTreeView;
namespace client {
class Error;
class Response;
class Watcher;
} // namespace client

namespace admin {

class ClusterConnection;
class KeyDetailPane;
class KeyFilterProxyModel;
class KeyOperations;
struct OperationResult;
class KeyTreeModel;
class MessageBanner;
class SubtreeTransfer;

// The key browser: a lazily loaded tree of the key space with a filter box,
// a "show hidden keys" switch and a "go to key" box; the detail pane of the
// selected node; and the actions create, delete (with confirmation, and
// recursively for directories), copy path, export and import a subtree.
//
// Keeps itself current: after the root listing it watches "/" recursively
// from the listing's index and feeds every event to the model, so changes
// made elsewhere appear without a refresh. If the server's history no
// longer reaches the watch's index, the tree is listed again.
//
// Owns its models, operations and watcher; does not own the connection.
// GUI thread only.
class KeyBrowserPage : public QWidget
{
    Q_OBJECT
public:
    explicit KeyBrowserPage(ClusterConnection *connection, QWidget *parent = nullptr);
    ~KeyBrowserPage() override;

    KeyTreeModel *model() const { return m_model; }
    KeyFilterProxyModel *proxy() const { return m_proxy; }
    QTreeView *treeView() const { return m_tree; }
    KeyDetailPane *detailPane() const { return m_detail; }
    KeyOperations *operations() const { return m_operations; }
    MessageBanner *banner() const { return m_banner; }
    bool isWatching() const;

    QString currentKey() const;
    bool selectKey(const QString &key);

public slots:
    void newKey();
    void deleteSelected();
    void copyPath();
    void exportSubtree();
    void importSubtree();
    void exportSubtreeTo(const QString &key, const QString &fileName);
    void importSubtreeFrom(const QString &fileName, const QString &targetKey);
    void goToKey(const QString &key);
    void setShowHidden(bool show);
    void refresh();

signals:
    void showHiddenChanged(bool show);

private:
    void connectionOpened();
    void connectionClosing();
    void startWatch(quint64 fromIndex);
    void stopWatch();
    void watchEvent(const client::Response &event);
    void watchHistoryCleared(const client::Error &error);
    void selectionChanged();
    void confirmDelete(const QString &key, bool dir, quint64 shownIndex, const QString &question);
    void reloadKey(const QString &key);
    QString selectedDirectory() const;
    void report(const OperationResult &result);

    QPointer<ClusterConnection> m_connection;
    KeyTreeModel *m_model;
    KeyDetailPane *m_detail = nullptr;
    KeyFilterProxyModel *m_proxy;
    KeyOperations *m_operations;
    SubtreeTransfer *m_transfer;
    QPointer<client::Watcher> m_watcher;
    bool m_watchInterrupted = false;
    bool m_holdPane = false;

    MessageBanner *m_banner;
    QToolBar *m_toolBar;
    QLineEdit *m_filterEdit;
    QLineEdit *m_gotoEdit;
    QCheckBox *m_showHiddenCheck;
    QTreeView *m_tree;
};

} // namespace admin
