"""Detection-quality benchmark: how much noise tqcheck catches and how much content it
keeps, on labelled real pages (devdata) and on a seeded synthetic injection set.

    python -m bench.quality            # table on stdout, JSON in bench/quality/results.json

Nothing here is imported by tqcheck itself; jusText (the baseline) is a bench-only
dependency, listed in bench/requirements.txt.
"""
