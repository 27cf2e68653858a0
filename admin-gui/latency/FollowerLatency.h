// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QPointF>
#include <QString>

#include <deque>

namespace admin {

// The leader's view of one follower (/v2/stats/leader "followers" entry):
// the latest statistics the leader computed, plus the recent "current"
// latencies as (time in ms, latency in ms) points for the chart.
// A follower is "answering" while the leader's success count (answered
// pings, sent every 100 ms) keeps growing; `answered` says it for each
// sample, parallel to `samples`. The leader keeps reporting the last
// latency it measured while a follower is silent, so `current` alone
// cannot show a paused or dead follower.
// Plain value type.
struct FollowerLatency
{
    QString id;
    QString name; // from /v2/members when known
    double current = 0;
    double average = 0;
    double minimum = 0;
    double maximum = 0;
    double standardDeviation = 0;
    qint64 success = 0;
    qint64 fail = 0;
    std::deque<QPointF> samples;
    std::deque<bool> answered; // parallel to samples
    bool answering = true;
    // Source-clock time (ms) of the sample that last showed a new success,
    // or of the first sample when the follower never answered.
    qint64 lastAnswerMs = -1;
    bool everAnswered = false;
};

} // namespace admin
