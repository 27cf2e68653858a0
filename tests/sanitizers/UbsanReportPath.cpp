// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

// Linked into every program of the address,undefined build (cmake/QetcdSanitizers.cmake) so
// that UBSan honours UBSAN_OPTIONS=log_path like ASan does, and tests/sanitizers/run.sh sees
// its reports from child processes too.
//
// Why it is needed: gcc links UBSan's runtime (libubsan.so) beside ASan's (libasan.so). Both
// export __sanitizer_set_report_path, and libasan is loaded first, so the call libubsan makes
// at start-up to apply its log_path lands in libasan: UBSan keeps writing to stderr, which a
// test that captures a member's output (DaemonProcess) would swallow. This constructor looks
// the function up in libubsan itself and calls it with UBSAN_OPTIONS's log_path. It runs after
// the shared runtimes' own initialisation (an executable's constructors run after its
// libraries'), so nothing resets it.
#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace {

// The value of the last log_path=... in a sanitizer options string ("a=1:log_path=x:b=2").
std::string lastLogPath(const char *options)
{
    std::string path;
    for (const char *at = std::strstr(options, "log_path="); at;
         at = std::strstr(at + 1, "log_path=")) {
        if (at != options && at[-1] != ':' && at[-1] != ' ')
            continue; // part of another option's name
        const char *from = at + std::strlen("log_path=");
        path.assign(from, std::strcspn(from, ": "));
    }
    return path;
}

__attribute__((constructor)) void routeUbsanReports()
{
    const char *options = std::getenv("UBSAN_OPTIONS");
    if (!options)
        return;
    const std::string path = lastLogPath(options);
    if (path.empty())
        return;
    void *ubsan = dlopen("libubsan.so.1", RTLD_LAZY | RTLD_NOLOAD);
    if (!ubsan)
        return; // UBSan's runtime is not a separate library here: nothing to fix
    using SetReportPath = void (*)(const char *);
    if (auto set = reinterpret_cast<SetReportPath>(dlsym(ubsan, "__sanitizer_set_report_path")))
        set(path.c_str()); // copies the path
    dlclose(ubsan);
}

} // namespace
