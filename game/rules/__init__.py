"""The rules of Moscow '41, headless and pure (docs/rules.md is the player's version).

Modules, one job each:

* ``engine`` — ``check_order`` / ``apply_order`` / ``legal_orders`` (the one front door);
* ``turn`` and ``hooks`` — the turn sequence and where each rule's steps run;
* ``orders`` — the rules' order types: ``Attack``, ``Advance``, ``Interdict``;
* ``weather`` — weather, temperature and ground from the calendar or the monthly table;
* ``supply`` — sources, rail net and conversion, the trace, effects, attrition, pockets;
* ``combat`` — strengths, odds, shifts, CRT, losses, retreats, advance; ``odds_preview``, ``threats``;
* ``air`` — air points, ground support, interdiction;
* ``replacements``, ``arrivals`` (reinforcements, withdrawals), ``triggers``, ``victory``, ``fog``;
* ``options`` — game options as scenario variants;
* ``ruleset_sections`` / ``ruleset_checks`` — the ruleset YAML sections and their cross-checks;
* ``scenario_data`` — the scenario sections the rules read (``ScenarioSpec.rules_data`` keys);
* ``citations`` — ``file:line`` of every ruleset number; ``rule_events`` — turn report events.
"""
