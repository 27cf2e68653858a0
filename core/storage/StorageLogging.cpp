// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "storage/StorageLogging.h"

namespace storage {

Q_LOGGING_CATEGORY(lcStorage, "qetcd.storage", QtInfoMsg)

} // namespace storage
