"""Small-number suppression for shared outputs; the register's own export keeps exact values and says so."""
from __future__ import annotations

import pandas as pd

from data.__main__ import main
from data.db import make_engine
from data.privacy import SMALL_COUNT, is_client_count, small_count, suppress_small_counts
from tests.data.conftest import add_regions


def test_client_counts_below_10_are_hidden_and_others_kept():
    frame = pd.DataFrame({"code": ["A", "B", "C", "D"], "clienten": [0, 9.4, 10, None], "clienten_verschil": [0, -3, 12, 5],
                          "aandeel_clienten_zonder_huisarts": [0.1, 0.2, 0.3, 0.4], "inwoners": [3, 4, 5, 6]})
    out = suppress_small_counts(frame)
    assert out["clienten"].tolist() == [SMALL_COUNT, SMALL_COUNT, 10, None]
    assert out["clienten_verschil"].tolist() == [0, SMALL_COUNT, 12, SMALL_COUNT]
    assert out["aandeel_clienten_zonder_huisarts"].tolist() == [0.1, 0.2, 0.3, 0.4]  # a share, not a count
    assert out["inwoners"].tolist() == [3, 4, 5, 6]  # CBS population: public
    assert frame["clienten"].tolist()[0] == 0  # the input is not changed
    assert not is_client_count("aandeel_clienten") and small_count(True) is True


def test_the_register_export_keeps_exact_counts_and_says_so(tmp_path, monkeypatch, capsys):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = make_engine(url)
    add_regions(engine)
    engine.dispose()
    monkeypatch.setenv("MGZ_DATABASE_URL", url)
    source = tmp_path / "v.csv"
    source.write_text("id;type;naam;lat;lon;clienten\nL1;vg_locatie;Huis;52,375;4,905;3\n", encoding="utf-8")
    assert main(["import", "voorzieningen", str(source)]) == 0
    target = tmp_path / "uit.csv"
    assert main(["export", "voorzieningen", str(target)]) == 0
    assert "exacte cliëntenaantallen" in capsys.readouterr().out
    assert target.read_text(encoding="utf-8-sig").splitlines()[1].split(";")[10] == "3"
