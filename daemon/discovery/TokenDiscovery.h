// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "DiscoveryLogic.h"

#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

class QNetworkReply;

namespace server::discovery {

// etcd 2.2's discovery protocol (discovery_protocol.md) against a token on a v2 keys API (an
// etcd, a qetcd or discovery.etcd.io), over Qt Network: read <token>/_config/size, list the
// registrations, register "<name>=<peer urls>" at <token>/<member id> with prevExist=false,
// then watch the token until `size` members registered. Join mode registers; cluster mode (a
// proxy's GetCluster) only reads and waits. The service being unreachable (a connection error,
// a timeout, a 5xx) while checking or waiting is retried with etcd's backoff (2, 4, ... 256 s)
// up to `maxRetries` times in all; everything else ends discovery with etcd's error.
//
// Emits finished() exactly once. Owns its QNetworkAccessManager (with --discovery-proxy as its
// HTTP proxy, and no proxy otherwise, as etcd). The thread that created it only.
class TokenDiscovery : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QString discoveryUrl;
        QString proxy;        // --discovery-proxy, "" for none
        bool join = true;     // false: only learn the cluster (proxy mode)
        quint64 memberId = 0; // join: this member's id (token = the discovery URL)
        QString registration; // join: "name=url[,name=url]"
        uint maxRetries = DiscoveryLogic::kDefaultRetries;
    };
    struct Outcome
    {
        DiscoveryLogic::Failure failure = DiscoveryLogic::Failure::None;
        QString error; // etcd's text of the failure (the underlying error for Other)
        // Success: the initial cluster. FullCluster: the first `size` registrations (the
        // cluster a proxy forwards to).
        DiscoveryLogic::Cluster cluster;
    };

    explicit TokenDiscovery(const Options &options, QObject *parent = nullptr);
    void start();

signals:
    void finished(const server::discovery::TokenDiscovery::Outcome &outcome);

private:
    // What a finished request came to.
    struct Answer
    {
        enum class Kind { Ok, EtcdError, Unreachable, InvalidJson } kind = Kind::Ok;
        int status = 0;
        QJsonObject json;
        quint64 etcdIndex = 0; // X-Etcd-Index
        int errorCode = 0;     // etcd's, for EtcdError
        QString text;          // the error, as etcd's client words it
    };
    using Handler = std::function<void(const Answer &)>;
    enum class Next { Register, Wait };

    void send(const QByteArray &method, const QString &path, const QString &query,
              const QByteArray &body, bool longPoll, Handler handler);
    void checkCluster(Next next);
    // A failed answer while checking: retried (unreachable) or the end (etcd's error); true
    // when it was one.
    bool checkFailed(Next next, const Answer &answer, bool sizeKey);
    void listed(Next next, int size, const Answer &answer);
    void createSelf();
    void waitNodes(QList<DiscoveryLogic::Registration> nodes, int size, quint64 index);
    void watchNext();
    void retry(const QString &step, const QString &detail, std::function<void()> again);
    void finish(DiscoveryLogic::Failure failure, const QString &error = {});
    QString selfName() const;

    Options m_options;
    DiscoveryLogic::TokenUrl m_url;
    QNetworkAccessManager m_nam;
    uint m_retries = 0;
    bool m_finished = false;
    // waitNodes' state
    QList<DiscoveryLogic::Registration> m_all;
    int m_size = 0;
    quint64 m_waitIndex = 0;
};

} // namespace server::discovery

Q_DECLARE_METATYPE(server::discovery::TokenDiscovery::Outcome)
