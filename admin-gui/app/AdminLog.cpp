#include "app/AdminLog.h"

Q_LOGGING_CATEGORY(lcAdmin, "qetcd.admin", QtInfoMsg)
