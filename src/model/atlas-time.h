/* atlas-time.h — instants, precision and the arithmetic the format needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An instant is a gint64 count of microseconds since 1970-01-01T00:00:00Z (UTC),
 * the same unit as g_get_real_time().  ATLAS_TIME_NONE marks an absent instant.
 */

#pragma once

#include <glib.h>

#include "atlas-vocab.h"

G_BEGIN_DECLS

#define ATLAS_TIME_NONE G_MININT64
#define ATLAS_USEC_PER_SECOND G_GINT64_CONSTANT (1000000)
#define ATLAS_USEC_PER_DAY    (G_GINT64_CONSTANT (86400) * ATLAS_USEC_PER_SECOND)

typedef struct {
  gint64         instant;     /* the first microsecond the text denotes, UTC */
  int            utc_offset;  /* seconds east of UTC as written; 0 for a bare date */
  AtlasPrecision precision;   /* what the text itself carries: year, month, day, minute, second */
  gboolean       has_time;    /* a time part (and so an offset) was written */
} AtlasTimeParse;

/* Parses the ISO 8601 forms the format allows:
 *   YYYY, YYYY-MM, YYYY-MM-DD,
 *   YYYY-MM-DDTHH:MM[:SS[.frac]](Z|±HH:MM|±HHMM)   (a date-time needs its offset)
 * Years 0001–9999.  Checks every field's range (months, days in month with leap
 * years, 24:00 refused, offsets up to ±18:00).  On failure sets @error (in
 * G_IO_ERROR_INVALID_DATA) to a sentence saying what is wrong, e.g.
 * "day 31 does not exist in November 2016". */
gboolean   atlas_time_parse            (const char      *text,
                                        AtlasTimeParse  *out,
                                        GError         **error);

/* Civil-calendar helpers, proleptic Gregorian, in UTC. */
gint64     atlas_time_from_civil       (int year, int month, int day,
                                        int hour, int minute, double seconds);
void       atlas_time_to_civil         (gint64 instant,
                                        int *year, int *month, int *day,
                                        int *hour, int *minute, int *second);
/* 0 = Monday … 6 = Sunday */
int        atlas_time_weekday          (gint64 instant);

/* The exclusive end of the period that starts at @instant with @precision:
 * +1 year, +1 month, +7 days, +1 day, +1 hour, +1 minute, +1 second.
 * @utc_offset is applied so that "2016-12-05" with a +02:00 date-time rule
 * still ends at the next civil midnight of that offset. */
gint64     atlas_time_period_end       (gint64          instant,
                                        int             utc_offset,
                                        AtlasPrecision  precision);

/* Moves @instant down to the start of its period (year, month, week starting Monday,
 * day, hour, minute) in the zone @utc_offset.  Used for axis ticks. */
gint64     atlas_time_floor            (gint64          instant,
                                        int             utc_offset,
                                        AtlasPrecision  precision);
/* Adds @n periods of @precision (months and years by the calendar). */
gint64     atlas_time_add              (gint64          instant,
                                        int             utc_offset,
                                        AtlasPrecision  precision,
                                        int             n);

/* "2016-12-05", "2016-12-05T14:30:00+02:00": ISO text of @instant at @utc_offset,
 * cut to @precision (year → "2016", month → "2016-12"). */
char      *atlas_time_format_iso       (gint64          instant,
                                        int             utc_offset,
                                        AtlasPrecision  precision);

/* Human, translated text that says exactly what is known:
 *   year → "2012", month → "December 2016", week → "week of 11 July 2016",
 *   day → "Monday 5 December 2016", hour/minute → "Monday 5 December 2016, 14:30 (UTC+02:00)".
 * An approximate week reads as the part of its month: "early/mid-/late July 2016".
 * @basis adds a qualifier: approximate → "… (approximate)", planned → "… (planned)". */
char      *atlas_time_format_human     (gint64          instant,
                                        int             utc_offset,
                                        AtlasPrecision  precision,
                                        AtlasBasis      basis);

/* The translated name of @month (1–12) as it reads after a day number, "5 December":
 * the genitive in Russian ("декабря").  Borrowed. */
const char *atlas_time_month_name_in_date (int month);

G_END_DECLS
