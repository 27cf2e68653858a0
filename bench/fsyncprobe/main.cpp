// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcd-fsyncprobe: measures what one durable WAL append costs on a disk, without qetcd.
// It appends fixed-size records to a fresh file in the given directory and calls fdatasync
// after each one, exactly the I/O pattern of a 1-connection write on a member (one small
// record, one sync), then prints p50/p99/avg of the fdatasync latency in microseconds.
// Output is one human line plus one key=value line for scripts.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTextStream>

#include <algorithm>
#include <cmath>
#include <cerrno>
#include <cstring>
#include <numeric>
#include <unistd.h>

namespace {

qint64 percentile(const QList<qint64> &sorted, double p)
{
    // Nearest-rank percentile.
    const qsizetype rank = qsizetype(std::ceil(p / 100.0 * double(sorted.size())));
    return sorted[std::clamp<qsizetype>(rank - 1, 0, sorted.size() - 1)];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qetcd-fsyncprobe"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate(
        "main", "Measures append + fdatasync latency in a directory (the disk's own WAL cost)."));
    parser.addHelpOption();
    parser.addPositionalArgument(
        QStringLiteral("dir"),
        QCoreApplication::translate("main", "Directory on the disk to probe."));
    const QCommandLineOption countOpt(
        {QStringLiteral("n"), QStringLiteral("count")},
        QCoreApplication::translate("main", "Number of appends (default 1000)."),
        QStringLiteral("count"), QStringLiteral("1000"));
    const QCommandLineOption sizeOpt(
        {QStringLiteral("s"), QStringLiteral("size")},
        QCoreApplication::translate("main", "Bytes per record (default 256)."),
        QStringLiteral("bytes"), QStringLiteral("256"));
    parser.addOption(countOpt);
    parser.addOption(sizeOpt);
    parser.process(app);

    bool okCount = false, okSize = false;
    const int count = parser.value(countOpt).toInt(&okCount);
    const int size = parser.value(sizeOpt).toInt(&okSize);
    if (parser.positionalArguments().size() != 1 || !okCount || count <= 0 || !okSize ||
        size <= 0) {
        err << QCoreApplication::translate("main",
                                           "usage: qetcd-fsyncprobe [-n count] [-s bytes] dir")
            << Qt::endl;
        return 2;
    }
    const QString dir = parser.positionalArguments().first();
    const QString path = QDir(dir).filePath(
        QStringLiteral("qetcd-fsyncprobe-%1.tmp").arg(QCoreApplication::applicationPid()));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::NewOnly | QIODevice::Unbuffered)) {
        err << QCoreApplication::translate("main", "cannot create %1: %2")
                   .arg(path, file.errorString())
            << Qt::endl;
        return 1;
    }

    const QByteArray record(size, 'r');
    QList<qint64> micros;
    micros.reserve(count);
    QElapsedTimer timer;
    int status = 0;
    for (int i = 0; i < count; ++i) {
        if (file.write(record) != record.size()) {
            err << QCoreApplication::translate("main", "write failed: %1").arg(file.errorString())
                << Qt::endl;
            status = 1;
            break;
        }
        timer.start();
        const int rc = ::fdatasync(file.handle());
        const qint64 ns = timer.nsecsElapsed();
        if (rc != 0) {
            err << QCoreApplication::translate("main", "fdatasync failed: %1")
                       .arg(QString::fromLocal8Bit(std::strerror(errno)))
                << Qt::endl;
            status = 1;
            break;
        }
        micros.append(ns / 1000);
    }
    file.close();
    QFile::remove(path);
    if (status != 0 || micros.isEmpty())
        return status ? status : 1;

    const double avg = std::accumulate(micros.cbegin(), micros.cend(), 0.0) / double(micros.size());
    std::sort(micros.begin(), micros.end());
    const qint64 p50 = percentile(micros, 50), p99 = percentile(micros, 99);
    out << QCoreApplication::translate("main",
                                       "fdatasync after %1-byte appends in %2 (%3 samples): "
                                       "p50 %4 us, p99 %5 us, avg %6 us, min %7 us, max %8 us")
               .arg(size)
               .arg(QDir(dir).absolutePath())
               .arg(micros.size())
               .arg(p50)
               .arg(p99)
               .arg(avg, 0, 'f', 1)
               .arg(micros.first())
               .arg(micros.last())
        << Qt::endl;
    out << QStringLiteral("fsyncprobe samples=%1 p50_us=%2 p99_us=%3 avg_us=%4")
               .arg(micros.size())
               .arg(p50)
               .arg(p99)
               .arg(avg, 0, 'f', 1)
        << Qt::endl;
    return 0;
}
