"""Registered users and roles (data.users) and the CLI `gebruiker` and `audit` commands."""
from __future__ import annotations

import json

import pytest

from data.access import Gebruiker, Geweigerd, local_user
from data.audit import read_audit
from data.errors import UserError
from data.users import (
    acting_user, add_user, change_role, cli_user, list_users, remove_user, role_of, user_for_login,
)
from tests.data.conftest import batches

BEHEER = Gebruiker("beheer@voorbeeld.nl", "beheerder")
ANALIST = Gebruiker("analist@voorbeeld.nl", "analist")
LEZER = Gebruiker("lezer@voorbeeld.nl", "lezer")
ZONDER_ROL = Gebruiker("nieuw@voorbeeld.nl", None)


def audit_rows(engine) -> list[tuple]:
    entries = read_audit(engine)
    return [(g, r, a, o, json.loads(d) if d else None)
            for g, r, a, o, d in entries[["gebruiker", "rol", "actie", "onderwerp", "details"]].itertuples(index=False)]


def test_add_change_remove_and_list_with_an_audit_row_for_each(engine):
    add_user(engine, BEHEER, "  Anna@Voorbeeld.NL ", "beheerder")
    add_user(engine, BEHEER, "bob@voorbeeld.nl", "lezer")
    assert role_of(engine, "ANNA@voorbeeld.nl") == "beheerder"
    change_role(engine, BEHEER, "Bob@voorbeeld.nl", "analist")
    users = list_users(engine)
    assert users[["email", "rol", "door"]].values.tolist() == [
        ["anna@voorbeeld.nl", "beheerder", "beheer@voorbeeld.nl"],
        ["bob@voorbeeld.nl", "analist", "beheer@voorbeeld.nl"],
    ]
    assert users["aangemaakt"].notna().all()
    remove_user(engine, BEHEER, "bob@voorbeeld.nl")
    assert role_of(engine, "bob@voorbeeld.nl") is None
    assert audit_rows(engine) == [
        ("beheer@voorbeeld.nl", "beheerder", "gebruiker_toegevoegd", "anna@voorbeeld.nl", {"rol": "beheerder"}),
        ("beheer@voorbeeld.nl", "beheerder", "gebruiker_toegevoegd", "bob@voorbeeld.nl", {"rol": "lezer"}),
        ("beheer@voorbeeld.nl", "beheerder", "gebruiker_gewijzigd", "bob@voorbeeld.nl",
         {"oud": "lezer", "nieuw": "analist"}),
        ("beheer@voorbeeld.nl", "beheerder", "gebruiker_verwijderd", "bob@voorbeeld.nl", {"rol": "analist"}),
    ]


@pytest.mark.parametrize("actor", [ANALIST, LEZER, ZONDER_ROL])
def test_only_a_beheerder_manages_users(engine, actor):
    add_user(engine, BEHEER, "bob@voorbeeld.nl", "lezer")
    for action in (lambda: add_user(engine, actor, "c@voorbeeld.nl", "lezer"),
                   lambda: change_role(engine, actor, "bob@voorbeeld.nl", "beheerder"),
                   lambda: remove_user(engine, actor, "bob@voorbeeld.nl")):
        with pytest.raises(Geweigerd):
            action()
    assert list_users(engine)["email"].tolist() == ["bob@voorbeeld.nl"]
    assert role_of(engine, "bob@voorbeeld.nl") == "lezer"
    assert [row[2] for row in audit_rows(engine)] == ["gebruiker_toegevoegd"]


def test_the_refusal_names_the_role_needed(engine):
    with pytest.raises(Geweigerd, match="Als analist heeft u geen toestemming om gebruikers te beheren; daarvoor is "
                                        "de rol beheerder nodig"):
        add_user(engine, ANALIST, "c@voorbeeld.nl", "lezer")
    with pytest.raises(Geweigerd, match="nieuw@voorbeeld.nl heeft nog geen rol"):
        add_user(engine, ZONDER_ROL, "c@voorbeeld.nl", "lezer")


@pytest.mark.parametrize("email", ["", "  ", "geen-adres", "a@b", "twee@@voorbeeld.nl", "met spatie@voorbeeld.nl"])
def test_an_invalid_email_is_refused_in_dutch(engine, email):
    with pytest.raises(UserError, match="e-mailadres"):
        add_user(engine, BEHEER, email, "lezer")
    assert list_users(engine).empty and read_audit(engine).empty


def test_an_unknown_role_is_refused_in_dutch(engine):
    with pytest.raises(UserError, match="Onbekende rol 'admin'; kies uit lezer, analist of beheerder"):
        add_user(engine, BEHEER, "c@voorbeeld.nl", "admin")
    add_user(engine, BEHEER, "c@voorbeeld.nl", "lezer")
    with pytest.raises(UserError, match="Onbekende rol"):
        change_role(engine, BEHEER, "c@voorbeeld.nl", "eigenaar")
    assert role_of(engine, "c@voorbeeld.nl") == "lezer"


def test_adding_twice_and_changing_or_removing_an_unknown_user_are_refused(engine):
    add_user(engine, BEHEER, "c@voorbeeld.nl", "lezer")
    with pytest.raises(UserError, match="staat al geregistreerd met de rol lezer"):
        add_user(engine, BEHEER, "C@voorbeeld.nl", "analist")
    with pytest.raises(UserError, match="staat niet in de lijst met gebruikers"):
        change_role(engine, BEHEER, "d@voorbeeld.nl", "analist")
    with pytest.raises(UserError, match="staat niet in de lijst met gebruikers"):
        remove_user(engine, BEHEER, "d@voorbeeld.nl")
    assert len(read_audit(engine)) == 1


def test_the_last_beheerder_cannot_be_demoted_or_removed(engine):
    add_user(engine, BEHEER, "anna@voorbeeld.nl", "beheerder")
    with pytest.raises(UserError, match="laatste beheerder"):
        change_role(engine, BEHEER, "anna@voorbeeld.nl", "analist")
    with pytest.raises(UserError, match="laatste beheerder"):
        remove_user(engine, BEHEER, "anna@voorbeeld.nl")
    assert role_of(engine, "anna@voorbeeld.nl") == "beheerder"
    add_user(engine, BEHEER, "bob@voorbeeld.nl", "beheerder")
    change_role(engine, BEHEER, "anna@voorbeeld.nl", "lezer")
    with pytest.raises(UserError, match="laatste beheerder"):
        remove_user(engine, BEHEER, "bob@voorbeeld.nl")
    assert list_users(engine)[["email", "rol"]].values.tolist() == [
        ["anna@voorbeeld.nl", "lezer"], ["bob@voorbeeld.nl", "beheerder"]]


def test_changing_to_the_same_role_changes_and_records_nothing(engine):
    add_user(engine, BEHEER, "c@voorbeeld.nl", "analist")
    assert change_role(engine, BEHEER, "c@voorbeeld.nl", "analist") == Gebruiker("c@voorbeeld.nl", "analist")
    assert len(read_audit(engine)) == 1


def test_user_for_login_gives_the_role_or_none(engine):
    add_user(engine, BEHEER, "c@voorbeeld.nl", "analist")
    assert user_for_login(engine, "C@Voorbeeld.nl") == Gebruiker("c@voorbeeld.nl", "analist")
    assert user_for_login(engine, "onbekend@voorbeeld.nl") == Gebruiker("onbekend@voorbeeld.nl", None)


def test_cli_user_is_the_registered_mgz_user_or_else_the_local_user(engine, monkeypatch):
    add_user(engine, BEHEER, "lezer@voorbeeld.nl", "lezer")
    monkeypatch.setenv("MGZ_USER", "Lezer@Voorbeeld.nl")
    assert cli_user(engine) == Gebruiker("lezer@voorbeeld.nl", "lezer")
    monkeypatch.setenv("MGZ_USER", "piet")
    assert cli_user(engine) == local_user("piet") == Gebruiker("piet", "beheerder", lokaal=True)
    monkeypatch.delenv("MGZ_USER")
    assert cli_user(engine).lokaal and cli_user(engine).rol == "beheerder"


def test_acting_user_keeps_older_callers_working():
    assert acting_user(LEZER) is LEZER
    assert acting_user("test") == local_user("test")
    assert acting_user(None).lokaal


# --- the command line ----------------------------------------------------------------------------------------


@pytest.fixture
def cli_db(tmp_path, monkeypatch):
    from data.db import make_engine

    url = f"sqlite:///{tmp_path / 'cli.sqlite'}"
    monkeypatch.setenv("MGZ_DATABASE_URL", url)
    monkeypatch.delenv("MGZ_USER", raising=False)
    engine = make_engine(url)
    yield engine
    engine.dispose()


def test_cli_manages_users_and_shows_the_audit_trail(cli_db, monkeypatch, capsys):
    from data.__main__ import main

    assert main(["gebruiker", "lijst"]) == 0
    assert "Er zijn nog geen gebruikers geregistreerd" in capsys.readouterr().out
    assert main(["gebruiker", "toevoegen", "Anna@Voorbeeld.nl", "--rol", "beheerder"]) == 0
    assert capsys.readouterr().out == "anna@voorbeeld.nl is toegevoegd met de rol beheerder.\n"
    assert main(["gebruiker", "toevoegen", "bob@voorbeeld.nl", "--rol", "lezer"]) == 0
    assert main(["gebruiker", "wijzigen", "bob@voorbeeld.nl", "--rol", "analist"]) == 0
    assert "bob@voorbeeld.nl heeft nu de rol analist." in capsys.readouterr().out
    assert main(["gebruiker", "lijst"]) == 0
    listing = capsys.readouterr().out.splitlines()
    assert listing[0].split() == ["E-mailadres", "Rol", "Toegevoegd", "(UTC)", "Door"]
    assert listing[2].split()[:2] == ["anna@voorbeeld.nl", "beheerder"]
    assert listing[3].split()[:2] == ["bob@voorbeeld.nl", "analist"]
    assert main(["gebruiker", "verwijderen", "bob@voorbeeld.nl"]) == 0
    assert "bob@voorbeeld.nl is verwijderd" in capsys.readouterr().out

    monkeypatch.setenv("MGZ_USER", "anna@voorbeeld.nl")  # now the registered beheerder acts
    assert main(["audit", "--gebruiker", "ANNA@voorbeeld.nl"]) == 0
    assert "Geen regels in het auditlogboek (van ANNA@voorbeeld.nl)." in capsys.readouterr().out
    assert main(["gebruiker", "toevoegen", "c@voorbeeld.nl", "--rol", "lezer"]) == 0
    capsys.readouterr()
    assert main(["audit", "--sinds", "27-11-2000"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[:4] == ["Tijdstip", "(UTC)", "Gebruiker", "Rol"]
    actions = [line.split()[4] for line in table[2:]]
    assert actions == ["gebruiker_toegevoegd", "gebruiker_toegevoegd", "gebruiker_gewijzigd", "gebruiker_verwijderd",
                       "gebruiker_toegevoegd"]
    assert table[-1].split()[2:6] == ["anna@voorbeeld.nl", "beheerder", "gebruiker_toegevoegd", "c@voorbeeld.nl"]
    assert main(["audit", "--sinds", "2999-01-01"]) == 0
    assert "Geen regels in het auditlogboek (sinds 01-01-2999)." in capsys.readouterr().out


@pytest.mark.parametrize("argv", [
    ["gebruiker", "toevoegen", "d@voorbeeld.nl", "--rol", "lezer"],
    ["gebruiker", "lijst"],
    ["gebruiker", "verwijderen", "anna@voorbeeld.nl"],
    ["audit"],
    ["demo"],
    ["demo", "--verwijder"],
    ["reference"],
])
def test_cli_refuses_what_the_role_of_mgz_user_does_not_allow(cli_db, monkeypatch, capsys, argv):
    from data.__main__ import main

    add_user(cli_db, BEHEER, "anna@voorbeeld.nl", "beheerder")
    add_user(cli_db, BEHEER, "bob@voorbeeld.nl", "analist")
    monkeypatch.setenv("MGZ_USER", "bob@voorbeeld.nl")
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.err.startswith("Fout: Als analist heeft u geen toestemming om ")
    assert "daarvoor is de rol beheerder nodig" in captured.err and "Traceback" not in captured.err
    assert len(read_audit(cli_db)) == 2 and len(list_users(cli_db)) == 2


def test_cli_import_and_export_follow_the_role_of_mgz_user(cli_db, monkeypatch, capsys, write_file, tmp_path):
    from data.__main__ import main
    from tests.data.conftest import add_regions

    add_regions(cli_db)
    add_user(cli_db, BEHEER, "lezer@voorbeeld.nl", "lezer")
    add_user(cli_db, BEHEER, "analist@voorbeeld.nl", "analist")
    findings = write_file("b.csv", "regio;golf;stakeholder;voorwaarde;richting;gewicht;bron;tekst\n"
                                   "GM0363;2024;aanbieders;infrastructuur;-;3;interview;Te weinig posten\n")
    monkeypatch.setenv("MGZ_USER", "lezer@voorbeeld.nl")
    assert main(["import", "bevindingen", str(findings)]) == 1
    assert "Als lezer heeft u geen toestemming om bestanden te importeren" in capsys.readouterr().err
    assert batches(cli_db) == []
    monkeypatch.setenv("MGZ_USER", "analist@voorbeeld.nl")
    assert main(["import", "bevindingen", str(findings)]) == 0
    assert [b.gebruiker for b in batches(cli_db)] == ["analist@voorbeeld.nl"]
    monkeypatch.setenv("MGZ_USER", "lezer@voorbeeld.nl")
    out = tmp_path / "uit.csv"
    assert main(["export", "bevindingen", str(out)]) == 1
    assert "de teksten en bronnen van bevindingen te zien" in capsys.readouterr().err and not out.exists()
    assert main(["export", "voorzieningen", str(tmp_path / "v.csv")]) == 0  # a lezer may export the register
    monkeypatch.setenv("MGZ_USER", "analist@voorbeeld.nl")
    assert main(["export", "bevindingen", str(out)]) == 0 and out.exists()
    rows = audit_rows(cli_db)
    assert [(g, a) for g, _, a, _, _ in rows[2:]] == [("analist@voorbeeld.nl", "import"),
                                                      ("analist@voorbeeld.nl", "download")]
    assert rows[-1][3:] == ("export bevindingen", {"bestand": "uit.csv", "rijen": 1})
