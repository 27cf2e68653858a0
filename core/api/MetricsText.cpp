// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "api/MetricsText.h"

#include "api/ApiBackend.h"
#include "api/HttpMetrics.h"
#include "metrics/ProcessMetrics.h"

#include <prometheus/text_serializer.h>

#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace api {

namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;
using Labels = std::vector<ClientMetric::Label>;

std::string hex(quint64 id)
{
    return QByteArray::number(id, 16).toStdString();
}

// The families of one scrape, in the order they are added.
class Families
{
public:
    MetricFamily &family(const char *name, const char *help, MetricType type)
    {
        m_out.push_back(MetricFamily{name, help, type, {}});
        return m_out.back();
    }
    void gauge(const char *name, const char *help, double value, Labels labels = {})
    {
        add(family(name, help, MetricType::Gauge), value, std::move(labels));
    }
    void counter(const char *name, const char *help, double value, Labels labels = {})
    {
        add(family(name, help, MetricType::Counter), value, std::move(labels));
    }
    static void add(MetricFamily &f, double value, Labels labels = {})
    {
        ClientMetric m;
        m.label = std::move(labels);
        if (f.type == MetricType::Counter)
            m.counter.value = value;
        else
            m.gauge.value = value;
        f.metric.push_back(std::move(m));
    }
    void histogram(const char *name, const char *help, ClientMetric m)
    {
        family(name, help, MetricType::Histogram).metric.push_back(std::move(m));
    }
    void append(std::vector<MetricFamily> more)
    {
        for (MetricFamily &f : more)
            m_out.push_back(std::move(f));
    }
    std::vector<MetricFamily> take()
    {
        return std::vector<MetricFamily>(std::make_move_iterator(m_out.begin()),
                                         std::make_move_iterator(m_out.end()));
    }

private:
    std::deque<MetricFamily> m_out; // family() hands out references: they must stay valid
};

void serverFamilies(Families &out, const ApiBackend &backend)
{
    const ServerMetrics m = backend.serverMetrics();
    out.gauge("etcd_server_has_leader", "Whether or not a leader exists. 1 is existence, 0 is not.",
              backend.leaderId() ? 1 : 0);
    out.gauge("etcd_server_is_leader",
              "Whether or not this member is a leader. 1 if is, 0 otherwise.",
              backend.leaderId() != 0 && backend.leaderId() == backend.memberId() ? 1 : 0);
    out.counter("etcd_server_leader_changes_seen_total", "The number of leader changes seen.",
                double(m.leaderChanges));
    out.counter("etcd_server_heartbeat_send_failures_total",
                "The total number of leader heartbeat send failures (likely overloaded from slow "
                "disk).",
                double(m.heartbeatSendFailures));
    out.gauge("etcd_server_id",
              "Server or member ID in hexadecimal format. 1 for 'server_id' label with current ID.",
              1, {{"server_id", hex(backend.memberId())}});
    out.gauge("etcd_server_version",
              "Which version is running. 1 for 'server_version' label with current version.", 1,
              {{"server_version", QETCD_VERSION}});
    // etcd declares these two gauges; they are Raft indexes, which only grow, and a gauge named
    // *_total fails `promtool check metrics`: counters here (rate() reads them the same).
    out.counter("etcd_server_proposals_committed_total",
                "The total number of consensus proposals committed.",
                double(backend.raftPosition().commitIndex));
    out.counter("etcd_server_proposals_applied_total",
                "The total number of consensus proposals applied.", double(m.appliedIndex));
    out.gauge("etcd_server_proposals_pending", "The current number of pending proposals to commit.",
              double(m.pendingProposals));
    out.counter("etcd_server_proposals_failed_total", "The total number of failed proposals seen.",
                double(m.failedProposals));
    out.histogram("etcd_disk_wal_fsync_duration_seconds",
                  "The latency distributions of fsync called by WAL.", m.walFsyncs);
    // qetcd's store has no database of its own: the store image written at each snapshot is
    // what it commits to disk besides the WAL.
    out.histogram("etcd_disk_backend_commit_duration_seconds",
                  "The latency distributions of commit called by backend (qetcd: writing and "
                  "syncing a snapshot of the store).",
                  m.snapshotSaves);
    if (m.peers.isEmpty())
        return; // etcd has no series of these without peers either
    MetricFamily &sent =
        out.family("etcd_network_peer_sent_bytes_total", "The total number of bytes sent to peers.",
                   MetricType::Counter);
    for (const PeerTraffic &p : m.peers)
        Families::add(sent, double(p.sentBytes), {{"To", hex(p.id)}});
    MetricFamily &received =
        out.family("etcd_network_peer_received_bytes_total",
                   "The total number of bytes received from peers.", MetricType::Counter);
    for (const PeerTraffic &p : m.peers)
        Families::add(received, double(p.receivedBytes), {{"From", hex(p.id)}});
    MetricFamily &failures =
        out.family("etcd_network_peer_sent_failures_total",
                   "The total number of send failures from peers.", MetricType::Counter);
    for (const PeerTraffic &p : m.peers)
        Families::add(failures, double(p.sentFailures), {{"To", hex(p.id)}});
    MetricFamily &rtt =
        out.family("etcd_network_peer_round_trip_time_seconds",
                   "Round-Trip-Time histogram between peers.", MetricType::Histogram);
    for (const PeerTraffic &p : m.peers) {
        ClientMetric h = p.roundTrips;
        h.label = {{"To", hex(p.id)}};
        rtt.metric.push_back(std::move(h));
    }
}

void storeFamilies(Families &out, const store::StoreStats &s)
{
    // etcd 3.4's v2 store counters: every attempt in *_total, the failed ones again in
    // *_failed_total (etcd defines those but forgets to register them).
    const std::pair<const char *, std::pair<quint64, quint64>> writes[] = {
        {"set", {s.setsSuccess, s.setsFail}},
        {"create", {s.createSuccess, s.createFail}},
        {"update", {s.updateSuccess, s.updateFail}},
        {"delete", {s.deleteSuccess, s.deleteFail}},
        {"compareAndSwap", {s.compareAndSwapSuccess, s.compareAndSwapFail}},
        {"compareAndDelete", {s.compareAndDeleteSuccess, s.compareAndDeleteFail}},
    };
    out.counter("etcd_debugging_store_reads_total",
                "Total number of reads action by (get/getRecursive), local to this member.",
                double(s.getsSuccess + s.getsFail), {{"action", "get"}});
    out.counter("etcd_debugging_store_reads_failed_total",
                "Failed read actions by (get/getRecursive), local to this member.",
                double(s.getsFail), {{"action", "get"}});
    MetricFamily &all = out.family("etcd_debugging_store_writes_total",
                                   "Total number of writes (e.g. set/compareAndDelete) seen by "
                                   "this member.",
                                   MetricType::Counter);
    for (const auto &[action, counts] : writes)
        Families::add(all, double(counts.first + counts.second), {{"action", action}});
    MetricFamily &failed = out.family("etcd_debugging_store_writes_failed_total",
                                      "Failed write actions (e.g. set/compareAndDelete), seen by "
                                      "this member.",
                                      MetricType::Counter);
    for (const auto &[action, counts] : writes)
        Families::add(failed, double(counts.second), {{"action", action}});
    out.counter("etcd_debugging_store_expires_total", "Total number of expired keys.",
                double(s.expireCount));
    out.gauge("etcd_debugging_store_watchers", "Count of currently active watchers.",
              double(s.watchers));
}

void qetcdFamilies(Families &out, const ApiBackend &backend)
{
    // Per peer whose clock was measured (qetcd's own; etcd only logs it).
    const QList<PeerClock> clocks = backend.peerClocks();
    if (!clocks.isEmpty()) {
        MetricFamily &offset = out.family(
            "qetcd_network_peer_clock_offset_seconds",
            "The peer's wall clock minus this member's, estimated from ping round trips.",
            MetricType::Gauge);
        MetricFamily &error = out.family(
            "qetcd_network_peer_clock_offset_error_seconds",
            "Bound on the error of qetcd_network_peer_clock_offset_seconds (half a round trip).",
            MetricType::Gauge);
        for (const PeerClock &c : clocks) {
            Families::add(offset, c.clock.offsetSeconds, {{"To", hex(c.id)}});
            Families::add(error, c.clock.maxErrorSeconds, {{"To", hex(c.id)}});
        }
    }
    // Every reason, 0 included, so that a rate over the counter starts at the first scrape.
    const QList<PeerRefusalCount> refusals = backend.peerRefusals();
    if (!refusals.isEmpty()) {
        MetricFamily &refused = out.family(
            "qetcd_network_peer_refused_total",
            "Connections this member refused on its peer port, by reason.", MetricType::Counter);
        for (const PeerRefusalCount &r : refusals)
            Families::add(refused, double(r.count), {{"reason", r.reason.toStdString()}});
    }
}

} // namespace

QByteArray MetricsText::render(const ApiBackend &backend, const store::StoreStats &store,
                               const HttpMetrics &http)
{
    Families out;
    serverFamilies(out, backend);
    storeFamilies(out, store);
    out.append(http.collect());
    qetcdFamilies(out, backend);
    out.append(metrics::ProcessMetrics::collect());
    return QByteArray::fromStdString(prometheus::TextSerializer().Serialize(out.take()));
}

} // namespace api
