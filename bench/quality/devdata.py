"""Find and read the shared devdata (labelled page dumps, WMT French news) without ever
copying its text into the project: the texts belong to their publishers."""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
WINDOW_MARGIN = 3  # lines kept on each side of the article in window mode


def find_devdata() -> Path | None:
    """`shared/devdata` beside the repository (CI, /work/main) or beside the worktree
    folder (/work/wt/<name>); `TQCHECK_DEVDATA` overrides both."""
    env = os.environ.get("TQCHECK_DEVDATA")
    candidates = [Path(env)] if env else []
    candidates += [p / "shared" / "devdata" for p in REPO.parents[:2]]
    for path in candidates:
        if (path / "manifest.tsv").is_file():
            return path
    return None


@dataclass(frozen=True)
class Page:
    """A page dump with one label per line: content, boilerplate or unknown."""

    doc_id: str
    lang: str
    src: str          # h2t, rdb (every line labelled) or trf (a few segments)
    gold_type: str    # "full" or "segments"
    lines: tuple[str, ...]
    labels: tuple[str, ...]
    hint: tuple[int, int] | None = None  # 0-based article lines for segment pages

    def window(self, margin: int = WINDOW_MARGIN) -> tuple[int, int]:
        """0-based [first, last) line range: the article plus `margin` lines each side.

        Full pages: first to last content line. Segment pages: the article hint widened
        to every labelled content line (the hint is only approximate)."""
        content = [i for i, lab in enumerate(self.labels) if lab == "content"]
        lo, hi = (min(content), max(content)) if content else (0, len(self.lines) - 1)
        if self.hint is not None and self.gold_type == "segments":
            lo, hi = min(lo, self.hint[0]), max(hi, self.hint[1])
        return max(0, lo - margin), min(len(self.lines), hi + 1 + margin)


def load_pages(root: Path) -> list[Page]:
    pages = []
    for label_file in sorted(root.glob("*.labels.json")):
        meta = json.loads(label_file.read_text(encoding="utf-8"))
        text = label_file.with_name(label_file.name.replace(".labels.json", ".txt")).read_text(
            encoding="utf-8")
        lines = text.split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        labels = meta["labels"]
        if len(lines) != len(labels):
            raise ValueError(f"{label_file.name}: {len(lines)} lines, {len(labels)} labels")
        hint = meta.get("with_span_lines_hint")
        doc_id = meta["doc_id"]
        pages.append(Page(doc_id=doc_id, lang=meta["lang"], src=doc_id.split("_")[1],
                          gold_type=meta["gold_type"], lines=tuple(lines),
                          labels=tuple(labels), hint=tuple(hint) if hint else None))
    return pages


@dataclass(frozen=True)
class NewsText:
    """One WMT news text (one segment per line, blank lines between paragraphs)."""

    name: str
    lang: str
    label: str  # original, human_translation, machine_translation
    text: str


def load_mt(root: Path) -> list[NewsText]:
    out = []
    rows = (root / "mt" / "labels.tsv").read_text(encoding="utf-8").splitlines()
    header = rows[0].split("\t")
    for row in rows[1:]:
        rec = dict(zip(header, row.split("\t")))
        path = root / "mt" / rec["file"]
        out.append(NewsText(rec["file"], rec["lang"], rec["label"],
                            path.read_text(encoding="utf-8")))
    return out
