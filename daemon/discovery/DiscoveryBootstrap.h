// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "Config.h"

namespace server::discovery {

// Where a new member's initial cluster comes from when --discovery or --discovery-srv is given
// (etcd 2.2's clustering.md), run before the member or the proxy starts:
// - --discovery: this member registers under the token (member id computed as etcd does, with
//   the discovery URL as the cluster token) and waits for the others (TokenDiscovery); the
//   result becomes initialCluster/initialClusterMembers, and the discovery URL the cluster
//   token. A full cluster with --discovery-fallback proxy turns the process into a proxy of
//   that cluster (config.proxy = On); with exit it ends the process like every other failure,
//   with etcd's messages and exit status 1. In proxy mode (--proxy on|readonly) the cluster is
//   only read (etcd's GetCluster).
// - --discovery-srv: the initial cluster from DNS SRV records (SrvDiscovery); the token stays
//   --initial-cluster-token. Also for --initial-cluster-state existing (the records name the
//   cluster to join, as etcd's getPeerURLsMapAndToken) and for a proxy (which need not be among
//   the records).
// Nothing happens for a member whose WAL exists (a restart: etcd skips token discovery then;
// the SRV records are not asked again either), for --discovery with --initial-cluster-state
// existing (etcd only discovers new clusters), or for a proxy that already has a cluster file.
//
// run() blocks, running the calling thread's event loop until discovery has ended (it waits on
// watches); main thread, before the member starts. Stateless between calls.
class DiscoveryBootstrap
{
public:
    struct Result
    {
        int exitCode = 0; // non-zero: end the process with it (the reason is logged)
        config::Config config;
    };
    static bool needed(const config::Config &config);
    static Result run(const config::Config &config);

    // How many times an unreachable service is retried: etcd's (unlimited) unless the
    // testing/diagnostic variable QETCD_DISCOVERY_RETRIES says otherwise.
    static uint maxRetries();
};

} // namespace server::discovery
