// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QtGlobal>

namespace transport {

// Payload traffic of the whole transport (all peers; control frames not counted), for
// /v2/stats/self: totals since start and rates over the last second. Value type.
struct TrafficStats
{
    quint64 sentMessages = 0;
    quint64 sentBytes = 0;
    double sendMessageRate = 0; // payloads per second
    double sendByteRate = 0;    // bytes per second
    quint64 receivedMessages = 0;
    quint64 receivedBytes = 0;
    double receiveMessageRate = 0;
    double receiveByteRate = 0;
};

} // namespace transport
