// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Logging category of the peer transport ("qetcd.transport"). Connection failures and
// refused handshakes are warnings/errors; per-frame tracing is debug, off by default
// (QT_LOGGING_RULES="qetcd.transport.debug=true").
#pragma once

#include <QLoggingCategory>

namespace transport {

Q_DECLARE_LOGGING_CATEGORY(lcTransport)

} // namespace transport
