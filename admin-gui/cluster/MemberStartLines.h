// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Member.h"

#include <QList>
#include <QString>

namespace admin {

// The environment a newly added member must start with, exactly as
// `qetcdctl member add` (and etcdctl 2) prints it after adding one:
//   ETCD_NAME="name"
//   ETCD_INITIAL_CLUSTER="m0=http://…,name=http://…"
//   ETCD_INITIAL_CLUSTER_STATE="existing"
// `members` is /v2/members after the add (the new member is still unnamed
// there, so `newName` is put in for `newId`). Go-quoted values, one line
// each, a newline after each. Pure; thread-safe.
struct MemberStartLines
{
    static QString text(const QString &newName, const QString &newId,
                        const QList<client::Member> &members);
    // The same as command-line flags, for a member started by hand.
    static QString flags(const QString &newName, const QString &newId,
                         const QList<client::Member> &members);
};

} // namespace admin
