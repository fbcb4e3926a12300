/* test-timescale.c — time ↔ x mapping, axis ticks at every zoom, labels, lane packing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "atlas-model.h"
#include "atlas-timescale.h"

#define DAY ATLAS_USEC_PER_DAY
#define HOUR (DAY / 24)

static gint64
civil (int year, int month, int day, int hour, int minute)
{
  return atlas_time_from_civil (year, month, day, hour, minute, 0);
}

static void
test_mapping_round_trip (void)
{
  AtlasTimescale s;
  gint64 from = civil (2011, 1, 1, 0, 0);
  gint64 to = civil (2017, 1, 1, 0, 0);

  atlas_timescale_set_range (&s, from, to, 1000);
  g_assert_cmpfloat_with_epsilon (atlas_timescale_time_to_x (&s, from), 0.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (atlas_timescale_time_to_x (&s, to), 1000.0, 1e-6);

  for (double x = -50; x <= 1050; x += 37.5)
    g_assert_cmpfloat_with_epsilon (atlas_timescale_time_to_x (&s, atlas_timescale_x_to_time (&s, x)),
                                    x, 1e-6);

  /* zooming keeps the anchor in place */
  {
    gint64 anchor = atlas_timescale_x_to_time (&s, 400);

    g_assert_true (atlas_timescale_zoom_at (&s, 8.0, 400));
    g_assert_cmpint (llabs (atlas_timescale_x_to_time (&s, 400) - anchor), <, ATLAS_USEC_PER_SECOND);
    g_assert_cmpfloat_with_epsilon (atlas_timescale_length (&s, to - from), 8000.0, 1e-3);
  }

  /* panning by 100 px moves 100 px worth of time */
  {
    gint64 t = atlas_timescale_x_to_time (&s, 0);

    atlas_timescale_pan (&s, 100);
    g_assert_cmpfloat_with_epsilon (atlas_timescale_time_to_x (&s, t), -100.0, 1e-3);
  }

  /* clamped at the deepest zoom */
  while (atlas_timescale_zoom_at (&s, 10.0, 0))
    ;
  g_assert_cmpfloat (s.usec_per_px, ==, ATLAS_TIMESCALE_MIN_USEC_PER_PX);
  g_assert_false (atlas_timescale_zoom_at (&s, 2.0, 0));
}

typedef struct {
  double         days_per_1000px;
  AtlasPrecision unit;
  guint          step;
} StepCase;

static void
test_choose_step (void)
{
  /* a 1000 px axis with labels at least 70 px apart */
  const StepCase cases[] = {
    { 365.25 * 6, ATLAS_PRECISION_MONTH, 6 },    /* 2011–2016: years and July */
    { 365.25 * 20, ATLAS_PRECISION_YEAR, 2 },
    { 365.25 * 40, ATLAS_PRECISION_YEAR, 5 },
    { 365.25 * 2, ATLAS_PRECISION_MONTH, 3 },
    { 365.25, ATLAS_PRECISION_MONTH, 1 },
    { 70, ATLAS_PRECISION_WEEK, 1 },
    { 31, ATLAS_PRECISION_WEEK, 1 },             /* a month */
    { 20, ATLAS_PRECISION_DAY, 2 },
    { 10, ATLAS_PRECISION_DAY, 1 },              /* early December 2016 */
    { 2, ATLAS_PRECISION_HOUR, 6 },
    { 0.25, ATLAS_PRECISION_MINUTE, 30 },
    { 0.02, ATLAS_PRECISION_MINUTE, 5 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      AtlasTimescale s;
      AtlasTickStep step;
      gint64 from = civil (2016, 12, 1, 0, 0);

      atlas_timescale_set_range (&s, from, from + (gint64) (cases[i].days_per_1000px * DAY), 1000);
      step = atlas_timescale_choose_step (&s, 70);
      g_test_message ("%g days: unit %d step %u", cases[i].days_per_1000px, step.unit, step.step);
      g_assert_cmpint (step.unit, ==, cases[i].unit);
      g_assert_cmpuint (step.step, ==, cases[i].step);
      g_assert_cmpfloat (atlas_timescale_length (&s, atlas_tick_step_get_duration (step)), >=, 70);
    }
}

static void
assert_ticks (AtlasTickStep  step,
              gint64         from,
              gint64         to,
              const char   **labels)
{
  g_autoptr(GArray) ticks = atlas_tick_step_list (step, from, to, 1000);
  guint n = g_strv_length ((char **) labels);

  g_assert_cmpuint (ticks->len, ==, n);
  for (guint i = 0; i < ticks->len; i++)
    {
      gint64 t = g_array_index (ticks, gint64, i);
      g_autofree char *label = atlas_tick_step_format (step, t);

      g_assert_cmpint (t, >=, from);
      g_assert_cmpint (t, <=, to);
      g_assert_cmpstr (label, ==, labels[i]);
      g_assert_cmpint (atlas_tick_step_floor (step, t), ==, t);
      if (i > 0)
        g_assert_cmpint (atlas_tick_step_add (step, g_array_index (ticks, gint64, i - 1), 1), ==, t);
    }
}

static void
test_ticks_years (void)
{
  const char *years[] = { "2011", "2012", "2013", "2014", "2015", "2016", "2017", NULL };
  const char *fives[] = { "2010", "2015", "2020", NULL };
  AtlasTickStep step = { ATLAS_PRECISION_YEAR, 1 };

  assert_ticks (step, civil (2010, 7, 1, 0, 0), civil (2017, 1, 1, 0, 0), years);
  step.step = 5;
  assert_ticks (step, civil (2008, 1, 1, 0, 0), civil (2020, 6, 1, 0, 0), fives);
  g_assert_cmpint (atlas_tick_step_floor (step, civil (2016, 12, 5, 0, 0)), ==, civil (2015, 1, 1, 0, 0));
}

static void
test_ticks_months (void)
{
  const char *months[] = { "Nov", "Dec", "2017", "Feb", NULL };
  const char *quarters[] = { "Jul", "Oct", "2017", "Apr", NULL };
  AtlasTickStep step = { ATLAS_PRECISION_MONTH, 1 };

  assert_ticks (step, civil (2016, 10, 15, 0, 0), civil (2017, 2, 20, 0, 0), months);
  step.step = 3;
  assert_ticks (step, civil (2016, 5, 15, 0, 0), civil (2017, 6, 20, 0, 0), quarters);
  g_assert_cmpint (atlas_tick_step_add (step, civil (2016, 10, 1, 0, 0), -4), ==, civil (2015, 10, 1, 0, 0));
}

static void
test_ticks_weeks_days (void)
{
  const char *weeks[] = { "28 Nov", "5 Dec", "12 Dec", NULL };
  const char *days[] = { "Sun 4", "Mon 5", "Tue 6", NULL };
  const char *turn[] = { "Wed 30", "1 Dec", "Fri 2", NULL };
  const char *pairs[] = { "27", "29", "1 Dec", "3", NULL };
  AtlasTickStep step = { ATLAS_PRECISION_WEEK, 1 };

  /* weeks start on Monday: 5 December 2016 was a Monday */
  assert_ticks (step, civil (2016, 11, 27, 0, 0), civil (2016, 12, 14, 0, 0), weeks);

  step.unit = ATLAS_PRECISION_DAY;
  assert_ticks (step, civil (2016, 12, 3, 12, 0), civil (2016, 12, 6, 12, 0), days);
  assert_ticks (step, civil (2016, 11, 30, 0, 0), civil (2016, 12, 2, 0, 0), turn);

  /* two-day steps restart on the 1st, so 29 Nov is followed by 1 Dec */
  step.step = 2;
  assert_ticks (step, civil (2016, 11, 26, 0, 0), civil (2016, 12, 4, 0, 0), pairs);
  g_assert_cmpint (atlas_tick_step_add (step, civil (2016, 12, 1, 0, 0), -1), ==, civil (2016, 11, 29, 0, 0));
}

static void
test_ticks_hours_minutes (void)
{
  const char *hours[] = { "18:00", "Mon 5", "06:00", NULL };
  const char *minutes[] = { "14:15", "14:30", "14:45", "15:00", NULL };
  const char *new_year[] = { "23:00", "2017", NULL };
  AtlasTickStep step = { ATLAS_PRECISION_HOUR, 6 };

  assert_ticks (step, civil (2016, 12, 4, 17, 0), civil (2016, 12, 5, 8, 0), hours);
  step.step = 1;
  assert_ticks (step, civil (2016, 12, 31, 22, 30), civil (2017, 1, 1, 0, 30), new_year);
  step.unit = ATLAS_PRECISION_MINUTE;
  step.step = 15;
  assert_ticks (step, civil (2016, 12, 5, 14, 10), civil (2016, 12, 5, 15, 0), minutes);
}

static void
test_context_labels (void)
{
  gint64 t = civil (2016, 12, 5, 14, 30);
  struct {
    AtlasTickStep step;
    const char   *label;
  } cases[] = {
    { { ATLAS_PRECISION_YEAR, 1 }, "2016" },
    { { ATLAS_PRECISION_MONTH, 1 }, "2016" },
    { { ATLAS_PRECISION_WEEK, 1 }, "December 2016" },
    { { ATLAS_PRECISION_DAY, 1 }, "December 2016" },
    { { ATLAS_PRECISION_HOUR, 3 }, "Monday 5 December 2016 (UTC)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *label = atlas_tick_step_format_context (cases[i].step, t);

      g_assert_cmpstr (label, ==, cases[i].label);
    }

  g_assert_cmpint (atlas_tick_step_get_context_unit ((AtlasTickStep) { ATLAS_PRECISION_DAY, 2 }),
                   ==, ATLAS_PRECISION_MONTH);
}

static void
test_tick_limit (void)
{
  AtlasTickStep step = { ATLAS_PRECISION_MINUTE, 1 };
  g_autoptr(GArray) ticks = atlas_tick_step_list (step, civil (2011, 1, 1, 0, 0),
                                                  civil (2016, 1, 1, 0, 0), 500);

  g_assert_cmpuint (ticks->len, ==, 500);
}

static void
test_pack_lanes (void)
{
  /* a long span, two overlapping marks, one that fits after the first mark */
  const double x0[] = { 0, 5, 8, 20, 40, 41 };
  const double x1[] = { 100, 15, 18, 30, 50, 42 };
  guint lanes[G_N_ELEMENTS (x0)];
  guint n;

  n = atlas_timescale_pack_lanes (x0, x1, G_N_ELEMENTS (x0), 2, 8, lanes);
  g_assert_cmpuint (n, ==, 3);
  g_assert_cmpuint (lanes[0], ==, 0);
  g_assert_cmpuint (lanes[1], ==, 1);
  g_assert_cmpuint (lanes[2], ==, 2);
  g_assert_cmpuint (lanes[3], ==, 1);   /* lane 1 free again from 17 */
  g_assert_cmpuint (lanes[4], ==, 1);
  g_assert_cmpuint (lanes[5], ==, 2);

  /* no two intervals of one lane overlap */
  for (guint i = 0; i < G_N_ELEMENTS (x0); i++)
    for (guint j = i + 1; j < G_N_ELEMENTS (x0); j++)
      if (lanes[i] == lanes[j])
        g_assert_true (x1[i] + 2 <= x0[j]);

  /* with two lanes the rest overflows */
  n = atlas_timescale_pack_lanes (x0, x1, G_N_ELEMENTS (x0), 2, 2, lanes);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpuint (lanes[2], ==, ATLAS_TIMESCALE_LANE_OVERFLOW);
  g_assert_cmpuint (lanes[3], ==, 1);
  g_assert_cmpuint (lanes[5], ==, ATLAS_TIMESCALE_LANE_OVERFLOW);

  g_assert_cmpuint (atlas_timescale_pack_lanes (NULL, NULL, 0, 2, 8, NULL), ==, 0);
}

static void
test_pack_lanes_many (void)
{
  /* 10 000 instants a pixel apart, each 6 px wide: 4 lanes with a 1 px gap */
  guint n = 10000;
  g_autofree double *x0 = g_new (double, n);
  g_autofree double *x1 = g_new (double, n);
  g_autofree guint *lanes = g_new (guint, n);

  for (guint i = 0; i < n; i++)
    {
      x0[i] = i * 2.0;
      x1[i] = x0[i] + 6;
    }

  g_assert_cmpuint (atlas_timescale_pack_lanes (x0, x1, n, 1, 64, lanes), ==, 4);
  for (guint i = 0; i < n; i++)
    g_assert_cmpuint (lanes[i], ==, i % 4);
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "C.UTF-8");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/timescale/mapping", test_mapping_round_trip);
  g_test_add_func ("/timescale/choose-step", test_choose_step);
  g_test_add_func ("/timescale/ticks/years", test_ticks_years);
  g_test_add_func ("/timescale/ticks/months", test_ticks_months);
  g_test_add_func ("/timescale/ticks/weeks-days", test_ticks_weeks_days);
  g_test_add_func ("/timescale/ticks/hours-minutes", test_ticks_hours_minutes);
  g_test_add_func ("/timescale/ticks/limit", test_tick_limit);
  g_test_add_func ("/timescale/labels/context", test_context_labels);
  g_test_add_func ("/timescale/lanes", test_pack_lanes);
  g_test_add_func ("/timescale/lanes/many", test_pack_lanes_many);

  return g_test_run ();
}
