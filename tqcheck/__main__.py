from tqcheck.cli import run

run()
