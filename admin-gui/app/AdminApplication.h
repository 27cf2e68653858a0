// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "connection/ConnectionProfile.h"

#include <QString>

class QApplication;

namespace admin {

// What qetcd-admin and its screenshot tool (tools/screenshots) share before
// the first window opens, so both draw the same app: its names, version
// and icon, and its translation catalogue picked by the system locale (the
// catalogue must be compiled into the executable under :/i18n). GUI
// thread, once, right after the QApplication is made.
namespace AdminApplication {

void setUp(QApplication *app);

// The connection profile of --endpoints URLS [--user NAME]; the password
// comes from QETCD_PASSWORD so that it never shows in a process list.
ConnectionProfile commandLineProfile(const QString &endpointText, const QString &user);

} // namespace AdminApplication

} // namespace admin
