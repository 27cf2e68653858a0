// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Member.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace client {

// What a newly added member must be started with, as etcdctl 2's `member add` prints it (and so
// qetcdctl and qetcd-admin):
//   ETCD_NAME="name"
//   ETCD_INITIAL_CLUSTER="m0=http://…,name=http://…"
//   ETCD_INITIAL_CLUSTER_STATE="existing"
// `members` is /v2/members after the add (the new member is still unnamed there, so `newName`
// is put in for `newId`). Pure; thread-safe.
struct MemberStartLines
{
    // "name=peerURL" for every peer URL of every member, comma-separated.
    static QString initialCluster(const QString &newName, const QString &newId,
                                  const QList<Member> &members);
    // The three lines above: Go-quoted values, a newline after each.
    static QByteArray environment(const QString &newName, const QString &newId,
                                  const QList<Member> &members);
};

} // namespace client
