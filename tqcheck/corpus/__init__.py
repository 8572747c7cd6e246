"""Corpus scale: read files, directories, JSONL(.gz) and stdin; check or clean them in
bounded batches on a process pool; write outputs atomically; resume; summarise.

    from tqcheck.corpus import CorpusOptions, CorpusRun
    run = CorpusRun(checker, CorpusOptions(jobs=4, min_score=60))
    report_path, rejected_path = run.clean(["corpus/"], Path("cleaned"))
    print(run.summary.render())
"""
from tqcheck.corpus.pool import CheckerSpec
from tqcheck.corpus.run import CorpusOptions, CorpusRun, default_jobs
from tqcheck.corpus.sinks import REJECTED_NAME, REPORT_NAME, AtomicFile, atomic_write
from tqcheck.corpus.sources import INPUT_FORMATS

__all__ = ["CheckerSpec", "CorpusOptions", "CorpusRun", "default_jobs", "REJECTED_NAME",
           "REPORT_NAME", "AtomicFile", "atomic_write", "INPUT_FORMATS"]
