// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "auth/AuthCommand.h"
#include "auth/AuthResult.h"

#include <functional>

namespace auth {
class AuthStore;
} // namespace auth

namespace api {

// What v2 authentication (/v2/auth and every permission check) needs from the
// member it runs on: the replicated users and roles, read locally, and changes
// to them, answered once applied (NotApplied on timeout). Owner's thread.
class AuthBackend
{
public:
    virtual ~AuthBackend() = default;

    virtual const auth::AuthStore &auth() const = 0;
    using AuthCallback = std::function<void(const auth::AuthResult &)>;
    virtual void proposeAuth(const auth::AuthCommand &command, AuthCallback done) = 0;
};

} // namespace api
