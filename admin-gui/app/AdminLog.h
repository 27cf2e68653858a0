#pragma once

#include <QLoggingCategory>

namespace admin {

// Logging category of the administration app ("qetcd.admin").
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)

} // namespace admin
