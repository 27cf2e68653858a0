// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "latency/ClientLeaderStatsSource.h"

#include "app/AdminLog.h"
#include "client/Client.h"
#include "connection/ClusterConnection.h"
#include "connection/EndpointRequests.h"
#include "connection/ErrorText.h"

namespace admin {

ClientLeaderStatsSource::ClientLeaderStatsSource(ClusterConnection *connection, QObject *parent)
    : LeaderStatsSource(parent), m_connection(connection)
{
    m_timer.setInterval(500);
    connect(&m_timer, &QTimer::timeout, this, &ClientLeaderStatsSource::tick);
    if (connection)
        connect(connection, &ClusterConnection::statusChanged, this,
                &ClientLeaderStatsSource::statusChanged);
}

QString ClientLeaderStatsSource::description() const
{
    if (m_leaderUrl.isEmpty())
        return tr("Looking for the leader…");
    return tr("Live from leader %1 (%2), every %3 ms")
        .arg(m_leaderName.isEmpty() ? m_leaderId : m_leaderName, m_leaderUrl.toString())
        .arg(m_timer.interval());
}

void ClientLeaderStatsSource::start()
{
    if (!m_clock.isValid())
        m_clock.start();
    m_timer.start();
    tick();
}

void ClientLeaderStatsSource::stop()
{
    m_timer.stop();
    ++m_generation;
    m_inFlight = false;
    m_leaderUrl.clear();
    m_leaderId.clear();
    m_leaderName.clear();
}

void ClientLeaderStatsSource::statusChanged(const ClusterStatus &status)
{
    if (!status.leaderId.isEmpty() && !m_leaderId.isEmpty() && status.leaderId != m_leaderId)
        forgetLeader(QString());
}

void ClientLeaderStatsSource::forgetLeader(const QString &why)
{
    m_leaderUrl.clear();
    m_leaderId.clear();
    m_leaderName.clear();
    ++m_generation;
    m_inFlight = false;
    // The status bar asks the cluster too, without waiting for its timer.
    if (m_connection)
        m_connection->refreshLeaderNow();
    if (!why.isEmpty() && why != m_lastFailure) {
        m_lastFailure = why;
        emit failed(why);
    }
}

void ClientLeaderStatsSource::tick()
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c || m_inFlight)
        return;
    if (m_leaderUrl.isEmpty()) {
        discover();
        return;
    }
    if (++m_ticksSinceNames >= 20) {
        m_ticksSinceNames = 0;
        fetchNames();
    }
    m_inFlight = true;
    const int generation = m_generation;
    EndpointRequests::leaderStats(c, m_leaderUrl)->then(this, [this, generation](client::Reply *r) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        if (r->error()) {
            forgetLeader(r->error().httpStatus() == 403
                             ? tr("%1 is no longer the leader; looking for the new one.")
                                   .arg(m_leaderUrl.toString())
                             : ErrorText::describe(r->error()));
            return;
        }
        const QJsonObject stats = r->json();
        const QString leader = stats.value(QLatin1String("leader")).toString();
        if (!leader.isEmpty() && leader != m_leaderId) {
            m_leaderId = leader;
            emit leaderChanged(m_leaderId, m_leaderName, m_leaderUrl);
        }
        m_lastFailure.clear();
        emit statsReceived(m_clock.elapsed(), stats);
    });
}

void ClientLeaderStatsSource::discover()
{
    client::Client *c = m_connection->client();
    m_inFlight = true;
    const int generation = m_generation;
    c->leader()->then(this, [this, generation](client::Reply *r) {
        if (generation != m_generation)
            return;
        m_inFlight = false;
        if (r->error()) {
            const QString why =
                tr("Cannot find the leader: %1").arg(ErrorText::describe(r->error()));
            if (why != m_lastFailure) {
                m_lastFailure = why;
                emit failed(why);
            }
            return;
        }
        const client::Member leader = r->member();
        if (leader.clientUrls.isEmpty()) {
            emit failed(tr("The leader %1 publishes no client URL.").arg(leader.id));
            return;
        }
        m_leaderId = leader.id;
        m_leaderName = leader.name;
        m_leaderUrl = QUrl(leader.clientUrls.first());
        qCDebug(lcAdmin) << "latency: leader is" << m_leaderName << m_leaderUrl;
        if (m_connection && m_connection->status().leaderId != m_leaderId)
            m_connection->refreshLeaderNow();
        emit leaderChanged(m_leaderId, m_leaderName, m_leaderUrl);
        fetchNames();
        tick();
    });
}

void ClientLeaderStatsSource::fetchNames()
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c)
        return;
    c->listMembers()->then(this, [this](client::Reply *r) {
        if (r->error())
            return;
        QHash<QString, QString> names;
        for (const client::Member &m : r->members())
            names.insert(m.id, m.name);
        emit memberNamesChanged(names);
    });
}

} // namespace admin
