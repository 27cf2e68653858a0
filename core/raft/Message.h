// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/Entry.h"
#include "raft/Snapshot.h"

#include <QList>

namespace raft {

// Message kinds, named as in etcd-io/raft. "Local" kinds never cross the network: they are
// how RawNode feeds ticks and reports into the state machine, and RawNode::step refuses them.
enum class MessageType : quint8 {
    MsgHup,            // local: start an election
    MsgBeat,           // local: leader sends heartbeats
    MsgProp,           // proposal; followers forward it to the leader
    MsgApp,            // leader -> follower: entries after (index, logTerm), and commit
    MsgAppResp,        // ack (index = last matching) or reject (rejectHint, logTerm = hint)
    MsgVote,           // candidate -> voter: (index, logTerm) = candidate's last entry
    MsgVoteResp,       //
    MsgPreVote,        // as MsgVote for term+1, without changing anyone's term (thesis 9.6)
    MsgPreVoteResp,    //
    MsgSnap,           // leader -> follower: install snapshot
    MsgHeartbeat,      // leader -> follower: commit (capped at follower's match), context
    MsgHeartbeatResp,  // echoes context (read-index round)
    MsgTransferLeader, // from = transferee; followers forward it to the leader
    MsgTimeoutNow,     // leader -> transferee: campaign now
    MsgReadIndex,      // context = request id; followers forward it to the leader
    MsgReadIndexResp,  // leader -> follower: index = read index, context = request id
    MsgUnreachable,    // local: from = peer the transport could not reach
    MsgSnapStatus,     // local: from = peer, reject = snapshot send failed
    MsgCheckQuorum,    // local: leader verifies it heard from a quorum (thesis 6.2)
};
inline constexpr int kMessageTypeCount = int(MessageType::MsgCheckQuorum) + 1;

const char *messageTypeName(MessageType t);
bool isLocalMessage(MessageType t);
bool isResponseMessage(MessageType t);

// One Raft message. Only the fields a kind uses are meaningful; the rest stay zero.
// Wire form (encode/decode): version byte, type byte, flags byte (bit 0 reject, bit 1 has
// snapshot), varints to, from, term, logTerm, index, commit, rejectHint, length-prefixed
// context, entry count and entries, then the snapshot if flagged. decode() accepts only
// well-formed input that it consumes exactly; it never allocates beyond the input size.
struct Message
{
    MessageType type = MessageType::MsgHup;
    quint64 to = 0;
    quint64 from = 0;
    quint64 term = 0;
    quint64 logTerm = 0;
    quint64 index = 0;
    QList<Entry> entries;
    quint64 commit = 0;
    Snapshot snapshot;
    bool reject = false;
    quint64 rejectHint = 0;
    QByteArray context;

    QByteArray encode() const;
    static std::optional<Message> decode(const QByteArray &bytes);
    void writeTo(WireWriter &w) const;
    static Message readFrom(WireReader &r);

    friend bool operator==(const Message &a, const Message &b)
    {
        return a.type == b.type && a.to == b.to && a.from == b.from && a.term == b.term &&
               a.logTerm == b.logTerm && a.index == b.index && a.entries == b.entries &&
               a.commit == b.commit && a.snapshot == b.snapshot && a.reject == b.reject &&
               a.rejectHint == b.rejectHint && a.context == b.context;
    }
};

} // namespace raft
