#include "auth/AuthUser.h"

const QString AuthUser::kRootName = QStringLiteral("root");
