// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Message wire form and message-kind classification (local-only kinds never cross the
// network; response kinds are only accepted from known members).
#include "raft/Message.h"

#include "raft/WireFormat.h"

namespace raft {

namespace {
constexpr quint8 kFlagReject = 0x01;
constexpr quint8 kFlagSnapshot = 0x02;
// Smallest encoded entry: term, index, type, data length (one byte each).
constexpr int kMinEntryBytes = 4;
} // namespace

const char *messageTypeName(MessageType t)
{
    static const char *const names[kMessageTypeCount] = {
        "MsgHup",
        "MsgBeat",
        "MsgProp",
        "MsgApp",
        "MsgAppResp",
        "MsgVote",
        "MsgVoteResp",
        "MsgPreVote",
        "MsgPreVoteResp",
        "MsgSnap",
        "MsgHeartbeat",
        "MsgHeartbeatResp",
        "MsgTransferLeader",
        "MsgTimeoutNow",
        "MsgReadIndex",
        "MsgReadIndexResp",
        "MsgUnreachable",
        "MsgSnapStatus",
        "MsgCheckQuorum",
    };
    const int i = int(t);
    return i < kMessageTypeCount ? names[i] : "MsgUnknown";
}

bool isLocalMessage(MessageType t)
{
    switch (t) {
    case MessageType::MsgHup:
    case MessageType::MsgBeat:
    case MessageType::MsgUnreachable:
    case MessageType::MsgSnapStatus:
    case MessageType::MsgCheckQuorum:
        return true;
    default:
        return false;
    }
}

bool isResponseMessage(MessageType t)
{
    switch (t) {
    case MessageType::MsgAppResp:
    case MessageType::MsgVoteResp:
    case MessageType::MsgPreVoteResp:
    case MessageType::MsgHeartbeatResp:
    case MessageType::MsgUnreachable:
        return true;
    default:
        return false;
    }
}

void Message::writeTo(WireWriter &w) const
{
    w.u8(quint8(type));
    w.u8((reject ? kFlagReject : 0) | (snapshot.isEmpty() ? 0 : kFlagSnapshot));
    w.varint(to);
    w.varint(from);
    w.varint(term);
    w.varint(logTerm);
    w.varint(index);
    w.varint(commit);
    w.varint(rejectHint);
    w.bytes(context);
    w.varint(quint64(entries.size()));
    for (const Entry &e : entries)
        e.writeTo(w);
    if (!snapshot.isEmpty()) {
        snapshot.metadata.writeTo(w);
        w.bytes(snapshot.data);
    }
}

Message Message::readFrom(WireReader &r)
{
    Message m;
    const quint8 type = r.u8();
    const quint8 flags = r.u8();
    if (type >= kMessageTypeCount || (flags & ~(kFlagReject | kFlagSnapshot)))
        r.fail();
    m.type = MessageType(type);
    m.reject = flags & kFlagReject;
    m.to = r.varint();
    m.from = r.varint();
    m.term = r.varint();
    m.logTerm = r.varint();
    m.index = r.varint();
    m.commit = r.varint();
    m.rejectHint = r.varint();
    m.context = r.bytes();
    const quint64 n = r.count(kMinEntryBytes);
    m.entries.reserve(WireReader::reserveFor(n));
    for (quint64 i = 0; i < n && r.ok(); ++i)
        m.entries.append(Entry::readFrom(r));
    if (flags & kFlagSnapshot) {
        m.snapshot.metadata = SnapshotMetadata::readFrom(r);
        m.snapshot.data = r.bytes();
        if (m.snapshot.isEmpty())
            r.fail();
    }
    return m;
}

QByteArray Message::encode() const
{
    return encodeVersioned(*this);
}

std::optional<Message> Message::decode(const QByteArray &bytes)
{
    return decodeVersioned<Message>(bytes);
}

} // namespace raft
