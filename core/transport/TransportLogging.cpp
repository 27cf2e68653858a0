// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "transport/TransportLogging.h"

namespace transport {

Q_LOGGING_CATEGORY(lcTransport, "qetcd.transport", QtInfoMsg)

} // namespace transport
