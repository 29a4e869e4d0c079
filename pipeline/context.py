"""What the reading stages know of the document being read, passed as one argument."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .profiles.profile import Profile
from .thresholds import Thresholds


@dataclass(frozen=True)
class Context:
    """The document's conventions (its profile) and its measures, learnt as the stages go:
    `lexicon` (its word counts) and `body` (its body type size) after layout, `pitch` (the
    usual line pitch of card text) after segment."""

    profile: Profile
    lexicon: Counter[str] = field(default_factory=Counter)
    body: float = 0.0
    pitch: float | None = None

    @property
    def thresholds(self) -> Thresholds:
        return self.profile.thresholds
