// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ClusterRefresher.h"

#include "Director.h"
#include "node/ClusterMembership.h"
#include "transport/ClusterInfoFetcher.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QSaveFile>

namespace server::proxy {

Q_DECLARE_LOGGING_CATEGORY(lcProxy)

namespace {
// etcd's defaultRefreshInterval: at or above it, an empty endpoint list is refreshed every second.
constexpr int defaultRefreshMs = 30000;
// Asking one member for the membership gives up after this.
constexpr int fetchTimeoutMs = 3000;
} // namespace

ClusterRefresher::ClusterRefresher(std::shared_ptr<Director> director, const QStringList &peerUrls,
                                   const QString &clusterFile, const transport::PeerTls &tls,
                                   int intervalMs, QObject *parent)
    : QObject(parent), m_director(std::move(director)), m_peerUrls(peerUrls),
      m_clusterFile(clusterFile), m_tls(tls), m_intervalMs(qMax(1, intervalMs))
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &ClusterRefresher::refresh);
}

bool ClusterRefresher::readClusterFile(const QString &path, QStringList *peerUrls, QString *error)
{
    QFile file(path);
    if (!file.exists())
        return true;
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return false;
    }
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    if (!doc.isObject() || !doc.object().value(QStringLiteral("PeerURLs")).isArray()) {
        *error = QStringLiteral("%1: not a proxy cluster file").arg(path);
        return false;
    }
    QStringList urls;
    for (const QJsonValue &v : doc.object().value(QStringLiteral("PeerURLs")).toArray())
        urls << v.toString();
    *peerUrls = urls;
    return true;
}

void ClusterRefresher::start(std::function<void()> firstDone)
{
    m_firstDone = std::move(firstDone);
    refresh();
}

void ClusterRefresher::refresh()
{
    if (m_busy)
        return;
    m_busy = true;
    ask(0);
}

void ClusterRefresher::ask(int index)
{
    if (index >= m_peerUrls.size()) {
        qCWarning(lcProxy).noquote() << "proxy: could not get the cluster's members from"
                                     << m_peerUrls.join(QLatin1Char(','));
        refreshed(false);
        return;
    }
    auto *fetcher = new transport::ClusterInfoFetcher(
        QUrl(m_peerUrls.at(index)), fetchTimeoutMs, m_tls,
        [this, index](std::optional<QByteArray> info) {
            std::optional<node::ClusterMembership> cluster;
            if (info)
                cluster = node::ClusterMembership::fromJson(*info);
            if (!cluster) {
                ask(index + 1);
                return;
            }
            QStringList clientUrls;
            QStringList peerUrls;
            for (const api::MemberInfo &m : cluster->members()) {
                clientUrls << m.clientUrls; // empty until the member has published them
                peerUrls << m.peerUrls;
            }
            m_director->setUrls(clientUrls);
            m_known = !clientUrls.isEmpty();
            if (m_known && !m_logged) {
                m_logged = true;
                qCInfo(lcProxy).noquote() << "endpoints found" << clientUrls.join(QLatin1Char(','));
            }
            if (!peerUrls.isEmpty() && peerUrls != m_peerUrls) {
                m_peerUrls = peerUrls;
                qCInfo(lcProxy, "proxy: updated peer urls in cluster file");
            }
            writeClusterFile();
            refreshed(true);
        },
        this);
    fetcher->start();
}

void ClusterRefresher::refreshed(bool)
{
    m_busy = false;
    const int next = (!m_known && m_intervalMs >= defaultRefreshMs) ? 1000 : m_intervalMs;
    m_timer.start(next);
    if (m_firstDone) {
        const std::function<void()> done = std::move(m_firstDone);
        m_firstDone = nullptr;
        done();
    }
}

void ClusterRefresher::writeClusterFile()
{
    if (m_clusterFile.isEmpty())
        return;
    QSaveFile file(m_clusterFile);
    QJsonArray urls;
    for (const QString &u : std::as_const(m_peerUrls))
        urls.append(u);
    if (!file.open(QIODevice::WriteOnly) ||
        file.write(QJsonDocument(QJsonObject{{QStringLiteral("PeerURLs"), urls}})
                       .toJson(QJsonDocument::Compact)) < 0 ||
        !file.commit())
        qCWarning(lcProxy).noquote()
            << "cannot write" << m_clusterFile << ":" << file.errorString();
    else
        QFile::setPermissions(m_clusterFile, QFileDevice::ReadOwner | QFileDevice::WriteOwner);
}

} // namespace server::proxy
