#pragma once

#include <QLoggingCategory>

// Logging category of the v2 client library ("qetcd.client").
Q_DECLARE_LOGGING_CATEGORY(lcClient)
