// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "client/ClientLog.h"

namespace client {

Q_LOGGING_CATEGORY(lcClient, "qetcd.client", QtWarningMsg)

} // namespace client
