"""English as the site writes it, day before month and a 24-hour clock ("6 December
2026, 18:00"), not Django's American English ("Dec. 6, 2026, 6 p.m."). Input formats
and numbers stay Django's."""

DATE_FORMAT = "j F Y"
DATETIME_FORMAT = "j F Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y, H:i"
