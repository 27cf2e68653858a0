// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

namespace admin {

// How serious a message to the user is; picks the colour of a MessageBanner.
enum class Severity { Info, Success, Warning, Error };

} // namespace admin
