"""Counting: precision/recall/F1 and content loss, kept as plain sums so that groups
(per language, per source, per category) add up exactly."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Detection:
    """Binary detection counts for one group; positive = noise."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold_noise: bool, predicted_noise: bool) -> None:
        if gold_noise and predicted_noise:
            self.tp += 1
        elif predicted_noise:
            self.fp += 1
        elif gold_noise:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def precision(self) -> float | None:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else None

    @property
    def recall(self) -> float | None:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
                "precision": _round(self.precision), "recall": _round(self.recall),
                "f1": _round(self.f1)}


@dataclass
class Loss:
    """Content characters (visible) seen and deleted."""

    chars: int = 0
    deleted: int = 0

    def add(self, chars: int, deleted: int) -> None:
        self.chars += chars
        self.deleted += deleted

    @property
    def rate(self) -> float | None:
        return self.deleted / self.chars if self.chars else None

    def to_dict(self) -> dict:
        return {"chars": self.chars, "deleted": self.deleted, "rate": _round(self.rate, 5)}


@dataclass
class Grouped:
    """Detection and loss per group key (e.g. "all", "lang=fr", "src=rdb")."""

    detection: dict[str, Detection] = field(default_factory=dict)
    loss: dict[str, Loss] = field(default_factory=dict)

    def det(self, *keys: str) -> list[Detection]:
        return [self.detection.setdefault(k, Detection()) for k in keys]

    def los(self, *keys: str) -> list[Loss]:
        return [self.loss.setdefault(k, Loss()) for k in keys]

    def to_dict(self) -> dict:
        return {"detection": {k: v.to_dict() for k, v in sorted(self.detection.items())},
                "content_loss": {k: v.to_dict() for k, v in sorted(self.loss.items())}}


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(value, digits)
