// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"

#include <QHostAddress>
#include <QList>
#include <QString>
#include <QUrl>

#include <optional>

namespace server::discovery {

// The decisions of etcd 2.2's discovery (discovery/discovery.go, discovery/srv.go) as pure
// functions, so they are tested without a network: where the token lives, what this member
// registers, whether the cluster is full, which registrations make the initial cluster, how long
// to back off, and how SRV records become an initial cluster. Its texts are log lines and stay
// English, as etcd's. No I/O, no clock; any thread.
class DiscoveryLogic
{
public:
    // etcd's discovery errors; text() gives etcd's own wording ("discovery: cluster is full").
    enum class Failure {
        None,
        InvalidUrl,
        BadSizeKey,
        SizeNotFound,
        DuplicateId,
        DuplicateName,
        FullCluster,
        TooManyRetries,
        BadDiscoveryEndpoint,
        Other, // a failure etcd reports with the underlying error's text
    };
    static QString text(Failure failure);

    // A discovery URL split as etcd splits it: the service (scheme, host, port) and the token
    // (the whole path, /v2/keys included: keys are requested at service + token + "/...").
    struct TokenUrl
    {
        QUrl service;
        QString token;
    };
    static std::optional<TokenUrl> parseTokenUrl(const QString &discoveryUrl);

    // "<token>/<member id in hex>", etcd's path.Join("/", token, id.String()).
    static QString selfKey(const QString &token, quint64 memberId);
    // The value this member registers: "name=url" per advertised peer URL, sorted (etcd's
    // URLsMap.String()).
    static QString registrationValue(const QString &name, const QList<QUrl> &peerUrls);
    // _config/size as etcd reads it (strconv.Atoi); sizes below 1 are refused too (etcd would
    // index out of range).
    static std::optional<int> parseSize(const QString &text);

    // One registration under the token, as the keys API lists it.
    struct Registration
    {
        QString key; // full key, e.g. /_etcd/registry/abc/8e9e05c52164694d
        QString value;
        quint64 createdIndex = 0;
        quint64 modifiedIndex = 0;
    };
    static QString baseName(const QString &key);

    // etcd's checkCluster after the listing: registrations (the _config dir left out) ordered
    // by createdIndex; FullCluster when `size` others registered before this member (then
    // `nodes` holds the first `size`, the cluster a proxy forwards to).
    struct Check
    {
        Failure failure = Failure::None;
        QList<Registration> nodes;
    };
    static Check checkCluster(QList<Registration> children, int size, const QString &selfName);

    // etcd's nodesToCluster: the registrations' values joined, parsed as an initial cluster;
    // InvalidUrl when a value does not parse, DuplicateName when two registrations share a
    // name (fewer names than `size`).
    struct Cluster
    {
        Failure failure = Failure::None;
        QString text;
        QList<config::Config::ClusterMember> members;
    };
    static Cluster nodesToCluster(const QList<Registration> &nodes, int size);
    // etcd's checkDuplicateURL after discovery: the first URL named twice, or "".
    static QString duplicateUrl(const QList<config::Config::ClusterMember> &members);

    // etcd's backoff before retry number `retries` (1-based): 2^retries seconds, constant from
    // the 8th on (256 s).
    static int backoffSeconds(uint retries);
    // etcd's default number of retries: effectively unlimited (math.MaxUint32).
    static constexpr uint kDefaultRetries = 4294967295u;

    // --discovery-proxy as etcd sanitizes it: a value without an http(s) scheme gets "http://".
    // nullopt (with `error`) when it still is not a URL with a host.
    static std::optional<QUrl> proxyUrl(const QString &text, QString *error);

    // --- DNS SRV (etcd 2.2's SRVGetCluster) -------------------------------------------------
    // One SRV record after its target was resolved (`addresses` empty: it did not resolve).
    struct SrvRecord
    {
        QString scheme; // "https" for _etcd-server-ssl, "http" for _etcd-server
        QString target; // as DNS gave it; a trailing dot is dropped
        quint16 port = 0;
        QList<QHostAddress> addresses;
    };
    // An advertised peer URL of this member, resolved.
    struct OwnUrl
    {
        QUrl url;
        QList<QHostAddress> addresses;
    };
    struct SrvCluster
    {
        QStringList entries; // "name=scheme://target:port", in record order
        QStringList notes;   // records skipped, with why
        QString error;       // a record for this member with the other scheme
    };
    // Records (the https ones first) -> initial cluster entries: a record whose resolved
    // address and port are one of this member's advertised peer URLs gets `name`, the others
    // "0", "1", ... in order; unresolved records are skipped.
    static SrvCluster clusterFromSrv(const QList<SrvRecord> &records, const QString &name,
                                     const QList<OwnUrl> &own);

    // The testing/diagnostic knob QETCD_DNS_NAMESERVER: an IPv4/IPv6 address (port 53) that
    // SRV lookups ask instead of the system resolver's. Null when unset or not an address.
    static QHostAddress nameserverFromEnvironment();
};

} // namespace server::discovery
