"""The console's two faces: each output as readable text, or as one JSON object per line
(`--json`, a contract: tests/bot/test_console*.py)."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import IO, Any

from bot.console.blocks import initial_value
from bot.console.outputs import Output


def render_text(output: Output) -> str:
    """A human-readable rendering of one output."""
    where = output.channel or ""
    if output.method in ("ack", "respond") or output.response_type == "ephemeral":
        head = f"[{output.seq}] {output.method} (only you see this)"
    elif output.view is not None and output.view.get("type") == "home":
        head = f"[{output.seq}] {output.method}: Home tab"
    elif output.view is not None:
        head = f"[{output.seq}] {output.method}: modal"
    else:
        head = f"[{output.seq}] {output.method} in {where}"
        if output.thread_ts:
            head += " (thread)"
    lines = [head]
    if output.errors:
        lines += [f"  ! {name}: {message}" for name, message in output.errors.items()]
    blocks = output.view["blocks"] if output.view else output.blocks
    if output.view:
        title = output.view.get("title", {}).get("text", "")
        if title:
            lines.append(f"  == {title} ==")
    if blocks:
        lines += _render_blocks(blocks, output)
    elif output.text:
        lines += ["  " + line for line in output.text.splitlines()]
    lines += [f"  image: {path}" for path in output.images or ()]
    return "\n".join(lines)


def _render_blocks(blocks: list[dict[str, Any]], output: Output) -> list[str]:
    numbers = iter(output.buttons)
    lines: list[str] = []
    for block in blocks:
        kind = block.get("type")
        if kind in ("section", "header"):
            text = (block.get("text") or {}).get("text", "")
            if kind == "header":
                text = f"*{text}*"
            lines += ["  " + line for line in text.splitlines()]
            for field_text in (f["text"] for f in block.get("fields", [])):
                lines += ["    " + line for line in field_text.splitlines()]
            if block.get("accessory", {}).get("type") == "button":
                button = next(numbers)
                lines.append(f"    [{button['n']}] {button['text']}")
        elif kind == "context":
            lines.append("  " + " ".join(e.get("text", "") for e in block.get("elements", [])))
        elif kind == "divider":
            lines.append("  ---")
        elif kind == "actions":
            shown = [
                f"[{next(numbers)['n']}] {e['text']['text']}"
                for e in block.get("elements", [])
                if e.get("type") == "button"
            ]
            lines.append("  " + "  ".join(shown))
        elif kind == "input":
            element = block["element"]
            lines.append(
                f"  {block['label']['text']} ({block.get('block_id')}, {element['type']})"
                f" = {initial_value(element) or ''}"
            )
    return lines


@dataclass
class Emitter:
    """Where outputs and input errors are written, in one of the two faces."""

    output: Callable[[Output], None]
    error: Callable[[str], None]


def json_emitter(stdout: IO[str]) -> Emitter:
    def output(item: Output) -> None:
        stdout.write(json.dumps(item.to_json(), ensure_ascii=False) + "\n")
        stdout.flush()

    def error(message: str) -> None:
        stdout.write(json.dumps({"error": message}) + "\n")
        stdout.flush()

    return Emitter(output, error)


def text_emitter(stdout: IO[str]) -> Emitter:
    def output(item: Output) -> None:
        print(render_text(item), file=stdout, flush=True)

    def error(message: str) -> None:
        print(f"(console) {message}", file=stdout, flush=True)

    return Emitter(output, error)
