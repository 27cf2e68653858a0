// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The state-machine image a Raft snapshot carries, as a member installs it
// from its disk or from a leader (EtcdNode's snapshot install): the
// NodeSnapshot envelope, the store image (StoreSnapshot via Store::recover),
// the membership JSON (ClusterMembership) and the auth image (AuthStore).
// Whatever decodes must save back to an image that decodes to the same.
// Input: selector byte (0 the whole envelope, 1 store, 2 auth, 3 membership
// image alone), then the image.
#include "../common/PieceSource.h"
#include "FuzzInput.h"
#include "auth/AuthStore.h"
#include "node/ClusterMembership.h"
#include "node/NodeSnapshot.h"
#include "store/Store.h"

namespace {

void checkStore(const QByteArray &image)
{
    store::Store store;
    if (!store.recover(image))
        return;
    const QByteArray saved = store.save();
    store::Store again;
    FUZZ_CHECK(again.recover(saved));
    FUZZ_CHECK(again.save() == saved);
}

void checkAuth(const QByteArray &image)
{
    auth::AuthStore auth;
    if (!auth.recover(image))
        return;
    const QByteArray saved = auth.save();
    auth::AuthStore again;
    FUZZ_CHECK(again.recover(saved));
    FUZZ_CHECK(again.save() == saved);
}

void checkMembership(const QByteArray &json)
{
    const std::optional<node::ClusterMembership> m = node::ClusterMembership::fromJson(json);
    if (!m)
        return;
    const QByteArray saved = m->toJson();
    const std::optional<node::ClusterMembership> again = node::ClusterMembership::fromJson(saved);
    FUZZ_CHECK(again.has_value());
    FUZZ_CHECK(again->toJson() == saved);
}

// A restart reads its snapshot file a piece at a time (NodeSnapshot::read): it must take exactly
// the images that are taken whole, and build the same store from them.
void checkReadInPieces(const QByteArray &image)
{
    std::optional<store::StoreSnapshot::Decoded> whole;
    const std::optional<node::NodeSnapshot::View> parts = node::NodeSnapshot::split(image);
    if (parts)
        whole = store::StoreSnapshot::decode(parts->store);
    store::DataStreamReader reader(piecesOf(image, 1 + image.size() % 7), QDataStream::BigEndian);
    std::optional<node::NodeSnapshot::Decoded> streamed = node::NodeSnapshot::read(reader);
    FUZZ_CHECK(streamed.has_value() == whole.has_value());
    if (!streamed)
        return;
    FUZZ_CHECK(streamed->membership == parts->membership);
    FUZZ_CHECK(streamed->auth == parts->auth);
    store::Store a;
    store::Store b;
    a.recover(std::move(*whole));
    b.recover(std::move(streamed->store));
    FUZZ_CHECK(a.save() == b.save());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FuzzInput in(data, size);
    const quint8 selector = in.byte() % 4;
    const QByteArray image = in.rest();
    switch (selector) {
    case 0:
        checkReadInPieces(image);
        if (const std::optional<node::NodeSnapshot> snap = node::NodeSnapshot::decode(image)) {
            FUZZ_CHECK(node::NodeSnapshot::decode(snap->encode()).has_value());
            checkStore(snap->store);
            checkMembership(snap->membership);
            if (!snap->auth.isEmpty())
                checkAuth(snap->auth);
        }
        break;
    case 1:
        checkStore(image);
        break;
    case 2:
        checkAuth(image);
        break;
    case 3:
        checkMembership(image);
        break;
    }
    return 0;
}
