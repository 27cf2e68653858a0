// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "ProxyDaemon.h"

#include <QLoggingCategory>

namespace server::proxy {

Q_LOGGING_CATEGORY(lcProxy, "qetcd.proxy")

ProxyDaemon::ProxyDaemon(const config::Config &config, const FdLimit::Limits &fdLimits)
    : m_config(config), m_fdLimits(fdLimits)
{
}

ProxyDaemon::~ProxyDaemon()
{
    stop();
}

bool ProxyDaemon::start()
{
    qCCritical(lcProxy, "proxy mode is not available yet");
    return false;
}

void ProxyDaemon::stop() {}

} // namespace server::proxy
