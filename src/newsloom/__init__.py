"""newsloom: read the same news across many outlets, clean it, compare it, cite it.

The library exposes what the command line does:

    import newsloom
    report = newsloom.run(["reports/"], db="news.sqlite", out="out")
    with newsloom.Store("news.sqlite") as store:
        for article in store.articles(): ...
"""
from .clean import clean
from .model import Article, Cleaned, Document, Problem, Removal
from .pipeline import Defaults, RunReport, ingest, prepare, run
from .read import Options, read_inputs
from .store import Store

__version__ = "0.1.0"
__all__ = ["Article", "Cleaned", "Defaults", "Document", "Options", "Problem", "Removal", "RunReport",
           "Store", "clean", "ingest", "prepare", "read_inputs", "run"]
