// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#pragma once

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QSpinBox;

namespace admin {

// Asks what to create below a directory: a key with a value, a directory,
// or an in-order key (POST: the server names it after the next index), each
// with an optional TTL. Names may contain '/' to create nested directories
// on the way. Only collects input; the page performs the write.
class NewKeyDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind { Key, Directory, InOrderKey };

    explicit NewKeyDialog(const QString &parentDir, QWidget *parent = nullptr);

    Kind kind() const;
    // Full key to create (for in-order keys: the directory).
    QString key() const;
    QString value() const;
    qint64 ttl() const;

private:
    void update();

    QLineEdit *m_parentEdit;
    QLineEdit *m_nameEdit;
    QComboBox *m_kindCombo;
    QPlainTextEdit *m_valueEdit;
    QSpinBox *m_ttlSpin;
    QLabel *m_preview;
    QDialogButtonBox *m_buttons;
};

} // namespace admin
