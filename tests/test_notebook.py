"""The notebook runs top to bottom, offline, and shows what it promises."""

import nbformat
import pytest
from paths import ROOT
from nbclient import NotebookClient

NOTEBOOK = ROOT / "notebooks" / "bosch_universe.ipynb"


@pytest.mark.slow
def test_notebook_executes():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = [o for cell in nb.cells if cell.cell_type == "code" for o in cell.outputs]
    assert not [o for o in outputs if o.output_type == "error"]
    text = "\n".join(str(o.get("data", {}).get("text/html", "")) + str(o.get("text", "")) for o in outputs)
    assert "Maggie Q" in text and "Renée Ballard" in text
    assert "iframe srcdoc" in text and "https://cdn" not in text
