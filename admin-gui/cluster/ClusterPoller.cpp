// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "cluster/ClusterPoller.h"

#include "client/Client.h"
#include "cluster/MembersModel.h"
#include "cluster/StoreStatsModel.h"
#include "connection/ClusterConnection.h"
#include "connection/EndpointRequests.h"
#include "connection/ErrorText.h"

#include <QDateTime>

namespace admin {

ClusterPoller::ClusterPoller(ClusterConnection *connection, MembersModel *members,
                             StoreStatsModel *store, QObject *parent)
    : QObject(parent), m_connection(connection), m_members(members), m_store(store)
{
    m_timer.setInterval(2000);
    connect(&m_timer, &QTimer::timeout, this, &ClusterPoller::refresh);
}

void ClusterPoller::start()
{
    m_timer.start();
    refresh();
}

void ClusterPoller::stop()
{
    m_timer.stop();
    ++m_generation;
    m_pending = 0;
    m_lastHealth.clear();
}

void ClusterPoller::done()
{
    if (--m_pending == 0)
        emit refreshed();
}

void ClusterPoller::noteHealth(const QString &id, const QString &name, MemberRow::Health health,
                               const QString &detail)
{
    if (m_members)
        m_members->setHealth(id, health, detail);
    const MemberRow::Health before = m_lastHealth.value(id, MemberRow::Health::Unknown);
    m_lastHealth.insert(id, health);
    if (before == health)
        return;
    if (health == MemberRow::Health::Unreachable)
        emit message(Severity::Warning, tr("Member %1 is down: %2").arg(name, detail));
    else if (health == MemberRow::Health::Unhealthy)
        emit message(Severity::Warning, tr("Member %1 reports itself unhealthy.").arg(name));
    else if (health == MemberRow::Health::Healthy && before != MemberRow::Health::Unknown)
        emit message(Severity::Success, tr("Member %1 is healthy again.").arg(name));
}

void ClusterPoller::refresh()
{
    client::Client *c = m_connection ? m_connection->client() : nullptr;
    if (!c || m_pending > 0)
        return;
    const int generation = m_generation;
    m_pending = 2;
    c->storeStats()->then(this, [this, generation](client::Reply *r) {
        if (generation != m_generation)
            return;
        if (!r->error() && m_store)
            m_store->setStats(r->json());
        done();
    });
    c->listMembers()->then(this, [this, generation](client::Reply *r) {
        if (generation != m_generation)
            return;
        client::Client *c = m_connection ? m_connection->client() : nullptr;
        if (!c || !m_members) {
            done();
            return;
        }
        QList<client::Member> members;
        if (r->error()) {
            // No member could list the cluster: ask the ones we knew
            // directly, so the table says which of them are down.
            for (int row = 0; row < m_members->rowCount(); ++row)
                members.append(m_members->row(row).member);
        } else {
            members = r->members();
            m_members->setMembers(members);
        }
        for (const client::Member &m : members) {
            if (m.clientUrls.isEmpty())
                continue;
            const QUrl url(m.clientUrls.first());
            const QString id = m.id;
            const QString name = m.name.isEmpty() ? m.id : m.name;
            m_pending += 2;
            c->health(url)->then(this, [this, generation, id, name](client::Reply *h) {
                if (generation != m_generation)
                    return;
                if (h->error()) {
                    noteHealth(id, name, MemberRow::Health::Unreachable,
                               ErrorText::describe(h->error()));
                } else {
                    const QJsonValue v = h->json().value(QLatin1String("health"));
                    const bool ok = v.toString() == QLatin1String("true") || v.toBool();
                    noteHealth(id, name,
                               ok && h->httpStatus() == 200 ? MemberRow::Health::Healthy
                                                            : MemberRow::Health::Unhealthy,
                               QString::fromUtf8(h->body()));
                }
                done();
            });
            EndpointRequests::selfStats(c, url)->then(
                this, [this, generation, id](client::Reply *s) {
                    if (generation != m_generation)
                        return;
                    if (!s->error() && m_members) {
                        const QJsonObject stats = s->json();
                        m_members->setSelfStats(id, stats, QDateTime::currentDateTimeUtc());
                        if (stats.value(QLatin1String("state")).toString() ==
                            QLatin1String("StateLeader"))
                            m_members->setLeaderId(id);
                    }
                    done();
                });
        }
        done();
    });
}

} // namespace admin
