"""The end-of-run summary: counts, score percentiles, findings per category, characters
removed, speed. Constant memory: scores go into a 0.1-point histogram, not a list."""
from __future__ import annotations

from dataclasses import dataclass, field

from tqcheck.model import CATEGORIES, FileReport

_BINS = 1001  # scores 0.0 .. 100.0 in steps of 0.1
PERCENTILES = (5, 25, 50, 75, 95)


@dataclass
class Summary:
    inputs: int = 0
    skipped_inputs: int = 0       # finished in an earlier run (--resume)
    documents: int = 0
    errors: int = 0
    rejected: int = 0
    with_findings: int = 0
    below_min_score: int = 0
    chars: int = 0
    removed_chars: int = 0
    bytes_read: int = 0
    seconds: float = 0.0
    findings: dict[str, int] = field(default_factory=dict)
    languages: dict[str, int] = field(default_factory=dict)
    histogram: list[int] = field(default_factory=lambda: [0] * _BINS)

    def add(self, report: FileReport, rejected: bool = False,
            min_score: float | None = None) -> None:
        if report.error:
            self.errors += 1
            return
        self.documents += 1
        self.rejected += rejected
        self.chars += report.chars
        self.removed_chars += report.removed_chars
        if report.findings:
            self.with_findings += 1
        for f in report.findings:
            self.findings[f.category] = self.findings.get(f.category, 0) + 1
        lang = report.language or "und"
        self.languages[lang] = self.languages.get(lang, 0) + 1
        if report.score is not None:
            self.histogram[min(max(int(round(report.score * 10)), 0), _BINS - 1)] += 1
            if min_score is not None and report.score < min_score:
                self.below_min_score += 1

    def percentile(self, p: float) -> float | None:
        total = sum(self.histogram)
        if not total:
            return None
        rank = max(1, -(-total * p // 100))  # nearest-rank
        seen = 0
        for i, count in enumerate(self.histogram):
            seen += count
            if seen >= rank:
                return i / 10
        return 100.0

    def render(self) -> str:
        lines = [f"Documents: {self.documents:,} checked"
                 + (f", {self.rejected:,} rejected (below --min-score)" if self.rejected else "")
                 + (f", {self.errors:,} could not be read" if self.errors else "")
                 + (f"; {self.skipped_inputs:,} inputs already done (--resume)"
                    if self.skipped_inputs else "")]
        if self.documents:
            pcts = "  ".join(f"p{p} {self.percentile(p):.1f}" for p in PERCENTILES)
            lines.append(f"Score:     {pcts}")
            langs = sorted(self.languages.items(), key=lambda kv: -kv[1])
            shown = ", ".join(f"{k} {v:,}" for k, v in langs[:8])
            if len(langs) > 8:
                shown += f", {len(langs) - 8} more"
            lines.append(f"Languages: {shown}")
        total = sum(self.findings.values())
        lines.append(f"Findings:  {total:,} in {self.with_findings:,} documents")
        for cat in CATEGORIES:
            if self.findings.get(cat):
                lines.append(f"  {cat:<12} {self.findings[cat]:>10,}")
        share = self.removed_chars / self.chars if self.chars else 0.0
        lines.append(f"Removed:   {self.removed_chars:,} of {self.chars:,} characters ({share:.2%})")
        if self.seconds > 0:
            lines.append(f"Time:      {self.seconds:.1f} s, {self.documents / self.seconds:,.0f} docs/s, "
                         f"{self.bytes_read / self.seconds / 1e6:.2f} MB/s")
        return "\n".join(lines) + "\n"
