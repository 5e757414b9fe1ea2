"""Where the open article came from, and the reader's trust decision about its publisher.

The panel lists the publisher with its full fingerprint in groups of four,
the trust state in plain words, the version and signing time, the keys that
signed, who packed the bundles it came in, the other versions held,
conflicts and revocation, versions held back (a retired or revoked key may
not replace what the reader had), and key history conflicts with their
evidence. Trusting needs a deliberate comparison of the fingerprint
(`TrustDialog`); so does starting a publisher over after a key history
conflict (`ResetDialog`); blocking asks once. A bundle opened read-only has no
trust store, so the panel says to import it first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from reader.records import TrustState

from . import operations
from .icons import badge_icon
from .text import in_ui_direction, isolate, join_isolated, long_date
from .theme import LIGHT, Theme
from .widgets import heading_label, muted_label, text_label

if TYPE_CHECKING:
    from reader.records import ArticleView
    from reader.trust import ChainConflict

    from .session import Session


def fingerprint_lines(fingerprint: str, per_line: int = 4) -> list[str]:
    groups = fingerprint.split()
    return [" ".join(groups[i:i + per_line]) for i in range(0, len(groups), per_line)]


def mono_font(point_delta: int = 0) -> QFont:
    font = QFont("DejaVu Sans Mono")
    font.setStyleHint(QFont.StyleHint.Monospace)
    if point_delta:
        font.setPointSize(max(6, QFont().pointSize() + point_delta))
    return font


def fingerprint_grid(fingerprint: str, parent: QWidget, point_delta: int = 3) -> QFrame:
    """The sixteen groups of a fingerprint in a boxed grid of four, for comparing."""
    grid = QGridLayout()
    grid.setHorizontalSpacing(18)
    grid.setVerticalSpacing(6)
    for n, group in enumerate(fingerprint.split()):
        label = text_label(group, parent)
        label.setFont(mono_font(point_delta))
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        grid.addWidget(label, n // 4, n % 4)
    box = QFrame(parent)
    box.setLayout(grid)
    # Hex reads left to right in every language, as in the panel and on paper.
    box.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    box.setFrameShape(QFrame.Shape.StyledPanel)
    box.setContentsMargins(12, 10, 12, 10)
    return box


class TrustDialog(QDialog):
    """Compare the fingerprint, then trust: the only way to mark a publisher trusted."""

    def __init__(self, name: str, fingerprint: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Compare the fingerprint"))
        self.setAccessibleName(self.tr("Compare the fingerprint"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(14)
        title = heading_label(self.tr("Is this really “%1”?").replace("%1", isolate(name)), self)
        layout.addWidget(title)
        layout.addWidget(muted_label(self.tr(
            "Ask the publisher for their fingerprint through a channel you already trust: in "
            "person, printed in their newspaper, or from a friend who checked it. Then compare "
            "all sixteen groups below. If even one group differs, do not trust this key."), self))
        box = fingerprint_grid(fingerprint, self)
        box.setAccessibleName(self.tr("Fingerprint: %1").replace("%1", fingerprint))
        layout.addWidget(box)
        buttons = QDialogButtonBox(self)
        self.trust_button = buttons.addButton(self.tr("They match: trust this publisher"),
                                              QDialogButtonBox.ButtonRole.AcceptRole)
        self.trust_button.setProperty("role", "primary")
        copy = buttons.addButton(self.tr("Copy fingerprint"), QDialogButtonBox.ButtonRole.ActionRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Not now"))
        copy.clicked.connect(
            lambda: QGuiApplication.clipboard().setText(fingerprint))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for button in (self.trust_button, copy, cancel):
            button.setAccessibleName(button.text())
        layout.addWidget(buttons)
        cancel.setDefault(True)
        cancel.setFocus()


class ResetDialog(QDialog):
    """Compare the two key histories' fingerprints, then start the publisher over."""

    def __init__(self, name: str, conflict: ChainConflict, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Start this publisher over?"))
        self.setAccessibleName(self.windowTitle())
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 22, 24, 18)
        layout.setSpacing(12)
        layout.addWidget(heading_label(
            self.tr("Two key histories claim to be “%1”").replace("%1", isolate(name)),
            self))
        layout.addWidget(muted_label(self.tr(
            "Both histories start from the same publisher fingerprint, so compare the keys "
            "below instead. Ask the publisher which key they sign with now, through a channel "
            "you already trust: in person, printed in their newspaper, or from a friend who "
            "checked it. Compare all sixteen groups."), self))
        for title, keys in ((self.tr("The key Satchel kept:"), conflict.held_keys),
                            (self.tr("The key of the other history:"), conflict.other_keys)):
            layout.addWidget(text_label(title, self))
            for key in keys or (self.tr("(no key: a revocation)"),):
                if " " in key:
                    box = fingerprint_grid(key, self, point_delta=1)
                    box.setAccessibleName(self.tr("Fingerprint: %1").replace("%1", key))
                    layout.addWidget(box)
                else:
                    layout.addWidget(muted_label(key, self))
        layout.addWidget(muted_label(self.tr(
            "Only if the other key is theirs: starting over forgets the key history Satchel "
            "holds for this publisher and your trust decision. Their articles are kept but "
            "hidden until a key history arrives again (import a bundle from them, or their "
            "key card); then the articles their keys signed come back, and the others stay "
            "hidden."), self))
        buttons = QDialogButtonBox(self)
        self.reset_button = buttons.addButton(self.tr("The other key is theirs: start over"),
                                              QDialogButtonBox.ButtonRole.DestructiveRole)
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Keep things as they are"))
        self.reset_button.clicked.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for button in (self.reset_button, cancel):
            button.setAccessibleName(button.text())
        layout.addWidget(buttons)
        cancel.setDefault(True)
        cancel.setFocus()


class ProvenancePanel(QScrollArea):
    """Where the open article came from; the trust decisions about its publisher."""

    publisher_reset = Signal(str)  # what starting a publisher over did, in a sentence
    import_requested = Signal()

    def __init__(self, session: Session | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("provenance")
        self.session = session
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.theme: Theme = LIGHT
        self.article: ArticleView | None = None
        self.read_only = False
        self._body = QWidget(self)
        self._body.setObjectName("provenanceBody")
        self._layout = QVBoxLayout(self._body)
        self._layout.setContentsMargins(18, 16, 18, 16)
        self._layout.setSpacing(6)
        self.setWidget(self._body)
        self.trust_button = QPushButton(self._body)
        self.block_button = QPushButton(self._body)
        self.trust_button.clicked.connect(self._trust_clicked)
        self.block_button.clicked.connect(self._block_clicked)
        self.setAccessibleName(self.tr("Where this came from"))
        self.show_article(None)
        if session is not None:
            session.source_changed.connect(lambda: self.show_article(None))

    def set_theme(self, theme: Theme) -> None:
        self.theme = theme
        self.show_article(self.article, self.read_only)

    def translate_ui(self) -> None:
        self.setAccessibleName(self.tr("Where this came from"))
        self.show_article(self.article, self.read_only)

    # -- building ------------------------------------------------------------------

    def _clear(self) -> None:
        for button in (self.trust_button, self.block_button):  # kept: rows are rebuilt
            button.hide()
            button.setParent(self._body)
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget()
            if widget is not None:
                widget.hide()  # gone now, freed later
                widget.deleteLater()

    def _section(self, title: str) -> None:
        label = muted_label(title.upper(), self._body)
        font = label.font()
        font.setPointSizeF(font.pointSizeF() * 0.85)
        font.setLetterSpacing(QFont.SpacingType.PercentageSpacing, 106)
        label.setFont(font)
        label.setContentsMargins(0, 12, 0, 0)
        self._layout.addWidget(label)

    def _text(self, text: str, *, rich: bool = False, muted: bool = False) -> QLabel:
        text = in_ui_direction(text)  # a sentence may begin with an isolated name
        label = muted_label(text, self._body) if muted else text_label(text, self._body)
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._layout.addWidget(label)
        return label

    def _fingerprint(self, fingerprint: str) -> None:
        label = text_label("\n".join(fingerprint_lines(fingerprint)), self._body)
        label.setFont(mono_font())
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                      | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        label.setAccessibleName(self.tr("Fingerprint: %1").replace("%1", fingerprint))
        label.setContentsMargins(0, 4, 0, 4)
        self._layout.addWidget(label)

    def trust_words(self, trust: TrustState) -> str:
        return {
            TrustState.TRUSTED: self.tr("Trusted: you compared this publisher's fingerprint."),
            TrustState.UNKNOWN: self.tr("Unverified: the signature is valid, but you have not "
                                   "compared the fingerprint yet."),
            TrustState.BLOCKED: self.tr("Blocked: you chose to hide this publisher's articles."),
            TrustState.REVOKED: self.tr("Revoked: the publisher has ended this key. Articles signed "
                                   "before still verify."),
        }[trust]

    def status_words(self, status: str) -> str:
        return {
            "published": self.tr("Published"),
            "corrected": self.tr("Corrected"),
            "retracted": self.tr("Retracted by the publisher"),
        }.get(status, status)

    def show_article(self, article: ArticleView | None, read_only: bool | None = None) -> None:
        """Say where `article` came from (a bundle shown read-only has no trust store)."""
        self.article = article
        if read_only is None:
            read_only = self.session.read_only if self.session is not None else False
        self.read_only = read_only
        self._clear()
        title = heading_label(self.tr("Where this came from"), self._body)
        self._layout.addWidget(title)
        if article is None:
            self._text(self.tr("Open an article to see who wrote it and how Satchel checked it."),
                       muted=True)
            self._layout.addStretch(1)
            return
        p = article
        self._section(self.tr("Publisher"))
        icon = badge_icon(str(p.trust), self.theme, 16)
        row = QWidget(self._body)
        row_layout = QHBoxLayout(row)
        row_layout.setContentsMargins(0, 0, 0, 0)
        row_layout.setSpacing(8)
        badge = QLabel(row)
        badge.setPixmap(icon.pixmap(16, 16))
        name = heading_label(p.publisher_name, row)
        row_layout.addWidget(badge)
        row_layout.addWidget(name, 1)
        self._layout.addWidget(row)
        self._text(self.trust_words(p.trust))
        self._section(self.tr("Fingerprint"))
        self._fingerprint(p.fingerprint)
        if read_only:
            self._text(self.tr("This bundle has not been imported. Import it to keep its "
                               "articles and to decide whether to trust this publisher."),
                       muted=True)
            button = QPushButton(self.tr("Import this bundle"), self._body)
            button.setAccessibleName(button.text())
            button.clicked.connect(self.import_requested.emit)
            self._layout.addWidget(button)
        else:
            self._trust_buttons(p.trust)
        if p.key_conflicts:
            self._conflicts(p, p.key_conflicts)

        self._section(self.tr("This version"))
        when = long_date(p.issued)
        lines = [self.tr("Version %1 · %2").replace("%1", str(p.version))
                 .replace("%2", self.status_words(p.status))]
        if when:
            lines.append(self.tr("Signed %1 (the publisher's clock)").replace("%1", when))
        self._text("\n".join(lines))
        if p.retired_key:
            self._text(self.tr("Signed with a key the publisher has since replaced. The "
                               "signature is still valid."), muted=True)
        if p.conflict:
            self._text(self.tr("Conflict: another text with the same version number is also "
                               "signed by this publisher. Neither is shown as the current one."))
        if p.held_back:
            self._text(self.tr("Held back: this version is kept, but it may not replace the "
                               "one you had. It is signed only by a key the publisher has "
                               "retired, or it arrived after they revoked their keys."))
        for number in p.newer_held_back:
            line = (self.tr("Version %1 arrived after the publisher revoked their keys. It "
                            "cannot replace this one.") if p.revoked else
                    self.tr("Version %1 is signed only by a key the publisher has retired. "
                            "It cannot replace this one."))
            self._text(line.replace("%1", str(number)))
        if len(p.versions) > 1:
            self._section(self.tr("Versions held"))
            for v in p.versions:
                line = (self.tr("Version %1 (current) · %2") if v.current else
                        self.tr("Version %1 · %2 · held back") if v.held_back else
                        self.tr("Version %1 · %2"))
                self._text(line.replace("%1", str(v.version))
                           .replace("%2", self.status_words(v.status)))

        self._section(self.tr("How it reached you"))
        if p.packers:
            for packer in p.packers:
                self._text(self.tr("Packed by %1").replace("%1", isolate(packer.name)))
                if packer.id == p.publisher:
                    self._text(self.tr("(the publisher itself)"), muted=True)
                else:
                    label = self._text("\n".join(fingerprint_lines(packer.fingerprint)),
                                       muted=True)
                    label.setFont(mono_font(-1))
        else:
            self._text(self.tr("The bundle was not signed by whoever packed it. That is "
                               "allowed: each article carries its own signature."), muted=True)
        if p.bundles:
            self._text(self.tr("In: %1").replace("%1", join_isolated(p.bundles, ", ")))
        first_seen = next((v.first_seen for v in p.versions if v.id == p.version_id), "")
        if first_seen:
            self._text(self.tr("First seen on this computer: %1")
                       .replace("%1", long_date(first_seen)), muted=True)
        if p.revoked:
            self._section(self.tr("Revocation"))
            self._text(self.tr("The publisher has revoked this key chain. No new articles "
                               "should be signed with it; if you see newer ones, be careful."))
        self._layout.addStretch(1)

    def _conflicts(self, article: ArticleView, conflicts: tuple[ChainConflict, ...]) -> None:
        """The evidence of each key history conflict, and the way out (`ResetDialog`)."""
        self._section(self.tr("Key history conflict"))
        for c in conflicts:
            if c.kind == "dropped":
                self._text(self.tr("Satchel set aside the key history it held for this "
                                   "publisher: it does not pass today's checks (step %1).")
                           .replace("%1", str(c.root)))
                continue
            self._text(self.tr("%1 brought another key history for this publisher (differing "
                               "from step %2), first on %3. Satchel kept the one it had and "
                               "refused the other.")
                       .replace("%1", self.source_words(c.source)).replace("%2", str(c.root))
                       .replace("%3", long_date(c.first_seen)))
            if c.times > 1:
                self._text(self.tr("Seen %1 times.").replace("%1", str(c.times)), muted=True)
            for title, keys in ((self.tr("Keys Satchel kept:"), c.held_keys),
                                (self.tr("Keys of the other history:"), c.other_keys)):
                self._text(title, muted=True)
                for key in keys:
                    self._fingerprint(key)
        forks = [c for c in conflicts if c.kind == "fork"]
        if forks and not self.read_only:
            button = QPushButton(self.tr("Start this publisher over…"), self._body)
            button.setAccessibleName(button.text())
            button.clicked.connect(lambda: self.ask_reset(article, forks[-1]))
            self._layout.addWidget(button)

    def source_words(self, source: str) -> str:
        """Where a key history came from, as the library recorded it, in words."""
        kind, _, name = source.partition(" ")
        if kind == "bundle":
            return self.tr("The bundle “%1”").replace("%1", isolate(name))
        if source.startswith("key card "):
            return self.tr("The key card “%1”").replace("%1", isolate(source[len("key card "):]))
        return isolate(source)

    def ask_reset(self, article: ArticleView, conflict: ChainConflict) -> ResetDialog:
        dialog = ResetDialog(article.publisher_name, conflict, self)
        dialog.accepted.connect(lambda: self._reset(article.publisher, article.publisher_name))
        dialog.open()
        return dialog

    def _trust_buttons(self, trust: TrustState) -> None:
        self.trust_button.show()
        self.block_button.show()
        if trust == TrustState.TRUSTED:
            self.trust_button.setText(self.tr("Stop trusting"))
        elif trust == TrustState.BLOCKED:
            self.trust_button.setText(self.tr("Unblock"))
        else:
            self.trust_button.setText(self.tr("Compare fingerprint and trust…"))
        self.trust_button.setEnabled(trust != TrustState.REVOKED)
        self.trust_button.setProperty("role", "primary" if trust == TrustState.UNKNOWN else "")
        self.block_button.setText(self.tr("Block this publisher…"))
        self.block_button.setVisible(trust != TrustState.BLOCKED)
        for button in (self.trust_button, self.block_button):
            button.setAccessibleName(button.text())
            button.style().unpolish(button)
            button.style().polish(button)
        row = QWidget(self._body)
        layout = QVBoxLayout(row)
        layout.setContentsMargins(0, 10, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.trust_button)
        layout.addWidget(self.block_button)
        self._layout.addWidget(row)

    # -- decisions -------------------------------------------------------------------

    def _set_trust(self, publisher_id: str, trust: TrustState) -> None:
        if self.session is not None:
            operations.set_trust(self.session, publisher_id, trust, self)

    def _reset(self, publisher_id: str, name: str) -> None:
        if self.session is not None:
            operations.reset_publisher(
                self.session, publisher_id, self,
                lambda result: self.publisher_reset.emit(self.reset_words(
                    name, result.hidden_articles)))

    def reset_words(self, name: str, hidden: int) -> str:
        return self.tr("Started “%1” over: %2 article(s) are hidden until their key history "
                       "arrives again, in a bundle or a key card.").replace(
            "%1", isolate(name)).replace("%2", str(hidden))

    def _trust_clicked(self) -> None:
        article = self.article
        if article is None:
            return
        if article.trust in (TrustState.TRUSTED, TrustState.BLOCKED):
            self._set_trust(article.publisher, TrustState.UNKNOWN)
            return
        self.ask_trust(article)

    def ask_trust(self, article: ArticleView) -> TrustDialog:
        """Compare the fingerprint, then trust: the only way to mark a publisher trusted."""
        dialog = TrustDialog(article.publisher_name, article.fingerprint, self)
        publisher = article.publisher
        dialog.accepted.connect(lambda: self._set_trust(publisher, TrustState.TRUSTED))
        dialog.open()
        return dialog

    def _block_clicked(self) -> None:
        article = self.article
        if article is None:
            return
        publisher = article.publisher
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Block this publisher?"),
                          self.tr("Hide every article from “%1”? You can unblock them later "
                                  "from this panel.").replace("%1",
                                                              isolate(article.publisher_name)),
                          QMessageBox.StandardButton.Cancel, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        block = box.addButton(self.tr("Block"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.buttonClicked.connect(
            lambda b: self._set_trust(publisher, TrustState.BLOCKED) if b is block else None)
        box.open()
