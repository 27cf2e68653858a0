// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "GuiTestCluster.h"

#include <QSignalSpy>
#include <QTest>

GuiTestCluster::GuiTestCluster() : m_daemon(QStringLiteral("infra0")) {}

GuiTestCluster::~GuiTestCluster()
{
    m_connection.reset();
    m_other.reset();
}

admin::ConnectionProfile GuiTestCluster::profile() const
{
    admin::ConnectionProfile p;
    p.name = QStringLiteral("test");
    p.endpoints = {m_daemon.clientUrl().toString()};
    return p;
}

bool GuiTestCluster::start()
{
    if (!m_daemon.start())
        return false;
    client::ClientConfig config;
    config.endpoints = {m_daemon.clientUrl()};
    m_other = std::make_unique<client::Client>(config);
    m_connection = std::make_unique<admin::ClusterConnection>();
    QSignalSpy opened(m_connection.get(), &admin::ClusterConnection::opened);
    m_connection->open(profile());
    return opened.wait(10000) || opened.count() > 0;
}

client::Reply *GuiTestCluster::wait(client::Reply *reply)
{
    (void)QTest::qWaitFor([reply] { return reply->isFinished(); }, 10000);
    return reply;
}

bool GuiTestCluster::set(const QString &key, const QString &value, qint64 ttl)
{
    client::SetOptions o;
    o.ttl = ttl;
    client::Reply *r = wait(m_other->set(key, value, o));
    const bool ok = r->isFinished() && !r->error();
    r->deleteLater();
    return ok;
}

bool GuiTestCluster::mkdir(const QString &key)
{
    client::Reply *r = wait(m_other->setDir(key));
    const bool ok = r->isFinished() && !r->error();
    r->deleteLater();
    return ok;
}

bool GuiTestCluster::remove(const QString &key, bool recursive)
{
    client::DeleteOptions o;
    o.recursive = recursive;
    o.dir = recursive;
    client::Reply *r = wait(m_other->remove(key, o));
    const bool ok = r->isFinished() && !r->error();
    r->deleteLater();
    return ok;
}

std::optional<client::Node> GuiTestCluster::get(const QString &key)
{
    client::Reply *r = wait(m_other->get(key));
    std::optional<client::Node> node;
    if (r->isFinished() && !r->error())
        node = r->keys().node;
    r->deleteLater();
    return node;
}

QJsonObject GuiTestCluster::storeStats()
{
    client::Reply *r = wait(m_other->storeStats());
    const QJsonObject o = r->isFinished() && !r->error() ? r->json() : QJsonObject();
    r->deleteLater();
    return o;
}
