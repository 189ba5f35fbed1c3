"""Values between a site's columns and the common API: the site's strings ↔ the common enums, and instants.

A vocabulary is a table: ``read`` maps a site string (compared without case) to the common value, ``write`` the
common value to the string the site writes. A site string with no common value is omitted from the response,
never guessed.

Instants: TIMESTAMP columns hold UTC (connections set ``time_zone = '+00:00'``); DATETIME columns hold the
site's local wall-clock time, which ``SiteClock`` converts both in Python and in SQL (for ``orderBy`` and
``createdAt`` computed in the database).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import and_, case, cast, func
from sqlalchemy.dialects.mysql import DATETIME


@dataclass(frozen=True)
class Vocabulary:
    """Site strings ↔ one common enum."""

    read_map: dict[str, str]
    write_map: dict[str, str]

    def read(self, value: object) -> str | None:
        if value is None:
            return None
        return self.read_map.get(str(value).strip().lower())

    def write(self, value: str | None) -> str | None:
        return None if value is None else self.write_map[value]

    def site_values(self, common: str) -> list[str]:
        """Every site string that reads as ``common`` (for list filters)."""
        return [site for site, api in self.read_map.items() if api == common]


def vocab(pairs: dict[str, str], write: dict[str, str] | None = None) -> Vocabulary:
    """``pairs``: site string → common value. Writes use ``write`` or else the first site string of each value."""
    read_map = {k.lower(): v for k, v in pairs.items()}
    write_map = dict(write or {})
    for site, api in pairs.items():
        write_map.setdefault(api, site)
    return Vocabulary(read_map, write_map)


def upper(*values: str) -> Vocabulary:
    """Native enums whose values only differ by case (``Omega`` → ``OMEGA``)."""
    return vocab({v: v.upper() for v in values})


@dataclass(frozen=True)
class SiteClock:
    """The site's local time (its DATETIME columns) under the EU summer-time rule.

    ``standard_offset`` is the zone's winter offset from UTC in hours (Europe/London 0, Europe/Paris 1). The
    EU rule — summer time from the last Sunday of March to the last Sunday of October, switching at 01:00 UTC
    — has held every year both Diamond and the ESRF have existed; the SQL form (``local_to_utc``) relies on it.
    """

    zone: str
    standard_offset: int

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.zone)

    def instant_out(self, value: datetime | date | None, *, utc: bool) -> str | None:
        """RFC 3339 in UTC of a column value (naive: UTC when ``utc``, else local time)."""
        if value is None:
            return None
        if not isinstance(value, datetime):
            value = datetime.combine(value, time(0), self.tz)
        elif value.tzinfo is None:
            value = value.replace(tzinfo=UTC if utc else self.tz)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")

    def instant_in(self, value: str | None, *, utc: bool) -> datetime | None:
        """A naive value for the column: UTC for TIMESTAMP columns, local time for DATETIME ones."""
        if value is None:
            return None
        aware = datetime.fromisoformat(value.replace("z", "Z").replace("Z", "+00:00"))
        return aware.astimezone(UTC if utc else self.tz).replace(tzinfo=None)

    def local_to_utc(self, value: Any) -> Any:
        """SQL (MariaDB): a naive local time as naive UTC, as ``instant_out`` reads it.

        In local time summer runs from (2 + standard offset):00 on the last Sunday of March to the same hour on
        the last Sunday of October; the skipped hour reads as winter time and the repeated one as summer time,
        as ``zoneinfo`` gives them (``fold=0``).
        """
        moment = cast(value, DATETIME(fsp=6))
        edge_hour = f"{2 + self.standard_offset:02d}:00:00"

        def edge(month_end: str) -> Any:
            last_day = func.str_to_date(func.concat(func.year(moment), month_end), "%Y-%m-%d")
            return func.timestamp(func.subdate(last_day, func.dayofweek(last_day) - 1), edge_hour)

        summer = and_(moment >= edge("-03-31"), moment < edge("-10-31"))
        winter = func.subtime(moment, f"{self.standard_offset:02d}:00:00") if self.standard_offset else moment
        return case((summer, func.subtime(moment, f"{self.standard_offset + 1:02d}:00:00")), else_=winter)
