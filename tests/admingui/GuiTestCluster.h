// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "DaemonProcess.h"
#include "client/Client.h"
#include "connection/ClusterConnection.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

// What every GUI test against a real member needs: one qetcd member
// (DaemonProcess), a ClusterConnection of the app opened on it, and a second,
// independent client ("another administrator") to make changes behind the
// GUI's back and to check what reached the server. The helpers wait for
// replies synchronously (QTest::qWaitFor), which is fine in tests only.
// Test thread only.
class GuiTestCluster
{
public:
    GuiTestCluster();
    ~GuiTestCluster();

    // Starts the member and opens the connection; false if either failed.
    bool start();
    DaemonProcess &daemon() { return m_daemon; }
    admin::ClusterConnection *connection() { return m_connection.get(); }
    client::Client *other() { return m_other.get(); }
    admin::ConnectionProfile profile() const;

    // Synchronous calls through the other client.
    bool set(const QString &key, const QString &value, qint64 ttl = 0);
    bool mkdir(const QString &key);
    bool remove(const QString &key, bool recursive = false);
    std::optional<client::Node> get(const QString &key);
    QJsonObject storeStats();
    // Waits for a reply of the other client; returns it (owned by the client).
    client::Reply *wait(client::Reply *reply);

private:
    DaemonProcess m_daemon;
    std::unique_ptr<admin::ClusterConnection> m_connection;
    std::unique_ptr<client::Client> m_other;
};
