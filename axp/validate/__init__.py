"""The reference validator: single messages against the JSON Schemas, whole streams against the lifecycle.

>>> from axp.validate import validator_for, check_stream
>>> validator_for("envelope").is_valid({})
False
"""

from axp.validate.issues import ValidationIssue, json_pointer
from axp.validate.message import MessageValidator, detect_schema, hinted_schema, validate_message, validator_for
from axp.validate.stream import RULES, StreamChecker, check_stream

__all__ = [
    "RULES",
    "MessageValidator",
    "StreamChecker",
    "ValidationIssue",
    "check_stream",
    "detect_schema",
    "hinted_schema",
    "json_pointer",
    "validate_message",
    "validator_for",
]
