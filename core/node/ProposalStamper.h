// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QByteArray>

namespace raft {
struct Message;
}

namespace node {

// Stamps store writes with the clock of the leader whose log they enter.
//
// A member that takes a client's write stamps it with its own clock (KeysRequest); if that
// member is a follower, Raft forwards the proposal (MsgProp) to the leader. The node passes
// every proposal through here just before Raft sees it: its own (stamp(QByteArray)) and
// every MsgProp from a peer (stamp(raft::Message &)). Whichever member last restamps a
// proposal is the one whose Raft takes it, which is the leader that appends it (or a
// member that forwards it again, to a leader that restamps it once more), so every timeNs
// and expirationNs in the log comes from the appending leader's clock and keeps the TTL the
// client asked for (Command::restamp). Members apply the entry as stamped: the store stays
// deterministic. Raft itself stays free of clocks.
//
// Only Store commands are touched; other requests, configuration changes and anything that
// does not decode pass unchanged (the apply path reports undecodable entries). Pure: the
// time is an argument. Stateless.
class ProposalStamper
{
public:
    // One encoded RaftRequest, restamped at nowNs if it carries a store command.
    static QByteArray stamp(const QByteArray &request, qint64 nowNs);
    // Every Normal entry of a MsgProp; other messages are left alone.
    static void stamp(raft::Message &message, qint64 nowNs);
};

} // namespace node
