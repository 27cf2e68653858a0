// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

#include <optional>

namespace transport {

// Body of the Hello frame: who dials whom, in which cluster. The listener accepts the
// connection only if clusterId equals its own, `to` is itself and `from` is a known
// peer (see PeerTransport). clusterId 0 means "not known yet" and is never accepted.
// All three are public knowledge: only a client certificate bound to `from`'s peer URL host
// (TLS with --peer-client-cert-auth) makes the claim trustworthy.
// Value type.
struct Hello
{
    quint64 clusterId = 0;
    quint64 from = 0;
    quint64 to = 0;

    QByteArray encode() const;
    // nullopt unless the body is exactly the three integers.
    static std::optional<Hello> decode(const QByteArray &body);

    friend bool operator==(const Hello &a, const Hello &b)
    {
        return a.clusterId == b.clusterId && a.from == b.from && a.to == b.to;
    }
};

} // namespace transport
