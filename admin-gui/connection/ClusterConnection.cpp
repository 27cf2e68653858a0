// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "connection/ClusterConnection.h"

#include "app/AdminLog.h"
#include "client/Client.h"
#include "connection/ErrorText.h"

#include <QApplication>
#include <QMessageBox>

namespace admin {

namespace {

// A hidden key nobody uses: GET of it is cheap whatever the size of the key
// space (the root listing may hold 100,000 keys), and it still carries the
// X-Etcd-Index and cluster id headers and meets the authentication check.
const QString kProbeKey = QStringLiteral("/_qetcd-admin/probe");

// Every member answered, but with "no leader" (5xx) or an HTTP error.
bool answeredWithoutLeader(const client::Error &e)
{
    using K = client::Error::Kind;
    if (e.kind() == K::ClusterUnavailable) {
        for (const client::Error &a : e.attempts()) {
            if (!answeredWithoutLeader(a))
                return false;
        }
        return !e.attempts().isEmpty();
    }
    return e.kind() == K::ServerUnavailable || e.kind() == K::Http;
}

} // namespace

ClusterConnection::ClusterConnection(QObject *parent) : QObject(parent)
{
    m_leaderTimer.setInterval(5000);
    connect(&m_leaderTimer, &QTimer::timeout, this, &ClusterConnection::refreshLeader);
    m_retryTimer.setSingleShot(true);
    m_retryTimer.setInterval(5000);
    connect(&m_retryTimer, &QTimer::timeout, this, &ClusterConnection::probe);
}

ClusterConnection::~ClusterConnection()
{
    // Pages may still hold watchers parented to themselves; they are told
    // through closing() and drop them before the client goes.
    if (m_client)
        close();
}

void ClusterConnection::open(const ConnectionProfile &profile)
{
    close();
    m_profile = profile;
    m_status = ClusterStatus();
    m_status.profileName = profile.name;
    const QString problem = profile.validate();
    if (!problem.isEmpty()) {
        m_status.lastError = problem;
        setState(ClusterStatus::State::Failed);
        emit message(Severity::Error, problem);
        return;
    }
    m_client = new client::Client(profile.toClientConfig(), this);
    if (const client::Error e = m_client->configurationError()) {
        m_status.lastError = ErrorText::describe(e);
        setState(ClusterStatus::State::Failed);
        emit message(Severity::Error, m_status.lastError);
        return;
    }
    setState(ClusterStatus::State::Connecting);
    probe();
}

void ClusterConnection::close()
{
    m_leaderTimer.stop();
    m_retryTimer.stop();
    ++m_generation;
    if (m_client) {
        emit closing();
        delete m_client;
    }
    m_client = nullptr;
    m_leaderInFlight = false;
    if (m_status.state != ClusterStatus::State::Disconnected) {
        m_status.state = ClusterStatus::State::Disconnected;
        emitStatus();
    }
}

void ClusterConnection::retry()
{
    open(m_profile);
}

void ClusterConnection::probe()
{
    if (!m_client)
        return;
    const int generation = m_generation;
    qCDebug(lcAdmin) << "probing" << m_client->endpoints();
    m_client->get(kProbeKey)->then(this, [this, generation](client::Reply *r) {
        if (generation != m_generation)
            return;
        const client::Error &e = r->error();
        const bool answered = !e || (e.kind() == client::Error::Kind::Etcd &&
                                     e.errorCode() == client::Error::KeyNotFound);
        if (!answered) {
            m_status.lastError = ErrorText::describe(e);
            setState(ClusterStatus::State::Failed);
            const bool hopeless = ErrorText::isCredentialsError(e) ||
                                  e.kind() == client::Error::Kind::Configuration ||
                                  e.kind() == client::Error::Kind::Tls;
            if (hopeless) {
                emit message(
                    Severity::Error,
                    tr("Could not open \"%1\". %2").arg(m_profile.name, m_status.lastError));
            } else {
                emit message(Severity::Error,
                             tr("Could not open \"%1\"; trying again in 5 seconds. %2")
                                 .arg(m_profile.name, m_status.lastError));
                m_retryTimer.start();
            }
            return;
        }
        observe(r);
        m_status.lastError.clear();
        setState(ClusterStatus::State::Connected);
        emit message(Severity::Success, tr("Connected to %1.").arg(m_status.member.toString()));
        m_leaderTimer.start();
        refreshLeader();
        emit opened();
    });
}

void ClusterConnection::refreshLeader()
{
    if (!m_client || m_leaderInFlight)
        return;
    m_leaderInFlight = true;
    const int generation = m_generation;
    m_client->leader()->then(this, [this, generation](client::Reply *r) {
        if (generation != m_generation)
            return;
        m_leaderInFlight = false;
        if (const client::Error &e = r->error()) {
            // A cluster without a leader answers 5xx on every member: no
            // leader is news for the status bar, not a lost connection.
            if (!answeredWithoutLeader(e)) {
                lostContact(e);
            } else if (!m_status.leaderId.isEmpty()) {
                m_status.leaderId.clear();
                m_status.leaderName.clear();
                emitStatus();
            }
            return;
        }
        observe(r);
        const client::Member leader = r->member();
        const bool hadError = !m_status.lastError.isEmpty();
        m_status.lastError.clear();
        if (hadError)
            emit message(Severity::Success,
                         tr("The cluster answers again (%1).").arg(m_status.member.toString()));
        if (leader.id != m_status.leaderId || leader.name != m_status.leaderName) {
            m_status.leaderId = leader.id;
            m_status.leaderName = leader.name;
        }
        emitStatus();
    });
}

void ClusterConnection::lostContact(const client::Error &error)
{
    const QString text = ErrorText::describe(error);
    if (text == m_status.lastError)
        return; // said already
    m_status.lastError = text;
    emitStatus();
    emit message(Severity::Error, text);
}

void ClusterConnection::observe(const client::Reply *reply)
{
    if (!reply)
        return;
    bool changed = false;
    const QUrl member = reply->endpoint();
    if (member.isValid() && member != m_status.member) {
        if (m_status.member.isValid())
            emit message(Severity::Warning,
                         tr("%1 did not answer; now using %2.")
                             .arg(m_status.member.toString(), member.toString()));
        m_status.member = member;
        changed = true;
    }
    const QByteArray index = reply->rawHeader("X-Etcd-Index");
    if (!index.isEmpty() && index.toULongLong() > m_status.etcdIndex) {
        m_status.etcdIndex = index.toULongLong();
        changed = true;
    }
    const QString cluster = QString::fromLatin1(reply->rawHeader("X-Etcd-Cluster-Id"));
    if (!cluster.isEmpty() && cluster != m_status.clusterId) {
        m_status.clusterId = cluster;
        changed = true;
    }
    if (changed)
        emitStatus();
}

void ClusterConnection::observeEvent(const client::Response &event)
{
    const quint64 index = qMax(event.etcdIndex, event.node.modifiedIndex);
    bool changed = false;
    if (index > m_status.etcdIndex) {
        m_status.etcdIndex = index;
        changed = true;
    }
    if (!event.clusterId.isEmpty() && event.clusterId != m_status.clusterId) {
        m_status.clusterId = event.clusterId;
        changed = true;
    }
    if (changed)
        emitStatus();
}

void ClusterConnection::reportError(const QString &what, const client::Error &error)
{
    emit message(Severity::Error, what + QLatin1Char(' ') + ErrorText::describe(error));
}

void ClusterConnection::setState(ClusterStatus::State state)
{
    m_status.state = state;
    emitStatus();
}

void ClusterConnection::emitStatus()
{
    emit statusChanged(m_status);
}

bool ClusterConnection::confirmWrite(const QString &what)
{
    if (!m_profile.production)
        return true;
    if (m_confirmer)
        return m_confirmer(m_profile.name, what);
    return QMessageBox::warning(QApplication::activeWindow(), tr("Production cluster"),
                                tr("%1 is a production profile: writes need a confirmation.\n\n"
                                   "%2\n\nWrite to the cluster?")
                                    .arg(m_profile.name, what),
                                QMessageBox::Yes | QMessageBox::Cancel,
                                QMessageBox::Cancel) == QMessageBox::Yes;
}

} // namespace admin
