"""`import newsloom` offers what the command line does."""
from __future__ import annotations

import json

import newsloom

TEXT = "Residents of Split were told to boil tap water on Monday, the city utility said."


def test_run_ingest_and_store_from_python(tmp_path):
    data = tmp_path / "a.jsonl"
    data.write_text(json.dumps({"id": "s1", "text": TEXT + "\n\nRead more: Water advice", "outlet": "Coastline Post"}))
    report = newsloom.run([str(data)], db=tmp_path / "db.sqlite", out=tmp_path / "out", progress=False)
    assert report.added == 1 and set(report.outputs) == {"stories.json", "report.md", "report.html"}
    with newsloom.Store(tmp_path / "db.sqlite") as store:
        [article] = store.articles()
        assert article.text == TEXT and article.removed[0].rule == "link-label"
        again = newsloom.ingest([str(data)], store, progress=False)
    assert again.unchanged == 1
    assert newsloom.clean("Advertisement\n" + TEXT).text == TEXT


def test_package_metadata_lists_what_the_environment_installs():
    """pyproject's dependencies (with its extras) are the pins of requirements/main.in and torch.txt."""
    import re
    import tomllib
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    declared = set(project["dependencies"]) | {p for extra in project["optional-dependencies"].values() for p in extra}

    def pins(name: str) -> set[str]:
        lines = (root / "requirements" / name).read_text().splitlines()
        return {re.sub(r"\s*#.*", "", line).strip() for line in lines if line.strip() and not line.startswith("#")}

    assert declared == pins("main.in") | pins("torch.txt")
