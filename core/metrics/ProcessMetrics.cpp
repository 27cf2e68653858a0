// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "metrics/ProcessMetrics.h"

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QList>

#include <sys/resource.h>
#include <unistd.h>

#include <limits>
#include <optional>

namespace metrics {

namespace {

prometheus::MetricFamily gauge(const char *name, const char *help, double value,
                               prometheus::MetricType type = prometheus::MetricType::Gauge)
{
    prometheus::MetricFamily family{name, help, type, {}};
    prometheus::ClientMetric m;
    if (type == prometheus::MetricType::Counter)
        m.counter.value = value;
    else
        m.gauge.value = value;
    family.metric.push_back(std::move(m));
    return family;
}

// /proc files report a size of 0: read until the end, bounded (they are small).
QByteArray readProcFile(const char *path)
{
    QFile f(QString::fromLatin1(path));
    if (!f.open(QIODevice::ReadOnly))
        return {};
    return f.read(64 * 1024);
}

// The fields of /proc/self/stat after the command name (which may contain spaces and
// parentheses, hence the last ')'): fields[0] is the state, field 3 of proc(5).
QList<QByteArray> statFields()
{
    const QByteArray stat = readProcFile("/proc/self/stat");
    const qsizetype close = stat.lastIndexOf(')');
    if (close < 0)
        return {};
    return stat.mid(close + 2).trimmed().split(' ');
}

std::optional<double> bootTimeSeconds()
{
    for (const QByteArray &line : readProcFile("/proc/stat").split('\n')) {
        if (line.startsWith("btime ")) {
            bool ok = false;
            const double v = line.mid(6).trimmed().toDouble(&ok);
            if (ok)
                return v;
        }
    }
    return std::nullopt;
}

double limitValue(rlim_t v)
{
    // Go's collector prints an unlimited limit as 2^64-1 (1.8446744073709552e+19).
    return v == RLIM_INFINITY ? double(std::numeric_limits<quint64>::max()) : double(v);
}

} // namespace

std::vector<prometheus::MetricFamily> ProcessMetrics::collect()
{
    std::vector<prometheus::MetricFamily> out;
    const QList<QByteArray> f = statFields();
    const double ticks = double(::sysconf(_SC_CLK_TCK));
    const double page = double(::sysconf(_SC_PAGESIZE));
    // proc(5) numbers fields from 1 with the pid; f[0] is field 3. utime 14, stime 15,
    // starttime 22, vsize 23, rss 24.
    auto field = [&f](int number) { return f.value(number - 3).toDouble(); };
    if (f.size() >= 22 && ticks > 0) {
        out.push_back(gauge("process_cpu_seconds_total",
                            "Total user and system CPU time spent in seconds.",
                            (field(14) + field(15)) / ticks, prometheus::MetricType::Counter));
        out.push_back(
            gauge("process_virtual_memory_bytes", "Virtual memory size in bytes.", field(23)));
        out.push_back(gauge("process_resident_memory_bytes", "Resident memory size in bytes.",
                            field(24) * page));
        if (const std::optional<double> boot = bootTimeSeconds())
            out.push_back(gauge("process_start_time_seconds",
                                "Start time of the process since unix epoch in seconds.",
                                *boot + field(22) / ticks));
    }
    const QDir fds(QStringLiteral("/proc/self/fd"));
    if (fds.exists())
        out.push_back(gauge(
            "process_open_fds", "Number of open file descriptors.",
            double(fds.entryList(QDir::AllEntries | QDir::System | QDir::NoDotAndDotDot).size())));
    rlimit lim{};
    if (::getrlimit(RLIMIT_NOFILE, &lim) == 0)
        out.push_back(gauge("process_max_fds", "Maximum number of open file descriptors.",
                            limitValue(lim.rlim_cur)));
    if (::getrlimit(RLIMIT_AS, &lim) == 0)
        out.push_back(gauge("process_virtual_memory_max_bytes",
                            "Maximum amount of virtual memory available in bytes.",
                            limitValue(lim.rlim_cur)));
    return out;
}

} // namespace metrics
