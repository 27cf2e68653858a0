#include "app/AdminLog.h"

namespace admin {

Q_LOGGING_CATEGORY(lcAdmin, "qetcd.admin", QtInfoMsg)

} // namespace admin
