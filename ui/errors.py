"""One place that turns any exception into words a reader can act on (Anki's show_exception).

The message is chosen by exception type, never by matching error text. The
summary is translated; the core's own one-line message (file, entry, reason)
goes underneath, and a traceback only for errors that are not Satchel's.
"""

from __future__ import annotations

import traceback
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from .text import in_ui_direction, isolate
from .translations import translate


@dataclass(frozen=True)
class Explanation:
    summary: str  # translated, plain language
    reason: str  # the core's one-line message (names the file and entry)
    details: str  # hint, and a traceback for unexpected errors
    ignore: bool = False  # the reader asked to stop: nothing to show


def _summary(exc: BaseException) -> str:
    return summary_for(type(exc))


def _error_classes() -> dict[str, type[BaseException]]:
    """Satchel's error classes by name (and Python's own), for `summary_for_type`."""
    import builtins

    from bundles import errors as b
    from index import errors as i
    from reader import errors as r

    modules: list[object] = [builtins, b, i, r]
    return {name: kind for module in modules for name, kind in vars(module).items()
            if isinstance(kind, type) and issubclass(kind, BaseException)}


def summary_for_type(error_type: str) -> str:
    """The translated summary for a refusal the importer names by its class (`error_type`,
    as the import dialog gets it), chosen by type as `explain` does."""
    kind = _error_classes().get(error_type)
    if kind is None:
        return translate("errors", "Something went wrong inside Satchel. Your library is safe.")
    return summary_for(kind)


def summary_for(kind: type[BaseException]) -> str:
    # Imported here: the reader package is heavy, and errors are rare (start-up stays quick).
    from bundles import errors as b
    from reader import errors as r

    table: list[tuple[type[BaseException], str]] = [
        (r.LibraryInUse, translate("errors", "Satchel is already open in another window, or a satchel "
                             "command is using this library. Close it, then try again.")),
        (r.DiskFull, translate("errors", "The disk is full. Nothing was changed. Free some space, "
                         "then try again.")),
        (r.SchemaTooNew, translate("errors", "This library was made by a newer version of Satchel. "
                             "Update Satchel to open it.")),
        (r.LibraryCorrupt, translate("errors", "The library file cannot be read. A copy made before each "
                               "upgrade is kept in the library's backups folder.")),
        (r.BlobMissing, translate("errors", "Part of this article is missing or damaged in the library. "
                            "Importing a bundle that carries it again will repair it.")),
        (r.NotFound, translate("errors", "This item is no longer in the library.")),
        (r.ChainForkError, translate("errors", "Two different key histories claim to be the same publisher. "
                               "The library kept the one it had. Compare fingerprints with "
                               "the publisher through a channel you trust.")),
        (r.KeyCardError, translate("errors", "This key card could not be read, or its keys do not check out.")),
        (b.IncompleteError, translate("errors", "This copy of the bundle is incomplete: the copy was cut "
                                "short. Nothing from it was used. Copy the file again, and let "
                                "the copy finish before you unplug the drive.")),
        (b.HashMismatchError, translate("errors", "This bundle was refused: part of it was changed after it "
                                  "was signed. Nothing from it was used.")),
        (b.SignatureError, translate("errors", "This bundle was refused: a signature in it does not check "
                               "out. Nothing from it was used.")),
        (b.KeyChainError, translate("errors", "This bundle was refused: a publisher's key history in it is "
                              "broken. Nothing from it was used.")),
        (b.LimitError, translate("errors", "This bundle was refused: it holds something larger than Satchel "
                           "accepts. Nothing from it was used.")),
        (b.ArchiveError, translate("errors", "This bundle was refused: the file is not built the way a bundle "
                             "must be. Nothing from it was used.")),
        (b.FormatError, translate("errors", "This bundle was refused: it is damaged or not a Satchel bundle. "
                            "Nothing from it was used.")),
        (b.BundleError, translate("errors", "This bundle was refused. Nothing from it was used.")),
        (b.KeyFileError, translate("errors", "The key file could not be opened.")),
        (b.ReadError, translate("errors", "A file could not be read or written. If it is on a USB "
                          "stick or a memory card, check that it is still plugged in.")),
        (r.LibraryError, translate("errors", "There is a problem with the library.")),
    ]
    from index.errors import SearchIndexError

    table.append((SearchIndexError, translate("errors", "Search cannot be used right now: the search "
                                        "index is damaged or out of date. Rebuilding it from "
                                        "your library fixes this; your articles are safe.")))
    for base, text in table:
        if issubclass(kind, base):
            return text
    if issubclass(kind, b.SatchelError):
        return translate("errors", "Satchel could not finish this.")
    if issubclass(kind, PermissionError):
        return translate("errors", "Satchel is not allowed to read or write this file or folder.")
    if issubclass(kind, OSError):
        return translate("errors", "A file could not be read or written. If it is on a USB stick or a memory "
                   "card, check that it is still plugged in.")
    return translate("errors", "Something went wrong inside Satchel. Your library is safe.")


def explain(exc: BaseException) -> Explanation:
    from bundles import errors as bundle_errors  # on the first error, as in `_summary`

    if isinstance(exc, bundle_errors.Cancelled):
        return Explanation("", exc.message, "", ignore=True)
    summary = _summary(exc)
    if isinstance(exc, bundle_errors.SatchelError):
        # The file's name is a stranger's text in a sentence: isolated, so a right-to-left
        # name cannot reorder the reason around it.
        reason = exc.message.replace(exc.path, isolate(exc.path), 1) if exc.path else exc.message
        return Explanation(summary, reason, exc.hint)
    if isinstance(exc, OSError):
        where = exc.filename or ""
        reason = f"{where}: {exc.strerror}" if where and exc.strerror else str(exc)
        return Explanation(summary, reason, "")
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return Explanation(summary, f"{type(exc).__name__}: {exc}", trace)


def show_exception(parent: QWidget | None, exc: BaseException) -> QMessageBox | None:
    """Show a translated message with the details underneath; None for a cancellation."""
    info = explain(exc)
    if info.ignore:
        return None
    box = QMessageBox(parent)
    box.setTextFormat(Qt.TextFormat.PlainText)  # the reason quotes file names and entries
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("errors", "Satchel"))
    box.setText(info.summary)
    box.setInformativeText(in_ui_direction(info.reason))
    if info.details:
        box.setDetailedText(info.details)
    copy = box.addButton(translate("errors", "Copy details"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setAccessibleName(info.summary)

    def copy_details() -> None:
        QGuiApplication.clipboard().setText("\n".join(
            part for part in (info.summary, info.reason, info.details) if part))

    copy.clicked.disconnect()
    copy.clicked.connect(copy_details)
    box.open()
    return box
