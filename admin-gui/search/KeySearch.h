// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "search/KeySearchQuery.h"

#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

namespace client {
class Reply;
}

namespace admin {

class ClusterConnection;

// One key or directory a search found.
struct SearchHit
{
    QString key;
    QString value;
    bool dir = false;
    quint64 modifiedIndex = 0;
    KeySearchQuery::Match match = KeySearchQuery::Match::None;
};

// Searches the server below a directory, whether or not the key browser
// ever loaded it: walks the subtree one directory listing at a time (a
// sorted, non-recursive GET each, at most four in flight), tests every
// child with the query and reports each hit as soon as its directory's
// listing is in (hitsFound), so results stream in while a large tree is
// still being read, and progress() counts keys and directories searched.
// A directory that disappears during the walk is skipped; other failed
// listings are counted and named at the end. cancel() aborts the requests
// in flight; finished() follows once per search either way.
//
// Hidden keys (names starting with '_') are never listed by the v2 API, so
// a search does not see them, unless the start key itself lies below one.
//
// Does not own the connection. One search at a time (start() cancels a
// running one). GUI thread only.
class KeySearch : public QObject
{
    Q_OBJECT
public:
    struct Summary
    {
        bool completed = false; // false when cancelled or the connection went away
        int keysSearched = 0;
        int directoriesSearched = 0;
        int hits = 0;
        QStringList failedDirectories;
    };

    explicit KeySearch(ClusterConnection *connection, QObject *parent = nullptr);
    ~KeySearch() override;

    void start(const QString &root, const KeySearchQuery &query);
    void cancel();
    bool isRunning() const { return m_running; }
    const Summary &summary() const { return m_summary; }

signals:
    void hitsFound(const QList<admin::SearchHit> &hits);
    void progress(int keysSearched, int directoriesSearched);
    void finished(const admin::KeySearch::Summary &summary);

private:
    void pump();
    void listed(client::Reply *reply, const QString &dir, int generation);
    void finish(bool completed);

    QPointer<ClusterConnection> m_connection;
    KeySearchQuery m_query;
    QString m_root;
    QStringList m_pending;
    QList<QPointer<client::Reply>> m_inFlight;
    Summary m_summary;
    bool m_running = false;
    int m_generation = 0;
};

} // namespace admin

Q_DECLARE_METATYPE(admin::SearchHit)
