// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"
#include "transfer/ImportPlan.h"

#include <QObject>
#include <QPointer>
#include <QSet>

namespace admin {

class ClusterConnection;

// Compares two subtrees, on one cluster or on two (staging and
// production: two connections), and copies chosen differences across.
//
// compare() lists both sides recursively and keeps the two listings; the
// difference is the ImportPlan of writing the left side over the right
// one (Add = only on the left, Change = different values, Extra = only on
// the right, Unchanged = same, Conflict = a key on one side and a
// directory on the other), keyed by the path relative to each root.
// copy() writes chosen entries in one direction exactly as the listings
// showed them, each guarded by compare-and-swap against the destination
// as listed (prevExist=false where it had nothing, prevIndex where it had
// a key; a key only on the destination is deleted with prevIndex), so a
// destination key changed since the comparison is refused and reported.
// After a copy it compares again.
//
// Hidden keys ('_') are never listed by the server, so neither side's
// hidden keys take part unless a root lies below one.
//
// Does not own the connections. One compare or copy at a time. GUI thread.
class SubtreeCompare : public QObject
{
    Q_OBJECT
public:
    enum class Direction { LeftToRight, RightToLeft };

    explicit SubtreeCompare(QObject *parent = nullptr);

    void setLeft(ClusterConnection *connection, const QString &key);
    void setRight(ClusterConnection *connection, const QString &key);
    QString leftKey() const { return m_leftKey; }
    QString rightKey() const { return m_rightKey; }

    bool isBusy() const { return m_busy; }
    void compare();
    // Valid after compared(): entries keyed by the right side's keys.
    const ImportPlan &difference() const { return m_difference; }
    // An entry's path below the roots ("/a/b"; "" for the root itself).
    QString relativeKey(const ImportPlan::Entry &entry) const;

    // Copies the entries whose relative keys are given.
    void copy(Direction direction, const QSet<QString> &relativeKeys);

signals:
    void compared();
    void failed(const QString &message);
    void copied(bool ok, const QString &message);

private:
    void fetched();

    QPointer<ClusterConnection> m_left;
    QPointer<ClusterConnection> m_right;
    QString m_leftKey;
    QString m_rightKey;
    client::Node m_leftTree;
    client::Node m_rightTree;
    bool m_leftExists = false;
    bool m_rightExists = false;
    int m_pending = 0;
    QString m_error;
    bool m_busy = false;
    ImportPlan m_difference;
};

} // namespace admin
