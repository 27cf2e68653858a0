// SPDX-License-Identifier: Apache-2.0
// Copyright 2026 The qetcd Authors

#include "editor/ConflictDialog.h"

#include "editor/JsonHighlighter.h"
#include "editor/JsonText.h"
#include "editor/LineDiff.h"

#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QGridLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSplitter>
#include <QTextBlock>
#include <QVBoxLayout>

namespace admin::editor {

namespace {

QPlainTextEdit *makeView(const QString &name, const QString &text, bool readOnly, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setObjectName(name);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setPlainText(text);
    view->setReadOnly(readOnly);
    return view;
}

// Full-width background on the lines marked true.
void markLines(QPlainTextEdit *view, const QList<bool> &marks, const QColor &colour)
{
    QList<QTextEdit::ExtraSelection> selections;
    QTextBlock block = view->document()->firstBlock();
    for (qsizetype i = 0; block.isValid() && i < marks.size(); ++i, block = block.next()) {
        if (!marks.at(i))
            continue;
        QTextEdit::ExtraSelection s;
        s.cursor = QTextCursor(block);
        s.format.setBackground(colour);
        s.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections << s;
    }
    view->setExtraSelections(selections);
}

QWidget *titled(const QString &title, QWidget *content, QWidget *parent)
{
    auto *box = new QWidget(parent);
    auto *layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *label = new QLabel(title, box);
    QFont bold = label->font();
    bold.setBold(true);
    label->setFont(bold);
    layout->addWidget(label);
    layout->addWidget(content, 1);
    return box;
}

} // namespace

ConflictDialog::ConflictDialog(const client::Node &base, const QString &mine,
                               const client::Node &theirs, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("conflictDialog"));
    setWindowTitle(tr("Resolve the conflict on %1").arg(theirs.key));
    QString baseText = base.value, mineText = mine, theirText = theirs.value;
    m_json = JsonText::isStructured(baseText) && JsonText::isStructured(mineText) &&
             JsonText::isStructured(theirText);
    if (m_json) {
        baseText = *JsonText::format(baseText);
        mineText = *JsonText::format(mineText);
        theirText = *JsonText::format(theirText);
    }

    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(
        tr("%1 was changed on the server (now modifiedIndex %2) after your edit started from "
           "modifiedIndex %3. Lines each side changed are marked; the merge below takes the "
           "changes of both where they do not touch the same lines.")
            .arg(theirs.key)
            .arg(theirs.modifiedIndex)
            .arg(base.modifiedIndex),
        this);
    intro->setObjectName(QStringLiteral("conflictIntro"));
    intro->setWordWrap(true);
    layout->addWidget(intro);
    if (m_json) {
        auto *note =
            new QLabel(tr("All three are JSON: compared formatted, one member per line."), this);
        layout->addWidget(note);
    }

    auto *vertical = new QSplitter(Qt::Vertical, this);
    auto *sides = new QSplitter(Qt::Horizontal, vertical);
    m_mine = makeView(QStringLiteral("mineView"), mineText, true, sides);
    m_base = makeView(QStringLiteral("baseView"), baseText, true, sides);
    m_theirs = makeView(QStringLiteral("theirsView"), theirText, true, sides);
    sides->addWidget(titled(tr("Mine (your edit)"), m_mine, sides));
    sides->addWidget(titled(tr("Base (index %1)").arg(base.modifiedIndex), m_base, sides));
    sides->addWidget(
        titled(tr("Theirs (server, index %1)").arg(theirs.modifiedIndex), m_theirs, sides));

    const LineDiff::Marks mineMarks = LineDiff::compare(baseText, mineText);
    const LineDiff::Marks theirMarks = LineDiff::compare(baseText, theirText);
    QList<bool> baseMarks = mineMarks.a;
    for (qsizetype i = 0; i < baseMarks.size() && i < theirMarks.a.size(); ++i)
        baseMarks[i] = baseMarks.at(i) || theirMarks.a.at(i);
    markLines(m_mine, mineMarks.b, QColor(0xc8, 0xe6, 0xc9));
    markLines(m_base, baseMarks, QColor(0xff, 0xe0, 0xb2));
    markLines(m_theirs, theirMarks.b, QColor(0xbb, 0xde, 0xfb));

    const LineDiff::Merge merge = LineDiff::merge(baseText, mineText, theirText);
    m_conflicts = merge.conflicts;
    auto *mergedBox = new QWidget(vertical);
    auto *mergedLayout = new QVBoxLayout(mergedBox);
    mergedLayout->setContentsMargins(0, 0, 0, 0);
    m_mergeStatus = new QLabel(mergedBox);
    m_mergeStatus->setObjectName(QStringLiteral("mergeStatus"));
    m_mergeStatus->setWordWrap(true);
    m_merged = makeView(QStringLiteral("mergedEdit"), merge.text, false, mergedBox);
    const bool dark = palette().color(QPalette::Base).lightness() < 128;
    for (QPlainTextEdit *view : {m_mine, m_base, m_theirs, m_merged}) {
        auto *h = new JsonHighlighter(view->document(), dark);
        h->setActive(JsonText::looksStructured(view->toPlainText()));
    }
    auto *mergedTitle = new QLabel(tr("Merged (edit it, then save)"), mergedBox);
    QFont bold = mergedTitle->font();
    bold.setBold(true);
    mergedTitle->setFont(bold);
    mergedLayout->addWidget(mergedTitle);
    mergedLayout->addWidget(m_merged, 1);
    mergedLayout->addWidget(m_mergeStatus);
    vertical->addWidget(sides);
    vertical->addWidget(mergedBox);
    layout->addWidget(vertical, 1);

    auto *buttons = new QDialogButtonBox(this);
    QPushButton *useMine = buttons->addButton(tr("Use mine"), QDialogButtonBox::ActionRole);
    useMine->setObjectName(QStringLiteral("useMineButton"));
    QPushButton *useTheirs = buttons->addButton(tr("Use theirs"), QDialogButtonBox::ActionRole);
    useTheirs->setObjectName(QStringLiteral("useTheirsButton"));
    m_saveButton = buttons->addButton(tr("Save merged"), QDialogButtonBox::AcceptRole);
    m_saveButton->setObjectName(QStringLiteral("saveMergedButton"));
    m_saveButton->setToolTip(
        tr("Write the merged text if the key is still at index %1").arg(theirs.modifiedIndex));
    buttons->addButton(QDialogButtonBox::Cancel);
    layout->addWidget(buttons);

    connect(useMine, &QPushButton::clicked, this,
            [this, mineText] { m_merged->setPlainText(mineText); });
    connect(useTheirs, &QPushButton::clicked, this,
            [this, theirText] { m_merged->setPlainText(theirText); });
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_merged, &QPlainTextEdit::textChanged, this, &ConflictDialog::updateState);
    updateState();
    resize(1100, 700);
}

QString ConflictDialog::mergedText() const
{
    return m_merged->toPlainText();
}

void ConflictDialog::updateState()
{
    const bool markers = LineDiff::hasConflictMarkers(m_merged->toPlainText());
    m_saveButton->setEnabled(!markers);
    if (markers)
        m_mergeStatus->setText(tr("%n place(s) changed on both sides: keep what you want between "
                                  "the <<<<<<< and >>>>>>> lines and delete the markers.",
                                  nullptr, m_conflicts));
    else if (m_conflicts == 0)
        m_mergeStatus->setText(tr("Merged without conflicts."));
    else
        m_mergeStatus->setText(tr("All conflicts resolved."));
}

} // namespace admin::editor
