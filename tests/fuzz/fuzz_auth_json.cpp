// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The JSON bodies of PUT /v2/auth/users/<name> and /v2/auth/roles/<name>
// (AuthJson): Go encoding/json's rules as etcd applies them. A role that
// parses must read back the same after AuthJson writes it (what GET shows is
// what was stored). Input: the request body.
#include "FuzzInput.h"
#include "api/AuthJson.h"
#include "auth/AuthRole.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));
    api::AuthJson::parseUser(body);
    const std::optional<api::AuthJson::RoleRequest> role = api::AuthJson::parseRole(body);
    if (role) {
        const QByteArray written = api::AuthJson::role(
            auth::AuthRole{role->role, role->permissions}, role->grant, role->revoke);
        const std::optional<api::AuthJson::RoleRequest> back = api::AuthJson::parseRole(written);
        FUZZ_CHECK(back.has_value());
        FUZZ_CHECK(back->role == role->role);
        FUZZ_CHECK(back->permissions == role->permissions);
        FUZZ_CHECK(back->grant == role->grant);
        FUZZ_CHECK(back->revoke == role->revoke);
    }
    return 0;
}
