// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "api/HttpRequest.h"
#include "api/HttpResponse.h"
#include "auth/CredentialVerifier.h"

#include <functional>
#include <memory>
#include <optional>

namespace auth {
struct AuthCommand;
struct AuthResult;
} // namespace auth

namespace api {

class ApiBackend;

// etcd's v2 auth contract as values: /v2/auth/enable (GET, PUT, DELETE),
// /v2/auth/users[/name] and /v2/auth/roles[/name] with etcd's statuses,
// messages and JSON (the shapes of etcd 2.3-3.4, see AuthJson), and the access decisions the rest
// of the v2 API asks for (HTTP Basic credentials against the replicated AuthStore): key access for
// /v2/keys, root access for auth and membership changes. Changes are proposed through the backend
// (a new password first gets its bcrypt hash on the verifier's pool); reads are answered from the
// local store.
// Passwords are never hashed on the server thread (bcrypt costs tens of milliseconds and that
// thread ticks Raft): a CredentialVerifier hashes on its own pool and caches verdicts, and
// verifyFirst() holds a request back until its credentials have a verdict. Owns no sockets and the
// verifier; lives on the server thread, which runs an event loop; borrows the backend.
class AuthApi
{
public:
    using ChannelFactory = std::function<std::shared_ptr<ResponseChannel>()>;
    using Resume =
        std::function<std::optional<HttpResponse>(const HttpRequest &, const ChannelFactory &)>;
    // A request verifyFirst() took over: `answer` now, or nothing and the
    // answer comes later through the channel.
    struct TakenOver
    {
        std::optional<HttpResponse> answer;
    };

    explicit AuthApi(ApiBackend &backend);
    AuthApi(ApiBackend &backend, const auth::CredentialVerifier::Limits &limits);

    static bool handles(const QByteArray &path); // /v2/auth and below
    std::optional<HttpResponse> handle(const HttpRequest &request, const ChannelFactory &defer);

    // Call first for every request. With auth enabled, Basic credentials of an
    // existing user whose verdict no cache knows, on a path whose answer
    // depends on them (/v2/keys, /v2/members, /v2/auth), are verified on the
    // verifier's pool; then `resume` handles the request again on this thread,
    // with that verdict. nullopt: go on now. A check the verifier's limits
    // refuse is answered at once: 429 {"message":...} with Retry-After.
    std::optional<TakenOver> verifyFirst(const HttpRequest &request, const ChannelFactory &defer,
                                         const Resume &resume);
    const auth::CredentialVerifier &verifier() const { return m_verifier; }

    // etcd's hasKeyPrefixAccess for a /v2/keys request on `key` (the path
    // after /v2/keys, as sent): always true while auth is disabled; without
    // an Authorization header the guest role decides; otherwise the
    // credentials must be valid and one of the user's roles must allow it.
    // GET and HEAD need read access, other methods write access.
    bool allowsKeyAccess(const HttpRequest &request, const QString &key, bool recursive) const;
    // etcd's hasRootAccess: auth disabled, or valid credentials of a user
    // with the root role.
    bool allowsRootAccess(const HttpRequest &request) const;

    // 401 {"message":"Insufficient credentials"}.
    static HttpResponse insufficientCredentials();
    // 429 {"message":...}, Retry-After: 1: too many password checks at once.
    static HttpResponse tooManyPasswordChecks();

private:
    struct Credentials;
    // Valid only for an existing user whose password a cache (or the request
    // being resumed) knows to be right; never hashes.
    bool hasValidCredentials(const Credentials &credentials) const;
    // etcd's allowMethod, then (if `needsRoot`) hasRootAccess.
    std::optional<HttpResponse> refuse(const HttpRequest &request, const QByteArray &allow,
                                       bool needsRoot) const;
    QByteArray userList() const;
    QByteArray roleList() const;
    HttpResponse getUser(const QString &name) const;
    HttpResponse getRole(const QString &name) const;
    std::optional<HttpResponse> putUser(const HttpRequest &request, const QString &name,
                                        const ChannelFactory &defer);
    std::optional<HttpResponse> putRole(const HttpRequest &request, const QString &name,
                                        const ChannelFactory &defer);
    // Proposes `command`; the answer is `success(result)` once applied, or
    // etcd's error for the result.
    void propose(const auth::AuthCommand &command, const std::shared_ptr<ResponseChannel> &channel,
                 std::function<HttpResponse(const auth::AuthResult &)> success);
    // Success is an empty 200 (deletes, enable, disable).
    void proposeForEmptyAnswer(const auth::AuthCommand &command, const ChannelFactory &defer);

    HttpResponse json(int status, const QByteArray &body) const;
    HttpResponse error(int status, const QString &message) const;
    HttpResponse failure(const auth::AuthResult &result) const;

    ApiBackend &m_backend;
    auth::CredentialVerifier m_verifier;
    // The verdict of the request resume() is handling again, for exactly
    // that user, password and stored hash; set only during that call.
    struct Resumed
    {
        QString user;
        QString password;
        QByteArray storedKey;
        bool valid = false;
    };
    std::optional<Resumed> m_resumed;
};

} // namespace api
