#include "auth/AuthUser.h"

namespace auth {

const QString AuthUser::kRootName = QStringLiteral("root");

} // namespace auth
