"""canirun's frontends and services: everything that talks to the world. The sizing itself is in
`sizing`; docs/ARCHITECTURE.md is the map.

    canirun_cli       `canirun`: parse, estimate, ask, best, models, devices (JSON contracts with --json)
    canirun_bot_cli   `canirun-bot discord|reddit`: run a frontend
    admin             `canirun-admin`: the live catalog, the answer cache, saved rigs, command sync
    service           AnswerService: question + asker -> Answer, with the cache and rate limits
    answers           the Answer contract and the pure path from a question to its answer
    stores            state: answer cache, rate limits, saved rigs, ledger, locks, live catalog
    catalog_live      the bundled catalog plus the published overlay
    render            an Answer as each frontend shows it (terminal, Reddit, Discord, chart)
    discord, reddit   the bots
    config, health, logs   settings and secrets; /healthz, /readyz, /metrics; log format

Nothing is imported here: each entry point loads only what it needs (the user CLI runs without
the bot extras).
"""

__all__: list[str] = []
