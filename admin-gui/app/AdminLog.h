#pragma once

#include <QLoggingCategory>

// Logging category of the administration app ("qetcd.admin").
Q_DECLARE_LOGGING_CATEGORY(lcAdmin)
