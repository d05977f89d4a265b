"""Logs never hold a full phone number, birth date or name: not in the message, not in an
exception's text, not in a traceback.

Every record is masked when it is made (a log record factory), so no handler can see it
unmasked, whichever logger it comes from or whenever its handler was added; the filter does the
same for handlers that are given records made elsewhere. The masking is the strict one
(``privacy.masking.mask_log_text``): in a log, any date that could be a birth date is masked.
Uncaught exceptions (``sys.excepthook``) and warnings (Rasa reports some messages as warnings,
with the text in them) are printed masked too.
"""

import logging
import sys
import traceback
import warnings

from privacy.masking import mask_log_text

_MASKED = "_kt_masked"


def mask_record(record: logging.LogRecord) -> logging.LogRecord:
    if getattr(record, _MASKED, False):
        return record
    try:
        message = record.getMessage()
    except Exception:  # malformed arguments: logging would print them raw in its own error report
        message = f"{record.msg} {record.args!r}"
    masked = mask_log_text(message)
    if masked != message or record.args:
        record.msg, record.args = masked, None
    if record.exc_info:
        text = record.exc_text or "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        record.exc_text, record.exc_info = mask_log_text(text), None
    elif record.exc_text:
        record.exc_text = mask_log_text(record.exc_text)
    if record.stack_info:
        record.stack_info = mask_log_text(record.stack_info)
    setattr(record, _MASKED, True)
    return record


class MaskingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        mask_record(record)
        return True


def _masking_excepthook(kind, value, tb) -> None:
    sys.stderr.write(mask_log_text("".join(traceback.format_exception(kind, value, tb))))


def _masking_showwarning(show):
    def showwarning(message, category, filename, lineno, file=None, line=None):
        show(mask_log_text(str(message)), category, filename, lineno, file, line)

    setattr(showwarning, _MASKED, True)
    return showwarning


def install_log_masking() -> None:
    """Mask every record from now on, in this process (and processes it forks)."""
    factory = logging.getLogRecordFactory()
    if not getattr(factory, _MASKED, False):

        def masking_factory(*args, **kwargs):
            return mask_record(factory(*args, **kwargs))

        setattr(masking_factory, _MASKED, True)
        logging.setLogRecordFactory(masking_factory)
    root = logging.getLogger()
    for handler in root.handlers:
        if not any(isinstance(f, MaskingFilter) for f in handler.filters):
            handler.addFilter(MaskingFilter())
    sys.excepthook = _masking_excepthook
    if not getattr(warnings.showwarning, _MASKED, False):
        warnings.showwarning = _masking_showwarning(warnings.showwarning)
