"""The notebook runs top to bottom, offline, silently, and shows what it promises."""

import nbformat
import pytest
from paths import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "bosch_universe.ipynb"


@pytest.fixture(scope="module")
def executed():
    # matplotlib says on stderr that it builds its font cache, the first time it is
    # imported on a machine: build it here, so the kernel's stderr holds only the notebook's own.
    import matplotlib.font_manager  # noqa: F401

    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    return nb


def outputs(cell):
    return cell.outputs if cell.cell_type == "code" else []


@pytest.mark.slow
def test_notebook_executes_without_errors_or_warnings(executed):
    everything = [o for cell in executed.cells for o in outputs(cell)]
    assert not [o for o in everything if o.output_type == "error"]
    stderr = [o.text for o in everything if o.output_type == "stream" and o.name == "stderr"]
    assert stderr == []
    text = "\n".join(str(o.get("data", {}).get("text/html", "")) + str(o.get("text", "")) for o in everything)
    assert "Maggie Q" in text and "Renée Ballard" in text
    assert "iframe srcdoc" in text and "https://cdn" not in text


@pytest.mark.slow
@pytest.mark.parametrize("drawn", ["draw_works_map", "draw_timeline", "draw_connectors"])
def test_notebook_shows_its_pictures(executed, drawn):
    cell = next(c for c in executed.cells if c.cell_type == "code" and drawn in c.source and "import" not in c.source)
    assert [o for o in outputs(cell) if "image/png" in o.get("data", {})], drawn


@pytest.mark.slow
def test_who_connects_has_no_zero_rows(executed):
    cell = next(c for c in executed.cells if c.cell_type == "code" and "connectors(P" in c.source)
    table = next(o["data"]["text/plain"] for o in outputs(cell) if "text/plain" in o.get("data", {}) and "betweenness" in o["data"]["text/plain"])
    assert "Michael Connelly" in table
    assert " 0.0\n" not in table + "\n" and not table.rstrip().endswith(" 0.0")
