// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// The main of a fuzz harness in builds without libFuzzer (g++, CI): feeds every
// file named on the command line, or found in a directory named there, to
// LLVMFuzzerTestOneInput once, in name order. A regression pass over the
// committed corpus: an input that crashes, trips an assertion or (under the
// sanitizer builds) a sanitizer fails the run, naming the file first.
#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

bool runFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return false;
    }
    const QByteArray bytes = f.readAll();
    std::fprintf(stderr, "running %s (%lld bytes)\n", qPrintable(path),
                 static_cast<long long>(bytes.size()));
    // A copy of exactly the file's size, so a read past the end is caught by ASan
    // as it would be under libFuzzer.
    std::unique_ptr<uint8_t[]> copy(new uint8_t[bytes.size()]);
    std::memcpy(copy.get(), bytes.constData(), bytes.size());
    LLVMFuzzerTestOneInput(copy.get(), size_t(bytes.size()));
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s <corpus dir or file>...\n", argv[0]);
        return 2;
    }
    int files = 0;
    for (int i = 1; i < argc; ++i) {
        const QString arg = QString::fromLocal8Bit(argv[i]);
        const QFileInfo info(arg);
        if (info.isDir()) {
            const QDir dir(arg);
            for (const QString &name : dir.entryList(QDir::Files, QDir::Name)) {
                if (!runFile(dir.filePath(name)))
                    return 1;
                ++files;
            }
        } else {
            if (!runFile(arg))
                return 1;
            ++files;
        }
    }
    if (files == 0) {
        std::fprintf(stderr, "no inputs found\n");
        return 1;
    }
    std::fprintf(stderr, "%d inputs ran without a failure\n", files);
    return 0;
}
