// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "client/Node.h"
#include "client/Response.h"

#include <QByteArray>
#include <QString>

namespace ctl {

class Invocation;

// etcdctl v2's output of key responses: "simple" (the value), "extended"
// (RFC 822 style header block) and "json" (Go's json.Marshal of the client's
// Response, key order and escaping included), plus `ls` listings.
// Pure formatting; writes through Invocation's stdout/stderr.

QByteArray nodeJson(const client::Node &node);
QByteArray responseJson(const client::Response &response);
// The bytes printResponseKey writes to stdout; *supported is false (and the
// result empty) for formats other than simple, extended and json.
QByteArray formatResponseKey(const client::Response &response, const QString &format,
                             bool *supported = nullptr);
// printResponseKey: unknown formats print "Unsupported output format: x".
void printResponseKey(const client::Response &response, const QString &format);
// The simple `ls` listing.
QByteArray formatLs(const client::Response &response, bool slashDirs);
// printLs: key names (recursively; "/" after directories with -p) in simple
// format, printResponseKey otherwise.
void printLs(const client::Response &response, const QString &format, bool slashDirs);

} // namespace ctl
