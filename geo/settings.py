"""Assumptions of the geo computations, defined once; the README, CLI help and dashboard read them from here."""
from __future__ import annotations

from dataclasses import dataclass, fields

from data.errors import UserError


@dataclass(frozen=True)
class GeoSettings:
    """Travel-time model, E2SFCA parameters and gap thresholds.

    Travel time is an *estimate*: straight-line distance in EPSG:28992 x ``detour_factor`` / ``speed_kmh``.
    There is no road network; the detour factor stands in for the road distance (Dutch road distances are
    typically 1.2-1.4 times the straight line) and the speed for a mix of urban and regional roads.
    """

    detour_factor: float = 1.3  # road distance / straight-line distance
    speed_kmh: float = 60.0  # average speed over the estimated road distance
    catchment_min: float = 30.0  # E2SFCA catchment and "HAP within reach" threshold, estimated minutes
    decay_sigma_min: float = 15.0  # Gaussian decay w(t) = exp(-t^2 / (2 sigma^2)), zero beyond the catchment
    prevalence: float = 0.011  # estimated VG clients per inhabitant where a gemeente has no client counts
    gap_access_per_1000: float = 0.5  # AVG FTE per 1,000 clients below which a PC4 or location is a gap

    def __post_init__(self) -> None:
        for item in fields(self):
            value = getattr(self, item.name)
            if not isinstance(value, (int, float)) or value != value:
                raise UserError(f"Instelling {item.name} moet een getal zijn, niet {value!r}.")
        if self.detour_factor < 1:
            raise UserError(f"Omrijfactor moet minstens 1 zijn (hemelsbreed is de kortste weg), niet {self.detour_factor}.")
        for name in ("speed_kmh", "catchment_min", "decay_sigma_min"):
            if getattr(self, name) <= 0:
                raise UserError(f"Instelling {name} moet groter dan 0 zijn, niet {getattr(self, name)}.")
        if not 0 < self.prevalence <= 1:
            raise UserError(f"Prevalentie moet tussen 0 en 1 liggen, niet {self.prevalence}.")
        if self.gap_access_per_1000 < 0:
            raise UserError(f"Drempel voor AVG-toegankelijkheid mag niet negatief zijn, niet {self.gap_access_per_1000}.")

    @property
    def catchment_m(self) -> float:
        """Straight-line distance (metres) that corresponds to the catchment in estimated minutes."""
        return self.catchment_min / 60.0 * self.speed_kmh * 1000.0 / self.detour_factor

    def describe(self) -> str:
        """The assumptions in one Dutch sentence, for labels next to every travel time."""
        return (
            f"Geschatte reistijd = hemelsbrede afstand × omrijfactor {self.detour_factor:g} / "
            f"{self.speed_kmh:g} km/u; bereik {self.catchment_min:g} minuten."
        )


TRAVEL_TIME_NOTE = "geschat: hemelsbrede afstand × omrijfactor / gemiddelde snelheid, geen routeplanner"
