/* atlas-timescale.c — time ↔ x mapping, axis ticks and lane packing for the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "atlas-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>

#include "atlas-time.h"
#include "atlas-timescale.h"

#define USEC_PER_MINUTE (G_GINT64_CONSTANT (60) * ATLAS_USEC_PER_SECOND)
#define USEC_PER_HOUR   (G_GINT64_CONSTANT (60) * USEC_PER_MINUTE)

/* Finest first. */
static const AtlasTickStep ladder[] = {
  { ATLAS_PRECISION_MINUTE, 1 },
  { ATLAS_PRECISION_MINUTE, 5 },
  { ATLAS_PRECISION_MINUTE, 15 },
  { ATLAS_PRECISION_MINUTE, 30 },
  { ATLAS_PRECISION_HOUR, 1 },
  { ATLAS_PRECISION_HOUR, 3 },
  { ATLAS_PRECISION_HOUR, 6 },
  { ATLAS_PRECISION_HOUR, 12 },
  { ATLAS_PRECISION_DAY, 1 },
  { ATLAS_PRECISION_DAY, 2 },
  { ATLAS_PRECISION_WEEK, 1 },
  { ATLAS_PRECISION_MONTH, 1 },
  { ATLAS_PRECISION_MONTH, 3 },
  { ATLAS_PRECISION_MONTH, 6 },
  { ATLAS_PRECISION_YEAR, 1 },
  { ATLAS_PRECISION_YEAR, 2 },
  { ATLAS_PRECISION_YEAR, 5 },
  { ATLAS_PRECISION_YEAR, 10 },
  { ATLAS_PRECISION_YEAR, 20 },
  { ATLAS_PRECISION_YEAR, 50 },
  { ATLAS_PRECISION_YEAR, 100 },
  { ATLAS_PRECISION_YEAR, 200 },
  { ATLAS_PRECISION_YEAR, 500 },
  { ATLAS_PRECISION_YEAR, 1000 },
};

static int
floor_mod (int a,
           int b)
{
  int r = a % b;

  return r < 0 ? r + b : r;
}

/* atlas_time_to_civil() with every field, whatever the caller needs */
static void
civil (gint64  time,
       int    *year,
       int    *month,
       int    *day,
       int    *hour,
       int    *minute)
{
  int y, mo, d, h, mi, s;

  atlas_time_to_civil (time, &y, &mo, &d, &h, &mi, &s);
  if (year != NULL)
    *year = y;
  if (month != NULL)
    *month = mo;
  if (day != NULL)
    *day = d;
  if (hour != NULL)
    *hour = h;
  if (minute != NULL)
    *minute = mi;
}

static GDateTime *
date_time_new (gint64 time)
{
  int year, month, day, hour, minute, second;

  atlas_time_to_civil (time, &year, &month, &day, &hour, &minute, &second);
  return g_date_time_new_utc (year, month, day, hour, minute, second);
}

static char *
format_time (gint64      time,
             const char *format)
{
  g_autoptr(GDateTime) dt = date_time_new (time);

  if (dt == NULL)
    return g_strdup ("");

  return g_date_time_format (dt, format);
}

static gint64
day_start (gint64 time)
{
  int year, month, day;

  civil (time, &year, &month, &day, NULL, NULL);
  return atlas_time_from_civil (year, month, day, 0, 0, 0);
}

void
atlas_timescale_set_range (AtlasTimescale *self,
                           gint64          from,
                           gint64          to,
                           double          width)
{
  g_return_if_fail (self != NULL);

  if (to <= from)
    to = from + ATLAS_USEC_PER_DAY;
  width = MAX (width, 1.0);

  self->usec_per_px = CLAMP ((double) (to - from) / width,
                             ATLAS_TIMESCALE_MIN_USEC_PER_PX,
                             ATLAS_TIMESCALE_MAX_USEC_PER_PX);
  /* keep the middle of the range in the middle when clamped */
  self->start = from + (to - from) / 2 - (gint64) (self->usec_per_px * width / 2.0);
}

double
atlas_timescale_time_to_x (const AtlasTimescale *self,
                           gint64                time)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return (double) (time - self->start) / self->usec_per_px;
}

gint64
atlas_timescale_x_to_time (const AtlasTimescale *self,
                           double                x)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->start + (gint64) llround (x * self->usec_per_px);
}

double
atlas_timescale_length (const AtlasTimescale *self,
                        gint64                duration)
{
  g_return_val_if_fail (self != NULL, 0.0);

  return (double) duration / self->usec_per_px;
}

gboolean
atlas_timescale_zoom_at (AtlasTimescale *self,
                         double          factor,
                         double          anchor_x)
{
  gint64 anchor;
  double upp;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (factor > 0.0, FALSE);

  upp = CLAMP (self->usec_per_px / factor,
               ATLAS_TIMESCALE_MIN_USEC_PER_PX,
               ATLAS_TIMESCALE_MAX_USEC_PER_PX);
  if (upp == self->usec_per_px)
    return FALSE;

  anchor = atlas_timescale_x_to_time (self, anchor_x);
  self->usec_per_px = upp;
  self->start = anchor - (gint64) llround (anchor_x * upp);

  return TRUE;
}

void
atlas_timescale_pan (AtlasTimescale *self,
                     double          dx)
{
  g_return_if_fail (self != NULL);

  self->start += (gint64) llround (dx * self->usec_per_px);
}

gint64
atlas_tick_step_get_duration (AtlasTickStep step)
{
  gint64 unit;

  switch (step.unit)
    {
    case ATLAS_PRECISION_YEAR:
      unit = (gint64) (365.2425 * ATLAS_USEC_PER_DAY);
      break;
    case ATLAS_PRECISION_MONTH:
      unit = (gint64) (30.436875 * ATLAS_USEC_PER_DAY);
      break;
    case ATLAS_PRECISION_WEEK:
      unit = 7 * ATLAS_USEC_PER_DAY;
      break;
    case ATLAS_PRECISION_DAY:
      unit = ATLAS_USEC_PER_DAY;
      break;
    case ATLAS_PRECISION_HOUR:
      unit = USEC_PER_HOUR;
      break;
    case ATLAS_PRECISION_MINUTE:
    case ATLAS_PRECISION_SECOND:
    default:
      unit = USEC_PER_MINUTE;
      break;
    }

  return unit * MAX (step.step, 1);
}

AtlasTickStep
atlas_timescale_choose_step (const AtlasTimescale *self,
                             double                min_px)
{
  g_return_val_if_fail (self != NULL, ladder[0]);

  for (guint i = 0; i < G_N_ELEMENTS (ladder); i++)
    if (atlas_timescale_length (self, atlas_tick_step_get_duration (ladder[i])) >= min_px)
      return ladder[i];

  return ladder[G_N_ELEMENTS (ladder) - 1];
}

AtlasPrecision
atlas_tick_step_get_context_unit (AtlasTickStep step)
{
  switch (step.unit)
    {
    case ATLAS_PRECISION_MONTH:
      return ATLAS_PRECISION_YEAR;
    case ATLAS_PRECISION_WEEK:
    case ATLAS_PRECISION_DAY:
      return ATLAS_PRECISION_MONTH;
    case ATLAS_PRECISION_HOUR:
    case ATLAS_PRECISION_MINUTE:
    case ATLAS_PRECISION_SECOND:
      return ATLAS_PRECISION_DAY;
    case ATLAS_PRECISION_YEAR:
    default:
      return ATLAS_PRECISION_YEAR;
    }
}

gint64
atlas_tick_step_floor (AtlasTickStep step,
                       gint64        time)
{
  int year, month, day, hour, minute;
  int n = MAX ((int) step.step, 1);

  civil (time, &year, &month, &day, &hour, &minute);

  switch (step.unit)
    {
    case ATLAS_PRECISION_YEAR:
      return atlas_time_from_civil (year - floor_mod (year, n), 1, 1, 0, 0, 0);
    case ATLAS_PRECISION_MONTH:
      return atlas_time_from_civil (year, month - floor_mod (month - 1, n), 1, 0, 0, 0);
    case ATLAS_PRECISION_WEEK:
      return day_start (time) - (gint64) atlas_time_weekday (time) * ATLAS_USEC_PER_DAY;
    case ATLAS_PRECISION_DAY:
      return atlas_time_from_civil (year, month, day - floor_mod (day - 1, n), 0, 0, 0);
    case ATLAS_PRECISION_HOUR:
      return atlas_time_from_civil (year, month, day, hour - floor_mod (hour, n), 0, 0);
    case ATLAS_PRECISION_MINUTE:
    case ATLAS_PRECISION_SECOND:
    default:
      return atlas_time_from_civil (year, month, day, hour, minute - floor_mod (minute, n), 0);
    }
}

gint64
atlas_tick_step_add (AtlasTickStep step,
                     gint64        tick,
                     int           n)
{
  int year, month, months;
  int k = MAX ((int) step.step, 1);

  switch (step.unit)
    {
    case ATLAS_PRECISION_YEAR:
      civil (tick, &year, NULL, NULL, NULL, NULL);
      return atlas_time_from_civil (year + n * k, 1, 1, 0, 0, 0);
    case ATLAS_PRECISION_MONTH:
      civil (tick, &year, &month, NULL, NULL, NULL);
      months = year * 12 + (month - 1) + n * k;
      return atlas_time_from_civil (months / 12, months % 12 + 1, 1, 0, 0, 0);
    case ATLAS_PRECISION_WEEK:
      return tick + (gint64) n * 7 * ATLAS_USEC_PER_DAY;
    case ATLAS_PRECISION_DAY:
      if (k == 1)
        return tick + (gint64) n * ATLAS_USEC_PER_DAY;
      /* multi-day steps restart on the 1st of each month, so walk */
      for (; n > 0; n--)
        tick = atlas_tick_step_floor (step, tick + k * ATLAS_USEC_PER_DAY);
      for (; n < 0; n++)
        tick = atlas_tick_step_floor (step, tick - 1);
      return tick;
    case ATLAS_PRECISION_HOUR:
      return tick + (gint64) n * k * USEC_PER_HOUR;
    case ATLAS_PRECISION_MINUTE:
    case ATLAS_PRECISION_SECOND:
    default:
      return tick + (gint64) n * k * USEC_PER_MINUTE;
    }
}

GArray *
atlas_tick_step_list (AtlasTickStep step,
                      gint64        from,
                      gint64        to,
                      guint         max_ticks)
{
  GArray *ticks = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 tick = atlas_tick_step_floor (step, from);

  if (tick < from)
    tick = atlas_tick_step_add (step, tick, 1);

  while (tick <= to && ticks->len < max_ticks)
    {
      gint64 next;

      g_array_append_val (ticks, tick);
      next = atlas_tick_step_add (step, tick, 1);
      if (next <= tick)
        break;
      tick = next;
    }

  return ticks;
}

char *
atlas_tick_step_format (AtlasTickStep step,
                        gint64        tick)
{
  int month, day, hour, minute;

  civil (tick, NULL, &month, &day, &hour, &minute);

  if (step.unit >= ATLAS_PRECISION_HOUR && (hour != 0 || minute != 0))
    /* Translators: timeline tick for a time of day, a g_date_time_format() format */
    return format_time (tick, _("%H:%M"));

  if (step.unit != ATLAS_PRECISION_WEEK && month == 1 && day == 1)
    /* Translators: timeline tick for a year, a g_date_time_format() format */
    return format_time (tick, _("%Y"));

  switch (step.unit)
    {
    case ATLAS_PRECISION_YEAR:
      return format_time (tick, _("%Y"));
    case ATLAS_PRECISION_MONTH:
      /* Translators: timeline tick for a month, a g_date_time_format() format */
      return format_time (tick, _("%b"));
    case ATLAS_PRECISION_WEEK:
      /* Translators: timeline tick for a day with its month ("5 Dec"), a g_date_time_format() format */
      return format_time (tick, _("%-d %b"));
    case ATLAS_PRECISION_DAY:
    case ATLAS_PRECISION_HOUR:
    case ATLAS_PRECISION_MINUTE:
    case ATLAS_PRECISION_SECOND:
    default:
      if (day == 1)
        return format_time (tick, _("%-d %b"));
      if (step.unit == ATLAS_PRECISION_DAY && step.step > 1)
        /* Translators: timeline tick for a day of the month, a g_date_time_format() format */
        return format_time (tick, _("%-d"));
      /* Translators: timeline tick for a day with its weekday ("Mon 5"), a g_date_time_format() format */
      return format_time (tick, _("%a %-d"));
    }
}

char *
atlas_tick_step_format_context (AtlasTickStep step,
                                gint64        time)
{
  switch (atlas_tick_step_get_context_unit (step))
    {
    case ATLAS_PRECISION_YEAR:
      return format_time (time, _("%Y"));
    case ATLAS_PRECISION_MONTH:
      /* Translators: timeline context label for a month, a g_date_time_format() format */
      return format_time (time, _("%B %Y"));
    case ATLAS_PRECISION_WEEK:
    case ATLAS_PRECISION_DAY:
    case ATLAS_PRECISION_HOUR:
    case ATLAS_PRECISION_MINUTE:
    case ATLAS_PRECISION_SECOND:
    default:
      /* Translators: timeline context label for a day (times on the axis are UTC),
       * a g_date_time_format() format */
      return format_time (time, _("%A %-d %B %Y (UTC)"));
    }
}

guint
atlas_timescale_pack_lanes (const double *x0,
                            const double *x1,
                            gsize         n,
                            double        gap,
                            guint         max_lanes,
                            guint        *lanes)
{
  g_autofree double *lane_end = NULL;
  guint n_lanes = 0;

  g_return_val_if_fail (n == 0 || (x0 != NULL && x1 != NULL && lanes != NULL), 0);

  if (n == 0 || max_lanes == 0)
    {
      for (gsize i = 0; i < n; i++)
        lanes[i] = ATLAS_TIMESCALE_LANE_OVERFLOW;
      return 0;
    }

  lane_end = g_new (double, max_lanes);

  for (gsize i = 0; i < n; i++)
    {
      guint lane;

      g_assert (i == 0 || x0[i] >= x0[i - 1]);

      for (lane = 0; lane < n_lanes; lane++)
        if (lane_end[lane] + gap <= x0[i])
          break;

      if (lane == n_lanes)
        {
          if (n_lanes == max_lanes)
            {
              lanes[i] = ATLAS_TIMESCALE_LANE_OVERFLOW;
              continue;
            }
          n_lanes++;
        }

      lane_end[lane] = MAX (x1[i], x0[i]);
      lanes[i] = lane;
    }

  return n_lanes;
}
