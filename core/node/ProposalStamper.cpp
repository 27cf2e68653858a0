// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "node/ProposalStamper.h"

#include "node/RaftRequest.h"
#include "raft/Message.h"

namespace node {

QByteArray ProposalStamper::stamp(const QByteArray &request, qint64 nowNs)
{
    std::optional<RaftRequest> decoded = RaftRequest::decode(request);
    if (!decoded || decoded->kind != RaftRequest::Kind::Store)
        return request;
    decoded->command.restamp(nowNs);
    return decoded->encode();
}

void ProposalStamper::stamp(raft::Message &message, qint64 nowNs)
{
    if (message.type != raft::MessageType::MsgProp)
        return;
    for (raft::Entry &entry : message.entries) {
        if (entry.type == raft::EntryType::Normal && !entry.data.isEmpty())
            entry.data = stamp(entry.data, nowNs);
    }
}

} // namespace node
