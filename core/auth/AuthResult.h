// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "auth/AuthRole.h"
#include "auth/AuthUser.h"

#include <QString>

#include <optional>

namespace auth {

// What applying one AuthCommand did: success (Created when a user or role
// came into being where etcd answers 201), or why not, with etcd's own
// message ("auth: User alice already exists."). NotApplied means the command
// never took effect as far as this member knows (timeout, undecodable
// entry). On success `user` or `role` holds what etcd echoes back. Plain
// value; the api maps the status to HTTP.
struct AuthResult
{
    enum class Status : quint8 {
        Ok,
        Created,
        Invalid,   // 400
        Forbidden, // 403
        NotFound,  // 404
        Conflict,  // 409
        NotApplied // 500
    };

    Status status = Status::Ok;
    QString message;
    std::optional<AuthUser> user;
    std::optional<AuthRole> role;

    bool ok() const { return status == Status::Ok || status == Status::Created; }
    static AuthResult failure(Status status, const QString &message)
    {
        AuthResult r;
        r.status = status;
        r.message = message;
        return r;
    }
};

} // namespace auth
