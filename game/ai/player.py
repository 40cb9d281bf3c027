"""AI players: they read an observation, choose ordinary orders and submit them through the session."""

from __future__ import annotations

import time
from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np

from game.ai.config import Level, SideTuning, level, side_tuning
from game.ai.picture import build_picture
from game.ai.rulesapi import attack_type, observe
from game.movement import reach_all
from game.orders import EndPhase, Move, Order
from game.rules.violations import IllegalOrder
from game.session import Session
from game.state import MOVE_PHASES, PHASES

REPLY_FULL_SIZE = 20_000
"""Hexes x units above which the look-ahead with the enemy's reply tries a third of the plans (time budget)."""
AI_STREAM = 0xA1
"""First spawn key of the AI's generators, apart from the dice streams (spawn key = step)."""


def ai_rng(seed: int, side: int, turn: int, half: int, phase: str, salt: int = 0) -> np.random.Generator:
    """The AI's generator for one phase, derived from the game seed (never module-level random)."""
    key = (AI_STREAM, salt, side, turn, half, PHASES.index(phase) if phase in PHASES else 9)
    return np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=key)))


@dataclass
class PlayStats:
    """What a player did, for tests and the simulator."""

    orders: int = 0
    refused: list[str] = field(default_factory=list)
    skipped: int = 0
    phase_seconds: list[float] = field(default_factory=list)


class Player(ABC):
    """Base of the AI players: ``play_phase`` plays the active phase and ends it."""

    name = "player"

    def __init__(self, side: int, strict: bool = False) -> None:
        self.side = side
        self.strict = strict
        self.stats = PlayStats()
        self.after_submit: Callable[[Session], None] | None = None
        """Called after every accepted order (tests check invariants there)."""

    def play_phase(self, session: Session) -> None:
        """Submit this side's orders for the current phase, then ``EndPhase``."""
        state = session.state
        if state.game_over:
            return
        if state.active_side != self.side:
            raise ValueError(f"{self.name} plays side {self.side} but side {state.active_side} is to act")
        t0 = time.perf_counter()
        if state.phase in MOVE_PHASES:
            self.movement(session)
        elif state.phase == "combat":
            self.combat(session)
        if not session.state.game_over:
            self.submit(session, EndPhase())
        self.stats.phase_seconds.append(time.perf_counter() - t0)

    @abstractmethod
    def movement(self, session: Session) -> None:
        """Submit this side's moves for the movement or exploitation phase (not ``EndPhase``)."""

    @abstractmethod
    def combat(self, session: Session) -> None:
        """Submit this side's attacks for the combat phase (not ``EndPhase``)."""

    def submit(self, session: Session, order: Order) -> bool:
        """Submit an order; a refusal is a bug: re-raised when strict, else logged and skipped."""
        try:
            session.submit(order)
        except IllegalOrder as exc:
            self.stats.refused.append(str(exc))
            if self.strict:
                raise
            return False
        self.stats.orders += 1
        if self.after_submit is not None:
            self.after_submit(session)
        return True

    def submit_checked(self, session: Session, order: Order, fog: bool) -> bool:
        """Submit an order planned on an observation; under fog ask the session first.

        Asking (``Session.check``) is what a player does by trying a move: a hidden
        enemy may block a path the observation shows open. Such an order is skipped.
        """
        if fog and session.check(order):
            self.stats.skipped += 1
            return False
        return self.submit(session, order)


class AIPlayer(Player):
    """The operational AI of one side at a strength level."""

    def __init__(
        self,
        side: int,
        level_name: str = "normal",
        *,
        budget_s: float | None = None,
        strict: bool = False,
        tuning: SideTuning | None = None,
    ) -> None:
        super().__init__(side, strict)
        self.level: Level = level(level_name)
        self.name = f"ai-{level_name}"
        self.budget_s = self.level.budget_s if budget_s is None else budget_s
        self.base_tuning = tuning
        self.tuning = tuning
        """The tuning in force this turn (``base_tuning`` with its aggression for the turn)."""

    def _tuning(self, session: Session) -> SideTuning:
        """The scenario's tuning of this side, with the aggression set for the current turn."""
        if self.base_tuning is None:
            spec = session.spec
            self.base_tuning = side_tuning(spec.rules_data, spec.sides[self.side].id)
        self.tuning = self.base_tuning.on_turn(session.state.turn)
        return self.tuning

    def default_posture(self, session: Session) -> str:
        """The first side attacks, the second defends until the balance turns."""
        return "attack" if self.side == session.spec.first_side else "auto"

    def _deadline(self) -> float | None:
        return time.perf_counter() + self.budget_s if self.budget_s and self.budget_s > 0 else None

    def movement(self, session: Session) -> None:
        """Plan on the observation (with look-ahead over sampled plans on hard) and submit the moves."""
        from game.ai.moves import plan_moves

        state = session.state
        deadline = self._deadline()
        view = observe(state, self.side)
        fog = view is not state
        tuning = self._tuning(session)
        picture = build_picture(view, self.side, tuning, self.default_posture(session))
        reaches = reach_all(view, self.side)
        rng = ai_rng(session.seed, self.side, state.turn, state.half, state.phase)
        plan = plan_moves(picture, self.level, tuning, reaches, rng, deadline)
        if self.level.samples > 1:
            plan = self._look_ahead(session, view, picture, tuning, reaches, rng, plan, deadline)
        m = state.spec.map
        for mv in plan:
            self.submit_checked(session, Move(state.spec.units[mv.unit].id, m.label_of(mv.target)), fog)

    def _look_ahead(self, session: Session, view, picture, tuning: SideTuning, reaches, rng, plan, deadline):  # noqa: ANN001
        """The best of several move plans by look-ahead evaluation (the base plan first).

        Extra plans are drawn with jitter and with the aggression scaled up and down. On the
        levels with ``reply`` each plan is also valued after the enemy's foreseen normal-level
        move reply (planned on our observation, never on the hidden truth).
        """
        from game.ai.lookahead import apply_plan, enemy_reply, evaluate, evaluate_reply
        from game.ai.moves import plan_moves

        spec = session.spec
        caution = (1.3 if picture.posture == "defend" else 0.9) / max(tuning.aggression, 0.1)
        enemy = 1 - self.side
        enemy_tuning = side_tuning(spec.rules_data, spec.sides[enemy].id).on_turn(session.state.turn)
        enemy_posture = "attack" if enemy == spec.first_side else "auto"
        state = session.state
        reply_rng = ai_rng(session.seed, self.side, state.turn, state.half, state.phase, salt=2)
        # the reply look-ahead and the aggression variants serve the attack; a defence keeps four jittered plans
        reply = self.level.reply and picture.posture == "attack"
        samples = self.level.samples if reply else min(self.level.samples, 4)
        if reply and spec.map.size * len(spec.units) > REPLY_FULL_SIZE:
            samples = max(2, samples // 2)  # large scenarios: fewer plans, each with the reply, within budget

        def value(candidate) -> float:  # noqa: ANN001
            position = apply_plan(view, candidate)
            v = evaluate(position, picture, caution)
            if reply:
                after = enemy_reply(position, self.side, enemy_tuning, enemy_posture, reply_rng)
                v += evaluate_reply(after, picture, caution)
            return v

        seen = {tuple((mv.unit, mv.target) for mv in plan)}
        best_plan, best = plan, value(plan)
        factors = (1.0, 1.4, 0.7)
        for k in range(1, samples):
            if deadline is not None and time.perf_counter() > deadline - 0.5 * self.budget_s:
                break
            variant = replace(tuning, aggression=tuning.aggression * factors[k % 3]) if reply else tuning
            other = plan_moves(picture, self.level, variant, reaches, rng, deadline, noise=self.level.sample_noise)
            key = tuple((mv.unit, mv.target) for mv in other)
            if key in seen:
                continue
            seen.add(key)
            v = value(other)
            if v > best:
                best_plan, best = other, v
        return best_plan

    def combat(self, session: Session) -> None:
        """Make the attacks worth making (and advance after combat) in the current posture."""
        if attack_type() is None:
            return
        from game.ai.attacks import play_attacks

        state = session.state
        view = observe(state, self.side)
        posture = build_picture(view, self.side, self._tuning(session), self.default_posture(session)).posture
        play_attacks(self, session, self._deadline(), posture)


class RandomPlayer(Player):
    """The baseline: random legal moves and attacks, seeded from the game seed."""

    name = "random"

    def __init__(self, side: int, *, move_share: float = 0.8, attack_share: float = 0.5, strict: bool = False) -> None:
        super().__init__(side, strict)
        self.move_share = move_share
        self.attack_share = attack_share

    def movement(self, session: Session) -> None:
        """Move each unit, with probability ``move_share``, to a random hex it can legally reach."""
        state = session.state
        rng = ai_rng(session.seed, self.side, state.turn, state.half, state.phase, salt=1)
        cap = state.spec.ruleset.tables.stacking.max_units
        count = state.occupancy(self.side).copy()
        m = state.spec.map
        for u, r in sorted(reach_all(state, self.side).items()):
            if rng.random() >= self.move_share:
                continue
            options = np.nonzero((r.cost > 0) & (count < cap))[0]
            if len(options) == 0:
                continue
            target = int(options[rng.integers(len(options))])
            if self.submit_checked(session, Move(state.spec.units[u].id, m.label_of(target)), True):
                count[r.start] -= 1
                count[target] += 1

    def combat(self, session: Session) -> None:
        """Make each legal attack (every adjacent unit), in random order, with probability ``attack_share``."""
        kind = attack_type()
        if kind is None:
            return
        state = session.state
        rng = ai_rng(session.seed, self.side, state.turn, state.half, state.phase, salt=1)
        attacks = [o for o in session.legal_orders() if isinstance(o, kind)]
        order = rng.permutation(len(attacks))
        for k in order:
            if rng.random() >= self.attack_share:
                continue
            self.submit_checked(session, attacks[int(k)], True)
            if session.state.game_over:
                return


def make_player(kind: str, side: int, *, strict: bool = False, budget_s: float | None = None) -> Player:
    """A player by name: 'random' or an AI level ('easy', 'normal', 'hard')."""
    if kind == "random":
        return RandomPlayer(side, strict=strict)
    return AIPlayer(side, kind, strict=strict, budget_s=budget_s)
