"""Answers as each frontend shows them. One public module per frontend, each with its own
dependency, imported only where that frontend runs:

    bot.render.terminal        rich renderables for the CLI
    bot.render.reddit          one Reddit markdown comment, within Reddit's 10,000 characters
    bot.render.discord         Discord embed payloads (plain JSON-ready dicts)
    bot.render.discord_limits  Discord's embed limits, and fitting an embed within them
    bot.render.chart           a PNG of memory per device (matplotlib)

This package's own exports are the words and number formats they all share. Renderers read an
Answer (bot.answers) and nothing else: no service, no store, no platform client.
"""

from ._speed_lines import measured_text, speed_curve_text
from ._words import VERDICT_EMOJI, VERDICT_WORD, fmt_gb, fmt_tps, option_summary, speed_range

__all__ = [
    "VERDICT_EMOJI",
    "VERDICT_WORD",
    "fmt_gb",
    "fmt_tps",
    "measured_text",
    "option_summary",
    "speed_curve_text",
    "speed_range",
]
