// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QUrl>

namespace admin {

// Where the latency page gets /v2/stats/leader answers from. The real
// source polls the cluster (ClientLeaderStatsSource); a synthetic one
// (SyntheticLeaderStatsSource, in tools/screenshots: not shipped) feeds
// recorded-like samples for tests and screenshots without a multi-member
// cluster.
// `atMs` is the sample's time in milliseconds on the source's own clock
// (only differences matter). GUI thread only.
class LeaderStatsSource : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;
    // One line for the page: where the numbers come from.
    virtual QString description() const = 0;

signals:
    void statsReceived(qint64 atMs, const QJsonObject &stats);
    void leaderChanged(const QString &leaderId, const QString &leaderName, const QUrl &endpoint);
    void memberNamesChanged(const QHash<QString, QString> &names);
    void failed(const QString &message);
};

} // namespace admin
