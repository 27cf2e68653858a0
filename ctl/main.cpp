// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcdctl: an etcdctl (API v2) compatible command-line client for qetcd and
// etcd. All logic lives in App and the command files; all HTTP in core/client.
#include "ctl/App.h"
#include "ctl/Invocation.h"

#include <QCoreApplication>
#include <QFileInfo>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString name = QFileInfo(QString::fromLocal8Bit(argv[0])).fileName();
    ctl::App cli(name.isEmpty() ? QStringLiteral("qetcdctl") : name);
    ctl::Invocation::exit(cli.run(QCoreApplication::arguments().mid(1)));
}
