/* atlas-time.c — instants, precision and the arithmetic the format needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "atlas-time.h"

#define USEC_PER_MINUTE (G_GINT64_CONSTANT (60) * ATLAS_USEC_PER_SECOND)
#define USEC_PER_HOUR   (G_GINT64_CONSTANT (60) * USEC_PER_MINUTE)

/* Howard Hinnant's days_from_civil / civil_from_days, proleptic Gregorian. */
static gint64
days_from_civil (gint64 y,
                 int    m,
                 int    d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = (y >= 0 ? y : y - 399) / 400;
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

  return era * 146097 + doe - 719468;
}

static void
civil_from_days (gint64  z,
                 int    *year,
                 int    *month,
                 int    *day)
{
  gint64 era, doe, yoe, y, doy, mp, d, m;

  z += 719468;
  era = (z >= 0 ? z : z - 146096) / 146097;
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  y = yoe + era * 400;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  d = doy - (153 * mp + 2) / 5 + 1;
  m = mp + (mp < 10 ? 3 : -9);

  *year = (int) (y + (m <= 2));
  *month = (int) m;
  *day = (int) d;
}

static gboolean
is_leap_year (int year)
{
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int
days_in_month (int year,
               int month)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

  g_assert (month >= 1 && month <= 12);

  if (month == 2 && is_leap_year (year))
    return 29;
  return days[month - 1];
}

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static const char *
month_name (int month)
{
  switch (month)
    {
    case 1: return C_("month name", "January");
    case 2: return C_("month name", "February");
    case 3: return C_("month name", "March");
    case 4: return C_("month name", "April");
    case 5: return C_("month name", "May");
    case 6: return C_("month name", "June");
    case 7: return C_("month name", "July");
    case 8: return C_("month name", "August");
    case 9: return C_("month name", "September");
    case 10: return C_("month name", "October");
    case 11: return C_("month name", "November");
    case 12: return C_("month name", "December");
    default: return "?";
    }
}

static const char *
weekday_name (int weekday)
{
  switch (weekday)
    {
    case 0: return _("Monday");
    case 1: return _("Tuesday");
    case 2: return _("Wednesday");
    case 3: return _("Thursday");
    case 4: return _("Friday");
    case 5: return _("Saturday");
    case 6: return _("Sunday");
    default: return "?";
    }
}

static gboolean
parse_digits (const char **p,
              int          n,
              int         *out)
{
  int value = 0;

  for (int i = 0; i < n; i++)
    {
      char c = (*p)[i];

      if (c < '0' || c > '9')
        return FALSE;
      value = value * 10 + (c - '0');
    }

  *p += n;
  *out = value;
  return TRUE;
}

static gboolean
set_error (GError     **error,
           const char  *format,
           ...) G_GNUC_PRINTF (2, 3);

static gboolean
set_error (GError     **error,
           const char  *format,
           ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, message);
  return FALSE;
}

static gboolean
malformed (GError **error)
{
  return set_error (error, "%s",
                    _("not an ISO 8601 date (expected YYYY, YYYY-MM, YYYY-MM-DD or "
                      "YYYY-MM-DDTHH:MM:SS with a UTC offset)"));
}

static gboolean
trailing (const char  *rest,
          GError     **error)
{
  g_autofree char *shown = NULL;

  if (g_utf8_strlen (rest, -1) > 20)
    {
      g_autofree char *cut = g_utf8_substring (rest, 0, 20);
      shown = g_strconcat (cut, "…", NULL);
    }
  else
    shown = g_strdup (rest);

  return set_error (error, _("unexpected text \"%s\" after the date"), shown);
}

gboolean
atlas_time_parse (const char      *text,
                  AtlasTimeParse  *out,
                  GError         **error)
{
  const char *p = text;
  int year, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  gint64 usec = 0;
  int offset = 0;
  AtlasPrecision precision;
  gboolean has_time = FALSE;

  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (*p == '\0')
    return set_error (error, "%s", _("the date is empty"));

  if (!parse_digits (&p, 4, &year))
    return malformed (error);
  if (year < 1)
    return set_error (error, _("year %d is out of range (0001 to 9999)"), year);
  precision = ATLAS_PRECISION_YEAR;

  if (*p == '-')
    {
      p++;
      if (!parse_digits (&p, 2, &month))
        return malformed (error);
      if (month < 1 || month > 12)
        return set_error (error, _("month %d does not exist"), month);
      precision = ATLAS_PRECISION_MONTH;

      if (*p == '-')
        {
          p++;
          if (!parse_digits (&p, 2, &day))
            return malformed (error);
          if (day < 1 || day > days_in_month (year, month))
            return set_error (error,
                              /* Translators: "day 30 does not exist in February 2016" */
                              _("day %d does not exist in %s %d"),
                              day, month_name (month), year);
          precision = ATLAS_PRECISION_DAY;

          if (*p == 'T')
            {
              p++;
              has_time = TRUE;
              if (!parse_digits (&p, 2, &hour) || *p++ != ':' || !parse_digits (&p, 2, &minute))
                return malformed (error);
              precision = ATLAS_PRECISION_MINUTE;

              if (*p == ':')
                {
                  p++;
                  if (!parse_digits (&p, 2, &second))
                    return malformed (error);
                  precision = ATLAS_PRECISION_SECOND;

                  if (*p == '.' || *p == ',')
                    {
                      gint64 scale = 100000;

                      p++;
                      if (!g_ascii_isdigit (*p))
                        return malformed (error);
                      while (g_ascii_isdigit (*p))
                        {
                          usec += (*p - '0') * scale;
                          scale /= 10;
                          p++;
                        }
                    }
                }

              if (hour > 23)
                return set_error (error, _("hour %d does not exist (hours go from 00 to 23)"),
                                  hour);
              if (minute > 59)
                return set_error (error, _("minute %d does not exist"), minute);
              if (second > 59)
                return set_error (error, _("second %d does not exist"), second);

              if (*p == 'Z')
                {
                  p++;
                }
              else if (*p == '+' || *p == '-')
                {
                  int sign = *p == '-' ? -1 : 1;
                  int oh, om;

                  p++;
                  if (!parse_digits (&p, 2, &oh))
                    return malformed (error);
                  if (*p == ':')
                    p++;
                  if (!parse_digits (&p, 2, &om))
                    return malformed (error);
                  if (om > 59 || oh * 60 + om > 18 * 60)
                    return set_error (error,
                                      _("UTC offset %c%02d:%02d is out of range "
                                        "(it must be within ±18:00)"),
                                      sign < 0 ? '-' : '+', oh, om);
                  offset = sign * (oh * 3600 + om * 60);
                }
              else if (*p == '\0')
                {
                  return set_error (error, "%s",
                                    _("a date-time needs a UTC offset (Z or ±HH:MM); "
                                      "without one it is ambiguous"));
                }
              else
                {
                  return trailing (p, error);
                }
            }
        }
    }

  if (*p != '\0')
    {
      if (g_ascii_isdigit (*p) && precision == ATLAS_PRECISION_YEAR)
        return malformed (error);
      return trailing (p, error);
    }

  if (out != NULL)
    {
      out->instant = atlas_time_from_civil (year, month, day, hour, minute, second)
                     + usec - (gint64) offset * ATLAS_USEC_PER_SECOND;
      out->utc_offset = offset;
      out->precision = precision;
      out->has_time = has_time;
    }

  return TRUE;
}

gint64
atlas_time_from_civil (int    year,
                       int    month,
                       int    day,
                       int    hour,
                       int    minute,
                       double seconds)
{
  gint64 days = days_from_civil (year, month, day);

  return days * ATLAS_USEC_PER_DAY
         + hour * USEC_PER_HOUR
         + minute * USEC_PER_MINUTE
         + (gint64) llround (seconds * 1e6);
}

void
atlas_time_to_civil (gint64  instant,
                     int    *year,
                     int    *month,
                     int    *day,
                     int    *hour,
                     int    *minute,
                     int    *second)
{
  gint64 days = floor_div (instant, ATLAS_USEC_PER_DAY);
  gint64 rest = instant - days * ATLAS_USEC_PER_DAY;
  int y, m, d;

  civil_from_days (days, &y, &m, &d);

  if (year)
    *year = y;
  if (month)
    *month = m;
  if (day)
    *day = d;
  if (hour)
    *hour = (int) (rest / USEC_PER_HOUR);
  if (minute)
    *minute = (int) ((rest / USEC_PER_MINUTE) % 60);
  if (second)
    *second = (int) ((rest / ATLAS_USEC_PER_SECOND) % 60);
}

int
atlas_time_weekday (gint64 instant)
{
  gint64 days = floor_div (instant, ATLAS_USEC_PER_DAY);

  /* 1970-01-01 was a Thursday (3 with Monday = 0) */
  return (int) (((days + 3) % 7 + 7) % 7);
}

gint64
atlas_time_add (gint64          instant,
                int             utc_offset,
                AtlasPrecision  precision,
                int             n)
{
  gint64 local = instant + (gint64) utc_offset * ATLAS_USEC_PER_SECOND;

  switch (precision)
    {
    case ATLAS_PRECISION_YEAR:
    case ATLAS_PRECISION_MONTH:
      {
        gint64 days = floor_div (local, ATLAS_USEC_PER_DAY);
        gint64 rest = local - days * ATLAS_USEC_PER_DAY;
        gint64 months;
        int y, m, d;

        civil_from_days (days, &y, &m, &d);
        months = (gint64) y * 12 + (m - 1)
                 + (gint64) n * (precision == ATLAS_PRECISION_YEAR ? 12 : 1);
        y = (int) floor_div (months, 12);
        m = (int) (months - (gint64) y * 12) + 1;
        d = MIN (d, days_in_month (y, m));
        local = days_from_civil (y, m, d) * ATLAS_USEC_PER_DAY + rest;
      }
      break;

    case ATLAS_PRECISION_WEEK:
      local += (gint64) n * 7 * ATLAS_USEC_PER_DAY;
      break;

    case ATLAS_PRECISION_DAY:
      local += (gint64) n * ATLAS_USEC_PER_DAY;
      break;

    case ATLAS_PRECISION_HOUR:
      local += (gint64) n * USEC_PER_HOUR;
      break;

    case ATLAS_PRECISION_MINUTE:
      local += (gint64) n * USEC_PER_MINUTE;
      break;

    case ATLAS_PRECISION_SECOND:
    default:
      local += (gint64) n * ATLAS_USEC_PER_SECOND;
      break;
    }

  return local - (gint64) utc_offset * ATLAS_USEC_PER_SECOND;
}

gint64
atlas_time_period_end (gint64          instant,
                       int             utc_offset,
                       AtlasPrecision  precision)
{
  return atlas_time_add (instant, utc_offset, precision, 1);
}

gint64
atlas_time_floor (gint64          instant,
                  int             utc_offset,
                  AtlasPrecision  precision)
{
  gint64 local = instant + (gint64) utc_offset * ATLAS_USEC_PER_SECOND;
  gint64 days = floor_div (local, ATLAS_USEC_PER_DAY);
  int y, m, d;

  switch (precision)
    {
    case ATLAS_PRECISION_YEAR:
      civil_from_days (days, &y, &m, &d);
      local = days_from_civil (y, 1, 1) * ATLAS_USEC_PER_DAY;
      break;

    case ATLAS_PRECISION_MONTH:
      civil_from_days (days, &y, &m, &d);
      local = days_from_civil (y, m, 1) * ATLAS_USEC_PER_DAY;
      break;

    case ATLAS_PRECISION_WEEK:
      days -= ((days + 3) % 7 + 7) % 7;
      local = days * ATLAS_USEC_PER_DAY;
      break;

    case ATLAS_PRECISION_DAY:
      local = days * ATLAS_USEC_PER_DAY;
      break;

    case ATLAS_PRECISION_HOUR:
      local = floor_div (local, USEC_PER_HOUR) * USEC_PER_HOUR;
      break;

    case ATLAS_PRECISION_MINUTE:
      local = floor_div (local, USEC_PER_MINUTE) * USEC_PER_MINUTE;
      break;

    case ATLAS_PRECISION_SECOND:
    default:
      local = floor_div (local, ATLAS_USEC_PER_SECOND) * ATLAS_USEC_PER_SECOND;
      break;
    }

  return local - (gint64) utc_offset * ATLAS_USEC_PER_SECOND;
}

static char *
format_offset_iso (int utc_offset)
{
  int a = ABS (utc_offset);

  if (utc_offset == 0)
    return g_strdup ("Z");
  return g_strdup_printf ("%c%02d:%02d", utc_offset < 0 ? '-' : '+', a / 3600, (a / 60) % 60);
}

char *
atlas_time_format_iso (gint64          instant,
                       int             utc_offset,
                       AtlasPrecision  precision)
{
  gint64 local = instant + (gint64) utc_offset * ATLAS_USEC_PER_SECOND;
  g_autofree char *offset = NULL;
  int y, m, d, h, min, s;

  g_return_val_if_fail (instant != ATLAS_TIME_NONE, NULL);

  atlas_time_to_civil (local, &y, &m, &d, &h, &min, &s);

  switch (precision)
    {
    case ATLAS_PRECISION_YEAR:
      return g_strdup_printf ("%04d", y);

    case ATLAS_PRECISION_MONTH:
      return g_strdup_printf ("%04d-%02d", y, m);

    case ATLAS_PRECISION_WEEK:
    case ATLAS_PRECISION_DAY:
      return g_strdup_printf ("%04d-%02d-%02d", y, m, d);

    case ATLAS_PRECISION_HOUR:
    case ATLAS_PRECISION_MINUTE:
    case ATLAS_PRECISION_SECOND:
    default:
      offset = format_offset_iso (utc_offset);
      return g_strdup_printf ("%04d-%02d-%02dT%02d:%02d:%02d%s", y, m, d, h, min, s, offset);
    }
}

static char *
format_offset_human (int utc_offset)
{
  int a = ABS (utc_offset);

  if (utc_offset == 0)
    return g_strdup (_("UTC"));
  /* Translators: a UTC offset, e.g. "UTC+02:00" */
  return g_strdup_printf (_("UTC%c%02d:%02d"), utc_offset < 0 ? '-' : '+',
                          a / 3600, (a / 60) % 60);
}

static char *
format_day (int y,
            int m,
            int d,
            int weekday)
{
  /* Translators: weekday, day of month, month name, year: "Monday 5 December 2016" */
  return g_strdup_printf (C_("full date", "%s %d %s %d"), weekday_name (weekday), d,
                          atlas_time_month_name_in_date (m), y);
}

char *
atlas_time_format_human (gint64          instant,
                         int             utc_offset,
                         AtlasPrecision  precision,
                         AtlasBasis      basis)
{
  gint64 local = instant + (gint64) utc_offset * ATLAS_USEC_PER_SECOND;
  g_autofree char *text = NULL;
  int y, m, d, h, min, s;

  g_return_val_if_fail (instant != ATLAS_TIME_NONE, NULL);

  atlas_time_to_civil (local, &y, &m, &d, &h, &min, &s);

  switch (precision)
    {
    case ATLAS_PRECISION_YEAR:
      text = g_strdup_printf ("%d", y);
      break;

    case ATLAS_PRECISION_MONTH:
      /* Translators: month name and year: "December 2016" */
      text = g_strdup_printf (C_("month and year", "%s %d"), month_name (m), y);
      break;

    case ATLAS_PRECISION_WEEK:
      if (basis == ATLAS_BASIS_APPROXIMATE)
        {
          if (d <= 10)
            /* Translators: "early July 2016" */
            text = g_strdup_printf (_("early %s %d"), atlas_time_month_name_in_date (m), y);
          else if (d <= 20)
            /* Translators: "mid-July 2016" */
            text = g_strdup_printf (_("mid-%s %d"), atlas_time_month_name_in_date (m), y);
          else
            /* Translators: "late July 2016" */
            text = g_strdup_printf (_("late %s %d"), atlas_time_month_name_in_date (m), y);
        }
      else
        {
          /* Translators: "week of 11 July 2016" */
          text = g_strdup_printf (_("week of %d %s %d"), d, atlas_time_month_name_in_date (m), y);
        }
      break;

    case ATLAS_PRECISION_DAY:
      text = format_day (y, m, d, atlas_time_weekday (local));
      break;

    case ATLAS_PRECISION_HOUR:
    case ATLAS_PRECISION_MINUTE:
    case ATLAS_PRECISION_SECOND:
    default:
      {
        g_autofree char *day = format_day (y, m, d, atlas_time_weekday (local));
        g_autofree char *zone = format_offset_human (utc_offset);

        if (precision == ATLAS_PRECISION_SECOND)
          /* Translators: date, time with seconds, time zone:
           * "Monday 5 December 2016, 14:30:05 (UTC+02:00)" */
          text = g_strdup_printf (_("%s, %02d:%02d:%02d (%s)"), day, h, min, s, zone);
        else
          /* Translators: date, time, time zone: "Monday 5 December 2016, 14:30 (UTC+02:00)" */
          text = g_strdup_printf (_("%s, %02d:%02d (%s)"), day, h, min, zone);
      }
      break;
    }

  switch (basis)
    {
    case ATLAS_BASIS_APPROXIMATE:
      /* Translators: a date that is only approximately known */
      return g_strdup_printf (_("%s (approximate)"), text);
    case ATLAS_BASIS_PLANNED:
      /* Translators: a date something was planned for */
      return g_strdup_printf (_("%s (planned)"), text);
    case ATLAS_BASIS_STATED:
    case ATLAS_BASIS_RELATIVE:
    case ATLAS_BASIS_REPORTED:
    default:
      return g_steal_pointer (&text);
    }
}

/* the month in a date that names the day ("5 December 2016", "week of 11 July", "mid-July"):
 * Russian and other languages decline it there ("5 декабря"), unlike month_name() */
const char *
atlas_time_month_name_in_date (int month)
{
  /* Translators: the month in a date after a day number or "early", "mid-", "late":
   * use the form your language needs there (the genitive in Russian: "декабря") */
  switch (month)
    {
    case 1: return C_("month name in a date, after the day: genitive in some languages", "January");
    case 2: return C_("month name in a date, after the day: genitive in some languages", "February");
    case 3: return C_("month name in a date, after the day: genitive in some languages", "March");
    case 4: return C_("month name in a date, after the day: genitive in some languages", "April");
    case 5: return C_("month name in a date, after the day: genitive in some languages", "May");
    case 6: return C_("month name in a date, after the day: genitive in some languages", "June");
    case 7: return C_("month name in a date, after the day: genitive in some languages", "July");
    case 8: return C_("month name in a date, after the day: genitive in some languages", "August");
    case 9: return C_("month name in a date, after the day: genitive in some languages", "September");
    case 10: return C_("month name in a date, after the day: genitive in some languages", "October");
    case 11: return C_("month name in a date, after the day: genitive in some languages", "November");
    case 12: return C_("month name in a date, after the day: genitive in some languages", "December");
    default: return "?";
    }
}
