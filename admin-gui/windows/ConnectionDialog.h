// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "connection/ConnectionProfile.h"

#include <QDialog>
#include <QPointer>

namespace client {
class Client;
}

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QFormLayout;

namespace admin {

class ProfileStore;

// Edits connection profiles and picks the one to open: several endpoints,
// optional CA bundle, client certificate and key, optional user and
// password (remembered only on request, in the desktop keyring; without a
// keyring the dialog says the password is not remembered, and never writes
// it in plain text), and the production flag (every write asks first).
// "Test connection" tries the settings without opening them; "Connect"
// saves the profile under its name and closes; problems are shown inside
// the dialog.
// Does not own the ProfileStore. GUI thread only.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectionDialog(ProfileStore *store, const QString &selected, QWidget *parent = nullptr);

    ConnectionProfile profile() const;
    void setProfile(const ConnectionProfile &profile);

public slots:
    void accept() override;
    void saveProfile();
    void deleteProfile();
    void testConnection();

signals:
    // The outcome of testConnection(), as shown in the dialog.
    void tested(bool ok, const QString &text);

private:
    void loadSelected();
    void fillProfileList(const QString &select);
    // Saves; false (and says why) when the keyring could not keep the password.
    bool storeProfile(const ConnectionProfile &p);
    void showTestResult(bool ok, const QString &text);
    QLineEdit *fileRow(QFormLayout *form, const QString &label, const char *name,
                       const QString &filter);

    ProfileStore *m_store;
    QComboBox *m_profileCombo;
    QLineEdit *m_nameEdit;
    QLineEdit *m_endpointsEdit;
    QLineEdit *m_caEdit;
    QLineEdit *m_certEdit;
    QLineEdit *m_keyEdit;
    QLineEdit *m_userEdit;
    QLineEdit *m_passwordEdit;
    QCheckBox *m_savePasswordCheck;
    QCheckBox *m_productionCheck;
    QLabel *m_error;
    QLabel *m_testResult;
    QPointer<client::Client> m_testClient;
    bool m_keyringWarned = false;
};

} // namespace admin
