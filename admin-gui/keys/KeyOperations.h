// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "keys/OperationResult.h"

#include <QCoreApplication>
#include <QObject>
#include <QPointer>

#include <functional>
#include <optional>

namespace client {
class Client;
class Error;
class Node;
class Reply;
} // namespace client

namespace admin {

class ClusterConnection;
class KeyTreeModel;

// The writes the key browser offers, each one client call: create a key, a
// directory or an in-order key; save a value with compare-and-swap on the
// modifiedIndex the user started from (so a concurrent change is reported,
// never overwritten); set or remove a TTL; delete (recursively for
// directories).
//
// Every successful write is applied to the KeyTreeModel at once (the
// response is an event of its own) so the tree does not wait for the watch,
// and hidden keys, which recursive watches never report, stay current too.
// Each call ends with `done(result)` and with finished(result) for anyone
// else listening (the page's message banner).
//
// Does not own the connection or the model. GUI thread only.
class KeyOperations : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const OperationResult &)>;
    // The node, or nullopt with the error (KeyNotFound: it does not exist).
    using FetchCallback =
        std::function<void(const std::optional<client::Node> &, const client::Error &)>;

    KeyOperations(ClusterConnection *connection, KeyTreeModel *model, QObject *parent = nullptr);

    void createKey(const QString &key, const QString &value, qint64 ttl, Callback done = {});
    void createDirectory(const QString &key, qint64 ttl, Callback done = {});
    void createInOrder(const QString &dir, const QString &value, qint64 ttl, Callback done = {});
    // Compare-and-swap against `expectedIndex` (0: unconditional set). A
    // set without ttl makes a key permanent, so the caller passes the
    // seconds the key has left to keep it expiring (0: no TTL).
    void saveValue(const QString &key, const QString &value, quint64 expectedIndex, qint64 ttl,
                   Callback done = {});
    // ttl 0 removes the TTL. For keys the current value is written back with
    // compare-and-swap on `expectedIndex`; directories have no value to guard.
    void setTtl(const QString &key, bool dir, const QString &value, quint64 expectedIndex,
                qint64 ttl, Callback done = {});
    // Compare-and-delete when `expectedIndex` is not 0: a key changed since
    // it was shown is not deleted. Keys only: the v2 API refuses prevIndex
    // on directories (etcd's "Not a file"), so a directory is deleted as is.
    void remove(const QString &key, bool dir, bool recursive, Callback done = {},
                quint64 expectedIndex = 0);
    // Reads one node as it is on the server now (not recursive).
    void fetch(const QString &key, FetchCallback done);

    // What a delete of `key` removes, from a recursive listing: the keys
    // and directories below it (the server never lists hidden '_' names).
    struct Count
    {
        qsizetype keys = 0;
        qsizetype dirs = 0;
        quint64 modifiedIndex = 0; // of the node itself
    };
    using CountCallback = std::function<void(const Count &, const client::Error &)>;
    void countBelow(const QString &key, CountCallback done);
    // The confirmation question for deleting `key` with `count` below it.
    static QString deleteQuestion(const QString &key, bool dir, const Count &count);

signals:
    void finished(const OperationResult &result);

private:
    client::Client *requireClient(const Callback &done);
    void run(client::Reply *reply, const QString &key, const QString &successText,
             const QString &failureText, Callback done);

    QPointer<ClusterConnection> m_connection;
    QPointer<KeyTreeModel> m_model;
};

} // namespace admin
