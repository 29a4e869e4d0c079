"""What the reading stages know of the document being read, passed as one argument."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .profiles.profile import Profile
from .stages.blocks import Roles
from .stages.template import Template
from .thresholds import Thresholds


@dataclass(frozen=True)
class Context:
    """The document's conventions (its profile) and its measures, learnt as the stages go:
    `lexicon` (its word counts) and `body` (its body type size) after layout, `template` (what
    it repeats on every card) before segment, `pitch` (the usual line pitch of card text) and
    `roles` (the block of each heading wording it prints) after segment."""

    profile: Profile
    lexicon: Counter[str] = field(default_factory=Counter)
    body: float = 0.0
    template: Template = field(default_factory=Template)
    pitch: float | None = None
    roles: Roles = field(default_factory=dict)

    @property
    def thresholds(self) -> Thresholds:
        return self.profile.thresholds
