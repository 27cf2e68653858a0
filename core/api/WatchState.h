// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/EncodedEvent.h"
#include "api/HttpResponse.h"

#include <QList>

#include <memory>

namespace api {

// One watch answer in progress (V2Api::startWatch). Owned by its channel's onClosed callback (and
// so by the channel it owns in turn) until the client leaves or the watch ends; the store's sink,
// or the StreamGroup it belongs to, reaches it too. The api's thread only.
struct WatchState
{
    std::shared_ptr<ResponseChannel> channel;
    bool started = false;
    bool finished = false;
    bool stream = false;
    QList<std::shared_ptr<const EncodedEvent>> pending; // events before the head went out
    quint64 watcherId = 0;
};

} // namespace api
