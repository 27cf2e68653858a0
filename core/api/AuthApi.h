#pragma once

#include "api/HttpRequest.h"
#include "api/HttpResponse.h"

#include <functional>
#include <memory>
#include <optional>

class ApiBackend;
struct AuthCommand;
struct AuthResult;

// etcd's v2 auth contract as values: /v2/auth/enable (GET, PUT, DELETE),
// /v2/auth/users[/name] and /v2/auth/roles[/name] with etcd's statuses,
// messages and JSON (the shapes of etcd 2.3-3.4, see AuthJson), and the access decisions the rest
// of the v2 API asks for (HTTP Basic credentials against the replicated AuthStore): key access for
// /v2/keys, root access for auth and membership changes. Changes are hashed here (passwords, with a
// fresh salt) and proposed through the backend; reads are answered from the local store. Owns no
// sockets; lives on the server thread; borrows the backend.
class AuthApi
{
public:
    using ChannelFactory = std::function<std::shared_ptr<ResponseChannel>()>;

    explicit AuthApi(ApiBackend &backend);

    static bool handles(const QByteArray &path); // /v2/auth and below
    std::optional<HttpResponse> handle(const HttpRequest &request, const ChannelFactory &defer);

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

private:
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
    void propose(const AuthCommand &command, const ChannelFactory &defer,
                 std::function<HttpResponse(const AuthResult &)> success);
    // Success is an empty 200 (deletes, enable, disable).
    void proposeForEmptyAnswer(const AuthCommand &command, const ChannelFactory &defer);

    HttpResponse json(int status, const QByteArray &body) const;
    HttpResponse error(int status, const QString &message) const;
    HttpResponse failure(const AuthResult &result) const;

    ApiBackend &m_backend;
};
