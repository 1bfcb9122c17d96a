"""Ukrainian dates without Django's trailing "р.": the dates stand at the end of sentences
("…має відповісти до 18 жовтня 2026."), where the abbreviation's period and the sentence's
would double. Everything else comes from Django's own Ukrainian formats."""

DATE_FORMAT = "j E Y"
DATETIME_FORMAT = "j E Y, H:i"
