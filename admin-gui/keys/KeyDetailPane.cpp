// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "keys/KeyDetailPane.h"

#include "app/TimeText.h"
#include "client/Error.h"
#include "connection/ErrorText.h"
#include "editor/ConflictDialog.h"
#include "editor/JsonHighlighter.h"
#include "editor/JsonText.h"
#include "keys/KeyOperations.h"
#include "keys/ValueFormat.h"
#include "widgets/MessageBanner.h"

#include <QAction>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

#include <cmath>

namespace admin {

KeyDetailPane::KeyDetailPane(QWidget *parent) : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 0, 0, 0);

    m_keyLabel = new QLabel(this);
    m_keyLabel->setObjectName(QStringLiteral("detailKey"));
    m_keyLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_keyLabel->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_keyLabel->setFont(bold);
    m_keyLabel->setWordWrap(true);
    m_typeLabel = new QLabel(this);
    m_typeLabel->setObjectName(QStringLiteral("detailType"));
    layout->addWidget(m_keyLabel);
    layout->addWidget(m_typeLabel);

    m_banner = new MessageBanner(this);
    m_banner->setObjectName(QStringLiteral("detailBanner"));
    layout->addWidget(m_banner);

    const QFont mono = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_tabs = new QTabWidget(this);
    m_valueEdit = new QPlainTextEdit(this);
    m_valueEdit->setObjectName(QStringLiteral("valueEdit"));
    m_valueEdit->setFont(mono);
    m_jsonView = new QPlainTextEdit(this);
    m_jsonView->setObjectName(QStringLiteral("jsonView"));
    m_jsonView->setReadOnly(true);
    m_jsonView->setFont(mono);
    m_tabs->addTab(m_valueEdit, tr("Value"));
    m_tabs->addTab(m_jsonView, tr("JSON"));
    layout->addWidget(m_tabs, 1);
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    m_valueHighlighter = new editor::JsonHighlighter(m_valueEdit->document(), dark);
    m_viewHighlighter = new editor::JsonHighlighter(m_jsonView->document(), dark);

    auto *jsonRow = new QHBoxLayout;
    m_jsonStatus = new QLabel(this);
    m_jsonStatus->setObjectName(QStringLiteral("jsonStatus"));
    m_jsonStatus->setWordWrap(true);
    m_jsonStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_formatButton = new QPushButton(tr("Format"), this);
    m_formatButton->setObjectName(QStringLiteral("formatButton"));
    m_formatButton->setToolTip(tr("Indent the JSON (member order, numbers and strings stay as "
                                  "they are)"));
    m_minifyButton = new QPushButton(tr("Minify"), this);
    m_minifyButton->setObjectName(QStringLiteral("minifyButton"));
    m_minifyButton->setToolTip(tr("Remove the whitespace between JSON tokens"));
    jsonRow->addWidget(m_jsonStatus, 1);
    jsonRow->addWidget(m_formatButton);
    jsonRow->addWidget(m_minifyButton);
    layout->addLayout(jsonRow);

    auto *buttons = new QHBoxLayout;
    m_saveButton = new QPushButton(tr("Save"), this);
    m_saveButton->setObjectName(QStringLiteral("saveButton"));
    m_saveButton->setToolTip(tr("Write the value if nobody changed the key since it was loaded"));
    m_revertButton = new QPushButton(tr("Revert"), this);
    m_revertButton->setObjectName(QStringLiteral("revertButton"));
    buttons->addWidget(m_saveButton);
    buttons->addWidget(m_revertButton);
    buttons->addStretch();
    layout->addLayout(buttons);

    auto *form = new QFormLayout;
    m_createdLabel = new QLabel(this);
    m_modifiedLabel = new QLabel(this);
    m_modifiedLabel->setObjectName(QStringLiteral("modifiedLabel"));
    m_ttlLabel = new QLabel(this);
    m_ttlLabel->setObjectName(QStringLiteral("ttlLabel"));
    m_expirationLabel = new QLabel(this);
    m_expirationLabel->setObjectName(QStringLiteral("expirationLabel"));
    form->addRow(tr("Created index:"), m_createdLabel);
    form->addRow(tr("Modified index:"), m_modifiedLabel);
    form->addRow(tr("Time to live:"), m_ttlLabel);
    form->addRow(tr("Expires:"), m_expirationLabel);
    layout->addLayout(form);

    auto *ttlRow = new QHBoxLayout;
    m_ttlSpin = new QSpinBox(this);
    m_ttlSpin->setObjectName(QStringLiteral("ttlSpin"));
    m_ttlSpin->setRange(1, 100000000);
    m_ttlSpin->setValue(60);
    m_ttlSpin->setSuffix(tr(" s"));
    m_setTtlButton = new QPushButton(tr("Set TTL"), this);
    m_setTtlButton->setObjectName(QStringLiteral("setTtlButton"));
    m_removeTtlButton = new QPushButton(tr("Remove TTL"), this);
    m_removeTtlButton->setObjectName(QStringLiteral("removeTtlButton"));
    ttlRow->addWidget(m_ttlSpin);
    ttlRow->addWidget(m_setTtlButton);
    ttlRow->addWidget(m_removeTtlButton);
    ttlRow->addStretch();
    layout->addLayout(ttlRow);

    connect(m_saveButton, &QPushButton::clicked, this, &KeyDetailPane::save);
    connect(m_revertButton, &QPushButton::clicked, this, &KeyDetailPane::revert);
    connect(m_setTtlButton, &QPushButton::clicked, this, &KeyDetailPane::applyTtl);
    connect(m_removeTtlButton, &QPushButton::clicked, this, &KeyDetailPane::removeTtl);
    connect(m_valueEdit, &QPlainTextEdit::textChanged, this, &KeyDetailPane::updateButtons);
    connect(m_valueEdit, &QPlainTextEdit::textChanged, this, &KeyDetailPane::updateJsonState);
    connect(m_formatButton, &QPushButton::clicked, this, &KeyDetailPane::formatValue);
    connect(m_minifyButton, &QPushButton::clicked, this, &KeyDetailPane::minifyValue);

    // Ctrl+S anywhere in the window while the key page is shown (a hidden
    // pane's shortcut does not fire).
    m_saveAction = new QAction(tr("Save"), this);
    m_saveAction->setObjectName(QStringLiteral("saveValueAction"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WindowShortcut);
    addAction(m_saveAction);
    connect(m_saveAction, &QAction::triggered, this, &KeyDetailPane::save);

    m_reloadAction = new QAction(tr("Load server version"), this);
    m_reloadAction->setObjectName(QStringLiteral("reloadAction"));
    connect(m_reloadAction, &QAction::triggered, this, &KeyDetailPane::reloadFromServer);
    m_overwriteAction = new QAction(tr("Overwrite"), this);
    m_overwriteAction->setObjectName(QStringLiteral("overwriteAction"));
    m_overwriteAction->setToolTip(
        tr("Write your value over the server's version you were shown (compare-and-swap)"));
    connect(m_overwriteAction, &QAction::triggered, this, &KeyDetailPane::overwrite);
    m_mergeAction = new QAction(tr("Compare and merge…"), this);
    m_mergeAction->setObjectName(QStringLiteral("mergeAction"));
    connect(m_mergeAction, &QAction::triggered, this, &KeyDetailPane::openConflictDialog);

    m_countdown.setInterval(250);
    connect(&m_countdown, &QTimer::timeout, this, &KeyDetailPane::updateCountdown);
    showNode(std::nullopt);
}

void KeyDetailPane::setOperations(KeyOperations *operations)
{
    m_operations = operations;
}

QDateTime KeyDetailPane::now() const
{
    return m_fixedNow.isValid() ? m_fixedNow : QDateTime::currentDateTimeUtc();
}

bool KeyDetailPane::isDirty() const
{
    return m_node && !m_node->dir && m_valueEdit->toPlainText() != m_node->value;
}

bool KeyDetailPane::confirmLeave()
{
    if (!m_node || m_removed || !isDirty())
        return true;
    QMessageBox box(QMessageBox::Question, tr("Unsaved changes"),
                    tr("%1 has changes that are not saved.").arg(m_node->key),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("unsavedChangesBox"));
    box.setInformativeText(
        tr("Save them now, discard them, or keep them as a draft that comes back "
           "when you open the key again?"));
    QAbstractButton *saveButton = box.addButton(QMessageBox::Save);
    QAbstractButton *discardButton = box.addButton(QMessageBox::Discard);
    QPushButton *keepButton = box.addButton(tr("Keep as draft"), QMessageBox::AcceptRole);
    keepButton->setObjectName(QStringLiteral("keepDraftButton"));
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(keepButton);
    box.exec();
    QAbstractButton *clicked = box.clickedButton();
    if (clicked == saveButton) {
        if (!confirmJson())
            return false;
        // Kept as a draft until the server says it is saved: a refused save
        // must not lose the edit once another key is shown.
        m_drafts.keep(*m_node, m_valueEdit->toPlainText());
        save();
        return true;
    }
    if (clicked == discardButton) {
        m_drafts.drop(m_node->key);
        const QSignalBlocker block(m_valueEdit);
        m_valueEdit->setPlainText(m_node->value);
        return true;
    }
    if (clicked == keepButton) {
        m_drafts.keep(*m_node, m_valueEdit->toPlainText());
        return true;
    }
    return false;
}

void KeyDetailPane::showNode(const std::optional<client::Node> &node)
{
    if (m_node && isDirty()) {
        if (node && node->key == m_node->key && !m_removed) {
            // The same key again (a re-selection): the edit stays, the
            // server's version is news about it.
            serverChanged(*node);
            return;
        }
        m_drafts.keep(*m_node, m_valueEdit->toPlainText());
    }
    m_banner->dismiss();
    m_serverNode.reset();
    m_removed = false;
    if (!node) {
        m_node.reset();
        m_keyLabel->setText(tr("No key selected"));
        m_typeLabel->clear();
        m_valueEdit->clear();
        m_jsonView->clear();
        updateJsonState();
        for (QLabel *l : {m_createdLabel, m_modifiedLabel, m_ttlLabel, m_expirationLabel})
            l->clear();
        m_countdown.stop();
        updateButtons();
        return;
    }
    load(*node);
    restoreDraft(*node);
}

void KeyDetailPane::restoreDraft(const client::Node &server)
{
    const auto draft = m_drafts.draft(server.key);
    if (!draft || server.dir)
        return;
    m_drafts.drop(server.key); // in the editor now; leaving again asks again
    if (draft->base.modifiedIndex != server.modifiedIndex)
        load(draft->base); // the edit's base: a save compares against it
    m_valueEdit->setPlainText(draft->text);
    if (draft->base.modifiedIndex != server.modifiedIndex) {
        m_serverNode = server;
        m_banner->showMessage(Severity::Warning,
                              tr("Restored your unsaved edit of %1 (based on index %2); the key "
                                 "changed on the server since (index %3).")
                                  .arg(server.key)
                                  .arg(draft->base.modifiedIndex)
                                  .arg(server.modifiedIndex),
                              {m_mergeAction, m_reloadAction, m_overwriteAction});
    } else {
        m_banner->showMessage(Severity::Info,
                              tr("Restored your unsaved edit of %1.").arg(server.key));
    }
}

void KeyDetailPane::load(const client::Node &node)
{
    m_node = node;
    m_serverNode.reset();
    m_removed = false;
    m_keyLabel->setText(node.key);
    m_typeLabel->setText(node.dir ? tr("Directory") : tr("Key"));
    {
        const QSignalBlocker block(m_valueEdit);
        m_valueEdit->setPlainText(node.dir ? QString() : node.value);
    }
    m_valueEdit->setEnabled(!node.dir);
    updateJsonState();
    QString pretty;
    const bool json = !node.dir && ValueFormat::prettyJson(node.value, &pretty);
    m_jsonView->setPlainText(json ? pretty : QString());
    m_tabs->setTabEnabled(1, json);
    m_tabs->setTabToolTip(1, json ? QString() : tr("The value is not a JSON object or array"));
    if (!json)
        m_tabs->setCurrentIndex(0);
    m_createdLabel->setText(QString::number(node.createdIndex));
    m_modifiedLabel->setText(QString::number(node.modifiedIndex));
    if (node.expiration.isEmpty()) {
        m_countdown.stop();
        m_ttlLabel->setText(tr("none (permanent)"));
        m_expirationLabel->setText(QStringLiteral("—"));
    } else {
        const QDateTime expires = TimeText::parseRfc3339(node.expiration);
        m_expirationLabel->setText(
            expires.isValid() ? QLocale().toString(expires.toLocalTime(), QLocale::LongFormat)
                              : node.expiration);
        m_expirationLabel->setToolTip(node.expiration);
        updateCountdown();
        m_countdown.start();
    }
    updateButtons();
}

qint64 KeyDetailPane::remainingTtl() const
{
    if (!m_node || m_node->expiration.isEmpty())
        return 0;
    const QDateTime expires = TimeText::parseRfc3339(m_node->expiration);
    if (!expires.isValid())
        return m_node->ttl;
    return qMax<qint64>(1, qint64(std::ceil(now().msecsTo(expires) / 1000.0)));
}

void KeyDetailPane::updateCountdown()
{
    if (!m_node || m_node->expiration.isEmpty())
        return;
    const QDateTime expires = TimeText::parseRfc3339(m_node->expiration);
    const qint64 ms = expires.isValid() ? now().msecsTo(expires) : m_node->ttl * 1000;
    if (ms <= 0)
        m_ttlLabel->setText(tr("expired"));
    else
        m_ttlLabel->setText(TimeText::duration(qint64(std::ceil(ms / 1000.0))));
}

void KeyDetailPane::updateButtons()
{
    const bool haveNode = m_node.has_value() && !m_removed;
    const bool dirty = isDirty();
    m_saveButton->setEnabled(haveNode && dirty && m_operations);
    m_saveAction->setEnabled(m_saveButton->isEnabled());
    m_revertButton->setEnabled(haveNode && dirty);
    m_ttlSpin->setEnabled(haveNode);
    m_setTtlButton->setEnabled(haveNode && m_operations);
    m_removeTtlButton->setEnabled(haveNode && m_operations && !m_node->expiration.isEmpty());
}

void KeyDetailPane::serverChanged(const client::Node &node)
{
    if (!m_node || node.key != m_node->key)
        return;
    if (node.modifiedIndex != 0 && node.modifiedIndex <= m_node->modifiedIndex && !m_removed)
        return;
    // Our own save coming back, or someone wrote what the editor holds:
    // nothing to warn about.
    if (!isDirty() || (!node.dir && node.value == m_valueEdit->toPlainText())) {
        load(node);
        return;
    }
    m_serverNode = node;
    m_banner->showMessage(Severity::Warning,
                          tr("%1 changed on the server (index %2) while you were editing. Saving "
                             "will be refused unless you overwrite.")
                              .arg(node.key)
                              .arg(node.modifiedIndex),
                          // The same choice a refused save offers: this banner may
                          // replace that one when the change's event arrives later.
                          {m_mergeAction, m_reloadAction, m_overwriteAction});
}

void KeyDetailPane::serverRemoved()
{
    if (!m_node)
        return;
    m_removed = true;
    m_countdown.stop();
    m_ttlLabel->setText(tr("gone"));
    m_banner->showMessage(Severity::Warning,
                          tr("%1 was deleted on the server (or expired).").arg(m_node->key));
    updateButtons();
}

void KeyDetailPane::save()
{
    if (!m_node || !m_operations || m_node->dir || !isDirty())
        return;
    if (!confirmJson())
        return;
    m_saveButton->setEnabled(false);
    sendSave(m_node->modifiedIndex);
}

void KeyDetailPane::overwrite()
{
    if (!m_node || !m_operations || m_node->dir || !confirmJson())
        return;
    if (m_serverNode && m_serverNode->modifiedIndex != 0) {
        sendSave(m_serverNode->modifiedIndex);
        return;
    }
    // No newer version seen (yet): compare against what the server has
    // now, so a deleted key is refused, not recreated.
    const QString key = m_node->key;
    m_operations->fetch(
        key, [this, key](const std::optional<client::Node> &node, const client::Error &error) {
            if (!m_node || m_node->key != key)
                return;
            if (!node) {
                if (error.errorCode() == client::Error::KeyNotFound)
                    reportDeleted(key);
                else
                    m_banner->showMessage(Severity::Error, tr("Cannot read %1.").arg(key) +
                                                               QLatin1Char(' ') +
                                                               ErrorText::describe(error));
                return;
            }
            m_serverNode = *node;
            sendSave(node->modifiedIndex);
        });
}

void KeyDetailPane::reportDeleted(const QString &key)
{
    m_removed = true;
    m_serverNode.reset();
    m_banner->showMessage(Severity::Warning,
                          tr("%1 was deleted on the server meanwhile; your change was not saved "
                             "and the key was not recreated (use New… to create it again).")
                              .arg(key));
    updateButtons();
}

void KeyDetailPane::readServerVersion(const QString &key)
{
    if (!m_operations)
        return;
    m_operations->fetch(key, [this, key](const std::optional<client::Node> &node,
                                         const client::Error &error) {
        if (!m_node || m_node->key != key || !isDirty())
            return;
        if (!node) {
            if (error.errorCode() == client::Error::KeyNotFound)
                reportDeleted(key);
            return;
        }
        if (m_serverNode && m_serverNode->modifiedIndex > node->modifiedIndex)
            return; // the watch was quicker
        m_serverNode = *node;
        m_banner->showMessage(Severity::Warning,
                              tr("%1 was changed by someone else (it is now at modifiedIndex %2, "
                                 "your edit started from %3); your change was not saved.")
                                  .arg(key)
                                  .arg(node->modifiedIndex)
                                  .arg(m_node->modifiedIndex),
                              {m_mergeAction, m_reloadAction, m_overwriteAction});
    });
}

void KeyDetailPane::openConflictDialog()
{
    if (!m_node || m_node->dir || !m_operations)
        return;
    if (!m_serverNode) {
        // Read theirs first, then come back here.
        const QString key = m_node->key;
        m_operations->fetch(
            key, [this, key](const std::optional<client::Node> &node, const client::Error &error) {
                if (!m_node || m_node->key != key)
                    return;
                if (node) {
                    m_serverNode = *node;
                    openConflictDialog();
                } else if (error.errorCode() == client::Error::KeyNotFound) {
                    reportDeleted(key);
                }
            });
        return;
    }
    const client::Node theirs = *m_serverNode;
    editor::ConflictDialog dialog(*m_node, m_valueEdit->toPlainText(), theirs, this);
    if (dialog.exec() != QDialog::Accepted || !m_node || m_node->key != theirs.key)
        return;
    const QString merged = dialog.mergedText();
    // The merge is based on theirs: the save compares against it.
    load(theirs);
    replaceText(merged);
    m_banner->dismiss();
    if (!isDirty() || !confirmJson())
        return;
    m_saveButton->setEnabled(false);
    sendSave(theirs.modifiedIndex);
}

bool KeyDetailPane::confirmJson()
{
    const QString text = m_valueEdit->toPlainText();
    const bool wasJson = m_node && editor::JsonText::isStructured(m_node->value);
    if (!wasJson && !editor::JsonText::looksStructured(text))
        return true;
    const editor::JsonText::Check check = editor::JsonText::check(text);
    if (check.valid)
        return true;
    QMessageBox box(QMessageBox::Warning, tr("Not valid JSON"),
                    wasJson ? tr("The value of %1 was valid JSON and is not any more.").arg(key())
                            : tr("The value of %1 is not valid JSON.").arg(key()),
                    QMessageBox::NoButton, this);
    box.setObjectName(QStringLiteral("invalidJsonBox"));
    box.setInformativeText(check.describe() + QStringLiteral("\n\n") +
                           tr("Programs reading this key may fail to parse it. Save it anyway?"));
    QPushButton *anyway = box.addButton(tr("Save anyway"), QMessageBox::AcceptRole);
    anyway->setObjectName(QStringLiteral("saveInvalidJsonButton"));
    QAbstractButton *cancel = box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(qobject_cast<QPushButton *>(cancel));
    box.exec();
    if (box.clickedButton() == anyway)
        return true;
    // Back to the editor, at the error.
    QTextCursor cursor = m_valueEdit->textCursor();
    cursor.setPosition(int(check.offset));
    m_valueEdit->setTextCursor(cursor);
    m_tabs->setCurrentIndex(0);
    m_valueEdit->setFocus();
    return false;
}

void KeyDetailPane::updateJsonState()
{
    const QString text = m_valueEdit->toPlainText();
    const bool wasJson = m_node && !m_node->dir && editor::JsonText::isStructured(m_node->value);
    const bool meant = wasJson || editor::JsonText::looksStructured(text);
    m_valueHighlighter->setActive(meant);
    QList<QTextEdit::ExtraSelection> marks;
    if (!meant) {
        m_jsonStatus->clear();
        m_jsonStatus->setToolTip(QString());
    } else {
        const editor::JsonText::Check check = editor::JsonText::check(text);
        if (check.valid) {
            m_jsonStatus->setText(tr("Valid JSON"));
            m_jsonStatus->setStyleSheet(QStringLiteral("color: #2e7d32;"));
        } else {
            m_jsonStatus->setText(tr("Not valid JSON: %1").arg(check.describe()));
            m_jsonStatus->setStyleSheet(QStringLiteral("color: #c62828;"));
            QTextEdit::ExtraSelection mark;
            mark.cursor = QTextCursor(m_valueEdit->document());
            mark.cursor.setPosition(int(qMin<qsizetype>(check.offset, text.size())));
            if (check.offset < text.size())
                mark.cursor.movePosition(QTextCursor::NextCharacter, QTextCursor::KeepAnchor);
            else
                mark.cursor.movePosition(QTextCursor::PreviousCharacter, QTextCursor::KeepAnchor);
            mark.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
            mark.format.setUnderlineColor(QColor(0xc6, 0x28, 0x28));
            mark.format.setBackground(QColor(0xff, 0xcd, 0xd2));
            marks << mark;
        }
    }
    m_valueEdit->setExtraSelections(marks);
    const bool valid = meant && editor::JsonText::check(text).valid;
    m_formatButton->setVisible(meant);
    m_minifyButton->setVisible(meant);
    m_formatButton->setEnabled(valid && m_valueEdit->isEnabled());
    m_minifyButton->setEnabled(valid && m_valueEdit->isEnabled());
}

void KeyDetailPane::replaceText(const QString &text)
{
    if (text == m_valueEdit->toPlainText())
        return;
    // Through a cursor, so Ctrl+Z brings the previous layout back.
    QTextCursor cursor(m_valueEdit->document());
    cursor.select(QTextCursor::Document);
    cursor.insertText(text);
}

void KeyDetailPane::formatValue()
{
    if (const auto formatted = editor::JsonText::format(m_valueEdit->toPlainText()))
        replaceText(*formatted);
}

void KeyDetailPane::minifyValue()
{
    if (const auto minified = editor::JsonText::minify(m_valueEdit->toPlainText()))
        replaceText(*minified);
}

void KeyDetailPane::sendSave(quint64 expectedIndex)
{
    const QString key = m_node->key;
    const QString text = m_valueEdit->toPlainText();
    m_operations->saveValue(key, text, expectedIndex, remainingTtl(),
                            [this, key, text](const OperationResult &r) {
                                if (r.ok()) {
                                    const auto draft = m_drafts.draft(key);
                                    if (draft && draft->text == text)
                                        m_drafts.drop(key);
                                }
                                handleResult(r);
                            });
}

void KeyDetailPane::revert()
{
    if (m_node) {
        m_drafts.drop(m_node->key);
        load(m_serverNode ? *m_serverNode : *m_node);
    }
    m_banner->dismiss();
}

void KeyDetailPane::reloadFromServer()
{
    m_banner->dismiss();
    if (m_serverNode) {
        load(*m_serverNode);
    } else if (m_node) {
        // The user chose the server's version: the edit goes (the answer
        // comes back through showNode(), which would keep a dirty edit).
        {
            const QSignalBlocker block(m_valueEdit);
            m_valueEdit->setPlainText(m_node->value);
        }
        updateButtons();
        emit reloadRequested(m_node->key);
    }
}

void KeyDetailPane::applyTtl()
{
    if (!m_node || !m_operations)
        return;
    m_operations->setTtl(m_node->key, m_node->dir, m_node->value, m_node->modifiedIndex,
                         m_ttlSpin->value(), [this](const OperationResult &r) { handleResult(r); });
}

void KeyDetailPane::removeTtl()
{
    if (!m_node || !m_operations)
        return;
    m_operations->setTtl(m_node->key, m_node->dir, m_node->value, m_node->modifiedIndex, 0,
                         [this](const OperationResult &r) { handleResult(r); });
}

void KeyDetailPane::handleResult(const OperationResult &result)
{
    if (!m_node || result.key != m_node->key) {
        // A save sent on the way to another key ("Save" in confirmLeave).
        if (!result.ok() && m_drafts.contains(result.key))
            m_banner->showMessage(Severity::Warning,
                                  result.message + QLatin1Char(' ') +
                                      tr("Your edit is kept as a draft; open %1 again to "
                                         "resolve it.")
                                          .arg(result.key));
        updateButtons();
        return;
    }
    switch (result.outcome) {
    case OperationResult::Outcome::Done:
        load(result.response.node);
        m_banner->showMessage(Severity::Success, result.message);
        break;
    case OperationResult::Outcome::Conflict:
        m_banner->showMessage(Severity::Warning, result.message,
                              {m_mergeAction, m_reloadAction, m_overwriteAction});
        updateButtons();
        readServerVersion(result.key); // quote the key's own modifiedIndex
        break;
    case OperationResult::Outcome::Failed:
        if (result.error.errorCode() == client::Error::KeyNotFound && !m_node->dir) {
            reportDeleted(result.key);
            break;
        }
        m_banner->showMessage(Severity::Error, result.message);
        updateButtons();
        break;
    }
}

} // namespace admin
