// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// /metrics of a real 3-member cluster, read the way an administrator's Prometheus reads it:
// - `promtool check metrics` (Prometheus' own linter, from Debian's prometheus) finds nothing;
// - every series that etcd's own alert rules (tests/cluster/data/etcd3_alert.rules.yml, the
//   non-gRPC ones) select exists, label matchers included, so no rule is silently inactive;
// - killing the leader moves etcd_server_leader_changes_seen_total on the survivors, and the
//   request counters count what the clients did.

#include "ClusterHttp.h"
#include "DaemonProcess.h"

#include <QFile>
#include <QMultiHash>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

#include <csignal>

#include <optional>

namespace {

using Reply = ClusterHttp::Reply;

// One sample line of the text format: name, labels, value.
struct Sample
{
    QString name;
    QHash<QString, QString> labels;
    double value = 0;
};

QList<Sample> parseSamples(const QByteArray &text)
{
    static const QRegularExpression line(
        QStringLiteral(R"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$)"));
    static const QRegularExpression label(
        QStringLiteral(R"re(([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)")re"));
    QList<Sample> samples;
    for (const QByteArray &raw : text.split('\n')) {
        if (raw.isEmpty() || raw.startsWith('#'))
            continue;
        const QRegularExpressionMatch m = line.match(QString::fromUtf8(raw));
        if (!m.hasMatch())
            continue;
        Sample s;
        s.name = m.captured(1);
        auto it = label.globalMatch(m.captured(2));
        while (it.hasNext()) {
            const QRegularExpressionMatch l = it.next();
            s.labels.insert(l.captured(1), l.captured(2));
        }
        s.value = m.captured(3).toDouble();
        samples.append(s);
    }
    return samples;
}

// The value of the sample `name` with `labels` (a subset) in `text`, if there is one.
std::optional<double> valueOf(const QByteArray &text, const QString &name,
                              const QHash<QString, QString> &labels = {})
{
    for (const Sample &s : parseSamples(text)) {
        if (s.name != name)
            continue;
        bool all = true;
        for (auto it = labels.cbegin(); it != labels.cend(); ++it)
            all = all && s.labels.value(it.key()) == it.value();
        if (all)
            return s.value;
    }
    return std::nullopt;
}

struct Matcher
{
    QString label;
    QString op; // = != =~ !~
    QString value;
    bool holds(const QString &actual) const
    {
        if (op == QLatin1String("="))
            return actual == value;
        if (op == QLatin1String("!="))
            return actual != value;
        const QRegularExpression re(QRegularExpression::anchoredPattern(value));
        return re.match(actual).hasMatch() == (op == QLatin1String("=~"));
    }
};

struct Selector
{
    QString alert;
    QString metric;
    QList<Matcher> matchers;
};

struct Rule
{
    QString alert;
    QString expr;
};

// The alerting rules of a Prometheus rules file: each `- alert:` and its block `expr: |`.
// (Qt has no YAML; the file's layout is etcd's, fixed.)
QList<Rule> readRules(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QList<Rule> rules;
    bool inExpr = false;
    for (const QByteArray &raw : f.readAll().split('\n')) {
        const QString l = QString::fromUtf8(raw);
        const QString t = l.trimmed();
        if (inExpr) {
            if (l.startsWith(QLatin1String("      "))) {
                rules.last().expr += t + QLatin1Char(' ');
                continue;
            }
            inExpr = false;
        }
        if (t.startsWith(QLatin1String("- alert:")))
            rules.append({t.mid(8).trimmed(), {}});
        else if (t == QLatin1String("expr: |") && !rules.isEmpty())
            inExpr = true;
    }
    return rules;
}

// The series selectors of a PromQL expression: `name{matchers}` and bare names (not functions,
// keywords or the label lists of by/without/on/ignoring).
QList<Selector> selectorsOf(const Rule &rule)
{
    QList<Selector> out;
    QString e = rule.expr;
    static const QRegularExpression braced(
        QStringLiteral(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\})"));
    static const QRegularExpression matcher(
        QStringLiteral(R"re(([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)")re"));
    for (auto it = braced.globalMatch(e); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        Selector s{rule.alert, m.captured(1), {}};
        for (auto mi = matcher.globalMatch(m.captured(2)); mi.hasNext();) {
            const QRegularExpressionMatch x = mi.next();
            s.matchers.append({x.captured(1), x.captured(2), x.captured(3)});
        }
        out.append(s);
    }
    e.replace(braced, QStringLiteral(" "));
    e.replace(QRegularExpression(QStringLiteral(R"(\b(by|without|on|ignoring)\s*\([^)]*\))"),
                                 QRegularExpression::CaseInsensitiveOption),
              QStringLiteral(" "));
    e.replace(QRegularExpression(QStringLiteral(R"(\[[^\]]*\])")), QStringLiteral(" "));
    e.replace(QRegularExpression(QStringLiteral(R"(\b\d+(\.\d+)?([eE][+-]?\d+)?\b)")),
              QStringLiteral(" "));
    static const QStringList keywords{QStringLiteral("bool"), QStringLiteral("and"),
                                      QStringLiteral("or"), QStringLiteral("unless"),
                                      QStringLiteral("offset")};
    static const QRegularExpression bare(QStringLiteral(R"(([a-zA-Z_:][a-zA-Z0-9_:]*)\s*(\(?))"));
    for (auto it = bare.globalMatch(e); it.hasNext();) {
        const QRegularExpressionMatch m = it.next();
        if (!m.captured(2).isEmpty() || keywords.contains(m.captured(1), Qt::CaseInsensitive))
            continue; // a function or aggregation, or a keyword
        out.append({rule.alert, m.captured(1), {}});
    }
    return out;
}

// Labels a Prometheus server adds to every series of a target: not the exporter's.
bool isTargetLabel(const QString &label)
{
    return label == QLatin1String("job") || label == QLatin1String("instance");
}

} // namespace

class TestMetrics : public QObject
{
    Q_OBJECT

private:
    ClusterHttp m_client;
    ClusterHttp::Members m_members;

    QByteArray scrape(const DaemonProcess &d)
    {
        const Reply r = m_client.http("GET", d.clientUrl(), QStringLiteral("/metrics"));
        return r.status == 200 ? r.body : QByteArray();
    }

    DaemonProcess *memberWithId(quint64 id)
    {
        for (auto &d : m_members) {
            if (d->isRunning() && m_client.idOf(*d) == id)
                return d.get();
        }
        return nullptr;
    }

private slots:
    void initTestCase()
    {
        m_members = ClusterHttp::newCluster(
            {QStringLiteral("m0"), QStringLiteral("m1"), QStringLiteral("m2")});
        for (auto &d : m_members)
            QVERIFY(d->start());
        QVERIFY(m_client.waitForLeader(m_members) != 0);
        // Client traffic of every kind the rules look at: writes, reads, a failed compare
        // (412, which the failed-requests rules count; 404s they leave out).
        const QUrl url = m_members[0]->clientUrl();
        QCOMPARE(m_client.put(url, QStringLiteral("/metrics/a"), QStringLiteral("1")).status, 201);
        QCOMPARE(m_client.http("GET", url, QStringLiteral("/v2/keys/metrics/a")).status, 200);
        QCOMPARE(
            m_client.http("PUT", url, QStringLiteral("/v2/keys/metrics/a?prevValue=x"), "value=2")
                .status,
            412);
        QCOMPARE(m_client.http("GET", url, QStringLiteral("/v2/keys/metrics/none")).status, 404);
    }

    void promtoolFindsNoProblem()
    {
        const QString promtool = QStringLiteral(QETCD_TEST_PROMTOOL);
        QVERIFY2(!promtool.isEmpty(), "promtool not found: `make deps` puts it in .tools/");
        for (auto &d : m_members) {
            const QByteArray text = scrape(*d);
            QVERIFY(!text.isEmpty());
            QProcess p;
            p.start(promtool, {QStringLiteral("check"), QStringLiteral("metrics")});
            QVERIFY(p.waitForStarted());
            p.write(text);
            p.closeWriteChannel();
            QVERIFY(p.waitForFinished(30000));
            const QByteArray said = p.readAllStandardOutput() + p.readAllStandardError();
            QVERIFY2(p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0 && said.isEmpty(),
                     said.constData());
        }
    }

    void metricsAnswerAsPrometheusExpects()
    {
        // What the `up` series of the rules stands for: the target answers a scrape.
        QNetworkRequest req(
            QUrl(m_members[1]->clientUrl().toString() + QStringLiteral("/metrics")));
        std::unique_ptr<QNetworkReply> reply(m_client.nam().get(req));
        QVERIFY(QTest::qWaitFor([&] { return reply->isFinished(); }, 10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->header(QNetworkRequest::ContentTypeHeader).toString(),
                 QStringLiteral("text/plain; version=0.0.4"));
    }

    void everySelectorOfEtcdsAlertRulesMatches()
    {
        QList<Rule> rules = readRules(QFINDTESTDATA("data/etcd3_alert.rules.yml"));
        QCOMPARE(rules.size(), 14);
        rules.removeIf([](const Rule &r) { return r.alert.contains(QLatin1String("GRPC")); });
        // etcd's ten non-gRPC alerts (one of them at two severities).
        QCOMPARE(rules.size(), 11);
        QSet<QString> names;
        for (const Rule &r : rules)
            names.insert(r.alert);
        QCOMPARE(names.size(), 10);

        QList<Sample> exported;
        for (auto &d : m_members)
            exported += parseSamples(scrape(*d));
        QVERIFY(!exported.isEmpty());

        int checked = 0;
        for (const Rule &rule : std::as_const(rules)) {
            const QList<Selector> selectors = selectorsOf(rule);
            QVERIFY2(!selectors.isEmpty(), qPrintable(rule.alert));
            for (const Selector &s : selectors) {
                if (s.metric == QLatin1String("up"))
                    continue; // made by Prometheus per target (metricsAnswerAsPrometheusExpects)
                const bool found =
                    std::any_of(exported.cbegin(), exported.cend(), [&](const Sample &x) {
                        if (x.name != s.metric)
                            return false;
                        return std::all_of(
                            s.matchers.cbegin(), s.matchers.cend(), [&](const Matcher &m) {
                                return isTargetLabel(m.label) || m.holds(x.labels.value(m.label));
                            });
                    });
                QVERIFY2(found,
                         qPrintable(
                             QStringLiteral("%1: no series matches %2").arg(rule.alert, s.metric)));
                ++checked;
            }
        }
        // Every rule but etcdInsufficientMembers (only `up`) selects at least one exported series;
        // the two failed-request rules select two each.
        QCOMPARE(checked, 12);
    }

    void requestCountersCountClientRequests()
    {
        const QUrl url = m_members[2]->clientUrl();
        const QByteArray before = scrape(*m_members[2]);
        const double puts = valueOf(before, QStringLiteral("etcd_http_received_total"),
                                    {{QStringLiteral("method"), QStringLiteral("PUT")}})
                                .value_or(-1);
        const double timed =
            valueOf(before, QStringLiteral("etcd_http_successful_duration_seconds_count"),
                    {{QStringLiteral("method"), QStringLiteral("PUT")}})
                .value_or(-1);
        QVERIFY(puts >= 0 && timed >= 0);
        // One attempt each (ClusterHttp::put retries, which would count twice).
        for (int i = 0; i < 3; ++i)
            QCOMPARE(
                m_client.http("PUT", url, QStringLiteral("/v2/keys/metrics/c%1").arg(i), "value=v")
                    .status,
                201);
        const QByteArray after = scrape(*m_members[2]);
        QCOMPARE(valueOf(after, QStringLiteral("etcd_http_received_total"),
                         {{QStringLiteral("method"), QStringLiteral("PUT")}}),
                 std::optional<double>(puts + 3));
        QCOMPARE(valueOf(after, QStringLiteral("etcd_http_successful_duration_seconds_count"),
                         {{QStringLiteral("method"), QStringLiteral("PUT")}}),
                 std::optional<double>(timed + 3));
        // The failed compare of initTestCase, on m0, under its status.
        QCOMPARE(valueOf(scrape(*m_members[0]), QStringLiteral("etcd_http_failed_total"),
                         {{QStringLiteral("method"), QStringLiteral("PUT")},
                          {QStringLiteral("code"), QStringLiteral("412")}}),
                 std::optional<double>(1));
        // Peer traffic is counted both ways: a follower and its leader exchange appends and
        // their answers (followers talk to each other only in elections).
        const quint64 leaderId = m_client.waitForLeader(m_members);
        QVERIFY(leaderId != 0);
        DaemonProcess *follower = nullptr;
        for (auto &d : m_members) {
            const quint64 id = m_client.idOf(*d);
            if (id != 0 && id != leaderId)
                follower = d.get();
        }
        QVERIFY(follower);
        const QByteArray f = scrape(*follower);
        const QString leaderHex = QString::number(leaderId, 16);
        QVERIFY(valueOf(f, QStringLiteral("etcd_network_peer_sent_bytes_total"),
                        {{QStringLiteral("To"), leaderHex}})
                    .value_or(0) > 0);
        QVERIFY(valueOf(f, QStringLiteral("etcd_network_peer_received_bytes_total"),
                        {{QStringLiteral("From"), leaderHex}})
                    .value_or(0) > 0);
    }

    void stalledLeaderCountsLateHeartbeats()
    {
        // A leader whose process stops for 300 ms, six heartbeat intervals (50 ms here) and less
        // than the election timeout (500 ms): its next heartbeats go out late. etcd counts them
        // in etcd_server_heartbeat_send_failures_total and logs that the leader is overloaded.
        const quint64 leaderId = m_client.waitForLeader(m_members);
        QVERIFY(leaderId != 0);
        DaemonProcess *leader = memberWithId(leaderId);
        QVERIFY(leader);
        const std::optional<double> before =
            valueOf(scrape(*leader), QStringLiteral("etcd_server_heartbeat_send_failures_total"));
        QVERIFY(before.has_value());
        QVERIFY(::kill(pid_t(leader->processId()), SIGSTOP) == 0);
        QTest::qWait(300); // the stall itself; asserts nothing
        QVERIFY(::kill(pid_t(leader->processId()), SIGCONT) == 0);
        QTRY_VERIFY_WITH_TIMEOUT(
            valueOf(scrape(*leader), QStringLiteral("etcd_server_heartbeat_send_failures_total"))
                    .value_or(0) > *before,
            10000);
        QVERIFY2(leader->output().contains("sent heartbeats"),
                 leader->output().right(2000).constData());
    }

    void leaderKillMovesLeaderChanges()
    {
        const quint64 leaderId = m_client.waitForLeader(m_members);
        QVERIFY(leaderId != 0);
        DaemonProcess *leader = memberWithId(leaderId);
        QVERIFY(leader);
        QList<DaemonProcess *> survivors;
        QList<double> before;
        for (auto &d : m_members) {
            if (d.get() == leader)
                continue;
            survivors.append(d.get());
            const std::optional<double> v =
                valueOf(scrape(*d), QStringLiteral("etcd_server_leader_changes_seen_total"));
            QVERIFY(v && *v >= 1);
            before.append(*v);
        }
        leader->kill();
        QVERIFY(m_client.waitForLeader(m_members) != 0);
        for (int i = 0; i < survivors.size(); ++i) {
            QVERIFY2(QTest::qWaitFor(
                         [&] {
                             return valueOf(scrape(*survivors[i]),
                                            QStringLiteral("etcd_server_leader_changes_seen_total"))
                                        .value_or(0) > before[i];
                         },
                         10000),
                     "etcd_server_leader_changes_seen_total did not move");
            QCOMPARE(valueOf(scrape(*survivors[i]), QStringLiteral("etcd_server_has_leader")),
                     std::optional<double>(1));
        }
    }

    void cleanupTestCase() { m_members.clear(); }
};

QTEST_GUILESS_MAIN(TestMetrics)
#include "tst_metrics.moc"
