"""The window's actions, made once (Frescobaldi's action collection).

Texts are set in `translate_ui`, which runs again when the language changes;
shortcuts are the platform's standard keys where one exists.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence

Std = QKeySequence.StandardKey


class Actions(QObject):
    def __init__(self, parent: QObject):
        super().__init__(parent)

        def make(name: str, *keys: QKeySequence | Std | str, checkable: bool = False) -> QAction:
            action = QAction(parent)
            action.setObjectName(name)
            sequences: list[QKeySequence] = []
            for key in keys:
                if isinstance(key, Std):
                    sequences.extend(QKeySequence.keyBindings(key))
                else:
                    sequences.append(QKeySequence(key))
            action.setShortcuts(sequences)
            action.setCheckable(checkable)
            return action

        self.open_bundle = make("open_bundle", Std.Open)
        self.import_folder = make("import_folder", "Ctrl+Shift+O")
        self.export = make("export", "Ctrl+E")
        self.remove = make("remove")
        self.share = make("share")
        self.print = make("print", Std.Print)
        self.save_pdf = make("save_pdf", "Ctrl+Shift+P")
        self.settings = make("settings", "Ctrl+,")
        self.quit = make("quit", Std.Quit, "Ctrl+Q")
        self.search = make("search", Std.Find, "Ctrl+K")
        self.zoom_in = make("zoom_in", Std.ZoomIn, "Ctrl+=")
        self.zoom_out = make("zoom_out", Std.ZoomOut)
        self.zoom_reset = make("zoom_reset", "Ctrl+0")
        self.details = make("details", "Ctrl+I", checkable=True)
        self.toggle_read = make("toggle_read", "Ctrl+U")
        self.bookmark = make("bookmark", "Ctrl+D")
        self.next_article = make("next_article", "Ctrl+J")
        self.previous_article = make("previous_article", "Ctrl+Shift+J")
        self.focus_sidebar = make("focus_sidebar", "Ctrl+1")
        self.focus_list = make("focus_list", "Ctrl+2")
        self.focus_article = make("focus_article", "Ctrl+3")
        self.import_shown = make("import_shown")
        self.fonts = make("fonts")
        self.about = make("about")
        self.translate_ui()

    def all(self) -> list[QAction]:
        return [a for a in vars(self).values() if isinstance(a, QAction)]

    def translate_ui(self) -> None:
        texts = {
            self.open_bundle: self.tr("&Open bundle…"),
            self.import_folder: self.tr("Import a &folder of bundles…"),
            self.export: self.tr("&Pass on to a drive…"),
            self.remove: self.tr("&Remove from library…"),
            self.share: self.tr("S&hare on this network…"),
            self.print: self.tr("&Print…"),
            self.save_pdf: self.tr("Save as P&DF…"),
            self.settings: self.tr("&Settings…"),
            self.quit: self.tr("&Quit"),
            self.search: self.tr("&Search"),
            self.zoom_in: self.tr("&Larger text"),
            self.zoom_out: self.tr("S&maller text"),
            self.zoom_reset: self.tr("&Normal text size"),
            self.details: self.tr("&Where this came from"),
            self.toggle_read: self.tr("Mark as &unread"),
            self.bookmark: self.tr("&Bookmark"),
            self.next_article: self.tr("&Next article"),
            self.previous_article: self.tr("P&revious article"),
            self.focus_sidebar: self.tr("Go to the &sidebar"),
            self.focus_list: self.tr("Go to the article &list"),
            self.focus_article: self.tr("Go to the &article"),
            self.import_shown: self.tr("&Import this bundle"),
            self.fonts: self.tr("Check &fonts"),
            self.about: self.tr("&About Satchel"),
        }
        for action, text in texts.items():
            action.setText(text)
            plain = text.replace("&", "").rstrip("…")
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{plain} ({shortcut})" if shortcut else plain)
            action.setStatusTip(plain)
