// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "DaemonProcess.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QStringList>

namespace testsupport {

// What one run of qetcdctl printed and returned.
struct CtlResult
{
    QByteArray out;
    QByteArray err;
    int code = -1;
};

// The qetcdctl built beside the tests (DaemonProcess::binary).
inline QString ctlBinary()
{
    return DaemonProcess::binary(QStringLiteral("qetcdctl"));
}

// Runs qetcdctl with `args` and `input` on its stdin to the end (killed after `timeoutMs`).
inline CtlResult runCtl(const QStringList &args, const QByteArray &input = {},
                        const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                        int timeoutMs = 30000)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(ctlBinary(), args);
    p.waitForStarted();
    p.write(input);
    p.closeWriteChannel();
    if (!p.waitForFinished(timeoutMs))
        p.kill();
    return {p.readAllStandardOutput(), p.readAllStandardError(), p.exitCode()};
}

} // namespace testsupport
