// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// What a peer sends and the log replicates, decoded by the member: Raft
// messages and their parts (Message, Entry, HardState, ConfChange,
// ConfState, SnapshotMetadata; core/raft WireReader), the entry payloads
// (RaftRequest, store Command, AuthCommand), and committed store commands
// applied to a store. Everything that decodes must encode to bytes that
// decode to the same value, and a store that applied anything must save an
// image that recovers.
// Input: selector byte, then the encoded value (for the store sequence:
// records of u8 length + Command bytes).
#include "FuzzInput.h"
#include "auth/AuthCommand.h"
#include "node/RaftRequest.h"
#include "raft/ConfChange.h"
#include "raft/ConfState.h"
#include "raft/Entry.h"
#include "raft/HardState.h"
#include "raft/Message.h"
#include "raft/SnapshotMetadata.h"
#include "store/Command.h"
#include "store/Store.h"

namespace {

template <typename T> void roundTrip(const QByteArray &bytes)
{
    const std::optional<T> value = T::decode(bytes);
    if (!value)
        return;
    const std::optional<T> back = T::decode(value->encode());
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(*back == *value);
}

void raftRequest(const QByteArray &bytes)
{
    const std::optional<node::RaftRequest> r = node::RaftRequest::decode(bytes);
    if (!r)
        return;
    const QByteArray encoded = r->encode();
    const std::optional<node::RaftRequest> back = node::RaftRequest::decode(encoded);
    FUZZ_CHECK(back.has_value());
    FUZZ_CHECK(back->encode() == encoded);
    if (r->kind == node::RaftRequest::Kind::Auth)
        roundTrip<auth::AuthCommand>(r->auth);
    if (r->kind == node::RaftRequest::Kind::Store) {
        store::Store store;
        store.apply(r->command);
    }
}

void storeSequence(FuzzInput &in)
{
    store::Store store;
    while (!in.atEnd()) {
        const std::optional<store::Command> c = store::Command::decode(in.take(in.byte()));
        if (c)
            store.apply(*c);
    }
    const QByteArray saved = store.save();
    store::Store again;
    FUZZ_CHECK(again.recover(saved));
    FUZZ_CHECK(again.save() == saved);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    const quint8 selector = in.byte() % 10;
    if (selector == 9) {
        storeSequence(in);
        return 0;
    }
    const QByteArray bytes = in.rest();
    switch (selector) {
    case 0:
        roundTrip<raft::Message>(bytes);
        break;
    case 1:
        roundTrip<raft::Entry>(bytes);
        break;
    case 2:
        roundTrip<raft::HardState>(bytes);
        break;
    case 3:
        roundTrip<raft::ConfChange>(bytes);
        break;
    case 4:
        roundTrip<raft::ConfState>(bytes);
        break;
    case 5:
        roundTrip<raft::SnapshotMetadata>(bytes);
        break;
    case 6:
        raftRequest(bytes);
        break;
    case 7:
        roundTrip<store::Command>(bytes);
        break;
    case 8:
        roundTrip<auth::AuthCommand>(bytes);
        break;
    }
    return 0;
}
