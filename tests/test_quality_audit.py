"""The audit of findings on the clean originals: only a finding a person judged real is
taken off the false-flag count; anything else, new findings included, counts as false."""
from __future__ import annotations

from bench.quality.audit import AUDIT_FILE, VERDICTS, confirmed_real, finding_key, load_audit
from tqcheck.model import Finding


def _finding(rule: str, start: int, end: int, text: str) -> Finding:
    return Finding(rule=rule, name="x", category="typography", severity="warning", action="flag",
                   start=start, end=end, text=text, message="m")


def test_audit_file_loads_and_every_entry_says_why():
    audit = load_audit()
    assert AUDIT_FILE.is_file() and audit
    assert all(v.verdict in VERDICTS and len(v.why) > 20 for v in audit.values())


def test_only_the_judged_finding_itself_is_confirmed(tmp_path):
    path = tmp_path / "audit.toml"
    key = finding_key("pages/x", "T101", 10, 11, "“")
    path.write_text(
        f'[[finding]]\ndoc = "pages/x"\nrule = "T101"\nstart = 10\nend = 11\nsha1 = "{key[4]}"\n'
        'verdict = "real"\nwhy = "a quotation opened with “ and closed with a straight quote"\n'
        '[[finding]]\ndoc = "pages/x"\nrule = "A104"\nstart = 20\nend = 33\nsha1 = "0"\n'
        'verdict = "false"\nwhy = "an anglicism a person wrote, not a translation artifact"\n',
        encoding="utf-8")
    audit = load_audit(path)
    assert confirmed_real(audit, "pages/x", _finding("T101", 10, 11, "“"))
    # same place, other text (the page changed): not confirmed
    assert not confirmed_real(audit, "pages/x", _finding("T101", 10, 11, "«"))
    # judged false, or never judged: not confirmed
    assert not confirmed_real(audit, "pages/x", _finding("A104", 20, 33, "macht es Sinn"))
    assert not confirmed_real(audit, "pages/y", _finding("T101", 10, 11, "“"))
