// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "UsageText.h"

#include "FlagTable.h"

#include <QSysInfo>

#ifndef QETCD_VERSION
#define QETCD_VERSION "unknown"
#endif

namespace server::config {

namespace {

QString sectionTitle(FlagDefinition::Section section)
{
    switch (section) {
    case FlagDefinition::Section::Member:
        return QCoreApplication::translate("server::config::UsageText", "member flags:");
    case FlagDefinition::Section::Clustering:
        return QCoreApplication::translate("server::config::UsageText", "clustering flags:");
    case FlagDefinition::Section::Proxy:
        return QCoreApplication::translate("server::config::UsageText", "proxy flags:");
    case FlagDefinition::Section::Security:
        return QCoreApplication::translate("server::config::UsageText", "security flags:");
    case FlagDefinition::Section::Logging:
        return QCoreApplication::translate("server::config::UsageText", "logging flags:");
    case FlagDefinition::Section::Unsafe:
        return QCoreApplication::translate("server::config::UsageText", "unsafe flags:");
    }
    return {};
}

} // namespace

QString UsageText::help()
{
    QString text =
        tr("usage: qetcd [flags]\n"
           "       start a qetcd member (speaks the etcd v2 API)\n"
           "\n"
           "       qetcd --version\n"
           "       show the version of qetcd\n"
           "\n"
           "       qetcd -h | --help\n"
           "       show the help information about qetcd\n"
           "\n"
           "       qetcd wal verify|dump|repair --data-dir DIR\n"
           "       check, print or repair a stopped member's write-ahead log\n"
           "\n"
           "       qetcd import-etcd --etcd-data-dir DIR --data-dir OUT\n"
           "       make a qetcd data dir from a stopped etcd's, v2 indexes intact\n"
           "\n"
           "       qetcd --config-file FILE\n"
           "       start a member configured by etcd 3.4's YAML file\n"
           "\n"
           "Flags take one dash or two (-name x, --name x, --name=x). Boolean flags are\n"
           "set by their name alone or by --flag=true / --flag=false. Every flag can also\n"
           "be given as the environment variable ETCD_<FLAG> (upper case, '-' becomes\n"
           "'_', e.g. ETCD_DATA_DIR); a flag on the command line wins over it.\n");
    bool first = true;
    FlagDefinition::Section current = FlagDefinition::Section::Member;
    for (const FlagDefinition &f : FlagTable::all()) {
        if (first || f.section != current) {
            text += QLatin1Char('\n') + sectionTitle(f.section) + QLatin1String("\n\n");
            current = f.section;
            first = false;
        }
        text += QStringLiteral("\t--%1 '%2'\n\t\t%3\n")
                    .arg(f.name, f.defaultText,
                         QCoreApplication::translate("FlagTable", f.description));
    }
    text += tr("\nunsafe flags can break the guarantees given by the consensus protocol.\n"
               "For example, --force-new-cluster can lose acknowledged writes if other members\n"
               "of the previous cluster are still alive. Use them with caution.\n");
    return text;
}

QString UsageText::version()
{
    // A fixed format, as etcd's --version, which scripts read: not translated.
    return QStringLiteral("qetcd Version: %1\n"
                          "etcd v2 API 2.2\n"
                          "Qt Version: %2\n"
                          "OS/Arch: %3/%4\n")
        .arg(QLatin1String(QETCD_VERSION), QLatin1String(qVersion()), QSysInfo::kernelType(),
             QSysInfo::currentCpuArchitecture());
}

} // namespace server::config
