// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "raft/ConfChange.h"
#include "raft/Ready.h"
#include "raft/Status.h"

#include <QString>

#include <functional>

namespace raft {

// Readable one-line (or few-line) descriptions of Raft values for debug logs, test failure
// messages and the golden files of tests/raft/testdata. The format follows etcd-io/raft's
// Describe* helpers so that traces read alike side by side:
//   1->2 MsgApp Term:1 Log:1/3 Commit:3 Entries:[1/4 EntryNormal "foo"]
//   Ready MustSync=true:
//   Lead:1 State:StateLeader
//   HardState Term:1 Vote:1 Commit:3
//   Entries:
//   1/4 EntryNormal "foo"
// Pure functions of their arguments (no clock, no state): the golden files depend on the
// exact text, so change it only together with them (QETCD_REWRITE_GOLDEN=1 regenerates).

// Renders the data of a normal entry; the default quotes it as Go's %q would.
using EntryFormatter = std::function<QString(const QByteArray &)>;

QString quoteBytes(const QByteArray &data);
QString describe(const Entry &e, const EntryFormatter &format = {});
QString describe(const QList<Entry> &entries, const EntryFormatter &format = {});
QString describe(const HardState &hs);
QString describe(const SoftState &ss);
QString describe(const ConfState &cs);
QString describe(const ConfChange &cc);
QString describe(const Snapshot &snap); // metadata only; the data is opaque
QString describe(const Message &m, const EntryFormatter &format = {});
QString describe(const Ready &rd, const EntryFormatter &format = {});
QString describe(const Status &st);

} // namespace raft
