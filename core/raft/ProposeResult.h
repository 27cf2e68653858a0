// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

namespace raft {

// Outcome of handing a request to the local member. Ok means accepted (appended by the
// leader, or forwarded towards it); it does not mean committed: the application learns
// that from committedEntries and must time out requests that never show up there.
enum class ProposeResult {
    Ok,
    NoLeader,           // no known leader to take or forward it
    TransferInProgress, // the leader is handing over leadership
    ConfChangePending,  // an earlier membership change is not applied yet
    LearnerNotCaughtUp, // promotion refused: the learner's log lags behind
    NotMember,          // this member was removed from the cluster
    TooMuchUncommitted, // the leader's uncommitted entries reached Config::maxUncommittedSize
    Invalid,            // malformed request (node id 0, empty read context, last voter)
};

// Outcome of RawNode::step for a message from the network.
enum class StepResult {
    Ok,
    LocalOnly,      // a local-only kind arrived from outside; ignored
    UnknownPeer,    // a response from a non-member; ignored
    WrongRecipient, // addressed to another member; ignored
    Malformed,      // inconsistent content (e.g. non-consecutive entries); ignored
};

} // namespace raft
