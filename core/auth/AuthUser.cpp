// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "auth/AuthUser.h"

namespace auth {

const QString AuthUser::kRootName = QStringLiteral("root");

} // namespace auth
