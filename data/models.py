"""The registry schema. Changes here need an Alembic revision in data/migrations/versions."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

REGION_LEVELS = ("gemeente", "zorgkantoorregio", "provincie", "pc4")
FACILITY_TYPES = ("hap", "avg_poli", "vg_locatie", "huisartsenpraktijk")
COLLABORATION_KINDS = (
    "gezamenlijke_medische_dienst",
    "contract",
    "schriftelijke_afspraak",
    "mondelinge_afspraak",
    "casuistiek",
)
FORMAL_KINDS = ("gezamenlijke_medische_dienst", "contract", "schriftelijke_afspraak")
STAKEHOLDERS = ("aanbieders", "gebruikers", "intermediairs", "voorwaardenscheppend")
CONDITIONS = (
    "infrastructuur",
    "harde_instituties",
    "zachte_instituties",
    "netwerk_te_sterk",
    "netwerk_te_zwak",
    "goed_netwerk",
    "competenties",
)
ACTION_STATUSES = ("niet_gestart", "gestart", "loopt", "afgerond", "gestopt")


class Base(DeclarativeBase):
    pass


class Region(Base):
    """A CBS area of one level; geometry as WKB in WGS84, full and simplified for the web."""

    __tablename__ = "regio"
    __table_args__ = (UniqueConstraint("niveau", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    niveau: Mapped[str] = mapped_column(String(20), index=True)
    code: Mapped[str] = mapped_column(String(20), index=True)
    naam: Mapped[str] = mapped_column(String(200))
    jaar: Mapped[int | None] = mapped_column(Integer)
    inwoners: Mapped[int | None] = mapped_column(Integer)
    geometrie: Mapped[bytes | None] = mapped_column(LargeBinary)
    geometrie_web: Mapped[bytes | None] = mapped_column(LargeBinary)


class RegionMembership(Base):
    """Which region of a higher level a region belongs to (gemeente -> zorgkantoorregio, provincie; pc4 -> gemeente)."""

    __tablename__ = "regio_lidmaatschap"

    kind_code: Mapped[str] = mapped_column(String(20), primary_key=True)
    ouder_niveau: Mapped[str] = mapped_column(String(20), primary_key=True)
    ouder_code: Mapped[str] = mapped_column(String(20), index=True)
    overlap: Mapped[float | None] = mapped_column(Float)


class Organisation(Base):
    __tablename__ = "organisatie"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    naam: Mapped[str] = mapped_column(String(300))


class Facility(Base):
    __tablename__ = "voorziening"

    id: Mapped[str] = mapped_column(String(100), primary_key=True)
    type: Mapped[str] = mapped_column(String(30), index=True)
    naam: Mapped[str] = mapped_column(String(300))
    organisatie_id: Mapped[str | None] = mapped_column(ForeignKey("organisatie.id"), index=True)
    adres: Mapped[str | None] = mapped_column(String(300))
    postcode: Mapped[str | None] = mapped_column(String(10))
    plaats: Mapped[str | None] = mapped_column(String(100))
    lat: Mapped[float] = mapped_column(Float)
    lon: Mapped[float] = mapped_column(Float)
    locatie_bij_benadering: Mapped[bool] = mapped_column(Boolean, default=False)
    avg_fte: Mapped[float | None] = mapped_column(Float)
    clienten: Mapped[int | None] = mapped_column(Integer)
    anw_open: Mapped[bool | None] = mapped_column(Boolean)
    behandeling: Mapped[str | None] = mapped_column(String(10))  # Wlz met/zonder behandeling; None = unknown


class ServiceArea(Base):
    """A HAP service area (werkgebied): its outline and the PC4 areas it covers."""

    __tablename__ = "hap_werkgebied"

    hap_id: Mapped[str] = mapped_column(ForeignKey("voorziening.id", ondelete="CASCADE"), primary_key=True)
    bron: Mapped[str] = mapped_column(String(20))  # geojson | pc4 | gemeente
    geometrie: Mapped[bytes | None] = mapped_column(LargeBinary)


class ServiceAreaPostcode(Base):
    __tablename__ = "hap_werkgebied_pc4"

    hap_id: Mapped[str] = mapped_column(ForeignKey("hap_werkgebied.hap_id", ondelete="CASCADE"), primary_key=True)
    pc4: Mapped[str] = mapped_column(String(4), primary_key=True, index=True)


class Collaboration(Base):
    __tablename__ = "samenwerking"
    __table_args__ = (UniqueConstraint("van", "naar", "soort"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    van: Mapped[str] = mapped_column(ForeignKey("voorziening.id", ondelete="CASCADE"), index=True)
    naar: Mapped[str] = mapped_column(ForeignKey("voorziening.id", ondelete="CASCADE"), index=True)
    soort: Mapped[str] = mapped_column(String(40))
    sinds: Mapped[date | None] = mapped_column(Date)  # a year alone is stored as 1 January
    tot: Mapped[date | None] = mapped_column(Date)  # last day of the tie; a year alone is stored as 31 December
    bron: Mapped[str | None] = mapped_column(String(200))  # where the tie is recorded (e.g. 'contractenregister')
    importbatch_id: Mapped[int | None] = mapped_column(Integer)  # the import that last wrote the row


class Wave(Base):
    """A measurement wave (meetgolf), e.g. '2021' or '2024-najaar'."""

    __tablename__ = "meetgolf"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    volgorde: Mapped[int] = mapped_column(Integer)


class Finding(Base):
    """A coded finding (bevinding); `sleutel` is a content hash so re-importing changes nothing."""

    __tablename__ = "bevinding"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    sleutel: Mapped[str] = mapped_column(String(64), unique=True)
    regio: Mapped[str] = mapped_column(String(20), index=True)
    golf: Mapped[str] = mapped_column(ForeignKey("meetgolf.code"), index=True)
    stakeholder: Mapped[str] = mapped_column(String(30))
    voorwaarde: Mapped[str] = mapped_column(String(30))
    richting: Mapped[int] = mapped_column(Integer)  # -1 failure, +1 good practice
    gewicht: Mapped[int] = mapped_column(Integer)
    bron: Mapped[str | None] = mapped_column(String(200))
    tekst: Mapped[str | None] = mapped_column(Text)
    code: Mapped[str | None] = mapped_column(String(20))  # item of the codebook (data/codeboek.toml), optional
    # Withdrawn findings stop counting (load_registry leaves them out) but stay for analists, with the reason.
    ingetrokken: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    ingetrokken_reden: Mapped[str | None] = mapped_column(Text)
    # Last correction or withdrawal by hand (data.finding_edits); None = as imported. `sleutel` keeps the key of
    # the imported content, so re-importing the same file neither adds the finding again nor undoes the edit.
    gewijzigd: Mapped[datetime | None] = mapped_column(DateTime)


class ConvenantAction(Base):
    __tablename__ = "convenant_actie"
    __table_args__ = (UniqueConstraint("actie", "partij", "golf", "regio"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    actie: Mapped[str] = mapped_column(String(200))
    partij: Mapped[str] = mapped_column(String(100))
    golf: Mapped[str] = mapped_column(ForeignKey("meetgolf.code"), index=True)
    status: Mapped[str] = mapped_column(String(30))
    regio: Mapped[str] = mapped_column(String(20), default="")  # '' = national
    toelichting: Mapped[str | None] = mapped_column(Text)


class ImportBatch(Base):
    __tablename__ = "importbatch"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    soort: Mapped[str] = mapped_column(String(30))
    bestandsnaam: Mapped[str] = mapped_column(String(300))
    sha256: Mapped[str] = mapped_column(String(64))
    tijdstip: Mapped[datetime] = mapped_column(DateTime)
    rijen_totaal: Mapped[int] = mapped_column(Integer)
    rijen_geimporteerd: Mapped[int] = mapped_column(Integer)
    rijen_afgewezen: Mapped[int] = mapped_column(Integer)
    gebruiker: Mapped[str] = mapped_column(String(100))


class WlzDemand(Base):
    """Wlz indications with grondslag verstandelijke handicap per gemeente and year (CIZ, rounded to 5)."""

    __tablename__ = "wlz_vraag"

    gemeentecode: Mapped[str] = mapped_column(String(20), primary_key=True)
    jaar: Mapped[int] = mapped_column(Integer, primary_key=True)
    aantal: Mapped[int] = mapped_column(Integer)


class CareOfficeName(Base):
    """The zorgkantoor (care office) that runs a zorgkantoorregio, as published by Zorgverzekeraars Nederland."""

    __tablename__ = "zorgkantoor"

    zorgkantoorregio: Mapped[str] = mapped_column(String(20), primary_key=True)
    zorgkantoor: Mapped[str] = mapped_column(String(200))


class PilotCommission(Base):
    """A pilot commission (pilotcommissie) at work in a region, and where it stands."""

    __tablename__ = "pilot"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regio: Mapped[str] = mapped_column(String(20), index=True)
    commissie: Mapped[str] = mapped_column(String(200))
    start: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(30))
    afspraken: Mapped[str | None] = mapped_column(Text)
    evaluatie: Mapped[str | None] = mapped_column(Text)
    advies: Mapped[str | None] = mapped_column(Text)


class Awareness(Base):
    """How many respondents of a stakeholder group know the convenant, per region and wave (survey table)."""

    __tablename__ = "bekendheid"
    __table_args__ = (UniqueConstraint("regio", "golf", "stakeholder"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    regio: Mapped[str] = mapped_column(String(20), default="")  # '' = national
    golf: Mapped[str] = mapped_column(ForeignKey("meetgolf.code"), index=True)
    stakeholder: Mapped[str] = mapped_column(String(30))
    bekend: Mapped[int] = mapped_column(Integer)
    totaal: Mapped[int] = mapped_column(Integer)


class DatasetInfo(Base):
    """Key/value facts about the database contents, e.g. demo='fictief' or reference_year."""

    __tablename__ = "dataset_info"

    sleutel: Mapped[str] = mapped_column(String(50), primary_key=True)
    waarde: Mapped[str] = mapped_column(Text)


class User(Base):
    """A registered user (gebruiker) and its role; the e-mail address is stored lower-cased."""

    __tablename__ = "gebruiker"

    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    rol: Mapped[str] = mapped_column(String(20))
    aangemaakt: Mapped[datetime] = mapped_column(DateTime)  # UTC
    door: Mapped[str] = mapped_column(String(254))  # who added the user


class AuditEntry(Base):
    """One row of the append-only audit trail (data.audit). Never updated or deleted: a database trigger
    refuses UPDATE and DELETE on both SQLite and PostgreSQL."""

    __tablename__ = "audit"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    tijdstip: Mapped[datetime] = mapped_column(DateTime, index=True)  # UTC
    gebruiker: Mapped[str] = mapped_column(String(254), index=True)
    rol: Mapped[str | None] = mapped_column(String(20))
    actie: Mapped[str] = mapped_column(String(40), index=True)
    onderwerp: Mapped[str] = mapped_column(String(300))
    details: Mapped[str | None] = mapped_column(Text)  # JSON
