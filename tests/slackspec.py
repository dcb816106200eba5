"""Check Partnerdesk's Slack traffic against what Slack itself published.

- `WebApiSpec` reads Slack's Web API spec (OpenAPI 2.0, 2020) and checks a call's arguments
  (`check_call`) and an answer's shape (`check_response`, jsonschema draft 4).
- `check_blocks`, `check_view` and `check_message` check Block Kit with slack_sdk's own model
  classes (every block and view must survive `parse(...).to_dict()` unchanged) plus the limits
  those classes do not enforce (docs/slack-testing.md, section 2).
- `make_validator` combines them into the `validator` that `bot.standin.SlackStandIn` takes.

Nothing here reaches the network; the spec is read from `find_specs_dir()`.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft4Validator
from jsonschema.exceptions import ValidationError, best_match
from slack_sdk.errors import SlackObjectFormationError
from slack_sdk.models.blocks import Block
from slack_sdk.models.views import View

Json = dict[str, Any]

SPEC_FILE = Path("web-api") / "slack_web_openapi_v2.json"
SKIP_REASON = "Slack's Web API spec not found: set SLACK_SPECS_DIR"

# Arguments that a form body carries as JSON strings and a JSON body as arrays/objects.
JSON_FIELDS: dict[str, type] = {"blocks": list, "attachments": list, "view": dict, "metadata": dict}
MESSAGE_METHODS = frozenset(
    {"chat.postMessage", "chat.postEphemeral", "chat.update", "chat.scheduleMessage"}
)
# Errors Slack documents as possible from every Web API method, missing from the 2020 enums.
COMMON_ERRORS = (
    "access_denied",
    "accesslimited",
    "account_inactive",
    "deprecated_endpoint",
    "fatal_error",
    "internal_error",
    "invalid_arguments",
    "invalid_auth",
    "invalid_blocks",
    "invalid_blocks_format",
    "method_deprecated",
    "missing_scope",
    "no_permission",
    "not_allowed_token_type",
    "not_authed",
    "org_login_required",
    "ratelimited",
    "request_timeout",
    "service_unavailable",
    "team_access_not_granted",
    "token_expired",
    "token_revoked",
    "unknown_method",
)

# Block Kit limits slack_sdk does not check (section text it does; we say it more clearly).
BLOCK_LIMITS = {"message": 50, "modal": 100, "home": 100}
SECTION_TEXT_MAX = 3000
FIELD_TEXT_MAX = 2000
# Any text object (a context element's mrkdwn too): "maximum length ... is 3000 characters".
TEXT_OBJECT_MAX = 3000
OPTION_TEXT_MAX = 75
OPTION_VALUE_MAX = 150
OPTION_DESCRIPTION_MAX = 75
TEXT_TYPES = frozenset({"plain_text", "mrkdwn"})
# Text objects Slack accepts only as plain_text, by the type of the object holding them.
PLAIN_TEXT_FIELDS: dict[str, tuple[str, ...]] = {
    "header": ("text",),
    "button": ("text",),
    "input": ("label", "hint"),
    "image": ("title",),
}
# Elements whose options' text must be plain_text (checkboxes and radio buttons allow mrkdwn).
PLAIN_OPTION_ELEMENTS = frozenset(
    {"static_select", "multi_static_select", "external_select", "multi_external_select", "overflow"}
)
# View fields slack_sdk drops when empty though Slack accepts (and itself echoes) "".
EMPTY_OK_VIEW_FIELDS = ("private_metadata", "callback_id", "external_id")
STUB_BLOCK: Json = {"type": "divider"}


class SpecViolation(AssertionError):
    """A call, answer, block or view that Slack's published rules reject."""


def _raise_if(head: str, problems: list[str]) -> None:
    if len(problems) == 1:
        raise SpecViolation(f"{head}: {problems[0]}")
    if problems:
        raise SpecViolation(f"{head}: {len(problems)} problems:\n- " + "\n- ".join(problems))


def _short(value: Any, limit: int = 60) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _flag(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("1", "true")
    return bool(value)


# -- finding the spec ---------------------------------------------------------------------------


def find_specs_dir() -> Path | None:
    """Slack's spec folder: $SLACK_SPECS_DIR, else <repo>/../shared/slack-specs, else None."""
    candidates = []
    if os.environ.get("SLACK_SPECS_DIR"):
        candidates.append(Path(os.environ["SLACK_SPECS_DIR"]))
    repo = Path(__file__).resolve().parent.parent
    candidates.append(repo.parent / "shared" / "slack-specs")
    return next((path for path in candidates if (path / SPEC_FILE).is_file()), None)


@cache
def default_web_api_spec() -> WebApiSpec | None:
    """The spec from `find_specs_dir()`, loaded once per test run; None when not found."""
    specs_dir = find_specs_dir()
    return WebApiSpec(specs_dir / SPEC_FILE) if specs_dir else None


# -- reading the 2020 spec as Slack meant it ------------------------------------------------------


def _tuples_as_any_of(node: Any) -> Any:
    """Rewrite the spec generator's "one of these" into draft 4's `anyOf`.

    The spec writes alternatives as a tuple-form `items` on schemas that are not arrays
    (objs_conversation, objs_user, a message's bot_id...). Draft 4 applies `items` to arrays
    only, so read literally those schemas accept anything; as `anyOf` they check what Slack
    meant. The rewrite makes validation stricter, never looser.
    """
    if isinstance(node, list):
        return [_tuples_as_any_of(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _tuples_as_any_of(value) for key, value in node.items()}
    if isinstance(node.get("items"), list) and node.get("type") != "array":
        node["anyOf"] = node.pop("items")
    return node


def _success_schema(spec: Json, method: str) -> Json:
    operation = next(iter(spec["paths"][f"/{method}"].values()))
    return operation["responses"]["200"]["schema"]


def _erratum_message_metadata(spec: Json) -> None:
    """Messages carry `metadata` (message metadata, added by Slack in 2022)."""
    spec["definitions"]["objs_message"]["properties"]["metadata"] = {
        "type": "object",
        "properties": {"event_type": {"type": "string"}, "event_payload": {"type": "object"}},
        "required": ["event_type", "event_payload"],
    }


def _erratum_history_pages(spec: Json) -> None:
    """History and replies page with `response_metadata.next_cursor` (the spec's own examples
    do; its schemas forbid it), and an empty channel's history is `"messages": []`."""
    cursor = {
        "type": "object",
        "properties": {"next_cursor": {"type": "string"}},
        "required": ["next_cursor"],
    }
    for method in ("conversations.history", "conversations.replies"):
        _success_schema(spec, method)["properties"]["response_metadata"] = cursor
    _success_schema(spec, "conversations.history")["properties"]["messages"].pop("minItems")


def _erratum_update_blocks(spec: Json) -> None:
    """chat.update's answer echoes `message.blocks` as the array it is (the spec says object)."""
    message = _success_schema(spec, "chat.update")["properties"]["message"]
    message["properties"]["blocks"] = {"$ref": "#/definitions/blocks"}


def _erratum_reply_fields(spec: Json) -> None:
    """conversations.replies' messages are messages: give its parent/reply shapes the fields of
    objs_message they omit (blocks, bot_id, metadata...), typed as objs_message types them."""
    message_fields = spec["definitions"]["objs_message"]["properties"]
    items = _success_schema(spec, "conversations.replies")["properties"]["messages"]["items"]
    for shape in items["anyOf"]:
        for name, schema in message_fields.items():
            shape["properties"].setdefault(name, schema)


def _erratum_common_errors(spec: Json) -> None:
    """Error answers may carry Slack's errors common to all methods, and `response_metadata`
    (invalid_arguments explains itself there) or a `warning`."""
    for operations in spec["paths"].values():
        for operation in operations.values():
            properties = operation["responses"]["default"]["schema"].get("properties", {})
            enum = properties.get("error", {}).get("enum")
            if enum is not None:
                enum.extend(e for e in COMMON_ERRORS if e not in enum)
            properties.setdefault("warning", {"type": "string"})
            properties.setdefault(
                "response_metadata",
                {
                    "type": "object",
                    "properties": {
                        "messages": {"type": "array", "items": {"type": "string"}},
                        "warnings": {"type": "array", "items": {"type": "string"}},
                    },
                },
            )


# Where Slack's Web API of today differs from its 2020 spec, in the answers Partnerdesk sees.
ERRATA: tuple[Callable[[Json], None], ...] = (
    _erratum_message_metadata,
    _erratum_history_pages,
    _erratum_update_blocks,
    _erratum_reply_fields,
    _erratum_common_errors,
)


# -- the Web API spec ---------------------------------------------------------------------------


def _is_string(value: Any) -> bool:
    # Slack accepts numbers where the spec says string (ts, post_at).
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _is_boolean(value: Any) -> bool:
    if isinstance(value, str):
        return value.strip().lower() in ("true", "false", "1", "0")
    return isinstance(value, bool)


def _is_integer(value: Any) -> bool:
    if isinstance(value, str):
        return re.fullmatch(r"-?\d+", value.strip()) is not None
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    if isinstance(value, str):
        return re.fullmatch(r"-?\d+(\.\d+)?", value.strip()) is not None
    return isinstance(value, int | float) and not isinstance(value, bool)


TYPE_CHECKS: dict[str, Callable[[Any], bool]] = {
    "string": _is_string,
    "boolean": _is_boolean,
    "integer": _is_integer,
    "number": _is_number,
}


class WebApiSpec:
    """Slack's Web API spec (OpenAPI 2.0, 2020), read with the errata listed in `ERRATA`."""

    def __init__(self, spec_path: Path) -> None:
        raw = json.loads(Path(spec_path).read_text(encoding="utf-8"))
        spec: Json = _tuples_as_any_of(raw)
        for erratum in ERRATA:
            erratum(spec)
        self.definitions: Json = spec["definitions"]
        # One operation per method: the spec's HTTP verbs are ignored (WebClient always POSTs).
        self.operations: dict[str, Json] = {
            path.lstrip("/"): next(iter(operations.values()))
            for path, operations in spec["paths"].items()
        }
        self._validators: dict[tuple[str, str], Draft4Validator] = {}

    @property
    def methods(self) -> frozenset[str]:
        """Every method the spec knows."""
        return frozenset(self.operations)

    def parameters(self, method: str) -> dict[str, Json]:
        """A method's arguments by name; SpecViolation for a method Slack does not have."""
        operation = self.operations.get(method)
        if operation is None:
            raise SpecViolation(f"{method}: not a method of Slack's Web API")
        return {param["name"]: param for param in operation.get("parameters", [])}

    def required_args(self, method: str) -> frozenset[str]:
        """The arguments the spec requires, less `token` (it travels in the header)."""
        return frozenset(
            name
            for name, param in self.parameters(method).items()
            if param.get("required") and name != "token"
        )

    def check_call(self, method: str, args: Json) -> list[str]:
        """Check a call's arguments; the warnings (arguments newer than the 2020 spec).

        Raises SpecViolation for an unknown method, a missing required argument or an
        argument of the wrong type, including blocks/view/metadata that fail the Block Kit
        checks below.
        """
        params = self.parameters(method)
        problems = [
            f"missing required argument '{name}'"
            for name in sorted(self.required_args(method))
            if args.get(name) is None or args.get(name) == ""
        ]
        warnings = []
        for name, value in args.items():
            if name == "token":
                continue
            if name in JSON_FIELDS:
                # Checked even when the spec does not know them (metadata is newer than it).
                problems.extend(_json_field_problems(name, value))
            elif name in params:
                problems.extend(_type_problems(name, params[name]["type"], value))
            if name not in params:
                warnings.append(
                    f"{method}: argument '{name}' is not in Slack's 2020 spec "
                    "(newer than the spec, or a typo)"
                )
        _raise_if(method, problems)
        return warnings

    def check_response(self, method: str, body: Json) -> None:
        """Check an answer against the method's success (ok) or error schema."""
        outcome = "200" if body.get("ok") is True else "default"
        errors = sorted(
            self._validator(method, outcome).iter_errors(body), key=lambda e: list(e.path)
        )
        kind = "success" if outcome == "200" else "error"
        _raise_if(f"{method} {kind} answer", [_explain(error) for error in errors[:8]])

    def _validator(self, method: str, outcome: str) -> Draft4Validator:
        key = (method, outcome)
        if key not in self._validators:
            self.parameters(method)  # an unknown method is a SpecViolation, not a KeyError
            schema = dict(self.operations[method]["responses"][outcome]["schema"])
            schema["definitions"] = self.definitions  # the schemas' $refs point here
            self._validators[key] = Draft4Validator(schema)
        return self._validators[key]


def _explain(error: ValidationError) -> str:
    """Why a schema failed, with the path; for anyOf, the closest miss of each alternative."""
    if error.validator in ("anyOf", "oneOf") and error.context:
        by_alternative: dict[int, list[ValidationError]] = {}
        for sub in error.context:
            by_alternative.setdefault(int(sub.schema_path[0]), []).append(sub)
        misses = [
            f"({index + 1}) {_explain(best_match(subs))}"
            for index, subs in sorted(by_alternative.items())
        ]
        head = f"{_answer_path(error)}: matches none of the {len(misses)} shapes Slack allows"
        return head + ": " + "; ".join(misses)
    message = error.message if len(error.message) <= 160 else error.message[:159] + "…"
    return f"{_answer_path(error)}: {message}"


def _answer_path(error: ValidationError) -> str:
    path = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in error.absolute_path)
    return f"at answer{path}"


def _type_problems(name: str, spec_type: str, value: Any) -> list[str]:
    check = TYPE_CHECKS.get(spec_type)
    if check is None or check(value):
        return []
    got = f"{type(value).__name__} {_short(value)}"
    return [f"argument '{name}' should be of type {spec_type}, got {got}"]


def _json_field_problems(name: str, value: Any) -> list[str]:
    """blocks/attachments/view/metadata: JSON strings or native values, checked for content."""
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            return [f"argument '{name}' is not valid JSON: {_short(value)}"]
    expected = JSON_FIELDS[name]
    if not isinstance(value, expected):
        shape = "array" if expected is list else "object"
        return [f"argument '{name}' should be a JSON {shape}, got {_short(value)}"]
    if name == "blocks":
        return _block_problems(value, surface="message")
    if name == "view":
        return _view_problems(value)
    if name == "metadata":
        return _metadata_problems(value)
    return [
        f"attachments[{i}] should be an object"
        for i, attachment in enumerate(value)
        if not isinstance(attachment, dict)
    ]


def _metadata_problems(metadata: Json) -> list[str]:
    problems = []
    if not isinstance(metadata.get("event_type"), str) or not metadata.get("event_type"):
        problems.append("metadata.event_type must be a non-empty string")
    if not isinstance(metadata.get("event_payload"), dict):
        problems.append("metadata.event_payload must be an object")
    return problems


# -- Block Kit --------------------------------------------------------------------------------


def check_blocks(blocks: list[Json], *, surface: str = "message") -> None:
    """Check a message's (or view's) blocks; SpecViolation naming each block and rule.

    `surface` is "message" (at most 50 blocks), "modal" or "home" (at most 100).
    """
    _raise_if(f"{surface} blocks", _block_problems(blocks, surface=surface))


def check_view(view: Json) -> None:
    """Check a modal or Home tab view, its blocks included."""
    _raise_if(_view_label(view), _view_problems(view))


def check_message(payload: Json) -> None:
    """Check a whole message: a non-empty top-level `text` fallback, then its blocks."""
    _raise_if("message", _message_problems(payload))


def _message_problems(payload: Json) -> list[str]:
    problems = _fallback_problems(payload)
    blocks = payload.get("blocks")
    if blocks is not None:
        problems.extend(_json_field_problems("blocks", blocks))
    return problems


def _fallback_problems(payload: Json) -> list[str]:
    text = payload.get("text")
    if isinstance(text, str) and text.strip():
        return []
    # Notifications, screen readers and old clients show only this text.
    return [f"the top-level `text` fallback is missing or empty (got {_short(text)})"]


def _block_problems(blocks: Any, *, surface: str) -> list[str]:
    if surface not in BLOCK_LIMITS:
        raise ValueError(f"unknown surface {surface!r}: use one of {sorted(BLOCK_LIMITS)}")
    if not isinstance(blocks, list):
        return [f"blocks should be a list, got {_short(blocks)}"]
    problems = []
    if len(blocks) > BLOCK_LIMITS[surface]:
        problems.append(f"{len(blocks)} blocks: a {surface} allows at most {BLOCK_LIMITS[surface]}")
    for index, block in enumerate(blocks):
        where = _block_label(index, block)
        if not isinstance(block, dict):
            problems.append(f"{where}: a block must be an object, got {_short(block)}")
            continue
        problems.extend(f"{where}: {p}" for p in _round_trip_problems(block))
        for path, node in _walk(block, ""):
            problems.extend(f"{where}: {p}" for p in _node_problems(path, node))
    problems.extend(_duplicate_problems(blocks, surface))
    return problems


def _block_label(index: int, block: Any) -> str:
    if not isinstance(block, dict):
        return f"blocks[{index}]"
    block_id = f", block_id={block['block_id']!r}" if "block_id" in block else ""
    return f"blocks[{index}] ({block.get('type', 'no type')}{block_id})"


def _round_trip_problems(block: Json) -> list[str]:
    """slack_sdk's verdict: parse(block).to_dict() must give back exactly what we send."""
    try:
        sent = json.loads(json.dumps(block))  # what Slack receives: tuples become lists...
    except (TypeError, ValueError) as exc:
        return [f"not JSON-serialisable: {exc}"]
    try:
        parsed = Block.parse(copy.deepcopy(sent))
        if parsed is None:
            return [f"unknown block type {_short(sent.get('type'))}: slack_sdk cannot parse it"]
        kept = parsed.to_dict()
    except SlackObjectFormationError as exc:
        return [f"slack_sdk rejects it: {exc}"]
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        # slack_sdk's constructors raise these for missing or unknown keys in nested objects.
        return [f"slack_sdk cannot build it: {exc}"]
    return [
        f"changed by slack_sdk's parse/to_dict round trip at {diff} "
        "(an unknown or misspelt key, a wrong type, or an empty value)"
        for diff in _differences(sent, kept, "")
    ]


def _differences(sent: Any, kept: Any, path: str) -> list[str]:
    """Where two JSON values differ, one line per differing leaf."""
    if isinstance(sent, dict) and isinstance(kept, dict):
        found = []
        for key in sorted(sent.keys() | kept.keys()):
            where = f"{path}.{key}" if path else key
            if key not in kept:
                found.append(f"{where}: dropped (we sent {_short(sent[key])})")
            elif key not in sent:
                found.append(f"{where}: added ({_short(kept[key])})")
            else:
                found.extend(_differences(sent[key], kept[key], where))
        return found
    if isinstance(sent, list) and isinstance(kept, list) and len(sent) == len(kept):
        return [
            d
            for i, (s, k) in enumerate(zip(sent, kept, strict=True))
            for d in _differences(s, k, f"{path}[{i}]")
        ]
    # Compare types too: JSON tells true from 1, Python's == does not.
    if type(sent) is not type(kept) or sent != kept:
        return [f"{path or 'block'}: we sent {_short(sent)}, slack_sdk made it {_short(kept)}"]
    return []


def _walk(node: Any, path: str) -> Iterator[tuple[str, Json]]:
    """Every object inside a block, with its path from the block ("elements[0].confirm")."""
    if isinstance(node, dict):
        yield path, node
        for key, value in node.items():
            yield from _walk(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk(item, f"{path}[{index}]")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _node_problems(path: str, node: Json) -> list[str]:
    """The rules for one object inside a block (a text, an element, an option...)."""
    kind = node.get("type")
    problems = []
    if kind in TEXT_TYPES:
        problems.extend(_empty_text_problems(path, node))
    for key in PLAIN_TEXT_FIELDS.get(kind, ()):
        problems.extend(_plain_text_problems(_join(path, key), node.get(key)))
    problems.extend(_plain_text_problems(_join(path, "placeholder"), node.get("placeholder")))
    confirm = node.get("confirm")
    if isinstance(confirm, dict) and "type" not in confirm:  # a confirmation dialog
        for key in ("title", "confirm", "deny"):
            problems.extend(_plain_text_problems(_join(path, f"confirm.{key}"), confirm.get(key)))
    for option_path, option in _options(path, node):
        problems.extend(_option_problems(option_path, option, plain=kind in PLAIN_OPTION_ELEMENTS))
    for index, group in enumerate(node.get("option_groups") or []):
        if isinstance(group, dict):
            label_path = _join(path, f"option_groups[{index}].label")
            problems.extend(_plain_text_problems(label_path, group.get("label")))
    if kind == "section":
        problems.extend(_section_problems(path, node))
    if kind == "markdown" and not str(node.get("text") or "").strip():
        problems.append(f"{path or 'markdown block'}: empty text")
    return problems


def _empty_text_problems(path: str, text_object: Json) -> list[str]:
    text = text_object.get("text")
    if isinstance(text, str) and len(text) > TEXT_OBJECT_MAX:
        return [
            f"{path or 'text'}: a text object of {len(text)} characters; Slack allows at most "
            f"{TEXT_OBJECT_MAX}"
        ]
    if isinstance(text, str) and text.strip():
        return []
    return [f"{path or 'text'}: empty text (Slack rejects empty text objects)"]


def _plain_text_problems(path: str, value: Any) -> list[str]:
    if value is None or (isinstance(value, dict) and value.get("type") == "plain_text"):
        return []
    found = value.get("type") if isinstance(value, dict) else type(value).__name__
    return [f"{path} must be a plain_text object, not {found}"]


def _options(path: str, node: Json) -> Iterator[tuple[str, Any]]:
    """The options an element offers or preselects, grouped or not, with their paths."""
    for key in ("options", "initial_options"):
        for index, option in enumerate(node.get(key) or []):
            yield _join(path, f"{key}[{index}]"), option
    if "initial_option" in node:
        yield _join(path, "initial_option"), node["initial_option"]
    for g, group in enumerate(node.get("option_groups") or []):
        for index, option in enumerate(
            group.get("options") or [] if isinstance(group, dict) else []
        ):
            yield _join(path, f"option_groups[{g}].options[{index}]"), option


def _option_problems(path: str, option: Any, *, plain: bool) -> list[str]:
    if not isinstance(option, dict):
        return [f"{path}: an option must be an object"]
    text = option.get("text")
    problems = _plain_text_problems(f"{path}.text", text) if plain else []
    label = text.get("text") if isinstance(text, dict) else None
    for what, value, limit in (
        ("text", label, OPTION_TEXT_MAX),
        ("value", option.get("value"), OPTION_VALUE_MAX),
        ("description", (option.get("description") or {}).get("text"), OPTION_DESCRIPTION_MAX),
    ):
        if isinstance(value, str) and len(value) > limit:
            problems.append(
                f"{path}: option {what} is {len(value)} characters; Slack allows at most {limit}"
            )
    return problems


def _section_problems(path: str, section: Json) -> list[str]:
    problems = []
    text = section.get("text")
    if isinstance(text, dict) and len(str(text.get("text", ""))) > SECTION_TEXT_MAX:
        problems.append(
            f"{_join(path, 'text')}: section text is {len(text['text'])} characters; "
            f"Slack allows at most {SECTION_TEXT_MAX}"
        )
    for index, field in enumerate(section.get("fields") or []):
        field_text = field.get("text") if isinstance(field, dict) else None
        if isinstance(field_text, str) and len(field_text) > FIELD_TEXT_MAX:
            problems.append(
                f"{_join(path, f'fields[{index}]')}: field text is {len(field_text)} characters; "
                f"Slack allows at most {FIELD_TEXT_MAX}"
            )
    return problems


def _duplicate_problems(blocks: list[Any], surface: str) -> list[str]:
    """block_ids, and action_ids, must be unique within the message or view.

    Slack itself requires unique action_ids only within a block; the app routes actions by
    action_id alone, so two equal ones in one message would be indistinguishable.
    """
    block_ids: dict[str, list[str]] = {}
    action_ids: dict[str, list[str]] = {}
    for index, block in enumerate(blocks):
        if not isinstance(block, dict):
            continue
        if isinstance(block.get("block_id"), str):
            block_ids.setdefault(block["block_id"], []).append(f"blocks[{index}]")
        for path, node in _walk(block, f"blocks[{index}]"):
            if isinstance(node.get("action_id"), str):
                action_ids.setdefault(node["action_id"], []).append(path)
    return [
        f"{kind} {value!r} is used {len(places)} times ({', '.join(places)}); "
        f"{kind}s must be unique within a {surface}"
        for kind, seen in (("block_id", block_ids), ("action_id", action_ids))
        for value, places in seen.items()
        if len(places) > 1
    ]


# -- views --------------------------------------------------------------------------------------


def _view_label(view: Any) -> str:
    if not isinstance(view, dict):
        return "view"
    callback = f", callback_id={view['callback_id']!r}" if view.get("callback_id") else ""
    return f"view ({view.get('type', 'no type')}{callback})"


def _view_problems(view: Any) -> list[str]:
    if not isinstance(view, dict):
        return [f"a view must be an object, got {_short(view)}"]
    problems = _view_round_trip_problems(view)
    kind = view.get("type")
    for key in ("title", "submit", "close"):
        if key in view:
            problems.extend(_plain_text_problems(key, view[key]))
            if isinstance(view[key], dict):
                problems.extend(_empty_text_problems(key, view[key]))
    blocks = view.get("blocks")
    if kind == "modal":
        if "title" not in view:
            problems.append("a modal needs a title")
        has_input = isinstance(blocks, list) and any(
            isinstance(b, dict) and b.get("type") == "input" for b in blocks
        )
        if has_input and "submit" not in view:
            problems.append("a modal with input blocks needs a submit button")
    if not isinstance(blocks, list) or not blocks:
        problems.append(f"a view needs 1 to 100 blocks, got {_short(blocks)}")
    else:
        problems.extend(_block_problems(blocks, surface="home" if kind == "home" else "modal"))
    return problems


def _view_round_trip_problems(view: Json) -> list[str]:
    """slack_sdk's View must give back the view's own fields unchanged.

    The blocks are swapped for a stub: each block gets its own round trip (with a precise
    label), and View() would otherwise fail as a whole on the first bad block.
    """
    shell = {
        key: value
        for key, value in view.items()
        # slack_sdk drops these when "", which Slack accepts: not a difference worth a failure.
        if key != "blocks" and not (key in EMPTY_OK_VIEW_FIELDS and value == "")
    }
    try:
        sent = json.loads(json.dumps(shell))
        kept = View(**copy.deepcopy(sent), blocks=[STUB_BLOCK]).to_dict()
    except (TypeError, ValueError) as exc:
        return [f"slack_sdk cannot build the view: {exc}"]
    except SlackObjectFormationError as exc:
        return [f"slack_sdk rejects the view: {exc}"]
    kept.pop("blocks", None)
    return [
        f"changed by slack_sdk's View round trip at {diff} "
        "(an unknown or misspelt key, a string where a text object belongs, a wrong type)"
        for diff in _differences(sent, kept, "")
    ]


# -- the stand-in's validator ------------------------------------------------------------------


def make_validator(
    spec: WebApiSpec, warnings: list[str] | None = None
) -> Callable[[str, Json], None]:
    """The `validator` for SlackStandIn: raises SpecViolation for a call Slack would reject.

    Every Web API call goes through `spec.check_call` (arguments, and Block Kit inside
    blocks/view/metadata); message methods and "respond" (response_url posts) also need the
    top-level text fallback. Warnings from `check_call` are appended to `warnings`.
    """

    def validate(method: str, args: Json) -> None:
        if method == "respond":
            _raise_if("respond", _respond_problems(args))
            return
        if method in NEWER_METHODS:
            _raise_if(method, _newer_method_problems(method, args))
            return
        if method == "oauth.v2.access" and args.get("grant_type") == "refresh_token":
            # Token rotation came after the 2020 spec: a refresh sends no code (documented
            # at docs.slack.dev/reference/methods/oauth.v2.access).
            _raise_if(method, _newer_method_problems(REFRESH_GRANT, args))
            return
        found = spec.check_call(method, args)
        if warnings is not None:
            warnings.extend(found)
        if method in MESSAGE_METHODS:
            _raise_if(method, _fallback_problems(args))

    return validate


# Methods newer than the 2020 spec that the bot calls (files_upload_v2), described from
# Slack's method documentation (docs.slack.dev/reference/methods/<method>) and slack_sdk's
# client: argument -> (required, kind). Any other argument is refused.
REFRESH_GRANT = "oauth.v2.access (grant_type=refresh_token)"
NEWER_METHODS: dict[str, dict[str, tuple[bool, str]]] = {
    "files.getUploadURLExternal": {
        "filename": (True, "string"),
        "length": (True, "integer"),
        "alt_txt": (False, "string"),
        "snippet_type": (False, "string"),
    },
    "files.completeUploadExternal": {
        "files": (True, "files"),
        "channel_id": (False, "string"),
        "channels": (False, "string"),
        "initial_comment": (False, "string"),
        "thread_ts": (False, "string"),
        "blocks": (False, "blocks"),
    },
    REFRESH_GRANT: {
        "grant_type": (True, "string"),
        "refresh_token": (True, "string"),
        "client_id": (False, "string"),
        "client_secret": (False, "string"),
    },
}
MAX_ALT_TEXT = 1000  # files.getUploadURLExternal: alt_txt, up to 1000 characters


def _newer_method_problems(method: str, args: Json) -> list[str]:
    described = NEWER_METHODS[method]
    problems = [
        f"missing required argument '{name}'"
        for name, (required, _) in described.items()
        if required and args.get(name) in (None, "")
    ]
    for name, value in args.items():
        # slack_sdk adds the workspace's team_id to every call a Bolt app's client makes
        # (org-wide apps need it); Slack takes it on every method.
        if name in ("token", "team_id"):
            continue
        if name not in described:
            problems.append(f"unknown argument '{name}'")
            continue
        kind = described[name][1]
        if kind == "integer" and not (str(value).isdigit() and int(value) > 0):
            problems.append(f"'{name}' must be a positive integer, not {value!r}")
        elif kind == "string" and not isinstance(value, str):
            problems.append(f"'{name}' must be a string")
        elif kind == "files":
            problems.extend(_files_problems(value))
        elif kind == "blocks":
            problems.extend(_json_field_problems("blocks", value))
    if isinstance(args.get("alt_txt"), str) and len(args["alt_txt"]) > MAX_ALT_TEXT:
        problems.append(f"alt_txt is over {MAX_ALT_TEXT} characters")
    if args.get("thread_ts") and not args.get("channel_id"):
        problems.append("thread_ts needs channel_id")
    return problems


def _files_problems(value: Any) -> list[str]:
    """`files`: a JSON array of {"id": file id, "title": optional string}."""
    try:
        files = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        files = None
    if not isinstance(files, list) or not files:
        return ["files must be a JSON array of {id, title} objects"]
    problems = []
    for n, item in enumerate(files):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            problems.append(f"files[{n}] needs an 'id' string")
        elif set(item) - {"id", "title"}:
            problems.append(f"files[{n}] has unknown keys {sorted(set(item) - {'id', 'title'})}")
        elif "title" in item and not isinstance(item["title"], str):
            problems.append(f"files[{n}].title must be a string")
    return problems


def _respond_problems(payload: Json) -> list[str]:
    """What Bolt's respond() posts to a response_url: a message, or a deletion."""
    if _flag(payload.get("delete_original")):
        return []
    problems = _message_problems(payload)
    response_type = payload.get("response_type")
    if response_type is not None and response_type not in ("ephemeral", "in_channel"):
        problems.append(f"response_type must be 'ephemeral' or 'in_channel', not {response_type!r}")
    return problems
