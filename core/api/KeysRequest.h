// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "store/Command.h"
#include "store/EtcdError.h"

#include <QString>

#include <variant>

namespace api {

struct HttpRequest;

// A /v2/keys request decoded into what the member must do: a local read, a
// read through consensus, a watch, or a replicated write (a store Command).
// Parsing follows etcd's parseKeyRequest: the first bad parameter wins and
// is reported with index 0.
struct KeysRequest
{
    enum class Kind { Get, QuorumGet, Watch, Write };

    Kind kind = Kind::Get;
    bool head = false; // HEAD: answer like GET without a body
    QString path;      // the key, clean (GoPath::clean): what auth checks and the store uses
    bool recursive = false;
    bool sorted = false;
    bool stream = false;   // Watch: keep sending events
    quint64 waitIndex = 0; // Watch: first index of interest (0 = next)
    bool noValueOnSuccess = false;
    store::Command command; // Write

    // `keyPath` is the decoded path below /v2/keys ("" or "/a/b").
    // `nowNs` is this member's clock: a TTL becomes an absolute expiration.
    static std::variant<KeysRequest, store::EtcdError>
    parse(const HttpRequest &request, const QByteArray &keyPath, qint64 nowNs);
};

} // namespace api
