// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include "connection/ConnectionProfile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QFormLayout;

namespace admin {

class ProfileStore;

// Edits connection profiles and picks the one to open: several endpoints,
// optional CA bundle, client certificate and key, optional user and
// password (stored only on request, unencrypted). "Connect" saves the
// profile under its name and closes; problems are shown inside the dialog.
// Does not own the ProfileStore.
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

private:
    void loadSelected();
    void fillProfileList(const QString &select);
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
    QLabel *m_error;
};

} // namespace admin
