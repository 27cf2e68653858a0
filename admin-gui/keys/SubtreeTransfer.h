// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "keys/SubtreeJson.h"

#include <QObject>
#include <QPointer>

namespace admin {

class ClusterConnection;

// Exports a subtree to a file (one recursive, sorted GET) and imports one
// (the writes of SubtreeJson::writesFor, at most 8 in flight; keys are
// overwritten, directories that exist already are kept). Reports
// progress() while importing and finished() once, with a message for the
// user. One transfer at a time. Does not own the connection. GUI thread.
class SubtreeTransfer : public QObject
{
    Q_OBJECT
public:
    explicit SubtreeTransfer(ClusterConnection *connection, QObject *parent = nullptr);

    bool isBusy() const { return m_busy; }
    void exportTo(const QString &key, const QString &fileName);
    void importFrom(const QString &fileName, const QString &targetKey);

signals:
    void progress(int done, int total);
    void finished(bool ok, const QString &message);

private:
    void pump();
    void end(bool ok, const QString &message);

    QPointer<ClusterConnection> m_connection;
    bool m_busy = false;
    QList<SubtreeWrite> m_writes;
    int m_next = 0;
    int m_inFlight = 0;
    int m_done = 0;
    QStringList m_failures;
    QString m_target;
};

} // namespace admin
