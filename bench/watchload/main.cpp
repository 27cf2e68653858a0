// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// qetcd-watchload: holds many v2 watchers open on one member, for bench/scale.sh.
//
// It opens --long-poll idle long-poll watchers (GET /v2/keys/idle/w<i>?wait=true, keys nobody
// writes) and --streams stream watchers (GET <--stream-path>?wait=true&recursive=true&stream=true,
// which see every write of the benchmark), reads and discards what arrives, and holds them until
// SIGTERM or SIGINT. It prints
//   WATCHERS_READY long_poll=N streams=M failed=F   once every watcher has its response head
//   WATCHERS_RESULT long_poll_open=.. streams_open=.. stream_bytes=.. closed=.. failed=..
// Why not a script: the Python asyncio client this replaces took most of two cores reading 1,000
// streams, so the server's figures measured the client. This is one thread on epoll with
// non-blocking sockets and a fixed read buffer, so a watcher costs a descriptor and a few bytes.
// Loopback benchmarking only; needs a descriptor limit above N + M (scale.sh raises it).
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>
#include <QUrl>

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string>
#include <sys/epoll.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

enum class Phase { Connecting, Head, Body, Done };

struct Watcher
{
    int fd = -1;
    bool stream = false;
    Phase phase = Phase::Connecting;
    std::string request; // what is left to send
    std::string head;    // the response head read so far
};

struct Counters
{
    long longPollOpen = 0;
    long streamsOpen = 0;
    long long streamBytes = 0;
    long closed = 0; // open watchers the server closed (a long-poll answered, a stream ended)
    long failed = 0; // no connection, or an answer other than 200
};

constexpr int kMaxConnecting = 256; // connects in flight: stays well inside the listen backlog
constexpr size_t kMaxHead = 16 * 1024;

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("qetcd-watchload"));
    QTextStream out(stdout);
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QCoreApplication::translate("watchload", "Holds v2 watchers open on one member."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("url"),
                                 QCoreApplication::translate("watchload", "http://127.0.0.1:2379"));
    const QCommandLineOption longPollOpt(
        QStringLiteral("long-poll"),
        QCoreApplication::translate("watchload", "Idle long-poll watchers."), QStringLiteral("n"),
        QStringLiteral("10000"));
    const QCommandLineOption streamsOpt(
        QStringLiteral("streams"),
        QCoreApplication::translate("watchload", "Recursive stream watchers."), QStringLiteral("n"),
        QStringLiteral("1000"));
    const QCommandLineOption streamPathOpt(
        QStringLiteral("stream-path"),
        QCoreApplication::translate("watchload", "Directory the stream watchers watch."),
        QStringLiteral("path"), QStringLiteral("/v2/keys/bench"));
    parser.addOptions({longPollOpt, streamsOpt, streamPathOpt});
    parser.process(app);
    const QUrl url(parser.positionalArguments().value(0));
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(quint16(url.port(2379)));
    if (url.scheme() != QStringLiteral("http") ||
        inet_pton(AF_INET, url.host().toLatin1().constData(), &addr.sin_addr) != 1) {
        err << QCoreApplication::translate("watchload",
                                           "usage: qetcd-watchload http://<IPv4>:<port> [options]")
            << Qt::endl;
        return 2;
    }
    const long longPoll = parser.value(longPollOpt).toLong();
    const long streams = parser.value(streamsOpt).toLong();
    const std::string hostHeader = url.host().toStdString() + ':' + std::to_string(url.port(2379));
    const std::string streamPath = parser.value(streamPathOpt).toStdString();

    sigset_t mask;
    sigemptyset(&mask);
    sigaddset(&mask, SIGTERM);
    sigaddset(&mask, SIGINT);
    sigprocmask(SIG_BLOCK, &mask, nullptr);
    const int sigFd = signalfd(-1, &mask, SFD_CLOEXEC | SFD_NONBLOCK);
    const int ep = epoll_create1(EPOLL_CLOEXEC);
    epoll_event sev{};
    sev.events = EPOLLIN;
    sev.data.u64 = ~0ull;
    epoll_ctl(ep, EPOLL_CTL_ADD, sigFd, &sev);

    const long total = longPoll + streams;
    std::vector<Watcher> watchers(static_cast<size_t>(total));
    Counters c;
    long next = 0;       // next watcher to start
    long connecting = 0; // started, head not complete
    long settled = 0;    // head complete or failed
    bool readyPrinted = false;
    std::vector<char> buffer(256 * 1024);

    auto finish = [&](Watcher &w, bool failed) {
        if (w.phase == Phase::Connecting || w.phase == Phase::Head) {
            --connecting;
            ++settled;
        }
        if (failed)
            ++c.failed;
        else
            ++c.closed;
        epoll_ctl(ep, EPOLL_CTL_DEL, w.fd, nullptr);
        close(w.fd);
        w.fd = -1;
        w.phase = Phase::Done;
    };
    auto startMore = [&] {
        while (next < total && connecting < kMaxConnecting) {
            Watcher &w = watchers[size_t(next)];
            w.stream = next >= longPoll;
            const std::string path = w.stream
                                         ? streamPath + "?wait=true&recursive=true&stream=true"
                                         : "/v2/keys/idle/w" + std::to_string(next) + "?wait=true";
            w.request = "GET " + path + " HTTP/1.1\r\nHost: " + hostHeader + "\r\n\r\n";
            ++connecting;
            w.fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
            if (w.fd < 0 || (connect(w.fd, reinterpret_cast<sockaddr *>(&addr), sizeof addr) != 0 &&
                             errno != EINPROGRESS)) {
                if (w.fd >= 0)
                    close(w.fd);
                --connecting;
                ++settled;
                ++c.failed;
                w.phase = Phase::Done;
                ++next;
                continue;
            }
            epoll_event ev{};
            ev.events = EPOLLIN | EPOLLOUT | EPOLLRDHUP;
            ev.data.u64 = quint64(next);
            epoll_ctl(ep, EPOLL_CTL_ADD, w.fd, &ev);
            ++next;
        }
    };

    startMore();
    std::vector<epoll_event> events(1024);
    bool stop = false;
    while (!stop) {
        if (!readyPrinted && settled == total) {
            out << "WATCHERS_READY long_poll=" << c.longPollOpen << " streams=" << c.streamsOpen
                << " failed=" << c.failed << Qt::endl;
            readyPrinted = true;
        }
        const int n = epoll_wait(ep, events.data(), int(events.size()), -1);
        if (n < 0 && errno == EINTR)
            continue;
        for (int i = 0; i < n; ++i) {
            if (events[size_t(i)].data.u64 == ~0ull) {
                stop = true;
                continue;
            }
            Watcher &w = watchers[size_t(events[size_t(i)].data.u64)];
            if (w.phase == Phase::Done)
                continue;
            const uint32_t what = events[size_t(i)].events;
            if (w.phase == Phase::Connecting && (what & (EPOLLOUT | EPOLLERR))) {
                int soErr = 0;
                socklen_t len = sizeof soErr;
                getsockopt(w.fd, SOL_SOCKET, SO_ERROR, &soErr, &len);
                if (soErr != 0) {
                    finish(w, true);
                    continue;
                }
                const ssize_t sent = send(w.fd, w.request.data(), w.request.size(), MSG_NOSIGNAL);
                if (sent < 0 && errno != EAGAIN) {
                    finish(w, true);
                    continue;
                }
                w.request.erase(0, size_t(std::max<ssize_t>(sent, 0)));
                if (w.request.empty()) {
                    w.phase = Phase::Head;
                    epoll_event ev{};
                    ev.events = EPOLLIN | EPOLLRDHUP;
                    ev.data.u64 = events[size_t(i)].data.u64;
                    epoll_ctl(ep, EPOLL_CTL_MOD, w.fd, &ev);
                }
                continue;
            }
            if (!(what & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)))
                continue;
            // Drain what is there; a closed socket ends the watcher.
            for (;;) {
                const ssize_t got = recv(w.fd, buffer.data(), buffer.size(), 0);
                if (got == 0 || (got < 0 && errno != EAGAIN && errno != EINTR)) {
                    finish(w, w.phase != Phase::Body);
                    break;
                }
                if (got < 0) {
                    if (errno == EINTR)
                        continue;
                    break;
                }
                size_t bodyFrom = 0;
                if (w.phase == Phase::Head) {
                    const size_t before = w.head.size();
                    w.head.append(buffer.data(), size_t(got));
                    const size_t end = w.head.find("\r\n\r\n");
                    if (end == std::string::npos) {
                        if (w.head.size() > kMaxHead) {
                            finish(w, true);
                            break;
                        }
                        continue;
                    }
                    if (w.head.compare(0, 12, "HTTP/1.1 200") != 0) {
                        finish(w, true);
                        break;
                    }
                    bodyFrom = end + 4 - before;
                    w.head.clear();
                    w.head.shrink_to_fit();
                    w.phase = Phase::Body;
                    --connecting;
                    ++settled;
                    ++(w.stream ? c.streamsOpen : c.longPollOpen);
                    startMore();
                }
                if (w.stream)
                    c.streamBytes += got - qint64(bodyFrom);
            }
            if (w.phase == Phase::Done)
                startMore();
        }
    }
    out << "WATCHERS_RESULT long_poll_open=" << c.longPollOpen << " streams_open=" << c.streamsOpen
        << " stream_bytes=" << c.streamBytes << " closed=" << c.closed << " failed=" << c.failed
        << Qt::endl;
    return 0;
}
