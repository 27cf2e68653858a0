// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

#include <array>

namespace transport {

// Why this member refused a connection another party opened to its peer port: the reasons
// PeerTransport logs a refusal for, counted so an operator sees them in /metrics
// (qetcd_network_peer_refused_total{reason="<label()>"}) without reading logs. Only the
// listening side counts; a dialer that refuses a listener's certificate logs it.
enum class RefusalReason {
    OtherCluster,       // its Hello names another cluster id
    NotAMember,         // it claims a member id this member does not know
    WrongMember,        // its Hello is meant for another member id than this one
    ClusterIdNotKnown,  // this member has not learned its cluster id yet (joining)
    TlsHandshake,       // the TLS handshake failed: no, an untrusted or a bad certificate,
                        // no TLS at all on an https port, or the dialer refused ours
    CertificateHost,    // its certificate names no host of the claimed member's peer URLs
    AllowedCommonName,  // --peer-cert-allowed-cn does not match its certificate
    TooManyConnections, // the claimed member already has its bound of connections in use
    TooManyPending,     // too many connections are waiting for their handshake
};

inline constexpr int kRefusalReasonCount = int(RefusalReason::TooManyPending) + 1;

// The label value in /metrics: "other_cluster", "not_a_member", ...
inline const char *label(RefusalReason reason)
{
    switch (reason) {
    case RefusalReason::OtherCluster:
        return "other_cluster";
    case RefusalReason::NotAMember:
        return "not_a_member";
    case RefusalReason::WrongMember:
        return "wrong_member";
    case RefusalReason::ClusterIdNotKnown:
        return "cluster_id_not_known";
    case RefusalReason::TlsHandshake:
        return "tls_handshake";
    case RefusalReason::CertificateHost:
        return "certificate_host";
    case RefusalReason::AllowedCommonName:
        return "allowed_cn";
    case RefusalReason::TooManyConnections:
        return "too_many_connections";
    case RefusalReason::TooManyPending:
        return "too_many_pending";
    }
    return "unknown";
}

// Refusals since the transport started, per reason. Value type.
struct PeerRefusals
{
    std::array<quint64, kRefusalReasonCount> counts{};

    quint64 count(RefusalReason reason) const { return counts[std::size_t(reason)]; }
    void add(RefusalReason reason) { ++counts[std::size_t(reason)]; }
};

} // namespace transport
