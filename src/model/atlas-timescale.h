/* atlas-timescale.h — time ↔ x mapping, axis ticks and lane packing for the timeline
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pure maths (GLib only), so the unit suite can check it without a display.
 * Instants are microseconds since the epoch in UTC, as in atlas-time.h.
 */

#pragma once

#include <glib.h>

#include "atlas-vocab.h"

G_BEGIN_DECLS

/* Zoom limits: at most 2 seconds per pixel (a minute is 30 px wide) and at
 * least 2 years per pixel. */
#define ATLAS_TIMESCALE_MIN_USEC_PER_PX (2.0 * 1e6)
#define ATLAS_TIMESCALE_MAX_USEC_PER_PX (2.0 * 365.25 * 86400.0 * 1e6)

#define ATLAS_TIMESCALE_LANE_OVERFLOW G_MAXUINT

typedef struct {
  gint64 start;        /* the instant at x = 0 */
  double usec_per_px;  /* microseconds per pixel, within the limits above */
} AtlasTimescale;

/* A tick interval: @step periods of @unit.  @unit is one of YEAR, MONTH, WEEK,
 * DAY, HOUR, MINUTE. */
typedef struct {
  AtlasPrecision unit;
  guint          step;
} AtlasTickStep;

/* Frames [@from, @to) across @width pixels. */
void     atlas_timescale_set_range      (AtlasTimescale *self,
                                         gint64          from,
                                         gint64          to,
                                         double          width);
double   atlas_timescale_time_to_x      (const AtlasTimescale *self,
                                         gint64                time);
gint64   atlas_timescale_x_to_time      (const AtlasTimescale *self,
                                         double                x);
/* @duration microseconds in pixels */
double   atlas_timescale_length         (const AtlasTimescale *self,
                                         gint64                duration);
/* Multiplies the zoom by @factor (> 1 zooms in) keeping the instant under
 * @anchor_x in place; clamped to the limits.  Returns FALSE when nothing changed. */
gboolean atlas_timescale_zoom_at        (AtlasTimescale *self,
                                         double          factor,
                                         double          anchor_x);
/* Moves the view by @dx pixels (positive shows later times). */
void     atlas_timescale_pan            (AtlasTimescale *self,
                                         double          dx);

/* The finest step of the ladder
 *   10/5/2/1 years (and coarser decades), 6/3/1 months, 1 week, 2/1 days,
 *   12/6/3/1 hours, 30/15/5/1 minutes
 * whose ticks are at least @min_px apart. */
AtlasTickStep atlas_timescale_choose_step (const AtlasTimescale *self,
                                           double                min_px);
/* Nominal length of one step, in microseconds (a month counts 30.44 days). */
gint64   atlas_tick_step_get_duration   (AtlasTickStep step);
/* The next coarser unit used for the context row: MONTH → YEAR, WEEK/DAY → MONTH,
 * HOUR/MINUTE → DAY; YEAR → YEAR. */
AtlasPrecision atlas_tick_step_get_context_unit (AtlasTickStep step);

/* The last tick of @step at or before @time (years aligned to multiples of the
 * step, months to January, weeks to Monday, hours and minutes to midnight). */
gint64   atlas_tick_step_floor          (AtlasTickStep step,
                                         gint64        time);
/* The tick @n steps after (or before, n < 0) the tick @tick, by the calendar. */
gint64   atlas_tick_step_add            (AtlasTickStep step,
                                         gint64        tick,
                                         int           n);
/* New array of gint64: every tick of @step in [@from, @to], ascending.
 * At most @max_ticks (the array stops there). */
GArray  *atlas_tick_step_list           (AtlasTickStep step,
                                         gint64        from,
                                         gint64        to,
                                         guint         max_ticks);

/* Short label of a tick, naming the coarsest period it begins:
 *   years "2016"; months "Dec", January "2016"; weeks "5 Dec";
 *   days "Mon 5" (step 1) or "5", the 1st "1 Dec", 1 January "2016";
 *   hours and minutes "14:30", midnight as a day. */
char    *atlas_tick_step_format         (AtlasTickStep step,
                                         gint64        tick);
/* Label of the coarser period that contains @time, for the context row:
 * "2016", "December 2016", "Monday 5 December 2016". */
char    *atlas_tick_step_format_context (AtlasTickStep step,
                                         gint64        time);

/* Greedy first-fit lane packing.  Intervals [x0[i], x1[i]) must be sorted by x0.
 * Each gets the lowest lane whose last interval ends at least @gap before it;
 * one that finds none below @max_lanes gets ATLAS_TIMESCALE_LANE_OVERFLOW.
 * Returns the number of lanes used. */
guint    atlas_timescale_pack_lanes     (const double *x0,
                                         const double *x1,
                                         gsize         n,
                                         double        gap,
                                         guint         max_lanes,
                                         guint        *lanes);

G_END_DECLS
